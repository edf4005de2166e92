"""The query vocabulary: titles and aliases, each written as the search index cut it."""
from __future__ import annotations

import json

from handbook.search import indexed_texts
from handbook.search_terms import index_cuts

Z = "\u200b"  # Pagefind separates the words of Chinese text by zero-width spaces


def test_a_word_takes_the_cut_the_index_made_of_it_most_often():
    texts = [f"客户{Z}问{Z}宽限{Z}期{Z}多久", f"宽限{Z}期{Z}内{Z}出险", f"宽限期{Z}结束"]
    assert index_cuts(["宽限期"], texts) == ["宽限 期"]


def test_a_word_glued_to_its_neighbours_is_not_a_cut_of_it():
    """签名 inside 代签名 (one index word) says nothing about how 签名 alone was cut."""
    texts = [f"不{Z}代签名{Z}。", f"请{Z}签{Z}名"]
    assert index_cuts(["签名", "代签名"], texts) == ["签 名", "代签名"]
    assert index_cuts(["签名"], [f"不{Z}代签名{Z}。"]) == ["签名"], "never seen on its own: kept as it is"


def test_words_longer_than_the_segmenter_tries_are_not_looked_for():
    texts = [Z.join("一二三四五六七八九")]
    assert index_cuts(["一二三", "一二三四五六七八九"], texts) == ["一 二 三", "一二三四五六七八九"]


def test_the_built_vocabulary_holds_index_cuts_of_titles_and_aliases(built_site):
    words = json.loads((built_site / "search-terms.json").read_text(encoding="utf-8"))["words"]
    joined = [w.replace(" ", "") for w in words]
    assert len(set(joined)) == len(joined), "one entry per word"
    cut = [w for w in words if " " in w]
    assert len(cut) > len(words) / 4, "Pagefind cuts many titles and aliases: their cuts are shipped"
    text = "\n".join(indexed_texts(built_site / "pagefind", "zh"))
    missing = [w for w in cut if w.replace(" ", Z) not in text]
    assert missing == [], "each shipped cut is one the index made"
    assert json.loads((built_site / "en" / "search-terms.json").read_text(encoding="utf-8"))["words"] == []
