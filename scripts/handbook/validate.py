"""Load every record, validate it against its schema and the registered rules, collect all problems."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator

import jsonschema

from .datafiles import read_data_file
from .facts import NO_FACTS, Facts, load_facts
from .kinds import KIND_BY_FOLDER
from .letterhead import Letterhead, load_letterhead
from .policy import load_policy
from .publishers import load_publishers
from .terms import load_terms
from .model import Record, Text, build_record
from .problems import FieldPath, Problem, display_path, format_field_path
from .rules import ContentContext, Raw, rules_for
from .rules.content import TAGS_FILE
from .rules.suggest import did_you_mean
from .schemas import _registry, validator_for
from .yamlload import LoadError, load_bytes, read_source

__all__ = ["Content", "TAGS_FILE", "load_content"]


@dataclass
class Content:
    records: list[Record]
    problems: list[Problem]
    tag_names: dict[str, Text] = field(default_factory=dict)
    letterhead: Letterhead | None = None
    facts: Facts = NO_FACTS

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def by_ref(self) -> dict[str, Record]:
        return {r.ref: r for r in self.records}


_COMBINATORS = ("allOf", "anyOf", "oneOf", "if", "then", "else")


def _declared_keys(node: object, resolver, seen: set[int] | None = None) -> set[str]:
    """Every property name a schema node declares, through $ref and the combinators (what it can evaluate)."""
    seen = set() if seen is None else seen
    if not isinstance(node, dict) or id(node) in seen:
        return set()
    seen.add(id(node))
    keys = set(node.get("properties", {}))
    if "$ref" in node:
        target = resolver.lookup(node["$ref"])
        keys |= _declared_keys(target.contents, target.resolver, seen)
    for word in _COMBINATORS:
        parts = node.get(word, [])
        for part in parts if isinstance(parts, list) else [parts]:
            keys |= _declared_keys(part, resolver, seen)
    return keys


def _follow(node: object, resolver, steps: list) -> tuple[object, object] | None:
    """The schema node at a jsonschema schema path, whose steps into a `$ref` are not marked: either way is tried."""
    if not steps:
        return node, resolver
    step, rest = steps[0], steps[1:]
    if isinstance(node, list) and isinstance(step, int) and step < len(node):
        return _follow(node[step], resolver, rest)
    if not isinstance(node, dict):
        return None
    if step in node:
        found = _follow(node[step], resolver, rest)
        if found is not None:
            return found
    if "$ref" in node:
        target = resolver.lookup(node["$ref"])
        return _follow(target.contents, target.resolver, steps)
    return None


def _known_keys(error: jsonschema.ValidationError, schema_id: str) -> set[str]:
    """The keys allowed where an unknown key was found, following the error's schema path from its root schema."""
    root = _registry().resolver().lookup(schema_id)
    found = _follow(root.contents, root.resolver, list(error.absolute_schema_path)[:-1])
    node, resolver = found if found is not None else (error.schema, root.resolver)
    return _declared_keys(node, resolver)


def _schema_problems(raw: Raw) -> Iterator[Problem]:
    """The record matches its kind's JSON Schema (unknown keys are errors)."""
    data = raw.loaded.data
    kind = data.get("kind")
    expected = KIND_BY_FOLDER[raw.folder].name
    if kind != expected:
        yield Problem(raw.path, raw.loaded.line_of(("kind",)), "kind",
                      f"is {kind!r} but files in {raw.folder}/ must say kind: {expected}")
        return
    problems = (p for error in validator_for(kind).iter_errors(data) for p in _explain(raw, error, f"{kind}.schema.json"))
    yield from dict.fromkeys(problems)  # each missing key is one error of `required`, which names them all


def _explain(raw: Raw, error: jsonschema.ValidationError, schema_id: str) -> Iterator[Problem]:
    """One schema error in the editor's terms, read from the error object (validator, paths, instance), never from
    jsonschema's English message; unknown keys and enum values get a did-you-mean."""
    path: FieldPath = tuple(error.absolute_path)
    if "propertyNames" in error.relative_schema_path:  # a badly written key: point at the key, not its parent
        path = path + (str(error.instance),)
    if error.validator in ("additionalProperties", "unevaluatedProperties") and isinstance(error.instance, dict):
        known = _known_keys(error, schema_id)
        patterns = list(error.schema.get("patternProperties", {})) if error.validator == "additionalProperties" else []
        unknown = [k for k in error.instance if k not in known and not any(re.search(p, str(k)) for p in patterns)]
        for key in unknown or ["?"]:
            where = path + (key,)
            hint = did_you_mean(str(key), known) or " (check the spelling against the schema)"
            yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where), f"unknown key '{key}'{hint}")
        return
    if error.validator == "required" and isinstance(error.instance, dict):
        for missing in [k for k in error.validator_value if k not in error.instance]:
            where = path + (missing,)
            what = "text in this language" if missing in ("zh", "en") else "field"
            hint = " (every text needs both zh and en)" if missing in ("zh", "en") else ""
            yield Problem(raw.path, raw.loaded.line_of(path), format_field_path(where), f"missing {what} '{missing}'{hint}")
        return
    if error.validator == "enum":
        choices = list(error.validator_value)
        hint = did_you_mean(error.instance, map(str, choices)) if isinstance(error.instance, str) else ""
        yield Problem(raw.path, raw.loaded.line_of(path), format_field_path(path),
                      f"{error.instance!r} is not one of {choices!r}{hint}")
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
    file = read_data_file(path, display_path(path, root), ("the tag list", "`tags:` with each tag's zh and en name"),
                          _schema_check("tags"), missing="is missing: it names every tag in zh and en",
                          read=lambda p: read_source(p, (root, data_dir)), exists=lambda p: p.exists() or p.is_symlink())
    if file.loaded is None:
        return None, file.problems
    return {slug: Text(**names) for slug, names in file.loaded.data["tags"].items()}, []


_LEFTOVERS = re.compile(r"^(\.#.*|.*\.sw[a-p]|.*~|\.DS_Store|\._.*|#.*#)$")


def is_leftover(path: Path) -> bool:
    """An editor's or the OS's leftover beside the records (.#x.yaml, x.yaml.swp, x.yaml~, .DS_Store): not content."""
    return bool(_LEFTOVERS.match(path.name))


def _schema_check(schema: str):
    """`explain(shown, loaded)` for a data file beside the kind folders: its problems against `schema`."""
    def explain(shown: str, loaded) -> Iterator[Problem]:
        raw = Raw(shown, "", Path(shown).stem, loaded)
        for error in validator_for(schema).iter_errors(loaded.data):
            yield from _explain(raw, error, f"{schema}.schema.json")
    return explain


def _discover(data_dir: Path) -> Iterator[tuple[str, Path]]:
    for folder in sorted(KIND_BY_FOLDER):
        for path in sorted((data_dir / folder).glob("*.y*ml")):
            if path.suffix in (".yaml", ".yml") and not is_leftover(path):
                yield folder, path


def _stray_files(data_dir: Path, root: Path) -> Iterator[Problem]:
    """Files under data/ that are not records of a known kind."""
    for p in sorted(data_dir.glob("*/*")):
        if is_leftover(p) or is_leftover(p.parent):
            continue
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
    policy, policy_problems = load_policy(data_dir, root, _schema_check("policy"))
    problems.extend(policy_problems)
    raws: dict[str, Raw] = {}
    records: list[Record] = []
    first_seen: dict[str, str] = {}
    unreadable: set[str] = set()
    for folder, path in _discover(data_dir):
        shown = display_path(path, root)
        try:
            loaded = load_bytes(read_source(path, (root, data_dir)))
        except LoadError as err:
            problems.append(Problem(shown, err.line, "(file)", err.message))
            unreadable.add(f"{folder}/{path.stem}")
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
                         unreadable=unreadable, facts=facts, root=root, publishers=publishers, terms=terms,
                         policy=policy)
    problems.extend(p for r in rules_for("content") for p in r.check(ctx))
    letterhead, letterhead_problems = load_letterhead(data_dir, root)
    problems.extend(letterhead_problems)
    return Content(records=records, problems=problems, tag_names=tag_names or {}, letterhead=letterhead, facts=facts)
