"""The content policy (policy.yaml) as rules: what this handbook must cover, reported where an editor can act.

What is missing is reported at the policy entry that asks for it (`policy.yaml:12: must_cover[0].words[3]: ...`);
what a record must not do is reported at the record, naming the policy entry. Minimum counts and a course's shape are
warnings (a merge or a retirement may lower a count for a while, and the build must still publish a correction);
everything else is an error (a must-cover topic lost is a reader's question left without an answer)."""
from __future__ import annotations

import re
from typing import Iterator

from ..fact_tokens import FactText
from ..model import CourseSpec, ExclusionSpec, Record
from ..policy import Policy
from ..problems import Problem, format_field_path
from . import ContentContext, rule
from .fact_refs import record_texts
from .suggest import did_you_mean


def _live(ctx: ContentContext) -> list[Record]:
    """The records a reader finds: retired ones leave the navigation, so they cover nothing."""
    return [r for r in ctx.records if r.status != "retired"]


def _failed(ctx: ContentContext, folder: str) -> tuple[list[dict], int]:
    """The raw data of the folder's files that failed their own checks, and how many could not be read at all:
    they are reported once, where they are, and must not also count as missing here."""
    built = {r.ref for r in ctx.records}
    raws = [raw.loaded.data for ref, raw in ctx.raws.items() if raw.folder == folder and ref not in built]
    return [d for d in raws if isinstance(d, dict)], sum(ref.startswith(f"{folder}/") for ref in ctx.unreadable)


def _words_of(data: dict) -> tuple[list[str], list[str]]:
    """A failed file's titles and aliases, as far as they can be read."""
    def strings(value: object) -> list[str]:
        if isinstance(value, dict):
            return [t for v in value.values() for t in strings(v)]
        if isinstance(value, list):
            return [t for v in value for t in strings(v)]
        return [value] if isinstance(value, str) else []
    return strings(data.get("title")), strings(data.get("aliases"))


def _why(reason: str) -> str:
    """The closing words of a problem at the policy entry itself: its reason."""
    return f": {reason}"


def _by(policy: Policy, where: tuple[str | int, ...], reason: str) -> str:
    """The closing words of a problem at a record: the policy entry it breaks and its reason."""
    return f" ({policy.path}: {format_field_path(where)}): {reason}"


def _at(policy: Policy, where: tuple[str | int, ...], message: str, severity: str = "error") -> Problem:
    """A problem at an entry of the policy file."""
    return Problem(policy.path, policy.line(*where), format_field_path(where), message, severity=severity)


@rule("content", warns=True)
def records_meet_minimum_counts(ctx: ContentContext) -> Iterator[Problem]:
    """Warn when a kind has fewer records than the policy's minimum (retired records are not counted)."""
    policy = ctx.policy
    live = _live(ctx)
    for i, entry in enumerate(policy.minimum_records):
        failed, unreadable = _failed(ctx, entry.folder)
        count = sum(1 for r in live if r.folder == entry.folder) + len(failed) + unreadable
        if count < entry.at_least:
            yield _at(policy, ("minimum_records", i, "at_least"),
                      f"{entry.folder} has {count} record(s), the policy asks for at least {entry.at_least}"
                      f"{_why(entry.reason.en)}", severity="warning")


def _covers(titles: list[str], aliases: list[str], word: str, match: str) -> bool:
    if match == "title":
        return word in titles
    return any(word in text for text in (*titles, *aliases))


@rule("content", "policy-word-not-covered.yaml")
def topics_are_covered(ctx: ContentContext) -> Iterator[Problem]:
    """Every must-cover word is the title (or in a title or alias) of a record of its kind."""
    policy = ctx.policy
    live = _live(ctx)
    for i, entry in enumerate(policy.must_cover):
        failed, unreadable = _failed(ctx, entry.folder)
        if unreadable:
            continue  # a file of the kind could not be read: it may be the one that covers the word
        candidates = [([r.title.zh, r.title.en], [*r.aliases.zh, *r.aliases.en]) for r in live if r.folder == entry.folder]
        candidates += [_words_of(data) for data in failed]
        for j, word in enumerate(entry.words):
            if not any(_covers(titles, aliases, word, entry.match) for titles, aliases in candidates):
                lacks = f"is titled '{word}'" if entry.match == "title" else f"has '{word}' in its title or aliases"
                yield _at(policy, ("must_cover", i, "words", j), f"no {entry.folder} record {lacks}{_why(entry.reason.en)}")


@rule("content", "policy-record-missing.yaml", "policy-basis-differs.yaml")
def required_records_exist(ctx: ContentContext) -> Iterator[Problem]:
    """Every record the policy lists exists and is not retired; a listed exclusion states the basis asked for."""
    policy = ctx.policy
    by_ref = {r.ref: r for r in ctx.records}
    for i, entry in enumerate(policy.must_exist):
        why = _why(entry.reason.en)
        for j, ref in enumerate(entry.refs):
            where = ("must_exist", i, "refs", j)
            record = by_ref.get(ref)
            if record is None:
                if ref not in ctx.raws and ref not in ctx.unreadable:  # a broken file is reported where it is
                    yield _at(policy, where, f"'{ref}' does not exist{did_you_mean(ref, by_ref)}{why}")
            elif record.status == "retired":
                yield _at(policy, where, f"'{ref}' is retired{why}")
            elif entry.basis and isinstance(record.spec, ExclusionSpec) and record.spec.basis != entry.basis:
                yield _at(policy, where, f"'{ref}' states basis '{record.spec.basis}', the policy expects "
                                         f"'{entry.basis}'{why}")


@rule("content", "policy-fact-missing.yaml")
def required_facts_are_defined(ctx: ContentContext) -> Iterator[Problem]:
    """Every fact the policy lists is defined in facts.yaml."""
    policy, entry = ctx.policy, ctx.policy.facts
    if entry is None or ctx.facts.broken:
        return  # a broken facts file is reported once, by its loader
    for j, fact_id in enumerate(entry.ids):
        if fact_id not in ctx.facts.by_id:
            yield _at(policy, ("facts", "ids", j), f"fact '{fact_id}' is not defined in {ctx.facts.path}"
                                                  f"{did_you_mean(fact_id, ctx.facts.by_id)}{_why(entry.reason.en)}")


@rule("content", "policy-product-line-uncovered.yaml")
def product_lines_have_exclusions(ctx: ContentContext) -> Iterator[Problem]:
    """Every product line the policy lists is named by at least one exclusion."""
    policy, entry = ctx.policy, ctx.policy.exclusion_product_lines
    if entry is None:
        return
    named = {line for r in _live(ctx) if isinstance(r.spec, ExclusionSpec) for line in r.spec.product_lines}
    for j, line in enumerate(entry.lines):
        if line not in named:
            yield _at(policy, ("exclusion_product_lines", "lines", j),
                      f"no exclusion names the product line '{line}'{_why(entry.reason.en)}")


@rule("content", "policy-aliases-missing.yaml")
def records_have_aliases(ctx: ContentContext) -> Iterator[Problem]:
    """Records of a kind the policy names have search aliases in both languages."""
    policy = ctx.policy
    for i, entry in enumerate(policy.aliases_required):
        for record in ctx.records:
            missing = [lang for lang in ("zh", "en") if record.folder == entry.folder and not record.aliases(lang)]
            if missing:
                raw = ctx.raw(record)
                where = ("aliases", missing[0])
                yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                              f"needs search aliases in {' and '.join(missing)}"
                              f"{_by(policy, ('aliases_required', i), entry.reason.en)}")


@rule("content", "policy-course-missing.yaml")
def courses_teach_what_they_must(ctx: ContentContext) -> Iterator[Problem]:
    """A course the policy lists exists and its modules give the listed reading and state the listed words."""
    policy = ctx.policy
    by_ref = {r.ref: r for r in ctx.records}
    for i, entry in enumerate(policy.courses):
        why = _why(entry.reason.en)
        course = by_ref.get(entry.ref)
        if course is None or not isinstance(course.spec, CourseSpec):
            if entry.ref not in ctx.raws and entry.ref not in ctx.unreadable:
                yield _at(policy, ("courses", i, "ref"), f"'{entry.ref}' does not exist{did_you_mean(entry.ref, by_ref)}{why}")
            continue
        spec = course.spec
        reading = {ref for m in spec.modules for ref in m.reading}
        for j, ref in enumerate(entry.reading):
            if ref not in reading:
                yield _at(policy, ("courses", i, "reading", j), f"no module of {entry.ref} gives '{ref}' as reading{why}")
        if ctx.facts.broken:
            continue  # limits are written as fact tokens: with facts.yaml broken (reported there), nothing reads them
        plain = FactText(ctx.facts, "zh", None).plain
        taught = " ".join(plain(t.zh) for m in spec.modules for t in [*(q.explanation for q in m.quiz), *m.objectives])
        for j, word in enumerate(entry.mentions):
            if word not in taught:
                yield _at(policy, ("courses", i, "mentions", j),
                          f"no quiz explanation or objective of {entry.ref} states '{word}'{why}")


@rule("content", warns=True)
def courses_have_their_shape(ctx: ContentContext) -> Iterator[Problem]:
    """Warn when a course the policy lists has fewer modules, or a module's quiz lacks a question type, than asked."""
    policy = ctx.policy
    by_ref = {r.ref: r for r in ctx.records}
    for i, entry in enumerate(policy.courses):
        course = by_ref.get(entry.ref)
        if course is None or not isinstance(course.spec, CourseSpec):
            continue
        modules = course.spec.modules
        why = _why(entry.reason.en)
        if entry.min_modules is not None and len(modules) < entry.min_modules:
            yield _at(policy, ("courses", i, "min_modules"),
                      f"{entry.ref} has {len(modules)} module(s), the policy asks for at least {entry.min_modules}{why}",
                      severity="warning")
        for module in modules:
            lacking = [t for t in entry.question_types if t not in {q.type for q in module.quiz}]
            if lacking:
                yield _at(policy, ("courses", i, "question_types"),
                          f"the quiz of module '{module.id}' of {entry.ref} has no {', '.join(lacking)} question{why}",
                          severity="warning")


_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n|(?<=\.)\s")


@rule("content", "policy-phrase-suggested.yaml")
def phrases_are_not_suggested(ctx: ContentContext) -> Iterator[Problem]:
    """No sentence of a record's text contains a phrase the policy refuses, unless it also carries the `unless` word."""
    policy = ctx.policy
    for i, entry in enumerate(policy.phrases):
        for record in ctx.records:
            raw = ctx.raw(record)
            for where, _lang, text in record_texts(raw.loaded.data):
                if any(entry.phrase in sentence and not (entry.unless and entry.unless in sentence)
                       for sentence in _SENTENCE_END.split(text)):
                    yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                                  f"suggests '{entry.phrase}'{_by(policy, ('phrases', i), entry.reason.en)}")


def _article_of(name: str) -> re.Pattern[str]:
    return re.compile(re.escape(name) + r"\s*第\s*[\d一二三四五六七八九十百]+\s*条")


@rule("content", "policy-law-not-cited.yaml")
def named_laws_are_cited(ctx: ContentContext) -> Iterator[Problem]:
    """A record whose text names an article of a listed law has a source whose title names that law."""
    policy = ctx.policy
    for i, entry in enumerate(policy.cited_laws):
        article = _article_of(entry.name)
        for record in ctx.records:
            if any(entry.name in s.title.zh for s in record.sources):
                continue
            raw = ctx.raw(record)
            named = next(((where, m.group(0)) for where, _lang, text in record_texts(raw.loaded.data)
                          for m in [article.search(text)] if m), None)
            if named:
                where, words = named
                yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                              f"names {words} but no source's title names {entry.name}"
                              f"{_by(policy, ('cited_laws', i), entry.reason.en)}")

