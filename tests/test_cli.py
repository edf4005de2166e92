"""`python -m handbook check`, `mkdocs build` and `make build` report problems as path:line and never a traceback."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_build

FIXTURES = ROOT / "tests" / "fixtures"
BROKEN = ("missing-en.yaml", "alias-bomb.yaml", "dangling-reference.yaml")


def broken_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    for name in BROKEN:
        shutil.copy(FIXTURES / "invalid" / name, data / "glossary" / name)
    return data


def run_check(data: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts"), "HANDBOOK_DATA_DIR": str(data)}
    return subprocess.run([sys.executable, "-m", "handbook", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False)


def test_check_passes_on_valid_content():
    done = run_check(FIXTURES / "valid")
    assert done.returncode == 0, done.stderr
    assert "OK: 9 records" in done.stdout


def test_check_lists_every_problem_and_exits_1(tmp_path):
    done = run_check(broken_data(tmp_path))
    assert done.returncode == 1
    out = done.stdout + done.stderr
    assert "Traceback" not in out
    for name in BROKEN:
        assert f"/glossary/{name}:" in out
    assert "title.en: missing text in this language 'en'" in out
    assert "3 error(s) in content." in out


@pytest.mark.build
def test_mkdocs_build_fails_cleanly_and_keeps_the_old_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous good site", encoding="utf-8")
    done = run_build(site, data_dir=broken_data(tmp_path))
    out = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Traceback" not in out
    assert "/glossary/missing-en.yaml:4: title.en: missing text in this language 'en'" in out
    assert "alias-bomb.yaml:3:" in out
    assert (site / "index.html").read_text(encoding="utf-8") == "previous good site"


@pytest.mark.build
def test_make_build_swaps_only_on_success(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", "site", ".build", ".git", "node_modules", "__pycache__"))
    (project / "site").mkdir()
    (project / "site" / "marker.txt").write_text("old", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(project / "scripts"), "HANDBOOK_DATA_DIR": str(broken_data(tmp_path))}
    done = subprocess.run([sys.executable, "-m", "handbook", "build"], cwd=project, env=env, capture_output=True, text=True, check=False)
    assert done.returncode != 0
    assert "kept the previous site/" in done.stderr
    assert (project / "site" / "marker.txt").read_text(encoding="utf-8") == "old"
    env["HANDBOOK_DATA_DIR"] = str(FIXTURES / "valid")
    done = subprocess.run([sys.executable, "-m", "handbook", "build"], cwd=project, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert not (project / "site" / "marker.txt").exists()
    assert (project / "site" / "letters" / "renewal-premium-notice" / "index.html").exists()
