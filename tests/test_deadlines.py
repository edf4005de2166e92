"""The deadline calculator: one table of cases checked in Python and, from the same file, by the page's script in
Chromium; every number from the facts file; the letters' dates filled from it and still editable."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import PHONE, ROOT
from handbook.deadlines import (DEADLINE_BY_ID, DEADLINES, INPUTS, OutsideCalendar, compute, counted_from, deadlines_json,
                                missing_facts, work_calendar)
from handbook.kinds import LANGUAGES
from tests.support.content import shipped_content

CASES = yaml.safe_load((ROOT / "tests" / "fixtures" / "deadlines" / "cases.yaml").read_text(encoding="utf-8"))
CONTENT = shipped_content()
FACTS = CONTENT.facts


def case_id(case: dict) -> str:
    return f"{case['deadline']}-{case['start']}"


def python_result(case: dict) -> str:
    """The deadline as the build computes it, following a chain (suspension counts from the grace period's end)."""
    start = date.fromisoformat(str(case["start"]))
    chain = [case["deadline"]]
    while DEADLINE_BY_ID[chain[-1]].start not in INPUTS:
        chain.append(DEADLINE_BY_ID[chain[-1]].start)
    try:
        for deadline in reversed(chain):
            start = compute(deadline, start, FACTS, work_calendar())
    except OutsideCalendar:
        return "outside"
    return start.isoformat()


def test_the_table_covers_what_the_calculator_must_get_right():
    assert len(CASES) >= 25
    notes = " ".join(c["note"] for c in CASES)
    for topic in ("29 February", "month end", "Spring Festival", "National Day", "make-up", "outside"):
        assert topic in notes, topic
    assert {c["deadline"] for c in CASES} <= set(DEADLINE_BY_ID)
    assert any(str(c["expect"]) == "outside" for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_python_matches_the_table(case):
    assert python_result(case) == str(case["expect"]), case["note"]


def test_every_number_comes_from_the_facts_file():
    assert missing_facts(FACTS) == []
    data = deadlines_json(FACTS, work_calendar())
    for entry in data["deadlines"]:
        for fact_id in entry["facts"]:
            assert data["facts"][fact_id]["number"] == FACTS.by_id[fact_id].value.number
    script = (ROOT / "docs" / "assets" / "deadlines.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", script, flags=re.S)
    literals = {int(n) for n in re.findall(r"(?<![\w.])\d+(?![\w.])", code)}
    assert literals <= {0, 1, 2, 3, 4, 6, 7}, f"deadlines.js holds numbers of its own: {sorted(literals)}"


def test_calendar_covers_the_package_years_and_knows_make_up_days():
    cal = work_calendar()
    assert cal.first_year <= 2024 and cal.last_year >= 2026
    assert cal.is_workday(date(2026, 2, 14)) and not cal.is_workday(date(2026, 2, 16)), "Spring Festival 2026"
    assert cal.is_workday(date(2025, 10, 11)) and not cal.is_workday(date(2025, 10, 8)), "National Day 2025"


def test_each_input_gives_at_least_one_deadline():
    assert all(counted_from(i) for i in INPUTS)
    assert {d.id for i in INPUTS for d in counted_from(i)} == {d.id for d in DEADLINES}


# ---------- in the browser ----------

@pytest.fixture
def calculator(phone):
    phone.goto(phone.base + "/deadlines/")
    phone.wait_for_function("window.hbDeadlines && window.hbDeadlines.data")
    return phone


def test_the_script_matches_the_same_table(calculator):
    results = calculator.evaluate("""cases => cases.map(c => {
        const r = window.hbDeadlines.compute(window.hbDeadlines.data, c.deadline, c.start);
        return r.outside ? 'outside' : r.date; })""", [{"deadline": c["deadline"], "start": str(c["start"])} for c in CASES])
    assert results == [str(c["expect"]) for c in CASES]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_names_the_rule_and_the_contract_caveat_and_says_when_outside(browser, server, lang):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{server}{'' if lang == 'zh' else '/en'}/deadlines/")
        page.wait_for_selector(".hb-deadlines[data-ready]")
        page.fill("[data-input=due_date]", "2026-01-31")
        row = page.locator("[data-deadline=grace-end]")
        assert row.locator(".hb-deadline__date").get_attribute("data-date") == "2026-04-01"
        rule = row.locator(".hb-deadline__rule").inner_text()
        assert ("保险法第36条" if lang == "zh" else "Insurance Law Art. 36") in rule
        assert ("以合同为准" if lang == "zh" else "check the policy wording") in rule
        page.fill("[data-input=preservation_date]", "2026-12-30")
        outside = page.locator("[data-deadline=servicing-acceptance] .hb-deadline__date").inner_text()
        assert "2026" in outside and ("日历" if lang == "zh" else "calendar") in outside
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        small = page.evaluate("[...document.querySelectorAll('.hb-deadlines__input')].filter(i => i.getBoundingClientRect().height < 44).length")
        assert small == 0
    finally:
        context.close()


def test_lapse_notice_fills_its_dates_and_keeps_what_the_agent_types(phone):
    phone.goto(phone.base + "/letters/lapse-notice/")
    phone.wait_for_selector(".hb-deadline-fill[data-ready]")
    phone.fill("[name=due_date]", "2024-02-29")
    assert phone.input_value("[name=lapse_date]") == "2024-04-30"
    assert phone.input_value("[name=reinstate_by]") == "2026-04-30"
    preview = phone.locator("[data-slot=reinstate_by]").first.inner_text()
    assert "2026" in preview, "the letter preview shows the filled date"
    phone.fill("[name=reinstate_by]", "2026-05-15")  # the agent types over it
    phone.fill("[name=due_date]", "2024-03-01")
    assert phone.input_value("[name=lapse_date]") == "2024-05-01"
    assert phone.input_value("[name=reinstate_by]") == "2026-05-15", "a date typed by hand is kept"


def test_grace_period_letter_and_pages_carry_the_calculator(phone):
    phone.goto(phone.base + "/letters/grace-period-reminder/")
    phone.wait_for_selector(".hb-deadline-fill[data-ready]")
    phone.fill("[name=due_date]", "2026-01-31")
    assert phone.input_value("[name=grace_end]") == "2026-04-01"
    for path in ("/glossary/grace-period/", "/procedures/reinstatement/", "/en/glossary/reinstatement/"):
        phone.goto(phone.base + path)
        phone.wait_for_selector(".hb-deadline-embed .hb-deadlines[data-ready]")
        assert phone.locator(".hb-deadline-embed a[href$='deadlines/']").count() == 1


def test_deadline_data_is_built_once_as_json(built_site: Path):
    data = json.loads((built_site / "assets" / "deadlines.json").read_text(encoding="utf-8"))
    assert data["facts"]["grace-period-after-due-date"]["number"] == FACTS.by_id["grace-period-after-due-date"].value.number
    assert "2026-02-14" in data["calendar"]["workdays"]
    assert not list(built_site.glob("en/assets/deadlines.json")), "one copy for both languages"
