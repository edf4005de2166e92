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
    titles: re.Pattern[str] | None = None

    def __call__(self, text: str) -> Markup:
        if self.pattern is None:
            return escape(text)
        inside_titles = [m.span() for m in self.titles.finditer(text)] if self.titles is not None else []
        out: list[str] = []
        last = 0
        for match in self.pattern.finditer(text):
            key = match.group(0).lower()
            ref = self.targets.get(key)
            if ref is None or ref in self.linked:
                continue
            if any(start < match.end() and match.start() < end for start, end in inside_titles):
                continue  # 人身保险 inside 人身保险业务基本服务规定 is part of a law's name, not the term
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
    """The glossary terms of one language, compiled once per build, and the law titles they must not link inside."""

    pattern: re.Pattern[str] | None
    targets: dict[str, str]
    titles: re.Pattern[str] | None = None


# The name of a law, regulation or standard as the records' sources cite it (before the article: 第21条, ", Art. 21").
_LAW_NAME = {"zh": re.compile(r"^[^\s：:，、（）()]{2,30}?(?:法|规定|办法|规范|条例|标准|解释(?:（[一二三四五]）)?)(?![院律典学])"),
             "en": re.compile(r"^[^,(]*\b(?:Law|Rules|Measures|Interpretation(?: [IVX]+)?|Regulations|Provisions|Standards?)\b"
                              r"(?: (?:of|on|for) [A-Z][\w ]+)?")}


def law_titles(records: list[Record], lang: str) -> re.Pattern[str] | None:
    """A pattern for every law title the records cite, and for any text in 《》 book-title marks."""
    names = {m.group(0).strip() for r in records for src in r.sources if (m := _LAW_NAME[lang].match(src.title(lang)))}
    if lang == "zh":
        names |= {n.removeprefix("中华人民共和国") for n in names}
    alternatives = [re.escape(n) for n in sorted(names, key=len, reverse=True) if len(n) >= 4 and (lang == "zh" or " " in n)]
    alternatives.append(r"《[^》]{1,60}》")
    return re.compile("|".join(alternatives), re.IGNORECASE)


def glossary_terms(records: list[Record], lang: str) -> GlossaryTerms:
    targets: dict[str, str] = {}
    for record in records:
        if record.kind != "glossary" or record.status == "retired":
            continue
        term = record.title(lang).strip()
        if len(term) >= (2 if lang == "zh" else 6):
            targets.setdefault(term.lower(), record.ref)
    return GlossaryTerms(_compiled(lang, tuple(sorted(targets.items()))), targets, law_titles(records, lang))


def term_linker(terms: GlossaryTerms, base: str, current: Record | None) -> TermLinker:
    """A linker for one page; the page's own glossary entry is never linked to itself."""
    linker = TermLinker(terms.pattern, terms.targets, base, titles=terms.titles)
    if current is not None:
        linker.linked.add(current.ref)
    return linker
