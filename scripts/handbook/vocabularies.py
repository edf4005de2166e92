"""Departments and product lines (data/scripts_and_forms/vocabularies.yaml): the names records choose from.

They are the company's, not one content set's, so they are read from the project even when HANDBOOK_DATA_DIR points
at other records (tests, synthetic benchmarks)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator

from .datafiles import read_data_file, schema_problems

VOCABULARIES_FILE = Path(__file__).resolve().parents[2] / "data" / "scripts_and_forms" / "vocabularies.yaml"
SCHEMA_FILE = Path(__file__).parent / "schemas" / "vocabularies.schema.json"


class VocabularyError(ValueError):
    """vocabularies.yaml cannot be used; the message is `path:line: field: problem` lines."""


@dataclass(frozen=True)
class Vocabularies:
    departments: dict[str, str]  # Chinese name -> English name
    product_lines: dict[str, dict[str, str]]  # id -> {lang: name}, in listing order


def read_vocabularies(path: Path = VOCABULARIES_FILE) -> Vocabularies:
    """Load and check the file; every problem is reported at once."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    file = read_data_file(path, path.name, ("the vocabularies", "`departments:` and `product_lines:`"),
                          schema_problems(Draft202012Validator(schema), None))
    if not file.present:
        raise VocabularyError(f"{path.name}: missing: the departments and product lines records choose from")
    if file.loaded is None:
        raise VocabularyError("\n".join(map(str, file.problems)))
    data = file.loaded.data
    return Vocabularies(departments={d["zh"]: d["en"] for d in data["departments"]},
                        product_lines={p["id"]: {"zh": p["zh"], "en": p["en"]} for p in data["product_lines"]})


@lru_cache(maxsize=None)
def vocabularies() -> Vocabularies:
    """The project's vocabularies, read once per process."""
    return read_vocabularies()
