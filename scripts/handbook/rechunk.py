"""Smaller first searches: Pagefind's word index cut again into small chunks that keep word families together.

Pagefind cuts each language's word index into chunks of 20,000 word positions by alphabetical range (not an option
in 1.5), about 27 KB each once compressed. A query downloads every chunk one of its words falls in, and a Chinese
query's words start with different characters, so a four-character query fetched two to four of those chunks. Here
the same words are packed again into chunks of `TARGET_UNITS` (about 2 KB compressed), in the same order and the
same format (CBOR, the `pagefind_dcd` signature, gzip), and the language's metadata is rewritten to list them.
Pagefind's own loader and WebAssembly read the result unchanged. All words that share a leading character stay in
one chunk unless that family alone is bigger than a chunk; it is then cut by its first two characters, and so on.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from os.path import commonprefix
from pathlib import Path

import cbor2

from .recompress import gzip_best

WRITTEN_FOR = "1.5.2"  # the Pagefind release whose private index format (CBOR layout, signature, metadata) this reads
SIGNATURE = b"pagefind_dcd"
# Pagefind counts a chunk's size as positions plus one per page a word is on; it uses 20,000. A whole question fetches
# a chunk for each of its words: 1,500 (about 2 KB) against 3,000 took 14 KB off the longest question's first search,
# for 1.3 KB more list of chunks, which every search fetches.
TARGET_UNITS = 1_500
MAX_CHUNKS = 300  # per language: the list of chunks grows with them, so a big site gets bigger chunks instead
META_CHUNK_LIST_FIELD = 2  # the field of Pagefind's metadata record (`MetaIndex`) that lists the chunks
LAST_CHARACTER = "\U0010ffff"  # sorts after every character a query can hold

PackedWord = list  # Pagefind's `PackedWord`: [word, [[page number, positions, ...], ...], ...]


class RechunkError(RuntimeError):
    """The index is not in the format this Pagefind version writes."""


@dataclass(frozen=True)
class Chunk:
    """A run of consecutive words and the query terms that fetch it: a range (Pagefind's `MetaChunk`) and, where the
    chunk begins inside a family that was cut, the family's shorter beginnings, each listed as a range of one term."""

    words: list[PackedWord]
    start: str
    end: str
    beginnings: tuple[str, ...] = ()

    def listing(self, name: str) -> list[list[str]]:
        """The chunk's entries in Pagefind's list of chunks: its range, then one entry per shorter beginning."""
        return [[self.start, self.end, name], *([b, b, name] for b in self.beginnings)]


def read_pagefind_payload(path: Path) -> bytes:
    """The content of one of Pagefind's files (gzip, then its signature), without the signature."""
    try:
        data = gzip.decompress(path.read_bytes())
    except FileNotFoundError as err:
        raise RechunkError(f"{path.name}: listed by Pagefind but missing") from err
    except (OSError, EOFError) as err:
        raise RechunkError(f"{path.name}: cannot be read as gzip ({err})") from err
    if not data.startswith(SIGNATURE):
        raise RechunkError(f"{path.name}: not a Pagefind file (no {SIGNATURE.decode()} signature)")
    return data[len(SIGNATURE):]


def read_pagefind_file(path: Path) -> object:
    """Decode one of Pagefind's CBOR files (metadata, index chunks)."""
    try:
        return cbor2.loads(read_pagefind_payload(path))
    except cbor2.CBORDecodeError as err:
        raise RechunkError(f"{path.name}: not valid CBOR ({err})") from err


def encode_pagefind_file(value: object) -> bytes:
    """Encode a value the way Pagefind writes its files, compressed as the other search downloads are."""
    return gzip_best(SIGNATURE + cbor2.dumps(value))


def word_size(word: PackedWord) -> int:
    """A word's share of a chunk, counted as Pagefind counts it."""
    return sum(len(page[1]) + 1 for page in word[1])


def is_packed_word(value: object) -> bool:
    """Pagefind's layout of one word: its text, then the pages it is on with their positions."""
    return (isinstance(value, list) and len(value) >= 2 and isinstance(value[0], str) and value[0] != ""
            and isinstance(value[1], list)
            and all(isinstance(p, list) and len(p) >= 2 and isinstance(p[1], list) for p in value[1]))


def families(words: list[PackedWord], target: int, depth: int = 1) -> list[list[PackedWord]]:
    """Sorted words grouped by their first `depth` characters; a family bigger than `target` is cut one level deeper."""
    groups: list[list[PackedWord]] = []
    for word in words:
        if groups and groups[-1][0][0][:depth] == word[0][:depth]:
            groups[-1].append(word)
        else:
            groups.append([word])
    out: list[list[PackedWord]] = []
    for group in groups:
        deeper = len(group) > 1 and sum(map(word_size, group)) > target and any(len(w[0]) > depth for w in group)
        out.extend(families(group, target, depth + 1) if deeper else [group])
    return out


def pack(words: list[PackedWord], target: int) -> list[list[PackedWord]]:
    """Consecutive families packed into chunks of about `target` units, never splitting a family."""
    chunks: list[list[PackedWord]] = []
    current: list[PackedWord] = []
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


def ranges(chunks: list[list[PackedWord]]) -> list[Chunk]:
    """Each chunk with the query terms that make Pagefind fetch it (`start <= term <= end`, or one of `beginnings`).

    A term needs the chunks holding the words it begins (保单 for 保单号) and, when no word begins with it, the one
    holding the longest word it begins with (身故 for 身故金: Pagefind then matches that word). Every such term falls
    between the chunk's first word's shortest beginning that the previous chunk's last word does not share, and the
    greatest of its words extended by the last character there is (身 + that character sorts after 身高 + it: 身黑
    needs the chunk holding 身); or it is one of the first word's shorter beginnings. Those are shared with the chunks
    before (the family was too big for one chunk and was cut: 保 of 保险 after 保单号), and each is listed as a range
    of that one term, so a term such as 保费 or "cancel" no longer fetches every chunk of its family that a range
    starting at the leading character would hold.
    Pagefind's own ranges end on a shortened prefix and lean on a looser second look for terms between chunks; these
    need none: a term that falls in no range begins no word and begins with none.
    """
    out = []
    previous = ""
    for words in chunks:
        first = words[0][0]
        shared = len(commonprefix([previous, first]))  # < len(first): the previous word sorts before it
        out.append(Chunk(words, first[:shared + 1], max(w[0] + LAST_CHARACTER for w in words),
                         tuple(first[:n] for n in range(1, shared + 1))))
        previous = words[-1][0]
    return out


def short_name(lang: str, payload: bytes, taken: set[str], length: int) -> str:
    """A file name from the hash of its content, lengthened (then numbered) on a collision."""
    digest = hashlib.sha256(payload).hexdigest()
    name = f"{lang}_{digest[:length]}"
    while name in taken:
        length += 1
        name = f"{lang}_{digest[:length]}" if length <= len(digest) else f"{lang}_{digest}{length}"
    return name


def chunk_target(words: list[PackedWord], target: int) -> int:
    """The chunk size for this index: `target`, or larger where that could make more than `MAX_CHUNKS` chunks.

    Packing closes a chunk only when the next family does not fit, so two neighbouring chunks always hold more than
    one chunk size: a size of twice the total over `MAX_CHUNKS` keeps the count within `MAX_CHUNKS` (plus one).
    """
    return max(target, -(-2 * sum(map(word_size, words)) // MAX_CHUNKS))


@dataclass(frozen=True)
class LanguagePlan:
    """One language's index, cut again in memory: the files to write and the ones they replace."""

    meta_hash: str
    files: dict[Path, bytes]
    replaced: list[Path]


def chunk_names(meta: object, meta_path: Path) -> list[str]:
    """The chunk file names Pagefind's metadata lists."""
    listed = meta[META_CHUNK_LIST_FIELD] if isinstance(meta, list) and len(meta) > META_CHUNK_LIST_FIELD else None
    if not isinstance(listed, list) or not all(isinstance(c, list) and len(c) == 3 and isinstance(c[2], str) for c in listed):
        raise RechunkError(f"{meta_path.name}: unexpected metadata layout (no list of index chunks)")
    return list(dict.fromkeys(c[2] for c in listed))  # a chunk is listed once per range of terms that fetch it


def plan_language(pagefind_dir: Path, lang: str, meta_hash: str, target: int) -> LanguagePlan:
    """Read one language's index and cut it again, without touching the folder."""
    meta_path = pagefind_dir / f"pagefind.{meta_hash}.pf_meta"
    meta = read_pagefind_file(meta_path)
    old_files = [pagefind_dir / "index" / f"{name}.pf_index" for name in chunk_names(meta, meta_path)]
    words: list[PackedWord] = []
    for path in old_files:
        index = read_pagefind_file(path)
        if not (isinstance(index, list) and index and isinstance(index[0], list) and all(map(is_packed_word, index[0]))):
            raise RechunkError(f"{path.name}: unexpected index layout")
        words.extend(index[0])
    words.sort(key=lambda w: w[0])
    files: dict[Path, bytes] = {}
    listed = []
    for chunk in ranges(pack(words, chunk_target(words, target))):
        payload = cbor2.dumps([chunk.words])
        name = short_name(lang, payload, {p.stem for p in files}, 7)
        files[pagefind_dir / "index" / f"{name}.pf_index"] = encode_pagefind_file([chunk.words])
        listed.extend(chunk.listing(name))
    meta[META_CHUNK_LIST_FIELD] = listed  # type: ignore[index]
    new_hash = short_name(lang, cbor2.dumps(meta), set(), 10)
    files[pagefind_dir / f"pagefind.{new_hash}.pf_meta"] = encode_pagefind_file(meta)
    return LanguagePlan(new_hash, files, [meta_path, *old_files])


def rechunk_search_index(pagefind_dir: Path, target: int = TARGET_UNITS) -> int:
    """Cut every language's index into small chunks and point Pagefind's entry file at them; return the chunk count.

    Everything is read and cut before anything is written, and the old files are removed last: bad input leaves
    Pagefind's index as it was.
    """
    entry_path = pagefind_dir / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages = {lang: index["hash"] for lang, index in entry["languages"].items()}
    except FileNotFoundError as err:
        raise RechunkError(f"{entry_path.name}: missing (did Pagefind run?)") from err
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise RechunkError(f"{entry_path.name}: unexpected layout ({err!r})") from err
    plans = {lang: plan_language(pagefind_dir, lang, str(meta_hash), target) for lang, meta_hash in languages.items()}
    for plan in plans.values():
        for path, data in plan.files.items():
            path.write_bytes(data)
    for lang, plan in plans.items():
        entry["languages"][lang]["hash"] = plan.meta_hash
    # Pagefind lists the languages in a different order from run to run: sorted, the same content gives the same bytes
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    written = {path for plan in plans.values() for path in plan.files}
    for plan in plans.values():
        for path in plan.replaced:
            if path not in written:
                path.unlink(missing_ok=True)
    return sum(1 for plan in plans.values() for path in plan.files if path.suffix == ".pf_index")
