"""Data files beside the kind folders (facts, publishers, terms): loaded and checked against their schema."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from .problems import Problem, display_path
from .yamlload import LoadError, Loaded, load_bytes

Explain = Callable[[str, Loaded], Iterable[Problem]]


def load_data_file(data_dir: Path, root: Path, name: str, holds: tuple[str, str],
                   explain: Explain) -> tuple[str, Loaded | None, list[Problem]]:
    """(shown path, loaded file or None, problems); a missing file is None with no problem (the list is empty)."""
    path = data_dir / name
    shown = display_path(path, root)
    if not path.is_file():
        return shown, None, []
    try:
        loaded = load_bytes(path.read_bytes(), holds)
    except LoadError as err:
        return shown, None, [Problem(shown, err.line, "(file)", err.message)]
    problems = list(explain(shown, loaded))
    return shown, (None if problems else loaded), problems
