"""A real strict MkDocs build of the project, as the tests and the benchmarks run it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .paths import ROOT


def run_build(site_dir: Path, data_dir: Path | None = None, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """A real strict MkDocs build of the project into site_dir."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts"), **(extra_env or {})}
    if data_dir is not None:
        env["HANDBOOK_DATA_DIR"] = str(data_dir)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
