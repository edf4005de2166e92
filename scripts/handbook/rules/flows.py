"""Rules on guided-decision flows: the graph is walkable from its first question to an outcome on every path."""
from __future__ import annotations

import re
from typing import Iterator

from ..flowgraph import MAX_QUESTIONS_ON_A_PATH, find_cycle, longest_path, reachable
from ..model import FlowQuestion, FlowSpec, Record, Text
from ..problems import FieldPath, Problem, format_field_path
from . import ContentContext, Raw, rule
from .suggest import did_you_mean

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def _flow(record: Record) -> FlowSpec | None:
    return record.spec if isinstance(record.spec, FlowSpec) else None


def _problem(raw: Raw, where: FieldPath, message: str) -> Problem:
    return Problem(raw.path, raw.loaded.line_of(where), format_field_path(where), message)


def _where(spec: FlowSpec, node_id: str) -> FieldPath:
    """The field path of the node with this id (its `id` line)."""
    for i, q in enumerate(spec.questions):
        if q.id == node_id:
            return ("spec", "questions", i, "id")
    for i, o in enumerate(spec.outcomes):
        if o.id == node_id:
            return ("spec", "outcomes", i, "id")
    return ("spec", "start")


@rule("record", "flow-dead-end.yaml")
def flow_no_dead_end(raw: Raw, record: Record) -> Iterator[Problem]:
    """Every question offers at least one answer, so no reader is left stuck on it."""
    spec = _flow(record)
    if spec is None:
        return
    for i, question in enumerate(spec.questions):
        if not question.answers:
            yield _problem(raw, ("spec", "questions", i, "answers"),
                           f"question '{question.id}' has no answers: a reader would be stuck there (dead end)")


@rule("record", "flow-answer-nowhere.yaml")
def flow_answers_lead_somewhere(raw: Raw, record: Record) -> Iterator[Problem]:
    """The start and every answer name a question or outcome of the flow, and node ids are unique."""
    spec = _flow(record)
    if spec is None:
        return
    ids = [q.id for q in spec.questions] + [o.id for o in spec.outcomes]
    seen: set[str] = set()
    for node_id in ids:
        if node_id in seen:
            yield _problem(raw, _where(spec, node_id), f"node id '{node_id}' is used twice")
        seen.add(node_id)
    if not isinstance(spec.node(spec.start), FlowQuestion):
        yield _problem(raw, ("spec", "start"), f"'{spec.start}' is not a question of this flow{did_you_mean(spec.start, ids)}")
    for i, question in enumerate(spec.questions):
        for j, answer in enumerate(question.answers):
            if answer.next not in seen:
                yield _problem(raw, ("spec", "questions", i, "answers", j, "next"),
                               f"answer leads to '{answer.next}', which is no question or outcome of this flow"
                               f"{did_you_mean(answer.next, ids)}")


@rule("record", "flow-unreachable.yaml")
def flow_nodes_reachable(raw: Raw, record: Record) -> Iterator[Problem]:
    """Every question and outcome can be reached from the first question."""
    spec = _flow(record)
    if spec is None or spec.node(spec.start) is None:
        return
    can_reach = reachable(spec)
    for node in [*spec.questions, *spec.outcomes]:
        if node.id not in can_reach:
            yield _problem(raw, _where(spec, node.id), f"'{node.id}' cannot be reached from the first question '{spec.start}'")


@rule("record", "flow-cycle.yaml")
def flow_has_no_cycle(raw: Raw, record: Record) -> Iterator[Problem]:
    """No answer leads back to a question already asked on the way (a reader would go round in circles)."""
    spec = _flow(record)
    if spec is None:
        return
    loop = find_cycle(spec)
    if loop:
        i = next(i for i, q in enumerate(spec.questions) if q.id == loop[-2])
        j = next(j for j, a in enumerate(spec.questions[i].answers) if a.next == loop[-1])
        yield _problem(raw, ("spec", "questions", i, "answers", j, "next"),
                       "answers go round in a circle: " + " → ".join(loop))


@rule("record", "flow-too-long.yaml")
def flow_paths_are_short(raw: Raw, record: Record) -> Iterator[Problem]:
    """No path from the first question to an outcome asks more than seven questions."""
    spec = _flow(record)
    if spec is None or find_cycle(spec):
        return
    path = longest_path(spec)
    if len(path) > MAX_QUESTIONS_ON_A_PATH:
        yield _problem(raw, _where(spec, path[MAX_QUESTIONS_ON_A_PATH]),
                       f"a path asks {len(path)} questions (at most {MAX_QUESTIONS_ON_A_PATH}): " + " → ".join(path))


def _flow_texts(spec: FlowSpec) -> Iterator[tuple[FieldPath, Text]]:
    if spec.intro:
        yield ("spec", "intro"), spec.intro
    for i, q in enumerate(spec.questions):
        yield ("spec", "questions", i, "text"), q.text
        if q.hint:
            yield ("spec", "questions", i, "hint"), q.hint
        for j, a in enumerate(q.answers):
            yield ("spec", "questions", i, "answers", j, "label"), a.label
    for i, o in enumerate(spec.outcomes):
        yield ("spec", "outcomes", i, "title"), o.title
        yield ("spec", "outcomes", i, "text"), o.text


@rule("record", "flow-text-one-language.yaml")
def flow_text_in_both_languages(raw: Raw, record: Record) -> Iterator[Problem]:
    """Each question, answer and outcome is written in both languages, not copied from one into the other."""
    spec = _flow(record)
    if spec is None:
        return
    for where, text in _flow_texts(spec):
        if not _HAN.search(text.zh):
            yield _problem(raw, where + ("zh",), "has no Chinese text (the Chinese version is missing)")
        if not _LATIN.search(text.en):
            yield _problem(raw, where + ("en",), "has no English text (the English version is missing)")


@rule("content", "flow-missing-record.yaml")
def flow_links_resolve(ctx: ContentContext) -> Iterator[Problem]:
    """Each outcome links to records that exist."""
    known = ctx.known_refs
    for record in ctx.records:
        spec = _flow(record)
        if spec is None:
            continue
        raw = ctx.raw(record)
        for i, outcome in enumerate(spec.outcomes):
            for j, ref in enumerate(outcome.links):
                if ref not in known:
                    yield _problem(raw, ("spec", "outcomes", i, "links", j),
                                   f"outcome '{outcome.id}' links to '{ref}', which does not match any record{did_you_mean(ref, known)}")
