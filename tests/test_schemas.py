"""Each schema is a valid draft 2020-12 schema; every real data file validates."""
from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT
from handbook.kinds import KINDS
from handbook.schemas import SCHEMA_DIR, bilingual_description, schema_files, schema_properties
from tests.support.content import shipped_content


@pytest.mark.parametrize("path", schema_files(), ids=lambda p: p.name)
def test_schema_is_valid(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_one_schema_per_kind():
    data_files = {"tags.schema.json", "vocabularies.schema.json", "letterhead.schema.json", "facts.schema.json",
                  "publishers.schema.json", "terms.schema.json", "policy.schema.json", "holidays.schema.json"}
    assert {p.name for p in schema_files()} == {"common.schema.json", *data_files, *(f"{k.name}.schema.json" for k in KINDS)}


def test_every_data_file_validates():
    content = shipped_content()
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


def _descriptions(node: object, pointer: str = ""):
    """Every `description` string anywhere in a schema, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description":
                yield pointer or "/", value
            else:
                yield from _descriptions(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _descriptions(value, f"{pointer}/{index}")


@pytest.mark.parametrize("path", schema_files(), ids=lambda p: p.name)
def test_every_property_explains_itself_in_both_languages(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    properties = list(schema_properties(schema))
    assert properties, f"{path.name} declares no properties"
    missing = [pointer for pointer, node in properties if bilingual_description(node) is None]
    assert missing == [], (f"{path.name}: these properties need a description of two short lines, Chinese then English "
                           f"(\"中文说明\\nEnglish description\"): {missing}")
    malformed = [pointer for pointer, text in _descriptions(schema) if bilingual_description({"description": text}) is None]
    assert malformed == [], f"{path.name}: descriptions that are not one Chinese and one English line: {malformed}"
    if path.name != "common.schema.json":
        assert bilingual_description(schema) is not None, f"{path.name} says what it describes in both languages"


def test_the_property_walk_reaches_items_definitions_and_branches():
    def pointers(name: str) -> set[str]:
        return {p for p, _ in schema_properties(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")))}
    assert {"/$defs/value/oneOf/0/properties/number", "/$defs/fact/properties/basis/properties/article"} <= pointers("facts.schema.json")
    course = pointers("course.schema.json")
    assert {"/$defs/question/properties/options/items/properties/correct", "/$defs/question/then/properties/options"} <= course
    assert not any("/if/" in p for p in course), "an `if` only tests values; its properties are not fields"
    common = pointers("common.schema.json")
    assert {"/$defs/field/properties/choices/items/properties/value", "/$defs/envelope/properties/questions",
            "/$defs/envelope/properties/aliases", "/$defs/text/properties/zh"} <= common


@pytest.mark.parametrize("text", [
    "English only",
    "只有中文",
    "English first\n中文在后",
    "标题\nTitle\nA third line",
    "标题\n",
    " 标题\nTitle",
    "标题\nTitle ",
    "标题\n标题的英文",
    "长" * 81 + "\nLong",
    "短\n" + "long " * 33,
])
def test_a_description_must_be_one_chinese_and_one_english_line(text):
    assert bilingual_description({"description": text}) is None


def test_a_bilingual_description_reads_back_as_text():
    found = bilingual_description({"description": "适用险种，例如 寿险\nProduct lines, e.g. 寿险 (life)"})
    assert (found.zh, found.en) == ("适用险种，例如 寿险", "Product lines, e.g. 寿险 (life)")
