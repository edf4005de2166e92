"""The search vocabulary per language: titles, aliases and tags, used in the browser to segment Chinese queries."""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict

from .kinds import KINDS
from .model import Record

_CJK_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
_INDEXED_RUN = re.compile(r"[\u3400-\u9fff\u200b]+")  # Chinese text as Pagefind stores it: words cut by zero-width spaces
_GLUE = re.compile(r"[0-9A-Za-z]")  # a Chinese run touching these is part of one longer word (首期保费first)
LONGEST_WORD = 8  # the browser's segmenter tries words of at most this many characters (docs/assets/hb/search.js)


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
        words.update(_CJK_RUN.findall(kind.title("zh")))
    return sorted(w for w in words if len(w) <= LONGEST_WORD)


def vocabulary_file(words: list[str]) -> str:
    """The JSON the browser fetches (`search-terms.json`)."""
    return json.dumps({"words": words}, ensure_ascii=False, separators=(",", ":"))


def index_cuts(words: list[str], texts: list[str]) -> list[str]:
    """Each word as the search index cut it, its pieces joined by spaces (宽限期 → "宽限 期"); uncut words as they are.

    `texts` are the pages' text as Pagefind stored it, words separated by zero-width spaces. Where a word stands on
    word boundaries there, its most frequent cut is taken. A query word the index cut matches, as a whole, only the
    longest indexed word it begins with (宽限 for 宽限期); its pieces match it all: the browser searches both.
    """
    wanted = set(words)
    cuts: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for match in _INDEXED_RUN.finditer(text):
            if _GLUE.fullmatch(text[match.start() - 1:match.start()]) or _GLUE.fullmatch(text[match.end():match.end() + 1]):
                continue
            tokens = [t for t in match.group().split("\u200b") if t]
            for start in range(len(tokens)):
                joined = ""
                for end in range(start, len(tokens)):
                    joined += tokens[end]
                    if len(joined) > LONGEST_WORD:
                        break
                    if joined in wanted:
                        cuts[joined][" ".join(tokens[start:end + 1])] += 1
    return [cuts[w].most_common(1)[0][0] if cuts[w] else w for w in words]
