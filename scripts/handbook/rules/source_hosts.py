"""Sources come from allowed publishers only (publishers.yaml): law databases, government, regulator, courts,
industry associations, insurers, or the company's own internal documents (no URL)."""
from __future__ import annotations

from typing import Iterator
from urllib.parse import urlsplit

from ..problems import Problem
from . import ContentContext, rule


@rule("content", "source-host-not-allowed.yaml")
def sources_from_allowed_publishers(ctx: ContentContext) -> Iterator[Problem]:
    """Every source URL (records and facts.yaml) is on an allowed publisher's host."""
    publishers = ctx.publishers
    if not publishers.present:
        return  # no list (a test or synthetic data folder): nothing to check against
    for record in ctx.records:
        raw = ctx.raw(record)
        for i, source in enumerate(raw.loaded.data.get("sources", [])):
            url = source.get("url")
            if url and publishers.publisher_of(url) is None:
                where = ("sources", i, "url")
                yield Problem(raw.path, raw.loaded.line_of(where), f"sources[{i}].url", _message(url, publishers.path))
    facts = ctx.facts
    if facts.loaded is not None:
        for key, law in facts.laws.items():
            if law.url and publishers.publisher_of(law.url) is None:
                yield Problem(facts.path, facts.loaded.line_of(("laws", key, "url")), f"laws.{key}.url",
                              _message(law.url, publishers.path))


def _message(url: str, list_path: str) -> str:
    host = urlsplit(url).hostname or url
    return (f"source host '{host}' is not an allowed publisher (see {list_path}): cite the law, regulator, court, "
            "industry association or insurer's own page, or the company's internal document (title and issued, no url)")
