"""Shared fixtures: the project root, a real built site, a local HTTP server and headless Chromium."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE = {"width": 390, "height": 844}


def run_build(site_dir: Path, data_dir: Path | None = None, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """A real strict MkDocs build of the project into site_dir."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts"), **(extra_env or {})}
    if data_dir is not None:
        env["HANDBOOK_DATA_DIR"] = str(data_dir)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("site") / "site"
    done = run_build(site)
    assert done.returncode == 0, f"strict build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return site


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 with Python's http.server; yields the base URL."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 15
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def server(built_site: Path) -> Iterator[str]:
    """The built site, served on 127.0.0.1; yields the base URL."""
    with serve_folder(built_site) as base:
        yield base


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Debian's chromium is not installed: run `make test` (it installs it) or apt-get install chromium")
    fonts = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout.lower()
    for family, package in (("wenquanyi micro hei", "fonts-wqy-microhei"), ("liberation sans", "fonts-liberation2")):
        if family not in fonts:
            pytest.fail(f"the font {family!r} is missing, so pages would not lay out as on readers' machines: "
                        f"run `make test` (it installs it) or apt-get install {package}")
    return path


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """Real headless Chromium from Debian, driven by Playwright. A missing browser fails, never skips."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
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
