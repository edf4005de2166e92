"""Per-page HTML grows with the page's own section, never with the whole site: a record's nav shows its section's
pages and the other sections' index links, while previous/next links and the language switcher keep working."""
from __future__ import annotations

import re

from conftest import ROOT
from handbook.kinds import KINDS
from handbook.navigation import GUIDE_PAGES
from handbook.synthetic import generate
from handbook.validate import load_content


def primary_nav(html: str) -> str:
    return html.split('class="md-nav md-nav--primary"', 1)[1].split("md-sidebar--secondary", 1)[0]


def nav_links(html: str) -> list[str]:
    """Page links of the primary nav (the current page's table of contents left out)."""
    return [h for h in re.findall(r'<a href="([^"]+)" class="md-nav__link', primary_nav(html)) if not h.startswith("#")]


def test_record_page_nav_lists_its_own_section_only(built_site):
    """A procedure's drawer lists every procedure (the next one is a tap away) but no record of another section."""
    html = (built_site / "procedures" / "claims-assistance" / "index.html").read_text(encoding="utf-8")
    links = nav_links(html)
    siblings = sorted(d.name for d in (built_site / "procedures").iterdir() if d.is_dir())
    listed = sorted(m for link in links if (m := re.fullmatch(r"\.\./([a-z0-9-]+)/", link) and link[3:-1]))
    assert listed == [s for s in siblings if s != "claims-assistance"], "every other procedure, once"
    assert links.count("./") == 1, "the current page"
    assert not [link for link in links if re.fullmatch(r"\.\./\.\./(glossary|exclusions|standards)/[a-z0-9-]+/", link)], \
        "no record of another section"
    # home, each section (its header link and the phone drawer's copy), the section's pages, the guide pages, and the
    # key facts and deadline calculator pages
    assert len(links) <= 1 + 2 * len(KINDS) + len(siblings) + len(GUIDE_PAGES) + 2
    assert "md-nav__link--active" in primary_nav(html)
    assert re.search(r'class="md-footer__link md-footer__link--prev"', html) and re.search(r'class="md-footer__link md-footer__link--next"', html)
    assert 'hreflang="en"' in html and "/en/procedures/claims-assistance/" in html


def test_section_index_still_lists_every_record(built_site):
    html = (built_site / "en" / "glossary" / "index.html").read_text(encoding="utf-8")
    listed = len(re.findall(r'class="hb-index__item"', html))
    assert listed == len([d for d in (built_site / "en" / "glossary").iterdir() if d.is_dir()])


def test_synthetic_records_are_valid_for_every_kind(tmp_path):
    counts = generate(tmp_path / "data", 40)
    assert set(counts) == {k.folder for k in KINDS} and sum(counts.values()) >= 40
    content = load_content(tmp_path / "data", ROOT)
    assert content.errors == []
    assert {r.folder for r in content.records} == {k.folder for k in KINDS}
