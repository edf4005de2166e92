"""Helpers shared by the tests and the benchmark tools: the project root, real builds, serving and Chromium."""
from __future__ import annotations

from .building import run_build
from .chromium import CHROMIUM_ARGS, PHONE, BrowserMissing, chromium_path, launch_chromium
from .paths import ROOT
from .serving import free_port, serve_folder

__all__ = ["CHROMIUM_ARGS", "PHONE", "ROOT", "BrowserMissing", "chromium_path", "free_port", "launch_chromium",
           "run_build", "serve_folder"]
