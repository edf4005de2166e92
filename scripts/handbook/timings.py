"""Optional timing of the build steps run from the MkDocs hooks, for the benchmark (HANDBOOK_TIMINGS=1)."""
from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

TIMINGS_VARIABLE = "HANDBOOK_TIMINGS"


def timings_file(root: Path) -> Path:
    """Where the seconds per step are written: .build/timings.json."""
    return root / ".build" / "timings.json"


def read_timings(root: Path) -> dict[str, float]:
    """Seconds per step recorded so far (empty if none)."""
    path = timings_file(root)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


@contextmanager
def timed(root: Path, step: str) -> Iterator[None]:
    """Add the wall time of the block to `step` in the timings file, only when HANDBOOK_TIMINGS is set."""
    if not os.environ.get(TIMINGS_VARIABLE):
        yield
        return
    started = time.perf_counter()
    try:
        yield
    finally:
        seconds = time.perf_counter() - started
        totals = read_timings(root)
        totals[step] = round(totals.get(step, 0.0) + seconds, 4)
        path = timings_file(root)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(totals, indent=1), encoding="utf-8")
