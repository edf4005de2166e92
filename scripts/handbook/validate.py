"""Load every record, validate it against its schema and the registered rules, collect all problems."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator

from .datafiles import Explain, read_data_file, schema_problems
from .deadlines import HolidayYear
from .facts import NO_FACTS, Facts, load_facts
from .holidays import load_holidays
from .kinds import KIND_BY_FOLDER
from .letterhead import Letterhead, load_letterhead
from .policy import load_policy
from .publishers import load_publishers
from .terms import load_terms
from .model import Record, Text, build_record
from .problems import Problem, display_path, format_field_path
from .rules import ContentContext, Raw, rules_for
from .rules.content import TAGS_FILE
from .schema_messages import explain
from .schemas import validator_for
from .yamlload import LoadError, load_bytes, read_source

__all__ = ["Content", "TAGS_FILE", "load_content"]


@dataclass
class Content:
    records: list[Record]
    problems: list[Problem]
    tag_names: dict[str, Text] = field(default_factory=dict)
    letterhead: Letterhead | None = None
    facts: Facts = NO_FACTS
    holidays: tuple[HolidayYear, ...] = ()  # the calendar's years after the package's (holidays.yaml)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def by_ref(self) -> dict[str, Record]:
        return {r.ref: r for r in self.records}


Finding = tuple[int, str, str]  # line, field, message: a problem without its file's path
_schema_findings_seen: dict[tuple[str, int, bytes], tuple[Finding, ...]] = {}


def _schema_problems(raw: Raw, source: bytes) -> Iterator[Problem]:
    """The record matches its kind's JSON Schema (unknown keys are errors). The answer depends only on the folder and
    the file's bytes, so a file unchanged since the last load (a preview rebuild, a copy of the records) is not
    checked again (the key holds the validator, so a schema made again is a new key, and a digest of the bytes)."""
    key = (raw.folder, id(validator_for(KIND_BY_FOLDER[raw.folder].name)), hashlib.sha256(source).digest())
    findings = _schema_findings_seen.get(key)
    if findings is None:
        if len(_schema_findings_seen) > 4096:
            _schema_findings_seen.clear()
        findings = _schema_findings_seen[key] = tuple(dict.fromkeys(_schema_findings(raw)))  # each missing key is
        # one error of `required`, which names them all
    for line, field_name, message in findings:
        yield Problem(raw.path, line, field_name, message)


def _schema_findings(raw: Raw) -> Iterator[Finding]:
    data = raw.loaded.data
    kind = data.get("kind")
    expected = KIND_BY_FOLDER[raw.folder].name
    if kind != expected:
        yield raw.loaded.line_of(("kind",)), "kind", f"is {kind!r} but files in {raw.folder}/ must say kind: {expected}"
        return
    for error in validator_for(kind).iter_errors(data):
        for field_path, line_path, text in explain(error, f"{kind}.schema.json"):
            yield raw.loaded.line_of(line_path), format_field_path(field_path), text


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


def _schema_check(schema: str) -> Explain:
    """`explain(shown, loaded)` for a data file beside the kind folders: its problems against `schema`."""
    return schema_problems(validator_for(schema), f"{schema}.schema.json")


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
            source = read_source(path, (root, data_dir))
            loaded = load_bytes(source)
        except LoadError as err:
            problems.append(Problem(shown, err.line, "(file)", err.message))
            unreadable.add(f"{folder}/{path.stem}")
            continue
        raw = Raw(shown, folder, path.stem, loaded)
        ref = f"{folder}/{path.stem}"
        file_problems = [*_schema_problems(raw, source), *_identity_problems(raw, first_seen)]
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
    holidays, holiday_problems = load_holidays(data_dir, root)
    problems.extend(holiday_problems)
    return Content(records=records, problems=problems, tag_names=tag_names or {}, letterhead=letterhead, facts=facts,
                   holidays=holidays)
