"""Shared fixtures: the project root, a real built site, a local HTTP server and headless Chromium."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from tests.support import CHROMIUM_ARGS, PHONE, ROOT, BrowserMissing, chromium_path, free_port, launch_chromium, run_build, serve_folder

# Tests written before the shared helpers moved to tests/support import these names from here.
__all__ = ["CHROMIUM_ARGS", "PHONE", "ROOT", "RequestLog", "_free_port", "chromium_path", "run_build", "serve_folder"]
_free_port = free_port

# Tiers: a test that asks for one of these fixtures (directly or through another fixture) is marked with its tier,
# so `make test-fast` leaves it out without a list of files to keep up to date.
TIER_OF_FIXTURE = {
    "built_site": "build", "hostile_site": "build",
    "browser": "browser",
    "nginx": "nginx",
    "preview": "serve",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test with the slow tiers of the fixtures it uses (directly or through other fixtures)."""
    for item in items:
        for tier in sorted({TIER_OF_FIXTURE[name] for name in item.fixturenames if name in TIER_OF_FIXTURE}):
            item.add_marker(tier)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("site") / "site"
    done = run_build(site)
    assert done.returncode == 0, f"strict build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return site


@pytest.fixture(scope="session")
def server(built_site: Path) -> Iterator[str]:
    """The built site, served on 127.0.0.1; yields the base URL."""
    with serve_folder(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """Real headless Chromium from Debian, driven by Playwright. A missing browser fails, never skips."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        try:
            b = launch_chromium(p)
        except BrowserMissing as err:
            pytest.fail(str(err))
        yield b
        b.close()


class RequestLog:
    """Every request a page makes, to prove nothing leaves 127.0.0.1."""

    def __init__(self, base: str):
        self.base = base
        self.urls: list[str] = []
        self.failed: list[str] = []
        self.console_errors: list[str] = []

    def made_since(self, count: int) -> list[str]:
        """Requests after the first `count` that could carry anything new.

        The favicon is fetched on the browser's own schedule, and a repeat of a URL already loaded
        carries no data; anything else (a new URL, a query string) counts.
        """
        seen = set(self.urls[:count])
        return [u for u in self.urls[count:] if u not in seen and not u.endswith("/assets/icon.svg")]

    def foreign(self) -> list[str]:
        return [u for u in self.urls if not (u.startswith(self.base) or u.startswith("data:") or u.startswith("blob:"))]


@pytest.fixture
def phone(browser, server):
    """A fresh phone-sized page (390×844) with a request log."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True, locale="zh-CN")
    page = context.new_page()
    log = RequestLog(server)
    page.on("request", lambda r: log.urls.append(r.url))
    page.on("requestfailed", lambda r: log.failed.append(r.url))
    page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
    page.base = server  # type: ignore[attr-defined]
    page.requests = log  # type: ignore[attr-defined]
    yield page
    context.close()
