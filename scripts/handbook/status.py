"""`status`: records per kind and status, the working-day calendar running out, overdue reviews, drafts, and English
texts older than their Chinese."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterator

import yaml

from .deadlines import work_calendar
from .holidays import calendar_ends_soon
from .kinds import KINDS
from .problems import FieldPath, format_field_path
from .review import DUE_SOON_DAYS, reviews_by_owner
from .scaffold import kind_schema
from .validate import Content, load_content
from .yamlload import _Loader

_BLAME_HEADER = re.compile(r"^[0-9a-f]{40} \d+ (\d+)")


@dataclass(frozen=True)
class Stale:
    """A text whose zh lines were changed in a later commit than its en lines."""
    path: str
    line: int
    field: str
    zh_changed: date
    en_changed: date

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: zh changed {self.zh_changed}, en last changed {self.en_changed}"


class GitUnavailable(Exception):
    """Translations cannot be compared; the message says why."""


def _git(cwd: Path, *args: str) -> str:
    """Run a read-only git command and return its output, or raise GitUnavailable."""
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as err:
        raise GitUnavailable(f"git could not be run ({err.strerror})") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitUnavailable(message[0] if message else f"git {args[0]} failed")
    return done.stdout.decode("utf-8", "replace")


def _candidates(top: Path, data_dir: Path) -> set[Path]:
    """Files whose zh and en could differ in age: changed by two or more commits, or edited since the last one."""
    where = str(data_dir.resolve().relative_to(top))
    counts = Counter(line for line in _git(top, "log", "--format=", "--name-only", "--", where).splitlines() if line)
    edited = _git(top, "diff", "--name-only", "HEAD", "--", where).splitlines() if counts else []
    return {top / name for name, n in counts.items() if n > 1} | {top / name for name in edited if name}


def _line_times(top: Path, path: Path) -> dict[int, int]:
    """For every line of the file (1-based), the time of the last commit that changed it (now if uncommitted)."""
    times: dict[int, int] = {}
    current = 0
    for line in _git(top, "blame", "--line-porcelain", "--", str(path.relative_to(top))).splitlines():
        header = _BLAME_HEADER.match(line)
        if header:
            current = int(header.group(1))
        elif line.startswith("committer-time "):
            times[current] = int(line.split()[1])
    return times


def _span(key: yaml.Node, value: yaml.Node) -> range:
    """1-based lines from the key to the end of its value."""
    end = value.end_mark.line if value.end_mark.column > 0 else value.end_mark.line - 1
    return range(key.start_mark.line + 1, max(end, key.start_mark.line) + 2)


def text_spans(node: yaml.Node, path: FieldPath = ()) -> Iterator[tuple[FieldPath, range, range]]:
    """Each {zh, en} text in a composed YAML tree: its field path and the lines of its zh and of its en value."""
    if isinstance(node, yaml.MappingNode):
        langs = {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        if set(langs) == {"zh", "en"} and all(isinstance(v, yaml.ScalarNode) for _, v in langs.values()):
            yield path, _span(*langs["zh"]), _span(*langs["en"])
            return
        for key, value in node.value:
            yield from text_spans(value, path + (key.value,))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from text_spans(item, path + (i,))


def _day(timestamp: int) -> date:
    return datetime.fromtimestamp(timestamp).date()


def outdated_translations(data_dir: Path, shown: dict[Path, str]) -> list[Stale]:
    """Texts whose zh lines changed in a later commit than their en lines, found with git blame."""
    if shutil.which("git") is None:
        raise GitUnavailable("git is not installed")
    top = Path(_git(data_dir, "rev-parse", "--show-toplevel").strip()).resolve()
    stale: list[Stale] = []
    paths = sorted(_candidates(top, data_dir) & set(shown))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # one `git blame` per file, run side by side
        line_times = dict(zip(paths, pool.map(lambda path: _line_times(top, path), paths)))
    for path in paths:
        times = line_times[path]
        tree = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=_Loader)
        for where, zh_lines, en_lines in text_spans(tree):
            zh = max((times.get(n, 0) for n in zh_lines), default=0)
            en = max((times.get(n, 0) for n in en_lines), default=0)
            if zh > en:
                stale.append(Stale(shown[path], zh_lines.start, format_field_path(where), _day(zh), _day(en)))
    return stale


def _table(content: Content, statuses: list[str]) -> list[str]:
    """Records per kind (rows) and status (columns), with totals."""
    counts = Counter((r.folder, r.status) for r in content.records)
    header = ["kind", *statuses, "total"]
    rows = [[k.folder, *(counts[k.folder, s] for s in statuses), sum(counts[k.folder, s] for s in statuses)] for k in KINDS]
    rows.append(["total", *(sum(counts[k.folder, s] for k in KINDS) for s in statuses), len(content.records)])
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    return ["  ".join(str(cell).ljust(w) if i == 0 else str(cell).rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
            for row in [header, *rows]]


def report(data_dir: Path, root: Path, today: date | None = None) -> str:
    """The whole status report as text."""
    today = today or date.today()
    content = load_content(data_dir, root, today)
    statuses = kind_schema(KINDS[0])["properties"]["status"]["enum"]
    out = ["Records by kind and status", *_table(content, statuses)]
    broken = sorted({p.path for p in content.errors})
    if broken:
        out += ["", f"{len(broken)} file(s) with errors are not counted; run `make check` to see them."]
    calendar_note = calendar_ends_soon(work_calendar(content.holidays), today, data_dir, root)
    if calendar_note:
        out += ["", calendar_note]
    by_owner = reviews_by_owner(content.records, today)
    overdue = sorted((r for lists in by_owner.values() for r in lists.overdue), key=lambda r: (r.review_by, r.path))
    out += ["", f"Review overdue ({len(overdue)})"]
    out += [f"  {r.path}  review_by {r.review_by}  owner {r.owner}" for r in overdue]
    soon = sorted((r for lists in by_owner.values() for r in lists.due_soon), key=lambda r: (r.review_by, r.path))
    out += ["", f"Review due within {DUE_SOON_DAYS} days ({len(soon)})"]
    out += [f"  {r.path}  review_by {r.review_by}  owner {r.owner}" for r in soon]
    drafts = [r for r in content.records if r.status == "draft"]
    out += ["", f"Drafts ({len(drafts)})"] + [f"  {r.path}  updated {r.updated}  owner {r.owner}" for r in drafts]
    out += ["", "By owner (overdue / due soon / drafts)"]
    out += [f"  {owner}  {len(lists.overdue)} / {len(lists.due_soon)} / {len(lists.drafts)}" for owner, lists in by_owner.items()]
    shown = {(root / r.path).resolve(): r.path for r in content.records}
    try:
        stale = outdated_translations(data_dir, shown)
    except GitUnavailable as err:
        out += ["", f"Outdated translations: not checked ({err})."]
    else:
        out += ["", f"Outdated translations: zh changed after en ({len(stale)})"] + [f"  {s}" for s in stale]
    return "\n".join(out)
