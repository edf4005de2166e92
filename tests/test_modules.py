"""The site's scripts are feature modules (docs/assets/hb/), each loaded only by the pages whose markup it works on;
their wording comes from the catalogue (i18n/*.yml, keys js_*), never from a branch on the page's language."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from conftest import ROOT
from handbook.labels import LABELS
from handbook.page_assets import CATALOGUE, CHECKLIST, COURSE, FILL_IN, HANDOUT, OFFLINE

MODULES = ROOT / "docs" / "assets" / "hb"
EVERY_PAGE = ("hb/site.js", "hb/search.js")

# The markup each page-specific module works on: a page loads the module if and only if its HTML holds the markup.
MARKUP = {
    FILL_IN: re.compile(r'class="[^"]*\bhb-fillable\b'),
    CHECKLIST: re.compile(r'class="hb-checklist"'),
    COURSE: re.compile(r'class="hb-quiz"|data-course-print='),
    HANDOUT: re.compile(r'class="hb-handout-bar"'),
    OFFLINE: re.compile(r'class="hb-offline"'),
    CATALOGUE: re.compile(r"data-catalogue\b"),
}
SCRIPT_TAG = re.compile(r'<script src="([^"]+)"( type="module")?>')
IMPORT = re.compile(r'^import \{[^}]*\} from "\./([\w-]+\.js)";', re.MULTILINE)
KEY_USE = re.compile(r'\bT\.(js_\w+)|\bsay\("(js_\w+)"')
HAN = re.compile(r"[\u3400-\u9fff]")
STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def module_source(name: str) -> str:
    return (MODULES / name).read_text(encoding="utf-8")


def without_comments(source: str) -> str:
    """The code of a module without its /* */ comments (// is not used: URLs and regular expressions hold it)."""
    return re.sub(r"/\*.*?\*/", "", source, flags=re.DOTALL)


def all_modules() -> list[str]:
    names = sorted(p.name for p in MODULES.glob("*.js"))
    assert len(names) >= 8, names
    return names


# ---------- the modules' source: wording from the catalogue ----------

def test_every_key_a_module_uses_is_in_both_catalogues():
    used = {name: {a or b for a, b in KEY_USE.findall(module_source(name))} for name in all_modules()}
    assert {"js_search_results", "js_search_more", "js_money_format", "js_saved_copy"} <= set().union(*used.values()), \
        "the scan finds the keys the modules use"
    for lang, labels in LABELS.items():
        missing = {name: sorted(k for k in keys if k not in labels) for name, keys in used.items()}
        assert not any(missing.values()), f"keys missing in i18n/{lang}.yml: {missing}"


def test_the_scan_would_catch_a_missing_key():
    found = {a or b for a, b in KEY_USE.findall('x = T.js_no_such_key + say("js_other_missing", { n: 1 });')}
    assert found == {"js_no_such_key", "js_other_missing"} and not found & set(LABELS["zh"])


# Chinese in a module's code that is not interface wording, each with its reason.
NOT_WORDING = {
    # the filler words a query is searched without: a linguistic list, like the English one next to it
    "search.js": lambda source: source[source.index("var STOP_WORDS"):source.index("};", source.index("var STOP_WORDS"))],
    # amounts in capital numerals (人民币大写) are how Chinese paper writes money, whatever the page's language
    "fill.js": lambda source: source[source.index("var DIGITS"):source.index("window.hbCapitalAmount")],
}


@pytest.mark.parametrize("name", all_modules())
def test_no_module_holds_wording_of_its_own(name):
    """No string with Chinese outside the named exceptions, and no language test that picks between texts."""
    code = without_comments(module_source(name))
    if name in NOT_WORDING:
        exempt = NOT_WORDING[name](code)
        assert exempt and HAN.search(exempt), f"{name}: the exempt part is where it was"
        code = code.replace(exempt, "")
    chinese = [s for s in STRING.findall(code) if HAN.search(s)]
    assert not chinese, f"{name}: wording belongs in i18n/*.yml as js_* keys: {chinese}"
    assert not re.search(r'LANG\s*[!=]==\s*"(zh|en)"\s*\?', code), f"{name}: a language branch picks a text"


def test_a_module_imports_only_modules_that_exist():
    for name in all_modules():
        for imported in IMPORT.findall(module_source(name)):
            assert (MODULES / imported).is_file(), f"{name} imports {imported}"


# ---------- the built site: which page loads what ----------

def page_scripts(html: str) -> dict[str, bool]:
    """The page's scripts from docs/assets/ (path below assets/ → loaded as an ES module)."""
    found = {}
    for src, module in SCRIPT_TAG.findall(html):
        path = re.sub(r"^(?:\.\./)*/?", "", src)
        if path.startswith("assets/") and not path.startswith("assets/javascripts/"):
            found[path[len("assets/"):]] = bool(module)
    return found


def with_imports(names: list[str]) -> set[str]:
    """These modules and every module they import, transitively (what the browser fetches)."""
    todo, seen = list(names), set()
    while todo:
        name = todo.pop()
        if name in seen or not name.startswith("hb/"):
            continue
        seen.add(name)
        todo += [f"hb/{i}" for i in IMPORT.findall(module_source(name[3:]))]
    return seen


def html_pages(site: Path) -> list[Path]:
    pages = sorted(p for p in (*site.rglob("index.html"), site / "404.html", site / "en" / "404.html") if "pagefind" not in p.parts)
    assert len(pages) > 100
    return pages


SAMPLES = {
    "glossary": "glossary/grace-period/index.html",
    "letter": "letters/renewal-premium-notice/index.html",
    "form": "forms/customer-service-card/index.html",
    "checklist": "checklists/claim-docs-death/index.html",
    "course": "courses/new-staff-onboarding/index.html",
    "procedure": "procedures/renewal-reminder/index.html",
    "exclusions index": "exclusions/index.html",
    "home": "index.html",
}


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_each_kind_of_page_loads_its_own_modules_only(built_site, prefix):
    loaded = {kind: page_scripts((built_site / prefix / path).read_text(encoding="utf-8")) for kind, path in SAMPLES.items()}
    for kind, scripts in loaded.items():
        assert all(scripts.get(m) for m in EVERY_PAGE), f"{kind}: search and the device module load on every page, as modules"
    assert not {FILL_IN, COURSE, CHECKLIST, OFFLINE, CATALOGUE} & set(loaded["glossary"]), loaded["glossary"]
    assert loaded["letter"].get(FILL_IN) and loaded["form"].get(FILL_IN)
    assert loaded["course"].get(COURSE) and FILL_IN not in loaded["course"]
    assert loaded["checklist"].get(CHECKLIST) and FILL_IN not in loaded["checklist"]
    assert loaded["procedure"].get(HANDOUT) and FILL_IN not in loaded["procedure"]
    assert loaded["exclusions index"].get(CATALOGUE) and loaded["exclusions index"].get(OFFLINE)
    assert set(loaded["home"]) == set(EVERY_PAGE) | {"feedback.js"}, loaded["home"]


def test_every_page_loads_a_module_exactly_when_its_markup_is_there(built_site):
    problems = []
    for page in html_pages(built_site):
        html = page.read_text(encoding="utf-8")
        scripts = page_scripts(html)
        rel = page.relative_to(built_site).as_posix()
        problems += [f"{rel}: {name} missing (every page has the search dialog)" for name in EVERY_PAGE if name not in scripts]
        for module, markup in MARKUP.items():
            if bool(markup.search(html)) != (module in scripts):
                problems.append(f"{rel}: {module} {'loaded without its markup' if module in scripts else 'missing'}")
        for name, is_module in scripts.items():
            if name.startswith("hb/") != is_module:
                problems.append(f"{rel}: {name} loaded as {'a module' if is_module else 'a classic script'}")
            if not (built_site / "assets" / name).is_file():
                problems.append(f"{rel}: {name} is not published")
    assert not problems, "\n".join(problems[:20])


def gzip_size(site: Path, names: set[str]) -> int:
    return sum(len(gzip.compress((site / "assets" / n).read_bytes(), 9)) for n in names)


# The site's own modules a page fetches (with their imports), gzip. A glossary page needs search and the device module
# only (9.2 KB, 10.3 KB since search re-orders the first results of a whole question); the heaviest page, a letter or
# form, adds fill-in (13.6 KB, now 14.7 KB). When one file held everything, every page fetched 14.1 KB.
BUDGET_EVERY_PAGE = 10_500
BUDGET_ANY_PAGE = 15_000


def test_pages_fetch_only_the_module_bytes_they_use(built_site):
    weights = {}
    for page in html_pages(built_site):
        modules = [n for n in page_scripts(page.read_text(encoding="utf-8")) if n.startswith("hb/")]
        weights[page.relative_to(built_site).as_posix()] = gzip_size(built_site, with_imports(modules))
    glossary = weights[SAMPLES["glossary"]]
    assert glossary <= BUDGET_EVERY_PAGE, f"a glossary page fetches {glossary} bytes of modules"
    heaviest = max(weights, key=weights.__getitem__)
    assert weights[heaviest] <= BUDGET_ANY_PAGE, f"{heaviest} fetches {weights[heaviest]} bytes of modules"
    assert weights[SAMPLES["letter"]] > glossary and weights[SAMPLES["course"]] > glossary


# ---------- in the browser: the modules a page fetches, and that they run ----------

def fetched_modules(phone, path: str) -> set[str]:
    phone.goto(phone.base + path)
    phone.wait_for_load_state("networkidle")
    return {u.split("/assets/", 1)[1] for u in phone.requests.urls if "/assets/hb/" in u}


def test_a_glossary_page_fetches_no_feature_it_does_not_use(phone):
    fetched = fetched_modules(phone, "/en/glossary/grace-period/")
    assert fetched == {"hb/site.js", "hb/search.js", "hb/core.js"}, fetched
    assert phone.requests.console_errors == []


def test_a_letter_page_fetches_fill_in_and_it_runs(phone):
    fetched = fetched_modules(phone, "/en/letters/renewal-premium-notice/")
    assert {"hb/fill.js", "hb/core.js"} <= fetched and not {"hb/course.js", "hb/checklist.js"} & fetched
    phone.fill("#f-amount", "3600")
    assert "3,600.00" in phone.locator('.hb-paper [data-slot="amount"]').first.inner_text()
    assert phone.requests.console_errors == []


def test_search_wording_comes_from_the_catalogue(phone):
    for prefix, lang in (("", "zh"), ("/en", "en")):
        phone.goto(phone.base + prefix + "/glossary/grace-period/")
        phone.click("[data-hb-search-open]")
        phone.fill("#hb-search-input", "qqqzzzxxx")
        phone.wait_for_function("document.querySelector('.hb-search__status').textContent !== ''")
        assert phone.locator(".hb-search__status").inner_text() == LABELS[lang]["js_search_none"]
