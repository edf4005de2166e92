"""The content policy (policy.yaml beside the kind folders): what this handbook must cover, with a reason for each entry.

The policy belongs to one content set, like its publishers and terms: it is read from the data folder being checked,
and a folder without one (test fixtures, synthetic benchmarks) has no policy. The rules in `rules/policy.py` check it."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import dacite

from .datafiles import Explain, load_data_file
from .model import Source, Text
from .problems import Problem
from .yamlload import Loaded

POLICY_FILE = "policy.yaml"


@dataclass(frozen=True)
class MinimumRecords:
    folder: str
    at_least: int
    reason: Text


@dataclass(frozen=True)
class MustCover:
    folder: str
    match: str  # "title" or "title-or-aliases"
    words: list[str]
    reason: Text


@dataclass(frozen=True)
class MustExist:
    refs: list[str]
    reason: Text
    basis: Optional[str] = None


@dataclass(frozen=True)
class RequiredFacts:
    ids: list[str]
    reason: Text


@dataclass(frozen=True)
class ProductLines:
    lines: list[str]
    reason: Text


@dataclass(frozen=True)
class AliasesRequired:
    folder: str
    reason: Text


@dataclass(frozen=True)
class CoursePolicy:
    ref: str
    reason: Text
    reading: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    min_modules: Optional[int] = None
    question_types: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Phrase:
    phrase: str
    reason: Text
    sources: list[Source]
    unless: Optional[str] = None


@dataclass(frozen=True)
class CitedLaw:
    name: str
    reason: Text


@dataclass(frozen=True)
class Policy:
    """The policy file, typed; `loaded` gives each entry's line. An empty Policy checks nothing."""
    minimum_records: list[MinimumRecords] = field(default_factory=list)
    must_cover: list[MustCover] = field(default_factory=list)
    must_exist: list[MustExist] = field(default_factory=list)
    facts: Optional[RequiredFacts] = None
    exclusion_product_lines: Optional[ProductLines] = None
    aliases_required: list[AliasesRequired] = field(default_factory=list)
    courses: list[CoursePolicy] = field(default_factory=list)
    phrases: list[Phrase] = field(default_factory=list)
    cited_laws: list[CitedLaw] = field(default_factory=list)
    path: str = POLICY_FILE
    loaded: Optional[Loaded] = None

    @property
    def present(self) -> bool:
        return self.loaded is not None

    def line(self, *where: str | int) -> int:
        """The line of an entry of the policy file (1 when there is no file)."""
        return self.loaded.line_of(where) if self.loaded is not None else 1


NO_POLICY = Policy()
_CONFIG = dacite.Config(strict=True)


def load_policy(data_dir: Path, root: Path, explain: Explain) -> tuple[Policy, list[Problem]]:
    """The policy beside the kind folders, checked against policy.schema.json; NO_POLICY when missing or broken."""
    file = load_data_file(data_dir, root, POLICY_FILE,
                          ("the content policy", "what the handbook must cover, e.g. `must_cover:` or `minimum_records:`"),
                          explain)
    if file.loaded is None:
        return Policy(path=file.shown), file.problems
    typed = dacite.from_dict(Policy, file.loaded.data, config=_CONFIG)
    return dataclasses.replace(typed, path=file.shown, loaded=file.loaded), []
