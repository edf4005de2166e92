"""Every page of the built site, both languages: links and anchors, valid HTML, accessibility, interface language."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import PHONE, ROOT
from handbook.kinds import LANGUAGES
from handbook.navigation import site_nav
from sitepages import (HARMLESS_SCHEMES, Link, SitePage, is_chinese, is_english_only, language_of, language_root,
                       resolve, scan_site, target_file)

CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
SITE_HOST = urlsplit(CONFIG["site_url"]).netloc
I18N = next(p["i18n"] for p in CONFIG["plugins"] if isinstance(p, dict) and "i18n" in p)["languages"]
SITE_NAMES = {lang["locale"]: lang.get("site_name", CONFIG["site_name"]) for lang in I18N}
LANGUAGE_NAMES = {lang["locale"]: lang["name"] for lang in I18N}
SEARCH = {"zh": "搜索", "en": "Search"}
DIRECTIONS = {"zh": ("上一页", "下一页"), "en": ("Previous", "Next")}
ENTITY = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", re.I)
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Started in a later task, so that evaluate() returns at once and the other page can load meanwhile.
AXE_START = """options => {
  window.__hbAxe = new Promise(go => setTimeout(go, 0))
    .then(() => axe.run(document, options))
    .then(result => result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .flatMap(v => v.nodes.map(n => `${v.id} (${v.impact}) at ${n.target.join(" ")}`)));
}"""
# WCAG 2.x A and AA rules, plus the best-practice rules that can report a serious or critical problem: the other
# best-practice rules (region, landmarks, heading order…) report at most "moderate", which this test does not fail on,
# and leaving them out keeps 500+ pages within a few minutes.
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "rules": {rule: {"enabled": True} for rule in ("accesskeys", "aria-dialog-name", "aria-text", "aria-treeitem-name",
                                                   "frame-tested", "label-title-only", "tabindex")},
}


def report(problems: list[str], limit: int = 60) -> str:
    """A failure message that lists the first problems and counts the rest."""
    more = f"\n… and {len(problems) - limit} more" if len(problems) > limit else ""
    return f"{len(problems)} problem(s):\n" + "\n".join(problems[:limit]) + more


@pytest.fixture(scope="session")
def site_pages(built_site: Path) -> dict[str, SitePage]:
    """Every HTML page of the built site, parsed once."""
    pages = scan_site(built_site)
    assert {p.lang for p in pages.values()} == set(LANGUAGES)
    return pages


def page_at(pages: dict[str, SitePage], path: str) -> SitePage | None:
    """The page served at a site path (a folder path with or without its trailing slash)."""
    return pages.get(path) or pages.get(path.rstrip("/") + "/")


def is_external(value: str) -> bool:
    """An http(s) link to another host than the site's own."""
    parts = urlsplit(value)
    return (parts.scheme in ("http", "https") or value.startswith("//")) and parts.netloc != SITE_HOST


def test_every_page_is_valid_html(site_pages):
    problems = [f"{p.file}: {e}" for p in site_pages.values() for e in p.errors]
    assert problems == [], report(problems)


def link_problem(site: Path, pages: dict[str, SitePage], page: SitePage, link: Link) -> str | None:
    """What is wrong with one same-site link (a missing file, a missing id, a path above the root), if anything."""
    parts = urlsplit(link.value)
    harmless = parts.scheme in HARMLESS_SCHEMES or (parts.scheme == "javascript" and link.attr == "action")
    if harmless or is_external(link.value):
        return None
    where = f"{page.file}: <{link.tag} {link.attr}={link.value!r}>"
    if parts.scheme not in ("", "http", "https"):
        return f"{where} uses the {parts.scheme}: scheme"
    resolved = resolve(page.url, parts._replace(scheme="", netloc="").geturl())
    if resolved is None:
        return f"{where} climbs above the site root"
    path, fragment = resolved
    if not target_file(site, path, link.attr).is_file():
        return f"{where} points to {path}, which does not exist"
    target = page_at(pages, path)
    if fragment and target is not None and fragment not in target.ids:
        return f"{where}: {target.file} has no id {fragment!r}"
    return None


def test_internal_links_and_anchors_resolve(built_site, site_pages):
    problems = [p for page in site_pages.values() for link in page.links
                if (p := link_problem(built_site, site_pages, page, link)) is not None]
    assert problems == [], report(problems)


def test_external_links_only_in_record_sources(site_pages):
    problems, sources = [], 0
    for page in site_pages.values():
        for link in (k for k in page.links if is_external(k.value)):
            if link.in_sources and link.tag == "a" and link.attr == "href":
                sources += 1
            else:
                problems.append(f"{page.file}: <{link.tag} {link.attr}={link.value!r}> outside a record's sources list")
    assert problems == [], report(problems)
    assert sources > 0, "the records' sources lists link to their sources"


def wording_problems(page: SitePage) -> list[str]:
    """Interface words in the other language, escaped twice, or not the expected labels."""
    lang, chrome, at = page.lang, page.chrome, page.file
    problems = [f"{at}: {where} {text!r} is not in the page's language" for where, text in chrome.texts
                if (is_english_only(text) if lang == "zh" else is_chinese(text))]
    problems += [f"{at}: {text!r} was escaped twice" for text in (*(t for _, t in chrome.texts), *chrome.footer_labels)
                 if ENTITY.search(text)]
    expected = {"<html lang>": (page.html_lang, lang), "site name": (chrome.site_name, SITE_NAMES[lang]),
                "search button": (chrome.search_button, SEARCH[lang]),
                "search dialog": (chrome.dialog_label, SEARCH[lang])}
    problems += [f"{at}: {what} is {got!r}, expected {want!r}" for what, (got, want) in expected.items() if got != want]
    problems += [f"{at}: footer says {d!r}" for d in chrome.footer_directions if d not in DIRECTIONS[lang]]
    problems += [f"{at}: footer link named {label!r}" for label in chrome.footer_labels
                 if not label.startswith(tuple(f"{d}: " for d in DIRECTIONS[lang]))]
    sections = [next(iter(item)) if isinstance(item, dict) else item for item in site_nav([], lang)]
    problems += [f"{at}: the navigation has no section {s!r}" for s in sections if s not in chrome.nav_labels]
    return problems


def switcher_problems(page: SitePage, pages: dict[str, SitePage]) -> list[str]:
    """The language switcher names both languages and leads to this page in the other language (404: to the homes)."""
    switcher, at = page.chrome.switcher, page.file
    problems = [] if {hreflang: name for hreflang, _, name in switcher} == LANGUAGE_NAMES else [
        f"{at}: the language switcher offers {switcher}"]
    for hreflang, href, _ in switcher:
        resolved = resolve(page.url, href)
        target = page_at(pages, resolved[0]) if resolved else None
        if page.file.endswith("404.html"):
            wanted: SitePage | None = pages[language_root(hreflang)]
        else:
            wanted = page if hreflang == page.lang else None
        if target is None or target.lang != hreflang or (wanted is not None and target is not wanted):
            landing = target.file if target else "nowhere"
            problems.append(f"{at}: the {hreflang} switcher link {href!r} leads to {landing}")
    for link in (k for k in page.links if k.attr == "data-terms" or k.value.endswith("manifest.webmanifest")):
        resolved = resolve(page.url, link.value)
        if resolved is None or language_of(resolved[0]) != page.lang:
            problems.append(f"{at}: {link.attr}={link.value!r} is not this language's file")
    return problems


def test_interface_is_in_the_page_language(site_pages):
    problems = [p for page in site_pages.values() for p in wording_problems(page) + switcher_problems(page, site_pages)]
    assert problems == [], report(problems)


def axe_sweep(pages: list, base: str, paths: list[str]) -> dict[str, list[str]]:
    """Run axe on every path, keeping each page busy: while one page is audited, the other loads the next path."""
    queue, pending, found = iter(paths), {}, {}

    def start(page, path: str) -> None:
        page.goto(base + path, wait_until="domcontentloaded")
        page.evaluate(AXE_START, AXE_OPTIONS)
        pending[page] = path

    for page in pages:
        path = next(queue, None)
        if path is not None:
            start(page, path)
    while pending:
        for page in list(pending):
            found[pending.pop(page)] = page.evaluate("() => window.__hbAxe")
            path = next(queue, None)
            if path is not None:
                start(page, path)
    return found


def test_no_serious_accessibility_violations_on_any_page(browser, server, site_pages):
    """axe-core on every page at 390×844 in light mode: no violation of impact serious or critical."""
    assert AXE.is_file(), "axe-core is missing: run `npm ci --omit=dev` (make test does)"
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True,
                                  color_scheme="light", service_workers="block")
    context.add_init_script(path=str(AXE))
    try:
        paths = sorted(site_pages)
        found = axe_sweep([context.new_page(), context.new_page()], server, paths)
    finally:
        context.close()
    assert sorted(found) == paths
    problems = [f"{path}: {v}" for path, violations in found.items() for v in violations]
    assert problems == [], report(problems)


# One page of every kind, in both languages: records, section indexes, the exclusions catalogue, What's new, guides,
# the generated facts, deadlines and status pages, a guided decision, 404.
PAGE_KINDS = {
    "home": "/", "standard": "/standards/renewal-reminder/", "procedure": "/procedures/claims-assistance/",
    "script": "/scripts/renewal-reminder-call/", "letter": "/letters/renewal-premium-notice/", "form": "/forms/visit-record/",
    "checklist": "/checklists/claim-docs-death/", "exclusion": "/exclusions/grace-period-lapse/",
    "glossary": "/glossary/grace-period/", "course": "/courses/new-staff-onboarding/", "index": "/procedures/",
    "catalogue": "/exclusions/", "whats-new": "/whats-new/", "guide": "/using-on-a-phone/", "404": "/404.html",
    "flow": "/flows/claim-refusal-risk/", "facts": "/facts/", "deadlines": "/deadlines/", "status": "/status/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_every_page_kind_passes_axe_in_light_and_dark(browser, server, kind, scheme):
    """axe-core at 390×844 in Material's default and slate schemes, both languages, with the letter's and the form's
    error messages showing: no serious or critical violation (dark mode is where contrast failed)."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True,
                                  color_scheme=scheme, service_workers="block")
    context.add_init_script(path=str(AXE))
    problems = []
    try:
        page = context.new_page()
        for prefix in ("", "/en"):
            page.goto(server + prefix + PAGE_KINDS[kind])
            page.wait_for_load_state("networkidle")
            assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == (
                "slate" if scheme == "dark" else "default")
            if kind in ("letter", "form"):  # show the error summary and messages, which must pass too
                page.evaluate("() => { window.print = () => {}; }")
                page.locator(".hb-fillable input[type=text], .hb-fillable input:not([type])").first.fill("x")
                page.click(".hb-fillable [data-action=print]")
                assert page.locator(".hb-error-summary").count() == 1
                # the summary scrolls into view and the header fades to the page title: audit the settled page
                page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
            page.evaluate(AXE_START, AXE_OPTIONS)
            problems += [f"{prefix}{PAGE_KINDS[kind]}: {v}" for v in page.evaluate("() => window.__hbAxe")]
    finally:
        context.close()
    assert problems == [], report(problems)
