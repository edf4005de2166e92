"""Load every record, validate it against its schema and the cross-record rules, collect all problems."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

import jsonschema

from .kinds import KIND_BY_FOLDER, KIND_BY_NAME
from .labels import DEPARTMENTS_EN
from .letterhead import Letterhead, load_letterhead
from .model import Field, LetterSpec, Record, Text, build_record
from .placeholders import PlaceholderError, placeholder_names
from .problems import FieldPath, Problem, display_path, format_field_path
from .schemas import validator_for
from .yamlload import LoadError, Loaded, load_bytes


TAGS_FILE = "tags.yaml"


@dataclass
class Content:
    records: list[Record]
    problems: list[Problem]
    tag_names: dict[str, Text] = field(default_factory=dict)
    letterhead: Letterhead | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def by_ref(self) -> dict[str, Record]:
        return {r.ref: r for r in self.records}


@dataclass
class _Raw:
    path: str
    folder: str
    stem: str
    loaded: Loaded


_UNKNOWN_KEYS = re.compile(r"\('(.+?)' (?:was|were) unexpected\)")


def _schema_problems(raw: _Raw) -> Iterator[Problem]:
    """Rule: the record matches its kind's JSON Schema (unknown keys are errors)."""
    data = raw.loaded.data
    kind = data.get("kind")
    expected = KIND_BY_FOLDER[raw.folder].name
    if kind != expected:
        yield Problem(raw.path, raw.loaded.line_of(("kind",)), "kind",
                      f"is {kind!r} but files in {raw.folder}/ must say kind: {expected}")
        return
    for error in validator_for(kind).iter_errors(data):
        yield from _explain(raw, error)


def _explain(raw: _Raw, error: jsonschema.ValidationError) -> Iterator[Problem]:
    path: FieldPath = tuple(error.absolute_path)
    if "propertyNames" in error.relative_schema_path:  # a badly written key: point at the key, not its parent
        path = path + (str(error.instance),)
    if error.validator in ("additionalProperties", "unevaluatedProperties"):
        match = _UNKNOWN_KEYS.search(error.message)
        keys = [k.strip(" '") for k in match.group(1).split(",")] if match else []
        for key in keys or ["?"]:
            where = path + (key,)
            yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                          f"unknown key '{key}' (check the spelling against the schema)")
        return
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        where = path + (missing,)
        what = "text in this language" if missing in ("zh", "en") else "field"
        hint = " (every text needs both zh and en)" if missing in ("zh", "en") else ""
        yield Problem(raw.path, raw.loaded.line_of(path), format_field_path(where), f"missing {what} '{missing}'{hint}")
        return
    message = error.message
    if error.validator == "minLength" or (error.validator == "pattern" and error.validator_value == "\\S"):
        message = "must not be empty"
    elif error.validator == "pattern":
        message = f"{error.instance!r} does not match the required pattern {error.validator_value}"
    if len(message) > 300:
        message = message[:300] + "…"
    yield Problem(raw.path, raw.loaded.line_of(path), format_field_path(path), message)


def _iter_strings(value: object, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """Every string in a record with its field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _iter_strings(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _iter_strings(item, path + (i,))


def _letter_problems(raw: _Raw, spec: LetterSpec) -> Iterator[Problem]:
    """Rule: letter placeholders are declared fields, every field is used, zh and en use the same set."""
    declared = [f.name for f in spec.fields]
    used: dict[str, list[str]] = {}
    for lang in ("zh", "en"):
        where = ("spec", "body", lang)
        try:
            used[lang] = placeholder_names(spec.body(lang))
        except PlaceholderError as err:
            yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where), str(err))
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
                          f"'{name}' is not a declared field{_did_you_mean(name, declared)}")
    if used:
        all_used = set().union(*used.values(), vars(spec.recipient).values())
        for i, f in enumerate(spec.fields):
            if f.name not in all_used:
                where = ("spec", "fields", i, "name")
                yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                              f"field '{f.name}' is declared but never used in the body")


def _field_list_problems(raw: _Raw, fields: list[Field], base: FieldPath, seen: dict[str, FieldPath]) -> Iterator[Problem]:
    """Rule: field names are unique within a letter or form."""
    for i, f in enumerate(fields):
        where = base + (i, "name")
        if f.name in seen:
            yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                          f"field name '{f.name}' is used twice (first at {format_field_path(seen[f.name])})")
        else:
            seen[f.name] = where


def _date_problems(raw: _Raw) -> Iterator[Problem]:
    """Rule: dates are real calendar dates and review_by is not before updated."""
    data = raw.loaded.data
    parsed: dict[str, date] = {}
    for key in ("updated", "review_by"):
        try:
            parsed[key] = date.fromisoformat(data[key])
        except ValueError:
            yield Problem(raw.path, raw.loaded.line_of((key,)), key, f"{data[key]!r} is not a real date (YYYY-MM-DD)")
    if len(parsed) == 2 and parsed["review_by"] < parsed["updated"]:
        yield Problem(raw.path, raw.loaded.line_of(("review_by",)), "review_by", "is before 'updated'")


def _refs_in(record: Record) -> Iterator[tuple[FieldPath, str]]:
    """Every reference field of a record, with where it is: related, replaced_by, step uses, course modules."""
    for i, ref in enumerate(record.related):
        yield ("related", i), ref
    if record.replaced_by:
        yield ("replaced_by",), record.replaced_by
    steps = getattr(record.spec, "steps", [])
    for i, step in enumerate(steps):
        for j, ref in enumerate(step.uses):
            yield ("spec", "steps", i, "uses", j), ref
    for i, module in enumerate(getattr(record.spec, "modules", [])):
        where = ("spec", "modules", i)
        for j, ref in enumerate(module.reading):
            yield where + ("reading", j), ref
        for j, ref in enumerate(module.roleplay):
            yield where + ("roleplay", j), ref
        for j, ref in enumerate(module.task.uses):
            yield where + ("task", "uses", j), ref
        for j, question in enumerate(module.quiz):
            yield where + ("quiz", j, "ref"), question.ref


def _did_you_mean(value: str, known: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest known value, or '' when none is close."""
    near = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{near[0]}'?)" if near else ""


def _reference_problems(raws: dict[str, _Raw], records: list[Record]) -> Iterator[Problem]:
    """Rule: every reference names an existing record; a near miss gets a did-you-mean."""
    known = {r.ref for r in records} | set(raws)
    for record in records:
        raw = raws[record.ref]
        for where, ref in _refs_in(record):
            if ref in known:
                continue
            yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                          f"reference '{ref}' does not match any record{_did_you_mean(ref, known)}")


def _todo_problems(raw: _Raw) -> Iterator[Problem]:
    """Rule: no TODO marker left from `new` scaffolding (in any text, the owner or a source URL)."""
    for where, value in _iter_strings(raw.loaded.data, ()):
        if "TODO" in value:
            yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where), "still contains TODO; write the text")


def _owner_problems(raw: _Raw, record: Record) -> Iterator[Problem]:
    """Rule: the owner is a department English pages can name (`labels.DEPARTMENTS_EN`)."""
    if record.owner not in DEPARTMENTS_EN:
        yield Problem(raw.path, raw.loaded.line_of(("owner",)), "owner",
                      f"'{record.owner}' is not a known department{_did_you_mean(record.owner, DEPARTMENTS_EN)}"
                      f" (a new department needs its English name in handbook/labels.py)")


_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _direction_control_problems(raw: _Raw) -> Iterator[Problem]:
    """Rule: no invisible direction control (U+202A–U+202E, U+2066–U+2069); it can make text read backwards."""
    for where, value in _iter_strings(raw.loaded.data, ()):
        found = _DIRECTION_CONTROLS.search(value)
        if found:
            yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                          f"contains the invisible direction control U+{ord(found.group()):04X}, which can make text "
                          "read backwards; delete it (retype the text around it if you cannot see it)")


def _load_tag_names(data_dir: Path, root: Path) -> tuple[dict[str, Text], list[Problem]]:
    """The display names of the tags (tags.yaml beside the kind folders), checked against tags.schema.json."""
    path = data_dir / TAGS_FILE
    shown = display_path(path, root)
    if not path.is_file():
        return {}, [Problem(shown, 1, "(file)", "is missing: it names every tag in zh and en")]
    try:
        loaded = load_bytes(path.read_bytes(), ("the tag list", "`tags:` with each tag's zh and en name"))
    except LoadError as err:
        return {}, [Problem(shown, err.line, "(file)", err.message)]
    raw = _Raw(shown, "", path.stem, loaded)
    problems = [p for error in validator_for("tags").iter_errors(loaded.data) for p in _explain(raw, error)]
    if problems:
        return {}, problems
    return {slug: Text(**names) for slug, names in loaded.data["tags"].items()}, []


def _tag_problems(raws: dict[str, _Raw], records: list[Record], tag_names: dict[str, Text]) -> Iterator[Problem]:
    """Rule: every tag a record uses is named in tags.yaml; a near miss gets a did-you-mean."""
    for record in records:
        raw = raws[record.ref]
        for i, tag in enumerate(record.tags):
            if tag in tag_names:
                continue
            hint = _did_you_mean(tag, tag_names) or f" (add it to {TAGS_FILE} with its zh and en names)"
            yield Problem(raw.path, raw.loaded.line_of(("tags", i)), f"tags[{i}]", f"tag '{tag}' is not in {TAGS_FILE}{hint}")


def _discover(data_dir: Path) -> Iterator[tuple[str, Path]]:
    for folder in sorted(KIND_BY_FOLDER):
        for path in sorted((data_dir / folder).glob("*.y*ml")):
            yield folder, path


def load_content(data_dir: Path, root: Path, today: date | None = None) -> Content:
    """Read every record under data_dir; return the typed records and every problem found."""
    problems: list[Problem] = []
    raws: dict[str, _Raw] = {}
    records: list[Record] = []
    first_seen: dict[str, str] = {}
    stray = [p for p in sorted(data_dir.glob("*/*")) if p.parent.name not in KIND_BY_FOLDER or p.suffix not in (".yaml", ".yml")]
    for p in stray:
        problems.append(Problem(display_path(p, root), 1, "(file)",
                                f"not a record: files go in one of {sorted(KIND_BY_FOLDER)} and end in .yaml"))
    for folder, path in _discover(data_dir):
        shown = display_path(path, root)
        try:
            loaded = load_bytes(path.read_bytes())
        except LoadError as err:
            problems.append(Problem(shown, err.line, "(file)", err.message))
            continue
        raw = _Raw(shown, folder, path.stem, loaded)
        file_problems = list(_schema_problems(raw))
        data = loaded.data
        if data.get("id") != path.stem:
            file_problems.append(Problem(shown, loaded.line_of(("id",)), "id",
                                         f"is {data.get('id')!r} but must equal the file name '{path.stem}'"))
        ref = f"{folder}/{path.stem}"
        if ref in first_seen:
            file_problems.append(Problem(shown, loaded.line_of(("id",)), "id",
                                         f"duplicate id '{path.stem}' (also in {first_seen[ref]})"))
        first_seen.setdefault(ref, shown)
        if not file_problems:
            file_problems.extend(_date_problems(raw))
            file_problems.extend(_todo_problems(raw))
            file_problems.extend(_direction_control_problems(raw))
        if file_problems:
            problems.extend(file_problems)
            raws.setdefault(ref, raw)
            continue
        record = build_record(data, folder, shown)
        raws[ref] = raw
        problems.extend(_owner_problems(raw, record))
        if isinstance(record.spec, LetterSpec):
            problems.extend(_letter_problems(raw, record.spec))
            problems.extend(_field_list_problems(raw, record.spec.fields, ("spec", "fields"), {}))
        sections = getattr(record.spec, "sections", None)
        if sections is not None:
            seen: dict[str, FieldPath] = {}
            for i, section in enumerate(sections):
                problems.extend(_field_list_problems(raw, section.fields, ("spec", "sections", i, "fields"), seen))
        records.append(record)
    problems.extend(_reference_problems(raws, records))
    tag_names, tag_file_problems = _load_tag_names(data_dir, root)
    problems.extend(tag_file_problems)
    if not tag_file_problems:
        problems.extend(_tag_problems(raws, records, tag_names))
    letterhead, letterhead_problems = load_letterhead(data_dir, root)
    problems.extend(letterhead_problems)
    problems.extend(governance_warnings(records, raws, today or date.today()))
    return Content(records=records, problems=problems, tag_names=tag_names, letterhead=letterhead)


def governance_warnings(records: list[Record], raws: dict, today: date) -> Iterator[Problem]:
    """Warn about records past their review date and list drafts (warnings do not fail the build)."""
    for record in records:
        raw = raws[record.ref]
        if record.status != "retired" and date.fromisoformat(record.review_by) < today:
            yield Problem(raw.path, raw.loaded.line_of(("review_by",)), "review_by",
                          f"review was due on {record.review_by}", severity="warning")
        if record.status == "draft":
            yield Problem(raw.path, raw.loaded.line_of(("status",)), "status", "record is still a draft", severity="warning")
