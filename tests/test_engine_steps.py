"""The content step and the post-build step run on their own, so another site generator can call them."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support import ROOT

VALID = ROOT / "tests" / "fixtures" / "valid"


def handbook(*args: str, build_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts"), "HANDBOOK_DATA_DIR": str(VALID),
           "HANDBOOK_BUILD_DIR": str(build_dir)}
    return subprocess.run([sys.executable, "-m", "handbook", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=False)


def test_prepare_writes_every_record_page_in_both_languages(tmp_path):
    done = handbook("prepare", build_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    docs = tmp_path / "docs"
    pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    for record in VALID.glob("*/*.yaml"):
        assert {f"zh/{record.parent.name}/{record.stem}.md", f"en/{record.parent.name}/{record.stem}.md"} <= pages


def test_prepare_reports_content_errors_without_a_traceback(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    (data / "glossary" / "broken.yaml").write_text("id: broken\nkind: glossary\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts"), "HANDBOOK_DATA_DIR": str(data),
           "HANDBOOK_BUILD_DIR": str(tmp_path / "build")}
    done = subprocess.run([sys.executable, "-m", "handbook", "prepare"], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 1
    assert "broken.yaml:" in done.stderr and "Traceback" not in done.stderr


def test_postbuild_indexes_a_built_site_and_writes_the_offline_files(tmp_path):
    site = tmp_path / "site"
    for rel, lang in (("index.html", "zh"), ("en/index.html", "en")):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(f'<html lang="{lang}"><body><main><h1>宽限期 grace period</h1></main></body></html>',
                                encoding="utf-8")
    shutil.copy(ROOT / "docs" / "zh" / "sw.js", site / "sw.js")

    done = handbook("postbuild", str(site), build_dir=tmp_path / "build")

    assert done.returncode == 0, done.stderr
    assert json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"].keys() == {"zh", "en"}
    for home in (site, site / "en"):
        offline = json.loads((home / "offline.json").read_text(encoding="utf-8"))
        assert "pagefind/pagefind-worker.js" in offline["search"]
        assert (home / "search-terms.json").is_file()
    assert "const BUILD = {" in (site / "sw.js").read_text(encoding="utf-8")
