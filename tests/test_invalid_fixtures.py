"""Each invalid fixture breaks one rule and fails with its expected path:line, field and message."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import yaml

import posixpath

from conftest import ROOT
from handbook.rules import RULES
from handbook.validate import load_content

FIXTURES = ROOT / "tests" / "fixtures"
EXPECTATIONS = yaml.safe_load((FIXTURES / "invalid" / "expectations.yaml").read_text(encoding="utf-8"))


DATA = ROOT / "data" / "scripts_and_forms"


def with_fixture(tmp_path: Path, name: str) -> Path:
    """A copy of the valid records plus one invalid file, placed as its expectation says; `with` names the project's
    own data files (publishers.yaml, facts.yaml) the rule needs beside them, and `add` maps a data file to place
    beside them to its file under tests/fixtures/ (a content policy the valid records meet)."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    spec = EXPECTATIONS[name]
    for extra in spec.get("with", []):
        shutil.copy(DATA / extra, data / extra)
    for target, source in spec.get("add", {}).items():
        shutil.copy(FIXTURES / source, data / target)
    shutil.copy(FIXTURES / "invalid" / name, data / spec["folder"] / spec.get("place_as", name))
    return data


def placed_path(spec: dict, name: str) -> str:
    """Where the fixture lands, as problems name it (data/<folder>/<file>, `.` for the data folder itself)."""
    return posixpath.normpath(f"data/{spec['folder']}/{spec.get('place_as', name)}")


def test_there_are_at_least_twelve_fixtures_and_each_has_an_expectation():
    files = sorted(p.name for p in (FIXTURES / "invalid").glob("*.yaml") if p.name != "expectations.yaml")
    assert len(files) >= 12
    assert set(files) == set(EXPECTATIONS)


def test_every_error_rule_names_invalid_fixtures_that_exist():
    assert RULES, "no rule is registered"
    for rule in RULES:
        assert rule.doc, f"rule {rule.name} has no one-line description"
        for fixture in rule.fixtures:
            assert fixture in EXPECTATIONS, f"rule {rule.name} names {fixture}, which has no expectation"


@pytest.mark.parametrize("rule", [r for r in RULES if r.fixtures], ids=lambda r: r.name)
def test_each_rule_is_what_fails_its_fixtures(tmp_path, rule):
    """Switching the rule off makes its fixture's expected problem disappear: the rule is the one that reports it."""
    for fixture in rule.fixtures:
        spec = EXPECTATIONS[fixture]
        data = with_fixture(tmp_path / fixture, fixture)
        index = RULES.index(rule)
        RULES.pop(index)
        try:
            content = load_content(data, tmp_path / fixture)
        finally:
            RULES.insert(index, rule)
        placed = placed_path(spec, fixture)
        assert not [p for p in content.errors if p.path == placed and spec["message"] in p.message], \
            f"{fixture} still fails with the rule {rule.name} switched off: it does not test that rule"


def test_valid_fixtures_have_no_problems():
    content = load_content(FIXTURES / "valid", FIXTURES)
    assert content.errors == []
    assert len(content.records) == 9


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_invalid_fixture_reports_its_problem(tmp_path, name):
    spec = EXPECTATIONS[name]
    data = with_fixture(tmp_path, name)
    started = time.perf_counter()
    content = load_content(data, tmp_path)
    assert time.perf_counter() - started < 30, "validation must not hang"
    placed = placed_path(spec, name)
    mine = [p for p in content.errors if p.path == placed]
    assert mine, f"no error reported for {placed}; got {[str(p) for p in content.errors]}"
    match = [p for p in mine if p.line == spec["line"] and p.field == spec["field"] and spec["message"] in p.message]
    assert match, f"expected {placed}:{spec['line']}: {spec['field']}: ...{spec['message']}...; got {[str(p) for p in mine]}"
    assert str(match[0]).startswith(f"{placed}:{spec['line']}: {spec['field']}: ")
    others = [p for p in content.errors if not p.path.startswith(placed)]
    assert others == [], "a broken file must not cause problems elsewhere"


def test_all_problems_are_reported_at_once(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    for name in ("missing-en.yaml", "unknown-key.yaml", "alias-bomb.yaml", "empty-file.yaml"):
        shutil.copy(FIXTURES / "invalid" / name, data / "glossary" / name)
    content = load_content(data, tmp_path)
    assert {Path(p.path).name for p in content.errors} == {"missing-en.yaml", "unknown-key.yaml", "alias-bomb.yaml", "empty-file.yaml"}


def edited_copy(tmp_path: Path, name: str, old: str, new: str) -> tuple[Path, int]:
    """The valid records with one edit to one file; returns the data folder and the edited line."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{name} no longer holds {old!r}: update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data, text[:text.index(old)].count("\n") + 1


def test_a_tag_missing_from_the_tag_names_is_an_error_with_a_suggestion(tmp_path):
    data, line = edited_copy(tmp_path, "glossary/grace-period.yaml", "tags: [renewal, grace-period]",
                             "tags: [renewal, grace-periods, ufo]")
    problems = sorted(str(p) for p in load_content(data, tmp_path).errors)
    assert problems == [
        f"data/glossary/grace-period.yaml:{line}: tags[1]: tag 'grace-periods' is not in tags.yaml (did you mean 'grace-period'?)",
        f"data/glossary/grace-period.yaml:{line}: tags[2]: tag 'ufo' is not in tags.yaml (add it to tags.yaml with its zh and en names)",
    ]


def test_tag_names_need_both_languages_and_the_file_must_exist(tmp_path):
    data, line = edited_copy(tmp_path, "tags.yaml", "lapse: {zh: 失效, en: lapse}", "lapse: {zh: 失效}")
    assert [str(p) for p in load_content(data, tmp_path).errors] == [
        f"data/tags.yaml:{line}: tags.lapse.en: missing text in this language 'en' (every text needs both zh and en)"]
    (data / "tags.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert [str(p) for p in load_content(data, tmp_path).errors] == [
        "data/tags.yaml:1: (file): file is empty; the tag list needs `tags:` with each tag's zh and en name"]
    (data / "tags.yaml").unlink()
    assert [str(p) for p in load_content(data, tmp_path).errors] == [
        "data/tags.yaml:1: (file): is missing: it names every tag in zh and en"]


def test_a_badly_written_tag_key_is_reported_on_its_own_line(tmp_path):
    data, line = edited_copy(tmp_path, "tags.yaml", "  lapse:", "  Lapse:")
    problems = [str(p) for p in load_content(data, tmp_path).errors]
    assert len(problems) == 1 and problems[0].startswith(f"data/tags.yaml:{line}: tags.Lapse: 'Lapse' does not match")


def test_an_owner_english_pages_cannot_name_is_an_error_with_a_suggestion(tmp_path):
    data, line = edited_copy(tmp_path, "glossary/grace-period.yaml", "owner: 客户服务部", "owner: 客服服务部")
    assert [str(p) for p in load_content(data, tmp_path).errors] == [
        f"data/glossary/grace-period.yaml:{line}: owner: '客服服务部' is not a known department (did you mean '客户服务部'?)"
        " (a new department needs its English name in handbook/labels.py)"]


def test_a_record_is_checked_again_when_its_bytes_change_and_reported_at_its_own_path(tmp_path):
    """The schema check is kept per file content (a preview rebuild does not re-check unchanged files): a change is
    seen on the next load, and the same bytes in another folder are reported at that folder's path."""
    first = tmp_path / "one" / "data"
    shutil.copytree(FIXTURES / "valid", first)
    assert load_content(first, tmp_path / "one").errors == []
    term = first / "glossary" / "grace-period.yaml"
    term.write_text(term.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    line = len(term.read_text(encoding="utf-8").splitlines())
    assert [str(p) for p in load_content(first, tmp_path / "one").errors] == [
        f"data/glossary/grace-period.yaml:{line}: colour: unknown key 'colour' (check the spelling against the schema)"]
    second = tmp_path / "two" / "records"
    shutil.copytree(first, second)
    assert [p.path for p in load_content(second, tmp_path / "two").errors] == ["records/glossary/grace-period.yaml"]
    term.write_text(term.read_text(encoding="utf-8").replace("colour: blue\n", ""), encoding="utf-8")
    assert load_content(first, tmp_path / "one").errors == []
