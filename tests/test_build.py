"""The real site: strict build, one page per record per language, nav, search index, no third-party URLs."""
from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from handbook.kinds import KINDS
from tests.support.content import shipped_content

CONTENT = shipped_content()
RECORDS = CONTENT.records


def page(site, lang, path):
    prefix = "" if lang == "zh" else "en/"
    return (site / f"{prefix}{path}" / "index.html").read_text(encoding="utf-8")


def test_every_record_has_a_page_in_both_languages(built_site):
    for record in RECORDS:
        zh = page(built_site, "zh", f"{record.folder}/{record.id}")
        en = page(built_site, "en", f"{record.folder}/{record.id}")
        assert '<html lang="zh"' in zh and '<html lang="en"' in en
        assert record.title("zh").split("（")[0][:6] in zh
        assert 'hreflang="en"' in zh and f"/en/{record.folder}/{record.id}/" in zh


def test_each_kind_index_lists_its_records(built_site):
    for kind in KINDS:
        for lang in ("zh", "en"):
            html = page(built_site, lang, kind.folder)
            for record in (r for r in RECORDS if r.folder == kind.folder and r.status != "retired"):
                assert f'href="../{record.folder}/{record.id}/"' in html or f'href="{record.id}/"' in html, (kind.folder, record.id)


def test_record_pages_are_in_the_nav(built_site):
    for record in RECORDS[:: max(1, len(RECORDS) // 40)]:
        html = page(built_site, "zh", f"{record.folder}/{record.id}")
        nav = html.split('class="md-nav md-nav--primary"', 1)[1].split('md-sidebar--secondary', 1)[0]
        assert "md-nav__link--active" in nav and record.title("zh")[:4] in nav


def test_search_index_has_both_languages(built_site):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    languages = entry["languages"]
    assert set(languages) >= {"zh", "en"}
    pages = sum(v["page_count"] for v in languages.values())
    assert pages >= 2 * len(RECORDS)


def test_no_third_party_resources_are_loaded(built_site):
    """No script, stylesheet, font, image or manifest is fetched from another origin (links to sources are fine)."""
    loads = re.compile(r"""<(?:script|img|iframe|source)[^>]+src=["'](https?:)?//|<link[^>]+href=["'](https?:)?//(?!127\.0\.0\.1)[^"']+["'][^>]*>""")
    offenders = []
    for path in built_site.rglob("*.html"):
        for m in loads.finditer(path.read_text(encoding="utf-8")):
            tag = m.group(0)
            if "<link" in tag and re.search(r'rel="(canonical|alternate)"', tag):
                continue
            offenders.append((path.relative_to(built_site).as_posix(), tag[:120]))
    for path in built_site.rglob("*.css"):
        if re.search(r"url\((['\"]?)https?://", path.read_text(encoding="utf-8", errors="replace")):
            offenders.append((path.relative_to(built_site).as_posix(), "url(http...)"))
    assert offenders == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tags_show_in_the_page_language(built_site, lang):
    """Pages and the catalogue's tag filter show a tag's name in the page's language, never its slug."""
    names = CONTENT.tag_names
    drink = CONTENT.by_ref()["exclusions/drink-driving"]
    html = page(built_site, lang, "exclusions/drink-driving")
    shown = re.findall(r'<span class="hb-tag"[^>]*>#([^<]+)</span>', html)
    assert shown == [names[tag](lang) for tag in drink.tags]
    catalogue = page(built_site, lang, "exclusions")
    options = dict(re.findall(r'<option value="([a-z0-9-]+)">([^<]+)</option>', catalogue))
    used = {tag for r in CONTENT.records if r.folder == "exclusions" for tag in r.tags}
    assert options == {tag: names[tag](lang) for tag in used}
    if lang == "zh":
        assert all(re.search(r"[\u4e00-\u9fff]", label) for label in options.values()), "Chinese names on Chinese pages"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_glossary_index_has_a_letter_bar_and_files_terms_under_their_initial(built_site, lang):
    from handbook.collate import initial

    html = page(built_site, lang, "glossary")
    bar = re.search(r'<nav class="hb-az"[^>]*>(.*?)</nav>', html, re.S).group(1)
    letters = re.findall(r'href="#az-(\w+)">', bar)
    assert letters == sorted(letters) and len(letters) >= 10
    assert all(f'id="az-{letter}"' in html for letter in letters), "every letter jumps to its heading"
    sections = re.split(r'<h2 class="hb-az__letter" id="az-(\w+)"', html)[1:]
    filed = {letter: re.findall(r'<strong>([^<]+)</strong>', body) for letter, body in zip(sections[::2], sections[1::2])}
    glossary = [r for r in RECORDS if r.folder == "glossary"]
    assert sum(len(titles) for titles in filed.values()) == len(glossary)
    for letter, titles in filed.items():
        assert all(initial(title, lang) == letter for title in titles), (letter, titles)
    if lang == "zh":
        assert "保全" in filed["B"] and "犹豫期" in filed["Y"]


def test_english_pages_name_the_owning_department_and_punctuate_in_english(built_site):
    """Records name their owner in Chinese; English pages show its English name and no full-width colon."""
    from handbook.labels import departments_en
    DEPARTMENTS_EN = departments_en()

    assert {r.owner for r in CONTENT.records} <= set(DEPARTMENTS_EN), "every owner in use has an English name"
    for ref in ("exclusions/drink-driving", "procedures/beneficiary-change", "courses/new-staff-onboarding"):
        record = CONTENT.by_ref()[ref]
        english = page(built_site, "en", ref)
        assert f"<dd>{DEPARTMENTS_EN[record.owner]}</dd>" in english and record.owner not in english
        assert f"<dd>{record.owner}</dd>" in page(built_site, "zh", ref)
    assert "Product lines: " in page(built_site, "en", "exclusions/drink-driving")
