"""A source is an external page (title, url) or an internal company document (title, issued date, no url)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import html5lib
import pytest

from conftest import ROOT
from handbook.kinds import LANGUAGES
from handbook.labels import LABELS
from handbook.render import render_record
from handbook.validate import load_content
from test_render import to_html

VALID = ROOT / "tests" / "fixtures" / "valid"
TERM = Path("glossary") / "grace-period.yaml"
INTERNAL_TITLE = {"zh": "区域收展服务流程——收展人员保单服务规范", "en": "Regional service process: policy service standard"}
FIRST_SOURCE = re.compile(r"(sources:\n  - title: [^\n]+\n)    url: \S+\n")


def _with_first_source(tmp_path: Path, fields: str) -> Path:
    """A copy of the valid fixtures whose glossary term's first source has the given fields instead of its url."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    term = data / TERM
    text = term.read_text(encoding="utf-8")
    title = f'  - title: {{zh: "{INTERNAL_TITLE["zh"]}", en: "{INTERNAL_TITLE["en"]}"}}\n'
    changed, count = FIRST_SOURCE.subn(lambda m: "sources:\n" + title + fields, text, count=1)
    assert count == 1, "the fixture's first source is a title and a url"
    term.write_text(changed, encoding="utf-8")
    return data


def _problems(tmp_path: Path, fields: str) -> list[str]:
    return [str(p) for p in load_content(_with_first_source(tmp_path, fields), tmp_path).errors]


@pytest.mark.parametrize("issued", ["2020-06-28", "2020-06", "2020"])
def test_an_internal_document_with_a_date_and_no_url_is_valid(tmp_path, issued):
    assert _problems(tmp_path, f'    issued: "{issued}"\n') == []


def test_a_source_with_neither_url_nor_date_is_refused_with_its_line(tmp_path):
    problems = _problems(tmp_path, "")
    assert len(problems) == 1
    assert re.search(r"grace-period\.yaml:13: sources\[0\]\.issued: missing field 'issued'", problems[0]), problems


def test_a_source_with_both_url_and_date_is_refused(tmp_path):
    problems = _problems(tmp_path, '    url: https://www.gov.cn/x.htm\n    issued: "2020"\n')
    assert len(problems) == 1 and "sources[0].issued" in problems[0], problems


@pytest.mark.parametrize("issued", ["2020-13", "20-06-28", "2020/06/28", "June 2020"])
def test_a_malformed_issue_date_is_refused(tmp_path, issued):
    problems = _problems(tmp_path, f'    issued: "{issued}"\n')
    assert len(problems) == 1 and "sources[0].issued" in problems[0] and "does not match" in problems[0], problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_internal_document_shows_title_kind_and_date_without_a_link(tmp_path, lang):
    data = _with_first_source(tmp_path, '    issued: "2020-06-28"\n')
    content = load_content(data, tmp_path)
    assert not content.errors
    record = next(r for r in content.records if r.ref == "glossary/grace-period")
    tree = html5lib.parseFragment(to_html(render_record(record, lang, content.by_ref())), namespaceHTMLElements=False)
    items = tree.findall(".//ol[@class='hb-sources']/li")
    assert len(items) == 2
    internal, external = items
    text = "".join(internal.itertext())
    assert INTERNAL_TITLE[lang] in text
    assert LABELS[lang]["internal_document"] in text
    assert internal.find(".//a") is None, "an internal document has no link"
    assert internal.find(".//time").get("datetime") == "2020-06-28"
    assert external.find(".//a").get("href").startswith("https://www.newchinalife.com/")
