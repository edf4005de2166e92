"""holidays.yaml extends the working-day calendar past the chinese-calendar package: a (made-up) fixture year makes a
count across the year end work, each rule's broken case is one `path:line: field: message`, a gap year stops the
range, and `make status` says when the next year is due; the shipped file holds no invented year."""
from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import ROOT
from handbook.assemble import assemble
from handbook.deadlines import (HolidayYear, OutsideCalendar, add_working_days, compute, deadlines_json, package_years,
                                work_calendar)
from handbook.holidays import ENDS_SOON_DAYS, HOLIDAYS_FILE, calendar_ends_soon, load_holidays
from handbook.kinds import LANGUAGES
from handbook.render import render_deadlines
from handbook.status import report
from handbook.validate import load_content
from tests.support.content import shipped_content

FIXTURE = ROOT / "tests" / "fixtures" / "holidays" / "made-up-2027.yaml"
VALID = ROOT / "tests" / "fixtures" / "valid"
DATA = ROOT / "data" / "scripts_and_forms"
PACKAGE_LAST = max(package_years())


def load_holidays_from(text: str, where: Path) -> tuple[tuple[HolidayYear, ...], list]:
    """holidays.yaml with this text in a data folder of its own, loaded as the checker does."""
    data = where / "data"
    data.mkdir(exist_ok=True)
    (data / HOLIDAYS_FILE).write_text(text, encoding="utf-8")
    return load_holidays(data, where)


@pytest.fixture
def made_up(tmp_path) -> tuple[HolidayYear, ...]:
    years, problems = load_holidays_from(FIXTURE.read_text(encoding="utf-8"), tmp_path)
    assert problems == [], problems
    return years


def test_the_fixture_year_follows_the_package():
    assert PACKAGE_LAST == 2026, "the fixture's made-up year is the one after the package's last"


# ---------- the calendar ----------

def test_a_fixture_year_extends_the_calendar_across_the_year_end(made_up):
    assert [y.year for y in made_up] == [2027]
    with pytest.raises(OutsideCalendar):
        add_working_days(date(2026, 12, 28), 5, work_calendar())
    cal = work_calendar(made_up)
    assert (cal.first_year, cal.last_year) == (min(package_years()), 2027)
    # 29, 30, 31 December; 1 January off (Friday), the weekend, 4 January off (Monday); then 5 and 6 January
    assert add_working_days(date(2026, 12, 28), 5, cal) == date(2027, 1, 6)
    # ... 7 and 8 January, Saturday 9 January worked as a make-up day, then 11 and 12 January
    assert add_working_days(date(2026, 12, 28), 10, cal) == date(2027, 1, 12)
    assert compute("claim-decision", date(2026, 12, 28), shipped_content().facts, cal) == date(2027, 1, 6)
    with pytest.raises(OutsideCalendar, match="2028"):
        add_working_days(date(2027, 12, 28), 5, cal)


def test_weekend_days_off_are_accepted_but_only_weekdays_change_the_count(made_up):
    cal = work_calendar(made_up)
    assert "2027-01-01" in cal.holidays and "2027-01-04" in cal.holidays
    assert "2027-01-02" not in cal.holidays, "a Saturday off is a weekend anyway"
    assert cal.workdays >= {"2027-01-09"} and cal.is_workday(date(2027, 1, 9))


def test_a_gap_year_stops_the_range(tmp_path):
    later = HolidayYear(2028, ("2028-01-03",), ())
    assert work_calendar((later,)).last_year == PACKAGE_LAST, "2027 missing: 2028 is not counted as holiday-free 2027"
    made_up = HolidayYear(2027, ("2027-01-04",), ("2027-01-09",))
    cal = work_calendar((made_up, HolidayYear(2029, ("2029-01-01",), ())))
    assert cal.last_year == 2027 and "2029-01-01" not in cal.holidays
    with pytest.raises(OutsideCalendar):
        add_working_days(date(2027, 12, 30), 5, cal)


def test_the_page_and_its_json_name_the_extended_years(made_up):
    facts = shipped_content().facts
    cal = work_calendar(made_up)
    data = deadlines_json(facts, cal)["calendar"]
    assert data["last_year"] == 2027 and "2027-01-04" in data["holidays"] and "2027-01-09" in data["workdays"]
    first = min(package_years())
    for lang in LANGUAGES:
        page = render_deadlines(lang, facts, cal)
        assert page.count(f"{first}–2027") >= 2, "the counting note and the outside-calendar message"
        assert f"{first}–2026" not in page
        assert f"{first}–2026" in render_deadlines(lang, facts, work_calendar())


def test_the_build_writes_the_extended_calendar(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    for name in ("facts.yaml", "publishers.yaml"):
        shutil.copy(DATA / name, data / name)
    shutil.copy(FIXTURE, data / HOLIDAYS_FILE)
    content = load_content(data, tmp_path)
    assert content.errors == [], "\n".join(map(str, content.errors))
    assert [y.year for y in content.holidays] == [2027]
    target = tmp_path / "build"
    assemble(ROOT / "docs", target, content.records, content.tag_names, content.letterhead, content.facts,
             content.holidays)
    written = json.loads((target / "assets" / "deadlines.json").read_text(encoding="utf-8"))
    assert written["calendar"]["last_year"] == 2027 and "2027-01-04" in written["calendar"]["holidays"]
    assert "2027" in (target / "zh" / "deadlines.md").read_text(encoding="utf-8")
    assert "2027" in (target / "en" / "deadlines.md").read_text(encoding="utf-8")


# ---------- each rule, at its file and line ----------

GOOD = FIXTURE.read_text(encoding="utf-8")

# (what the broken file says instead of the fixture, the line marker, the field, part of the message)
BROKEN: dict[str, tuple[str, str, str, str, str]] = {
    "year-in-package": ("year: 2027", "year: 2026", "year: 2026", "years[0].year",
                        "2026 is already in the chinese-calendar package (2004–2026): a year has one source"),
    "date-outside-year": ('"2027-01-04"]', '"2028-01-04"]', "2028-01-04", "years[0].days_off[3]",
                          "2028-01-04 is not in 2027"),
    "not-a-real-date": ('"2027-01-04"]', '"2027-02-30"]', "2027-02-30", "years[0].days_off[3]",
                        "'2027-02-30' is not a real date"),
    "make-up-on-a-weekday": ('["2027-01-09"]', '["2027-01-08"]', "2027-01-08", "years[0].working_weekends[0]",
                             "2027-01-08 is a Friday: a make-up working day is a Saturday or Sunday"),
    "off-and-worked": ('["2027-01-09"]', '["2027-01-09", "2027-01-02"]', "days_off:", "years[0].days_off[1]",
                       "2027-01-02 is also listed in working_weekends: a day is either off or a working day"),
    "source-not-gov-cn": ("https://www.gov.cn/test-fixture-made-up-year", "https://www.example.com/holidays-2027",
                          "www.example.com", "years[0].source.url",
                          "source host 'www.example.com' is not gov.cn: cite the State Council's notice on www.gov.cn"),
    "missing-field": ('    working_weekends: ["2027-01-09"]  # a Saturday\n', "", "- year: 2027", "years[0].working_weekends",
                      "missing field 'working_weekends'"),
}


def line_with(text: str, marker: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if marker in line)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_rule_reports_its_file_line_field_and_message(tmp_path, case):
    old, new, marker, field, message = BROKEN[case]
    assert old in GOOD
    text = GOOD.replace(old, new)
    years, problems = load_holidays_from(text, tmp_path)
    assert years == ()
    expected = f"data/{HOLIDAYS_FILE}:{line_with(text, marker)}: {field}: "
    assert any(str(p).startswith(expected) and message in p.message for p in problems), \
        f"wanted {expected}…{message}, got:\n" + "\n".join(map(str, problems))


def test_a_gap_year_and_a_repeated_year_are_errors_at_their_lines(tmp_path):
    entry = GOOD.split("years:\n", 1)[1]
    text = GOOD + entry.replace("2027", "2029").replace("2029-01-09", "2029-01-06") + entry  # 6 January 2029: Saturday
    _, problems = load_holidays_from(text, tmp_path)
    lines = text.splitlines()
    year_lines = [n for n, line in enumerate(lines, 1) if "- year:" in line]
    shown = {str(p) for p in problems}
    assert (f"data/{HOLIDAYS_FILE}:{year_lines[1]}: years[1].year: 2029 does not follow the calendar's years "
            "without a gap: 2028 is missing, and a year without its schedule would count no holidays; add 2028 first") in shown
    assert f"data/{HOLIDAYS_FILE}:{year_lines[2]}: years[2].year: 2027 is listed twice (also years[0])" in shown
    assert len(problems) == 2


def test_every_problem_is_reported_at_once_and_never_a_traceback(tmp_path):
    text = GOOD.replace('["2027-01-09"]', '["2027-01-08"]').replace("www.gov.cn", "example.org")
    _, problems = load_holidays_from(text, tmp_path)
    assert {p.field for p in problems} == {"years[0].working_weekends[0]", "years[0].source.url"}
    _, unreadable = load_holidays_from("years: [\n  - year: 2027\n", tmp_path)
    assert len(unreadable) == 1 and unreadable[0].field == "(file)" and unreadable[0].path == f"data/{HOLIDAYS_FILE}"
    _, wrong_type = load_holidays_from("years:\n  - year: next\n", tmp_path)
    assert wrong_type and all(p.path == f"data/{HOLIDAYS_FILE}" and p.line == 2 for p in wrong_type)


def test_a_broken_file_fails_the_check_with_the_records_problems(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    (data / HOLIDAYS_FILE).write_text(GOOD.replace('"2027-01-04"]', '"2028-01-04"]'), encoding="utf-8")
    content = load_content(data, tmp_path)
    assert [str(p) for p in content.errors] == [
        f"data/{HOLIDAYS_FILE}:9: years[0].days_off[3]: 2028-01-04 is not in 2027: list each day under the year it falls in"]
    assert content.holidays == ()


# ---------- make status ----------

def test_status_names_the_year_to_add_within_sixty_days_and_not_before():
    cal = work_calendar()
    end = date(cal.last_year, 12, 31)
    due = calendar_ends_soon(cal, end - timedelta(days=ENDS_SOON_DAYS), DATA, ROOT)
    assert due == (f"Working-day calendar ends on {end} (in 60 days): add {cal.last_year + 1}'s days off and make-up "
                   "working days to data/scripts_and_forms/holidays.yaml from the State Council's holiday notice on "
                   "www.gov.cn")
    assert calendar_ends_soon(cal, end - timedelta(days=ENDS_SOON_DAYS + 1), DATA, ROOT) is None
    late = calendar_ends_soon(cal, end + timedelta(days=3), DATA, ROOT)
    assert late is not None and f"ended on {end} (3 days ago)" in late and f"add {cal.last_year + 1}'s" in late


def test_status_report_carries_the_line_until_the_year_is_added(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    today = date(2026, 12, 3)
    assert "\n\nWorking-day calendar ends on 2026-12-31 (in 28 days): add 2027's" in report(data, tmp_path, today)
    assert "Working-day calendar" not in report(data, tmp_path, date(2026, 10, 1))
    shutil.copy(FIXTURE, data / HOLIDAYS_FILE)
    assert "Working-day calendar" not in report(data, tmp_path, today), "2027 added: nothing to do this year"


# ---------- what ships ----------

def test_the_shipped_file_invents_no_year_and_checks_clean():
    shipped = (DATA / HOLIDAYS_FILE).read_text(encoding="utf-8")
    assert "\nyears: []\n" in shipped and "www.gov.cn" in shipped, "an empty list and how to add a year"
    content = shipped_content()
    assert content.holidays == ()
    assert [p for p in content.problems if HOLIDAYS_FILE in p.path] == []
