"""Facts: every time limit, amount and date the handbook quotes, defined once with its legal basis (facts.yaml)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from pathlib import Path
from typing import Iterator, Optional

import dacite
import difflib

from .labels import LABELS, wording
from .model import Text, TextList
from .datafiles import Explain, in_turn, load_data_file
from .problems import Problem
from .yamlload import Loaded

FACTS_FILE = "facts.yaml"


@dataclass(frozen=True)
class Value:
    """A number with its unit, a date, or a short text."""
    number: Optional[int] = None
    unit: Optional[str] = None
    date: Optional[str] = None
    text: Optional[Text] = None

    def __call__(self, lang: str) -> str:
        """The value as a reader sees it, in the catalogue's words: a number as `unit_<unit>_one|many` (60日 / 60 days,
        30 %, ¥1,000), a date as `date` with the month's name `month_<1-12>`."""
        if self.text is not None:
            return self.text(lang)
        if self.date is not None:
            day = date.fromisoformat(self.date)
            return wording(lang, "date", y=day.year, month=LABELS[lang][f"month_{day.month}"], d=day.day)
        assert self.number is not None and self.unit is not None
        return wording(lang, f"unit_{self.unit}_{'one' if self.number == 1 else 'many'}", n=self.number)


@dataclass(frozen=True)
class Law:
    name: Text
    short: Text
    url: Optional[str] = None
    issued: Optional[str] = None


@dataclass(frozen=True)
class Basis:
    law: str
    article: Text


Keywords = TextList  # words that, near a fact's value (sentence, paragraph, item, title), mean it is restated by hand


@dataclass(frozen=True)
class Fact:
    id: str
    topic: str
    value: Value
    statement: Text
    basis: Basis
    keywords: Keywords
    scope: Optional[Text] = None


@dataclass(frozen=True)
class Facts:
    """The facts file, typed: topics in order, the laws, and the facts."""
    topics: dict[str, Text] = field(default_factory=dict)
    laws: dict[str, Law] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    path: str = FACTS_FILE
    loaded: Optional[Loaded] = None
    broken: bool = False  # the file has problems of its own (reported once); tokens are not checked against it

    @cached_property
    def by_id(self) -> dict[str, Fact]:
        return {f.id: f for f in self.facts}

    def law(self, fact: Fact) -> Law:
        return self.laws[fact.basis.law]

    def citation(self, fact: Fact, lang: str) -> str:
        """The law's short name and the article: 保险法第36条 / Insurance Law Art. 36."""
        return wording(lang, "citation", law=self.law(fact).short(lang), article=fact.basis.article(lang))

    def grouped(self) -> list[tuple[str, list[Fact]]]:
        """(topic, facts) in the topics' order, topics without facts left out."""
        return [(topic, [f for f in self.facts if f.topic == topic]) for topic in self.topics
                if any(f.topic == topic for f in self.facts)]


NO_FACTS = Facts()


def facts_json(facts: Facts) -> dict:
    """The facts as plain JSON data for scripts in the browser (values rendered in both languages)."""
    out: dict = {"facts": {}}
    for fact in facts.facts:
        law = facts.law(fact)
        entry: dict = {
            "topic": fact.topic,
            "value": {"zh": fact.value("zh"), "en": fact.value("en")},
            "statement": {"zh": fact.statement.zh, "en": fact.statement.en},
            "citation": {"zh": facts.citation(fact, "zh"), "en": facts.citation(fact, "en")},
            "url": law.url,
        }
        if fact.value.number is not None:
            entry["number"], entry["unit"] = fact.value.number, fact.value.unit
        if fact.value.date is not None:
            entry["date"] = fact.value.date
        if fact.scope is not None:
            entry["scope"] = {"zh": fact.scope.zh, "en": fact.scope.en}
        out["facts"][fact.id] = entry
    return out


_CONFIG = dacite.Config(strict=True)


def did_you_mean(value: str, known) -> str:
    """' (did you mean 'x'?)' for the closest known name, or ''."""
    near = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{near[0]}'?)" if near else ""


def _cross_checks(path: str, loaded: Loaded) -> Iterator[Problem]:
    """Unique ids; every fact names a known topic and law."""
    data = loaded.data
    seen: dict[str, int] = {}
    for i, fact in enumerate(data["facts"]):
        where = ("facts", i)
        if fact["id"] in seen:
            yield Problem(path, loaded.line_of(where + ("id",)), f"facts[{i}].id",
                          f"duplicate fact id '{fact['id']}' (also facts[{seen[fact['id']]}])")
        seen.setdefault(fact["id"], i)
        if fact["topic"] not in data["topics"]:
            yield Problem(path, loaded.line_of(where + ("topic",)), f"facts[{i}].topic",
                          f"topic '{fact['topic']}' is not in topics{did_you_mean(fact['topic'], data['topics'])}")
        if fact["basis"]["law"] not in data["laws"]:
            yield Problem(path, loaded.line_of(where + ("basis", "law")), f"facts[{i}].basis.law",
                          f"law '{fact['basis']['law']}' is not in laws{did_you_mean(fact['basis']['law'], data['laws'])}")


def load_facts(data_dir: Path, root: Path, explain: Explain) -> tuple[Facts, list[Problem]]:
    """The facts file checked against facts.schema.json and itself; NO_FACTS (and the problems) when it is broken.

    `explain(path, loaded)` yields the schema problems of a loaded file (the validator's wording)."""
    file = load_data_file(data_dir, root, FACTS_FILE, ("the facts file", "`topics:`, `laws:` and `facts:`"),
                          in_turn(explain, _cross_checks))
    if file.loaded is None:
        return Facts(path=file.shown, broken=file.present), file.problems
    data = file.loaded.data
    facts = Facts(
        topics={k: Text(**v) for k, v in data["topics"].items()},
        laws={k: dacite.from_dict(Law, v, config=_CONFIG) for k, v in data["laws"].items()},
        facts=[dacite.from_dict(Fact, f, config=_CONFIG) for f in data["facts"]],
        path=file.shown, loaded=file.loaded,
    )
    return facts, []
