"""holidays.yaml: the working-day calendar's years after those `chinese_calendar` lists, copied by the office from each
year's State Council notice, checked so that a year has one source, lies where it says and leaves no gap."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from .datafiles import in_turn, load_data_file, schema_problems
from .deadlines import HolidayYear, WorkCalendar, consecutive_years, package_years
from .problems import Problem, display_path
from .publishers import host_matches
from .schemas import validator_for
from .yamlload import Loaded

HOLIDAYS_FILE = "holidays.yaml"
NOTICE_HOSTS: tuple[str, ...] = ("gov.cn", "*.gov.cn")  # the State Council publishes the schedule on www.gov.cn
ENDS_SOON_DAYS = 60
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _real_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _date_problems(shown: str, loaded: Loaded, i: int, entry: dict) -> Iterator[Problem]:
    """Each date is real and in its year; make-up days are weekends; no day is both off and a working day."""
    year = entry["year"]
    for key in ("days_off", "working_weekends"):
        for j, text in enumerate(entry[key]):
            where = ("years", i, key, j)
            field = f"years[{i}].{key}[{j}]"
            day = _real_day(text)
            if day is None:
                yield Problem(shown, loaded.line_of(where), field, f"'{text}' is not a real date (write YYYY-MM-DD)")
            elif day.year != year:
                yield Problem(shown, loaded.line_of(where), field,
                              f"{text} is not in {year}: list each day under the year it falls in")
            elif key == "working_weekends" and day.weekday() < 5:
                yield Problem(shown, loaded.line_of(where), field,
                              f"{text} is a {_WEEKDAYS[day.weekday()]}: a make-up working day is a Saturday or Sunday "
                              "(weekdays are working days already)")
            elif key == "days_off" and text in entry["working_weekends"]:
                yield Problem(shown, loaded.line_of(where), field,
                              f"{text} is also listed in working_weekends: a day is either off or a working day")


def _source_problem(shown: str, loaded: Loaded, i: int, url: str) -> Iterator[Problem]:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not any(host_matches(pattern, host, parts.path) for pattern in NOTICE_HOSTS):
        yield Problem(shown, loaded.line_of(("years", i, "source", "url")), f"years[{i}].source.url",
                      f"source host '{host or url}' is not gov.cn: cite the State Council's notice on www.gov.cn")


def _year_problems(shown: str, loaded: Loaded) -> Iterator[Problem]:
    """One source per year, no gap after the package's years, and every date where it belongs."""
    package = package_years()
    first, last = min(package), max(package)
    entries = loaded.data["years"]
    listed = {entry["year"] for entry in entries}
    reached = consecutive_years(set(package) | listed, first)
    seen: dict[int, int] = {}
    for i, entry in enumerate(entries):
        year, where = entry["year"], ("years", i, "year")
        if year in package:
            yield Problem(shown, loaded.line_of(where), f"years[{i}].year",
                          f"{year} is already in the chinese-calendar package ({first}–{last}): a year has one "
                          "source, so remove it here")
        elif year in seen:
            yield Problem(shown, loaded.line_of(where), f"years[{i}].year", f"{year} is listed twice (also years[{seen[year]}])")
        elif year < first:
            yield Problem(shown, loaded.line_of(where), f"years[{i}].year",
                          f"{year} is before the calendar's first year {first}: add only years after {last}")
        elif year not in reached:
            missing = next(y for y in range(first, year) if y not in reached)
            yield Problem(shown, loaded.line_of(where), f"years[{i}].year",
                          f"{year} does not follow the calendar's years without a gap: {missing} is missing, and a "
                          f"year without its schedule would count no holidays; add {missing} first")
        seen.setdefault(year, i)
        yield from _date_problems(shown, loaded, i, entry)
        yield from _source_problem(shown, loaded, i, entry["source"]["url"])


def load_holidays(data_dir: Path, root: Path) -> tuple[tuple[HolidayYear, ...], list[Problem]]:
    """The years of holidays.yaml (none when the file is absent); nothing, and every problem, when it is broken."""
    file = load_data_file(data_dir, root, HOLIDAYS_FILE,
                          ("the holiday calendar", "`years:` with each year's source, days_off and working_weekends"),
                          in_turn(schema_problems(validator_for("holidays"), "holidays.schema.json"), _year_problems))
    if file.loaded is None:
        return (), file.problems
    years = tuple(HolidayYear(e["year"], tuple(e["days_off"]), tuple(e["working_weekends"]))
                  for e in file.loaded.data["years"])
    return tuple(sorted(years, key=lambda y: y.year)), []


def calendar_ends_soon(cal: WorkCalendar, today: date, data_dir: Path, root: Path) -> str | None:
    """For `make status`: within ENDS_SOON_DAYS of the calendar's last day, which year to add and where."""
    end = date(cal.last_year, 12, 31)
    left = (end - today).days
    if left > ENDS_SOON_DAYS:
        return None
    when = f"ends on {end} (in {left} days)" if left >= 0 else f"ended on {end} ({-left} days ago)"
    where = display_path(data_dir / HOLIDAYS_FILE, root)
    return (f"Working-day calendar {when}: add {cal.last_year + 1}'s days off and make-up working days to {where} "
            f"from the State Council's holiday notice on www.gov.cn")

