"""The field tables of CONTRIBUTING.md, written from the schemas' bilingual descriptions.

Each table sits between two marker comments, `<!-- generated:NAME:LANG ... -->` and `<!-- end generated:NAME:LANG -->`;
everything outside the markers is hand-written and kept as it is. `python -m handbook contributing` rewrites the
tables; `--check` only reports whether they differ from the schemas."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from referencing._core import Resolver

from .kinds import KINDS, LANGUAGES
from .model import Text
from .schemas import _registry, bilingual_description

CONTRIBUTING = "CONTRIBUTING.md"
COMMAND = "make contributing"

_BLOCK = re.compile(r"(?P<open><!-- generated:(?P<name>[a-z-]+):(?P<lang>[a-z]+) [^\n]*-->\n)(?P<body>.*?)"
                    r"(?P<close><!-- end generated:(?P=name):(?P=lang) -->)", re.S)
# The tables' own wording, in both languages (the meanings come from the schemas).
YES, NO = Text("是", "yes"), Text("否", "no")
FIELDS_HEAD = Text("| 字段 | 必填 | 含义 |", "| Field | Required | Meaning |")
KINDS_HEAD = Text("| 文件夹 | `kind:` | 是什么 |", "| Folder | `kind:` | What it is |")
SPEC_LEAD = Text("。`spec:` 下的字段：", ". Fields under `spec:`:")
FULL_STOP = Text("。", ".")


class FieldTableError(Exception):
    """CONTRIBUTING.md's markers are missing, unknown or repeated, or a schema cannot be described."""


@dataclass(frozen=True)
class FieldRow:
    field: str
    required: Text
    meaning: Text


def _lookup(resolver: Resolver, ref: str) -> tuple[dict, Resolver]:
    found = resolver.lookup(ref)
    return found.contents, found.resolver


def _values(node: dict) -> Text | None:
    """The allowed values of an enum written in the schema (vocabulary enums live in vocabularies.yaml, not here)."""
    if "enum" not in node or "x-vocabulary" in node:
        return None
    quoted = [f"`{value}`" for value in node["enum"]]
    return Text("可选：" + "、".join(quoted), "one of " + ", ".join(quoted))


def _condition(cond: dict, holds: bool) -> Text:
    """An `if` condition in words: a property equal to a constant, or a property being written at all."""
    props = cond.get("properties", {})
    consts = [(key, sub["const"]) for key, sub in props.items() if isinstance(sub, dict) and "const" in sub]
    if len(consts) == 1:
        key, value = consts[0]
        return (Text(f"`{key}` 为 `{value}`", f"`{key}` is `{value}`") if holds
                else Text(f"`{key}` 不为 `{value}`", f"`{key}` is not `{value}`"))
    if not props and len(cond.get("required", [])) == 1:
        key = cond["required"][0]
        return Text(f"写了 `{key}`", f"`{key}` is given") if holds else Text(f"没写 `{key}`", f"`{key}` is not given")
    raise FieldTableError(f"cannot put this `if` condition into words: {cond}")


def _requirement(node: dict, name: str) -> Text:
    """Whether `name` must be written in `node`: always, never, under an if/then/else, or as one of a oneOf's keys."""
    if name in node.get("required", []):
        return YES
    for branch, holds in (("then", True), ("else", False)):
        if name in node.get(branch, {}).get("required", []):
            when = _condition(node["if"], holds)
            return Text(f"{when.zh} 时必填", f"when {when.en}")
    alternatives = [branch.get("required", []) for branch in node.get("oneOf", [])]
    if any(name in keys for keys in alternatives) and all(len(keys) == 1 for keys in alternatives):
        named = [f"`{keys[0]}`" for keys in alternatives]
        return Text("二选一：" + " 或 ".join(named), "one of " + ", ".join(named))
    return NO


def _nested(node: dict, resolver: Resolver) -> tuple[str, dict, Resolver] | None:
    """The object a property holds (itself, each item of a list, or each entry of a map) when its fields get rows of
    their own.

    Only objects written in the same schema file are opened: a shared definition from another file (a text, a field)
    is described once where it is defined; a pair of zh and en is a text, not two fields."""
    suffix = ""
    for _ in range(2):
        if "$ref" in node:
            if not node["$ref"].startswith("#"):
                return None
            node, resolver = _lookup(resolver, node["$ref"])
        if not suffix and isinstance(node.get("items"), dict):
            node, suffix = node["items"], "[]"
            continue
        if not suffix and isinstance(node.get("additionalProperties"), dict) and "propertyNames" in node:
            node, suffix = node["additionalProperties"], ".<id>"
            continue
        break
    props = set(node.get("properties", {})) | {name for branch in node.get("oneOf", []) for name in branch.get("properties", {})}
    if not props or props == {"zh", "en"}:
        return None
    return suffix, node, resolver


def _forms(node: dict) -> Text:
    """The alternatives of a oneOf, each named by the keys it requires."""
    named = [" 和 ".join(f"`{key}`" for key in branch.get("required", [])) for branch in node["oneOf"]]
    named_en = [" and ".join(f"`{key}`" for key in branch.get("required", [])) for branch in node["oneOf"]]
    return Text("写法之一：" + "；".join(named), "one of the forms: " + "; ".join(named_en))


def _properties(node: dict) -> Iterator[tuple[str, dict, Text | None]]:
    """A node's properties, then those of its oneOf branches (each branch's keys required only in that form)."""
    for name, sub in node.get("properties", {}).items():
        yield name, sub, None
    if any("properties" in branch for branch in node.get("oneOf", [])):
        forms = _forms(node)
        for branch in node["oneOf"]:
            for name, sub in branch.get("properties", {}).items():
                yield name, sub, forms


def field_rows(node: dict, resolver: Resolver, prefix: str = "") -> Iterator[FieldRow]:
    """One row per property of an object schema, depth first, nested objects' fields named like `steps[].title`."""
    for name, sub, forms in _properties(node):
        described = bilingual_description(sub)
        if described is None:
            raise FieldTableError(f"property `{prefix}{name}` has no description in Chinese and English")
        values = _values(sub)
        meaning = described if values is None else Text(f"{described.zh}；{values.zh}", f"{described.en}; {values.en}")
        yield FieldRow(f"{prefix}{name}", forms or _requirement(node, name), meaning)
        inner = _nested(sub, resolver)
        if inner is not None:
            suffix, child, child_resolver = inner
            yield from field_rows(child, child_resolver, f"{prefix}{name}{suffix}.")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(rows: list[FieldRow], lang: str) -> str:
    """A Markdown table: field, required, meaning in one language."""
    lines = [FIELDS_HEAD(lang), "|---|---|---|"]
    lines += [f"| `{row.field}` | {_cell(row.required(lang))} | {_cell(row.meaning(lang))} |" for row in rows]
    return "\n".join(lines) + "\n"


def _schema(pointer: str) -> tuple[dict, Resolver]:
    """A schema node by its address (`letter.schema.json#/properties/spec`) and the resolver for its file."""
    return _lookup(_registry().resolver(), pointer)


def _file_rows(schema_file: str, pointer: str = "") -> tuple[Text, list[FieldRow]]:
    """What a schema file describes, and the rows of the object at `pointer` in it; a gap names the file."""
    root, _ = _schema(schema_file)
    node, resolver = _schema(f"{schema_file}#{pointer}")
    about = bilingual_description(root)
    try:
        if about is None:
            raise FieldTableError("the schema itself has no description in Chinese and English")
        return about, list(field_rows(node, resolver))
    except FieldTableError as err:
        raise FieldTableError(f"{schema_file}: {err}") from None


def common_block(lang: str) -> str:
    """The fields every record has (the envelope)."""
    node, resolver = _schema("common.schema.json#/$defs/envelope")
    return table(list(field_rows(node, resolver)), lang)


def field_block(lang: str) -> str:
    """The keys of one fillable field of a letter or a form."""
    node, resolver = _schema("common.schema.json#/$defs/field")
    return table(list(field_rows(node, resolver)), lang)


def kinds_block(lang: str) -> str:
    """The kinds at a glance, then each kind's `spec:` fields."""
    overview = "".join(f"| `{k.folder}` | `{k.name}` | {k.title(lang)} |\n" for k in KINDS)
    parts = [f"{KINDS_HEAD(lang)}\n|---|---|---|\n{overview}"]
    for kind in KINDS:
        about, rows = _file_rows(f"{kind.name}.schema.json", "/properties/spec")
        parts.append(f"#### `{kind.folder}` · {kind.title(lang)}\n\n{_cell(about(lang))}{SPEC_LEAD(lang)}\n\n"
                     + table(rows, lang))
    return "\n".join(parts)


DATA_FILES: tuple[tuple[str, str], ...] = (("tags.yaml", "tags"), ("vocabularies.yaml", "vocabularies"),
                                           ("facts.yaml", "facts"), ("publishers.yaml", "publishers"),
                                           ("terms.yaml", "terms"), ("letterhead.yaml", "letterhead"),
                                           ("policy.yaml", "policy"), ("holidays.yaml", "holidays"))


def data_block(lang: str) -> str:
    """The data files beside the kind folders, each with its fields."""
    parts = []
    for file_name, schema in DATA_FILES:
        about, rows = _file_rows(f"{schema}.schema.json")
        parts.append(f"#### `{file_name}`\n\n{_cell(about(lang))}{FULL_STOP(lang)}\n\n" + table(rows, lang))
    return "\n".join(parts)


BLOCKS: dict[str, Callable[[str], str]] = {"common": common_block, "kinds": kinds_block, "field": field_block,
                                           "data": data_block}


def regenerate(text: str) -> str:
    """CONTRIBUTING.md with every generated table rewritten from the schemas; each block must appear once per language."""
    seen: list[tuple[str, str]] = []

    def fill(match: re.Match[str]) -> str:
        name, lang = match["name"], match["lang"]
        if name not in BLOCKS or lang not in LANGUAGES:
            raise FieldTableError(f"unknown generated block {name}:{lang} (known: {', '.join(BLOCKS)}; zh, en)")
        seen.append((name, lang))
        return match["open"] + "\n" + BLOCKS[name](lang) + "\n" + match["close"]

    out = _BLOCK.sub(fill, text)
    expected = [(name, lang) for name in BLOCKS for lang in LANGUAGES]
    missing = [f"{n}:{lang}" for n, lang in expected if (n, lang) not in seen]
    twice = sorted({f"{n}:{lang}" for n, lang in seen if seen.count((n, lang)) > 1})
    if missing or twice:
        raise FieldTableError(f"{CONTRIBUTING}: generated blocks missing: {missing or 'none'}; repeated: {twice or 'none'}")
    return out


def update(root: Path, check_only: bool = False) -> bool:
    """Rewrite the tables in the project's CONTRIBUTING.md; True when they were already up to date."""
    path = root / CONTRIBUTING
    text = path.read_text(encoding="utf-8")
    fresh = regenerate(text)
    if fresh != text and not check_only:
        path.write_text(fresh, encoding="utf-8")
    return fresh == text
