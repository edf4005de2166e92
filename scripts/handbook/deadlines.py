"""The deadline calculator's data: which deadline counts from which date under which fact, the PRC working-day
calendar (holidays and make-up working days from `chinese_calendar`, extended by the years of holidays.yaml), and the
same date arithmetic the page's script does, so the build can check both against one table of cases. No number lives
here: each comes from facts.yaml."""
from __future__ import annotations

import calendar
from functools import lru_cache
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from .facts import Facts, facts_json
from .labels import LABELS, wording

DEADLINES_JSON = "assets/deadlines.json"


@dataclass(frozen=True)
class Deadline:
    """One result: counted from `start` (an input, or another deadline) by the sum of `facts` (all in one unit),
    plus `extra_days` for a day that follows a period (the suspension is the day after the grace period)."""
    id: str
    start: str
    facts: tuple[str, ...]
    contract: bool = False  # the policy wording may differ: the result says so
    extra_days: int = 0


INPUTS: tuple[str, ...] = ("due_date", "reminder_date", "suspension_date", "knowledge_date", "receipt_date",
                           "departure_date", "complaint_date", "preservation_date", "approval_date", "claim_date")

DEADLINES: tuple[Deadline, ...] = (
    Deadline("grace-end", "due_date", ("grace-period-after-due-date",), contract=True),
    Deadline("suspension", "grace-end", (), contract=True, extra_days=1),
    Deadline("grace-after-reminder", "reminder_date", ("grace-period-after-reminder",)),
    Deadline("reinstatement-deadline", "suspension_date", ("reinstatement-window",), contract=True),
    Deadline("lapse-notice", "suspension_date", ("lapse-notice",)),
    Deadline("limitation-life", "knowledge_date", ("limitation-life",)),
    Deadline("limitation-other", "knowledge_date", ("limitation-other",)),
    Deadline("cooling-off-end", "receipt_date", ("cooling-off-minimum",), contract=True),
    Deadline("orphan-notice", "departure_date", ("orphan-policy-notice",)),
    Deadline("complaint-reply", "complaint_date", ("complaint-reply",)),
    Deadline("complaint-reply-complex", "complaint_date", ("complaint-reply-complex",)),
    Deadline("complaint-reply-extended", "complaint_date", ("complaint-reply-complex", "complaint-extension")),
    Deadline("servicing-acceptance", "preservation_date", ("servicing-acceptance",)),
    Deadline("servicing-missing-documents", "preservation_date", ("servicing-missing-documents",)),
    Deadline("servicing-completion", "approval_date", ("servicing-completion",)),
    Deadline("claim-decision", "claim_date", ("claim-decision-working-days",)),
    Deadline("claim-decision-complex", "claim_date", ("claim-decision-complex",), contract=True),
    Deadline("claim-advance-payment", "claim_date", ("claim-advance-payment",)),
)
DEADLINE_BY_ID = {d.id: d for d in DEADLINES}


@dataclass(frozen=True)
class HolidayYear:
    """One year's schedule: its days off (any day of the week) and its make-up working days (weekends), ISO dates."""
    year: int
    days_off: tuple[str, ...]
    working_weekends: tuple[str, ...]


@dataclass(frozen=True)
class WorkCalendar:
    """Working days in mainland China for a run of consecutive years whose schedules are known."""
    first_year: int
    last_year: int
    holidays: frozenset[str]  # days off that fall on a weekday
    workdays: frozenset[str]  # make-up working days that fall on a weekend

    def covers(self, day: date) -> bool:
        return self.first_year <= day.year <= self.last_year

    def is_workday(self, day: date) -> bool:
        iso = day.isoformat()
        return iso in self.workdays or (day.weekday() < 5 and iso not in self.holidays)


@lru_cache(maxsize=1)
def package_years() -> dict[int, HolidayYear]:
    """Every year whose public holidays `chinese_calendar` lists, as one schedule per year."""
    import chinese_calendar  # imported here: only the build, the check and the tests need it

    years = sorted({d.year for d in chinese_calendar.holidays})
    return {year: HolidayYear(year, tuple(sorted(d.isoformat() for d in chinese_calendar.holidays if d.year == year)),
                              tuple(sorted(d.isoformat() for d in chinese_calendar.workdays
                                           if d.year == year and d.weekday() >= 5)))
            for year in years}


def consecutive_years(years: set[int] | dict[int, HolidayYear], first: int) -> range:
    """The run of years from `first` with none missing: a gap ends it (a year without its schedule has no holidays)."""
    last = first
    while last + 1 in years:
        last += 1
    return range(first, last + 1)


@lru_cache(maxsize=8)
def work_calendar(added: tuple[HolidayYear, ...] = ()) -> WorkCalendar:
    """The package's years, then the years of holidays.yaml that follow them without a gap (the package wins a year
    both list; the validator refuses such a file anyway)."""
    by_year = {**{y.year: y for y in added}, **package_years()}
    run = consecutive_years(by_year, min(package_years()))
    chosen = [by_year[year] for year in run]
    holidays = {d for y in chosen for d in y.days_off if date.fromisoformat(d).weekday() < 5}
    workdays = {d for y in chosen for d in y.working_weekends if date.fromisoformat(d).weekday() >= 5}
    return WorkCalendar(run.start, run.stop - 1, frozenset(holidays), frozenset(workdays))


class OutsideCalendar(Exception):
    """A working-day count reaches a year the calendar does not cover."""


def add_days(start: date, days: int) -> date:
    """The last day of a period of `days` days that starts the day after `start`."""
    return start + timedelta(days=days)


def add_years(start: date, years: int) -> date:
    """The same day `years` later; where that month has no such day (29 February), its last day."""
    year = start.year + years
    return date(year, start.month, min(start.day, calendar.monthrange(year, start.month)[1]))


def add_working_days(start: date, days: int, cal: WorkCalendar) -> date:
    """The `days`-th working day after `start` (the start day itself is not counted)."""
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        if not cal.covers(day):
            raise OutsideCalendar(f"{day.year} is outside the calendar ({cal.first_year}–{cal.last_year})")
        if cal.is_workday(day):
            counted += 1
    return day


def compute(deadline_id: str, start: date, facts: Facts, cal: WorkCalendar) -> date:
    """One deadline from its start date (raises OutsideCalendar for working days beyond the calendar)."""
    deadline = DEADLINE_BY_ID[deadline_id]
    chosen = [facts.by_id[f] for f in deadline.facts]
    units = {f.value.unit for f in chosen}
    if len(units) > 1:
        raise ValueError(f"{deadline_id}: facts {deadline.facts} are in different units {sorted(units)}")
    amount = sum(f.value.number or 0 for f in chosen)
    unit: Optional[str] = units.pop() if units else None
    if unit == "working-day":
        result = add_working_days(start, amount, cal)
    elif unit == "year":
        result = add_years(start, amount)
    else:
        result = add_days(start, amount)
    return result + timedelta(days=deadline.extra_days)


def deadlines_json(facts: Facts, cal: WorkCalendar) -> dict:
    """What the page's script needs: the deadlines, the facts they use (values and articles), the calendar."""
    used = {f for d in DEADLINES for f in d.facts}
    all_facts = facts_json(facts)["facts"]
    return {
        "inputs": list(INPUTS),
        "deadlines": [{"id": d.id, "start": d.start, "facts": list(d.facts), "contract": d.contract,
                       "extra_days": d.extra_days} for d in DEADLINES],
        "facts": {fid: all_facts[fid] for fid in sorted(used)},
        "calendar": {"first_year": cal.first_year, "last_year": cal.last_year,
                     "holidays": sorted(cal.holidays), "workdays": sorted(cal.workdays)},
    }


def missing_facts(facts: Facts) -> list[str]:
    """Facts the calculator counts with that facts.yaml does not define (the build fails on any)."""
    return sorted({f for d in DEADLINES for f in d.facts} - set(facts.by_id))


# Where the calculator appears: the page groups its inputs; compact versions sit on the pages that discuss a
# deadline; letters get their date fields filled (field -> (deadline, the letter field it counts from)).
PAGE_GROUPS: tuple[tuple[str, ...], ...] = (
    ("due_date", "reminder_date"), ("suspension_date",), ("knowledge_date", "claim_date"), ("receipt_date",),
    ("departure_date",), ("complaint_date",), ("preservation_date", "approval_date"),
)
EMBEDS: dict[str, tuple[str, ...]] = {
    "glossary/grace-period": ("due_date",),
    "exclusions/grace-period-lapse": ("due_date", "suspension_date"),
    "procedures/reinstatement": ("suspension_date",),
    "glossary/reinstatement": ("suspension_date",),
}
LETTER_FILLS: dict[str, dict[str, tuple[str, str]]] = {
    "letters/grace-period-reminder": {"grace_end": ("grace-end", "due_date")},
    "letters/lapse-notice": {"lapse_date": ("suspension", "due_date"), "reinstate_by": ("reinstatement-deadline", "lapse_date")},
}


def counted_from(input_id: str) -> list[Deadline]:
    """The deadlines that count from this input, directly or through another deadline."""
    def root(d: Deadline) -> str:
        return d.start if d.start in INPUTS else root(DEADLINE_BY_ID[d.start])
    return [d for d in DEADLINES if root(d) == input_id]


@dataclass(frozen=True)
class ResultView:
    id: str
    rule: str
    contract: bool


def rule_text(deadline: Deadline, facts: Facts, lang: str, after_grace: str) -> str:
    """The rule behind a deadline in words: '60日（保险法第36条）' / '60 days (Insurance Law Art. 36)'."""
    if not deadline.facts:
        return after_grace + wording(lang, "paren", text=rule_text(DEADLINE_BY_ID[deadline.start], facts, lang, after_grace))
    chosen = [facts.by_id[f] for f in deadline.facts]
    value = " + ".join(f.value(lang) for f in chosen)
    cites = list(dict.fromkeys(facts.citation(f, lang) for f in chosen))
    return value + wording(lang, "paren", text=LABELS[lang]["cite_sep"].join(cites))


def input_views(inputs: tuple[str, ...], facts: Facts, lang: str, after_grace: str) -> list[tuple[str, list[ResultView]]]:
    """Each input with the deadlines it gives, their rules in words and whether the contract may differ."""
    return [(i, [ResultView(d.id, rule_text(d, facts, lang, after_grace), d.contract) for d in counted_from(i)])
            for i in inputs]
