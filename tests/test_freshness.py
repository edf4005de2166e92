"""Freshness: the reviewed-on line, the overdue banner with a moved clock, change history, "changed since your last
visit" marks kept on the device, and the review status page that lists what `make status` lists."""
from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest

from conftest import ROOT
from handbook.kinds import LANGUAGES
from handbook.model import ChangeNote, Text
from handbook.render import render_record, render_status
from handbook.review import reviews_by_owner
from handbook.status import report
from tests.support.content import shipped_content

CONTENT = shipped_content()
BY_REF = {r.ref: r for r in CONTENT.records}


def prefix(lang: str) -> str:
    return "" if lang == "zh" else f"/{lang}"


def test_reviews_by_owner_sorts_records_into_overdue_due_soon_and_drafts():
    a = dataclasses.replace(BY_REF["glossary/grace-period"], review_by="2027-01-05")
    b = dataclasses.replace(BY_REF["glossary/reinstatement"], review_by="2027-02-01", owner="理赔部")
    c = dataclasses.replace(BY_REF["glossary/premium"], review_by="2027-03-01")
    d = dataclasses.replace(BY_REF["glossary/policy"], status="draft", review_by="2028-01-01")
    e = dataclasses.replace(BY_REF["glossary/surrender"], status="retired", review_by="2020-01-01", replaced_by="glossary/policy")
    lists = reviews_by_owner([a, b, c, d, e], date(2027, 1, 10))
    assert list(lists) == ["客户服务部", "理赔部"]
    assert [r.id for r in lists["客户服务部"].overdue] == ["grace-period"]
    assert [r.id for r in lists["理赔部"].due_soon] == ["reinstatement"]
    assert [r.id for r in lists["客户服务部"].drafts] == ["policy"]
    assert "premium" not in {r.id for group in lists.values() for r in group.overdue + group.due_soon}


STATUS_DAY = date(2027, 11, 25)  # every record reviewed by 2027-11-20 is overdue; the flows fall due on 2027-12-03


@pytest.fixture(scope="module")
def status_text() -> str:
    """`make status` as printed on STATUS_DAY (it reads git's history of every record, so it runs once)."""
    return report(ROOT / "data" / "scripts_and_forms", ROOT, today=STATUS_DAY)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_status_page_lists_what_make_status_prints(lang, status_text):
    today = STATUS_DAY
    page = render_status(lang, CONTENT.records, today)
    text = status_text

    def paths(section: str) -> set[str]:
        block = text.split(section, 1)[1].split("\n\n", 1)[0]
        return {line.split()[0] for line in block.splitlines()[1:]}

    def refs(key: str) -> set[str]:
        lists = re.findall(rf'<ul class="hb-index hb-status__list" data-list="{key}">(.*?)</ul>', page, re.S)
        return set(re.findall(r'data-ref="([^"]+)"', "".join(lists)))

    by_path = {r.path: r.ref for r in CONTENT.records}
    overdue, soon = paths("Review overdue ("), paths("Review due within 30 days (")
    assert overdue and soon, "the chosen day gives both lists"
    assert refs("overdue") == {by_path[p] for p in overdue}
    assert refs("due_soon") == {by_path[p] for p in soon} >= {"flows/case-class"}
    assert "2027-11-25" in page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_change_history_lists_every_note_newest_first(lang):
    record = dataclasses.replace(BY_REF["glossary/grace-period"], updated="2026-11-20", history=[
        ChangeNote("2026-06-01", Text("改写释义。", "Definition rewritten.")),
        ChangeNote("2026-01-10", Text("首次发布。", "First published."))])
    page = render_record(record, lang, BY_REF, facts=CONTENT.facts)
    section = page.split("{ #changes }", 1)[1].split("{ #sources }", 1)[0]
    assert re.findall(r'<time datetime="([\d-]+)">', section) == ["2026-11-20", "2026-06-01", "2026-01-10"]
    assert ("变更记录" if lang == "zh" else "Change history") in page.split("{ #changes }", 1)[0].splitlines()[-1]


# ---------- in the browser ----------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_reviewed_line_is_in_the_header_and_the_banner_follows_the_clock(browser, server, lang):
    record = BY_REF["procedures/complaint"]
    for now, overdue in (("2027-11-19T10:00:00", False), ("2027-11-21T08:00:00", True)):
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        try:
            page.clock.set_fixed_time(now)
            page.goto(f"{server}{prefix(lang)}/procedures/complaint/")
            line = page.locator(".hb-reviewed")
            assert line.is_visible()
            assert line.bounding_box()["y"] < 844, "on the first screen, under the title"
            words = "复核于" if lang == "zh" else "Reviewed on"
            owner = "客户服务部" if lang == "zh" else "Customer Service Department"
            assert line.inner_text() == f"{words} {record.updated} · {owner}"
            banner = page.locator(".hb-overdue")
            if overdue:
                assert banner.is_visible()
                assert record.review_by in banner.inner_text()
                assert ("逾期" if lang == "zh" else "overdue") in banner.inner_text()
            else:
                assert banner.count() == 0
        finally:
            context.close()


def test_indexes_mark_records_changed_since_the_last_visit(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.clock.set_fixed_time("2026-12-10T09:00:00")
        page.goto(server + "/flows/")
        assert page.locator(".hb-badge--changed").count() == 0, "a first visit marks nothing"
        # the reader last came on 1 December; the flows were updated on 3 December
        page.evaluate("""() => localStorage.setItem('hb:freshness', JSON.stringify(
            {previous: null, current: '2026-12-01', seen: {}}))""")
        page.reload()
        flows = [r for r in CONTENT.records if r.kind == "flow"]
        assert page.locator(".hb-index__item .hb-badge--changed").count() == len(flows)
        assert page.locator(".hb-badge--changed").first.inner_text() == "上次访问后有更新"
        page.goto(server + "/whats-new/")
        marked = page.locator("[data-changed-since]").evaluate_all("items => items.map(i => i.dataset.ref)")
        assert set(marked) == {r.ref for r in CONTENT.records if r.updated > "2026-12-01"}
        page.goto(server + "/flows/case-class/")  # reading a record clears its mark
        page.goto(server + "/flows/")
        assert page.locator(".hb-index__item[data-ref='flows/case-class'] .hb-badge--changed").count() == 0
        assert page.locator(".hb-index__item[data-ref='flows/who-may-change'] .hb-badge--changed").count() == 1
        state = page.evaluate("JSON.parse(localStorage.getItem('hb:freshness'))")
        assert state["seen"] == {"flows/case-class": BY_REF["flows/case-class"].updated}
        assert all(u.startswith(server) for u in requests), "nothing leaves the device"
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_status_page_is_built_in_both_languages(built_site, lang):
    html = (built_site / prefix(lang).lstrip("/") / "status" / "index.html").read_text(encoding="utf-8")
    assert ("复核状态" if lang == "zh" else "Review status") in html
    assert f"{date.today().isoformat()}" in html
