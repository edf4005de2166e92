"""Command line: `python -m handbook check` validates all content without building the site."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .paths import Layout, find_root
from .problems import report
from .sitebuild import build_site
from .validate import load_content


def cmd_check(layout: Layout) -> int:
    content = load_content(layout.data_dir, layout.root)
    if content.problems:
        print(report(content.problems), file=sys.stderr if content.errors else sys.stdout)
    if content.errors:
        return 1
    counts = {}
    for r in content.records:
        counts[r.folder] = counts.get(r.folder, 0) + 1
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"OK: {len(content.records)} records ({summary}).")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handbook", description="Policy Service Handbook content tools.")
    parser.add_argument("--root", type=Path, default=None, help="project root (default: the folder holding mkdocs.yml)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate every record and report all problems as path:line: field: message")
    sub.add_parser("build", help="strict build of site/ from scratch; the previous site/ is kept if the build fails")
    args = parser.parse_args(argv)
    layout = Layout(find_root(args.root))
    if args.command == "check":
        return cmd_check(layout)
    if args.command == "build":
        return build_site(layout.root, layout.root / "site")
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
