"""A whole question's first search, in real Chromium: it fetches the index chunks its own words fall in and nothing
else, and stays within the first-search budget.

Every word Pagefind looks up fetches each chunk whose listed range of terms holds it, so what a first search costs
is the set of those chunks. The property measured here is that set: on a Chinese page, exactly the chunks the words
of the query's variants need (Pagefind searched a second, browser-cut view as well and fetched the chunks of 了, 吗
and 的); in English, those chunks and at most one more per word, where Pagefind's stemmer moved it to another chunk
(policy → polici); in both, no more than the budget in bytes a fresh visitor transfers (gzip)."""
from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path

import pytest

from handbook.rechunk import META_CHUNK_LIST_FIELD, read_pagefind_file

FIRST_SEARCH_BUDGET = 150 * 1024  # bytes, gzip: Pagefind's loader, worker and WebAssembly, the metadata, chunks, results

# The longest whole questions of the benchmark's first-search set (tools/bench_search.py) in each language.
LONG_QUESTIONS = [
    ("zh", "拿到新的服务清单第一步做什么"),
    ("zh", "刚买重疾险就确诊了能赔吗"),
    ("zh", "客户要投诉，最晚多久要给答复"),
    ("en", "customer diagnosed with cancer two months after buying critical illness cover"),
    ("en", "which documents are needed to surrender a policy"),
]


def listed_chunks(site: Path, lang: str) -> list[tuple[str, str, str]]:
    """The language's list of chunks as the shipped metadata gives it: (start, end, file name) per range of terms."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = read_pagefind_file(site / "pagefind" / f"pagefind.{entry['languages'][lang]['hash']}.pf_meta")
    return [(start, end, name) for start, end, name in meta[META_CHUNK_LIST_FIELD]]


def pagefind_terms(variant: str) -> set[str]:
    """The terms Pagefind looks up for a query it does not re-cut: punctuation dropped, lower case, split at spaces."""
    return set("".join(ch.lower() for ch in variant if not unicodedata.category(ch).startswith("P")).split())


def wire_size(path: Path) -> int:
    """Bytes on the wire with gzip; Pagefind's own files are gzip already."""
    raw = path.read_bytes()
    return min(len(raw), len(gzip.compress(raw, 6)))


@pytest.mark.parametrize("lang, question", LONG_QUESTIONS)
def test_a_whole_question_fetches_the_chunks_of_its_own_words_only(phone, built_site, lang, question):
    phone.goto(phone.base + ("/" if lang == "zh" else "/en/"))
    phone.wait_for_load_state("networkidle")
    phone.click("[data-hb-search-open]")
    phone.fill("#hb-search-input", question)
    phone.locator("#hb-search .hb-result__link").first.wait_for()
    phone.wait_for_load_state("networkidle")
    fetched = {u.rsplit("/", 1)[1].split(".")[0] for u in phone.requests.urls if "/pagefind/index/" in u}
    terms = {t for v in phone.evaluate("q => window.hbQueries(q)", question) for t in pagefind_terms(v)}
    by_range = {name for start, end, name in listed_chunks(built_site, lang) for t in terms if start <= t <= end}
    assert by_range and by_range <= fetched, "every chunk a word of the question needs is fetched"
    if lang == "zh":
        assert fetched == by_range, f"chunks no word of {terms} falls in: {sorted(fetched - by_range)}"
    else:
        assert len(fetched - by_range) <= len(terms), "at most one more chunk per word, for its stem"
    search_files = {u.replace(phone.base, "").split("?")[0] for u in phone.requests.urls
                    if u.startswith(phone.base) and ("/pagefind/" in u or u.endswith("/search-terms.json"))}
    total = sum(wire_size(built_site / f.lstrip("/")) for f in search_files)
    assert total <= FIRST_SEARCH_BUDGET, f"{question}: first search {total / 1024:.0f} KB, {len(fetched)} chunks"
