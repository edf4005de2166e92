"""The terminology list (terms.yaml): one rendering per term, and the renderings not to use."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .datafiles import Explain, load_data_file
from .model import Text
from .problems import Problem

TERMS_FILE = "terms.yaml"


@dataclass(frozen=True)
class Term:
    term: str
    preferred: Text
    banned_zh: tuple[re.Pattern[str], ...]
    banned_en: tuple[re.Pattern[str], ...]
    note: Optional[Text] = None

    def banned_for(self, lang: str) -> tuple[re.Pattern[str], ...]:
        """English renderings are banned in either language's text; Chinese ones in Chinese text."""
        return self.banned_en + (self.banned_zh if lang == "zh" else ())


@dataclass(frozen=True)
class Terms:
    terms: list[Term] = field(default_factory=list)
    path: str = TERMS_FILE


def _compile(shown: str, loaded, problems: list[Problem]) -> list[Term]:
    terms: list[Term] = []
    for i, item in enumerate(loaded.data["terms"]):
        compiled: dict[str, list[re.Pattern[str]]] = {"zh": [], "en": []}
        for lang in ("zh", "en"):
            for j, pattern in enumerate(item["banned"][lang]):
                try:
                    compiled[lang].append(re.compile(pattern, re.IGNORECASE))
                except re.error as err:
                    problems.append(Problem(shown, loaded.line_of(("terms", i, "banned", lang, j)),
                                            f"terms[{i}].banned.{lang}[{j}]", f"is not a valid regular expression: {err}"))
        note = Text(**item["note"]) if "note" in item else None
        terms.append(Term(item["term"], Text(**item["preferred"]), tuple(compiled["zh"]), tuple(compiled["en"]), note))
    return terms


def load_terms(data_dir: Path, root: Path, explain: Explain) -> tuple[Terms, list[Problem]]:
    file = load_data_file(data_dir, root, TERMS_FILE,
                          ("the terminology list", "`terms:` with preferred and banned renderings"), explain)
    if file.loaded is None:
        return Terms(path=file.shown), file.problems
    problems: list[Problem] = []
    terms = _compile(file.shown, file.loaded, problems)
    return (Terms(path=file.shown), problems) if problems else (Terms(terms, file.shown), [])
