"""Command line: `python -m handbook check|build|prepare|postbuild|new|status|insights|contributing` for content editors,
the build and owners."""
from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from .buildlock import BuildBusy
from .insights import summarise, tables, write_csv, write_text
from .kinds import KINDS
from .labels import CatalogueError, catalogues
from .offline import OfflineError, write_offline_support
from .paths import Layout, find_root
from .pipeline import prepare
from .problems import ContentError, display_path, report
from .scaffold import ScaffoldError, create
from .search import SearchIndexError, build_search_index
from .sitebuild import build_site
from .status import report as status_report
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


def cmd_prepare(layout: Layout) -> int:
    """The content step on its own: validate, then write the build docs folder any site generator can build."""
    try:
        prepared = prepare(layout)
    except ContentError as err:
        print(str(err), file=sys.stderr)
        return 1
    print(f"Prepared {display_path(prepared.docs_dir, layout.root)}: {len(prepared.content.records)} records, "
          f"{prepared.written} files written; navigation per language is handbook.navigation.site_nav.")
    return 0


def cmd_postbuild(layout: Layout, site_dir: Path) -> int:
    """The post-build step on its own, over a built site: the search index, then the offline files."""
    content = load_content(layout.data_dir, layout.root)
    if content.errors:
        print(report(content.errors), file=sys.stderr)
        return 1
    try:
        for warning in build_search_index(site_dir, content.records):
            print(f"WARNING: {warning}", file=sys.stderr)
        write_offline_support(site_dir)
    except (SearchIndexError, OfflineError) as err:
        print(f"Post-build step failed: {err}", file=sys.stderr)
        return 1
    print(f"Indexed {site_dir} for search and offline use.")
    return 0


def cmd_new(layout: Layout, kind: str, record_id: str) -> int:
    """Scaffold one draft record; a refusal is one clear line on stderr and exit status 2."""
    try:
        path = create(layout.data_dir, kind, record_id)
    except ScaffoldError as err:
        print(f"Not created: {err}", file=sys.stderr)
        return 2
    print(f"Created {display_path(path, layout.root)}: replace every TODO, then run `make check`.")
    return 0


def cmd_insights(layout: Layout, logs: list[Path], csv_dir: Path | None) -> int:
    """Summarise reader events and page reads from web-server logs, as text (and CSV files when asked)."""
    missing = [str(p) for p in logs if not p.is_file()]
    if missing:
        print(f"Not a log file: {', '.join(missing)}", file=sys.stderr)
        return 2
    content = load_content(layout.data_dir, layout.root)
    summary = summarise(logs)
    result = tables(summary, content.records)
    write_text(result, summary, sys.stdout)
    if csv_dir is not None:
        written = write_csv(result, csv_dir)
        print(f"\nCSV: {', '.join(str(p) for p in written)}")
    return 0


def cmd_contributing(layout: Layout, check_only: bool) -> int:
    """Rewrite (or, with --check, only compare) the field tables of CONTRIBUTING.md from the schemas."""
    from .fieldtables import COMMAND, CONTRIBUTING, FieldTableError, update as update_field_tables  # editors' tool only

    try:
        fresh = update_field_tables(layout.root, check_only=check_only)
    except FieldTableError as err:
        print(f"Not written: {err}", file=sys.stderr)
        return 2
    if fresh:
        print(f"{CONTRIBUTING}: the field tables match the schemas.")
        return 0
    if check_only:
        print(f"{CONTRIBUTING}: the field tables differ from the schemas; run `{COMMAND}`.", file=sys.stderr)
        return 1
    print(f"{CONTRIBUTING}: field tables rewritten from the schemas.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one command; Ctrl-C, a busy build folder or a folder that cannot be written give one line, not a traceback."""
    try:
        return run(argv)
    except KeyboardInterrupt:
        print("Stopped (Ctrl-C); nothing was changed.", file=sys.stderr)
        return 130
    except BuildBusy as err:
        print(f"Not built: {err}", file=sys.stderr)
        return 75
    except CatalogueError as err:
        print(f"{err}\nThe interface wording (i18n/zh.yml, i18n/en.yml) has problems; nothing was built or checked further.",
              file=sys.stderr)
        return 1
    except OSError as err:
        where = f" {err.filename}" if err.filename else ""
        if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            print(f"Cannot write{where}: {err.strerror}; the project folder must be writable to build", file=sys.stderr)
        else:
            print(f"Stopped: {err.strerror or err}{where}", file=sys.stderr)
        return 1


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handbook", description="Policy Service Handbook content tools.")
    parser.add_argument("--root", type=Path, default=None, help="project root (default: the folder holding mkdocs.yml)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate every record and report all problems as path:line: field: message")
    sub.add_parser("build", help="strict build of site/ from scratch; the previous site/ is kept if the build fails")
    sub.add_parser("prepare", help="content step only: validate and write the build docs folder (.build/docs)")
    post = sub.add_parser("postbuild", help="post-build step only: search index and offline files for a built site")
    post.add_argument("site", type=Path, help="the built site folder")
    new = sub.add_parser("new", help="create a draft record with every required field and TODO in every text")
    new.add_argument("kind", help="one of: " + ", ".join(k.folder for k in KINDS))
    new.add_argument("id", help="the record's id and file name: lowercase words joined by hyphens")
    sub.add_parser("status", help="records per kind and status, overdue reviews, drafts and outdated translations")
    insights = sub.add_parser("insights", help="searches with no result, unhelpful pages, most and least read records")
    insights.add_argument("logs", nargs="+", type=Path, help="web-server logs: the events log and, for reads, the access log")
    insights.add_argument("--csv", type=Path, default=None, help="also write one CSV file per table into this folder")
    tables = sub.add_parser("contributing", help="rewrite the field tables of CONTRIBUTING.md from the schemas")
    tables.add_argument("--check", action="store_true", help="only report whether the tables differ; exit 1 if they do")
    args = parser.parse_args(argv)
    layout = Layout(find_root(args.root))
    if args.command in ("check", "build", "prepare", "postbuild"):
        catalogues()  # the interface wording first: a broken catalogue stops here with its file:line problems
    if args.command == "check":
        return cmd_check(layout)
    if args.command == "new":
        return cmd_new(layout, args.kind, args.id)
    if args.command == "status":
        print(status_report(layout.data_dir, layout.root))
        return 0
    if args.command == "insights":
        return cmd_insights(layout, args.logs, args.csv)
    if args.command == "build":
        return build_site(layout.root, layout.root / "site")
    if args.command == "prepare":
        return cmd_prepare(layout)
    if args.command == "contributing":
        return cmd_contributing(layout, args.check)
    if args.command == "postbuild":
        return cmd_postbuild(layout, args.site.resolve())
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
