"""Where things live in the project, relative to its root."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_VARIABLE = "HANDBOOK_DATA_DIR"
BUILD_DIR_VARIABLE = "HANDBOOK_BUILD_DIR"


@dataclass(frozen=True)
class Layout:
    root: Path

    @property
    def data_dir(self) -> Path:
        """The records folder; HANDBOOK_DATA_DIR points elsewhere (tests, synthetic benchmarks)."""
        override = os.environ.get(DATA_DIR_VARIABLE)
        return Path(override).resolve() if override else self.root / "data" / "scripts_and_forms"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def build_docs_dir(self) -> Path:
        """The assembled docs folder; HANDBOOK_BUILD_DIR moves it, so builds of other data can run side by side."""
        override = os.environ.get(BUILD_DIR_VARIABLE)
        return (Path(override).resolve() if override else self.root / ".build") / "docs"


def find_root(start: Path | None = None) -> Path:
    """The project root: the nearest folder upwards holding mkdocs.yml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").exists():
            return folder
    return Path(__file__).resolve().parents[2]
