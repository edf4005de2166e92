"""Run Debian's nginx with deploy/nginx.conf on 127.0.0.1 as the current user, for the tests and the benchmark."""
from __future__ import annotations

import grp
import os
import pwd
import re
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .paths import ROOT

SERVER_BLOCK = ROOT / "deploy" / "nginx.conf"
MIME_TYPES = Path("/etc/nginx/mime.types")
ACCESS_LOG_FORMAT = "$request_method $uri $status $bytes_sent $http_accept_encoding"


def nginx_path() -> str:
    """Debian's nginx binary (tools/ensure-browser.sh installs it)."""
    path = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not path:
        raise FileNotFoundError("nginx is not installed: run `make test` (it installs it) or apt-get install nginx")
    return path


EVENTS_LOG = "/var/log/nginx/handbook-events.log"


def server_block(site_dir: Path, port: int, events_log: Path | None = None) -> str:
    """deploy/nginx.conf with its listen lines replaced by 127.0.0.1:port, its root by site_dir, its events log moved."""
    text = SERVER_BLOCK.read_text(encoding="utf-8")
    if events_log is not None:
        text = text.replace(EVENTS_LOG, str(events_log))
    text = re.sub(r"^[ \t]*listen\s[^;]*;\n", "", text, flags=re.MULTILINE)
    text, roots = re.subn(r"^([ \t]*)root\s[^;]*;", rf"\1listen 127.0.0.1:{port};\n\1root {site_dir};", text, count=1, flags=re.MULTILINE)
    if roots != 1:
        raise ValueError(f"{SERVER_BLOCK} has no `root` line")
    return text


def nginx_config(site_dir: Path, port: int, workdir: Path) -> str:
    """A whole nginx.conf that runs in the foreground with its pid, logs and temp files under workdir."""
    user = ""
    if os.geteuid() == 0:  # workers would otherwise run as nobody and could not read a private temp folder
        user = f"user {pwd.getpwuid(os.getuid()).pw_name} {grp.getgrgid(os.getgid()).gr_name};\n"
    temps = "\n".join(f"    {name}_temp_path {workdir / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {workdir / 'nginx.pid'};\nerror_log {workdir / 'error.log'} warn;\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        f"    include {MIME_TYPES};\n    default_type application/octet-stream;\n"
        f"    log_format bytes '{ACCESS_LOG_FORMAT}';\n    access_log {workdir / 'access.log'} bytes;\n"
        f"{temps}\n    sendfile on;\n    keepalive_timeout 10;\n"
        f"{server_block(site_dir, port, workdir / 'events.log')}\n}}\n"
    )


def _wait_for_port(port: int, proc: subprocess.Popen, workdir: Path) -> None:
    deadline = time.time() + 15
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"nginx exited with {proc.returncode}:\n{(workdir / 'error.log').read_text(errors='replace')}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("nginx did not start listening within 15 s")


@contextmanager
def running_nginx(site_dir: Path, port: int, workdir: Path) -> Iterator[str]:
    """Serve site_dir with nginx on 127.0.0.1:port until the block ends; yields the base URL."""
    workdir.mkdir(parents=True, exist_ok=True)
    conf = workdir / "nginx.conf"
    conf.write_text(nginx_config(site_dir.resolve(), port, workdir), encoding="utf-8")
    binary = nginx_path()
    check = subprocess.run([binary, "-t", "-q", "-p", str(workdir), "-e", str(workdir / "error.log"), "-c", str(conf)],
                           capture_output=True, text=True, check=False)
    if check.returncode != 0:
        raise RuntimeError(f"nginx rejected the configuration:\n{check.stderr}")
    proc = subprocess.Popen([binary, "-p", str(workdir), "-e", str(workdir / "error.log"), "-c", str(conf)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_port(port, proc, workdir)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()  # SIGTERM: fast shutdown of the master and its worker
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
