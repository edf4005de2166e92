"""Tokens in record text: `[[fact:ID]]` shows a fact's value and its article, `[[contract]]` the policy-wording caveat."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator, Optional

from markupsafe import Markup, escape

from .facts import Facts

TOKEN = re.compile(r"\[\[([^\[\]\n]{0,100})\]\]")
FACT_PREFIX = "fact:"
CONTRACT = "contract"
CAVEAT = {"zh": "（以保险合同条款为准）", "en": " (check the policy wording)"}


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

    def plain_token(self, token: Token) -> str:
        if token.is_contract:
            return CAVEAT[self.lang]
        fact = self._fact(token)
        cite = self.facts.citation(fact, self.lang)
        return f"{fact.value(self.lang)}（{cite}）" if self.lang == "zh" else f"{fact.value(self.lang)} ({cite})"

    def html_token(self, token: Token) -> Markup:
        if token.is_contract:
            return Markup('<span class="hb-caveat">{0}</span>').format(CAVEAT[self.lang])
        if self.href is None:
            return escape(self.plain_token(token))
        fact = self._fact(token)
        return Markup('<a class="hb-fact" href="{0}#{1}" title="{2}">{3}</a>').format(
            self.href, fact.id, fact.statement(self.lang), self.plain_token(token))

    def plain(self, text: str) -> str:
        """Tokens replaced by their plain text; an escaped (Markup) text stays escaped."""
        if "[[" not in text:
            return text
        if isinstance(text, Markup):
            return self._join(text, lambda piece: Markup(piece), lambda t: escape(self.plain_token(t)))
        return "".join(self._pieces(text, lambda piece: piece, self.plain_token))

    def html(self, text: str, linker: Optional[Callable[[str], Markup]] = None) -> Markup:
        """Text as HTML: tokens rendered, the rest escaped (or glossary-linked by `linker`); Markup stays as it is."""
        if isinstance(text, Markup):
            return self._join(text, lambda piece: Markup(piece), self.html_token)
        return self._join(text, linker or escape, self.html_token)

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

    def _fact(self, token: Token):
        fact = self.facts.by_id.get(token.fact_id or "")
        if fact is None:
            raise ValueError(token_problem(token, self.facts) or f"cannot render [[{token.body}]]")
        return fact
