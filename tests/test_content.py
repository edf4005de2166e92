"""The knowledge base itself: minimum record counts, sources behind legal statements, exclusions complete,
glossary terms linked, governance (draft/retired marks, review warnings, What's new order)."""
from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest

from conftest import ROOT
from handbook.collate import by_title, collation_key
from handbook.kinds import KIND_BY_FOLDER
from handbook.model import ExclusionSpec
from handbook.navigation import site_nav
from handbook.render import render_record, render_whats_new
from handbook.validate import load_content

CONTENT = load_content(ROOT / "data" / "scripts_and_forms", ROOT)
BY_REF = CONTENT.by_ref()
MINIMUMS = {"standards": 20, "procedures": 14, "scripts": 14, "letters": 9, "forms": 7, "checklists": 12,
            "exclusions": 35, "glossary": 80}
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


@pytest.mark.parametrize("folder, minimum", MINIMUMS.items())
def test_minimum_records_per_kind(folder, minimum):
    assert sum(1 for r in CONTENT.records if r.folder == folder) >= minimum


def test_records_stating_a_time_limit_or_legal_rule_cite_a_source():
    stating = [r for r in CONTENT.records if any(LEGAL.search(t) for t in texts(r.spec))]
    assert len(stating) > 50
    for record in stating:
        assert record.sources, record.ref
        assert all(s.internal or s.url.startswith(("http://", "https://")) for s in record.sources)


def test_articles_cited_in_text_appear_in_sources():
    """Where a record names an Insurance Law article, its sources include the Insurance Law."""
    for record in CONTENT.records:
        body = " ".join(texts(record.spec))
        if re.search(r"保险法\s*第\s*\d+\s*条", body):
            titles = " ".join(s.title.zh for s in record.sources)
            assert "保险法" in titles, record.ref


def test_no_staff_collection_of_premiums_is_suggested():
    """Since 2024 staff may not collect premiums or benefits for customers: no text tells them to."""
    for record in CONTENT.records:
        for text in texts(record.spec):
            assert "上门收费" not in text or "不" in text, record.ref


def test_every_exclusion_has_every_part_and_aliases_in_both_languages():
    exclusions = [r for r in CONTENT.records if r.kind == "exclusion"]
    for r in exclusions:
        spec: ExclusionSpec = r.spec  # type: ignore[assignment]
        for part in (spec.clause, spec.plain, spec.example, spec.misunderstanding, spec.legal_basis):
            assert part.zh.strip() and part.en.strip(), r.ref
        assert spec.say and spec.dont_say and spec.product_lines, r.ref
        assert r.aliases.zh and r.aliases.en, f"{r.ref} needs search aliases in both languages"
        assert r.sources
    lines = {line for r in exclusions for line in r.spec.product_lines}
    assert {"life", "critical-illness", "medical", "accident", "general"} <= lines


@pytest.mark.parametrize("ref, aliases", [
    ("exclusions/drink-driving", ["酒驾", "醉驾", "酒后驾驶"]),
    ("exclusions/carcinoma-in-situ", ["原位癌"]),
    ("exclusions/waiting-period", ["等待期"]),
])
def test_key_exclusions_are_findable_by_their_common_names(ref, aliases):
    record = BY_REF[ref]
    words = " ".join([record.title.zh, *record.aliases.zh])
    for alias in aliases:
        assert alias in words


def test_glossary_covers_the_core_terms():
    titles = {r.title.zh for r in CONTENT.records if r.kind == "glossary"}
    for term in ("投保人", "被保险人", "受益人", "保全", "宽限期", "复效", "犹豫期", "现金价值", "等待期", "既往症",
                 "轻症", "疑难件", "孤儿保单"):
        assert term in titles


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
    newer = dataclasses.replace(BY_REF["glossary/reinstatement"], updated="2026-12-01")
    for lang in ("zh", "en"):
        page = render_whats_new(lang, [older, *CONTENT.records[:5], newer])
        dates = re.findall(r"^## (\d{4}-\d{2}-\d{2})", page, re.M)
        assert dates == sorted(dates, reverse=True) and dates[0] == "2026-12-01" and dates[-1] == "2025-01-02"


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
