"""Build the Pagefind search index (one per language, split by <html lang>) over a built site."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .kinds import LANGUAGES
from .offline import language_prefix
from .rechunk import RechunkError, read_pagefind_payload, rechunk_search_index
from .recompress import shrink_search_files
from .search_terms import index_cuts, vocabulary_file


class SearchIndexError(RuntimeError):
    """Pagefind failed, or what it wrote could not be read back; carries its output or the file at fault."""


def build_search_index(site_dir: Path) -> str:
    """Index site_dir with the Pagefind binary shipped in the `pagefind[extended]` wheel, then cut the index into small
    chunks, recompress what searches fetch and write the query vocabulary with the index's cuts."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind", "--quiet"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    try:
        rechunk_search_index(site_dir / "pagefind")
    except RechunkError as err:
        raise SearchIndexError(f"cutting the search index into small chunks failed: {err}") from err
    shrink_search_files(site_dir / "pagefind")
    cut_vocabulary_as_indexed(site_dir)
    return done.stdout


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


def cut_vocabulary_as_indexed(site_dir: Path) -> None:
    """Rewrite each language's query vocabulary with the cuts the index made (see `index_cuts`)."""
    for lang in LANGUAGES:
        path = site_dir / language_prefix(lang) / "search-terms.json"
        if not path.is_file():
            continue
        try:
            words = json.loads(path.read_text(encoding="utf-8"))["words"]
        except (ValueError, KeyError, TypeError) as err:
            raise SearchIndexError(f"{path.name}: not the vocabulary the build writes ({err!r})") from err
        if words:
            path.write_text(vocabulary_file(index_cuts(words, indexed_texts(site_dir / "pagefind", lang))), encoding="utf-8")
