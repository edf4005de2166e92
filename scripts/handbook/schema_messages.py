"""One JSON Schema error in an editor's words, written from the error object (its validator, the validator's value, the
instance and the schema node), never from jsonschema's English message text.

`explain` turns one error into the problems an editor reads: one per unknown key (with a did-you-mean against every
key the schema declares at that place, through `$ref` and combinators), one per missing key, otherwise one message.
A combinator whose failure needs explaining in the content's terms (a quiz's correct options, a field that only a
choice may have) carries a `description` on its schema node; its English line is the message."""
from __future__ import annotations

import json
import re
from typing import Callable, Iterator

from jsonschema import ValidationError
from referencing._core import Resolver

from .problems import FieldPath, format_field_path
from .schemas import _registry, bilingual_description
from .suggest import did_you_mean

MAX_MESSAGE = 300
_TYPE_WORDS = {"string": "a text", "array": "a list", "object": "a set of `key: value` entries", "integer": "a whole number",
               "number": "a number", "boolean": "true or false", "null": "empty"}


_JSON_TYPES: tuple[tuple[type, str], ...] = (
    (type(None), "null"), (bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"), (list, "array"),
    (dict, "object"))


def type_word(value: object) -> str:
    """What a YAML value is, in words: a text, a list, a whole number …"""
    for python_type, json_type in _JSON_TYPES:  # bool before int: True is an int to Python
        if isinstance(value, python_type):
            return _TYPE_WORDS[json_type]
    return type(value).__name__


def _is_scalar(value: object) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _described(error: ValidationError) -> str | None:
    """The English line of the failing schema node's own description, when it has one in both languages."""
    found = bilingual_description(error.schema)
    return found.en if found is not None else None


def _type(error: ValidationError) -> str:
    expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    wanted = " or ".join(_TYPE_WORDS.get(name, name) for name in expected)
    value = error.instance
    shown = f"{value!r} is" if _is_scalar(value) else "is"
    return f"{shown} {type_word(value)} but must be {wanted}"


def _enum(error: ValidationError) -> str:
    choices = list(error.validator_value)
    hint = did_you_mean(error.instance, map(str, choices)) if isinstance(error.instance, str) else ""
    return f"{error.instance!r} is not one of {choices!r}{hint}"


def _const(error: ValidationError) -> str:
    shown = f"is {error.instance!r} but " if _is_scalar(error.instance) else ""
    return f"{shown}must be {error.validator_value!r}"


def _pattern(error: ValidationError) -> str:
    if error.validator_value == "\\S":
        return "must not be empty"
    return f"{error.instance!r} does not match the required pattern {error.validator_value}"


def _min_length(error: ValidationError) -> str:
    if error.validator_value <= 1:
        return "must not be empty"
    return f"is {_plural(len(error.instance), 'character')} long; at least {error.validator_value} are needed"


def _max_length(error: ValidationError) -> str:
    return f"is {_plural(len(error.instance), 'character')} long; at most {error.validator_value} are allowed"


def _min_items(error: ValidationError) -> str:
    if error.validator_value == 1:
        return "must list at least one item"
    return f"lists {_plural(len(error.instance), 'item')}; at least {error.validator_value} are needed"


def _max_items(error: ValidationError) -> str:
    return f"lists {_plural(len(error.instance), 'item')}; at most {error.validator_value} are allowed"


def _unique_items(error: ValidationError) -> str:
    seen: set[str] = set()
    for item in error.instance:
        key = json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)
        if key in seen:
            return f"lists {item!r} more than once"
        seen.add(key)
    return "lists the same item more than once"


def _minimum(error: ValidationError) -> str:
    return f"is {error.instance}; the smallest allowed is {error.validator_value}"


def _maximum(error: ValidationError) -> str:
    return f"is {error.instance}; the largest allowed is {error.validator_value}"


def _min_properties(error: ValidationError) -> str:
    count = error.validator_value
    return f"must have at least {count} " + ("entry" if count == 1 else "entries")


def _format(error: ValidationError) -> str:
    if error.validator_value == "date":
        return f"{error.instance!r} is not a real date (write YYYY-MM-DD)"
    return f"{error.instance!r} is not a valid {error.validator_value}"


def _required(error: ValidationError) -> str:
    missing = [key for key in error.validator_value if isinstance(error.instance, dict) and key not in error.instance]
    return "missing " + ", ".join(f"field '{key}'" for key in missing)


def _unknown_keys(error: ValidationError) -> str:
    known = set(error.schema.get("properties", {}))
    unknown = [key for key in error.instance if key not in known] if isinstance(error.instance, dict) else []
    return "unknown key " + ", ".join(f"'{key}'{did_you_mean(str(key), known)}" for key in unknown)


_COMBINATORS = ("allOf", "anyOf", "oneOf", "if", "then", "else")


def _declared_keys(node: object, resolver: Resolver | None, seen: set[int] | None = None) -> set[str]:
    """Every property name a schema node declares, through $ref and the combinators (what it can evaluate)."""
    seen = set() if seen is None else seen
    if not isinstance(node, dict) or id(node) in seen:
        return set()
    seen.add(id(node))
    keys = set(node.get("properties", {}))
    if "$ref" in node and resolver is not None:
        target = resolver.lookup(node["$ref"])
        keys |= _declared_keys(target.contents, target.resolver, seen)
    for word in _COMBINATORS:
        parts = node.get(word, [])
        for part in parts if isinstance(parts, list) else [parts]:
            keys |= _declared_keys(part, resolver, seen)
    return keys


def _follow(node: object, resolver: Resolver, steps: list) -> tuple[object, Resolver] | None:
    """The schema node at a jsonschema schema path, whose steps into a `$ref` are not marked: either way is tried."""
    if not steps:
        return node, resolver
    step, rest = steps[0], steps[1:]
    if isinstance(node, list) and isinstance(step, int) and step < len(node):
        return _follow(node[step], resolver, rest)
    if not isinstance(node, dict):
        return None
    if step in node:
        found = _follow(node[step], resolver, rest)
        if found is not None:
            return found
    if "$ref" in node:
        target = resolver.lookup(node["$ref"])
        return _follow(target.contents, target.resolver, steps)
    return None


def _known_keys(error: ValidationError, schema_id: str | None) -> set[str]:
    """The keys allowed where an unknown key was found, following the error's schema path from its root schema
    (a schema outside the registry, `schema_id` None, is read from the failing node alone)."""
    if schema_id is None:
        return _declared_keys(error.schema, None)
    root = _registry().resolver().lookup(schema_id)
    found = _follow(root.contents, root.resolver, list(error.absolute_schema_path)[:-1])
    node, resolver = found if found is not None else (error.schema, root.resolver)
    return _declared_keys(node, resolver)


def _form(branch: object) -> str:
    """One branch of a oneOf/anyOf named by the keys it requires (`number and unit`)."""
    keys = branch.get("required", []) if isinstance(branch, dict) else []
    return " and ".join(keys) if keys else "another form"


def _closest(error: ValidationError) -> ValidationError | None:
    """Among a failed oneOf's branches, the error of the branch sharing most keys with the value (then fewest errors)."""
    by_branch: dict[int, list[ValidationError]] = {}
    for sub in error.context or []:
        by_branch.setdefault(sub.relative_schema_path[0], []).append(sub)
    if not by_branch:
        return None
    keys = set(error.instance) if isinstance(error.instance, dict) else set()

    def rank(index: int) -> tuple[int, int]:
        branch = error.validator_value[index]
        declared = set(branch.get("properties", {})) if isinstance(branch, dict) else set()
        return (-len(keys & declared), len(by_branch[index]))

    return by_branch[min(by_branch, key=rank)][0]


def _one_of(error: ValidationError) -> str:
    forms = "; ".join(_form(branch) for branch in error.validator_value)
    failing = {sub.relative_schema_path[0] for sub in error.context or []}
    if len(error.validator_value) - len(failing) > 1:
        return f"fits more than one of the allowed forms ({forms}); keep only one"
    closest = _closest(error)
    detail = ""
    if closest is not None:
        where = format_field_path(tuple(closest.relative_path)) if closest.relative_path else ""
        detail = f": {where + ': ' if where else ''}{message(closest)}"
    return f"fits none of the allowed forms ({forms}){detail}"


def _not(error: ValidationError) -> str:
    described = _described(error)
    if described:
        return described
    forbidden = error.validator_value.get("required", []) if isinstance(error.validator_value, dict) else []
    if forbidden:
        return "may not have " + ", ".join(f"'{key}'" for key in forbidden) + " here"
    return "is not allowed here"


def _contains(error: ValidationError) -> str:
    described = _described(error)
    if described:
        return described
    if error.validator == "maxContains":
        return f"has more than {error.validator_value} matching items"
    if error.validator == "minContains":
        return f"needs at least {error.validator_value} matching items"
    return "has no item of the required form"


def _unhandled(error: ValidationError) -> str:
    return _described(error) or f"does not meet the schema's '{error.validator}' rule ({error.validator_value!r})"


_MESSAGES: dict[str, Callable[[ValidationError], str]] = {
    "type": _type, "enum": _enum, "const": _const, "pattern": _pattern, "minLength": _min_length,
    "maxLength": _max_length, "minItems": _min_items, "maxItems": _max_items, "uniqueItems": _unique_items,
    "minimum": _minimum, "maximum": _maximum, "minProperties": _min_properties, "format": _format,
    "required": _required, "additionalProperties": _unknown_keys, "unevaluatedProperties": _unknown_keys,
    "oneOf": _one_of, "anyOf": _one_of, "not": _not, "contains": _contains, "minContains": _contains,
    "maxContains": _contains,
}


def message(error: ValidationError) -> str:
    """The problem's message for one schema error, at most MAX_MESSAGE characters."""
    text = _MESSAGES.get(str(error.validator), _unhandled)(error)
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE] + "…"


_LANGUAGE_KEYS = ("zh", "en")


def explain(error: ValidationError, schema_id: str | None) -> Iterator[tuple[FieldPath, FieldPath, str]]:
    """The problems in one schema error as (field path, path of the line to report, message)."""
    path: FieldPath = tuple(error.absolute_path)
    if "propertyNames" in error.relative_schema_path:  # a badly written key: point at the key, not its parent
        path = path + (str(error.instance),)
    if error.validator in ("additionalProperties", "unevaluatedProperties") and isinstance(error.instance, dict):
        known = _known_keys(error, schema_id)
        patterns = list(error.schema.get("patternProperties", {})) if error.validator == "additionalProperties" else []
        unknown = [k for k in error.instance if k not in known and not any(re.search(p, str(k)) for p in patterns)]
        for key in unknown or ["?"]:
            hint = did_you_mean(str(key), known) or " (check the spelling against the schema)"
            yield path + (key,), path + (key,), f"unknown key '{key}'{hint}"
        return
    if error.validator == "required" and isinstance(error.instance, dict):
        for missing in [k for k in error.validator_value if k not in error.instance]:
            what = "text in this language" if missing in _LANGUAGE_KEYS else "field"
            hint = " (every text needs both zh and en)" if missing in _LANGUAGE_KEYS else ""
            yield path + (missing,), path, f"missing {what} '{missing}'{hint}"
        return
    yield path, path, message(error)
