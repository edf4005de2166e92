"""A validation problem and how it is printed: `path:line: field.path: message`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

PathItem = str | int
FieldPath = tuple[PathItem, ...]


def format_field_path(path: Sequence[PathItem]) -> str:
    """Render ('fields', 2, 'type') as fields[2].type."""
    out = ""
    for item in path:
        if isinstance(item, int):
            out += f"[{item}]"
        else:
            out += f".{item}" if out else str(item)
    return out or "(file)"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.path}:{self.line}: {self.field}: {tag}{self.message}"


class ContentError(Exception):
    """Raised when content has problems; carries every problem found."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__(report(self.problems))


def report(problems: Iterable[Problem]) -> str:
    items = sorted(problems)
    lines = [str(p) for p in items]
    errors = sum(1 for p in items if p.severity == "error")
    lines.append(f"{errors} error(s) in content.")
    return "\n".join(lines)


def display_path(path: Path, root: Path) -> str:
    """The path from the project root as the editor sees it (a symbolic link is named, not its target)."""
    try:
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
