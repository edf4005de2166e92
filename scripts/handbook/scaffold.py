"""`new`: write a draft record with every field its kind's JSON Schema requires and TODO in every text."""
from __future__ import annotations

import copy
import os
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from jsonschema import Draft202012Validator

from .kinds import KIND_BY_FOLDER, KIND_BY_NAME, KINDS, Kind
from .labels import departments_en
from .schemas import SCHEMA_DIR, _registry

if TYPE_CHECKING:
    from referencing._core import Resolver

TODO = "TODO"
# Tried in order for a string with a pattern: text, a URL, a name, a reference to a record.
_CANDIDATES = (TODO, f"https://{TODO}", TODO.lower(), *(f"{k.folder}/{TODO.lower()}" for k in KINDS))
_MAX_DEPTH = 20


class ScaffoldError(Exception):
    """The record cannot be created; the message says why and what to do."""


def find_kind(name: str) -> Kind:
    """The kind named by its folder (`letters`) or its schema name (`letter`)."""
    kind = KIND_BY_FOLDER.get(name) or KIND_BY_NAME.get(name)
    if kind is None:
        choices = ", ".join(k.folder for k in KINDS)
        raise ScaffoldError(f"unknown kind '{name}'; use one of: {choices}")
    return kind


def _merge(base: dict, extra: dict) -> dict:
    """Both schemas at once: properties merged key by key, required joined, other clashes kept under allOf."""
    merged = {**base, **extra}
    props = {**base.get("properties", {})}
    for key, value in extra.get("properties", {}).items():
        props[key] = _merge(props[key], value) if key in props else value
    if props:
        merged["properties"] = props
    if "required" in base or "required" in extra:
        merged["required"] = list(dict.fromkeys([*base.get("required", []), *extra.get("required", [])]))
    clashes = {k: v for k, v in base.items() if k in extra and k not in ("properties", "required", "allOf") and extra[k] != v}
    if clashes:
        merged["allOf"] = [*merged.get("allOf", []), clashes]
    return merged


def _inline(schema: Any, resolver: Resolver, depth: int = 0) -> Any:
    """The schema with every $ref replaced by its target, merged with the keywords beside it."""
    if depth > _MAX_DEPTH:
        raise ScaffoldError("schema references nest too deeply")
    if isinstance(schema, list):
        return [_inline(item, resolver, depth) for item in schema]
    if not isinstance(schema, dict):
        return schema
    own = {key: _inline(value, resolver, depth) for key, value in schema.items() if key != "$ref"}
    if "$ref" not in schema:
        return own
    target = resolver.lookup(schema["$ref"])
    return _merge(_inline(target.contents, target.resolver, depth + 1), own)


def kind_schema(kind: Kind) -> dict:
    """The kind's JSON Schema with all references inlined."""
    root = _registry().resolver().lookup(f"{kind.name}.schema.json")
    return _inline(root.contents, root.resolver)


def _string(schema: dict) -> str:
    """The first placeholder the string schema accepts (TODO when the pattern allows it)."""
    check = Draft202012Validator(schema)
    return next((c for c in _CANDIDATES if check.is_valid(c)), TODO)


def _object(schema: dict, index: int) -> dict:
    """Required keys only, in the schema's order; an if/then/else applies the branch the value takes."""
    props = schema.get("properties", {})
    order = {key: i for i, key in enumerate(props)}
    required = sorted(schema.get("required", []), key=lambda key: order.get(key, len(order)))
    if "if" in schema:  # the `if` keys name the usual shape (a source with a url): take it
        required += [key for key in schema["if"].get("required", []) if key not in required]
    value = {key: _example(props.get(key, {}), index) for key in required}
    if "if" not in schema:
        return value
    # An optional key that the condition asks for (a source's url) is written out when it makes the simpler branch apply.
    wanted = {key: _example(props.get(key, {}), index) for key in schema["if"].get("required", []) if key not in value}
    if wanted and Draft202012Validator(schema["if"]).is_valid({**value, **wanted}):
        value = {**value, **wanted}
    branch = schema.get("then" if Draft202012Validator(schema["if"]).is_valid(value) else "else")
    plain = {k: v for k, v in schema.items() if k not in ("if", "then", "else")}
    if not branch:
        return value
    result = _object(_merge(plain, branch), index)
    return {**result, **{key: v for key, v in value.items() if key not in result}}


def _array(schema: dict) -> list:
    """minItems items; the first minContains of them also match `contains`."""
    items = schema.get("items", {})
    wanted = schema.get("minContains", 1) if "contains" in schema else 0
    return [_example(_merge(items, schema["contains"]) if i < wanted else items, i)
            for i in range(max(schema.get("minItems", 0), wanted))]


def _example(schema: dict, index: int = 0) -> Any:
    """The smallest value the schema accepts: required keys only, minItems items, TODO for text."""
    if "const" in schema:
        return schema["const"]
    if "examples" in schema:  # a schema's own example, where the smallest value would break a rule (a flow's graph)
        return copy.deepcopy(schema["examples"][0])
    if "enum" in schema:
        return schema["enum"][index % len(schema["enum"])]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return _object(schema, index)
    if kind == "array":
        return _array(schema)
    if kind == "integer":
        return schema.get("minimum", 0)
    if kind == "boolean":
        return False
    return _string(schema)


def _use_placeholders(spec: Any) -> None:
    """A body with declared fields gets their {{ name }} placeholders, so the letter rules pass once filled in."""
    if not (isinstance(spec, dict) and isinstance(spec.get("fields"), list) and isinstance(spec.get("body"), dict)):
        return
    names = " ".join(f"{{{{ {f['name']} }}}}" for f in spec["fields"] if isinstance(f, dict) and "name" in f)
    spec["body"] = {lang: f"{text} {names}" for lang, text in spec["body"].items()}
    if isinstance(spec.get("recipient"), dict) and spec["fields"] and "name" in spec["fields"][0]:
        spec["recipient"] = {role: spec["fields"][0]["name"] for role in spec["recipient"]}  # pointed at declared fields


def _a_year_later(day: date) -> date:
    """The same day next year (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def skeleton(kind: Kind, record_id: str, today: date) -> dict:
    """The record as data: every required field of the kind, a draft due for review in a year."""
    schema = kind_schema(kind)
    data = _example(schema)
    data.update(id=record_id, kind=kind.name, status="draft",
                updated=today.isoformat(), review_by=_a_year_later(today).isoformat())
    _use_placeholders(data.get("spec"))
    return data


class _Dumper(yaml.SafeDumper):
    """Writes dates unquoted (the loader reads them back as strings) and indents lists like the other records."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


_Dumper.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def _choices(schema: Any, found: dict[str, str]) -> dict[str, str]:
    """For every property that takes one of several values, the comment listing them (by property name)."""
    if isinstance(schema, dict):
        for name, prop in schema.get("properties", {}).items():
            options = prop.get("enum") or prop.get("items", {}).get("enum") or []
            if len(options) > 1 and "const" not in prop:
                found.setdefault(name, " | ".join(map(str, options)))
        for value in schema.values():
            _choices(value, found)
    elif isinstance(schema, list):
        for value in schema:
            _choices(value, found)
    return found


def _enum_comments(text: str, schema: dict) -> str:
    """Append `# a | b | c` to each line whose key takes one of several values."""
    choices = _choices(schema, {"owner": " | ".join(departments_en())})

    def comment(match: re.Match) -> str:
        name = match.group(1)
        return f"{match.group(0)}  # {choices[name]}" if name in choices else match.group(0)

    return re.sub(r"^\s*(?:- )?(\w+): \S.*$", comment, text, flags=re.M)


def render(kind: Kind, record_id: str, target: Path, today: date) -> str:
    """The YAML text of a new record, its first line naming the schema for editors."""
    schema_path = Path(os.path.relpath(SCHEMA_DIR / f"{kind.name}.schema.json", target.parent)).as_posix()
    body = yaml.dump(skeleton(kind, record_id, today), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=None, width=100)
    return f"# yaml-language-server: $schema={schema_path}\n" + _enum_comments(body, kind_schema(kind))


def check_id(kind: Kind, record_id: str) -> None:
    """Refuse an id the kind's schema would reject, naming the rule in plain words."""
    rule = kind_schema(kind)["properties"]["id"]
    if not Draft202012Validator(rule).is_valid(record_id):
        raise ScaffoldError(f"invalid id '{record_id}': use lowercase letters and digits in words joined by single "
                            f"hyphens, at most {rule.get('maxLength', '?')} characters (e.g. lapse-notice)")


def create(data_dir: Path, kind_name: str, record_id: str, today: date | None = None) -> Path:
    """Write data_dir/<folder>/<id>.yaml; refuse an unknown kind, a bad id or an existing file."""
    kind = find_kind(kind_name)
    check_id(kind, record_id)
    folder = data_dir / kind.folder
    target = folder / f"{record_id}.yaml"
    for existing in (target, target.with_suffix(".yml")):
        if existing.exists():
            raise ScaffoldError(f"{existing} already exists; edit it, or choose another id")
    folder.mkdir(parents=True, exist_ok=True)
    text = render(kind, record_id, target, today or date.today())
    with target.open("x", encoding="utf-8") as out:
        out.write(text)
    return target
