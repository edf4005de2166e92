"""What a flow page hands its script: the questions and outcomes in the page's language, with link targets."""
from __future__ import annotations

from typing import Protocol

from .fact_tokens import FactText
from .model import FlowSpec, Text

FLOW_LABELS: tuple[str, ...] = ("flow_back", "flow_restart", "flow_trail", "flow_outcome", "flow_question_n",
                                "flow_change", "flow_print")


class LinkContext(Protocol):
    lang: str
    t: dict[str, str]
    fact_text: FactText

    def href(self, ref: str) -> str: ...
    def title_of(self, ref: str) -> str: ...
    def kind_title(self, folder: str) -> str: ...


def flow_page_data(spec: FlowSpec, ctx: LinkContext) -> dict:
    """The flow as JSON-ready data for one language: start, questions, outcomes (with link hrefs) and UI wording;
    fact tokens are written out as the fact's value and article."""
    lang = ctx.lang

    def say(text: Text) -> str:
        return ctx.fact_text.plain(text(lang))

    return {
        "start": spec.start,
        "questions": {q.id: {"text": say(q.text), "hint": say(q.hint) if q.hint else "",
                             "answers": [{"label": say(a.label), "next": a.next} for a in q.answers]}
                      for q in spec.questions},
        "outcomes": {o.id: {"title": say(o.title), "text": say(o.text),
                            "links": [{"href": ctx.href(ref), "title": ctx.fact_text.plain(ctx.title_of(ref)),
                                       "kind": ctx.kind_title(ref.split("/")[0])} for ref in o.links]}
                     for o in spec.outcomes},
        "labels": {key: ctx.t[key] for key in FLOW_LABELS},
    }
