"""Pagefind's index chunks and WebAssembly are recompressed at libdeflate's level 12: same content, fewer bytes."""
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
    saved = recompress.shrink_search_files(folder)
    shrunk = recompress.files_to_shrink(folder)
    assert sorted(p.name for p in shrunk) == ["wasm.unknown.pagefind", "zh_1.pf_index"], "fragments are left alone"
    for path in shrunk:
        assert path.stat().st_size < before[path] and gzip.decompress(path.read_bytes()) == contents[path]
    fragment = folder / "fragment" / "zh_2.pf_fragment"
    assert fragment.stat().st_size == before[fragment]
    assert saved == sum(before[p] - p.stat().st_size for p in shrunk) > 0


def test_the_built_site_ships_recompressed_search_files(built_site):
    """What Pagefind wrote was recompressed: nothing left that libdeflate could still make smaller."""
    files = recompress.files_to_shrink(built_site / "pagefind")
    assert any(p.name.startswith("wasm.") for p in files) and any(p.suffix == ".pf_index" for p in files)
    assert recompress.shrink_search_files(built_site / "pagefind") == 0
