"""One build at a time per build folder: `handbook build` and each `mkdocs build`/`serve` rebuild take this lock.

Builds share the assembled docs folder (`.build/docs`), so two at once would write each other's pages. The lock is
an fcntl.flock on `.build/build.lock`: the kernel drops it when its holder exits, even when killed, so a crashed
build never leaves a stale lock behind."""
from __future__ import annotations

import fcntl
import os
import sys
import time
from pathlib import Path
from typing import Callable

LOCK_NAME = "build.lock"
WAIT_VARIABLE = "HANDBOOK_LOCK_WAIT"
HELD_VARIABLE = "HANDBOOK_LOCK_HELD"  # set for the mkdocs child of `handbook build`, which holds the lock for it
DEFAULT_WAIT = 600.0  # seconds: a full build takes well under a minute, so this only stops a stuck build's queue


class BuildBusy(RuntimeError):
    """Another build kept the lock for longer than we were willing to wait."""


def lock_path(build_dir: Path) -> Path:
    return build_dir / LOCK_NAME


def wait_limit() -> float:
    try:
        return float(os.environ.get(WAIT_VARIABLE, DEFAULT_WAIT))
    except ValueError:
        return DEFAULT_WAIT


def _holder(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""
    return f" (process {text})" if text.isdigit() else ""


class BuildLock:
    """An exclusive lock on one build folder; `acquire` waits with a message, `release` is safe to call twice."""

    def __init__(self, build_dir: Path, say: Callable[[str], None] | None = None):
        self.path = lock_path(build_dir)
        self.say = say or (lambda text: print(text, file=sys.stderr, flush=True))
        self.fd: int | None = None

    def acquire(self, wait: float | None = None) -> None:
        if self.fd is not None:
            return
        wait = wait_limit() if wait is None else wait
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            if not self._try(fd):
                self.say(f"Another build is running in this project{_holder(self.path)}; waiting for it to finish "
                         f"(at most {wait:.0f} s)…")
                deadline = time.monotonic() + wait
                while not self._try(fd):
                    if time.monotonic() >= deadline:
                        raise BuildBusy(f"another build still holds {self.path} after {wait:.0f} s; "
                                        "stop it (or wait for it) and build again")
                    time.sleep(0.2)
                self.say("The other build has finished; building now.")
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode("ascii"))
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd

    @staticmethod
    def _try(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing the descriptor drops the flock
            self.fd = None

    def __enter__(self) -> "BuildLock":
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
