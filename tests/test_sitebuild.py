"""`make build` (python -m handbook build) under stress: two builds at once, a build beside a preview, signals, a
read-only project, the swap of site/ watched by a reader, and the same content giving the same bytes."""
from __future__ import annotations

import filecmp
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, run_build
from handbook.buildlock import BuildLock
from handbook.offline import site_version
from handbook.sitebuild import swap_in

VALID = ROOT / "tests" / "fixtures" / "valid"
WAIT = 300  # seconds before a stuck build is called broken; not a speed target


def project_copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", "site", ".build", ".git", "node_modules",
                                                                 "__pycache__", ".pytest_cache"))
    return project


def data_copy(tmp_path: Path, name: str, title: str) -> Path:
    """The valid records with the glossary term's English title set to `title`, to tell two builds' output apart."""
    data = tmp_path / name
    shutil.copytree(VALID, data)
    term = data / "glossary" / "grace-period.yaml"
    term.write_text(term.read_text(encoding="utf-8").replace("en: Grace period}", f"en: {title}}}", 1), encoding="utf-8")
    return data


def start_build(project: Path, data: Path, **extra: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(project / "scripts"), "HANDBOOK_DATA_DIR": str(data), **extra}
    return subprocess.Popen([sys.executable, "-m", "handbook", "build"], cwd=project, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(proc: subprocess.Popen) -> tuple[int, str]:
    out, err = proc.communicate(timeout=WAIT)
    return proc.returncode, out + err


@pytest.mark.build  # runs MkDocs
def test_two_builds_at_once_take_turns_and_site_holds_one_of_them(tmp_path):
    project = project_copy(tmp_path)
    first = start_build(project, data_copy(tmp_path, "a", "Grace period AAA"))
    second = start_build(project, data_copy(tmp_path, "b", "Grace period BBB"))
    results = [finish(first), finish(second)]
    for code, out in results:
        assert code == 0 and "Traceback" not in out, out[-3000:]
    assert any("Another build is running in this project" in out for _, out in results), "neither build waited"
    site = project / "site"
    pages = [(site / "en" / "glossary" / "grace-period" / "index.html").read_text(encoding="utf-8"),
             (site / "en" / "glossary" / "index.html").read_text(encoding="utf-8")]
    variants = {v for v in ("AAA", "BBB") if any(f"Grace period {v}" in page for page in pages)}
    assert len(variants) == 1, f"site/ mixes two builds: {variants}"
    assert f'"version": "{site_version(site)}"' in (site / "sw.js").read_text(encoding="utf-8"), "files of two builds"
    assert not list((project / ".build").glob("site-staging*"))


@pytest.mark.build  # runs MkDocs
def test_a_build_beside_a_running_build_waits_then_refuses_clearly(tmp_path):
    """Held by another build (a preview rebuilding, say): `handbook build` and a plain `mkdocs build` wait, then refuse."""
    project = project_copy(tmp_path)
    with BuildLock(project / ".build"):
        code, out = finish(start_build(project, VALID, HANDBOOK_LOCK_WAIT="1"))
        assert code == 75 and "Traceback" not in out, out[-3000:]
        assert "Another build is running in this project" in out
        assert f"Not built: another build still holds {project / '.build' / 'build.lock'} after 1 s" in out
        env = {**os.environ, "PYTHONPATH": str(project / "scripts"), "HANDBOOK_DATA_DIR": str(VALID),
               "HANDBOOK_LOCK_WAIT": "1", "NO_MKDOCS_2_WARNING": "1"}
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "plain")],
                              cwd=project, env=env, capture_output=True, text=True, timeout=WAIT, check=False)
        assert done.returncode != 0 and "Traceback" not in done.stderr
        assert "another build still holds" in done.stderr
    assert not (project / "site").exists()
    code, out = finish(start_build(project, VALID))
    assert code == 0, out[-3000:]


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.build  # runs MkDocs
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_to_the_build_stops_mkdocs_and_leaves_no_staging(tmp_path, sig):
    project = project_copy(tmp_path)
    (project / "site").mkdir()
    (project / "site" / "marker.txt").write_text("old", encoding="utf-8")
    proc = start_build(project, VALID)
    deadline = time.time() + WAIT
    while not _children(proc.pid) and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    children = _children(proc.pid)
    assert children, "mkdocs was never started"
    time.sleep(1)  # let MkDocs get into its build
    proc.send_signal(sig)
    code, out = finish(proc)
    assert code == 128 + sig and "Traceback" not in out, out[-3000:]
    assert "Build stopped; kept the previous site/." in out
    for child in children:
        deadline = time.time() + 30
        while Path(f"/proc/{child}").exists() and time.time() < deadline:
            status = Path(f"/proc/{child}/stat").read_text() if Path(f"/proc/{child}/stat").exists() else ""
            if ") Z " in status:
                break
            time.sleep(0.1)
        assert not Path(f"/proc/{child}").exists() or ") Z " in Path(f"/proc/{child}/stat").read_text(), \
            f"mkdocs ({child}) still runs after the build got {sig.name}"
    assert (project / "site" / "marker.txt").read_text(encoding="utf-8") == "old"
    assert not list((project / ".build").glob("site-staging*"))


def _can_grant_read_search() -> bool:
    """Whether this process may hand CAP_DAC_READ_SEARCH to a child (it is in the bounding set: true for root on this
    machine, not in every container)."""
    status = Path("/proc/self/status").read_text(encoding="utf-8")
    bounding = int(next(line.split()[1] for line in status.splitlines() if line.startswith("CapBnd:")), 16)
    return bool(bounding & (1 << 2))  # CAP_DAC_READ_SEARCH is capability 2


def test_a_read_only_project_gets_one_line_before_any_work(tmp_path):
    """As an unprivileged user who cannot write the project (root ignores permissions, so the test drops to nobody).

    Nobody keeps the right to read and enter every folder (CAP_DAC_READ_SEARCH, which grants no write), so the
    project's own interpreter and packages are reachable wherever the project sits, even under a private folder.
    Where that right cannot be handed on, the copy goes to a folder everyone may enter, and the project's own
    interpreter must then be reachable by everyone too."""
    grant = _can_grant_read_search()
    where = tmp_path if grant else Path(f"/tmp/handbook-readonly-{os.getpid()}")
    if not grant:
        shutil.rmtree(where, ignore_errors=True)
        where.mkdir(mode=0o755)
    try:
        project = project_copy(where)
        for folder in (*[p for p in project.rglob("*") if p.is_dir()], project):
            folder.chmod(0o755)
        env = {**os.environ, "PYTHONPATH": str(project / "scripts"),
               "HANDBOOK_DATA_DIR": str(project / "tests" / "fixtures" / "valid"), "HOME": str(where)}
        caps = ["--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search"] if grant else []
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *caps, sys.executable, "-m", "handbook",
               "build"]
        done = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=WAIT, check=False)
        assert done.returncode == 1, done.stderr[-3000:]
        assert "Traceback" not in done.stderr + done.stdout
        assert done.stderr.strip() == (f"Cannot write {project / '.build'}: Permission denied; "
                                       "the project folder must be writable to build")
    finally:
        if not grant:
            shutil.rmtree(where, ignore_errors=True)


def test_the_swap_of_site_is_atomic_for_a_reader(tmp_path):
    """A reader polling site/index.html in another process during 300 swaps never finds it missing or mixed."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("build 0", encoding="utf-8")
    watcher = subprocess.Popen([sys.executable, "-c", """
import sys, os
site, stop = sys.argv[1], sys.argv[2]
seen, missing = set(), 0
while not os.path.exists(stop):
    try:
        with open(os.path.join(site, 'index.html')) as f:
            seen.add(f.read())
    except FileNotFoundError:
        missing += 1
print(missing, len(seen))
""", str(site), str(tmp_path / "stop")], stdout=subprocess.PIPE, text=True)
    for n in range(1, 301):
        new = tmp_path / f"staging-{n}"
        new.mkdir()
        (new / "index.html").write_text(f"build {n}", encoding="utf-8")
        swap_in(new, site)
        assert not new.exists()
    (tmp_path / "stop").touch()
    missing, versions = map(int, watcher.communicate(timeout=60)[0].split())
    assert missing == 0, f"site/index.html was missing {missing} times during the swaps"
    assert versions > 1, "the reader never saw a swap happen"
    assert (site / "index.html").read_text(encoding="utf-8") == "build 300"


@pytest.mark.build  # runs MkDocs
def test_the_same_content_builds_the_same_bytes(tmp_path):
    """Two builds of the same records into two folders: every file is identical (service worker version included)."""
    sites = [tmp_path / "one", tmp_path / "two"]
    for site in sites:
        done = run_build(site, data_dir=VALID)
        assert done.returncode == 0, done.stderr[-3000:]
    files = sorted(p.relative_to(sites[0]) for p in sites[0].rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(sites[1]) for p in sites[1].rglob("*") if p.is_file())
    assert len(files) > 50
    differing = [str(f) for f in files if not filecmp.cmp(sites[0] / f, sites[1] / f, shallow=False)]
    assert differing == []
    # Pagefind itself lists languages in any order (a Rust hash map): one run is not proof, so the order is checked too
    entry = json.loads((sites[0] / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == sorted(entry["languages"])
