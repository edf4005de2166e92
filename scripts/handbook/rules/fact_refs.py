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
    if ctx.facts.broken:
        return  # facts.yaml's own problems are reported once, by the loader
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


_EN_WORDS = {1: "one", 2: "two", 3: "three", 5: "five", 10: "ten", 15: "fifteen", 30: "thirty", 60: "sixty",
             180: "a hundred and eighty"}


def value_spellings(fact: Fact, lang: str) -> list[str]:
    """The ways a writer spells this fact's value by hand (60日, 60天, 六十日, 十五个工作日, 两年或以上 by its 两年;
    60 days, sixty days, 60-day, 2 or more years, two full years; "2 years or more" by its "2 years")."""
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
    units = {"day": (["日", "天", "个自然日", "自然日"], ["days", "calendar days", "day"]),
             "working-day": (["个工作日", "工作日"], ["working days", "business days", "working-day", "working day"]),
             "year": (["年", "周年"], ["years", "year"])}[v.unit]
    if lang == "zh":
        return [f"{num}{unit}" for num in numbers_zh for unit in units[0]]
    # "the 5-year limit" restates the value as much as "5 years" does, and "2 or more years" or "two full years" (交足2年
    # 以上) as much as "2 years"; both spellings of the number are looked for
    return [f"{num}{between}{unit}" for num in (str(n), word) for unit in units[1]
            for between in (" ", "-", " or more ", " full ")]


@lru_cache(maxsize=None)
def _spelling_pattern(spellings: tuple[str, ...], lang: str) -> re.Pattern[str] | None:
    if not spellings:
        return None
    alternatives = "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
    before = r"(?<![0-9０-９.,零一二三四五六七八九十百千两])" if lang == "zh" else r"(?<![0-9A-Za-z.,¥-])"
    # no digit may follow: "5个工作日" is never read as "5日" because "个" is not "日" (the unit is part of the spelling)
    after = r"(?![0-9])" if lang == "zh" else r"(?![0-9A-Za-z-])"
    return re.compile(f"{before}(?:{alternatives}){after}", re.IGNORECASE)


_SENTENCE_END = re.compile(r"[。！？；!?;\n]|(?<=[.:])\s")


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def _keyword_in(fact: Fact, lang: str, folded: str) -> str | None:
    return next((k for k in fact.keywords(lang) if k.lower() in folded), None)


# Words in quotation marks are someone else's (a questionnaire's question, a customer's phrase), not the law's rule.
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|\"[^\"]*\"")


def hand_written(text: str, lang: str, facts: Facts, context: str = "") -> Iterator[tuple[str, str, list[str]]]:
    """(value as written, keyword, fact ids) for each fact value written by hand near one of its keywords.

    A keyword counts in the value's sentence, else in its paragraph, else in `context` (the record's title and the
    other texts of the same item, e.g. a time limit's "what"); the nearest place with a keyword names the fact(s)."""
    for paragraph in _paragraphs(_QUOTED.sub(" ", text)):
        for sentence in sentences(paragraph):
            folded = sentence.lower()
            if _CONTRACT_VALUE[lang].search(sentence):
                continue
            found: dict[tuple[str, str], list[str]] = {}
            for written, candidates in _values_in(sentence, lang, facts):
                for place in (folded, paragraph.lower(), context.lower()):
                    named = [(fact.id, kw) for fact in candidates if (kw := _keyword_in(fact, lang, place))]
                    if named:
                        found[(written, named[0][1])] = [fact_id for fact_id, _ in named]
                        break
            for (written, keyword), ids in found.items():
                yield written, keyword, ids


# A value is written with a digit, a Chinese numeral or an English number word: a sentence without any has no value.
_NUMBER_HINT = re.compile("[0-9０-９零一二三四五六七八九十百千两]|" + "|".join(re.escape(w) for w in _EN_WORDS.values()),
                          re.IGNORECASE)


class _ValueFinder:
    """Every fact's value spellings in one language, compiled once per facts file; two quick passes rule out most
    sentences (no number at all; none of the values)."""

    def __init__(self, facts: Facts, lang: str) -> None:
        self.facts = facts
        spellings = {fact.id: value_spellings(fact, lang) for fact in facts.facts}
        self.patterns = [(fact, pattern) for fact in facts.facts
                         if (pattern := _spelling_pattern(tuple(spellings[fact.id]), lang))]
        self.any_value = re.compile("|".join(f"(?:{p.pattern})" for _, p in self.patterns) or r"(?!)", re.IGNORECASE)
        every_has_a_number = all(_NUMBER_HINT.search(s) for found in spellings.values() for s in found)
        self.hint = _NUMBER_HINT if every_has_a_number else None  # a spelling without a number: no shortcut

    def values_in(self, sentence: str) -> Iterator[tuple[str, list[Fact]]]:
        if (self.hint and not self.hint.search(sentence)) or not self.any_value.search(sentence):
            return
        by_written: dict[str, list[Fact]] = {}
        for fact, pattern in self.patterns:
            if f"[[fact:{fact.id}]]" in sentence:
                continue
            for match in pattern.finditer(sentence):
                by_written.setdefault(match.group(0), []).append(fact)
        yield from by_written.items()


_finders: dict[str, _ValueFinder] = {}


def _values_in(sentence: str, lang: str, facts: Facts) -> Iterator[tuple[str, list[Fact]]]:
    """Each value written in the sentence with the facts (not already cited there by token) that have that value."""
    finder = _finders.get(lang)
    if finder is None or finder.facts is not facts:  # one facts file at a time: the last one read
        finder = _finders[lang] = _ValueFinder(facts, lang)
    return finder.values_in(sentence)


# A record's search words name things ("两年内自杀"), a change note quotes what the text used to say, an exclusion's
# clause is the contract's own wording, the don't-say lists and a course's watch-for quote wrong statements, and a
# quiz's options are choices (some wrong on purpose; a citation would give the answer away): none of them states the
# law's rule. Titles, summaries, notes and questions do, and are checked.
LABEL_FIELDS = frozenset({"aliases", "change_note", "clause", "dont_say", "must_not_say", "watch_for", "options"})
# A sentence that gives the value as this contract's (not the law's) keeps it as written. "符合合同约定的申请" and "合同另有
#约定的除外" / "unless the contract says otherwise" qualify the law's rule and do not count.
_CONTRACT_VALUE = {"zh": re.compile(r"(?<!符合)合同约定(?!的除外)|您的合同|这份合同|本合同|条款约定|以合同为准|按客户合同|您这张"
                                    r"|按您的合同|合同写|合同载明|\[\[contract\]\]"),
                   "en": re.compile(r"your contract|your policy|this contract|the contract says(?! otherwise)|the contract's(?! conditions)"
                                    r"|policy wording|her contract|his contract|contract gives|contract sets(?! out)"
                                    r"|contract states|\[\[contract\]\]", re.IGNORECASE)}


def _item_of(where: FieldPath) -> FieldPath:
    """The item a text belongs to: the nearest list element above it (a time limit, a step, a turn), else the record."""
    for i in range(len(where) - 1, -1, -1):
        if isinstance(where[i], int):
            return where[:i + 1]
    return ()


def record_contexts(data: dict, skip: frozenset[str] = LABEL_FIELDS) -> Iterator[tuple[FieldPath, str, str, str]]:
    """(field path, language, text, context) for every checked text; the context is the record's title and the other
    texts of the same item in the same language, where a fact's keyword often stands ("what": 受理; "limit": 2个工作日内)."""
    texts = list(record_texts(data, skip))
    title = data.get("title") if isinstance(data.get("title"), dict) else {}
    by_item: dict[tuple[FieldPath, str], list[tuple[FieldPath, str]]] = {}
    for where, lang, text in texts:
        by_item.setdefault((_item_of(where), lang), []).append((where, text))
    for where, lang, text in texts:
        item = _item_of(where)
        siblings = [other for w, other in by_item[(item, lang)] if w != where] if item else []
        yield where, lang, text, "\n".join([str(title.get(lang, ""))] + siblings)


@rule("content", warns=True)
def no_hand_written_fact_values(ctx: ContentContext) -> Iterator[Problem]:
    """A fact's value written by hand near one of its keywords (sentence, paragraph, item or title): use its token."""
    for record in ctx.records:
        raw = ctx.raw(record)
        for where, lang, text, context in record_contexts(raw.loaded.data):
            for written, keyword, ids in hand_written(text, lang, ctx.facts, context):
                use = " or ".join(f"[[fact:{i}]]" for i in ids)
                yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                              f"writes '{written}' by hand next to '{keyword}': use {use}", severity="warning")
