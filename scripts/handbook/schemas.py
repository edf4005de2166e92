"""The JSON Schemas, loaded once per call into draft 2020-12 validators.

A schema node marked `"x-vocabulary": "<name>"` takes its allowed values from vocabularies.yaml (or, for `folders`,
the kind folders of kinds.py) when it is loaded.
Every property's `description` is two lines, Chinese then English, so an editor's hover (which shows each line as
its own paragraph) explains the field in both languages; `bilingual_description` reads them back."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .kinds import KIND_BY_FOLDER
from .model import Text
from .vocabularies import vocabularies

SCHEMA_DIR = Path(__file__).parent / "schemas"


def schema_files() -> list[Path]:
    return sorted(SCHEMA_DIR.glob("*.schema.json"))


MAX_DESCRIPTION = {"zh": 80, "en": 160}
_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def bilingual_description(node: object) -> Text | None:
    """A node's `description` as Text when it is two short lines, Chinese then English; None otherwise."""
    text = node.get("description") if isinstance(node, dict) else None
    if not isinstance(text, str) or text.count("\n") != 1:
        return None
    zh, en = text.split("\n")
    if any(line != line.strip() or not line for line in (zh, en)):
        return None
    if not _HAN.search(zh) or len(_HAN.findall(en)) >= len(_LATIN.findall(en)):
        return None
    if len(zh) > MAX_DESCRIPTION["zh"] or len(en) > MAX_DESCRIPTION["en"]:
        return None
    return Text(zh, en)


def schema_properties(node: object, pointer: str = "") -> Iterator[tuple[str, object]]:
    """Every property a schema declares, with its JSON pointer: under `properties`, `items`, `$defs` and every
    combinator branch (an `if` condition only tests values, so its properties are not fields)."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from schema_properties(item, f"{pointer}/{index}")
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key == "if" or (key in ("enum", "const", "examples", "default") and not isinstance(value, dict)):
            continue
        if key == "properties" and isinstance(value, dict):
            for name, sub in value.items():
                yield f"{pointer}/properties/{name}", sub
                yield from schema_properties(sub, f"{pointer}/properties/{name}")
        elif isinstance(value, (dict, list)):
            yield from schema_properties(value, f"{pointer}/{key}")


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
