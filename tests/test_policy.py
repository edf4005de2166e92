"""The content policy (policy.yaml): the shipped handbook meets it, `make check` reports what breaks it at the policy
entry or at the record, minimum counts warn while must-cover entries fail, and a data folder without a policy (test
fixtures, synthetic content) is not held to the shipped handbook's."""
from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from tests.support import ROOT
from handbook.kinds import KIND_BY_FOLDER
from handbook.policy import POLICY_FILE, load_policy
from handbook.problems import Problem
from handbook.rules import ContentContext
from handbook.rules.policy import courses_have_their_shape
from handbook.validate import _schema_check, load_content
from tests.support.content import shipped_content

DATA = ROOT / "data" / "scripts_and_forms"
VALID = ROOT / "tests" / "fixtures" / "valid"
POLICY, _ = load_policy(DATA, ROOT, _schema_check("policy"))
SHIPPED = shipped_content()


def policy_problems(problems: list[Problem], policy_path: str) -> list[str]:
    """Problems the policy raised: at one of its entries, or at a record naming one."""
    return [str(p) for p in problems if p.path == policy_path or f"({policy_path}: " in p.message]


def edited_copy(tmp_path: Path, edits: dict[str, tuple[str, str]]) -> Path:
    """A copy of the shipped data with each file's first `old` replaced by `new` (`old` must be there)."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for name, (old, new) in edits.items():
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{name} no longer holds {old!r}: update the test"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data


def line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[:text.index(needle)].count("\n") + 1


# ---------- the shipped handbook ----------

def test_the_shipped_handbook_meets_its_policy_without_a_warning():
    assert POLICY.present and POLICY.path == "data/scripts_and_forms/policy.yaml"
    assert policy_problems(SHIPPED.problems, POLICY.path) == []


def test_the_policy_holds_what_the_handbook_promises():
    """The entries an editor might be tempted to drop are there (a policy emptied by mistake checks nothing)."""
    minimums = {m.folder: m.at_least for m in POLICY.minimum_records}
    assert minimums == {"standards": 20, "procedures": 14, "scripts": 14, "letters": 9, "forms": 7, "checklists": 12,
                        "exclusions": 35, "glossary": 80}
    words = {w for entry in POLICY.must_cover for w in entry.words}
    assert {"原位癌", "等待期", "酒驾", "醉驾", "孤儿保单", "犹豫期", "现金价值"} <= words
    required = {ref for entry in POLICY.must_exist for ref in entry.refs}
    assert {f"flows/{f}" for f in ("customer-unreachable", "case-class", "claim-refusal-risk", "who-may-change",
                                   "unpaid-premium", "complaint-handling")} <= required
    assert [e.basis for e in POLICY.must_exist if "exclusions/suicide-within-two-years" in e.refs] == ["statutory"]
    assert POLICY.exclusion_product_lines and set(POLICY.exclusion_product_lines.lines) == {
        "life", "critical-illness", "medical", "accident", "general"}
    assert [c.ref for c in POLICY.courses] == ["courses/new-staff-onboarding"]
    assert [p.phrase for p in POLICY.phrases] == ["上门收费"] and [law.name for law in POLICY.cited_laws] == ["保险法"]
    for entry in [*POLICY.minimum_records, *POLICY.must_cover, *POLICY.must_exist, *POLICY.courses, *POLICY.phrases]:
        assert entry.reason.zh.strip() and entry.reason.en.strip()


# ---------- what breaks it, as the editor sees it ----------

def test_a_kind_below_its_minimum_warns_and_a_retired_record_covers_nothing(tmp_path):
    """Retiring the glossary's 孤儿保单 takes it below a minimum of 120 (a warning) and uncovers a must-cover word (an
    error), both at the policy entries that ask for them."""
    data = edited_copy(tmp_path, {
        POLICY_FILE: ("at_least: 80", "at_least: 120"),
        "glossary/orphan-policy.yaml": ("status: approved", "status: retired\nreplaced_by: glossary/grace-period")})
    content = load_content(data, tmp_path)
    policy = data / POLICY_FILE
    assert policy_problems(content.problems, "data/policy.yaml") == [
        f"data/policy.yaml:{line_of(policy, 'at_least: 120')}: minimum_records[7].at_least: warning: glossary has 119"
        " record(s), the policy asks for at least 120: The terms new staff meet must all be found with a definition in"
        " both languages.",
        f"data/policy.yaml:{line_of(policy, '孤儿保单]')}: must_cover[0].words[12]: no glossary record is titled"
        " '孤儿保单': Staff explain these words to customers every day; each needs its own glossary entry."]
    assert [p.field for p in content.errors] == ["must_cover[0].words[12]"], "the minimum is a warning, not an error"


def test_every_break_of_the_policy_is_reported_at_once_where_the_editor_acts(tmp_path):
    """A term renamed, an exclusion's everyday name dropped, a sentence telling staff to collect premiums, a reading
    removed from the course and a key limit no longer stated: one error each."""
    data = edited_copy(tmp_path, {
        "glossary/orphan-policy.yaml": ("title: {zh: 孤儿保单,", "title: {zh: 孤儿单,"),
        "procedures/normal-case.yaml": ("  zh: 收展、续收服务人员；", "  zh: 收展、续收服务人员可上门收费；"),
        "courses/new-staff-onboarding.yaml": ("        - glossary/duty-to-explain\n", "")})
    for name, old, new in (("exclusions/drink-driving.yaml", "酒驾", "喝酒开车"),
                           ("courses/new-staff-onboarding.yaml", "第17条", "第十七条")):
        path = data / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    errors = {p.field: str(p) for p in load_content(data, tmp_path).errors}
    assert sorted(errors) == ["courses[0].mentions[0]", "courses[0].reading[7]", "must_cover[0].words[12]",
                              "must_cover[1].words[0]", "spec.who.zh"]
    assert "no glossary record is titled '孤儿保单'" in errors["must_cover[0].words[12]"]
    assert "no exclusions record has '酒驾' in its title or aliases: Customers and staff" in errors["must_cover[1].words[0]"]
    assert "no module of courses/new-staff-onboarding gives 'glossary/duty-to-explain' as reading" in errors["courses[0].reading[7]"]
    assert "no quiz explanation or objective of courses/new-staff-onboarding states '第17条'" in errors["courses[0].mentions[0]"]
    line = line_of(data / "procedures" / "normal-case.yaml", "可上门收费")
    assert errors["spec.who.zh"] == (
        f"data/procedures/normal-case.yaml:{line}: spec.who.zh: suggests '上门收费' (data/policy.yaml: phrases[0]):"
        " Staff may not pay premiums or collect benefits and surrender values for customers; the old door-to-door"
        " collection must not be suggested.")
    assert all(e.startswith("data/policy.yaml:") for f, e in errors.items() if f != "spec.who.zh")


def test_a_course_short_of_modules_or_question_types_is_a_warning():
    """The course's shape is a warning: fewer modules than asked, or a module whose quiz lacks a question type."""
    course = SHIPPED.by_ref()["courses/new-staff-onboarding"]
    first = course.spec.modules[0]
    singles_only = dataclasses.replace(first, quiz=[q for q in first.quiz if q.type == "single"])
    shorter = dataclasses.replace(course, spec=dataclasses.replace(course.spec, modules=[singles_only, *course.spec.modules[2:]]))
    ctx = ContentContext(raws={}, records=[shorter], tag_names=None, today=date.today(), data_dir=DATA, policy=POLICY)
    problems = list(courses_have_their_shape(ctx))
    assert [(p.field, p.severity) for p in problems] == [("courses[0].min_modules", "warning"),
                                                          ("courses[0].question_types", "warning")]
    assert problems[0].path == POLICY.path and problems[0].line == line_of(DATA / POLICY_FILE, "min_modules: 5")
    assert "courses/new-staff-onboarding has 4 module(s), the policy asks for at least 5" in problems[0].message
    assert f"the quiz of module '{first.id}' of courses/new-staff-onboarding has no multiple question" in problems[1].message


def valid_with_policy(tmp_path: Path, policy: Path) -> Path:
    """The valid fixtures with a policy file beside them."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    shutil.copy(policy, data / POLICY_FILE)
    return data


def test_a_broken_policy_file_is_reported_with_its_lines_and_checks_nothing(tmp_path):
    policy = tmp_path / "broken.yaml"
    policy.write_text((DATA / POLICY_FILE).read_text(encoding="utf-8")
                      .replace("  - folder: glossary\n    match: title", "  - folder: glosary\n    match: titles"), encoding="utf-8")
    data = valid_with_policy(tmp_path, policy)
    line = line_of(policy, "folder: glosary")
    assert [str(p) for p in load_content(data, tmp_path).problems] == [
        f"data/policy.yaml:{line}: must_cover[0].folder: 'glosary' is not one of {list(KIND_BY_FOLDER)!r} (did you mean 'glossary'?)",
        f"data/policy.yaml:{line + 1}: must_cover[0].match: 'titles' is not one of ['title', 'title-or-aliases'] (did you mean 'title'?)"]


# ---------- other data folders ----------

def test_a_data_folder_without_a_policy_is_held_to_none(tmp_path):
    """The valid fixtures have one glossary term and no course: without their own policy.yaml nothing is asked of them."""
    content = load_content(VALID, VALID.parent)
    assert content.errors == [] and not [p for p in content.problems if "policy" in p.message or p.path.endswith(POLICY_FILE)]


def test_make_check_prints_the_policy_problem_and_fails(tmp_path):
    data = valid_with_policy(tmp_path, ROOT / "tests" / "fixtures" / "invalid" / "policy-word-not-covered.yaml")
    env = {"PYTHONPATH": str(ROOT / "scripts"), "HANDBOOK_DATA_DIR": str(data), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "handbook", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert "policy.yaml:6: must_cover[0].words[1]: no glossary record is titled '孤儿保单'" in done.stdout + done.stderr


def test_a_record_with_an_error_of_its_own_is_not_also_missing_from_the_policy(tmp_path):
    """The file that covers 孤儿保单 has a schema error: that error is reported once, at the file, and not again as
    a must-cover word missing or a count short."""
    data = valid_with_policy(tmp_path, ROOT / "tests" / "fixtures" / "invalid" / "policy-word-not-covered.yaml")
    term = (data / "glossary" / "grace-period.yaml").read_text(encoding="utf-8")
    orphan = term.replace("id: grace-period\n", "id: orphan-policy\n").replace("title: {zh: 宽限期, en: Grace period}",
                                                                            "title: {zh: 孤儿保单, en: Orphan policy}")
    (data / "glossary" / "orphan-policy.yaml").write_text(orphan.replace("owner: 客户服务部", "owner: 42"), encoding="utf-8")
    (data / POLICY_FILE).write_text((data / POLICY_FILE).read_text(encoding="utf-8") + (
        "minimum_records:\n  - {folder: glossary, at_least: 2, reason: {zh: 两条。, en: Two.}}\n"), encoding="utf-8")
    problems = [str(p) for p in load_content(data, tmp_path).problems]
    assert len(problems) == 1 and problems[0].startswith("data/glossary/orphan-policy.yaml:") and ": owner: " in problems[0], problems
