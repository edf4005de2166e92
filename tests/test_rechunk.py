"""Pagefind's word index cut again into small chunks: same words, same answers, a fraction of the download."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, serve_folder
from handbook import rechunk
from handbook.rechunk import Chunk, RechunkError, encode_pagefind_file, read_pagefind_file


def synthetic_words(seed: int, count: int = 600) -> list[rechunk.Word]:
    """Sorted words in Pagefind's layout: Chinese and English, families of very different sizes."""
    rng = random.Random(seed)
    alphabet = "保单理赔宽限期等待原位癌酒驾退费abcdeps"
    spellings = {"".join(rng.choices(alphabet[: rng.randint(3, len(alphabet))], k=rng.randint(1, 5))) for _ in range(count)}
    return [[w, [[rng.randint(0, 99), [rng.randint(0, 900) for _ in range(rng.randint(1, 30))], []]
                 for _ in range(rng.randint(1, 4))]] for w in sorted(spellings)]


def size(words: list[rechunk.Word]) -> int:
    return sum(map(rechunk.word_size, words))


def chunks_fetched_for(term: str, chunks: list[Chunk]) -> list[int]:
    """The chunks Pagefind's search fetches for a term (its strict rule: start <= term <= end)."""
    return [i for i, c in enumerate(chunks) if c.start <= term <= c.end]


@pytest.mark.parametrize("seed", range(6))
def test_packing_keeps_every_word_in_order_and_small_families_whole(seed):
    words = synthetic_words(seed)
    target = 400
    chunks = rechunk.pack(words, target)
    assert [w for chunk in chunks for w in chunk] == words
    assert len(chunks) > 3
    for first in {w[0][0] for w in words}:
        family = [w for w in words if w[0].startswith(first)]
        holders = {i for i, chunk in enumerate(chunks) for w in chunk if w[0].startswith(first)}
        if size(family) <= target:
            assert len(holders) == 1, f"the family {first!r} fits a chunk but was cut"
    for chunk in chunks:
        assert size(chunk) <= target or len({w[0][0] for w in chunk}) == 1, "only one oversized family makes a big chunk"


@pytest.mark.parametrize("seed", range(6))
def test_every_term_fetches_every_chunk_holding_a_word_it_begins(seed):
    """The search must see every word a term is the beginning of: Pagefind matches words by their prefix."""
    words = synthetic_words(seed)
    chunks = rechunk.ranges(rechunk.pack(words, 300))
    terms = {w[0][:n] for w in words for n in range(1, len(w[0]) + 1)}
    for term in terms:
        needed = {i for i, c in enumerate(chunks) for w in c.words if w[0].startswith(term)}
        assert needed <= set(chunks_fetched_for(term, chunks)), term


def test_a_big_index_gets_bigger_chunks_instead_of_a_long_chunk_list():
    words = synthetic_words(1, count=3000)
    target = rechunk.chunk_target(words, 10)
    assert target > 10
    assert len(rechunk.pack(words, target)) <= rechunk.MAX_CHUNKS + 1


def fake_pagefind(folder: Path, words: list[rechunk.Word], cuts: int = 3) -> Path:
    """A Pagefind output folder: entry file, metadata and a few chunks, as Pagefind 1.5 lays them out."""
    (folder / "index").mkdir(parents=True)
    listed = []
    step = -(-len(words) // cuts)
    for n in range(cuts):
        part = words[n * step:(n + 1) * step]
        (folder / "index" / f"zh_old{n}.pf_index").write_bytes(encode_pagefind_file([part]))
        listed.append([part[0][0], part[-1][0], f"zh_old{n}"])
    (folder / "pagefind.zh_oldmeta000.pf_meta").write_bytes(encode_pagefind_file(["1.5.2", [["abc", 10]], listed, [], [], 2]))
    entry = {"version": "1.5.2", "languages": {"zh": {"hash": "zh_oldmeta000", "wasm": None, "page_count": 1}}}
    (folder / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    return folder


def test_rechunking_a_pagefind_folder_rewrites_chunks_metadata_and_entry(tmp_path):
    words = synthetic_words(3)
    folder = fake_pagefind(tmp_path / "pagefind", words)
    count = rechunk.rechunk_search_index(folder, target=300)
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    new_hash = entry["languages"]["zh"]["hash"]
    assert new_hash != "zh_oldmeta000" and not list(folder.glob("index/zh_old*")) and not (folder / "pagefind.zh_oldmeta000.pf_meta").exists()
    meta = read_pagefind_file(folder / f"pagefind.{new_hash}.pf_meta")
    assert meta[0] == "1.5.2" and meta[1] == [["abc", 10]] and meta[3:] == [[], [], 2], "the rest of the metadata is kept"
    listed = meta[rechunk.META_CHUNKS]
    assert count == len(listed) > 3
    assert sorted(p.stem for p in folder.glob("index/*.pf_index")) == sorted(name for _, _, name in listed)
    again = [w for _, _, name in listed for w in read_pagefind_file(folder / "index" / f"{name}.pf_index")[0]]
    assert again == words


def test_a_file_pagefind_did_not_write_is_a_clear_error(tmp_path):
    folder = fake_pagefind(tmp_path / "pagefind", synthetic_words(4))
    (folder / "index" / "zh_old1.pf_index").write_bytes(b"\x1f\x8b" + b"not gzip")
    with pytest.raises(RechunkError, match="zh_old1.pf_index: cannot be read as gzip"):
        rechunk.rechunk_search_index(folder)
    (folder / "index" / "zh_old1.pf_index").unlink()
    with pytest.raises(RechunkError, match="zh_old1.pf_index: cannot be read as gzip"):
        rechunk.rechunk_search_index(folder)
    folder = fake_pagefind(tmp_path / "other", synthetic_words(4))
    (folder / "index" / "zh_old2.pf_index").write_bytes(encode_pagefind_file({"not": "an index"}))
    with pytest.raises(RechunkError, match="zh_old2.pf_index: unexpected index layout"):
        rechunk.rechunk_search_index(folder)


def test_the_built_site_ships_small_chunks_and_lists_each_once(built_site):
    pagefind = built_site / "pagefind"
    entry = json.loads((pagefind / "pagefind-entry.json").read_text(encoding="utf-8"))
    listed: list[str] = []
    for lang, index in entry["languages"].items():
        chunks = read_pagefind_file(pagefind / f"pagefind.{index['hash']}.pf_meta")[rechunk.META_CHUNKS]
        assert len(chunks) > 20, f"{lang}: the index is still in Pagefind's few big chunks"
        for _, _, name in chunks:
            words = read_pagefind_file(pagefind / "index" / f"{name}.pf_index")[0]
            assert size(words) <= rechunk.TARGET_UNITS or len({w[0][0] for w in words}) == 1
        listed += [name for _, _, name in chunks]
    assert sorted(listed) == sorted(p.stem for p in (pagefind / "index").glob("*.pf_index"))


SEARCH_EVERY_TERM = """async ([terms, small, whole]) => {
  const A = await import(small), B = await import(whole);
  for (const pf of [A, B]) { await pf.options({ noWorker: true }); await pf.init(); }
  /* the same pages, each with the same matched positions and score (sums of floats may differ in the last digit) */
  const pages = r => new Map(r.results.map(h => [h.id, { score: h.score, words: [...h.words].sort((x, y) => x - y).join(",") }]));
  const same = (a, b) => a.size === b.size && [...a].every(([id, x]) => b.has(id) && b.get(id).words === x.words
    && Math.abs(b.get(id).score - x.score) <= 1e-4 * Math.max(1, Math.abs(x.score)));
  const differ = [];
  let found = 0;
  for (const term of terms) {
    const [a, b] = await Promise.all([A.search(term), B.search(term)]);
    found += a.results.length > 0;
    if (!same(pages(a), pages(b))) differ.push(term);
  }
  return { differ, found };
}"""


def test_small_chunks_answer_every_term_exactly_as_one_whole_index(built_site, browser, tmp_path):
    """Pagefind's own WebAssembly, over the shipped chunks and over the same words in a single chunk."""
    folder = tmp_path / "served"
    shutil.copytree(built_site / "pagefind", folder / "pagefind")
    shutil.copytree(built_site / "pagefind", folder / "whole")
    rechunk.rechunk_search_index(folder / "whole", target=10**12)
    queries = yaml.safe_load((ROOT / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))
    entry = json.loads((folder / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    rng = random.Random(7)
    with serve_folder(folder) as base:
        for lang in ("zh", "en"):
            (folder / lang).mkdir()
            (folder / lang / "index.html").write_text(f'<!doctype html><html lang="{lang}"><title>t</title></html>', encoding="utf-8")
            meta = read_pagefind_file(folder / "pagefind" / f"pagefind.{entry['languages'][lang]['hash']}.pf_meta")
            words = [w[0] for _, _, name in meta[rechunk.META_CHUNKS]
                     for w in read_pagefind_file(folder / "pagefind" / "index" / f"{name}.pf_index")[0]]
            terms = sorted({w[:1] for w in words} | {w[:2] for w in words} | set(rng.sample(words, 400))
                           | {q["q"] for q in queries[lang]})
            page = browser.new_page()
            page.goto(f"{base}/{lang}/")
            outcome = page.evaluate(SEARCH_EVERY_TERM, [terms, f"{base}/pagefind/pagefind.js", f"{base}/whole/pagefind.js"])
            page.close()
            assert outcome["differ"] == [], f"{lang}: these terms find other pages in small chunks"
            assert outcome["found"] > len(terms) * 0.8, f"{lang}: most terms should find something"
