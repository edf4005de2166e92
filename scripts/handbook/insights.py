"""Summarise web-server logs for the content owners: searches that found nothing, what readers opened for a query,
pages readers found unhelpful and why, the most read records and those no one opened.

Two kinds of line are read, in any order and from any number of files:
- an event: `TIME<TAB>QUERY_STRING` (the `handbook_events` format of deploy/nginx.conf), or any access-log line
  whose request is `GET /_event?...` (a static host's own log);
- a page read: any access-log line with `GET /<kind>/<id>/` (or `/en/...`) answered 200 or 304.
Anything else is counted as a bad line and skipped.
"""
from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, TextIO
from urllib.parse import parse_qs, unquote, urlsplit

from .model import Record

LANGS = ("zh", "en")
EVENT_PATH = "/_event"
REASONS = ("wrong", "outdated", "unclear", "missing")
_REQUEST = re.compile(r'"?(?:GET|HEAD) (\S+)(?: HTTP/[0-9.]+)?"? (\d{3})\b')


@dataclass
class Feedback:
    yes: int = 0
    no: int = 0
    reasons: Counter = field(default_factory=Counter)
    comments: list[str] = field(default_factory=list)


@dataclass
class Summary:
    lines: int = 0
    bad: int = 0
    no_result: Counter = field(default_factory=Counter)      # (lang, query)
    opened: Counter = field(default_factory=Counter)         # (lang, query, page)
    feedback: dict = field(default_factory=lambda: defaultdict(Feedback))  # (lang, record ref)
    reads: Counter = field(default_factory=Counter)          # (lang, record ref)


def _first(params: dict[str, list[str]], key: str) -> str:
    values = params.get(key)
    return values[0].strip() if values else ""


def _page_ref(path: str) -> tuple[str, str] | None:
    """('en', 'glossary/grace-period') for /en/glossary/grace-period/ (or its index.html); None for other paths."""
    path = unquote(path.split("?", 1)[0])
    lang = "zh"
    if path.startswith("/en/"):
        lang, path = "en", path[3:]
    parts = [p for p in path.split("/") if p and p != "index.html"]
    return (lang, "/".join(parts)) if len(parts) == 2 else None


def _add_event(summary: Summary, query_string: str) -> bool:
    """Count one event; False when it is not one this site sends."""
    params = parse_qs(query_string, keep_blank_values=False)
    lang, kind = _first(params, "l"), _first(params, "e")
    if lang not in LANGS:
        return False
    if kind == "no-result" and _first(params, "q"):
        summary.no_result[(lang, _first(params, "q"))] += 1
        return True
    if kind == "opened" and _first(params, "q") and _first(params, "to"):
        page = _page_ref(_first(params, "to"))
        summary.opened[(lang, _first(params, "q"), page[1] if page else _first(params, "to"))] += 1
        return True
    if kind == "helpful" and _first(params, "r") and _first(params, "v") in ("yes", "no"):
        entry = summary.feedback[(lang, _first(params, "r"))]
        if _first(params, "v") == "yes":
            entry.yes += 1
            return True
        entry.no += 1
        entry.reasons.update(r for r in _first(params, "why").split(",") if r in REASONS)
        comment = _first(params, "c")[:200]
        if comment:
            entry.comments.append(comment)
        return True
    return False


def add_line(summary: Summary, line: str) -> None:
    """Count one log line as an event, a page read, or a bad line."""
    summary.lines += 1
    head, tab, rest = line.rstrip("\n").partition("\t")
    if tab and "=" in rest and " " not in rest:
        if not _add_event(summary, rest):
            summary.bad += 1
        return
    match = _REQUEST.search(line)
    if not match:
        summary.bad += 1
        return
    target, status = match.group(1), match.group(2)
    parts = urlsplit(target)
    if parts.path == EVENT_PATH:
        if not _add_event(summary, parts.query):
            summary.bad += 1
        return
    if status in ("200", "304"):
        page = _page_ref(parts.path)
        if page:
            summary.reads[page] += 1


def summarise(paths: Iterable[Path]) -> Summary:
    """Read every log file line by line (memory stays flat for any size); undecodable bytes are replaced."""
    summary = Summary()
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as log:
            for line in log:
                add_line(summary, line)
    return summary


@dataclass(frozen=True)
class Tables:
    """The summary as rows, per section, ready for text or CSV; records name known records only."""
    no_result: list[tuple[str, str, int]]
    opened: list[tuple[str, str, str, int]]
    unhelpful: list[tuple[str, str, str, int, int, str, str]]
    most_read: list[tuple[str, str, int]]
    unread: list[tuple[str, str]]


def tables(summary: Summary, records: list[Record]) -> Tables:
    known = {r.ref: r for r in records if r.status != "retired"}
    no_result = sorted(((lang, q, n) for (lang, q), n in summary.no_result.items()), key=lambda row: (row[0], -row[2], row[1]))
    opened = sorted(((lang, q, page, n) for (lang, q, page), n in summary.opened.items()),
                    key=lambda row: (row[0], row[1], -row[3], row[2]))
    unhelpful = sorted(
        ((lang, ref, known[ref].owner if ref in known else "?", fb.no, fb.yes,
          "; ".join(f"{reason} {n}" for reason, n in fb.reasons.most_common()), " | ".join(fb.comments))
         for (lang, ref), fb in summary.feedback.items() if fb.no),
        key=lambda row: (row[0], -row[3], row[1]))
    most_read = sorted(((lang, ref, n) for (lang, ref), n in summary.reads.items() if ref in known),
                       key=lambda row: (row[0], -row[2], row[1]))
    unread = [(lang, ref) for lang in LANGS for ref in sorted(known) if (lang, ref) not in summary.reads]
    return Tables(no_result, opened, unhelpful, most_read, unread)


_HEADERS = {
    "no_result": ("lang", "query", "searches"),
    "opened": ("lang", "query", "opened", "times"),
    "unhelpful": ("lang", "record", "owner", "no", "yes", "reasons", "comments"),
    "most_read": ("lang", "record", "reads"),
    "unread": ("lang", "record"),
}
_TITLES = {
    "no_result": "Searches with no result (most frequent first)",
    "opened": "Result opened per query",
    "unhelpful": "Records readers found unhelpful (most \"no\" first)",
    "most_read": "Most read records",
    "unread": "Records no one opened",
}


def write_text(result: Tables, summary: Summary, out: TextIO, top: int = 20) -> None:
    """A plain-text report, per language and section; long sections show their first `top` rows."""
    out.write(f"{summary.lines} log lines read, {summary.bad} bad lines skipped.\n")
    for lang in LANGS:
        for name, title in _TITLES.items():
            rows = [row[1:] for row in getattr(result, name) if row[0] == lang]
            out.write(f"\n[{lang}] {title}: {len(rows)}\n")
            for row in rows[:top]:
                out.write("  " + "  ".join(str(cell) for cell in row) + "\n")
            if len(rows) > top:
                out.write(f"  … {len(rows) - top} more (see the CSV files)\n")


def write_csv(result: Tables, folder: Path) -> list[Path]:
    """One CSV file per section (UTF-8 with a byte-order mark, so spreadsheets read Chinese), with a lang column."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, header in _HEADERS.items():
        path = folder / f"{name.replace('_', '-')}.csv"
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows(getattr(result, name))
        written.append(path)
    return written
