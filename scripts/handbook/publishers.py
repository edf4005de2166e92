"""The allowed publishers of sources (publishers.yaml): who a record may cite, by host."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .datafiles import Explain, load_data_file
from .model import Text
from .problems import Problem

PUBLISHERS_FILE = "publishers.yaml"


@dataclass(frozen=True)
class Publisher:
    id: str
    name: Text
    kind: str
    hosts: list[str]


def host_matches(pattern: str, host: str, path: str) -> bool:
    """Exact host, `*.suffix` (any subdomain), or `host/path-prefix`."""
    if "/" in pattern:
        return f"{host}{path}".startswith(pattern)
    if pattern.startswith("*."):
        return host.endswith(pattern[1:])
    return host == pattern


@dataclass(frozen=True)
class Publishers:
    publishers: list[Publisher] = field(default_factory=list)
    path: str = PUBLISHERS_FILE
    present: bool = False

    def publisher_of(self, url: str) -> Publisher | None:
        """The publisher a URL belongs to, or None when its host is not allowed."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        for publisher in self.publishers:
            if any(host_matches(p, host, parts.path) for p in publisher.hosts):
                return publisher
        return None


def load_publishers(data_dir: Path, root: Path, explain: Explain) -> tuple[Publishers, list[Problem]]:
    file = load_data_file(data_dir, root, PUBLISHERS_FILE,
                          ("the publisher list", "`publishers:` with each publisher's hosts"), explain)
    if file.loaded is None:
        return Publishers(path=file.shown), file.problems
    items = [Publisher(p["id"], Text(**p["name"]), p["kind"], list(p["hosts"])) for p in file.loaded.data["publishers"]]
    return Publishers(items, file.shown, True), []
