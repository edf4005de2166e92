"""Debian's Chromium, headless and offline-safe, as the browser tests and the benchmarks launch it."""
from __future__ import annotations

import shutil
import subprocess

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
FONTS = (("wenquanyi micro hei", "fonts-wqy-microhei"), ("liberation sans", "fonts-liberation2"))


class BrowserMissing(RuntimeError):
    """Chromium or a font pages are laid out with is not installed."""


def chromium_path() -> str:
    """Debian's chromium binary, once the fonts readers' machines lay pages out with are known to be installed."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise BrowserMissing("Debian's chromium is not installed: run `make test` (it installs it) or apt-get install chromium")
    fonts = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout.lower()
    for family, package in FONTS:
        if family not in fonts:
            raise BrowserMissing(f"the font {family!r} is missing, so pages would not lay out as on readers' machines: "
                                 f"run `make test` (it installs it) or apt-get install {package}")
    return path


def launch_chromium(playwright):
    """Headless Debian Chromium driven by Playwright (`playwright install` is never needed)."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
