"""Data files beside the kind folders (facts, publishers, terms, tags, letterhead, policy) and the project's own
vocabularies: read safely, checked against their schema, every problem reported as `path:line: field: message`.

Each loader keeps only its own shaping; reading, the schema check and the error lines are here."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from jsonschema import Draft202012Validator

from .problems import Problem, display_path, format_field_path
from .yamlload import LoadError, Loaded, load_bytes

Explain = Callable[[str, Loaded], Iterable[Problem]]
Holds = tuple[str, str]  # what the file is, and what it needs (for the message about an empty file)


@dataclass(frozen=True)
class DataFile:
    """One data file as read: `loaded` only when the file exists, parses and has no problem."""
    shown: str
    loaded: Loaded | None = None
    problems: list[Problem] = field(default_factory=list)
    present: bool = True


def read_data_file(path: Path, shown: str, holds: Holds, explain: Explain, *, missing: str | None = None,
                   read: Callable[[Path], bytes] = Path.read_bytes,
                   exists: Callable[[Path], bool] = Path.is_file) -> DataFile:
    """Read `path` and check it with `explain`; a missing file is the problem `missing`, or no problem when None."""
    if not exists(path):
        return DataFile(shown, present=False,
                        problems=[Problem(shown, 1, "(file)", missing)] if missing is not None else [])
    try:
        loaded = load_bytes(read(path), holds)
    except LoadError as err:
        return DataFile(shown, problems=[Problem(shown, err.line, "(file)", err.message)])
    problems = list(dict.fromkeys(explain(shown, loaded)))  # one line per problem, even when the schema says it twice
    return DataFile(shown, None if problems else loaded, problems)


def load_data_file(data_dir: Path, root: Path, name: str, holds: Holds, explain: Explain,
                   missing: str | None = None) -> DataFile:
    """The data file `name` beside the kind folders, named as the editor sees it (from the project root)."""
    path = data_dir / name
    return read_data_file(path, display_path(path, root), holds, explain, missing=missing)


def in_turn(*checks: Explain) -> Explain:
    """Run the checks in order and stop at the first that finds problems (a later one may rely on an earlier one)."""
    def explain(shown: str, loaded: Loaded) -> Iterator[Problem]:
        for check in checks:
            problems = list(check(shown, loaded))
            if problems:
                yield from problems
                return
    return explain


def schema_problems(validator: Draft202012Validator, schema_id: str | None) -> Explain:
    """Problems against a schema in the editor's words (`schema_messages.explain`), at the lines of the fields."""
    def explain_file(shown: str, loaded: Loaded) -> Iterator[Problem]:
        from .schema_messages import explain  # it reads the schemas, which read the vocabularies loaded through here
        for error in validator.iter_errors(loaded.data):
            for field_path, line_path, text in explain(error, schema_id):
                yield Problem(shown, loaded.line_of(line_path), format_field_path(field_path), text)
    return explain_file
