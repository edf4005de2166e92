"""Link the first use of each glossary term on a page to its glossary entry."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup, escape

from .model import Record


@dataclass
class TermLinker:
    """Per page and language: escapes text and links each term's first occurrence (longest term wins)."""

    pattern: re.Pattern[str] | None
    targets: dict[str, str]
    base: str
    linked: set[str] = field(default_factory=set)

    def __call__(self, text: str) -> Markup:
        if self.pattern is None:
            return escape(text)
        out: list[str] = []
        last = 0
        for match in self.pattern.finditer(text):
            key = match.group(0).lower()
            ref = self.targets.get(key)
            if ref is None or ref in self.linked:
                continue
            self.linked.add(ref)
            out.append(str(escape(text[last:match.start()])))
            out.append(str(Markup('<a class="hb-term" href="{0}{1}/">{2}</a>').format(self.base, ref, match.group(0))))
            last = match.end()
        out.append(str(escape(text[last:])))
        return Markup("".join(out))


@lru_cache(maxsize=8)
def _compiled(lang: str, items: tuple[tuple[str, str], ...]) -> re.Pattern[str] | None:
    if not items:
        return None
    alternatives = "|".join(re.escape(term) for term, _ in sorted(items, key=lambda kv: len(kv[0]), reverse=True))
    return re.compile(alternatives if lang == "zh" else rf"\b(?:{alternatives})\b", re.IGNORECASE)


@dataclass(frozen=True)
class GlossaryTerms:
    """The glossary terms of one language, compiled once per build."""

    pattern: re.Pattern[str] | None
    targets: dict[str, str]


def glossary_terms(records: list[Record], lang: str) -> GlossaryTerms:
    targets: dict[str, str] = {}
    for record in records:
        if record.kind != "glossary" or record.status == "retired":
            continue
        term = record.title(lang).strip()
        if len(term) >= (2 if lang == "zh" else 6):
            targets.setdefault(term.lower(), record.ref)
    return GlossaryTerms(_compiled(lang, tuple(sorted(targets.items()))), targets)


def term_linker(terms: GlossaryTerms, base: str, current: Record | None) -> TermLinker:
    """A linker for one page; the page's own glossary entry is never linked to itself."""
    linker = TermLinker(terms.pattern, terms.targets, base)
    if current is not None:
        linker.linked.add(current.ref)
    return linker
