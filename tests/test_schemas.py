"""Each schema is a valid draft 2020-12 schema; every real data file validates."""
from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT
from handbook.kinds import KINDS
from handbook.schemas import SCHEMA_DIR, schema_files
from handbook.validate import load_content


@pytest.mark.parametrize("path", schema_files(), ids=lambda p: p.name)
def test_schema_is_valid(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_one_schema_per_kind():
    data_files = {"tags.schema.json", "vocabularies.schema.json", "letterhead.schema.json", "facts.schema.json",
                  "publishers.schema.json", "terms.schema.json", "policy.schema.json"}
    assert {p.name for p in schema_files()} == {"common.schema.json", *data_files, *(f"{k.name}.schema.json" for k in KINDS)}


def test_every_data_file_validates():
    content = load_content(ROOT / "data" / "scripts_and_forms", ROOT)
    assert content.errors == [], "\n".join(map(str, content.errors))
    files = sorted((ROOT / "data" / "scripts_and_forms").glob("*/*.yaml"))
    assert len(content.records) == len(files)


def test_every_data_file_declares_its_schema():
    for path in sorted((ROOT / "data" / "scripts_and_forms").glob("*/*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = next(k for k in KINDS if k.folder == path.parent.name)
        assert first == f"# yaml-language-server: $schema=../../../scripts/handbook/schemas/{kind.name}.schema.json", path
        assert (SCHEMA_DIR / f"{kind.name}.schema.json").exists()


def test_every_data_file_beside_the_kind_folders_declares_its_schema():
    files = sorted((ROOT / "data" / "scripts_and_forms").glob("*.yaml"))
    assert "policy.yaml" in {p.name for p in files}
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../scripts/handbook/schemas/{path.stem}.schema.json", path
        assert (SCHEMA_DIR / f"{path.stem}.schema.json").exists()
