"""What a flow page hands its script: the questions and outcomes in the page's language, with link targets."""
from __future__ import annotations

from typing import Protocol

from .model import FlowSpec

FLOW_LABELS: tuple[str, ...] = ("flow_back", "flow_restart", "flow_trail", "flow_outcome", "flow_question_n",
                                "flow_change", "flow_print")


class LinkContext(Protocol):
    lang: str
    t: dict[str, str]

    def href(self, ref: str) -> str: ...
    def title_of(self, ref: str) -> str: ...
    def kind_title(self, folder: str) -> str: ...


def flow_page_data(spec: FlowSpec, ctx: LinkContext) -> dict:
    """The flow as JSON-ready data for one language: start, questions, outcomes (with link hrefs) and UI wording."""
    lang = ctx.lang
    return {
        "start": spec.start,
        "questions": {q.id: {"text": q.text(lang), "hint": q.hint(lang) if q.hint else "",
                             "answers": [{"label": a.label(lang), "next": a.next} for a in q.answers]}
                      for q in spec.questions},
        "outcomes": {o.id: {"title": o.title(lang), "text": o.text(lang),
                            "links": [{"href": ctx.href(ref), "title": ctx.title_of(ref),
                                       "kind": ctx.kind_title(ref.split("/")[0])} for ref in o.links]}
                     for o in spec.outcomes},
        "labels": {key: ctx.t[key] for key in FLOW_LABELS},
    }
