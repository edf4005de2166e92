"""The shipped records, loaded and validated once per test process and shared by every test module that reads them."""
from __future__ import annotations

from functools import lru_cache

from handbook.validate import Content, load_content

from .paths import ROOT

DATA = ROOT / "data" / "scripts_and_forms"


@lru_cache(maxsize=1)
def shipped_content() -> Content:
    """`data/scripts_and_forms` as the build reads it today; tests derive changed copies, never change it in place."""
    return load_content(DATA, ROOT)
