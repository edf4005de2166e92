"""Build the site into a fresh folder and swap it in only on success, so a failed build keeps the last good site.

One build at a time (`buildlock`); the new site replaces the old one in one atomic step (`swap_in`), so a web server
reading site/ sees the old build or the new one, never a mixture or nothing; SIGINT, SIGTERM and SIGHUP reach the
MkDocs child, and its half-built folder is removed."""
from __future__ import annotations

import ctypes
import errno
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .buildlock import HELD_VARIABLE, BuildLock
from .paths import Layout

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step with Linux's renameat2(RENAME_EXCHANGE); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def swap_in(new: Path, site_dir: Path) -> None:
    """Put the folder `new` in place of site_dir atomically; the old site ends up at `new`'s path (removed after).

    Without a site_dir a rename is atomic by itself; where renameat2 is missing, two renames leave a moment without
    site/."""
    if site_dir.exists() and not site_dir.is_symlink():
        if not _exchange(new, site_dir):
            old = new.with_name(new.name + "-old")
            site_dir.rename(old)
            new.rename(site_dir)
            old.rename(new)
    else:
        new.rename(site_dir)
    shutil.rmtree(new, ignore_errors=True)


def _die_with_parent() -> None:
    """In the child: get SIGTERM if the build process dies without passing a signal on (Linux prctl)."""
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _run_forwarding(cmd: list[str], cwd: Path, env: dict[str, str]) -> int:
    """Run cmd in its own process group and pass SIGINT/SIGTERM/SIGHUP on to it; its exit status (128+n if signalled)."""
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, start_new_session=True, preexec_fn=_die_with_parent)
    received: list[int] = []

    def forward(signum: int, _frame: object) -> None:
        received.append(signum)
        try:
            os.killpg(proc.pid, signum)
        except ProcessLookupError:
            pass

    previous = {sig: signal.signal(sig, forward) for sig in _FORWARDED}
    try:
        code = proc.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if received:
        return 128 + received[0]
    return code if code >= 0 else 128 - code


def build_site(root: Path, site_dir: Path, extra_args: list[str] | None = None) -> int:
    """Run a strict MkDocs build into a staging folder; replace site_dir only if it succeeds."""
    build_dir = Layout(root).build_docs_dir.parent
    with BuildLock(build_dir):
        for leftover in build_dir.glob("site-staging*"):  # of a build killed outright; no build runs but ours
            shutil.rmtree(leftover, ignore_errors=True)
        staging = Path(tempfile.mkdtemp(prefix="site-staging-", dir=build_dir))
        try:
            cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(staging),
                   *(extra_args or [])]
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", HELD_VARIABLE: "1"}
            started = time.perf_counter()
            code = _run_forwarding(cmd, root, env)
            if code != 0:
                kept = "kept the previous site/" if site_dir.exists() else "no site/ was built"
                stopped = "stopped" if code > 128 else "failed"
                print(f"Build {stopped}; {kept}.", file=sys.stderr)
                return code
            swap_in(staging, site_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    print(f"Built {site_dir} in {time.perf_counter() - started:.1f} s.")
    return 0
