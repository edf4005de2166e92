"""Hostile text in every field of every kind builds into inert, legible pages that fit a phone screen."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any, Iterator

import html5lib
import pytest
import yaml

from conftest import PHONE, ROOT, run_build
from handbook.validate import load_content
from handbook.yamlload import load_bytes

VALID = ROOT / "tests" / "fixtures" / "valid"
LONG = "https://example.org/" + "Wide" * 4995  # 20,000 characters without a space
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
HOSTILE = [
    '<script>alert("x1")</script>',
    '<img src=x onerror=alert("x2")>',
    '[link](javascript:alert("x3"))',
    '<a href="javascript:alert(\'x4\')">x4</a>',
    'javascript:alert("x5")',
    '{: onclick=alert("x6") }',
    '<div onmouseover="alert(\'x7\')">x7</div>',
    '" onfocus="alert(\'x8\')" autofocus x="',
    "<svg/onload=alert('x9')>",
    "AT&T &lt;b&gt; &amp; <!-- x10 -->",
    f"zero{ZERO_WIDTH}width",
    LONG,
]
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "data"}


def _texts(value: Any, path: tuple = ()) -> Iterator[tuple]:
    """Field paths of every {zh, en} text in a record."""
    if isinstance(value, dict):
        if set(value) == {"zh", "en"} and all(isinstance(v, str) for v in value.values()):
            yield path
            return
        for key, item in value.items():
            yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, path + (i,))


def _set(data: Any, path: tuple, value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def hostile_records(target: Path) -> dict[str, dict]:
    """Copy the valid fixtures with every text replaced by a hostile one (letter bodies keep their placeholders)."""
    out: dict[str, dict] = {}
    n = 0
    for source in sorted(VALID.rglob("*.yaml")):
        data = load_bytes(source.read_bytes()).data
        for path in _texts(data):
            old = data
            for key in path:
                old = old[key]
            if path == ("spec", "body"):
                hostile = {lang: f"{HOSTILE[n % 11]}\n\n{text}" for lang, text in old.items()}
            else:
                hostile = {lang: HOSTILE[(n + i) % len(HOSTILE)] for i, lang in enumerate(("zh", "en"))}
                if source.parent.name == "flows" and path[0] == "spec":  # a flow's Chinese text must hold Chinese
                    hostile["zh"] += " 问"
            _set(data, path, hostile)
            n += 1
        if "id" in data:  # a record; tags.yaml has only the (now hostile) tag names
            data["aliases"] = {"zh": [HOSTILE[0], LONG], "en": [HOSTILE[1], f"alias{ZERO_WIDTH}x"]}
            data["sources"][0]["url"] = 'https://example.org/"onmouseover=alert("x11")'
        relative = source.relative_to(VALID)
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        (target / relative).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1 << 20), encoding="utf-8")
        if "id" in data:
            out[relative.with_suffix("").as_posix()] = data
    return out


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict]]:
    """A strict build of the valid fixtures with hostile text in every field."""
    root = tmp_path_factory.mktemp("hostile")
    records = hostile_records(root / "data")
    content = load_content(root / "data", root)
    assert content.errors == [], [str(p) for p in content.errors[:5]]
    done = run_build(root / "site", data_dir=root / "data")
    assert done.returncode == 0, f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return root / "site", records


def _parse(page: Path):
    return html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)


def _elements(tree) -> Iterator:
    return (el for el in tree.iter() if isinstance(el.tag, str))


def _record_pages(site: Path, records: dict[str, dict]) -> Iterator[tuple[str, str, Path]]:
    for ref in records:
        for lang, prefix in (("zh", ""), ("en", "en/")):
            yield ref, lang, site / prefix / ref / "index.html"


def test_no_hostile_markup_is_live_anywhere(hostile_site):
    site, _ = hostile_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 40
    for page in pages:
        for el in _elements(_parse(page)):
            for name, value in el.attrib.items():
                where = f"{page.relative_to(site)}: <{el.tag} {name}={value[:60]!r}>"
                if name.lower().startswith("on"):
                    assert "alert" not in value, where
                if name.lower() in URL_ATTRIBUTES:
                    scheme = re.sub(r"[\x00-\x20]", "", value).lower()
                    assert not scheme.startswith("javascript:") or value == "javascript:void(0)", where  # Material's search form
                assert name.lower() not in ("x", "autofocus"), where
            if el.tag in ("script", "style") and el.get("type") != "application/json":  # JSON data is never run
                assert "alert(" not in (el.text or ""), f"{page.relative_to(site)}: live <{el.tag}>"
            assert el.tag != "svg" or "onload" not in el.attrib, page


def test_hostile_text_is_shown_as_written(hostile_site):
    site, records = hostile_site
    for ref, lang, page in _record_pages(site, records):
        tree = _parse(page)
        body = tree.find("body")
        shown = "".join(body.itertext())
        h1 = tree.find(".//article//h1")
        assert "".join(h1.itertext()).strip() == records[ref]["title"][lang], f"{page}: heading"
        data = records[ref]
        for path in _texts(data):
            if path[-1] == "example":  # shown as a placeholder attribute, not as text
                continue
            value = data
            for key in path:
                value = value[key]
            text = value[lang].split("\n\n")[0]
            assert text in shown, f"{ref} ({lang}) {path}: {text[:60]!r} is not shown as written"


@pytest.fixture(scope="module")
def phone_page(browser):
    """A phone-sized page (390×844) that records any dialog a script opens."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True, locale="zh-CN")
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    yield page
    context.close()


def test_long_words_do_not_widen_the_phone_layout(hostile_site, phone_page):
    site, records = hostile_site
    pages = [p for _, _, p in _record_pages(site, records)]
    pages += [site / prefix / folder / "index.html" for prefix in ("", "en/") for folder in {r.split("/")[0] for r in records}]
    pages += [site / "whats-new" / "index.html", site / "en" / "whats-new" / "index.html"]
    with_long = [p for p in pages if LONG in p.read_text(encoding="utf-8")]
    assert len(with_long) >= 10
    for page in pages:
        phone_page.goto(page.as_uri())
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{page.relative_to(site)} scrolls sideways on a phone: {width} px wide"
    assert phone_page.dialogs == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("control", ["\u202e", "\u202d", "\u2067", "\u2069"])
def test_direction_controls_are_refused_with_their_line(tmp_path, control):
    """No stylesheet can stop an override from reversing its own text (and page titles are not styled): the checker refuses it."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    term = data / "glossary" / "grace-period.yaml"
    text = term.read_text(encoding="utf-8")
    term.write_text(text.replace("en: Grace period}", f"en: Grace {control}period}}", 1), encoding="utf-8")
    problems = [str(p) for p in load_content(data, tmp_path).errors]
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "en: Grace period}" in row)
    assert problems == [f"data/glossary/grace-period.yaml:{line}: title.en: contains the invisible direction control "
                        f"U+{ord(control):04X}, which can make text read backwards; delete it (retype the text around "
                        "it if you cannot see it)"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_zero_width_characters_leave_the_text_legible(hostile_site, phone_page, lang):
    site, records = hostile_site
    for ref, page_lang, page in _record_pages(site, records):
        if page_lang != lang or f"zero{ZERO_WIDTH}width" not in page.read_text(encoding="utf-8"):
            continue
        phone_page.goto(page.as_uri())
        widths = phone_page.evaluate("""(word) => {
          const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
          const out = [];
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const i = n.textContent.indexOf(word);
            if (i < 0) continue;
            const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + word.length);
            const plain = document.createElement('span'); plain.textContent = 'zerowidth';
            n.parentElement.appendChild(plain); const w = plain.getBoundingClientRect().width; plain.remove();
            out.push([r.getBoundingClientRect().width, w]);
          }
          return out;
        }""", f"zero{ZERO_WIDTH}width")
        assert widths, f"{ref}: the text with zero-width characters is not shown"
        for shown, plain in widths:
            assert abs(shown - plain) < 2, f"{ref}: zero-width characters take space ({shown} vs {plain} px)"
        return
    pytest.fail(f"no {lang} page shows the zero-width test text")


def test_javascript_source_url_is_refused(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    term = data / "glossary" / "grace-period.yaml"
    text = term.read_text(encoding="utf-8")
    url = re.search(r"url: (\S+)", text).group(1)
    term.write_text(text.replace(url, "javascript:alert(1)", 1), encoding="utf-8")
    problems = [str(p) for p in load_content(data, tmp_path).errors]
    assert len(problems) == 1 and "sources[0].url: 'javascript:alert(1)' does not match the required pattern" in problems[0]
