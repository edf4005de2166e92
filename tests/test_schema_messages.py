"""Schema errors are explained from jsonschema's error objects (validator, value, instance, schema node), in the
editor's words, never from jsonschema's English message text."""
from __future__ import annotations

import copy
from typing import Callable

import pytest
from jsonschema import Draft202012Validator, ValidationError

from conftest import ROOT
from handbook.problems import format_field_path
from handbook.schema_messages import explain, message, type_word
from handbook.schemas import _registry, validator_for
from handbook.yamlload import load_bytes

VALID = ROOT / "tests" / "fixtures" / "valid"
SENTINEL = "JSONSCHEMA-ENGLISH-MESSAGE"


def record(folder: str) -> dict:
    """A valid record as the checker reads it (dates stay text)."""
    return load_bytes(next((VALID / folder).glob("*.yaml")).read_bytes()).data


def validator(pointer: str) -> Draft202012Validator:
    """A validator for one schema node by its address, e.g. course.schema.json#/$defs/question."""
    return Draft202012Validator({"$ref": pointer}, registry=_registry())


def hide_english(error: ValidationError) -> ValidationError:
    """Replace jsonschema's own message on the error and every error inside it, so using it would show."""
    error.message = SENTINEL
    for sub in error.context or []:
        hide_english(sub)
    return error


def explained(errors) -> list[str]:
    return [f"{format_field_path(field)}: {text}" for e in errors for field, _, text in explain(hide_english(e), None)]


def record_problems(folder: str, kind: str, change: Callable[[dict], None]) -> list[str]:
    data = record(folder)
    change(data)
    errors = list(validator_for(kind).iter_errors(data))
    return [f"{format_field_path(field)}: {text}" for e in errors
            for field, _, text in explain(hide_english(e), f"{kind}.schema.json")]


def set_in(path: tuple, value: object) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        node = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
    return change


QUESTION = {"type": "single", "question": {"zh": "问", "en": "Q"}, "explanation": {"zh": "解", "en": "A"},
            "ref": "glossary/grace-period",
            "options": [{"text": {"zh": "甲", "en": "A"}, "correct": True}, {"text": {"zh": "乙", "en": "B"}, "correct": True}]}


@pytest.mark.parametrize("folder, kind, change, expected", [
    ("glossary", "glossary", set_in(("tags",), "renewal"), "tags: 'renewal' is a text but must be a list"),
    ("glossary", "glossary", set_in(("tags",), ["renewal", "renewal"]), "tags: lists 'renewal' more than once"),
    ("glossary", "glossary", set_in(("id",), "a" * 81), "id: is 81 characters long; at most 80 are allowed"),
    ("glossary", "glossary", set_in(("sources",), []), "sources: must list at least one item"),
    ("glossary", "glossary", set_in(("status",), "aproved"),
     "status: 'aproved' is not one of ['draft', 'in_review', 'approved', 'retired'] (did you mean 'approved'?)"),
    ("glossary", "glossary", set_in(("spec", "definiton"), {"zh": "定义", "en": "Definition"}),
     "spec.definiton: unknown key 'definiton' (did you mean 'definition'?)"),
    ("glossary", "glossary", set_in(("sumary",), {"zh": "概要", "en": "Summary"}), "sumary: unknown key 'sumary' (did you mean 'summary'?)"),
    ("glossary", "glossary", set_in(("title",), {"zh": "标题"}), "title.en: missing text in this language 'en' (every text needs both zh and en)"),
    ("glossary", "glossary", set_in(("sources", 0, "issued"), "2020"), "sources[0].issued: An external page has a url and no issue date"),
    ("procedures", "procedure", lambda d: d["spec"].update(steps=d["spec"]["steps"][:1]), "spec.steps: lists 1 item; at least 2 are needed"),
    ("letters", "letter", lambda d: d["spec"]["fields"][0].update(choices=[{"value": "a", "label": {"zh": "甲", "en": "A"}}] * 2),
     "spec.fields[0]: Only a field of type choice has choices"),
    ("forms", "form", lambda d: d["spec"]["sections"][0]["fields"][0].update(type="textarea", lines=31),
     "spec.sections[0].fields[0].lines: is 31; the largest allowed is 30"),
    ("forms", "form", lambda d: d["spec"]["sections"][0].update(rows=0), "spec.sections[0].rows: is 0; the smallest allowed is 1"),
])
def test_a_record_error_reads_in_the_editors_words(folder, kind, change, expected):
    problems = record_problems(folder, kind, change)
    assert expected in problems, problems
    assert not any(SENTINEL in p for p in problems)


def test_a_quiz_question_is_explained_by_its_schema_description():
    problems = explained(validator("course.schema.json#/$defs/question").iter_errors(QUESTION))
    assert problems == ["options: A single-choice question has exactly one correct option"]
    multiple = copy.deepcopy(QUESTION) | {"type": "multiple"}
    multiple["options"][1]["correct"] = False
    assert explained(validator("course.schema.json#/$defs/question").iter_errors(multiple)) == [
        "options: A multiple-choice question has at least two correct options"]


def test_one_of_names_the_forms_and_the_closest_ones_problem():
    value = validator("facts.schema.json#/$defs/value")
    assert explained(value.iter_errors({"number": 60})) == [
        "(file): fits none of the allowed forms (number and unit; date; text): missing field 'unit'"]
    assert explained(value.iter_errors({"date": "2021/02/01"})) == [
        "(file): fits none of the allowed forms (number and unit; date; text): date: '2021/02/01' does not match the "
        "required pattern ^\\d{4}-\\d{2}-\\d{2}$"]
    law = {"name": {"zh": "法", "en": "Law"}, "short": {"zh": "法", "en": "Law"}, "url": "https://www.gov.cn/x", "issued": "2020"}
    assert explained(validator("facts.schema.json#/$defs/law").iter_errors(law)) == [
        "(file): fits more than one of the allowed forms (url; issued); keep only one"]


def test_an_empty_map_says_how_many_entries_it_needs():
    errors = list(validator("tags.schema.json").iter_errors({"tags": {}}))
    assert explained(errors) == ["tags: must have at least 1 entry"]


def test_a_rule_the_explanations_do_not_know_is_named_not_copied_from_jsonschema():
    errors = [hide_english(e) for e in Draft202012Validator({"multipleOf": 2}).iter_errors(3)]
    assert [message(e) for e in errors] == ["does not meet the schema's 'multipleOf' rule (2)"]


@pytest.mark.parametrize("value, word", [("x", "a text"), ([], "a list"), ({}, "a set of `key: value` entries"),
                                         (3, "a whole number"), (2.5, "a number"), (True, "true or false"), (None, "empty")])
def test_type_words(value, word):
    assert type_word(value) == word


def test_a_very_long_message_is_cut():
    long_value = "x" * 400
    errors = list(Draft202012Validator({"enum": ["a"]}).iter_errors(long_value))
    assert len(message(errors[0])) == 301 and message(errors[0]).endswith("…")
