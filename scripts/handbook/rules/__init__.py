"""The validation rules: each is one small function, registered for the stage it runs at.

A rule yields `Problem`s. Three stages, run in this order by `handbook.validate.load_content`:
- `file`: one loaded file that passed its schema (raw data and line marks only);
- `record`: one typed record (with its raw file, for line numbers);
- `content`: every record at once (references, tags, anything across records).

Each error rule names the invalid fixture in `tests/fixtures/invalid/` that breaks it; a test checks that the
fixture exists and fails with the rule's problem. Adding a rule: write the function in the module of its
subject, decorate it, add its fixture and expectation.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterator

from ..facts import NO_FACTS, Facts
from ..model import Record, Text
from ..policy import NO_POLICY, Policy
from ..publishers import Publishers
from ..terms import Terms
from ..problems import Problem
from ..yamlload import Loaded


@dataclass(frozen=True)
class Raw:
    """A loaded file with where it came from."""
    path: str
    folder: str
    stem: str
    loaded: Loaded


@dataclass
class ContentContext:
    """What the cross-record rules see."""
    raws: dict[str, Raw]
    records: list[Record]
    tag_names: dict[str, Text] | None  # None when the tag file is missing or broken
    today: date
    data_dir: Path
    unreadable: set[str] = field(default_factory=set)  # refs of files that could not be read: reported once, there
    extra: dict[str, object] = field(default_factory=dict)
    facts: Facts = NO_FACTS
    root: Path | None = None
    publishers: Publishers = field(default_factory=Publishers)
    terms: Terms = field(default_factory=Terms)
    policy: Policy = NO_POLICY

    def raw(self, record: Record) -> Raw:
        return self.raws[record.ref]

    @property
    def known_refs(self) -> set[str]:
        """Every ref a reference may name: records, files that failed their checks, and files that could not be read
        (those are reported once, where they are; references to them are not errors of their own)."""
        return {r.ref for r in self.records} | set(self.raws) | self.unreadable


FileCheck = Callable[[Raw], Iterator[Problem]]
RecordCheck = Callable[[Raw, Record], Iterator[Problem]]
ContentCheck = Callable[[ContentContext], Iterator[Problem]]


@dataclass(frozen=True)
class Rule:
    name: str
    stage: str
    check: Callable[..., Iterator[Problem]]
    fixtures: tuple[str, ...]
    doc: str


RULES: list[Rule] = []


def rule(stage: str, *fixtures: str, warns: bool = False) -> Callable[[Callable], Callable]:
    """Register a rule for `stage` ('file', 'record' or 'content'), with the invalid fixtures that break it."""
    if stage not in ("file", "record", "content"):
        raise ValueError(f"unknown rule stage {stage!r}")
    if not fixtures and not warns:
        raise ValueError("an error rule names at least one invalid fixture that breaks it")

    def register(check: Callable) -> Callable:
        doc = (check.__doc__ or check.__name__).strip().splitlines()[0]
        RULES.append(Rule(check.__name__, stage, check, fixtures, doc))
        return check
    return register


def rules_for(stage: str) -> list[Rule]:
    return [r for r in RULES if r.stage == stage]


from . import content, exclusion_basis, fact_refs, files, flows, policy, records, source_hosts, terminology  # noqa: E402,F401  (registers the rules)
