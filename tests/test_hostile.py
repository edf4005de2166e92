"""Hostile text in every field of every kind builds into inert, legible pages that fit a phone screen."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import html5lib
import pytest
import yaml

from conftest import PHONE, ROOT, run_build
from handbook.validate import load_content
from handbook.yamlload import LoadError, load_bytes, read_source

VALID = ROOT / "tests" / "fixtures" / "valid"
LONG = "https://example.org/" + "Wide" * 4995  # 20,000 characters without a space
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u061c", "\u00ad", "\x00", "\x07"]
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
    "~tilde~ 50%~60% a~b",
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
            data["aliases"] = {"zh": [HOSTILE[0], LONG], "en": [HOSTILE[1], "alias~x"]}
            data["title"] = {lang: f"{title[:19000]} ~{lang}~" for lang, title in data["title"].items()}  # within the length limit
            data["sources"][0] = {"title": data["sources"][0]["title"], "url": 'https://www.gov.cn/"onmouseover=alert("x11")'}
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
                        f"U+{ord(control):04X} at character 7 (after 'Grace '), which can make text read backwards; "
                        "delete it (retype the text around it if you cannot see it)"]


def test_tilde_in_a_title_is_shown_as_typed(hostile_site):
    """Every title ends in '~zh~' or '~en~': the heading shows the tildes, never a backslash before them."""
    site, records = hostile_site
    for ref, lang, page in _record_pages(site, records):
        heading = "".join(_parse(page).find(".//article//h1").itertext()).strip()
        assert heading.endswith(f"~{lang}~") and "\\~" not in heading, f"{ref} ({lang}): {heading!r}"


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_characters_are_refused_with_their_position(tmp_path, char):
    """Zero-width and other format characters, NUL and control characters never reach a page: each is named with where it is."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    term = data / "glossary" / "grace-period.yaml"
    text = term.read_text(encoding="utf-8")
    escaped = char.encode("unicode_escape").decode("ascii") if char < " " else char
    term.write_text(text.replace("en: Grace period}", f'en: "Grace{escaped}period"}}', 1), encoding="utf-8")
    problems = [str(p) for p in load_content(data, tmp_path).errors]
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "en: Grace period}" in row)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"data/glossary/grace-period.yaml:{line}: title.en: contains the invisible ")
    assert f"U+{ord(char):04X}" in problems[0] and "at character 6 (after 'Grace')" in problems[0]


def test_an_invisible_character_in_a_glossary_title_cannot_unlink_it(tmp_path):
    """A zero-width space once made a term's title match nothing, silently removing its links: now it is refused."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    term = data / "glossary" / "grace-period.yaml"
    term.write_text(term.read_text(encoding="utf-8").replace("zh: 宽限期,", "zh: 宽\u200b限期,", 1), encoding="utf-8")
    errors = [str(p) for p in load_content(data, tmp_path).errors]
    assert len(errors) == 1 and "U+200B (ZERO WIDTH SPACE) at character 2 (after '宽')" in errors[0]


def test_javascript_source_url_is_refused(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    term = data / "glossary" / "grace-period.yaml"
    text = term.read_text(encoding="utf-8")
    url = re.search(r"url: (\S+)", text).group(1)
    term.write_text(text.replace(url, "javascript:alert(1)", 1), encoding="utf-8")
    problems = [str(p) for p in load_content(data, tmp_path).errors]
    assert len(problems) == 1 and "sources[0].url: 'javascript:alert(1)' does not match the required pattern" in problems[0]


# --- files an editor, an OS or an attacker leaves among the records ---------------------------------------------

LEFTOVERS = (".#grace-period.yaml", "grace-period.yaml~", "grace-period.yaml.swp", ".DS_Store")


def cluttered_data(tmp_path: Path) -> Path:
    """The valid records plus editor leftovers (ignored) and files that cannot be records (each refused)."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    glossary = data / "glossary"
    (glossary / LEFTOVERS[0]).symlink_to("user@host.1234:1700000000")  # what Emacs leaves while a file is edited
    for name in LEFTOVERS[1:]:
        (glossary / name).write_bytes(b"\x00\xff not yaml")
    (glossary / "zero.yaml").symlink_to("/dev/zero")
    (glossary / "dangling.yaml").symlink_to("gone.yaml")
    (glossary / "folder.yaml").mkdir()
    os.mkfifo(glossary / "pipe.yaml")
    return data


CLUTTER_ERRORS = [
    "data/glossary/dangling.yaml:1: (file): is a symbolic link to 'gone.yaml', which does not exist",
    "data/glossary/folder.yaml:1: (file): is a folder, not a file; a record is a .yaml file",
    "data/glossary/pipe.yaml:1: (file): is a named pipe (FIFO), not a file; a record is a .yaml file",
    "data/glossary/zero.yaml:1: (file): is a symbolic link leading outside the project (to /dev/zero); copy the file in instead",
]


def test_leftovers_are_ignored_and_non_files_refused_one_line_each(tmp_path):
    data = cluttered_data(tmp_path)
    content = load_content(data, tmp_path)
    assert sorted(str(p) for p in content.errors) == CLUTTER_ERRORS
    assert len(content.records) == len([p for p in VALID.glob("*/*.yaml")])


@pytest.mark.parametrize("command", ["check", "status"])
def test_check_and_status_report_clutter_without_a_traceback_or_a_hang(tmp_path, command):
    data = cluttered_data(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts"), "HANDBOOK_DATA_DIR": str(data)}
    done = subprocess.run([sys.executable, "-m", "handbook", command], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    out = done.stdout + done.stderr
    assert "Traceback" not in out
    if command == "check":
        assert done.returncode == 1
        for line in CLUTTER_ERRORS:
            assert line.split(": ", 1)[1] in out, line
    else:
        assert done.returncode == 0 and "4 file(s) with errors are not counted" in out


def test_a_symlink_inside_the_project_is_read_and_one_leading_out_is_refused(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    term = data / "glossary" / "grace-period.yaml"
    kept = tmp_path / "kept" / "grace-period.yaml"
    kept.parent.mkdir()
    term.rename(kept)
    term.symlink_to(kept)
    assert load_content(data, tmp_path).errors == []
    outside = tmp_path.parent / f"{tmp_path.name}-outside.yaml"
    shutil.copy(kept, outside)
    term.unlink()
    term.symlink_to(outside)
    errors = [str(p) for p in load_content(data, tmp_path).errors]
    assert errors == [f"data/glossary/grace-period.yaml:1: (file): is a symbolic link leading outside the project "
                      f"(to {outside}); copy the file in instead"]


def test_the_size_limit_holds_before_and_while_reading(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: b\n" * 200_000)
    with pytest.raises(LoadError, match="larger than 512 KB"):
        read_source(big, [tmp_path])
    growing = Path("/proc/self/smaps")  # reports a size of 0, then yields far more than the limit
    assert growing.stat().st_size == 0
    with pytest.raises(LoadError, match="larger than 1 KB"):
        read_source(growing, [Path("/")], limit=1024)


def test_a_file_that_cannot_be_read_causes_no_errors_elsewhere(tmp_path):
    """Other records refer to the broken one: no false 'does not match any record' errors for them."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    target = data / "procedures" / "renewal-reminder.yaml"
    assert any("procedures/renewal-reminder" in p.read_text(encoding="utf-8") for p in data.rglob("*.yaml") if p != target)
    target.write_text(target.read_text(encoding="utf-8").replace("title: {", "title: [{", 1), encoding="utf-8")
    errors = [str(p) for p in load_content(data, tmp_path).errors]
    assert len(errors) == 1 and errors[0].startswith("data/procedures/renewal-reminder.yaml:"), errors
    target.write_bytes(b"\xff\xfe")
    errors = [str(p) for p in load_content(data, tmp_path).errors]
    assert len(errors) == 1 and "not valid UTF-8" in errors[0], errors


def test_an_unclosed_quote_names_the_line_where_it_began():
    text = b'id: x\nkind: glossary\ntitle: {zh: "\xe5\xae\xbd\xe9\x99\x90, en: Grace}\nsummary: x\nowner: y\nstatus: draft\n'
    with pytest.raises(LoadError) as caught:
        load_bytes(text)
    assert caught.value.line == 7
    assert "the quoted text that begins on line 3 is not closed" in caught.value.message


def test_a_merge_key_gets_a_plain_message():
    with pytest.raises(LoadError) as caught:
        load_bytes(b"id: x\nsummary: {zh: a, en: b}\ntitle:\n  <<: {zh: a, en: b}\n")
    assert caught.value.line == 4
    assert caught.value.message == "merge keys (<<) are not allowed; write the values out in full"
    assert "tag:yaml.org" not in caught.value.message


def test_ctrl_c_during_check_is_one_line(monkeypatch, capsys):
    import handbook.__main__ as cli

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(cli, "load_content", interrupted)
    assert cli.main(["check"]) == 130
    assert capsys.readouterr().err == "Stopped (Ctrl-C); nothing was changed.\n"


def test_every_field_example_is_visible_hint_text_not_a_placeholder(hostile_site):
    """A field's example (textarea, choice and date fields too) is shown under its label as "例如 …" / "For example …";
    no field carries a placeholder, which would look like data already typed."""
    site, records = hostile_site
    checked = 0
    for ref, lang, page in _record_pages(site, records):
        data = records[ref]
        if data["kind"] not in ("letter", "form"):
            continue
        tree = _parse(page)
        placeholders = [el.get("name") for el in _elements(tree) if "placeholder" in el.attrib and el.get("id") != "hb-search-input"]
        assert placeholders == [], f"{ref} ({lang}): fields with a placeholder: {placeholders}"
        hints = ["".join(el.itertext()) for el in _elements(tree) if "hb-example" in (el.get("class") or "").split()]
        fields = data["spec"].get("fields") or [f for s in data["spec"]["sections"] for f in s["fields"]]
        for f in fields:
            if "example" in f:
                prefix = "例如：" if lang == "zh" else "For example: "
                assert prefix + f["example"][lang] in hints, f"{ref} ({lang}) {f['name']} ({f['type']}): example not shown"
                checked += 1
    assert checked >= 10
