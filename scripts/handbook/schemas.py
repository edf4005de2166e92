"""The JSON Schemas, loaded once per call into draft 2020-12 validators.

A schema node marked `"x-vocabulary": "<name>"` takes its allowed values from vocabularies.yaml (or, for `folders`,
the kind folders of kinds.py) when it is loaded."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .kinds import KIND_BY_FOLDER
from .vocabularies import vocabularies

SCHEMA_DIR = Path(__file__).parent / "schemas"


def schema_files() -> list[Path]:
    return sorted(SCHEMA_DIR.glob("*.schema.json"))


def vocabulary_values(name: str) -> list[str]:
    """The values a file may write for one vocabulary: department names, product line ids or kind folders."""
    if name == "folders":
        return list(KIND_BY_FOLDER)
    words = vocabularies()
    return {"departments": list(words.departments), "product_lines": list(words.product_lines)}[name]


def with_vocabularies(node: object) -> object:
    """A copy of a schema with an `enum` from vocabularies.yaml on every node marked `x-vocabulary`."""
    if isinstance(node, dict):
        out = {key: with_vocabularies(value) for key, value in node.items()}
        if "x-vocabulary" in node:
            out["enum"] = vocabulary_values(node["x-vocabulary"])
        return out
    if isinstance(node, list):
        return [with_vocabularies(item) for item in node]
    return node


def load_schema(path: Path) -> dict:
    """A schema file as the validators use it, its vocabularies filled in."""
    return with_vocabularies(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=None)
def _registry() -> Registry:
    resources = []
    for path in schema_files():
        contents = load_schema(path)
        resources.append((path.name, Resource.from_contents(contents)))
    return Registry().with_resources(resources)


@lru_cache(maxsize=None)
def validator_for(kind: str) -> Draft202012Validator:
    """A validator for one kind's schema (immutable, safe to share between builds)."""
    schema = load_schema(SCHEMA_DIR / f"{kind}.schema.json")
    return Draft202012Validator(schema, registry=_registry())
