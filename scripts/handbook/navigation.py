"""The site navigation per language: home, one section per kind (index first), then the guide pages."""
from __future__ import annotations

from .collate import by_title
from .kinds import KINDS
from .labels import LABELS
from .model import Record

NavItem = str | dict[str, "str | list[NavItem]"]

# The guide pages after the sections, each with its navigation label's key (`nav_<page>` in the catalogues).
GUIDE_PAGES: tuple[str, ...] = ("whats-new.md", "status.md", "using-on-a-phone.md", "about.md")


def nav_label_key(page: str) -> str:
    """The catalogue key of a page's navigation label: `nav_whats-new` for whats-new.md."""
    return "nav_" + page.removesuffix(".md")


FACTS_PAGE = "facts.md"
DEADLINES_PAGE = "deadlines.md"


def site_nav(records: list[Record], lang: str, facts_page: bool = False) -> list[NavItem]:
    """MkDocs `nav` for one language; paths are relative to that language's folder."""
    nav: list[NavItem] = [{LABELS[lang]["nav_home"]: "index.md"}]
    if facts_page:  # the deadline calculator counts with the facts: both pages or neither
        nav.append({LABELS[lang]["facts_title"]: FACTS_PAGE})
        nav.append({LABELS[lang]["dl_title"]: DEADLINES_PAGE})
    for kind in KINDS:
        listed = by_title((r for r in records if r.folder == kind.folder and r.status != "retired"), lang)
        nav.append({kind.title(lang): [f"{kind.folder}/index.md", *(f"{r.folder}/{r.id}.md" for r in listed)]})
    for path in GUIDE_PAGES:
        nav.append({LABELS[lang][nav_label_key(path)]: path})
    return nav
