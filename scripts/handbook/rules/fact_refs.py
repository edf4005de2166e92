"""Rules on facts in record text: every token resolves, and no fact's value is written by hand next to its keywords."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..fact_tokens import tokens_in, token_problem
from ..facts import Fact, Facts
from ..problems import FieldPath, Problem, format_field_path
from . import ContentContext, rule
from .files import iter_strings

_NOT_TEXT = {"id", "kind", "tags", "related", "replaced_by", "owner", "status", "updated", "review_by", "sources",
             "uses", "reading", "roleplay", "ref", "name", "type", "width", "value", "speaker", "category",
             "product_lines", "basis"}
_CN_DIGITS = "零一二三四五六七八九"


def record_texts(data: dict, skip: frozenset[str] = frozenset()) -> Iterator[tuple[FieldPath, str, str]]:
    """(field path, language, text) for every human-readable text of a record (not its sources or references)."""
    for where, value in iter_strings(data):
        if any(isinstance(step, str) and (step in _NOT_TEXT or step in skip) for step in where):
            continue
        lang = next((step for step in reversed(where) if step in ("zh", "en")), None)
        if lang is not None:
            yield where, lang, value


@rule("content", "unknown-fact.yaml")
def fact_tokens_resolve(ctx: ContentContext) -> Iterator[Problem]:
    """Every [[fact:ID]] names a fact in facts.yaml (with a did-you-mean); only [[fact:ID]] and [[contract]] exist."""
    for record in ctx.records:
        raw = ctx.raw(record)
        for where, _lang, text in record_texts(raw.loaded.data):
            for token in tokens_in(text):
                problem = token_problem(token, ctx.facts)
                if problem:
                    yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where), problem)


def _chinese_number(n: int) -> str:
    """12 -> 十二, 30 -> 三十, 180 -> 一百八十, 1000 -> 一千 (enough for the values facts hold)."""
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + _CN_DIGITS[rest] if rest < 10 else (_CN_DIGITS[1] + _chinese_number(rest) if rest < 20 else _chinese_number(rest)))
        return _CN_DIGITS[n // 100] + "百" + tail
    if n % 1000 == 0 and n < 10000:
        return _CN_DIGITS[n // 1000] + "千"
    return str(n)


_EN_WORDS = {1: "one", 2: "two", 3: "three", 5: "five", 10: "ten", 15: "fifteen", 30: "thirty", 60: "sixty"}


def value_spellings(fact: Fact, lang: str) -> list[str]:
    """The ways a writer spells this fact's value by hand (60日, 60天, 六十日; 60 days, sixty days, 60-day)."""
    v = fact.value
    if v.date is not None:
        y, m, d = (int(x) for x in v.date.split("-"))
        return [f"{y}年{m}月{d}日", v.date, f"{y}.{m}.{d}"] if lang == "zh" else [fact.value("en"), v.date]
    if v.number is None:
        return []
    n, cn, word = v.number, _chinese_number(v.number), _EN_WORDS.get(v.number, str(v.number))
    numbers_zh = [str(n), cn] + (["两"] if n == 2 else [])
    if v.unit == "percent":
        return [f"{n}%", f"{n} %", f"{n}％", f"百分之{cn}"] if lang == "zh" else [f"{n}%", f"{n} %", f"{n} per cent", f"{n} percent"]
    if v.unit == "yuan":
        return ([f"{n}元", f"{n:,}元", f"¥{n:,}", f"¥{n}", f"{cn}元"] if lang == "zh"
                else [f"¥{n:,}", f"¥{n}", f"RMB {n:,}", f"RMB {n}", f"{n:,} yuan", f"{n} yuan"])
    units = {"day": (["日", "天"], ["days", "calendar days", "day"]),
             "working-day": (["个工作日", "工作日"], ["working days", "business days", "working-day"]),
             "year": (["年", "周年"], ["years", "year"])}[v.unit]
    if lang == "zh":
        return [f"{num}{unit}" for num in numbers_zh for unit in units[0]]
    return [f"{num}{sep}{unit}" for num in (str(n), word) for unit in units[1] for sep in (" ", "-")]


@lru_cache(maxsize=64)
def _spelling_pattern(spellings: tuple[str, ...], lang: str) -> re.Pattern[str] | None:
    if not spellings:
        return None
    alternatives = "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
    before = r"(?<![0-9０-９.,零一二三四五六七八九十百千两])" if lang == "zh" else r"(?<![0-9.,])\b"
    after = r"(?![0-9])" if lang == "zh" else r"(?![0-9A-Za-z])"
    return re.compile(f"{before}(?:{alternatives}){after}", re.IGNORECASE)


_SENTENCE_END = re.compile(r"[。！？；!?;\n]|(?<=[.:])\s")


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def hand_written(text: str, lang: str, facts: Facts) -> Iterator[tuple[str, str, list[str]]]:
    """(value as written, keyword, fact ids) for each fact value written by hand in a sentence with its keyword."""
    for sentence in sentences(text):
        found: dict[tuple[str, str], list[str]] = {}
        folded = sentence.lower()
        for fact in facts.facts:
            if f"[[fact:{fact.id}]]" in sentence:
                continue
            keyword = next((k for k in fact.keywords(lang) if k.lower() in folded), None)
            if keyword is None:
                continue
            pattern = _spelling_pattern(tuple(value_spellings(fact, lang)), lang)
            match = pattern.search(sentence) if pattern else None
            if match:
                found.setdefault((match.group(0), keyword), []).append(fact.id)
        for (written, keyword), ids in found.items():
            yield written, keyword, ids


# A record's own title and its search words name things ("两年内自杀"); they are labels, not statements of the rule.
LABEL_FIELDS = frozenset({"title", "aliases"})


@rule("content", warns=True)
def no_hand_written_fact_values(ctx: ContentContext) -> Iterator[Problem]:
    """A fact's value written by hand in the same sentence as one of its keywords: use its [[fact:ID]] token."""
    for record in ctx.records:
        raw = ctx.raw(record)
        for where, lang, text in record_texts(raw.loaded.data, LABEL_FIELDS):
            for written, keyword, ids in hand_written(text, lang, ctx.facts):
                use = " or ".join(f"[[fact:{i}]]" for i in ids)
                yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                              f"writes '{written}' by hand next to '{keyword}': use {use}", severity="warning")
