"""The search vocabulary per language: titles, aliases and tags, used in the browser to segment Chinese queries."""
from __future__ import annotations

import json
import re

from .kinds import KINDS
from .model import Record

_CJK_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
LONGEST_WORD = 8  # the browser's segmenter tries words of at most this many characters (handbook.js)


def search_vocabulary(records: list[Record], lang: str) -> list[str]:
    """Distinct Chinese words of 2 to 8 characters from titles and aliases (zh pages only need it), sorted.

    Sorted order shares prefixes between neighbours, so the file compresses well; longer runs could never match.
    """
    if lang != "zh":
        return []
    words: set[str] = set()
    for record in records:
        for text in (record.title("zh"), *record.aliases("zh")):
            words.update(_CJK_RUN.findall(text))
    for kind in KINDS:
        words.update(_CJK_RUN.findall(kind.title_zh))
    return sorted(w for w in words if len(w) <= LONGEST_WORD)


def vocabulary_json(records: list[Record], lang: str) -> str:
    return json.dumps({"words": search_vocabulary(records, lang)}, ensure_ascii=False, separators=(",", ":"))
