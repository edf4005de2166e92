"""Reading order for lists of titles: Chinese by pinyin (then tone), English without regard to case."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from pypinyin import Style, lazy_pinyin

from .model import Record


@lru_cache(maxsize=None)
def collation_key(text: str, lang: str) -> tuple[str, str]:
    """Sort key: 保全 (bao3 quan2) before 重疾 (zhong4 ji2); 'accident' before 'HIV'. Ties fall back to the text."""
    spelled = " ".join(lazy_pinyin(text, style=Style.TONE3)) if lang == "zh" else text
    return spelled.casefold(), text


def initial(text: str, lang: str) -> str:
    """The letter a title is filed under: its pinyin's first letter in Chinese, its own in English; '#' otherwise."""
    first = collation_key(text, lang)[0][:1].upper()
    return first if "A" <= first <= "Z" else "#"


def by_initial(records: Iterable[Record], lang: str) -> list[tuple[str, list[Record]]]:
    """Records in reading order, grouped under their initial letter (an A–Z index)."""
    groups: dict[str, list[Record]] = {}
    for record in by_title(records, lang):
        groups.setdefault(initial(record.title(lang), lang), []).append(record)
    return list(groups.items())


def by_title(records: Iterable[Record], lang: str) -> list[Record]:
    """Records in the order a reader of this language looks for them in a list."""
    return sorted(records, key=lambda r: collation_key(r.title(lang), lang))
