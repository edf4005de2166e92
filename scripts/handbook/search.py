"""Build the Pagefind search index (one per language, split by <html lang>) over a built site."""
from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .kinds import LANGUAGES
from .model import Record
from .offline import language_prefix
from .rechunk import WRITTEN_FOR, RechunkError, read_pagefind_payload, rechunk_search_index
from .recompress import shrink
from .search_terms import index_cuts, search_vocabulary, vocabulary_file


class SearchIndexError(RuntimeError):
    """Pagefind failed, or what it wrote could not be read back; carries its output or the file at fault."""


def installed_pagefind() -> str:
    """The version of the installed `pagefind` package (the one `python -m pagefind` runs)."""
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "not installed"


def build_search_index(site_dir: Path, records: list[Record]) -> list[str]:
    """Index site_dir with the Pagefind binary shipped in the `pagefind[extended]` wheel, then cut the index into small
    chunks, recompress what searches fetch and write the records' query vocabulary with the index's cuts.

    Those steps read Pagefind's private file format: with a Pagefind release they were not written for, the index is
    left as Pagefind wrote it and the vocabulary keeps its words uncut. Returns warnings for the build to show."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind", "--quiet"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    installed = installed_pagefind()
    if installed != WRITTEN_FOR:
        write_vocabularies(site_dir, records, cut=False)
        return [f"Pagefind {installed} is installed, but the search index is re-cut for Pagefind {WRITTEN_FOR}'s file "
                "format: the site ships Pagefind's own index chunks (bigger first searches) until handbook/rechunk.py "
                "is checked against the new format and WRITTEN_FOR is updated (see dev-docs/search.md)"]
    try:
        rechunk_search_index(site_dir / "pagefind")
    except RechunkError as err:
        raise SearchIndexError(f"cutting the search index into small chunks failed: {err}") from err
    shrink((site_dir / "pagefind").glob("wasm.*.pagefind"))  # the index and its metadata were written at that level
    write_vocabularies(site_dir, records)
    return []


def indexed_texts(pagefind_dir: Path, lang: str) -> list[str]:
    """Each page's text as Pagefind stored it in its fragment (Chinese words cut by zero-width spaces)."""
    texts = []
    for path in sorted((pagefind_dir / "fragment").glob(f"{lang}_*.pf_fragment")):
        try:
            content = json.loads(read_pagefind_payload(path))["content"]
        except RechunkError as err:
            raise SearchIndexError(str(err)) from err
        except (ValueError, KeyError, TypeError) as err:
            raise SearchIndexError(f"{path.name}: not a Pagefind fragment ({err!r})") from err
        if not isinstance(content, str):
            raise SearchIndexError(f"{path.name}: not a Pagefind fragment (its content is not text)")
        texts.append(content)
    return texts


def write_vocabularies(site_dir: Path, records: list[Record], cut: bool = True) -> None:
    """Each language's query vocabulary (`search-terms.json`), its words written as the index cut them (`index_cuts`)."""
    for lang in LANGUAGES:
        words = search_vocabulary(records, lang)
        if words and cut:
            words = index_cuts(words, indexed_texts(site_dir / "pagefind", lang))
        path = site_dir / language_prefix(lang) / "search-terms.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(vocabulary_file(words), encoding="utf-8")
