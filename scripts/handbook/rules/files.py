"""Rules on one loaded file's raw data: dates, leftover TODOs, invisible characters, reserved ids."""
from __future__ import annotations

import re
import unicodedata
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
_LINE_BREAKS = "\t\n\r"


def _where_in(value: str, index: int) -> str:
    """Where a character sits in a text: its 1-based position and the few characters before it."""
    before = value[max(0, index - 12):index].replace("\n", " ")
    return f"at character {index + 1}" + (f" (after '{before}')" if before.strip() else " (at the start)")


def _invisible(value: str) -> Iterator[tuple[int, str]]:
    """Each invisible character in a text: format characters (Unicode category Cf) and control characters."""
    for index, char in enumerate(value):
        category = unicodedata.category(char)
        if category == "Cf" or (category == "Cc" and char not in _LINE_BREAKS):
            yield index, char


@rule("file", "direction-control.yaml", "invisible-character.yaml")
def no_invisible_characters(raw: Raw) -> Iterator[Problem]:
    """No invisible character (direction controls, zero-width characters, U+FEFF, NUL and other controls)."""
    for where, value in iter_strings(raw.loaded.data):
        for index, char in _invisible(value):
            code = f"U+{ord(char):04X}"
            if _DIRECTION_CONTROLS.match(char):
                what, harm = f"the invisible direction control {code}", "can make text read backwards"
            else:
                what = f"the invisible character {code} ({unicodedata.name(char, 'a control character')})"
                harm = "readers cannot see, copy or search for correctly"
            yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                          f"contains {what} {_where_in(value, index)}, which {harm}; delete it (retype the text "
                          "around it if you cannot see it)")
            break  # one problem per text: the position of the first is enough to find the rest


RESERVED_IDS = {"index": "the section's list of records"}


@rule("file", "reserved-id.yaml")
def no_reserved_id(raw: Raw) -> Iterator[Problem]:
    """No record takes an id whose page the site generates itself (`index` is each section's list)."""
    if raw.stem in RESERVED_IDS:
        yield Problem(raw.path, raw.loaded.line_of(("id",)), "id",
                      f"'{raw.stem}' is reserved: its page would replace {RESERVED_IDS[raw.stem]}; choose another id "
                      "(and rename the file to match)")


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
