"""Schema errors read from jsonschema's error objects: unknown keys and enum values get a did-you-mean."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbook.validate import load_content
from tests.support import ROOT

VALID = ROOT / "tests" / "fixtures" / "valid"


def problems_with(tmp_path: Path, folder: str, name: str, edit) -> list[str]:
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    path = data / folder / name
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return [f"{p.field}: {p.message}" for p in load_content(data, tmp_path).errors]


@pytest.mark.parametrize("edit, expected", [
    (lambda t: t.replace("\nowner:", "\nsumary: {zh: 概要, en: Summary}\nowner:", 1),
     "sumary: unknown key 'sumary' (did you mean 'summary'?)"),
    (lambda t: t.replace("  definition:", "  defnition:", 1),
     "spec.defnition: unknown key 'defnition' (did you mean 'definition'?)"),
    (lambda t: t.replace("\nowner:", "\nxyzzy: 1\nowner:", 1),
     "xyzzy: unknown key 'xyzzy' (check the spelling against the schema)"),
    (lambda t: t.replace("status: approved", "status: aproved", 1),
     "status: 'aproved' is not one of ['draft', 'in_review', 'approved', 'retired'] (did you mean 'approved'?)"),
])
def test_a_near_miss_is_named(tmp_path, edit, expected):
    assert expected in problems_with(tmp_path, "glossary", "grace-period.yaml", edit)


def test_a_product_line_typo_is_named(tmp_path):
    found = problems_with(tmp_path, "exclusions", "grace-period-lapse.yaml",
                          lambda t: t.replace("product_lines: [", "product_lines: [lfe, ", 1))
    assert any(p.startswith("spec.product_lines[0]: 'lfe' is not one of") and p.endswith("(did you mean 'life'?)")
               for p in found), found


def test_each_missing_key_is_reported_once(tmp_path):
    found = problems_with(tmp_path, "glossary", "grace-period.yaml",
                          lambda t: "\n".join(line for line in t.splitlines() if not line.startswith(("owner:", "updated:"))))
    assert found.count("owner: missing field 'owner'") == 1 and found.count("updated: missing field 'updated'") == 1
