"""Each language's web app manifest: linked from its pages, valid JSON, start_url at that language's home, icons real."""
from __future__ import annotations

import json
import re
import struct
import urllib.request
from urllib.parse import urljoin

import pytest

LANGUAGE_HOMES = [("zh", "/", "保单服务手册"), ("en", "/en/", "Policy Service Handbook")]


def fetch(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read(), response.geturl()


def manifest_link(html: str) -> str:
    links = re.findall(r'<link rel="manifest" href="([^"]+)"', html)
    assert len(links) == 1, links
    return links[0]


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "a PNG file"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("lang, home, name", LANGUAGE_HOMES)
@pytest.mark.parametrize("page", ["", "procedures/renewal-reminder/"])
def test_manifest_is_linked_and_valid(server, lang, home, name, page):
    page_url = server + home + page
    html = fetch(page_url)[0].decode("utf-8")
    manifest_url = urljoin(page_url, manifest_link(html))
    assert manifest_url == server + home + "manifest.webmanifest", "each language links its own manifest"
    manifest = json.loads(fetch(manifest_url)[0].decode("utf-8"))

    assert manifest["name"] == name and manifest["lang"] == lang and manifest["short_name"]
    assert manifest["display"] == "standalone"
    assert urljoin(manifest_url, manifest["start_url"]) == server + home, "start_url opens this language's home"
    scope = urljoin(manifest_url, manifest["scope"])
    assert (server + home).startswith(scope)
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", manifest["theme_color"]) and re.fullmatch(r"#[0-9a-fA-F]{6}", manifest["background_color"])

    sizes = set()
    for icon in manifest["icons"]:
        data, final_url = fetch(urljoin(manifest_url, icon["src"]))
        assert final_url.startswith(server + "/assets/icon-"), final_url
        width, height = png_size(data)
        assert icon["sizes"] == f"{width}x{height}" and icon["type"] == "image/png"
        sizes.add(width)
    assert {192, 512} <= sizes, "installable: a 192 px and a 512 px icon"
