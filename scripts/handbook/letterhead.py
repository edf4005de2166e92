"""The letterhead every printed letter carries: company name, address and service phone, set once in letterhead.yaml."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Text
from .problems import Problem, display_path, format_field_path
from .schema_messages import explain
from .schemas import validator_for
from .yamlload import LoadError, load_bytes

LETTERHEAD_FILE = "letterhead.yaml"


@dataclass(frozen=True)
class Letterhead:
    company: Text
    address: Text
    service_phone: str


def load_letterhead(data_dir: Path, root: Path) -> tuple[Letterhead | None, list[Problem]]:
    """Read letterhead.yaml beside the kind folders and check it against letterhead.schema.json."""
    path = data_dir / LETTERHEAD_FILE
    shown = display_path(path, root)
    if not path.is_file():
        return None, [Problem(shown, 1, "(file)", "is missing: it gives the company name, address and service phone "
                                                  "printed at the head of every letter, in zh and en")]
    try:
        loaded = load_bytes(path.read_bytes(), ("the letterhead", "`company`, `address` (each with zh and en) and `service_phone`"))
    except LoadError as err:
        return None, [Problem(shown, err.line, "(file)", err.message)]
    problems = []
    for error in validator_for("letterhead").iter_errors(loaded.data):
        for field_path, line_path, text in explain(error, "letterhead.schema.json"):
            problems.append(Problem(shown, loaded.line_of(line_path), format_field_path(field_path), text))
    if problems:
        return None, problems
    data = loaded.data
    return Letterhead(company=Text(**data["company"]), address=Text(**data["address"]),
                      service_phone=str(data["service_phone"])), []
