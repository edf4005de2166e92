"""Load every record, validate it against its schema and the registered rules, collect all problems."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator

import jsonschema

from .facts import NO_FACTS, Facts, load_facts
from .kinds import KIND_BY_FOLDER
from .publishers import load_publishers
from .terms import load_terms
from .model import Record, Text, build_record
from .problems import FieldPath, Problem, display_path, format_field_path
from .rules import ContentContext, Raw, rules_for
from .rules.content import TAGS_FILE
from .schemas import validator_for
from .yamlload import LoadError, load_bytes

__all__ = ["Content", "TAGS_FILE", "load_content"]


@dataclass
class Content:
    records: list[Record]
    problems: list[Problem]
    tag_names: dict[str, Text] = field(default_factory=dict)
    facts: Facts = NO_FACTS

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def by_ref(self) -> dict[str, Record]:
        return {r.ref: r for r in self.records}


_UNKNOWN_KEYS = re.compile(r"\('(.+?)' (?:was|were) unexpected\)")


def _schema_problems(raw: Raw) -> Iterator[Problem]:
    """The record matches its kind's JSON Schema (unknown keys are errors)."""
    data = raw.loaded.data
    kind = data.get("kind")
    expected = KIND_BY_FOLDER[raw.folder].name
    if kind != expected:
        yield Problem(raw.path, raw.loaded.line_of(("kind",)), "kind",
                      f"is {kind!r} but files in {raw.folder}/ must say kind: {expected}")
        return
    for error in validator_for(kind).iter_errors(data):
        yield from _explain(raw, error)


def _explain(raw: Raw, error: jsonschema.ValidationError) -> Iterator[Problem]:
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


def _load_tag_names(data_dir: Path, root: Path) -> tuple[dict[str, Text] | None, list[Problem]]:
    """The display names of the tags (tags.yaml beside the kind folders), checked against tags.schema.json."""
    path = data_dir / TAGS_FILE
    shown = display_path(path, root)
    if not path.is_file():
        return None, [Problem(shown, 1, "(file)", "is missing: it names every tag in zh and en")]
    try:
        loaded = load_bytes(path.read_bytes(), ("the tag list", "`tags:` with each tag's zh and en name"))
    except LoadError as err:
        return None, [Problem(shown, err.line, "(file)", err.message)]
    raw = Raw(shown, "", path.stem, loaded)
    problems = [p for error in validator_for("tags").iter_errors(loaded.data) for p in _explain(raw, error)]
    if problems:
        return None, problems
    return {slug: Text(**names) for slug, names in loaded.data["tags"].items()}, []


def _schema_check(schema: str):
    """`explain(shown, loaded)` for a data file beside the kind folders: its problems against `schema`."""
    def explain(shown: str, loaded) -> Iterator[Problem]:
        raw = Raw(shown, "", Path(shown).stem, loaded)
        for error in validator_for(schema).iter_errors(loaded.data):
            yield from _explain(raw, error)
    return explain


def _discover(data_dir: Path) -> Iterator[tuple[str, Path]]:
    for folder in sorted(KIND_BY_FOLDER):
        for path in sorted((data_dir / folder).glob("*.y*ml")):
            yield folder, path


def _stray_files(data_dir: Path, root: Path) -> Iterator[Problem]:
    """Files under data/ that are not records of a known kind."""
    for p in sorted(data_dir.glob("*/*")):
        if p.parent.name not in KIND_BY_FOLDER or p.suffix not in (".yaml", ".yml"):
            yield Problem(display_path(p, root), 1, "(file)",
                          f"not a record: files go in one of {sorted(KIND_BY_FOLDER)} and end in .yaml")


def _identity_problems(raw: Raw, first_seen: dict[str, str]) -> Iterator[Problem]:
    """The id equals the file name and is unique within its kind."""
    data = raw.loaded.data
    if data.get("id") != raw.stem:
        yield Problem(raw.path, raw.loaded.line_of(("id",)), "id",
                      f"is {data.get('id')!r} but must equal the file name '{raw.stem}'")
    ref = f"{raw.folder}/{raw.stem}"
    if ref in first_seen:
        yield Problem(raw.path, raw.loaded.line_of(("id",)), "id", f"duplicate id '{raw.stem}' (also in {first_seen[ref]})")
    first_seen.setdefault(ref, raw.path)


def load_content(data_dir: Path, root: Path, today: date | None = None) -> Content:
    """Read every record under data_dir; return the typed records and every problem found."""
    problems: list[Problem] = list(_stray_files(data_dir, root))
    facts, fact_problems = load_facts(data_dir, root, _schema_check("facts"))
    problems.extend(fact_problems)
    publishers, publisher_problems = load_publishers(data_dir, root, _schema_check("publishers"))
    problems.extend(publisher_problems)
    terms, term_problems = load_terms(data_dir, root, _schema_check("terms"))
    problems.extend(term_problems)
    raws: dict[str, Raw] = {}
    records: list[Record] = []
    first_seen: dict[str, str] = {}
    for folder, path in _discover(data_dir):
        shown = display_path(path, root)
        try:
            loaded = load_bytes(path.read_bytes())
        except LoadError as err:
            problems.append(Problem(shown, err.line, "(file)", err.message))
            continue
        raw = Raw(shown, folder, path.stem, loaded)
        ref = f"{folder}/{path.stem}"
        file_problems = [*_schema_problems(raw), *_identity_problems(raw, first_seen)]
        if not file_problems:
            file_problems = [p for r in rules_for("file") for p in r.check(raw)]
        raws.setdefault(ref, raw)
        if file_problems:
            problems.extend(file_problems)
            continue
        raws[ref] = raw
        record = build_record(loaded.data, folder, shown)
        problems.extend(p for r in rules_for("record") for p in r.check(raw, record))
        records.append(record)
    tag_names, tag_file_problems = _load_tag_names(data_dir, root)
    problems.extend(tag_file_problems)
    ctx = ContentContext(raws=raws, records=records, tag_names=tag_names, today=today or date.today(), data_dir=data_dir,
                         facts=facts, root=root, publishers=publishers, terms=terms)
    problems.extend(p for r in rules_for("content") for p in r.check(ctx))
    return Content(records=records, problems=problems, tag_names=tag_names or {}, facts=facts)
