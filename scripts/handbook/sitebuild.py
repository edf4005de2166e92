"""Build the site into a fresh folder and swap it in only on success, so a failed build keeps the last good site."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path


def build_site(root: Path, site_dir: Path, extra_args: list[str] | None = None) -> int:
    """Run a strict MkDocs build into a staging folder; replace site_dir only if it succeeds."""
    staging = root / ".build" / "site-staging"
    previous = root / ".build" / "site-previous"
    for folder in (staging, previous):
        shutil.rmtree(folder, ignore_errors=True)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(staging), *(extra_args or [])]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=root, env=env, check=False)
    if done.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        kept = "kept the previous site/" if site_dir.exists() else "no site/ was built"
        print(f"Build failed; {kept}.", file=sys.stderr)
        return done.returncode
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)
    print(f"Built {site_dir} in {time.perf_counter() - started:.1f} s.")
    return 0
