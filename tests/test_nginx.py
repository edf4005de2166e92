"""deploy/nginx.conf served by Debian's nginx over the real site: compression and cache headers per file type."""
from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import re
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
    ("/assets/hb/search.js", "application/javascript"),
    ("/assets/hb/core.js", "application/javascript"),
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


# --- security headers ----------------------------------------------------------------------------------------------

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "SAMEORIGIN",
}


def policy(response: http.client.HTTPResponse) -> dict[str, list[str]]:
    """The Content-Security-Policy header as directive -> sources."""
    header = response.getheader("Content-Security-Policy") or ""
    parts = [d.split() for d in header.split(";") if d.strip()]
    return {d[0]: d[1:] for d in parts}


@pytest.mark.parametrize("path", ["/", "/en/glossary/grace-period/", "/sw.js", "/assets/hb/search.js",
                                  "/pagefind/pagefind.js", "/no-such-page/", "/en/no-such-page/"])
def test_every_response_carries_the_security_headers(nginx, path):
    r = get(nginx, path)
    for name, value in SECURITY_HEADERS.items():
        assert r.getheader(name) == value, f"{path}: {name}"
    assert r.getheader("Server") == "nginx", "server_tokens off: no version number"
    assert "camera=()" in (r.getheader("Permissions-Policy") or "") and "geolocation=()" in r.getheader("Permissions-Policy")
    csp = policy(r)
    assert csp["default-src"] == ["'self'"] and csp["frame-ancestors"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert "'unsafe-inline'" not in csp["style-src"]


def test_english_misses_get_the_english_404_page(nginx):
    english, chinese = get(nginx, "/en/no-such-page/"), get(nginx, "/no-such-page/")
    assert english.status == 404 and chinese.status == 404
    assert '<html lang="en"' in gzip.decompress(english.body).decode("utf-8")
    assert '<html lang="zh' in gzip.decompress(chinese.body).decode("utf-8")
    assert get(nginx, "/en/manifest.webmanifest").getheader("Content-Type").startswith("application/manifest+json")


def _inline_code(page: str) -> Iterator[str]:
    """Every inline script and inline event handler of a page: what the policy must allow by hash."""
    for attrs, code in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", page, re.DOTALL):
        if "application/json" not in attrs:
            yield code
    for _, code in re.findall(r"\son[a-z]+=([\"'])(.*?)\1", page):
        yield code


def test_every_inline_script_of_the_site_is_allowed_by_hash(nginx, built_site):
    allowed = set(policy(get(nginx, "/"))["script-src"])
    missing: dict[str, str] = {}
    for page in built_site.rglob("*.html"):
        for code in _inline_code(page.read_text(encoding="utf-8")):
            digest = "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"
            if digest not in allowed:
                missing.setdefault(digest, f"{page.relative_to(built_site)}: {code[:80]}")
    assert not missing, "add these hashes to script-src in deploy/nginx.conf:\n" + "\n".join(f"{h}  {w}" for h, w in missing.items())


def _page_kinds(site: Path) -> list[str]:
    """One page of every kind in both languages: homes, section lists, a record of each kind, hand-written pages, 404."""
    paths = ["/", "/en/", "/whats-new/", "/en/whats-new/", "/about/", "/en/using-on-a-phone/", "/no-such-page/", "/en/no-such-page/"]
    for folder in sorted(p.name for p in site.iterdir() if p.is_dir() and (p / "index.html").is_file() and
                         any(c.is_dir() for c in p.iterdir())):
        if folder in ("en", "assets", "pagefind", "search"):
            continue
        record = sorted(c.name for c in (site / folder).iterdir() if (c / "index.html").is_file())[0]
        paths += [f"/{folder}/", f"/en/{folder}/{record}/", f"/{folder}/{record}/"]
    return paths


CSP_LISTENER = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
"""


def test_every_kind_of_page_runs_under_the_policy_without_a_violation(nginx, built_site, browser):
    """Real Chromium over real nginx: pages, search (Pagefind's WebAssembly), the service worker, a letter filled in."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    paths = _page_kinds(built_site)
    assert len(paths) >= 30
    try:
        for path in paths:
            page.goto(nginx + path, wait_until="load")
            if path in ("/", "/en/"):
                page.click("[data-hb-search-open]")
                page.fill("#hb-search-input", "宽限期" if path == "/" else "grace period")
                page.locator("#hb-search .hb-result").first.wait_for(timeout=60_000)
                assert page.evaluate("navigator.serviceWorker.ready.then(r => !!r.active)")
            if "/letters/" in path and path.count("/") > 3:
                page.locator(".hb-fill input").first.fill("张三")
            violations = page.evaluate("window.__violations")
            assert violations == [], f"{path}: {violations}"
        assert [e for e in errors if "404" not in e] == []
    finally:
        context.close()
