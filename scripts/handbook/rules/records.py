"""Rules on one typed record: its owner, a letter's placeholders, unique field names."""
from __future__ import annotations

import difflib
from typing import Iterator

from ..labels import departments_en
from ..model import Field, LetterSpec, Record
from ..placeholders import RESERVED_NAMES, PlaceholderError, placeholder_names
from ..problems import FieldPath, Problem, format_field_path
from . import Raw, rule
from .suggest import did_you_mean


@rule("record", "unknown-owner.yaml")
def known_owner(raw: Raw, record: Record) -> Iterator[Problem]:
    """The owner is a department English pages can name (`labels.departments_en`)."""
    if record.owner not in departments_en():
        yield Problem(raw.path, raw.loaded.line_of(("owner",)), "owner",
                      f"'{record.owner}' is not a known department{did_you_mean(record.owner, departments_en())}"
                      f" (a new department needs its English name in handbook/labels.py)")


@rule("record", "undeclared-placeholder.yaml", "placeholder-sets-differ.yaml", "template-logic-in-body.yaml",
      "template-comment-in-body.yaml", "unused-letter-field.yaml")
def letter_placeholders(raw: Raw, record: Record) -> Iterator[Problem]:
    """Letter placeholders are declared fields, every field is used, zh and en use the same set."""
    spec = record.spec
    if not isinstance(spec, LetterSpec):
        return
    declared = [f.name for f in spec.fields]
    used: dict[str, list[str]] = {}
    for lang in ("zh", "en"):
        where = ("spec", "body", lang)
        try:
            used[lang] = placeholder_names(spec.body(lang))
        except PlaceholderError as err:
            yield Problem(raw.path, raw.loaded.line_in(where, err.line), format_field_path(where), str(err))
            continue
        for name in used[lang]:
            if name not in declared:
                near = difflib.get_close_matches(name, declared, n=1)
                hint = f" (did you mean '{near[0]}'?)" if near else ""
                yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                              f"placeholder '{{{{ {name} }}}}' is not a declared field{hint}")
    if len(used) == 2 and set(used["zh"]) != set(used["en"]):
        only_zh = sorted(set(used["zh"]) - set(used["en"]))
        only_en = sorted(set(used["en"]) - set(used["zh"]))
        where = ("spec", "body")
        yield Problem(raw.path, raw.loaded.line_of(where), "spec.body",
                      f"zh and en use different placeholders (only zh: {only_zh or '-'}; only en: {only_en or '-'})")
    for role, name in vars(spec.recipient).items():
        if name not in declared:
            where = ("spec", "recipient", role)
            yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                          f"'{name}' is not a declared field{did_you_mean(name, declared)}")
    if used:
        all_used = set().union(*used.values(), vars(spec.recipient).values())
        for i, f in enumerate(spec.fields):
            if f.name not in all_used:
                where = ("spec", "fields", i, "name")
                yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                              f"field '{f.name}' is declared but never used in the body")


@rule("record", "reserved-field-name.yaml")
def no_reserved_field_names(raw: Raw, record: Record) -> Iterator[Problem]:
    """A letter's field names are not names the template engine gives a meaning of its own (self, loop, none …)."""
    if not isinstance(record.spec, LetterSpec):
        return
    for i, f in enumerate(record.spec.fields):
        if f.name in RESERVED_NAMES:
            where = ("spec", "fields", i, "name")
            yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                          f"'{f.name}' has a meaning of its own in letter templates, so the letter would not print "
                          f"what is typed; choose another name (e.g. '{f.name}_name' or a word for what it holds)")


_TEMPLATE_MARKS = ("{{", "{%", "{#")


@rule("record", "placeholder-in-subject.yaml")
def plain_letter_subject(raw: Raw, record: Record) -> Iterator[Problem]:
    """A letter's subject is printed as written: no placeholder or other template syntax in it."""
    if not isinstance(record.spec, LetterSpec):
        return
    for lang in ("zh", "en"):
        subject = record.spec.subject(lang)
        mark = next((m for m in _TEMPLATE_MARKS if m in subject), None)
        if mark:
            where = ("spec", "subject", lang)
            yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                          f"the subject is printed as written, so '{mark}' would appear on the letter; placeholders "
                          "are filled in the body only: move it into the body")


def _repeated_names(raw: Raw, fields: list[Field], base: FieldPath, seen: dict[str, FieldPath]) -> Iterator[Problem]:
    for i, f in enumerate(fields):
        where = base + (i, "name")
        if f.name in seen:
            yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                          f"field name '{f.name}' is used twice (first at {format_field_path(seen[f.name])})")
        else:
            seen[f.name] = where


@rule("record", "field-name-twice.yaml")
def unique_field_names(raw: Raw, record: Record) -> Iterator[Problem]:
    """Field names are unique within a letter or a form (across all its sections)."""
    if isinstance(record.spec, LetterSpec):
        yield from _repeated_names(raw, record.spec.fields, ("spec", "fields"), {})
    sections = getattr(record.spec, "sections", None)
    if sections is not None:
        seen: dict[str, FieldPath] = {}
        for i, section in enumerate(sections):
            yield from _repeated_names(raw, section.fields, ("spec", "sections", i, "fields"), seen)
