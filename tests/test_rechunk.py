"""Pagefind's word index cut again into small chunks: same words, same answers, a fraction of the download."""
from __future__ import annotations

import json
import random
import shutil
from bisect import bisect_left
from pathlib import Path
from typing import Callable

import pytest
import yaml

from conftest import ROOT, serve_folder
from handbook import rechunk
from handbook.rechunk import Chunk, RechunkError, encode_pagefind_file, read_pagefind_file


def synthetic_words(seed: int, count: int = 600) -> list[rechunk.PackedWord]:
    """Sorted words in Pagefind's layout: Chinese and English, families of very different sizes."""
    rng = random.Random(seed)
    alphabet = "保单理赔宽限期等待原位癌酒驾退费abcdeps"
    spellings = {"".join(rng.choices(alphabet[: rng.randint(3, len(alphabet))], k=rng.randint(1, 5))) for _ in range(count)}
    return [[w, [[rng.randint(0, 99), [rng.randint(0, 900) for _ in range(rng.randint(1, 30))], []]
                 for _ in range(rng.randint(1, 4))]] for w in sorted(spellings)]


def size(words: list[rechunk.PackedWord]) -> int:
    return sum(map(rechunk.word_size, words))


def chunks_fetched_for(term: str, chunks: list[Chunk]) -> set[int]:
    """The chunks Pagefind's search fetches for a term: each listed range holding it (its strict rule: start <= term <=
    end); a chunk's shorter beginnings are listed as ranges of one term."""
    return {i for i, c in enumerate(chunks) if c.start <= term <= c.end or term in c.beginnings}


def needed_chunks(chunks: list[Chunk]) -> Callable[[str], set[int]]:
    """For a term, the chunks whose words decide its matches in Pagefind.

    The words the term begins; when there are none, the longest word it begins with (Pagefind then matches that).
    """
    listed = sorted((w[0], i) for i, c in enumerate(chunks) for w in c.words)
    words = [w for w, _ in listed]
    holder = dict(listed)

    def needed(term: str) -> set[int]:
        extended = {i for _, i in listed[bisect_left(words, term):bisect_left(words, term + rechunk.LAST_CHARACTER)]}
        if extended:
            return extended
        prefixes = [term[:n] for n in range(len(term), 0, -1) if term[:n] in holder]
        return {holder[prefixes[0]]} if prefixes else set()

    return needed


def terms_around(words: list[str], rng: random.Random, alphabet: str) -> set[str]:
    """Query terms near the index's words: their beginnings, the words themselves, and the words one character on."""
    terms = {w[:n] for w in words for n in range(1, len(w) + 1)}
    terms |= {w + rng.choice(alphabet) for w in words}
    terms |= {w[:-1] + rng.choice(alphabet) for w in words if len(w) > 1}
    return terms


def assert_fetches_what_each_term_needs_and_little_else(chunks: list[Chunk], terms: set[str]) -> None:
    needed = needed_chunks(chunks)
    family_of: dict[str, set[int]] = {}
    for i, chunk in enumerate(chunks):
        for w in chunk.words:
            family_of.setdefault(w[0][0], set()).add(i)
    for term in terms:
        fetched = chunks_fetched_for(term, chunks)
        assert needed(term) <= fetched, term
        assert fetched <= family_of.get(term[0], set()), f"{term}: only chunks of its own leading character"
        # Beyond what it needs, a term fetches the chunks of shorter words it begins with (a range ends after every
        # term that begins with one of its words: 身黑 may need 身) and at most one more (a range begins at the
        # shortest beginning of its first word that the chunk before does not share), never a whole family's chunks.
        holders_of_its_beginnings = {i for i, chunk in enumerate(chunks) for w in chunk.words if term.startswith(w[0])}
        assert len(fetched - needed(term) - holders_of_its_beginnings) <= 1, f"{term}: fetches chunks it does not need"


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
def test_every_term_fetches_the_chunks_that_decide_its_matches(seed):
    """Pagefind matches the words a term begins, or else the longest word the term begins with."""
    words = synthetic_words(seed)
    chunks = rechunk.ranges(rechunk.pack(words, 300))
    alphabet = "保单理赔宽限期等待原位癌酒驾退费abcdeps"
    assert_fetches_what_each_term_needs_and_little_else(chunks, terms_around([w[0] for w in words], random.Random(seed), alphabet))


def test_a_term_of_a_family_cut_in_many_chunks_fetches_the_chunk_holding_its_words_only():
    """One leading character with many words (English c…): cancel fetches the chunk its words are in, not every chunk
    of the family that a range starting at c would hold; c itself still fetches them all."""
    words = [[f"c{a}{b}", [[1, [1, 2, 3], []]]] for a in "aeiou" for b in "bdfgklmnprst"]
    chunks = rechunk.ranges(rechunk.pack(words, 40))
    assert len(chunks) >= 5
    needed = needed_chunks(chunks)
    for term in ("cab", "cel", "cup", "ce", "co"):
        assert chunks_fetched_for(term, chunks) == needed(term), term
    assert len(chunks_fetched_for("cab", chunks)) == 1
    assert chunks_fetched_for("c", chunks) == set(range(len(chunks)))


def test_a_big_index_gets_bigger_chunks_instead_of_a_long_chunk_list():
    words = synthetic_words(1, count=3000)
    target = rechunk.chunk_target(words, 10)
    assert target > 10
    assert len(rechunk.pack(words, target)) <= rechunk.MAX_CHUNKS + 1


def fake_pagefind(folder: Path, words: list[rechunk.PackedWord], cuts: int = 3) -> Path:
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
    names = list(dict.fromkeys(name for _, _, name in meta[rechunk.META_CHUNK_LIST_FIELD]))
    assert count == len(names) > 3
    assert sorted(p.stem for p in folder.glob("index/*.pf_index")) == sorted(names)
    again = [w for name in names for w in read_pagefind_file(folder / "index" / f"{name}.pf_index")[0]]
    assert again == words
    assert rechunk.rechunk_search_index(folder, target=300) == count, "a cut index cut again: same chunks, read once each"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("damage, message", [
    (lambda f: (f / "index" / "zh_old1.pf_index").write_bytes(b"\x1f\x8b" + b"not gzip"), "zh_old1.pf_index: cannot be read as gzip"),
    (lambda f: (f / "index" / "zh_old1.pf_index").unlink(), "zh_old1.pf_index: listed by Pagefind but missing"),
    (lambda f: (f / "index" / "zh_old2.pf_index").write_bytes(encode_pagefind_file({"not": "an index"})),
     "zh_old2.pf_index: unexpected index layout"),
    (lambda f: (f / "index" / "zh_old2.pf_index").write_bytes(encode_pagefind_file([[["word", "no pages"]]])),
     "zh_old2.pf_index: unexpected index layout"),
    (lambda f: (f / "pagefind.zh_oldmeta000.pf_meta").write_bytes(encode_pagefind_file(["1.5.2", [], "no chunks"])),
     "pagefind.zh_oldmeta000.pf_meta: unexpected metadata layout"),
    (lambda f: (f / "pagefind-entry.json").write_text("{", encoding="utf-8"), "pagefind-entry.json: unexpected layout"),
    (lambda f: (f / "pagefind-entry.json").unlink(), "pagefind-entry.json: missing"),
])
def test_a_file_pagefind_did_not_write_is_a_clear_error_and_changes_nothing(tmp_path, damage, message):
    folder = fake_pagefind(tmp_path / "pagefind", synthetic_words(4))
    damage(folder)
    before = snapshot(folder)
    with pytest.raises(RechunkError, match=message):
        rechunk.rechunk_search_index(folder, target=300)
    assert snapshot(folder) == before


def test_the_build_reports_a_damaged_index_as_a_search_index_error(tmp_path, monkeypatch):
    """The hooks catch SearchIndexError and print it: no traceback reaches the reader."""
    from handbook import search

    folder = fake_pagefind(tmp_path / "site" / "pagefind", synthetic_words(5))
    (folder / "index" / "zh_old0.pf_index").write_bytes(b"damaged")
    monkeypatch.setattr(search.subprocess, "run", lambda *a, **k: search.subprocess.CompletedProcess(a, 0, "", ""))
    with pytest.raises(search.SearchIndexError, match="zh_old0.pf_index: cannot be read as gzip"):
        search.build_search_index(tmp_path / "site", [])


def built_index(pagefind: Path) -> dict[str, list[Chunk]]:
    """Each language's shipped chunks with the ranges their metadata gives them."""
    entry = json.loads((pagefind / "pagefind-entry.json").read_text(encoding="utf-8"))
    out = {}
    for lang, index in entry["languages"].items():
        listed = read_pagefind_file(pagefind / f"pagefind.{index['hash']}.pf_meta")[rechunk.META_CHUNK_LIST_FIELD]
        ranges: dict[str, list[tuple[str, str]]] = {}
        for start, end, name in listed:  # a chunk's range, then its shorter beginnings as ranges of one term
            ranges.setdefault(name, []).append((start, end))
        out[lang] = [Chunk(read_pagefind_file(pagefind / "index" / f"{name}.pf_index")[0], *spans[0],
                           beginnings=tuple(start for start, end in spans[1:] if start == end))
                     for name, spans in ranges.items()]
        assert all(start == end for spans in ranges.values() for start, end in spans[1:]), f"{lang}: one range per chunk"
    return out


def test_the_built_site_ships_small_chunks_and_lists_each_once(built_site):
    pagefind = built_site / "pagefind"
    listed: list[str] = []
    for lang, chunks in built_index(pagefind).items():
        assert len(chunks) > 20, f"{lang}: the index is still in Pagefind's few big chunks"
        words = [w for chunk in chunks for w in chunk.words]
        target = rechunk.chunk_target(words, rechunk.TARGET_UNITS)  # larger than TARGET_UNITS once a site is big
        for chunk in chunks:
            assert size(chunk.words) <= target or len({w[0][0] for w in chunk.words}) == 1
        listed += [read_name for read_name in (p.stem for p in (pagefind / "index").glob(f"{lang}_*.pf_index"))]
        assert len(chunks) == len({p.stem for p in (pagefind / "index").glob(f"{lang}_*.pf_index")})
    assert len(listed) == len(set(listed))


def test_every_term_near_the_built_index_fetches_the_chunks_that_decide_it(built_site):
    for lang, chunks in built_index(built_site / "pagefind").items():
        words = [w[0] for c in chunks for w in c.words]
        alphabet = "".join(sorted({ch for w in words for ch in w}))
        assert_fetches_what_each_term_needs_and_little_else(chunks, terms_around(words, random.Random(lang), alphabet))


SEARCH_EACH_TERM_AFRESH = """async ([terms, small, whole]) => {
  /* a fresh Pagefind for each term: chunks loaded for an earlier term must not hide one this term failed to fetch */
  async function fresh(url, n) { const pf = await import(`${url}?fresh=${n}`); await pf.options({ noWorker: true }); await pf.init(); return pf; }
  const pages = r => new Map(r.results.map(h => [h.id, { score: h.score, words: [...h.words].sort((x, y) => x - y).join(",") }]));
  /* the same pages, each with the same matched positions and score (sums of floats may differ in the last digit) */
  const same = (a, b) => a.size === b.size && [...a].every(([id, x]) => b.has(id) && b.get(id).words === x.words
    && Math.abs(b.get(id).score - x.score) <= 1e-4 * Math.max(1, Math.abs(x.score)));
  const differ = [];
  let found = 0, n = 0;
  for (const term of terms) {
    const [A, B] = await Promise.all([fresh(small, n), fresh(whole, n)]);
    n += 1;
    const [a, b] = await Promise.all([A.search(term), B.search(term)]);
    found += a.results.length > 0;
    if (!same(pages(a), pages(b))) differ.push(term);
  }
  return { differ, found };
}"""


def test_small_chunks_answer_each_term_exactly_as_one_whole_index(built_site, browser, tmp_path):
    """Pagefind's own WebAssembly on the site's own page, over the shipped chunks and over the same words in one chunk."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    shutil.copytree(site / "pagefind", site / "whole")
    rechunk.rechunk_search_index(site / "whole", target=10**12)
    queries = yaml.safe_load((ROOT / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))
    vocabulary = json.loads((site / "search-terms.json").read_text(encoding="utf-8"))["words"]
    rng = random.Random(11)
    with serve_folder(site) as base:
        for lang in ("zh", "en"):
            words = [w[0] for c in built_index(site / "pagefind")[lang] for w in c.words]
            near = sorted(terms_around(rng.sample(words, 40), rng, "的保单理赔期险费人金e"))
            terms = sorted(set(rng.sample(near, 60)) | {q["q"] for q in queries[lang][:25]}
                           | ({w.replace(" ", "") + rng.choice("金号费") for w in rng.sample(vocabulary, 25)} if lang == "zh" else set()))
            differ, found = [], 0
            for batch in range(0, len(terms), 15):  # a new page now and then: each fresh Pagefind holds its own memory
                page = browser.new_page()
                page.goto(f"{base}/{'' if lang == 'zh' else 'en/'}")
                outcome = page.evaluate(SEARCH_EACH_TERM_AFRESH, [terms[batch:batch + 15], f"{base}/pagefind/pagefind.js",
                                                                 f"{base}/whole/pagefind.js"])
                page.close()
                differ += outcome["differ"]
                found += outcome["found"]
            assert differ == [], f"{lang}: these terms find other pages in small chunks"
            assert found > len(terms) * 0.5, f"{lang}: most terms should find something"
