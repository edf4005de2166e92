"""The field tables in CONTRIBUTING.md are written from the schemas' descriptions and fail when they drift."""
from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from handbook.fieldtables import COMMAND, CONTRIBUTING, FieldTableError, field_rows, regenerate
from handbook.kinds import KINDS
from handbook.model import Text
from handbook.schemas import _registry


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    return subprocess.run([sys.executable, "-m", "handbook", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=False)


def project_copy(tmp_path: Path) -> Path:
    """A folder the command takes for a project root: mkdocs.yml and CONTRIBUTING.md."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copy(ROOT / CONTRIBUTING, tmp_path / CONTRIBUTING)
    return tmp_path


def test_contributing_tables_match_the_schemas():
    text = (ROOT / CONTRIBUTING).read_text(encoding="utf-8")
    fresh = regenerate(text)
    drift = "".join(list(difflib.unified_diff(text.splitlines(True), fresh.splitlines(True), CONTRIBUTING, "schemas"))[:40])
    assert fresh == text, f"{CONTRIBUTING} differs from the schemas; run `{COMMAND}` and commit the result:\n{drift}"


def section(text: str, lang: str) -> str:
    """The Chinese or the English half of CONTRIBUTING.md."""
    zh, en = text.split('<a id="en"></a>')
    return zh if lang == "zh" else en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_kind_data_file_and_nested_field_has_a_row_in_its_language(lang):
    half = section((ROOT / CONTRIBUTING).read_text(encoding="utf-8"), lang)
    for kind in KINDS:
        assert f"#### `{kind.folder}` · {kind.title(lang)}" in half
    assert "| `steps[].uses` |" in half and "| `modules[].quiz[].options[].correct` |" in half
    rows = {"zh": ["| `replaced_by` | `status` 为 `retired` 时必填 |", "| `sources[].issued` | 没写 `url` 时必填 |",
                   "| `choices` | `type` 为 `choice` 时必填 |", "| `owner` | 是 | 负责部门的中文名称"],
            "en": ["| `replaced_by` | when `status` is `retired` |", "| `sources[].issued` | when `url` is not given |",
                   "| `choices` | when `type` is `choice` |", "| `owner` | yes | The owning department's Chinese name"]}[lang]
    for row in rows:
        assert row in half, row
    data = {"zh": ["#### `facts.yaml`", "| `laws.<id>.url` | 二选一：`url` 或 `issued` |",
                   "| `facts[].value.unit` | 写法之一：`number` 和 `unit`；`date`；`text` |", "#### `letterhead.yaml`"],
            "en": ["#### `facts.yaml`", "| `laws.<id>.url` | one of `url`, `issued` |",
                   "| `facts[].value.unit` | one of the forms: `number` and `unit`; `date`; `text` |", "#### `letterhead.yaml`"]}[lang]
    for row in data:
        assert row in half, row
    other = "en" if lang == "zh" else "zh"
    assert f":{other} " not in "".join(line for line in half.splitlines() if line.startswith("<!-- generated:"))


def test_a_hand_edited_table_is_drift_and_the_prose_around_it_is_kept():
    text = (ROOT / CONTRIBUTING).read_text(encoding="utf-8")
    edited = text.replace("| `what` | yes | What the service is |", "| `what` | yes | edited by hand |", 1)
    assert edited != text
    assert regenerate(edited) == text
    prose = text.replace("几点补充：", "几点说明：", 1)
    assert regenerate(prose) == prose, "text outside the markers is hand-written and kept"


@pytest.mark.parametrize("broken, message", [
    (lambda t: t.replace("<!-- end generated:kinds:en -->", "", 1), "missing: ['kinds:en']"),
    (lambda t: t.replace("<!-- end generated:data:zh -->", "", 1), "missing: ['data:zh']"),
    (lambda t: t + "\n<!-- generated:common:zh again -->\n<!-- end generated:common:zh -->\n", "repeated: ['common:zh']"),
    (lambda t: t + "\n<!-- generated:tables:fr x -->\n<!-- end generated:tables:fr -->\n", "unknown generated block tables:fr"),
])
def test_missing_repeated_or_unknown_markers_are_reported(broken, message):
    text = (ROOT / CONTRIBUTING).read_text(encoding="utf-8")
    with pytest.raises(FieldTableError, match=message.replace("[", r"\[").replace("]", r"\]")):
        regenerate(broken(text))


def test_a_property_without_a_bilingual_description_stops_the_tables():
    resolver = _registry().resolver()
    node = {"type": "object", "properties": {"new_field": {"type": "string", "description": "English only"}}}
    with pytest.raises(FieldTableError, match="`new_field` has no description in Chinese and English"):
        list(field_rows(node, resolver))


def test_rows_follow_local_definitions_but_not_shared_texts():
    resolver = _registry().resolver().lookup("course.schema.json").resolver
    node = {"type": "object", "properties": {
        "modules": {"description": "模块\nModules", "type": "array", "items": {"$ref": "#/$defs/task"}},
        "intro": {"description": "介绍\nIntroduction", "$ref": "common.schema.json#/$defs/text"}},
        "required": ["intro"]}
    rows = list(field_rows(node, resolver))
    assert [r.field for r in rows] == ["modules", "modules[].title", "modules[].steps", "modules[].done_when",
                                       "modules[].uses", "intro"]
    assert rows[-1].required == Text("是", "yes") and rows[0].required == Text("否", "no")


def test_cli_check_reports_drift_and_the_command_rewrites_it(tmp_path):
    root = project_copy(tmp_path)
    path = root / CONTRIBUTING
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("| `plain` | 是 | 用大白话解释 |", "| `plain` | 否 | 过时的说明 |", 1), encoding="utf-8")
    assert path.read_text(encoding="utf-8") != original
    checked = run_cli("--root", str(root), "contributing", "--check")
    assert checked.returncode == 1
    assert f"run `{COMMAND}`" in checked.stderr
    assert path.read_text(encoding="utf-8") != original, "--check writes nothing"
    written = run_cli("--root", str(root), "contributing")
    assert written.returncode == 0, written.stderr
    assert path.read_text(encoding="utf-8") == original
    assert run_cli("--root", str(root), "contributing", "--check").returncode == 0


def test_cli_refuses_a_file_without_markers(tmp_path):
    root = project_copy(tmp_path)
    (root / CONTRIBUTING).write_text("# Contributing\n\nNo tables here.\n", encoding="utf-8")
    done = run_cli("--root", str(root), "contributing")
    assert done.returncode == 2
    assert done.stderr.startswith("Not written: CONTRIBUTING.md: generated blocks missing:") and "Traceback" not in done.stderr
    assert (root / CONTRIBUTING).read_text(encoding="utf-8") == "# Contributing\n\nNo tables here.\n"
