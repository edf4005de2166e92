"""The whole content step in one call: load and validate, then assemble the build docs folder."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .assemble import assemble
from .navigation import site_nav
from .paths import Layout
from .problems import ContentError
from .validate import Content, load_content


@dataclass
class Prepared:
    content: Content
    docs_dir: Path
    written: int

    def nav(self, lang: str) -> list:
        return site_nav(self.content.records, lang, bool(self.content.facts.facts))


def prepare(layout: Layout) -> Prepared:
    """Validate all content (raise ContentError with every problem) and write the build docs folder."""
    content = load_content(layout.data_dir, layout.root)
    if content.errors:
        raise ContentError(content.problems)
    written = assemble(layout.docs_dir, layout.build_docs_dir, content.records, content.tag_names, content.letterhead,
                       content.facts, content.holidays)
    return Prepared(content=content, docs_dir=layout.build_docs_dir, written=written)
