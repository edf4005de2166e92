"""The knowledge base itself: sources behind legal statements, exclusions complete, glossary terms linked, governance
(draft/retired marks, review warnings, What's new order). What the handbook must cover (minimum counts, must-cover
topics, refused phrases, cited laws) is its content policy, checked by `make check`: see test_policy.py."""
from __future__ import annotations

import dataclasses
import re
from datetime import date

from conftest import ROOT
from handbook.collate import by_title, collation_key
from handbook.kinds import KIND_BY_FOLDER
from handbook.model import ExclusionSpec
from handbook.navigation import site_nav
from handbook.render import render_record, render_whats_new
from handbook.validate import load_content
from tests.support.content import shipped_content

CONTENT = shipped_content()
BY_REF = CONTENT.by_ref()
LEGAL = re.compile(r"第[一二三四五六七八九十百\d]+条|\d+\s*(个)?(工作日|日|天)内|Art(icle|\.)\s*\d+|within \d+ (working )?days", re.I)


def texts(value) -> list[str]:
    """Every string inside a record (both languages)."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value):
        return [t for f in dataclasses.fields(value) for t in texts(getattr(value, f.name))]
    if isinstance(value, (list, tuple)):
        return [t for item in value for t in texts(item)]
    return []


def test_records_stating_a_time_limit_or_legal_rule_cite_a_source():
    stating = [r for r in CONTENT.records if any(LEGAL.search(t) for t in texts(r.spec))]
    assert len(stating) > 50
    for record in stating:
        assert record.sources, record.ref
        assert all(s.internal or s.url.startswith(("http://", "https://")) for s in record.sources)


def test_every_exclusion_has_every_part():
    """Aliases in both languages and every product line covered are content policy (aliases_required,
    exclusion_product_lines in policy.yaml)."""
    exclusions = [r for r in CONTENT.records if r.kind == "exclusion"]
    for r in exclusions:
        spec: ExclusionSpec = r.spec  # type: ignore[assignment]
        for part in (spec.clause, spec.plain, spec.example, spec.misunderstanding, spec.legal_basis):
            assert part.zh.strip() and part.en.strip(), r.ref
        assert spec.say and spec.dont_say and spec.product_lines, r.ref
        assert r.sources


def test_first_use_of_a_glossary_term_links_to_its_entry():
    page = render_record(BY_REF["procedures/renewal-reminder"], "zh", BY_REF)
    links = re.findall(r'<a class="hb-term" href="\.\./\.\./glossary/([a-z0-9-]+)/">([^<]+)</a>', page)
    assert ("grace-period", "宽限期") in links
    assert len([l for l in links if l[0] == "grace-period"]) == 1, "only the first use is linked"
    own = render_record(BY_REF["glossary/grace-period"], "zh", BY_REF)
    assert 'href="../../glossary/grace-period/"' not in own.split("## ", 1)[1].split("hb-refs")[0]


def test_draft_and_retired_records_are_marked_and_retired_leave_the_nav():
    base = BY_REF["glossary/grace-period"]
    draft = dataclasses.replace(base, status="draft")
    assert "hb-draft" in render_record(draft, "zh", BY_REF) and "草稿" in render_record(draft, "zh", BY_REF)
    retired = dataclasses.replace(base, status="retired", replaced_by="glossary/reinstatement")
    page = render_record(retired, "en", BY_REF)
    assert "hb-retired" in page and 'href="../../glossary/reinstatement/"' in page
    records = [retired if r is base else r for r in CONTENT.records]
    nav = str(site_nav(records, "zh"))
    assert "glossary/grace-period.md" not in nav and "glossary/reinstatement.md" in nav


def test_whats_new_is_newest_first():
    older = dataclasses.replace(BY_REF["glossary/grace-period"], updated="2025-01-02")
    newer = dataclasses.replace(BY_REF["glossary/reinstatement"], updated="2099-12-01")  # later than any shipped record
    for lang in ("zh", "en"):
        page = render_whats_new(lang, [older, *CONTENT.records[:5], newer])
        dates = re.findall(r"^## (\d{4}-\d{2}-\d{2})", page, re.M)
        assert dates == sorted(dates, reverse=True) and dates[0] == "2099-12-01" and dates[-1] == "2025-01-02"


def test_check_warns_about_overdue_reviews_and_drafts():
    content = load_content(ROOT / "tests" / "fixtures" / "valid", ROOT, today=date(2030, 1, 1))
    warnings = [p for p in content.problems if p.severity == "warning"]
    assert content.errors == []
    assert len([w for w in warnings if w.field == "review_by"]) == len(content.records)
    assert all("review was due on 2027-11-20" in w.message for w in warnings if w.field == "review_by")


def test_lists_are_in_reading_order_pinyin_for_chinese():
    """Chinese lists go by pinyin (保全 before 重疾), English ones A to Z whatever the case."""
    assert collation_key("保全", "zh") < collation_key("重疾", "zh") < collation_key("自杀", "zh")
    assert collation_key("accident", "en") < collation_key("HIV", "en") < collation_key("waiting period", "en")
    glossary = [r for r in CONTENT.records if r.folder == "glossary"]
    for lang in ("zh", "en"):
        title = KIND_BY_FOLDER["glossary"].title(lang)
        section = next(item[title] for item in site_nav(CONTENT.records, lang) if isinstance(item, dict) and title in item)
        listed = [BY_REF[path.removesuffix(".md")].title(lang) for path in section[1:]]
        assert listed == [r.title(lang) for r in by_title(glossary, lang)] and len(listed) == len(glossary)
        if lang == "zh":
            assert listed.index("保全") < listed.index("犹豫期"), "bao before you"
