"""Pagefind's index chunks and WebAssembly are recompressed with Zopfli: same content, fewer bytes, cached."""
from __future__ import annotations

import gzip
import random

import pytest

from handbook import recompress


def sample(seed: int) -> bytes:
    """Index-like bytes: compressible, not trivially so."""
    rng = random.Random(seed)
    words = [bytes(rng.choices(range(97, 123), k=rng.randint(2, 9))) for _ in range(400)]
    return b" ".join(rng.choice(words) + bytes([rng.randint(0, 255)]) for _ in range(20_000))


@pytest.fixture
def pagefind(tmp_path):
    folder = tmp_path / "pagefind"
    (folder / "index").mkdir(parents=True)
    (folder / "fragment").mkdir()
    contents = {folder / "index" / "zh_1.pf_index": sample(1), folder / "wasm.unknown.pagefind": sample(2),
                folder / "fragment" / "zh_2.pf_fragment": sample(3)}
    for path, data in contents.items():
        path.write_bytes(gzip.compress(data, 9))
    return folder, contents


def test_search_files_shrink_and_keep_their_content(pagefind, tmp_path):
    folder, contents = pagefind
    before = {p: p.stat().st_size for p in contents}
    saved = recompress.shrink_search_files(folder, tmp_path / "cache")
    shrunk = recompress.files_to_shrink(folder)
    assert sorted(p.name for p in shrunk) == ["wasm.unknown.pagefind", "zh_1.pf_index"], "fragments are left alone"
    for path in shrunk:
        assert path.stat().st_size < before[path] and gzip.decompress(path.read_bytes()) == contents[path]
    fragment = folder / "fragment" / "zh_2.pf_fragment"
    assert fragment.stat().st_size == before[fragment]
    assert saved == sum(before[p] - p.stat().st_size for p in shrunk) > 0


def test_a_rebuild_takes_recompressed_files_from_the_cache(pagefind, tmp_path, monkeypatch):
    folder, contents = pagefind
    originals = {p: p.read_bytes() for p in contents}
    recompress.shrink_search_files(folder, tmp_path / "cache")
    first = {p: p.read_bytes() for p in contents}
    for path, data in originals.items():  # the next build writes Pagefind's files again
        path.write_bytes(data)
    monkeypatch.setattr(recompress, "zopfli_gzip", lambda data: pytest.fail("recompressed again instead of cached"))
    recompress.shrink_search_files(folder, tmp_path / "cache")
    assert {p: p.read_bytes() for p in contents} == first
