"""One rendering per term: a banned rendering (terms.yaml) in any text is a warning naming the preferred one."""
from __future__ import annotations

from typing import Iterator

from ..problems import Problem, format_field_path
from . import ContentContext, rule
from .fact_refs import record_texts


def texts_with_sources(data: dict):
    """Every human-readable text of a record, its source titles included."""
    yield from record_texts(data)
    for i, source in enumerate(data.get("sources", [])):
        for lang in ("zh", "en"):
            title = source.get("title", {})
            if isinstance(title, dict) and isinstance(title.get(lang), str):
                yield ("sources", i, "title", lang), lang, title[lang]


@rule("content", warns=True)
def preferred_terms(ctx: ContentContext) -> Iterator[Problem]:
    """A banned rendering of a term (terms.yaml) in any text: use the preferred one."""
    for record in ctx.records:
        raw = ctx.raw(record)
        for where, lang, text in texts_with_sources(raw.loaded.data):
            for term in ctx.terms.terms:
                for pattern in term.banned_for(lang):
                    match = pattern.search(text)
                    if match:
                        yield Problem(raw.path, raw.loaded.line_of(where), format_field_path(where),
                                      f"writes '{match.group(0)}' for {term.term}: use '{term.preferred(lang if lang == 'zh' else 'en')}'"
                                      f"{'' if lang == 'en' else ' (en: ' + term.preferred.en + ')'} ({ctx.terms.path})",
                                      severity="warning")
