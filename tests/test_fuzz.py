"""Property-based tests: no input makes the loader or the checker raise; every problem is a well-formed path:line."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from handbook.problems import Problem
from handbook.validate import TAGS_FILE, Content, load_content
from handbook.yamlload import MAX_DEPTH, LoadError, Loaded, load_bytes

VALID = ROOT / "tests" / "fixtures" / "valid"
FIXTURE_FILES: list[Path] = sorted(VALID.rglob("*.yaml"))
FIXTURE_BYTES: dict[str, bytes] = {p.relative_to(VALID).as_posix(): p.read_bytes() for p in FIXTURE_FILES}
FIXTURE_DATA: dict[str, dict] = {name: load_bytes(raw).data for name, raw in FIXTURE_BYTES.items()}
LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")

pytestmark = pytest.mark.slow  # thousands of generated files: the full run, not the fast tier


def fuzz(examples: int) -> settings:
    """Hypothesis settings for one test: a fixed number of examples and no per-example deadline."""
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def line_count(raw: bytes) -> int:
    """Lines as YAML counts them (any of its line breaks), undecodable bytes replaced."""
    return len(LINE_BREAK.findall(raw.decode("utf-8", "replace"))) + 1


def assert_loaded_well_formed(raw: bytes) -> Loaded | None:
    """Load raw bytes: a mapping with in-range lines, or a LoadError with an in-range line and a message."""
    limit = line_count(raw) + 1
    try:
        loaded = load_bytes(raw)
    except LoadError as err:
        assert isinstance(err.line, int) and 1 <= err.line <= limit, (err.line, limit)
        assert isinstance(err.message, str) and err.message.strip()
        return None
    assert isinstance(loaded.data, dict)
    assert all(1 <= line <= limit for line in loaded.lines.values())
    return loaded


def assert_problems_well_formed(content: Content, data_dir: Path, root: Path) -> None:
    """Every problem names an existing file, a line within it, a field and a message."""
    for problem in content.problems:
        assert isinstance(problem, Problem)
        path = root / problem.path
        assert path.is_file() and data_dir in path.parents, problem
        assert isinstance(problem.line, int) and 1 <= problem.line <= line_count(path.read_bytes()) + 1, problem
        assert isinstance(problem.field, str) and problem.field.strip(), problem
        assert isinstance(problem.message, str) and problem.message.strip(), problem
        assert problem.severity in ("error", "warning"), problem
        assert str(problem).startswith(f"{problem.path}:{problem.line}: {problem.field}: ")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str, bytes], tuple[Content, Path]]]:
    """A data folder holding the valid fixtures; check(name, raw) validates it with one file replaced by raw."""
    root = tmp_path_factory.mktemp("fuzz")
    data_dir = root / "data"
    shutil.copytree(VALID, data_dir)

    def check(name: str, raw: bytes) -> tuple[Content, Path]:
        target = data_dir / name
        target.write_bytes(raw)
        try:
            content = load_content(data_dir, root)
            assert_problems_well_formed(content, data_dir, root)
            shown = f"data/{name}"
            accepted = (any(r.path == shown for r in content.records) or (name == TAGS_FILE and bool(content.tag_names))
                        or (name == "letterhead.yaml" and content.letterhead is not None))
            has_error = any(p.path == shown for p in content.errors)
            assert accepted or has_error, f"{shown} was neither accepted nor reported"
            return content, target
        finally:
            original = FIXTURE_BYTES.get(name)
            if original is None:
                target.unlink()
            else:
                target.write_bytes(original)

    yield check


# --- mutations of the valid fixture files ------------------------------------------------------------------

VALUE_LINE = re.compile(rb"^(\s*(?:- )?[A-Za-z_]+:)[ ]*(\S.*)$", re.M)
REPLACEMENTS = [b"[1, 2]", b"42", b"2.0", b"null", b"~", b"{}", b"[]", b"true", b"''", b"-1", b"1e400", b".nan",
                b"!!int x", b"!!float x", b"!!bool maybe", b"!!timestamp 2026-99-99", b"!!binary '!!'", b"!!set {a}",
                b"!!str", b"!!python/object:os.system x", b"{zh: x}", b"{en: [1]}", b"[{zh: a, en: b}]", b"|\n", b">-"]


def _lines(raw: bytes) -> list[bytes]:
    return raw.split(b"\n")


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A valid fixture file with one to three small edits a person or a broken tool could make."""
    name = draw(st.sampled_from(sorted(FIXTURE_BYTES)))
    raw = FIXTURE_BYTES[name]
    for _ in range(draw(st.integers(1, 3))):
        lines = _lines(raw)
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "tab", "anchor", "truncate", "bad-utf8", "value",
                                   "nest", "insert"]))
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        pos = draw(st.integers(0, len(raw)))
        if op == "delete" and lines:
            del lines[i]
            raw = b"\n".join(lines)
        elif op == "duplicate" and lines:
            lines.insert(i, lines[i])
            raw = b"\n".join(lines)
        elif op == "swap":
            text = raw.decode("utf-8", "replace")
            j = min(pos, max(len(text) - 2, 0))
            raw = (text[:j] + text[j + 1:j + 2] + text[j:j + 1] + text[j + 2:]).encode("utf-8")
        elif op == "tab":
            raw = raw[:pos] + b"\t" + raw[pos:] if draw(st.booleans()) else b"\n".join(
                b"\t" + line if k == i else line for k, line in enumerate(lines))
        elif op == "anchor":
            raw = raw[:pos] + draw(st.sampled_from([b"&a ", b"*a", b" &a", b"*a ", b"&a [1]", b"<<: *a"])) + raw[pos:]
        elif op == "truncate":
            raw = raw[:pos]
        elif op == "bad-utf8":
            raw = raw[:pos] + draw(st.sampled_from([b"\xff", b"\xc3(", b"\xed\xa0\x80", b"\x80\x80", b"\xf4\x90\x80\x80"])) + raw[pos:]
        elif op == "value":
            matches = list(VALUE_LINE.finditer(raw))
            if matches:
                m = draw(st.sampled_from(matches))
                raw = raw[:m.start(2)] + draw(st.sampled_from(REPLACEMENTS)) + raw[m.end(2):]
        elif op == "nest":
            depth = draw(st.integers(MAX_DEPTH - 2, 300) | st.integers(1_000, 150_000))
            nested = draw(st.sampled_from([b"[" * depth + b"]" * depth, b"{a: " * depth + b"1" + b"}" * depth]))
            matches = list(VALUE_LINE.finditer(raw))
            if matches:
                m = draw(st.sampled_from(matches))
                raw = raw[:m.start(2)] + nested + raw[m.end(2):]
        elif op == "insert":
            raw = raw[:pos] + draw(st.text(max_size=12)).encode("utf-8", "surrogatepass") + raw[pos:]
    return name, raw


@fuzz(200)
@given(mutated())
def test_mutated_fixture_is_accepted_or_reported(workspace, case):
    name, raw = case
    assert_loaded_well_formed(raw)
    workspace(name, raw)


# --- structural edits: any value of a valid record replaced by another type ------------------------------------

JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def _paths(value: Any, path: tuple = ()) -> Iterator[tuple]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, path + (i,))


def _replaced(value: Any, path: tuple, new: Any) -> Any:
    """A copy of value with the item at path set to new (a missing last key is added)."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replaced(value.get(head), rest, new)}
    return [(_replaced(v, rest, new) if i == head else v) for i, v in enumerate(value)]


def _at(value: Any, path: tuple) -> Any:
    for key in path:
        value = value[key]
    return value


def _deep(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


@st.composite
def restructured(draw: st.DrawFn) -> tuple[str, bytes]:
    """A valid fixture with one value (or a new key) replaced by a random value, dumped back to YAML."""
    name = draw(st.sampled_from(sorted(FIXTURE_DATA)))
    data = FIXTURE_DATA[name]
    path = draw(st.sampled_from([p for p in _paths(data) if p]))
    new = draw(JSONISH | st.integers(MAX_DEPTH - 2, MAX_DEPTH + 3).map(_deep))
    if draw(st.booleans()) and isinstance(_at(data, path[:-1]), dict):
        extra = st.sampled_from(["rows", "required", "width", "zh", "en", "note", "fields", "replaced_by", "aliases"])
        path = path[:-1] + (draw(extra | st.text(max_size=8)),)
    edited = _replaced(data, path, new)
    flow = draw(st.sampled_from([None, True, False]))
    return name, yaml.safe_dump(edited, allow_unicode=True, sort_keys=False, default_flow_style=flow).encode("utf-8")


@fuzz(150)
@given(restructured())
def test_restructured_record_is_accepted_or_reported(workspace, case):
    name, raw = case
    workspace(name, raw)


@fuzz(30)
@given(st.one_of(st.integers(-3, 25), st.floats(-3, 25)))
def test_form_rows_of_any_number(workspace, rows):
    name = "forms/unpaid-renewal-register.yaml"
    data = FIXTURE_DATA[name]
    section = {**data["spec"]["sections"][0], "rows": rows}
    edited = _replaced(data, ("spec", "sections", 0), section)
    content, _ = workspace(name, yaml.safe_dump(edited, allow_unicode=True, sort_keys=False).encode("utf-8"))
    accepted = any(r.path == f"data/{name}" for r in content.records)
    assert accepted == (1 <= rows <= 20 and float(rows).is_integer())


# --- random bytes and random YAML documents --------------------------------------------------------------------

@fuzz(400)
@given(st.binary(max_size=400))
def test_loader_survives_random_bytes(raw):
    assert_loaded_well_formed(raw)


YAMLISH = st.lists(st.sampled_from(["a", ":", " ", "\n", "- ", "[", "]", "{", "}", ",", "&a", "*a", "!!", "'", '"', "#",
                                    "|", ">", "?", "\t", "zh", "en", "id", "%YAML 1.1\n", "---\n", "...\n", "\\", "\x00",
                                    "\u202e", "\ufeff", "\r", "<<"]), max_size=40).map("".join)


@fuzz(400)
@given(YAMLISH)
def test_loader_survives_yaml_like_text(text):
    assert_loaded_well_formed(text.encode("utf-8"))


@fuzz(150)
@given(st.dictionaries(st.text(max_size=10), JSONISH, min_size=1, max_size=6), st.sampled_from([None, True, False]))
def test_random_yaml_documents_round_trip(doc, flow):
    text = yaml.safe_dump(doc, allow_unicode=True, default_flow_style=flow)
    assume(not re.search("[\x85\u2028\u2029]", text))  # PyYAML's emitter leaves these line breaks unquoted
    raw = text.encode("utf-8")
    loaded = assert_loaded_well_formed(raw)
    assert loaded is not None and loaded.data == doc


@fuzz(40)
@given(st.one_of(st.binary(max_size=300), YAMLISH.map(lambda t: t.encode("utf-8")),
                 st.dictionaries(st.text(max_size=10), JSONISH, max_size=6).map(
                     lambda d: yaml.safe_dump(d, allow_unicode=True).encode("utf-8"))),
       st.sampled_from(sorted({name.split("/")[0] for name in FIXTURE_BYTES if "/" in name})))
def test_random_file_among_valid_records_is_reported(workspace, raw, folder):
    workspace(f"{folder}/fuzzed-record.yaml", raw)


# --- the crashes and hangs these tests found, pinned ------------------------------------------------------------

@pytest.mark.parametrize("raw, line, message", [
    (b"id: x\nrows: !!int many\n", 2, "'many' is not a valid !!int value"),
    (b"id: x\nupdated: !!timestamp soon\n", 2, "'soon' is not a valid !!timestamp value"),
    (b"id: x\nrequired: !!bool maybe\n", 2, "'maybe' is not a valid !!bool value"),
    (b"id: x\n? !!float wide\n: 1\n", 2, "'wide' is not a valid !!float value"),
    (b"id: x\nkind: glossary\ntitle: a\x07b\n", 3, "character U+0007 is not allowed in YAML"),
    (b"a: " + b"[" * 200_000 + b"]" * 200_000, 1, "nesting deeper than 32 levels"),
    (b"a: " + b"{b: " * 100_000 + b"1" + b"}" * 100_000, 1, "nesting deeper than 32 levels"),
])
def test_loader_reports_what_used_to_crash_or_hang(raw, line, message):
    with pytest.raises(LoadError) as caught:
        load_bytes(raw)
    assert caught.value.line == line and message in caught.value.message
