"""`python -m handbook new` scaffolds a draft that fails only on its TODOs; `status` reports kinds, reviews and stale translations."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT
from handbook.kinds import KINDS
from handbook.scaffold import ScaffoldError, create, render
from handbook.schemas import SCHEMA_DIR
from handbook.status import report
from handbook.validate import load_content
from handbook.yamlload import load_bytes

VALID = ROOT / "tests" / "fixtures" / "valid"
TODAY = date(2026, 11, 22)
TODO_MESSAGE = "still contains TODO; write the text"


def run_cli(*args: str, data_dir: Path, path: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts"), "HANDBOOK_DATA_DIR": str(data_dir)}
    if path is not None:
        env["PATH"] = path
    return subprocess.run([sys.executable, "-m", "handbook", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.folder)
def test_new_record_has_only_todo_problems(tmp_path, kind):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    target = create(data, kind.folder, "brand-new-record", today=TODAY)
    assert target == data / kind.folder / "brand-new-record.yaml"
    first, *_ = target.read_text(encoding="utf-8").splitlines()
    assert first.startswith("# yaml-language-server: $schema=")
    assert (target.parent / first.split("=", 1)[1]).resolve() == SCHEMA_DIR / f"{kind.name}.schema.json"
    record = load_bytes(target.read_bytes()).data
    assert (record["id"], record["kind"], record["status"]) == ("brand-new-record", kind.name, "draft")
    assert (record["updated"], record["review_by"]) == ("2026-11-22", "2027-11-22")
    problems = load_content(data, tmp_path, TODAY).problems
    mine = [p for p in problems if p.path.endswith(f"/{kind.folder}/brand-new-record.yaml")]
    assert {p.message for p in mine} == {TODO_MESSAGE}
    fields = {p.field for p in mine}
    assert {"title.zh", "title.en", "summary.zh", "summary.en", "owner", "change_note.zh", "change_note.en"} <= fields
    assert all(p.line >= 2 for p in mine)
    assert [p for p in problems if p not in mine] == []


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.folder)
def test_new_record_once_filled_in_is_a_valid_draft(tmp_path, kind):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    target = create(data, kind.folder, "filled-in", today=TODAY)
    text = target.read_text(encoding="utf-8")
    assert "owner: TODO  # 客户服务部 | 理赔部 | 培训部 | 合规部" in text, "the departments to choose from"
    text = text.replace("owner: TODO", "owner: 理赔部").replace("https://TODO", "https://example.org/rule")
    text = text.replace("zh: TODO", "zh: 已填写").replace("TODO", "Written")
    target.write_text(text, encoding="utf-8")
    content = load_content(data, tmp_path, TODAY)
    mine = [p for p in content.problems if p.path.endswith(f"/{kind.folder}/filled-in.yaml")]
    # Only references (kind/todo) are left to point at real records; nothing else fails.
    assert [p for p in mine if p.severity == "error" and "does not match any record" not in p.message] == []
    if not [p for p in mine if p.severity == "error"]:
        assert any(p.field == "status" and "draft" in p.message for p in mine)


def test_new_letter_body_uses_its_declared_fields():
    text = render(next(k for k in KINDS if k.folder == "letters"), "my-letter",
                  ROOT / "data" / "scripts_and_forms" / "letters" / "my-letter.yaml", TODAY)
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../../scripts/handbook/schemas/letter.schema.json"
    assert "{{ todo }}" in text and "status: draft  # draft | in_review | approved | retired" in text


def test_new_refuses_to_overwrite(tmp_path):
    target = create(tmp_path, "glossary", "my-term", today=TODAY)
    target.write_text("my work", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="already exists"):
        create(tmp_path, "glossary", "my-term")
    (tmp_path / "glossary" / "other-term.yml").write_text("older file", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="already exists"):
        create(tmp_path, "glossary", "other-term")
    assert target.read_text(encoding="utf-8") == "my work"


@pytest.mark.parametrize("bad", ["Grace-Period", "grace_period", "grace--period", "-grace", "grace-", "", "../escape",
                                 "a/b", "x" * 81, "宽限期"])
def test_new_refuses_an_invalid_id(tmp_path, bad):
    with pytest.raises(ScaffoldError, match="invalid id"):
        create(tmp_path, "glossary", bad)
    assert list(tmp_path.rglob("*")) == []


def test_new_accepts_kind_by_folder_or_name_and_refuses_unknown(tmp_path):
    assert create(tmp_path, "letter", "a-letter").parent.name == "letters"
    with pytest.raises(ScaffoldError, match="unknown kind 'memos'; use one of: standards, procedures"):
        create(tmp_path, "memos", "a-memo")


def test_new_command_line(tmp_path):
    done = run_cli("new", "exclusions", "war-risk", data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "war-risk.yaml" in done.stdout and "TODO" in done.stdout
    again = run_cli("new", "exclusions", "war-risk", data_dir=tmp_path)
    assert again.returncode == 2
    assert "Not created:" in again.stderr and "already exists" in again.stderr and "Traceback" not in again.stderr


def test_make_new_without_arguments_prints_usage():
    done = subprocess.run(["make", "-s", "new"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode != 0
    assert "usage: make new KIND=letters ID=my-new-letter" in done.stderr


# --- status ---------------------------------------------------------------------------------------------------

GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Editor",
           "GIT_AUTHOR_EMAIL": "editor@example.org", "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}


def git(repo: Path, *args: str, when: str = "2026-01-05T09:00:00") -> None:
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository holding a copy of the valid records, committed in January 2026."""
    shutil.copytree(VALID, tmp_path / "data")
    git(tmp_path, "init", "-q", ".")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "Records")
    return tmp_path


def test_status_counts_kinds_and_lists_drafts_and_overdue_reviews(repo):
    data = repo / "data"
    edit(data / "glossary" / "grace-period.yaml", "status: approved", "status: draft")
    edit(data / "letters" / "renewal-premium-notice.yaml", "review_by: 2027-11-20", "review_by: 2026-11-21")
    out = report(data, repo, today=TODAY)
    rows = {line.split()[0]: line.split()[1:] for line in out.split("\n\n")[0].splitlines()[1:]}
    assert rows["kind"][:4] == ["draft", "in_review", "approved", "retired"]
    assert rows["glossary"][:5] == ["1", "0", "0", "0", "1"]
    assert rows["letters"][:5] == ["0", "0", "1", "0", "1"]
    assert rows["total"][-1] == "9"
    assert "Review overdue (1)\n  data/letters/renewal-premium-notice.yaml  review_by 2026-11-21  owner 客户服务部" in out
    assert "Drafts (1)\n  data/glossary/grace-period.yaml  updated 2026-11-20  owner 客户服务部" in out


def test_status_finds_english_older_than_chinese(repo):
    data = repo / "data"
    form = data / "forms" / "unpaid-renewal-register.yaml"
    term = data / "glossary" / "grace-period.yaml"
    edit(form, "zh: 记录每月续期未收保单及原因", "zh: 记录每月续期未收保单和原因")  # zh only: en is now behind
    edit(term, "en: The period after a premium", "en: The time after a premium")  # en only: nothing to translate
    git(repo, "commit", "-q", "-am", "Wording", when="2026-03-02T10:00:00")
    edit(term, "zh: 应交日过后", "zh: 应交日以后")  # not committed yet: counts as changed today
    out = report(data, repo, today=TODAY)
    section = out.split("Outdated translations: zh changed after en (2)\n", 1)[1].splitlines()
    purpose, summary = line_of(form, "zh: 记录每月续期未收保单和原因"), line_of(term, "zh: 应交日以后")
    assert section[0] == f"  data/forms/unpaid-renewal-register.yaml:{purpose}: spec.purpose: zh changed 2026-03-02, en last changed 2026-01-05"
    assert section[1].startswith(f"  data/glossary/grace-period.yaml:{summary}: summary: zh changed ")
    assert section[1].endswith("en last changed 2026-03-02")


def test_status_says_when_git_cannot_be_used(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    no_repo = run_cli("status", data_dir=data)
    assert no_repo.returncode == 0 and "Traceback" not in no_repo.stderr
    assert "Outdated translations: not checked (" in no_repo.stdout and "not a git repository" in no_repo.stdout
    no_git = run_cli("status", data_dir=data, path=str(Path(sys.executable).parent))
    assert no_git.returncode == 0, no_git.stderr
    assert "Outdated translations: not checked (git is not installed)." in no_git.stdout
    assert "total " in no_git.stdout and "Drafts (0)" in no_git.stdout
