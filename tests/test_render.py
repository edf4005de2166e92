"""Every record renders in zh and en into well-formed HTML; hostile text comes out inert."""
from __future__ import annotations

import dataclasses

import html5lib
import markdown
import pytest
from markupsafe import escape

from conftest import ROOT
from handbook.assemble import generated_pages
from handbook.kinds import KINDS, LANGUAGES
from handbook.model import Text
from handbook.render import render_record
from handbook.validate import load_content
from tests.support.content import shipped_content

CONTENT = shipped_content()
FIXTURES = load_content(ROOT / "tests" / "fixtures" / "valid", ROOT)
HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3))'


def to_html(page: str) -> str:
    body = page.split("---", 2)[2]
    return markdown.markdown(body, extensions=["attr_list", "md_in_html", "admonition", "tables"])


def parse_strict(html: str):
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    tree = parser.parseFragment(html)
    return parser, tree


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("record", CONTENT.records, ids=lambda r: r.ref)
def test_record_renders(record, lang):
    page = render_record(record, lang, CONTENT.by_ref())
    assert page.startswith("---\ntitle: ")
    html = to_html(page)
    parser, tree = parse_strict(html)
    assert not [e for e in parser.errors if e[1] not in ("unexpected-end-tag-before-html",)], parser.errors[:3]
    assert record.title(lang).split("\n")[0][:10].replace("<", "&lt;") in page or record.title(lang)[:10] in page


def test_every_kind_has_a_record_and_an_index_in_both_languages():
    pages = generated_pages(CONTENT.records, CONTENT.tag_names)
    for lang in LANGUAGES:
        for kind in KINDS:
            assert f"{lang}/{kind.folder}/index.md" in pages
            assert any(r.folder == kind.folder for r in CONTENT.records)
    assert len(pages) == 2 * (len(CONTENT.records) + len(KINDS) + 2)  # + What's new and Review status (the vocabulary is written after indexing)


@pytest.mark.parametrize("record", FIXTURES.records, ids=lambda r: r.ref)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_hostile_text_is_escaped(record, lang):
    hostile = Text(zh=HOSTILE, en=HOSTILE)
    changed = dataclasses.replace(record, title=hostile, summary=hostile, change_note=hostile)
    page = render_record(changed, lang, FIXTURES.by_ref())
    html = to_html(page)
    assert "<script>" not in html and "<img" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;" in html


def test_letter_body_text_is_escaped_but_placeholders_fill():
    letter = next(r for r in FIXTURES.records if r.kind == "letter")
    body = Text(zh="<script>x</script> {{ holder_name }}", en="<b>y</b> {{ holder_name }}")
    spec = dataclasses.replace(letter.spec, body=body, fields=[f for f in letter.spec.fields if f.name == "holder_name"])
    page = render_record(dataclasses.replace(letter, spec=spec), "zh", FIXTURES.by_ref())
    assert "&lt;script&gt;x&lt;/script&gt;" in page
    assert 'data-slot="holder_name"' in page


def test_a_date_slot_in_a_letter_is_marked_so_it_never_splits_across_lines():
    letter = next(r for r in CONTENT.records if r.kind == "letter" and any(f.type == "date" for f in r.spec.fields))
    page = render_record(letter, "zh", CONTENT.by_ref())
    for f in letter.spec.fields:
        if f"data-slot=\"{f.name}\"" in page:
            marked = f'class="hb-slot hb-slot--date" data-slot="{f.name}"' in page
            assert marked == (f.type == "date"), f.name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_call_scripts_put_must_say_and_must_not_say_before_the_dialogue(lang):
    for record in (r for r in CONTENT.records if r.kind == "script"):
        page = render_record(record, lang, CONTENT.by_ref())
        assert page.index("{ #must-say }") < page.index("{ #must-not-say }") < page.index("{ #dialogue }"), record.ref


@pytest.mark.parametrize("lang", LANGUAGES)
def test_whats_new_folds_first_publications_into_one_line_per_date_and_kind(lang):
    from handbook.render import FIRST_PUBLISHED_NOTES, render_whats_new
    page = render_whats_new(lang, CONTENT.records)
    plain = [r for r in CONTENT.records if r.change_note.zh in FIRST_PUBLISHED_NOTES]
    noted = [r for r in CONTENT.records if r.change_note.zh not in FIRST_PUBLISHED_NOTES]
    assert len(plain) > 100 and noted, "the shipped content has both"
    groups = {(r.updated, r.folder) for r in plain}
    assert page.count('class="hb-index__item hb-firsts"') == len(groups), "one line per date and kind"
    for r in noted:
        assert str(escape(r.change_note(lang))) in page, f"{r.ref}: a real change shows its note"
    for r in plain:
        assert f'href="../{r.ref}/"' in page, f"{r.ref} is still reachable"


def test_glossary_terms_are_not_linked_inside_law_titles():
    from handbook.glossary_links import glossary_terms, term_linker
    terms = glossary_terms(CONTENT.records, "zh")
    assert terms.pattern is not None and terms.pattern.search("人身保险"), "人身保险 is a glossary term"
    link = term_linker(terms, "../", None)
    html = str(link("依据人身保险业务基本服务规定第19条，又见《人身保险产品信息披露管理办法》。"))
    assert "hb-term" not in html, html
    html = str(link("这是一份人身保险。"))
    assert html.count("hb-term") == 1, "outside a law title the term is linked"
    en = term_linker(glossary_terms(CONTENT.records, "en"), "../", None)
    assert "hb-term" not in str(en("See the Basic Service Rules for Personal Insurance, Art. 19."))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_field_example_is_hint_text_under_its_label_never_a_placeholder(lang):
    """Realistic names and numbers in a placeholder look filled in: the example is shown as 例如 … / For example …"""
    prefix = "例如：" if lang == "zh" else "For example: "
    for record in (r for r in CONTENT.records if r.kind in ("letter", "form")):
        page = render_record(record, lang, CONTENT.by_ref())
        assert "placeholder=" not in page, record.ref
        fields = record.spec.fields if record.kind == "letter" else [f for s in record.spec.sections if s.rows == 1 for f in s.fields]
        for f in fields:
            if f.example:
                assert f'<span class="hb-example">{escape(prefix + f.example(lang))}</span>' in page, \
                    f"{record.ref} {f.name}: example not shown as hint text"
