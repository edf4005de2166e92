"""Which scripts and styles a generated page loads besides the site-wide ones (mkdocs.yml `extra_javascript`,
`extra_css`): written into the page's front matter as `hb_scripts` / `hb_styles` and read by overrides/main.html.

Names are paths below docs/assets/. Scripts under `hb/` are ES modules, one per feature (`docs/assets/hb/`); the
others are classic scripts. A page names only what its markup uses; `tests/test_modules.py` checks both ways."""
from __future__ import annotations

from dataclasses import dataclass

MODULE_FOLDER = "hb/"


@dataclass(frozen=True)
class PageAssets:
    """Scripts and styles a page loads besides the site-wide ones (from docs/assets/)."""
    scripts: tuple[str, ...] = ("freshness.js",)
    styles: tuple[str, ...] = ("freshness.css",)

    def plus(self, scripts: tuple[str, ...] = (), styles: tuple[str, ...] = ()) -> PageAssets:
        """These assets and some more, each named once, in order."""
        return PageAssets(tuple(dict.fromkeys(self.scripts + scripts)), tuple(dict.fromkeys(self.styles + styles)))


NONE = PageAssets((), ())

# The feature modules (docs/assets/hb/) and the markup each one works on.
FILL_IN = "hb/fill.js"          # .hb-fillable: letters and forms
CHECKLIST = "hb/checklist.js"   # .hb-checklist
COURSE = "hb/course.js"         # .hb-quiz and [data-course-print]: the course page
HANDOUT = "hb/handout.js"       # .hb-handout-bar: pages printed as a handout
OFFLINE = "hb/offline.js"       # .hb-offline: "save this section for offline use" on section index pages
CATALOGUE = "hb/catalogue.js"   # [data-catalogue]: the exclusions index's filters

_RECORD_EXTRAS: dict[str, PageAssets] = {
    "letter": PageAssets((FILL_IN,), ()),
    "form": PageAssets((FILL_IN,), ()),
    "checklist": PageAssets((CHECKLIST,), ()),
    "course": PageAssets((COURSE,), ()),
    "procedure": PageAssets((HANDOUT,), ()),
    "script": PageAssets((HANDOUT,), ()),
    "flow": PageAssets(("flows.js",), ("flows.css",)),
}
_INDEX_EXTRAS: dict[str, PageAssets] = {"exclusion": PageAssets((CATALOGUE,), ())}


def page_assets(kind: str) -> PageAssets:
    """What a record page of this kind loads: the freshness marks every record page has, and its kind's features."""
    extra = _RECORD_EXTRAS.get(kind, NONE)
    return PageAssets().plus(extra.scripts, extra.styles)


def index_assets(kind: str) -> PageAssets:
    """What a section index page loads: the freshness marks, "save for offline", and its kind's own features."""
    extra = _INDEX_EXTRAS.get(kind, NONE)
    return PageAssets().plus((OFFLINE, *extra.scripts), extra.styles)


FACTS_PAGE_ASSETS = PageAssets((HANDOUT,), ())
