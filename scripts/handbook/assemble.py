"""Assemble the build-time docs folder: hand-written pages plus one generated page per record and language."""
from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from .deadlines import DEADLINES_JSON, HolidayYear, deadlines_json, work_calendar
from .facts import NO_FACTS, Facts
from .navigation import DEADLINES_PAGE, FACTS_PAGE
from .kinds import KINDS, LANGUAGES
from .letterhead import Letterhead
from .model import Record, Text
from .glossary_links import glossary_terms
from .render import render_deadlines, render_facts, render_index, render_record, render_status, render_whats_new


def generated_pages(records: list[Record], tag_names: dict[str, Text], facts: Facts = NO_FACTS,
                    today: date | None = None, letterhead: Letterhead | None = None,
                    holidays: tuple[HolidayYear, ...] = ()) -> dict[str, str]:
    """Relative path -> Markdown for every generated page, both languages (the status page as of `today`, the
    deadline calculator with the calendar's years extended by `holidays`)."""
    cal = work_calendar(holidays)
    by_ref = {r.ref: r for r in records}
    pages: dict[str, str] = {}
    for lang in LANGUAGES:
        for kind in KINDS:
            of_kind = [r for r in records if r.folder == kind.folder]
            pages[f"{lang}/{kind.folder}/index.md"] = render_index(kind, lang, of_kind, by_ref, tag_names, facts)
        terms = glossary_terms(records, lang)
        for record in records:
            rel = f"{lang}/{record.folder}/{record.id}.md"
            if rel in pages:  # the validator refuses reserved ids; this guards the build against a silent overwrite
                raise ValueError(f"{record.ref} would replace the generated page {rel}; choose another id")
            pages[rel] = render_record(record, lang, by_ref, terms, tag_names, letterhead, facts, cal)
        pages[f"{lang}/whats-new.md"] = render_whats_new(lang, records, facts)
        pages[f"{lang}/status.md"] = render_status(lang, records, today or date.today())
        if facts.facts:
            pages[f"{lang}/{FACTS_PAGE}"] = render_facts(lang, facts)
            pages[f"{lang}/{DEADLINES_PAGE}"] = render_deadlines(lang, facts, cal)
    return pages


def _hand_written(docs_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(docs_dir).as_posix(): p.read_bytes() for p in sorted(docs_dir.rglob("*")) if p.is_file()}


def write_tree(target: Path, files: dict[str, bytes]) -> int:
    """Make target hold exactly these files, writing only what changed (so live reload does not loop)."""
    written = 0
    for rel, content in files.items():
        path = target / rel
        if path.is_file() and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written += 1
    wanted = {target / rel for rel in files}
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written


def assemble(docs_dir: Path, target: Path, records: list[Record], tag_names: dict[str, Text],
             letterhead: Letterhead | None = None, facts: Facts = NO_FACTS,
             holidays: tuple[HolidayYear, ...] = ()) -> int:
    """Fill target with docs_dir's files and the generated pages; return how many files were written."""
    files = _hand_written(docs_dir)
    for rel, text in generated_pages(records, tag_names, facts, letterhead=letterhead, holidays=holidays).items():
        if rel in files:
            raise ValueError(f"docs/{rel} is hand-written but is also generated from data; remove one")
        files[rel] = text.encode("utf-8")
    if facts.facts:  # the calculator's numbers and calendar, read by deadlines.js
        data = deadlines_json(facts, work_calendar(holidays))
        files[DEADLINES_JSON] = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    target.mkdir(parents=True, exist_ok=True)
    return write_tree(target, files)
