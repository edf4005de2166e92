"""Offline support, written into a built site: the service worker's version and precache list, and per language
the pages of each section plus the search files that "save for offline" downloads."""
from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from posixpath import normpath

from .kinds import DEFAULT_LANGUAGE, KINDS, LANGUAGES
from .labels import LABELS, wording

SERVICE_WORKER = "sw.js"
OFFLINE_LIST = "offline.json"
_BUILD_LINE = re.compile(r"^const BUILD = \{.*\};$", re.MULTILINE)
_UNVERSIONED = {OFFLINE_LIST, "sitemap.xml.gz"}  # derived from the rest, or gzip with a timestamp inside


class OfflineError(RuntimeError):
    """The built site lacks what offline support needs."""


def language_prefix(lang: str) -> str:
    """Where a language's pages live below the site root: '' for the default language, else 'en/'."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def site_version(site_dir: Path) -> str:
    """A short hash of every published file, so any change to the site names new caches."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        if path.name in _UNVERSIONED:
            continue
        content = path.read_bytes()
        if path.name == SERVICE_WORKER:  # its own source counts, not what a previous stamp wrote into it
            content = _BUILD_LINE.sub("", content.decode("utf-8")).encode("utf-8")
        digest.update(path.relative_to(site_dir).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()[:12]


class _Assets(HTMLParser):
    """Collects the local stylesheet, script, icon, manifest and image URLs of one page."""

    RELS = {"stylesheet", "icon", "manifest", "apple-touch-icon"}

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and self.RELS & set((a.get("rel") or "").split()):
            self.urls.append(a.get("href") or "")
        elif tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"] or "")


def _resolve(page_dir: str, url: str) -> str | None:
    """A URL as a path from the site root, or None for another origin or a data: URL."""
    if not url or re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.IGNORECASE):
        return None
    url = url.split("#", 1)[0].split("?", 1)[0]
    joined = url.lstrip("/") if url.startswith("/") else normpath(f"{page_dir}/{url}" if page_dir else url)
    return None if joined.startswith("..") else joined


# The site's own scripts and styles (docs/assets/), the feature modules too (docs/assets/hb/): a page saved for offline
# is fetched without them, so they are all precached, whichever pages load them. Material's own files are in
# subfolders of assets/ and come in through the home pages.
OWN_ASSETS = ("assets/*.js", "assets/*.css", "assets/hb/*.js")


def shell_files(site_dir: Path) -> list[str]:
    """What pages need besides themselves: the files the language home pages load, the icons their manifests name,
    and every script and style of the site's own."""
    found: set[str] = {p.relative_to(site_dir).as_posix() for pattern in OWN_ASSETS for p in site_dir.glob(pattern)}
    for lang in LANGUAGES:
        prefix = language_prefix(lang).rstrip("/")
        home = site_dir / prefix / "index.html"
        if not home.is_file():
            continue
        parser = _Assets()
        parser.feed(home.read_text(encoding="utf-8"))
        for url in parser.urls:
            rel = _resolve(prefix, url)
            if rel and (site_dir / rel).is_file():
                found.add(rel)
    for manifest in [f for f in found if f.endswith(".webmanifest")]:
        base = manifest.rpartition("/")[0]
        for icon in json.loads((site_dir / manifest).read_text(encoding="utf-8")).get("icons", []):
            rel = _resolve(base, icon.get("src", ""))
            if rel and (site_dir / rel).is_file():
                found.add(rel)
    return sorted(found)


def section_pages(site_dir: Path, lang: str) -> dict[str, list[str]]:
    """Each record section's index page and record pages in one language, as paths from the site root."""
    prefix = language_prefix(lang)
    sections: dict[str, list[str]] = {}
    for kind in KINDS:
        folder = site_dir / prefix / kind.folder
        if not (folder / "index.html").is_file():
            continue
        pages = sorted(d.name for d in folder.iterdir() if (d / "index.html").is_file())
        sections[kind.folder] = [f"{prefix}{kind.folder}/", *(f"{prefix}{kind.folder}/{name}/" for name in pages)]
    return sections


def search_files(site_dir: Path, lang: str) -> list[str]:
    """Every Pagefind file a search in this language can ask for, and the query vocabulary."""
    pagefind = site_dir / "pagefind"
    entry_path = pagefind / "pagefind-entry.json"
    if not entry_path.is_file():
        raise OfflineError(f"{entry_path} is missing: build the search index before offline support")
    index = json.loads(entry_path.read_text(encoding="utf-8"))["languages"].get(lang)
    if index is None:
        return []
    # Pagefind searches in its own web worker (pagefind-worker.js), which the service worker also answers offline.
    files = ["pagefind/pagefind.js", "pagefind/pagefind-worker.js", "pagefind/pagefind-entry.json",
             f"pagefind/pagefind.{index['hash']}.pf_meta", f"pagefind/wasm.{index['wasm'] or 'unknown'}.pagefind"]
    for sub, suffix in (("index", "pf_index"), ("fragment", "pf_fragment"), ("filter", "pf_filter")):
        files += sorted(f"pagefind/{sub}/{p.name}" for p in (pagefind / sub).glob(f"{lang}_*.{suffix}"))
    terms = f"{language_prefix(lang)}search-terms.json"
    if (site_dir / terms).is_file():
        files.append(terms)
    return [f for f in files if (site_dir / f).is_file()]


def offline_page_wording(lang: str) -> dict[str, str]:
    """What the service worker's "not saved on this device" page says in one language, and where that language's
    pages live (the worker cannot read a page's #hb-strings, so the build writes this into it)."""
    t = LABELS[lang]
    return {"lang": lang, "prefix": language_prefix(lang), "title": t["sw_offline_title"],
            "text": wording(lang, "sw_offline_text", button=t["save_offline"]), "home": t["nav_home"]}


def stamp_service_worker(site_dir: Path, version: str) -> None:
    """Write the build's version, shell and home pages, and each language's offline-page wording, into sw.js."""
    path = site_dir / SERVICE_WORKER
    if not path.is_file():
        raise OfflineError(f"{path} is missing: docs/{DEFAULT_LANGUAGE}/{SERVICE_WORKER} should be published at the site root")
    built = [lang for lang in LANGUAGES if (site_dir / language_prefix(lang) / "index.html").is_file()]
    build = json.dumps({"version": version, "shell": shell_files(site_dir), "pages": [language_prefix(lang) for lang in built],
                        "languages": [offline_page_wording(lang) for lang in built]}, ensure_ascii=False)
    source = path.read_text(encoding="utf-8")
    stamped, count = _BUILD_LINE.subn(lambda _: f"const BUILD = {build};", source, count=1)
    if count != 1:
        raise OfflineError(f"{path} has no 'const BUILD = {{...}};' line to stamp")
    path.write_text(stamped, encoding="utf-8")


def write_offline_support(site_dir: Path) -> str:
    """Stamp the service worker and write each language's offline.json; return the version."""
    version = site_version(site_dir)
    stamp_service_worker(site_dir, version)
    for lang in LANGUAGES:
        home = site_dir / language_prefix(lang)
        if not (home / "index.html").is_file():
            continue
        listing = {"version": version, "sections": section_pages(site_dir, lang), "search": search_files(site_dir, lang)}
        (home / OFFLINE_LIST).write_text(json.dumps(listing, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return version
