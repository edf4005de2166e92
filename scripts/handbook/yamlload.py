"""Safe YAML loading that keeps the line of every value and refuses anchors and aliases."""
from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from .problems import FieldPath

MAX_BYTES = 512 * 1024
MAX_DEPTH = 32
MAX_OPEN_BRACKETS = 4 * MAX_DEPTH  # libyaml takes time quadratic in the depth of [ and { nesting
_BRACKETS = re.compile(r"[\[\]{}]")


class LoadError(Exception):
    """A file that cannot be read as a record; carries a 1-based line."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"{line}: {message}")


@dataclass
class Loaded:
    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)
    block_text: dict[FieldPath, int] = field(default_factory=dict)  # a `|` or `>` text's first line

    def line_in(self, path: FieldPath, text_line: int) -> int:
        """The file line of line `text_line` (1-based) of a text: exact for `|` blocks, else the field's line."""
        first = self.block_text.get(tuple(path))
        return first + text_line - 1 if first is not None else self.line_of(path)

    def line_of(self, path: FieldPath) -> int:
        """Line of the value at path, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: about ten times faster


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader whose dates stay strings (JSON Schema checks their format)."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_KINDS_OF_FILE = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"),
                  (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def _not_regular(mode: int) -> str:
    what = next((name for test, name in _KINDS_OF_FILE if test(mode)), "not a regular file")
    return f"is {what}, not a file; a record is a .yaml file" if what != "not a regular file" else "is not a regular file"


def read_source(path: Path, inside: Iterable[Path], limit: int = MAX_BYTES) -> bytes:
    """Read one source file safely, or raise LoadError(1, why): regular files only (never a FIFO or device), symbolic
    links only to files inside `inside`, and never more than `limit` bytes (checked before and while reading)."""
    try:
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (FileNotFoundError, RuntimeError):
                raise LoadError(1, f"is a symbolic link to '{os.readlink(path)}', which does not exist") from None
            if not any(target.is_relative_to(Path(folder).resolve()) for folder in inside):
                raise LoadError(1, f"is a symbolic link leading outside the project (to {target}); copy the file in instead")
        before = path.stat()
        if not stat.S_ISREG(before.st_mode):
            raise LoadError(1, _not_regular(before.st_mode))
        if before.st_size > limit:
            raise LoadError(1, f"file is larger than {limit // 1024} KB")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # replaced between the check and the open
                raise LoadError(1, _not_regular(os.fstat(handle.fileno()).st_mode))
            raw = handle.read(limit + 1)
    except LoadError:
        raise
    except PermissionError:
        raise LoadError(1, "cannot be read: permission denied (check the file's permissions)") from None
    except OSError as err:
        if err.errno == errno.ENOENT:
            raise LoadError(1, "disappeared while being read (was it moved or deleted?)") from None
        raise LoadError(1, f"cannot be read: {err.strerror or err}") from None
    if len(raw) > limit:
        raise LoadError(1, f"file is larger than {limit // 1024} KB")
    return raw


def decode(raw: bytes) -> str:
    """Decode UTF-8 (BOM allowed) or raise LoadError on the line of the first bad byte."""
    if len(raw) > MAX_BYTES:
        raise LoadError(1, f"file is larger than {MAX_BYTES // 1024} KB")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise LoadError(line, f"not valid UTF-8 (byte 0x{raw[err.start]:02x}); save the file as UTF-8") from None


def _refuse_deep_brackets(text: str) -> None:
    """Refuse [ and { nested far too deep before parsing, which would otherwise take minutes."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_OPEN_BRACKETS:
            raise LoadError(text.count("\n", 0, match.start()) + 1,
                            f"more than {MAX_OPEN_BRACKETS} open brackets: nesting deeper than {MAX_DEPTH} levels is not allowed")


def _refuse_anchors(text: str) -> None:
    """Scan events once (linear time) and refuse any anchor or alias: an alias bomb stops here."""
    for event in yaml.parse(text, Loader=_Loader):
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            what = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
            raise LoadError(event.start_mark.line + 1, f"YAML {what} '&{anchor}' is not allowed; write the value out in full")


def _construct(loader: _Loader, node: yaml.Node) -> Any:
    """Construct one scalar or key; a value its explicit tag cannot read (`!!int x`) is a LoadError."""
    if node.tag == "tag:yaml.org,2002:merge":
        raise LoadError(node.start_mark.line + 1, "merge keys (<<) are not allowed; write the values out in full")
    try:
        return loader.construct_object(node)
    except yaml.constructor.ConstructorError:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise LoadError(node.start_mark.line + 1, f"the YAML tag '{tag}' is not allowed; remove it") from None
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise LoadError(node.start_mark.line + 1, f"{str(node.value)[:60]!r} is not a valid {tag} value") from None


def _build(node: yaml.Node, path: FieldPath, loaded: Loaded, loader: _Loader, depth: int) -> Any:
    loaded.lines[path] = node.start_mark.line + 1
    if depth > MAX_DEPTH:
        raise LoadError(node.start_mark.line + 1, f"nesting deeper than {MAX_DEPTH} levels")
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _construct(loader, key_node)
            if not isinstance(key, str):
                raise LoadError(key_node.start_mark.line + 1, f"key {key!r} must be text")
            if key in out:
                raise LoadError(key_node.start_mark.line + 1, f"duplicate key '{key}'")
            out[key] = _build(value_node, path + (key,), loaded, loader, depth + 1)
            loaded.lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), loaded, loader, depth + 1) for i, item in enumerate(node.value)]
    if node.style in ("|", ">"):
        loaded.block_text[path] = node.start_mark.line + 2
    return _construct(loader, node)


_OPENERS = {"quoted scalar": "the quoted text that begins on line {} is not closed: check its closing quote",
            "flow mapping": "the {{ on line {} is not closed", "flow sequence": "the [ on line {} is not closed"}


def _opened_at(err: yaml.MarkedYAMLError, line: int) -> str:
    """Where the unclosed thing began, when the parser gave up on a later line."""
    mark = err.context_mark
    if mark is None or mark.line + 1 == line or not err.context:
        return ""
    for what, words in _OPENERS.items():
        if what in err.context:
            return f" ({words.format(mark.line + 1)})"
    return f" ({err.context.removeprefix('while ')} that began on line {mark.line + 1})"


RECORD = ("a record", "at least id, kind and title")  # what a file holds, and what it needs at the least


def load_text(text: str, holds: tuple[str, str] = RECORD) -> Loaded:
    """Parse one YAML mapping into plain data plus a line for every field path; `holds` words the errors."""
    what, needs = holds
    try:
        _refuse_deep_brackets(text)
        _refuse_anchors(text)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise LoadError(1, f"file is empty; {what} needs {needs}")
            loaded = Loaded(data=None)
            loaded.data = _build(node, (), loaded, loader, 0)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        problem = (err.problem or str(err)) + _opened_at(err, line)
        source_lines = text.splitlines()
        if 0 < line <= len(source_lines) and "\t" in source_lines[line - 1]:
            problem += " (a tab character: YAML is indented with spaces only)"
        raise LoadError(line, f"YAML syntax error: {problem}") from None
    except yaml.reader.ReaderError as err:
        before = text.encode("utf-8")[: err.position] if _BaseLoader is not yaml.SafeLoader else text[: err.position].encode("utf-8")
        raise LoadError(before.count(b"\n") + 1, f"character U+{err.character:04X} is not allowed in YAML ({err.reason}); delete it") from None
    except yaml.YAMLError as err:
        raise LoadError(1, f"YAML error: {err}") from None
    if not isinstance(loaded.data, dict):
        raise LoadError(1, f"{what} must be a mapping of keys to values")
    return loaded


def load_bytes(raw: bytes, holds: tuple[str, str] = RECORD) -> Loaded:
    return load_text(decode(raw), holds)
