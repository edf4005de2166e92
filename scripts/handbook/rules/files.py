"""Rules on one loaded file's raw data: dates, leftover TODOs, invisible characters."""
from __future__ import annotations

import re
from datetime import date
from typing import Iterator

from ..problems import FieldPath, Problem, format_field_path
from . import Raw, rule


def iter_strings(value: object, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every string in a record with its field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_strings(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from iter_strings(item, path + (i,))


@rule("file", "invalid-date.yaml", "review-before-update.yaml")
def real_dates(raw: Raw) -> Iterator[Problem]:
    """Dates are real calendar dates and review_by is not before updated."""
    data = raw.loaded.data
    parsed: dict[str, date] = {}
    for key in ("updated", "review_by"):
        try:
            parsed[key] = date.fromisoformat(data[key])
        except ValueError:
            yield Problem(raw.path, raw.loaded.line_of((key,)), key, f"{data[key]!r} is not a real date (YYYY-MM-DD)")
    if len(parsed) == 2 and parsed["review_by"] < parsed["updated"]:
        yield Problem(raw.path, raw.loaded.line_of(("review_by",)), "review_by", "is before 'updated'")


@rule("file", "todo-left.yaml")
def no_todo_left(raw: Raw) -> Iterator[Problem]:
    """No TODO marker left from `new` scaffolding (in any text, the owner or a source URL)."""
    for where, value in iter_strings(raw.loaded.data):
        if "TODO" in value:
            yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where), "still contains TODO; write the text")


_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


@rule("file", "direction-control.yaml")
def no_direction_controls(raw: Raw) -> Iterator[Problem]:
    """No invisible direction control (U+202A–U+202E, U+2066–U+2069); it can make text read backwards."""
    for where, value in iter_strings(raw.loaded.data):
        found = _DIRECTION_CONTROLS.search(value)
        if found:
            yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                          f"contains the invisible direction control U+{ord(found.group()):04X}, which can make text "
                          "read backwards; delete it (retype the text around it if you cannot see it)")


@rule("file", "history-out-of-order.yaml")
def history_newest_first(raw: Raw) -> Iterator[Problem]:
    """Older change notes are real dates, newest first, and older than `updated` (which holds the newest note)."""
    previous = raw.loaded.data.get("updated")
    for i, entry in enumerate(raw.loaded.data.get("history", [])):
        where = ("history", i, "date")
        try:
            day = date.fromisoformat(entry["date"])
        except ValueError:
            yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where), f"{entry['date']!r} is not a real date (YYYY-MM-DD)")
            return
        if previous and isinstance(previous, str) and previous <= entry["date"]:
            yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                          f"{entry['date']} is not older than the entry before it ({previous}); list older notes newest first, "
                          "and keep the newest in 'updated' and 'change_note'")
        previous = entry["date"]
