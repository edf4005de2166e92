"""Smaller first searches: Pagefind's word index cut again into small chunks that never split a word family.

Pagefind cuts each language's word index into chunks of 20,000 word positions by alphabetical range (not an option
in 1.5), about 27 KB each once compressed. A query downloads every chunk one of its words falls in, and a Chinese
query's words start with different characters, so a four-character query fetched two to four of those chunks. Here
the same words are packed again into chunks of `TARGET_UNITS` (about 4 KB compressed), in the same order and the same format (CBOR, the
`pagefind_dcd` signature, gzip), and the language's metadata is rewritten to list them. Pagefind's own loader and
WebAssembly read the result unchanged. All words that share a leading character stay in one chunk unless that family
alone is bigger than a chunk; it is then cut by its first two characters, and so on: a query word still finds every
longer word it is the beginning of.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
TARGET_UNITS = 3_000  # Pagefind counts a chunk's size as positions plus one per page a word is on; it uses 20,000
MAX_CHUNKS = 100  # per language: every search fetches the list of chunks, so a big site gets bigger chunks instead
META_CHUNKS = 2  # the chunk list field of Pagefind's metadata record (`MetaIndex`)

Word = list  # Pagefind's `PackedWord`: [word, [[page number, positions, meta positions], ...]]


class RechunkError(RuntimeError):
    """The index is not in the format this Pagefind version writes."""


@dataclass(frozen=True)
class Chunk:
    """A run of consecutive words and the range of query terms it answers (Pagefind's `MetaChunk`)."""

    words: list[Word]
    start: str
    end: str


def read_pagefind_file(path: Path) -> object:
    """Decode one of Pagefind's gzip + signature + CBOR files."""
    try:
        data = gzip.decompress(path.read_bytes())
    except (OSError, EOFError) as err:
        raise RechunkError(f"{path.name}: cannot be read as gzip ({err})") from err
    if not data.startswith(SIGNATURE):
        raise RechunkError(f"{path.name}: not a Pagefind index file")
    try:
        return cbor2.loads(data[len(SIGNATURE):])
    except cbor2.CBORDecodeError as err:
        raise RechunkError(f"{path.name}: not valid CBOR ({err})") from err


def encode_pagefind_file(value: object) -> bytes:
    """Encode a value the way Pagefind writes its files (recompressed later, with the rest of the search files)."""
    return gzip.compress(SIGNATURE + cbor2.dumps(value), 9, mtime=0)


def word_size(word: Word) -> int:
    """A word's share of a chunk, counted as Pagefind counts it."""
    return sum(len(page[1]) + 1 for page in word[1])


def families(words: list[Word], target: int, depth: int = 1) -> list[list[Word]]:
    """Sorted words grouped by their first `depth` characters; a family bigger than `target` is cut one level deeper."""
    groups: list[list[Word]] = []
    for word in words:
        if groups and groups[-1][0][0][:depth] == word[0][:depth]:
            groups[-1].append(word)
        else:
            groups.append([word])
    out: list[list[Word]] = []
    for group in groups:
        deeper = len(group) > 1 and sum(map(word_size, group)) > target and any(len(w[0]) > depth for w in group)
        out.extend(families(group, target, depth + 1) if deeper else [group])
    return out


def pack(words: list[Word], target: int) -> list[list[Word]]:
    """Consecutive families packed into chunks of about `target` units, never splitting a family."""
    chunks: list[list[Word]] = []
    current: list[Word] = []
    size = 0
    for family in families(words, target):
        family_size = sum(map(word_size, family))
        if current and size + family_size > target:
            chunks.append(current)
            current, size = [], 0
        current.extend(family)
        size += family_size
    if current:
        chunks.append(current)
    return chunks


def ranges(chunks: list[list[Word]]) -> list[Chunk]:
    """Each chunk with the range of query terms that makes Pagefind fetch it.

    Pagefind fetches a chunk for a term when `start <= term <= end`. Every term that begins a word of the chunk must
    fall in that range: from the chunk's first leading character to its last word. (Pagefind shortens the end to a
    prefix and falls back on a loose match for the terms that then fall between chunks; these ranges need no
    fallback.) Two chunks overlap only where a family too big for one chunk was cut; a short term then fetches both.
    """
    return [Chunk(words, words[0][0][:1], words[-1][0]) for words in chunks]


def short_name(lang: str, data: bytes, taken: set[str], length: int) -> str:
    """A content-hash file name, lengthened on a collision."""
    digest = hashlib.sha256(data).hexdigest()
    while f"{lang}_{digest[:length]}" in taken:
        length += 1
    return f"{lang}_{digest[:length]}"


def chunk_target(words: list[Word], target: int) -> int:
    """The chunk size for this index: `target`, or larger where that could make more than `MAX_CHUNKS` chunks.

    Packing closes a chunk only when the next family does not fit, so two neighbouring chunks always hold more than
    one chunk size: a size of twice the total over `MAX_CHUNKS` keeps the count within `MAX_CHUNKS` (plus one).
    """
    return max(target, -(-2 * sum(map(word_size, words)) // MAX_CHUNKS))


def rechunk_language(pagefind_dir: Path, lang: str, meta_hash: str, target: int) -> str:
    """Cut one language's index again; return the new metadata hash (the old files are removed)."""
    meta_path = pagefind_dir / f"pagefind.{meta_hash}.pf_meta"
    meta = read_pagefind_file(meta_path)
    if not isinstance(meta, list) or len(meta) <= META_CHUNKS or not isinstance(meta[META_CHUNKS], list):
        raise RechunkError(f"{meta_path.name}: unexpected metadata layout")
    old_files = [pagefind_dir / "index" / f"{entry[2]}.pf_index" for entry in meta[META_CHUNKS]]
    words: list[Word] = []
    for path in old_files:
        index = read_pagefind_file(path)
        if not isinstance(index, list) or not index or not isinstance(index[0], list):
            raise RechunkError(f"{path.name}: unexpected index layout")
        words.extend(index[0])
    words.sort(key=lambda w: w[0])
    for path in old_files:
        path.unlink()
    taken: set[str] = set()
    listed = []
    for chunk in ranges(pack(words, chunk_target(words, target))):
        data = encode_pagefind_file([chunk.words])
        name = short_name(lang, data, taken, 7)
        taken.add(name)
        (pagefind_dir / "index" / f"{name}.pf_index").write_bytes(data)
        listed.append([chunk.start, chunk.end, name])
    meta[META_CHUNKS] = listed
    data = encode_pagefind_file(meta)
    new_hash = short_name(lang, data, set(), 10)
    meta_path.unlink()
    (pagefind_dir / f"pagefind.{new_hash}.pf_meta").write_bytes(data)
    return new_hash


def rechunk_search_index(pagefind_dir: Path, target: int = TARGET_UNITS) -> int:
    """Cut every language's index into small chunks and point Pagefind's entry file at them; return the chunk count."""
    entry_path = pagefind_dir / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, index in entry["languages"].items():
        index["hash"] = rechunk_language(pagefind_dir, lang, index["hash"], target)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(list((pagefind_dir / "index").glob("*.pf_index")))
