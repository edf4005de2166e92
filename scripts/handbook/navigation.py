"""The site navigation per language: home, one section per kind (index first), then the guide pages."""
from __future__ import annotations

from .collate import by_title
from .kinds import KINDS
from .labels import LABELS
from .model import Record

NavItem = str | dict[str, "str | list[NavItem]"]

GUIDE_PAGES: tuple[tuple[str, str, str], ...] = (
    ("whats-new.md", "最近更新", "What's new"),
    ("status.md", "复核状态", "Review status"),
    ("using-on-a-phone.md", "在手机上使用", "Using on a phone"),
    ("about.md", "关于这些标准", "About these standards"),
)


FACTS_PAGE = "facts.md"
DEADLINES_PAGE = "deadlines.md"


def site_nav(records: list[Record], lang: str, facts_page: bool = False) -> list[NavItem]:
    """MkDocs `nav` for one language; paths are relative to that language's folder."""
    nav: list[NavItem] = [{("首页" if lang == "zh" else "Home"): "index.md"}]
    if facts_page:  # the deadline calculator counts with the facts: both pages or neither
        nav.append({LABELS[lang]["facts_title"]: FACTS_PAGE})
        nav.append({LABELS[lang]["dl_title"]: DEADLINES_PAGE})
    for kind in KINDS:
        listed = by_title((r for r in records if r.folder == kind.folder and r.status != "retired"), lang)
        nav.append({kind.title(lang): [f"{kind.folder}/index.md", *(f"{r.folder}/{r.id}.md" for r in listed)]})
    for path, zh, en in GUIDE_PAGES:
        nav.append({(zh if lang == "zh" else en): path})
    return nav
