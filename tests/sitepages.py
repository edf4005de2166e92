"""Read every HTML page of a built site once: parse errors, ids, links and the interface text around the content."""
from __future__ import annotations

import posixpath
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

import html5lib

from handbook.kinds import DEFAULT_LANGUAGE, LANGUAGES

URL_ATTRIBUTES = ("href", "src", "action", "poster", "data-root", "data-list", "data-terms", "data-pagefind-path")
HARMLESS_SCHEMES = ("mailto", "tel", "data")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class Link:
    tag: str
    attr: str
    value: str
    in_sources: bool


@dataclass(frozen=True)
class Chrome:
    """The interface around a page's content, as (where, text) pairs plus the values checked one by one."""
    texts: tuple[tuple[str, str], ...]
    site_name: str
    search_button: str
    dialog_label: str
    footer_directions: tuple[str, ...]
    footer_labels: tuple[str, ...]
    switcher: tuple[tuple[str, str, str], ...]
    nav_labels: tuple[str, ...]


@dataclass(frozen=True)
class SitePage:
    file: str
    url: str
    lang: str
    html_lang: str
    errors: tuple[str, ...]
    ids: frozenset[str]
    links: tuple[Link, ...]
    chrome: Chrome


def url_of(file: str) -> str:
    """The URL path a file is served at: `en/x/index.html` -> `/en/x/`."""
    return "/" + (file[: -len("index.html")] if file.endswith("index.html") else file)


def language_root(lang: str) -> str:
    """Where a language's pages live: `/` for the default language, `/<lang>/` for the others."""
    return "/" if lang == DEFAULT_LANGUAGE else f"/{lang}/"


def language_of(url: str) -> str:
    """The language of the page at this URL path, by its folder."""
    others = (lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE and url.startswith(language_root(lang)))
    return next(others, DEFAULT_LANGUAGE)


def classes(el: Element) -> set[str]:
    """The element's class names."""
    return set((el.get("class") or "").split())


def walk(el: Element, skip: Callable[[Element], bool] = lambda e: False) -> Iterator[Element]:
    """Elements under el (el included) in document order, leaving out every subtree skip() is true for."""
    if skip(el):
        return
    yield el
    for child in el:
        if isinstance(child.tag, str):
            yield from walk(child, skip)


def find(root: Element, test: Callable[[Element], bool]) -> list[Element]:
    """Every element under root that passes test."""
    return [el for el in root.iter() if isinstance(el.tag, str) and test(el)]


def has_class(name: str) -> Callable[[Element], bool]:
    """A test for find(): the element has this class."""
    return lambda el: name in classes(el)


def text_of(el: Element) -> str:
    """The element's text with whitespace collapsed."""
    return " ".join("".join(el.itertext()).split())


def strings(el: Element, where: str, skip: Callable[[Element], bool] = lambda e: False) -> list[tuple[str, str]]:
    """Visible and announced words under el: text nodes and title/aria-label/placeholder/alt attributes."""
    found: list[tuple[str, str]] = []
    for node in walk(el, lambda e: skip(e) or e.tag in ("script", "style") or e.tag.endswith("}svg")):
        for attr in ("title", "aria-label", "placeholder", "alt"):
            if node.get(attr):
                found.append((f"{where} [{attr}]", node.get(attr, "")))
        for text in (node.text, *(child.tail for child in node)):
            if text and text.strip():
                found.append((where, " ".join(text.split())))
    return found


def _page_title(el: Element) -> bool:
    """The header's page title and the switcher's language names (each in its own language)."""
    return el.get("data-md-component") == "header-topic" or "md-select__list" in classes(el)


def _content(el: Element) -> bool:
    """Parts of the navigation and footer that show page titles (content) rather than interface words."""
    return bool(classes(el) & {"md-nav--secondary", "md-nav__link--active", "md-footer__link"})


def _chrome(root: Element) -> Chrome:
    """The header, navigation, footer, search dialog, skip link, back-to-top button and table-of-contents title."""
    header = find(root, lambda e: e.tag == "header" and "md-header" in classes(e))
    nav = find(root, lambda e: e.tag == "nav" and "md-nav--primary" in classes(e))
    footer = find(root, lambda e: e.tag == "footer")
    dialog = find(root, lambda e: e.get("id") == "hb-search")
    controls = find(root, lambda e: bool(classes(e) & {"md-skip", "md-top"}))
    tocs = find(root, lambda e: "md-nav--secondary" in classes(e))
    texts: list[tuple[str, str]] = []
    for el in header:
        texts += strings(el, "header", _page_title)
    for el in nav:
        texts += strings(el, "nav", _content)
    for el in footer:
        texts += strings(el, "footer", _content)
        texts += [("footer", text_of(x)) for x in find(el, has_class("md-footer__direction"))]
    for el in dialog:
        texts += strings(el, "search dialog")
    for el in controls:
        texts += strings(el, "page controls")
    for el in tocs:
        texts += [("table of contents [aria-label]", el.get("aria-label", ""))]
        texts += [("table of contents", text_of(x)) for x in el if "md-nav__title" in classes(x)]
    topic = find(root, lambda e: "md-header__topic" in classes(e) and e.get("data-md-component") is None)
    button = find(root, lambda e: e.get("data-hb-search-open") is not None)
    return Chrome(
        texts=tuple(t for t in texts if t[1]),
        site_name=text_of(topic[0]) if topic else "",
        search_button=button[0].get("aria-label", "") if button else "",
        dialog_label=dialog[0].get("aria-label", "") if dialog else "",
        footer_directions=tuple(text_of(x) for x in find(root, has_class("md-footer__direction"))),
        footer_labels=tuple(x.get("aria-label", "") for x in find(root, has_class("md-footer__link"))),
        switcher=tuple((a.get("hreflang", ""), a.get("href", ""), text_of(a))
                       for a in find(root, has_class("md-select__link"))),
        nav_labels=tuple(text_of(x) for n in nav for x in walk(n, lambda e: "md-nav--secondary" in classes(e))
                         if "md-ellipsis" in classes(x)),
    )


def _links(root: Element) -> tuple[Link, ...]:
    """Every URL-valued attribute, marked when it sits in a record's sources list."""
    sources = {id(el) for ol in find(root, lambda e: e.tag == "ol" and "hb-sources" in classes(e)) for el in ol.iter()}
    elements = (el for el in root.iter() if isinstance(el.tag, str))
    return tuple(Link(el.tag.split("}")[-1], attr, el.get(attr, ""), id(el) in sources)
                 for el in elements for attr in URL_ATTRIBUTES if el.get(attr) is not None)


def scan_page(site: str, file: str) -> SitePage:
    """Parse one page with html5lib (collecting every parse error) and read what the site-wide checks need."""
    data = (Path(site) / file).read_bytes()
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    root = parser.parse(data)
    errors = tuple(f"line {line}, column {col}: {code} {params or ''}".strip()
                   for (line, col), code, params in parser.errors)
    ids = frozenset(el.get("id", "") for el in root.iter() if isinstance(el.tag, str) and el.get("id"))
    names = frozenset(el.get("name", "") for el in root.iter() if el.tag == "a" and el.get("name"))
    url = url_of(file)
    html_lang = root.get("lang", "") if root.tag == "html" else ""
    return SitePage(file=file, url=url, lang=language_of(url), html_lang=html_lang,
                    errors=errors, ids=ids | names, links=_links(root), chrome=_chrome(root))


def _scan(job: tuple[str, str]) -> SitePage:
    return scan_page(*job)


def scan_site(site: Path, workers: int = 2) -> dict[str, SitePage]:
    """Every HTML page of the site by URL path, parsed on `workers` processes."""
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pages = list(pool.map(_scan, [(str(site), f) for f in files], chunksize=16))
    return {p.url: p for p in pages}


def resolve(page_url: str, value: str) -> tuple[str, str] | None:
    """The site path and fragment a same-site reference points to; None if it climbs above the site root."""
    parts = urlsplit(value)
    path = unquote(parts.path) or page_url
    if not path.startswith("/"):
        path = page_url[: page_url.rfind("/") + 1] + path
    kept: list[str] = []
    for segment in path.split("/")[1:]:
        if segment == "..":
            if not kept:
                return None
            kept.pop()
        elif segment not in (".", ""):
            kept.append(segment)
    folder = bool(kept) and path.endswith(("/", "/.", "/.."))
    return "/" + "/".join(kept) + ("/" if folder else ""), unquote(parts.fragment)


def target_file(site: Path, path: str, attr: str) -> Path:
    """The file a site path is served from (a folder serves its index.html; Pagefind's folder its pagefind.js)."""
    target = site / path.lstrip("/")
    if attr == "data-pagefind-path":
        return target / "pagefind.js"
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def is_chinese(text: str) -> bool:
    """The text holds Chinese characters or full-width punctuation."""
    return bool(CJK.search(text))


def is_english_only(text: str) -> bool:
    """Latin words and no Chinese at all: English interface text."""
    return bool(LATIN_WORD.search(text)) and not is_chinese(text)
