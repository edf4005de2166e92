"""Departments and product lines live once, in vocabularies.yaml; the schemas and labels are made from it."""
from __future__ import annotations

import json

import pytest

from handbook.labels import LABELS, departments_en
from handbook.render import PRODUCT_LINES
from handbook.schemas import SCHEMA_DIR, validator_for
from handbook.vocabularies import VocabularyError, read_vocabularies, vocabularies


def test_the_product_line_enum_is_filled_from_the_vocabulary_not_typed_in_the_schema():
    typed = json.loads((SCHEMA_DIR / "exclusion.schema.json").read_text(encoding="utf-8"))
    items = typed["properties"]["spec"]["properties"]["product_lines"]["items"]
    assert "enum" not in items and items["x-vocabulary"] == "product_lines"
    loaded = validator_for("exclusion").schema["properties"]["spec"]["properties"]["product_lines"]["items"]
    assert loaded["enum"] == list(vocabularies().product_lines) == list(PRODUCT_LINES)


def test_labels_and_departments_come_from_the_vocabulary():
    words = vocabularies()
    assert departments_en() == words.departments
    for line, names in words.product_lines.items():
        assert LABELS["zh"][f"line_{line}"] == names["zh"] and LABELS["en"][f"line_{line}"] == names["en"]


def test_an_unknown_product_line_is_a_schema_error():
    errors = list(validator_for("exclusion").iter_errors({"spec": {"product_lines": ["pets"]}}))
    assert any(e.validator == "enum" and list(e.absolute_path) == ["spec", "product_lines", 0] for e in errors)


def test_a_broken_vocabulary_file_reports_every_problem_with_its_line(tmp_path):
    path = tmp_path / "vocabularies.yaml"
    path.write_text("departments:\n  - {zh: 客户服务部}\nproduct_lines:\n  - {id: Life, zh: 寿险, en: Life}\n", encoding="utf-8")
    with pytest.raises(VocabularyError) as caught:
        read_vocabularies(path)
    lines = str(caught.value).splitlines()
    assert len(lines) == 2
    assert lines[0] == "vocabularies.yaml:2: departments[0].en: missing text in this language 'en' (every text needs both zh and en)"
    assert lines[1].startswith("vocabularies.yaml:4: product_lines[0].id:")
