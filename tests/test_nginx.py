"""deploy/nginx.conf served by Debian's nginx over the real site: compression and cache headers per file type."""
from __future__ import annotations

import gzip
import http.client
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

from tests.support import free_port
from tests.support.nginx import running_nginx

IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def nginx(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """nginx in the foreground as the current user, on a free 127.0.0.1 port, stopped after this module."""
    with running_nginx(built_site, free_port(), tmp_path_factory.mktemp("nginx")) as base:
        yield base


def get(base: str, path: str, gzip_ok: bool = True) -> http.client.HTTPResponse:
    """A GET with or without Accept-Encoding: gzip; the body is read into `.body`."""
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    conn.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    return response


def one(site: Path, pattern: str) -> str:
    """The site path of the first file matching a glob, as a URL path."""
    found = sorted(site.glob(pattern))
    assert found, pattern
    return "/" + found[0].relative_to(site).as_posix()


@pytest.mark.parametrize("path", ["/", "/en/", "/procedures/renewal-reminder/", "/en/glossary/grace-period/"])
def test_pages_are_compressed_and_revalidated(nginx, path):
    r = get(nginx, path)
    assert r.status == 200
    assert r.getheader("Content-Type") == "text/html; charset=utf-8"
    assert r.getheader("Content-Encoding") == "gzip"
    assert r.getheader("Vary") == "Accept-Encoding"
    assert r.getheader("Cache-Control") == "no-cache"
    assert b"<html" in gzip.decompress(r.body)
    plain = get(nginx, path, gzip_ok=False)
    assert plain.getheader("Content-Encoding") is None and b"<!doctype html>" in plain.body[:100]


def test_hashed_material_bundles_are_immutable(nginx, built_site):
    for pattern, kind in (("assets/javascripts/bundle.*.min.js", "application/javascript"),
                          ("assets/stylesheets/main.*.min.css", "text/css")):
        r = get(nginx, one(built_site, pattern))
        assert r.status == 200 and r.getheader("Content-Type").startswith(kind)
        assert r.getheader("Content-Encoding") == "gzip"
        assert r.getheader("Cache-Control") == IMMUTABLE


@pytest.mark.parametrize("path, kind", [
    ("/sw.js", "application/javascript"),
    ("/manifest.webmanifest", "application/manifest+json"),
    ("/en/manifest.webmanifest", "application/manifest+json"),
    ("/assets/handbook.js", "application/javascript"),
    ("/assets/handbook.css", "text/css"),
    ("/search-terms.json", "application/json"),
])
def test_unhashed_files_are_revalidated(nginx, path, kind):
    r = get(nginx, path)
    assert r.status == 200 and r.getheader("Content-Type").startswith(kind)
    assert r.getheader("Cache-Control") == "no-cache"
    if len(r.body) > 256:
        assert r.getheader("Content-Encoding") == "gzip"


def test_pagefind_files(nginx, built_site):
    script = get(nginx, "/pagefind/pagefind.js")
    assert script.getheader("Content-Encoding") == "gzip" and script.getheader("Cache-Control") == "no-cache"
    for pattern in ("pagefind/index/zh_*.pf_index", "pagefind/fragment/en_*.pf_fragment", "pagefind/pagefind.zh_*.pf_meta"):
        r = get(nginx, one(built_site, pattern))
        assert r.status == 200 and r.getheader("Cache-Control") == IMMUTABLE, pattern
        assert r.getheader("Content-Encoding") is None, "already gzip-compressed by Pagefind: not compressed twice"
        assert r.body[:2] == b"\x1f\x8b"
    wasm = get(nginx, one(built_site, "pagefind/wasm.*.pagefind"))
    assert wasm.status == 200 and wasm.getheader("Cache-Control") == "no-cache"


def test_missing_page_gets_the_404_page(nginx):
    r = get(nginx, "/no-such-page/")
    assert r.status == 404
    assert r.getheader("Content-Encoding") == "gzip"
    assert "404" in gzip.decompress(r.body).decode("utf-8")


def test_folder_without_slash_redirects_relative(nginx):
    r = get(nginx, "/procedures/renewal-reminder")
    assert r.status == 301 and r.getheader("Location") == "/procedures/renewal-reminder/"
