"""Where the project is, for the tests and the tools that share their helpers."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
