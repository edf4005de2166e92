"""The live preview (`mkdocs serve`, behind `make serve`): a changed record shows on the next request, a record with
errors prints `path:line` in the terminal while the last good site keeps serving, and fixing it brings the change."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, _free_port

DATA = ROOT / "data" / "scripts_and_forms"
RECORD = Path("glossary") / "grace-period.yaml"
PAGE = "/glossary/grace-period/"
WAIT = 120  # seconds to wait for a rebuild before calling it broken; not a speed target


class Preview:
    """`mkdocs serve` on a copy of the records, with its output collected for reading."""

    def __init__(self, data_dir: Path, build_dir: Path, log_path: Path):
        self.port = _free_port()
        self.log_path = log_path
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts"),
               "HANDBOOK_DATA_DIR": str(data_dir), "HANDBOOK_BUILD_DIR": str(build_dir)}
        self.log = log_path.open("w", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}", "--livereload"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=WAIT) as response:
                return response.status, response.read().decode("utf-8")
        except OSError as err:
            return getattr(err, "code", 0) or 0, ""

    def wait_for(self, condition, what: str) -> None:
        deadline = time.time() + WAIT
        while time.time() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"mkdocs serve stopped while waiting for {what}:\n{self.output()[-3000:]}")
            if condition():
                return
            time.sleep(0.5)
        pytest.fail(f"no {what} within {WAIT} s:\n{self.output()[-3000:]}")

    def stop(self) -> None:
        """Ctrl-C, as a person stops it: mkdocs then removes its temporary site folder."""
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


@pytest.fixture
def preview(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    server = Preview(data, tmp_path / "build-docs", tmp_path / "serve.log")
    yield server, data
    server.stop()


def test_a_changed_record_shows_and_a_broken_one_keeps_the_last_good_site(preview):
    server, data = preview
    server.wait_for(lambda: server.get(PAGE)[0] == 200, "first build")
    record = data / RECORD
    good = record.read_text(encoding="utf-8")
    assert "宽限期" in server.get(PAGE)[1]

    # an editor changes the summary (the title is one the content policy requires): the page shows it after the rebuild
    changed = good.replace("summary:\n  zh: ", "summary:\n  zh: 已修订：", 1)
    assert changed != good, "the test's record changed shape: update the summary it edits"
    record.write_text(changed, encoding="utf-8")
    server.wait_for(lambda: "已修订：" in server.get(PAGE)[1], "changed summary on the page")

    # the editor breaks the record: the terminal names file, line and field; the site keeps serving
    lines = changed.splitlines()
    status_line = next(i for i, line in enumerate(lines) if line.startswith("status:"))
    lines[status_line] = "status: finished"
    record.write_text("\n".join(lines) + "\n", encoding="utf-8")
    where = f"grace-period.yaml:{status_line + 1}: status"
    server.wait_for(lambda: where in server.output(), f"error naming {where}")
    assert "keeps serving the last good version" in server.output()
    assert "Traceback" not in server.output()
    code, body = server.get(PAGE)
    assert code == 200 and "已修订：" in body, "the last good page is still served"
    assert server.get("/en" + PAGE)[0] == 200 and server.get("/exclusions/drink-driving/")[0] == 200

    # fixed again: the next change shows as before
    record.write_text(good.replace("summary:\n  zh: ", "summary:\n  zh: 第二版：", 1), encoding="utf-8")
    server.wait_for(lambda: "第二版：" in server.get(PAGE)[1], "page after the fix")


def test_the_preview_ignores_editor_leftovers_and_reports_a_pipe_without_hanging(preview):
    """Emacs's `.#x.yaml` (a dangling symlink), swap and backup files are ignored; a FIFO is one error line."""
    server, data = preview
    glossary = data / "glossary"
    (glossary / ".#grace-period.yaml").symlink_to("user@host.42:1700000000")
    (glossary / "grace-period.yaml.swp").write_bytes(b"\x00\x01")
    (glossary / "grace-period.yaml~").write_text("id: [", encoding="utf-8")
    (glossary / ".DS_Store").write_bytes(b"\x00Bud1")
    server.wait_for(lambda: server.get(PAGE)[0] == 200, "first build with editor leftovers present")
    os.mkfifo(glossary / "pipe.yaml")
    record = data / RECORD
    record.write_text(record.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a change, so it rebuilds
    where = "glossary/pipe.yaml:1: (file): is a named pipe (FIFO), not a file"
    server.wait_for(lambda: where in server.output(), "the FIFO reported")
    assert "Traceback" not in server.output()
    assert server.get(PAGE)[0] == 200
