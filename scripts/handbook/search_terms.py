"""The search vocabulary per language: titles, aliases and tags, used in the browser to segment Chinese queries."""
from __future__ import annotations

import json
import re

from .kinds import KINDS
from .model import Record

_CJK_RUN = re.compile(r"[\u3400-\u9fff]{2,12}")


def search_vocabulary(records: list[Record], lang: str) -> list[str]:
    """Distinct Chinese words from titles and aliases (zh pages only need it), longest first."""
    if lang != "zh":
        return []
    words: set[str] = set()
    for record in records:
        for text in (record.title("zh"), *record.aliases("zh")):
            words.update(_CJK_RUN.findall(text))
    for kind in KINDS:
        words.update(_CJK_RUN.findall(kind.title_zh))
    return sorted(words, key=lambda w: (-len(w), w))


def vocabulary_json(records: list[Record], lang: str) -> str:
    return json.dumps({"words": search_vocabulary(records, lang)}, ensure_ascii=False, separators=(",", ":"))
