"""Tests are put in the slow tiers by the fixtures they use, so `make test-fast` needs no list of files."""
from __future__ import annotations

import configparser

from conftest import TIER_OF_FIXTURE, pytest_collection_modifyitems
from tests.support import ROOT


class FakeItem:
    def __init__(self, *fixtures: str):
        self.fixturenames = list(fixtures)
        self.markers: list[str] = []

    def add_marker(self, name: str) -> None:
        self.markers.append(name)


def test_a_test_is_marked_by_every_slow_fixture_it_uses_and_nothing_else():
    unit, site, phone = FakeItem("tmp_path"), FakeItem("built_site", "tmp_path"), FakeItem("phone", "browser", "server", "built_site")
    pytest_collection_modifyitems([unit, site, phone])
    assert unit.markers == [] and site.markers == ["build"] and phone.markers == ["browser", "build"]


def test_every_tier_is_a_declared_marker_and_the_fast_tier_leaves_each_out():
    ini = configparser.ConfigParser()
    ini.read(ROOT / "pytest.ini", encoding="utf-8")
    declared = {line.split(":")[0].strip() for line in ini["pytest"]["markers"].strip().splitlines()}
    assert set(TIER_OF_FIXTURE.values()) | {"slow"} <= declared
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    fast = next(line for line in makefile.splitlines() if line.startswith("FAST_TIER :="))
    assert all(f"not {tier}" in fast for tier in declared)
