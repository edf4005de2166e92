"""The letterhead every printed letter carries: company name, address and service phone, set once in letterhead.yaml."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .datafiles import load_data_file, schema_problems
from .model import Text
from .problems import Problem
from .schemas import validator_for

LETTERHEAD_FILE = "letterhead.yaml"


@dataclass(frozen=True)
class Letterhead:
    company: Text
    address: Text
    service_phone: str


def load_letterhead(data_dir: Path, root: Path) -> tuple[Letterhead | None, list[Problem]]:
    """Read letterhead.yaml beside the kind folders and check it against letterhead.schema.json."""
    file = load_data_file(data_dir, root, LETTERHEAD_FILE,
                          ("the letterhead", "`company`, `address` (each with zh and en) and `service_phone`"),
                          schema_problems(validator_for("letterhead"), "letterhead.schema.json"),
                          missing="is missing: it gives the company name, address and service phone "
                                  "printed at the head of every letter, in zh and en")
    if file.loaded is None:
        return None, file.problems
    data = file.loaded.data
    return Letterhead(company=Text(**data["company"]), address=Text(**data["address"]),
                      service_phone=str(data["service_phone"])), []
