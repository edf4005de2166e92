"""Rules across records: references resolve, tags are named, reviews are due (warnings)."""
from __future__ import annotations

from datetime import date
from typing import Iterator

from ..model import Record
from ..problems import FieldPath, Problem, format_field_path
from . import ContentContext, rule
from .suggest import did_you_mean

TAGS_FILE = "tags.yaml"


def refs_in(record: Record) -> Iterator[tuple[FieldPath, str]]:
    """Every reference field of a record, with where it is: related, replaced_by, step uses, a flow's procedures,
    course modules."""
    for i, ref in enumerate(record.related):
        yield ("related", i), ref
    if record.replaced_by:
        yield ("replaced_by",), record.replaced_by
    steps = getattr(record.spec, "steps", [])
    for i, step in enumerate(steps):
        for j, ref in enumerate(step.uses):
            yield ("spec", "steps", i, "uses", j), ref
    for i, ref in enumerate(getattr(record.spec, "procedures", [])):
        yield ("spec", "procedures", i), ref
    for i, module in enumerate(getattr(record.spec, "modules", [])):
        where = ("spec", "modules", i)
        for j, ref in enumerate(module.reading):
            yield where + ("reading", j), ref
        for j, ref in enumerate(module.roleplay):
            yield where + ("roleplay", j), ref
        for j, ref in enumerate(module.task.uses):
            yield where + ("task", "uses", j), ref
        for j, question in enumerate(module.quiz):
            yield where + ("quiz", j, "ref"), question.ref


@rule("content", "dangling-reference.yaml")
def references_resolve(ctx: ContentContext) -> Iterator[Problem]:
    """Every reference names an existing record; a near miss gets a did-you-mean.

    A file that could not be read is reported once, where it is: references to it are not errors of their own."""
    known = ctx.known_refs
    for record in ctx.records:
        raw = ctx.raw(record)
        for where, ref in refs_in(record):
            if ref in known:
                continue
            yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                          f"reference '{ref}' does not match any record{did_you_mean(ref, known)}")


@rule("content", "unnamed-tag.yaml")
def tags_are_named(ctx: ContentContext) -> Iterator[Problem]:
    """Every tag a record uses is named in tags.yaml; a near miss gets a did-you-mean."""
    if ctx.tag_names is None:
        return  # the tag file itself is missing or broken: that is reported once, by the loader
    for record in ctx.records:
        raw = ctx.raw(record)
        for i, tag in enumerate(record.tags):
            if tag in ctx.tag_names:
                continue
            hint = did_you_mean(tag, ctx.tag_names) or f" (add it to {TAGS_FILE} with its zh and en names)"
            yield Problem(raw.path, raw.loaded.line_of(("tags", i)), f"tags[{i}]", f"tag '{tag}' is not in {TAGS_FILE}{hint}")


@rule("content", warns=True)
def governance_warnings(ctx: ContentContext) -> Iterator[Problem]:
    """Warn about records past their review date and list drafts (warnings do not fail the build)."""
    yield from review_warnings(ctx.records, ctx.raws, ctx.today)


def review_warnings(records: list[Record], raws: dict, today: date) -> Iterator[Problem]:
    """Records past their review date, and drafts, as warnings."""
    for record in records:
        raw = raws[record.ref]
        if record.status != "retired" and date.fromisoformat(record.review_by) < today:
            yield Problem(raw.path, raw.loaded.line_of(("review_by",)), "review_by",
                          f"review was due on {record.review_by}", severity="warning")
        if record.status == "draft":
            yield Problem(raw.path, raw.loaded.line_of(("status",)), "status", "record is still a draft", severity="warning")
