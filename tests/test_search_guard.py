"""The search adapter re-cuts Pagefind's index only for the Pagefind release it was written for."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from handbook import rechunk, search
from tests.support import ROOT

PAGES = {
    "index.html": '<html lang="zh"><head><title>宽限期</title></head><body><main><h1>宽限期</h1>'
                  "<p>宽限期内保险合同继续有效，客户回访电话在犹豫期内完成。</p></main></body></html>",
    "en/index.html": '<html lang="en"><head><title>Grace period</title></head><body><main><h1>Grace period</h1>'
                     "<p>Cover continues during the grace period.</p></main></body></html>",
}


def small_site(folder: Path) -> Path:
    for rel, html in PAGES.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(html, encoding="utf-8")
    return folder


def file_names(folder: Path) -> list[str]:
    """Pagefind names its index files after their content: the same names mean the same index."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_the_adapter_names_the_pagefind_it_was_written_for_and_that_one_is_pinned():
    pins = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    assert f"pagefind=={rechunk.WRITTEN_FOR}" in pins
    assert search.installed_pagefind() == rechunk.WRITTEN_FOR


def test_another_pagefind_version_warns_and_ships_pagefinds_own_index(tmp_path, monkeypatch):
    plain = small_site(tmp_path / "plain")
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(plain), "--output-subdir", "pagefind", "--quiet"],
                   check=True, capture_output=True)
    site = small_site(tmp_path / "site")
    monkeypatch.setattr(search, "installed_pagefind", lambda: "1.6.0")

    warnings = search.build_search_index(site, [])

    assert len(warnings) == 1 and "Pagefind 1.6.0" in warnings[0] and rechunk.WRITTEN_FOR in warnings[0]
    assert file_names(site / "pagefind") == file_names(plain / "pagefind"), "the index is not Pagefind's own"
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry == json.loads((plain / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert (site / "search-terms.json").is_file() and (site / "en" / "search-terms.json").is_file()


def test_the_version_it_was_written_for_gets_small_chunks_and_no_warning(tmp_path):
    site = small_site(tmp_path / "site")
    assert search.build_search_index(site, []) == []
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    plain = small_site(tmp_path / "plain")
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(plain), "--output-subdir", "pagefind", "--quiet"],
                   check=True, capture_output=True)
    assert entry != json.loads((plain / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")), "not re-cut"


@pytest.mark.build
def test_a_strict_build_with_another_pagefind_succeeds_and_prints_the_warning(tmp_path):
    """A sitecustomize on the path reports another Pagefind version to the build; `--strict` must still pass."""
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(
        "import importlib.metadata as m\n_real = m.version\n"
        "m.version = lambda name: '9.9.9' if name == 'pagefind' else _real(name)\n", encoding="utf-8")
    from tests.support import run_build

    shutil.rmtree(tmp_path / "site", ignore_errors=True)
    done = run_build(tmp_path / "site", extra_env={"PYTHONPATH": f"{shim}:{ROOT / 'scripts'}"})
    assert done.returncode == 0, done.stderr[-3000:]
    assert "WARNING -  Pagefind 9.9.9 is installed" in done.stderr
    assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").is_file()
