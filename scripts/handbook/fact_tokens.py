"""Tokens in record text: `[[fact:ID]]` shows a fact's value and its article, `[[contract]]` the policy-wording caveat."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator, Optional

from markupsafe import Markup, escape

from .facts import Facts
from .labels import LABELS, wording

TOKEN = re.compile(r"\[\[([^\[\]\n]{0,100})\]\]")
FACT_PREFIX = "fact:"
CONTRACT = "contract"
CAVEAT_KEY = "contract_caveat"  # the catalogue's wording for [[contract]]


@dataclass(frozen=True)
class Token:
    """One token as written: its body (`fact:ID` or `contract`) and where it stands in the text."""
    body: str
    start: int
    end: int

    @property
    def fact_id(self) -> Optional[str]:
        return self.body[len(FACT_PREFIX):].strip() if self.body.startswith(FACT_PREFIX) else None

    @property
    def is_contract(self) -> bool:
        return self.body == CONTRACT


def tokens_in(text: str) -> Iterator[Token]:
    for match in TOKEN.finditer(text):
        yield Token(match.group(1), match.start(), match.end())


def token_problem(token: Token, facts: Facts) -> Optional[str]:
    """Why a token cannot be rendered, or None when it can (the did-you-mean names the closest fact)."""
    from .facts import did_you_mean
    if token.is_contract:
        return None
    fact_id = token.fact_id
    if fact_id is None:
        return f"unknown token '[[{token.body}]]': write [[fact:ID]] or [[contract]]"
    if fact_id not in facts.by_id:
        return f"unknown fact '{fact_id}' in [[{token.body}]]{did_you_mean(fact_id, facts.by_id)} (facts are defined in facts.yaml)"
    return None


@dataclass(frozen=True)
class FactText:
    """Renders tokens for one page: as plain text (titles, attributes, paper) or as links to the facts page."""
    facts: Facts
    lang: str
    href: Optional[str]  # the facts page, relative to the page; None on paper (letters, forms): no link

    def cited_nearby(self, fact, text: str) -> bool:
        """The text already names this fact's law and article itself (保险法第36条规定……): no second citation."""
        words = TOKEN.sub(" ", text)
        law = self.facts.law(fact)
        return fact.basis.article(self.lang) in words and (law.short(self.lang) in words or law.name(self.lang) in words)

    def plain_token(self, token: Token, text: str = "") -> str:
        if token.is_contract:
            return LABELS[self.lang][CAVEAT_KEY]
        fact = self.facts.by_id.get(token.fact_id or "")
        if fact is None:  # validation reports it; rendered as written, never dropped
            return f"[[{token.body}]]"
        if self.cited_nearby(fact, text):
            return fact.value(self.lang)
        cite = self.facts.citation(fact, self.lang)
        return fact.value(self.lang) + wording(self.lang, "paren", text=cite)

    def html_token(self, token: Token, text: str = "") -> Markup:
        if self.href is None:  # paper: plain words only, which also keeps form fields' placeholders intact
            return escape(self.plain_token(token, text))
        if token.is_contract:
            return Markup('<span class="hb-caveat">{0}</span>').format(LABELS[self.lang][CAVEAT_KEY])
        fact = self.facts.by_id.get(token.fact_id or "")
        if fact is None:
            return escape(self.plain_token(token, text))
        title = self.facts.citation(fact, self.lang) + LABELS[self.lang]["colon"] + fact.statement(self.lang)
        value = fact.value(self.lang)
        cite = self.plain_token(token, text)[len(value):]
        return Markup('<a class="hb-fact" href="{0}#{1}" title="{2}">{3}<span class="hb-fact__cite">{4}</span></a>').format(
            self.href, fact.id, title, value, cite)

    def plain(self, text: str) -> str:
        """Tokens replaced by their plain text; an escaped (Markup) text stays escaped."""
        if "[[" not in text:
            return text
        if isinstance(text, Markup):
            return self._join(text, lambda piece: Markup(piece), lambda t: escape(self.plain_token(t, text)))
        return "".join(self._pieces(text, lambda piece: piece, lambda t: self.plain_token(t, text)))

    def html(self, text: str, linker: Optional[Callable[[str], Markup]] = None) -> Markup:
        """Text as HTML: tokens rendered, the rest escaped (or glossary-linked by `linker`); Markup stays as it is."""
        if isinstance(text, Markup):
            return self._join(text, lambda piece: Markup(piece), lambda t: self.html_token(t, text))
        return self._join(text, linker or escape, lambda t: self.html_token(t, text))

    def _join(self, text: str, piece: Callable[[str], object], token: Callable[[Token], object]) -> Markup:
        return Markup("").join(Markup(p) if isinstance(p, Markup) else escape(p) for p in self._pieces(text, piece, token))

    def _pieces(self, text: str, piece: Callable, token: Callable) -> Iterator:
        last = 0
        for tok in tokens_in(str(text)):
            if str(text)[last:tok.start]:
                yield piece(str(text)[last:tok.start])
            yield token(tok)
            last = tok.end
        if str(text)[last:] or last == 0:
            yield piece(str(text)[last:])
