"""Build the Pagefind search index (one per language, split by <html lang>) over a built site."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .rechunk import RechunkError, rechunk_search_index
from .recompress import shrink_search_files


class SearchIndexError(RuntimeError):
    """Pagefind failed; carries its output."""


def build_search_index(site_dir: Path) -> str:
    """Run the Pagefind binary shipped in the `pagefind[extended]` wheel over site_dir; shrink what searches fetch."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind", "--quiet"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    try:
        rechunk_search_index(site_dir / "pagefind")
    except RechunkError as err:
        raise SearchIndexError(f"cutting the search index into small chunks failed: {err}") from err
    shrink_search_files(site_dir / "pagefind")
    return done.stdout
