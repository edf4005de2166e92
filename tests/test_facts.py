"""Facts defined once: the facts file, its tokens in every text field, the checks that keep content honest
(hand-written values, source hosts, exclusion basis, terminology) and the generated facts page."""
from __future__ import annotations

import dataclasses
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT
from handbook.assemble import generated_pages
from handbook.fact_tokens import FactText
from handbook.facts import Value, facts_json
from handbook.model import build_record
from handbook.navigation import FACTS_PAGE, site_nav
from handbook.policy import load_policy
from handbook.publishers import host_matches, load_publishers
from handbook.render import render_record
from handbook.rules.fact_refs import hand_written, record_contexts, record_texts
from handbook.validate import _schema_check, load_content
from handbook.yamlload import load_bytes
from tests.support.content import shipped_content

DATA = ROOT / "data" / "scripts_and_forms"
CONTENT = shipped_content()
FACTS = CONTENT.facts
BY_REF = CONTENT.by_ref()
CONTENT_PUBLISHERS = load_publishers(DATA, ROOT, _schema_check("publishers"))[0]

REQUIRED = {  # the ids every page may rely on, with the value shown in each language
    "grace-period-after-reminder": ("30日", "30 days"), "grace-period-after-due-date": ("60日", "60 days"),
    "reinstatement-window": ("2年", "2 years"), "reinstatement-deemed-consent": ("30日", "30 days"),
    "incontestability-period": ("2年", "2 years"), "suicide-exclusion-period": ("2年", "2 years"),
    "claim-decision-working-days": ("5个工作日", "5 working days"), "claim-decision-complex": ("30日", "30 days"),
    "claim-payment-days": ("10日", "10 days"), "claim-refusal-notice": ("3日", "3 days"),
    "claim-advance-payment": ("60日", "60 days"), "limitation-life": ("5年", "5 years"),
    "limitation-other": ("2年", "2 years"), "cooling-off-minimum": ("15日", "15 days"),
    "return-visit-window": ("犹豫期内", "within the cooling-off period"),
    "servicing-acceptance": ("2个工作日", "2 working days"), "servicing-missing-documents": ("5个工作日", "5 working days"),
    "servicing-completion": ("5个工作日", "5 working days"), "lapse-notice": ("10个工作日", "10 working days"),
    "complaint-reply": ("15日", "15 days"), "complaint-reply-complex": ("30日", "30 days"),
    "complaint-extension": ("30日", "30 days"), "orphan-policy-notice": ("30日", "30 days"),
    "proxy-collection-notice": ("¥1,000", "¥1,000"), "mild-ci-cap": ("30 %", "30 %"),
    "ci-definitions-2020-from": ("2021年2月1日", "1 February 2021"), "waiting-period-max": ("180日", "180 days"),
    "surrender-payment": ("30日", "30 days"), "misselling-fix": ("15个工作日", "15 working days"),
}


# --- the facts file -----------------------------------------------------------------------------------------

def test_the_shipped_content_has_no_error_and_no_fact_source_basis_or_term_warning():
    assert CONTENT.errors == []
    mine = [str(p) for p in CONTENT.problems if "by hand" in p.message or "terms.yaml" in p.message]
    assert mine == []


def test_the_content_policy_requires_every_fact_checked_here():
    """That the facts exist is content policy (make check); their values, as the law gives them, are checked here."""
    policy, problems = load_policy(DATA, ROOT, _schema_check("policy"))
    assert problems == [] and policy.facts is not None and set(policy.facts.ids) == set(REQUIRED)


@pytest.mark.parametrize("fact_id", sorted(REQUIRED))
def test_every_required_fact_is_defined_with_its_value_in_both_languages(fact_id):
    fact = FACTS.by_id[fact_id]
    assert (fact.value("zh"), fact.value("en")) == REQUIRED[fact_id]
    law = FACTS.law(fact)
    assert law.url or law.issued, "a fact rests on a law with a URL or on a dated internal document"
    assert fact.statement.zh.strip() and fact.statement.en.strip()


def test_citations_name_the_law_and_the_article():
    fact = FACTS.by_id["grace-period-after-due-date"]
    assert FACTS.citation(fact, "zh") == "保险法第36条"
    assert FACTS.citation(fact, "en") == "Insurance Law Art. 36"
    assert FACTS.citation(FACTS.by_id["claim-decision-working-days"], "en") == "Basic Service Rules Art. 23"


def test_values_render_sensibly_in_both_languages():
    assert Value(number=1, unit="day")("en") == "1 day"
    assert Value(number=1000, unit="yuan")("zh") == "¥1,000"
    assert Value(date="2021-02-01")("zh") == "2021年2月1日"


def test_facts_json_carries_every_fact_for_scripts_in_the_browser():
    data = facts_json(FACTS)
    assert set(data["facts"]) == {f.id for f in FACTS.facts}
    entry = data["facts"]["grace-period-after-due-date"]
    assert entry["number"] == 60 and entry["unit"] == "day"
    assert entry["value"] == {"zh": "60日", "en": "60 days"}
    assert entry["citation"]["en"] == "Insurance Law Art. 36" and entry["url"].startswith("https://github.com/LawRefBook/")
    assert data["facts"]["ci-definitions-2020-from"]["date"] == "2021-02-01"


def test_facts_with_a_scope_say_so():
    assert FACTS.by_id["limitation-life"].scope.zh == "仅人寿保险"
    assert "2021" in FACTS.by_id["mild-ci-cap"].scope.en


def copy_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    return data


def test_a_fact_naming_an_unknown_topic_or_law_is_an_error_with_a_suggestion(tmp_path):
    data = copy_data(tmp_path)
    path = data / "facts.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("topic: claims\n", "topic: claim\n", 1).replace("law: complaint-measures,", "law: complaint-measure,", 1),
                    encoding="utf-8")
    problems = [str(p) for p in load_content(data, tmp_path).errors]
    assert any("topic 'claim' is not in topics (did you mean 'claims'?)" in p for p in problems), problems
    assert any("law 'complaint-measure' is not in laws (did you mean 'complaint-measures'?)" in p for p in problems), problems
    assert all(p.startswith("data/facts.yaml:") for p in problems), "a broken facts file is reported once, not at every token"


def test_an_unknown_token_kind_is_an_error_not_silently_dropped(tmp_path):
    data = copy_data(tmp_path)
    path = data / "glossary" / "grace-period.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary:\n  zh: ", "summary:\n  zh: 见[[facts:grace-period]]", 1), encoding="utf-8")
    problems = [str(p) for p in load_content(data, tmp_path).errors]
    assert len(problems) == 1 and "summary.zh: unknown token '[[facts:grace-period]]'" in problems[0], problems


# --- tokens in rendered pages -------------------------------------------------------------------------------

def test_a_token_renders_the_value_and_a_link_naming_the_article():
    page = render_record(BY_REF["glossary/grace-period"], "zh", BY_REF, tag_names=CONTENT.tag_names, facts=FACTS)
    assert '<a class="hb-fact" href="../../facts/#grace-period-after-due-date"' in page
    assert ">60日<span class=\"hb-fact__cite\">（保险法第36条）</span></a>" in page
    en = render_record(BY_REF["glossary/grace-period"], "en", BY_REF, tag_names=CONTENT.tag_names, facts=FACTS)
    assert ">60 days<span class=\"hb-fact__cite\"> (Insurance Law Art. 36)</span></a>" in en


def test_on_paper_a_token_prints_the_value_with_its_article_and_no_link():
    fx = FactText(FACTS, "zh", None)
    assert str(fx.html("宽限期[[fact:grace-period-after-due-date]]")) == "宽限期60日（保险法第36条）"
    letters = [r for r in CONTENT.records if r.kind in ("letter", "form") and "[[fact:" in repr(r)]
    assert letters, "some letter or form uses a fact"
    for record in letters:
        for lang in ("zh", "en"):
            page = render_record(record, lang, BY_REF, tag_names=CONTENT.tag_names, facts=FACTS)
            assert 'class="hb-fact"' not in page and "[[" not in page, record.ref


def test_the_contract_caveat_renders_inline():
    fx = FactText(FACTS, "en", "../../facts/")
    html = str(fx.html("Life policies may pay[[contract]]."))
    assert html == 'Life policies may pay<span class="hb-caveat"> (check the policy wording)</span>.'
    assert FactText(FACTS, "zh", None).plain("以合同为准[[contract]]") == "以合同为准（以保险合同条款为准）"


class Structure(HTMLParser):
    """Fails on a link inside a link and on markup inside an attribute value."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text() or ""
        if "<" in raw[1:] or "[[" in raw:
            self.problems.append(f"markup or a token inside a tag: {raw[:80]!r}")
        if tag == "a":
            if self.depth:
                self.problems.append("a link inside a link")
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "a":
            self.depth = max(0, self.depth - 1)


def with_tokens_everywhere(record_ref: str):
    """The record with a fact token and the caveat added to every text it has, titles and labels included."""
    record = BY_REF[record_ref]
    raw = load_bytes((ROOT / record.path).read_bytes()).data
    for where, _lang, _text in list(record_texts(raw)):
        target = raw
        for key in where[:-1]:
            target = target[key]
        target[where[-1]] = f"{target[where[-1]]} [[fact:grace-period-after-due-date]] <b>&amp;[[contract]]"
    return build_record(raw, record.folder, record.path)


@pytest.mark.parametrize("ref", sorted({next(r.ref for r in CONTENT.records if r.kind == k)
                                        for k in {r.kind for r in CONTENT.records}}))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tokens_work_in_every_text_field_of_every_template_and_keep_escaping(ref, lang):
    record = with_tokens_everywhere(ref)
    records = {**BY_REF, record.ref: record}
    page = render_record(record, lang, records, tag_names=CONTENT.tag_names, facts=FACTS)
    assert "[[" not in page, "a token was left unrendered"
    assert "<b>" not in page, "text is still escaped around a token"
    parser = Structure()
    parser.feed(page)
    assert parser.problems == []
    front, body = page.split("\n---\n", 1)[0], page.split("\n---\n", 1)[1]
    assert "<a" not in front and "hb-fact" not in front, "titles and descriptions carry plain words"
    heading = next(line for line in body.splitlines() if line.startswith("# "))
    assert "<a" not in heading and "hb-fact" not in heading and ("60日" in heading or "60 days" in heading)
    value = "60日（保险法第36条）" if lang == "zh" else "60 days (Insurance Law Art. 36)"
    assert body.count(value) + body.count('href="../../facts/#grace-period-after-due-date"') >= 3


def test_glossary_terms_are_still_linked_beside_a_token():
    page = render_record(BY_REF["glossary/grace-period"], "zh", BY_REF, tag_names=CONTENT.tag_names, facts=FACTS)
    assert 'class="hb-term"' in page and 'class="hb-fact"' in page


def test_changing_one_value_changes_exactly_the_pages_that_use_it():
    fact_id = "claim-refusal-notice"
    before = generated_pages(CONTENT.records, CONTENT.tag_names, FACTS)
    changed_fact = dataclasses.replace(FACTS.by_id[fact_id], value=Value(number=4, unit="day"))
    facts = dataclasses.replace(FACTS, facts=[changed_fact if f.id == fact_id else f for f in FACTS.facts])
    after = generated_pages(CONTENT.records, CONTENT.tag_names, facts)
    changed = {path for path in before if before[path] != after[path]}
    token = f"[[fact:{fact_id}]]"
    users = {f"{lang}/{r.ref}.md" for r in CONTENT.records
             for _where, lang, text in record_texts(load_bytes((ROOT / r.path).read_bytes()).data) if token in text}
    assert len(users) > 4, "the fact is used on several pages"
    expected = users | {"zh/facts.md", "en/facts.md"}
    assert expected <= changed
    # anything else that changed shows a user's text: an index listing its summary, or a course quoting a script
    for path in changed - expected:
        assert path.endswith("index.md") or "/courses/" in path or path.endswith("whats-new.md"), path
        assert "4日（保险法第24条）" in after[path] or "4 days (Insurance Law Art. 24)" in after[path], path
    untouched = [p for p in before if p not in changed]
    assert len(untouched) > 400, "most pages do not use this fact and stayed the same"


# --- the checks ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, expected", [
    ("宽限期为60天，期满未交费合同中止。", "zh", [("60天", "宽限期", ["grace-period-after-due-date"])]),
    ("复效须在效力中止之日起两年内申请。", "zh", [("两年", "复效", ["reinstatement-window"])]),
    ("Reinstatement is possible within 2 years of suspension.", "en", [("2 years", "reinstat", ["reinstatement-window"])]),
    ("宽限期为[[fact:grace-period-after-due-date]]。", "zh", []),
    ("宽限期内交费即可。\n合同成立60天后送达回执。", "zh", []),  # value and keyword in different paragraphs
    ("宽限期为160天。", "zh", []),  # not the value
    ("您的合同约定宽限期为60天。", "zh", []),  # the contract's own value, not the law's
])
def test_a_hand_written_value_next_to_its_keyword_is_found_and_nothing_else(text, lang, expected):
    assert list(hand_written(text, lang, FACTS)) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # the keyword in another sentence of the same paragraph
    ("宽限期是法律给的缓冲。应交日后60日内交上即可。", "zh", [("60日", "宽限期", ["grace-period-after-due-date"])]),
    # English, with its own keywords
    ("If a proxy collects more than ¥1,000 on a customer's behalf, the insurer tells them.", "en",
     [("¥1,000", "on a customer's behalf", ["proxy-collection-notice"])]),
    ("A written denial giving its reasons follows within 3 days of that decision.", "en",
     [("3 days", "denial", ["claim-refusal-notice"])]),
    # numbers in words, in both languages
    ("Of course — you can still reinstate it, you have two years.", "en", [("two years", "reinstat", ["reinstatement-window"])]),
    ("事实清楚的投诉，公司十五日内答复。", "zh", [("十五日", "投诉", ["complaint-reply"])]),
    # working days, and the nearest keyword choosing between facts of the same value
    ("资料不全的，5个工作日内一次性告知。", "zh", [("5个工作日", "一次性告知", ["servicing-missing-documents"])]),
    ("Missing items are reported in one go within 5 working days.", "en",
     [("5 working days", "missing", ["servicing-missing-documents"])]),
    # an adjective restates the value as much as the noun does
    ("The 5-year limit applies only to life insurance.", "en", [("5-year", "limit applies", ["limitation-life"])]),
    # "or more", "full" and 以上 around the value restate it too (交足2年以上保费的, Insurance Law Arts. 43 and 45)
    ("Where 2 or more years' premiums have been paid, the cash value is refunded.", "en",
     [("2 or more years", "years' premium", ["cash-value-after-two-years"])]),
    ("Where two or more years' premiums have been paid, the cash value is refunded.", "en",
     [("two or more years", "years' premium", ["cash-value-after-two-years"])]),
    ("Where premiums for 2 years or more have been paid, the cash value is refunded.", "en",
     [("2 years", "premiums for", ["cash-value-after-two-years"])]),
    ("Where the policyholder has paid two full years' premiums, the cash value is refunded.", "en",
     [("two full years", "years' premium", ["cash-value-after-two-years"])]),
    ("Reinstatement is open for 2 or more years after the suspension.", "en",
     [("2 or more years", "reinstat", ["reinstatement-window"])]),
    ("已交足两年或以上保费的，退还现金价值。", "zh", [("两年", "交足", ["cash-value-after-two-years"])]),
    ("已交足2年及以上保费的，退还现金价值。", "zh", [("2年", "交足", ["cash-value-after-two-years"])]),
    # another number before "or more" is not the value: three years, twelve years, two policies
    ("Where 3 or more years' premiums have been paid, the cash value is refunded.", "en", []),
    ("Where 12 or more years' premiums have been paid, the cash value is refunded.", "en", []),
    ("Customers with 2 or more policies may ask for one combined premium notice.", "en", []),
    ("已交足3年或以上保费的，可申请保单贷款。", "zh", []),
    # "符合合同约定的" and "unless the contract says otherwise" qualify the law; they do not make the value the contract's
    ("资料齐全、符合合同约定的保全申请，公司应在2个工作日内受理。", "zh", [("2个工作日", "受理", ["servicing-acceptance"])]),
    ("A request that meets the contract's conditions is accepted within 2 working days.", "en",
     [("2 working days", "accept", ["servicing-acceptance"])]),
    ("Complex cases are decided within 30 days unless the contract says otherwise.", "en",
     [("30 days", "complex case", ["claim-decision-complex"])]),
    # words in quotation marks are someone else's, such as a questionnaire's question
    ("健康问卷问“过去两年内是否住院”，他勾了否，公司可以解除合同。", "zh", []),
    ('The form asked, "Have you been in hospital in the past two years?" and he ticked no, so the insurer could rescind.', "en", []),
    # a product's own number that is not a fact's value, and a value with no keyword of its fact anywhere near
    ("医疗险常见30天等待期，法规上限另有规定。", "zh", []),
    ("资料须在申请日后5个工作日内交到公司。", "zh", []),
])
def test_the_wider_check_finds_each_shape_of_hand_written_value(text, lang, expected):
    assert list(hand_written(text, lang, FACTS)) == expected


def test_a_keyword_in_the_same_item_or_the_record_title_counts():
    assert list(hand_written("收到申请之日起2个工作日内", "zh", FACTS, "资料齐全的保全申请受理")) == [
        ("2个工作日", "受理", ["servicing-acceptance"])]
    assert list(hand_written("Within 10 working days", "en", FACTS, "Suspension notice")) == [
        ("10 working days", "suspension notice", ["lapse-notice"])]
    assert list(hand_written("收到申请之日起2个工作日内", "zh", FACTS)) == []


def test_every_text_a_reader_sees_is_checked_but_search_words_quotes_and_quiz_choices_are_not():
    data = {"id": "x-2", "updated": "2026-12-03", "title": {"zh": "效力中止通知", "en": "Suspension notice"},
            "summary": {"zh": "中止后10个工作日内寄出。", "en": "Sent within 10 working days."},
            "aliases": {"zh": ["10个工作日通知"], "en": []},
            "questions": {"zh": ["效力中止通知10个工作日内寄吗？"], "en": []},
            "spec": {"note": {"zh": "效力中止后10个工作日内寄出。", "en": ""},
                     "dont_say": [{"zh": "中止通知两年后才寄。", "en": ""}],
                     "quiz": [{"question": {"zh": "中止通知多久内寄出？", "en": ""},
                               "options": [{"text": {"zh": "10个工作日内", "en": ""}}]}]}}
    checked = {".".join(map(str, where)) for where, _lang, _text, _context in record_contexts(data)}
    assert {"title.zh", "summary.zh", "questions.zh.0", "spec.note.zh", "spec.quiz.0.question.zh"} <= checked
    assert not any(w.startswith(("aliases", "spec.dont_say", "spec.quiz.0.options", "updated", "id")) for w in checked)
    flagged = {".".join(map(str, where)) for where, lang, text, context in record_contexts(data)
               if list(hand_written(text, lang, FACTS, context))}
    assert flagged == {"summary.zh", "summary.en", "questions.zh.0", "spec.note.zh"}


def test_a_hand_written_value_is_a_warning_naming_the_token(tmp_path):
    data = copy_data(tmp_path)
    path = data / "glossary" / "grace-period.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary:\n  zh: ", "summary:\n  zh: 宽限期一般为60日。", 1), encoding="utf-8")
    content = load_content(data, tmp_path)
    assert content.errors == []
    warnings = [str(p) for p in content.problems if "by hand" in p.message]
    assert len(warnings) == 1
    assert "summary.zh: warning: writes '60日' by hand next to '宽限期': use [[fact:grace-period-after-due-date]]" in warnings[0]


def test_a_hand_written_value_in_a_title_or_a_question_is_a_warning_too(tmp_path):
    data = copy_data(tmp_path)
    path = data / "exclusions" / "suicide-within-two-years.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    - 投保后多久内自杀不赔？", "    - 投保两年内自杀赔不赔？", 1)
    text = text.replace("  en: Suicide in the exclusion period after issue or reinstatement is not covered",
                        "  en: Suicide within two years of issue is not covered", 1)
    path.write_text(text, encoding="utf-8")
    warnings = [str(p) for p in load_content(data, tmp_path).problems if "by hand" in p.message]
    assert any("questions.zh[0]: warning: writes '两年' by hand next to '自杀': use [[fact:suicide-exclusion-period]]" in w
               for w in warnings), warnings
    assert any("title.en: warning: writes 'two years' by hand next to 'suicide'" in w for w in warnings), warnings
    assert len(warnings) == 2


@pytest.mark.parametrize("pattern, url_host, path, ok", [
    ("*.gov.cn", "www.nfra.gov.cn", "/x", True),
    ("*.gov.cn", "gov.cn.example.com", "/x", False),
    ("www.iachina.cn", "iachina.cn.evil.com", "/", False),
    ("github.com/LawRefBook/", "github.com", "/LawRefBook/Laws/blob/x.md", True),
    ("github.com/LawRefBook/", "github.com", "/MontesLee/insurance-agent/blob/x.md", False),
])
def test_publisher_hosts_match_exactly_by_suffix_or_by_path_prefix(pattern, url_host, path, ok):
    assert host_matches(pattern, url_host, path) is ok


def test_every_shipped_source_is_on_an_allowed_host():
    for record in CONTENT.records:
        raw = load_bytes((ROOT / record.path).read_bytes()).data
        for source in raw["sources"]:
            url = source.get("url")
            assert url is None or CONTENT_PUBLISHERS.publisher_of(url), f"{record.ref}: {url}"


def test_exclusions_state_their_basis_and_only_the_laws_own_three_are_statutory():
    """Which exclusions must exist with which basis is content policy (must_exist in policy.yaml); that the law's own
    three are the only statutory ones is checked here."""
    exclusions = [r for r in CONTENT.records if r.kind == "exclusion"]
    statutory = sorted(r.id for r in exclusions if r.spec.basis == "statutory")
    assert statutory == ["intentional-crime", "policyholder-intentional-harm", "suicide-within-two-years"]
    assert not any("statutory-exclusion" in r.tags for r in CONTENT.records)
    assert "statutory-exclusion" not in CONTENT.tag_names


def test_the_basis_is_shown_with_what_it_means():
    page = render_record(BY_REF["exclusions/drink-driving"], "en", BY_REF, tag_names=CONTENT.tag_names, facts=FACTS)
    assert "Contract clause (prompt suffices)" in page and "SPC Interpretation (II) Art. 10" in page
    index = generated_pages(CONTENT.records, CONTENT.tag_names, FACTS)["zh/exclusions/index.md"]
    assert index.count("hb-basis--statutory") >= 4  # the legend and the three statutory entries, in each group


def test_a_banned_rendering_is_a_warning_with_the_preferred_one_in_either_language(tmp_path):
    data = copy_data(tmp_path)
    path = data / "glossary" / "grace-period.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary:\n  zh: ", "summary:\n  zh: 保全（preservation）", 1), encoding="utf-8")
    warnings = [str(p) for p in load_content(data, tmp_path).problems if "terms.yaml" in p.message]
    assert len(warnings) == 1 and "writes 'preservation' for 保全: use '保全' (en: policy servicing)" in warnings[0]


# --- the facts page -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_facts_page_lists_every_fact_with_value_scope_and_source_grouped_by_topic(lang):
    page = generated_pages(CONTENT.records, CONTENT.tag_names, FACTS)[f"{lang}/{FACTS_PAGE}"]
    title = "常用时限与规则" if lang == "zh" else "Key time limits and rules"
    assert f"# {title}" in page
    for fact in FACTS.facts:
        assert f'<tr id="{fact.id}">' in page
        row = page[page.index(f'<tr id="{fact.id}">'):]
        row = row[:row.index("</tr>")]
        assert fact.value(lang) in row and FACTS.citation(fact, lang) in row
        if fact.scope:
            assert fact.scope(lang) in row
    topics = [re.sub(r"\\(.)", r"\1", m) for m in re.findall(r"^## (.+?) \{ #topic-", page, re.M)]
    assert topics == [FACTS.topics[t](lang) for t, _ in FACTS.grouped()]


def test_the_facts_page_is_in_the_navigation_right_after_home():
    assert site_nav(CONTENT.records, "zh", True)[1] == {"常用时限与规则": FACTS_PAGE}
    assert site_nav(CONTENT.records, "en", True)[1] == {"Key time limits and rules": FACTS_PAGE}
