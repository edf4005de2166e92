"""Reader feedback and failed searches: sent to the site's own origin, logged by real nginx, summarised by insights."""
from __future__ import annotations

import csv
import io
import re
import time
from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from conftest import PHONE, ROOT, RequestLog, _free_port
from handbook.insights import summarise, tables, write_csv, write_text

from tests.support.nginx import running_nginx
from tests.support.content import shipped_content

LOG_FIXTURE = ROOT / "tests" / "fixtures" / "logs" / "events.log"
RECORD_PAGE = "/glossary/grace-period/"


# ---------- make insights on a fixture log ----------

@pytest.fixture(scope="module")
def fixture_tables():
    records = shipped_content().records
    summary = summarise([LOG_FIXTURE])
    return summary, tables(summary, records), records


def test_insights_counts_lines_and_skips_bad_ones(fixture_tables):
    summary, _, _ = fixture_tables
    assert summary.lines == 17
    assert summary.bad == 2, "a garbage line and an event with an unknown answer are skipped, never fatal"


def test_insights_tables_per_language(fixture_tables):
    _, result, records = fixture_tables
    assert result.no_result == [("en", "lapse letter", 1), ("zh", "宽限天", 2), ("zh", "断保", 2)]
    assert result.opened == [("zh", "宽限期", "glossary/grace-period", 2)]
    owner = next(r.owner for r in records if r.ref == "glossary/grace-period")
    assert ("zh", "glossary/grace-period", owner, 2, 1, "outdated 2; unclear 1", "例子太少") in result.unhelpful
    assert [row[:4] for row in result.unhelpful if row[0] == "en"] == [
        ("en", "letters/renewal-premium-notice", next(r.owner for r in records if r.ref == "letters/renewal-premium-notice"), 1)]
    assert result.most_read == [("en", "letters/renewal-premium-notice", 1), ("zh", "glossary/grace-period", 2)]
    unread_zh = [ref for lang, ref in result.unread if lang == "zh"]
    assert "glossary/grace-period" not in unread_zh and "letters/renewal-premium-notice" in unread_zh
    assert len(unread_zh) == len([r for r in records if r.status != "retired"]) - 1


def test_insights_text_and_csv(fixture_tables, tmp_path):
    summary, result, _ = fixture_tables
    out = io.StringIO()
    write_text(result, summary, out)
    text = out.getvalue()
    assert text.startswith("17 log lines read, 2 bad lines skipped.")
    assert "[zh] Searches with no result (most frequent first): 2" in text and "[en] Records no one opened:" in text
    files = {p.name: p for p in write_csv(result, tmp_path)}
    assert set(files) == {"no-result.csv", "opened.csv", "unhelpful.csv", "most-read.csv", "unread.csv"}
    raw = files["no-result.csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a byte-order mark so spreadsheets read Chinese"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows == [["lang", "query", "searches"], ["en", "lapse letter", "1"], ["zh", "宽限天", "2"], ["zh", "断保", "2"]]


def test_make_insights_prints_the_tables(tmp_path):
    import subprocess
    done = subprocess.run(["make", "-s", "insights", f"LOG={LOG_FIXTURE}", f"CSV={tmp_path / 'csv'}"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "[zh] Result opened per query: 1" in done.stdout and (tmp_path / "csv" / "unread.csv").is_file()
    missing = subprocess.run(["make", "-s", "insights"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and "usage: make insights LOG=" in missing.stderr


# ---------- the browser and real nginx ----------

@pytest.fixture(scope="module")
def nginx_events(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    workdir = tmp_path_factory.mktemp("nginx-events")
    with running_nginx(built_site, _free_port(), workdir) as base:
        yield base, workdir / "events.log"


@pytest.fixture
def reader(browser, nginx_events):
    """A phone page on the nginx-served site, with a request log; yields (page, context, base, events log)."""
    base, events = nginx_events
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True, locale="zh-CN")
    page = context.new_page()
    log = RequestLog(base)
    page.on("request", lambda r: log.urls.append(r.url))
    page.requests = log  # type: ignore[attr-defined]
    yield page, context, base, events
    assert log.foreign() == [], "nothing leaves the site's origin"
    context.close()


def event_lines(events: Path) -> list[dict[str, str]]:
    if not events.exists():
        return []
    lines = [line for line in events.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{k: v[0] for k, v in parse_qs(line.split("\t", 1)[1]).items()} for line in lines]


def wait_for_events(events: Path, count: int, timeout: float = 10) -> list[dict[str, str]]:
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = event_lines(events)
        if len(found) >= count:
            return found
        time.sleep(0.1)
    return event_lines(events)


def test_a_no_with_a_reason_is_one_log_line_with_the_record_and_reason(reader):
    page, _, base, events = reader
    before = len(event_lines(events))
    page.goto(base + RECORD_PAGE)
    form = page.locator("[data-hb-feedback]")
    form.scroll_into_view_if_needed()
    assert form.is_visible()
    form.locator("button[value=no]").click()
    form.locator("input[value=outdated]").check()
    form.locator("textarea").fill("例子不够")
    form.locator("button[type=submit]").click()
    found = wait_for_events(events, before + 1)
    assert len(found) == before + 1
    event = found[-1]
    assert event == {"e": "helpful", "p": RECORD_PAGE, "r": "glossary/grace-period", "v": "no", "why": "outdated",
                     "c": "例子不够", "l": "zh"}
    # nginx logs the event before the browser has the answer, so wait for the thanks rather than read it at once
    expect(page.locator(".hb-feedback__done")).to_have_text(re.compile("^谢谢"))
    line = events.read_text(encoding="utf-8").splitlines()[-1]
    assert "127.0.0.1" not in line and "Mozilla" not in line, "no address or browser identity in the events log"


def test_a_search_with_no_result_is_one_log_line(reader):
    page, _, base, events = reader
    before = len(event_lines(events))
    page.goto(base + "/en/")
    page.click("[data-hb-search-open]")
    page.fill(".hb-search__input", "xylophonequux")
    page.wait_for_selector("#hb-search[data-results='0']", state="attached", timeout=15000)
    found = wait_for_events(events, before + 1)
    time.sleep(2)  # nothing else follows: one search, one line
    found = event_lines(events)
    assert len(found) == before + 1
    assert {k: found[-1][k] for k in ("e", "q", "l")} == {"e": "no-result", "q": "xylophonequux", "l": "en"}


def test_the_result_opened_for_a_query_is_logged(reader):
    page, _, base, events = reader
    before = len(event_lines(events))
    page.goto(base + "/")
    page.click("[data-hb-search-open]")
    page.fill(".hb-search__input", "宽限期")
    page.wait_for_selector("#hb-search .hb-result__link")
    target = page.locator("#hb-search .hb-result__link").first.get_attribute("href")
    page.locator("#hb-search .hb-result__link").first.click()
    found = wait_for_events(events, before + 1)
    assert found[-1]["e"] == "opened" and found[-1]["q"] == "宽限期"
    assert found[-1]["to"] == urlsplit(urljoin(base + "/", target)).path


def test_offline_events_wait_on_the_device_and_are_sent_after_reconnecting(reader):
    page, context, base, events = reader
    page.goto(base + RECORD_PAGE)
    before = len(event_lines(events))
    context.set_offline(True)
    page.locator("[data-hb-feedback] button[value=yes]").click()
    page.wait_for_selector(".hb-feedback__done:not(:empty)")
    expect(page.locator(".hb-feedback__done")).to_contain_text("联网")  # told it will be sent later
    assert page.evaluate("JSON.parse(localStorage.getItem('hb:events-queue')).length") == 1
    time.sleep(1)
    assert len(event_lines(events)) == before, "nothing was sent while offline"
    context.set_offline(False)
    found = wait_for_events(events, before + 1)
    assert len(found) == before + 1 and found[-1]["v"] == "yes" and found[-1]["r"] == "glossary/grace-period"
    deadline = time.time() + 10
    while page.evaluate("localStorage.getItem('hb:events-queue')") is not None and time.time() < deadline:
        time.sleep(0.1)
    assert page.evaluate("localStorage.getItem('hb:events-queue')") is None, "the queue is emptied once sent"


def test_the_queue_is_bounded(reader):
    page, context, base, _ = reader
    page.goto(base + RECORD_PAGE)
    context.set_offline(True)
    page.evaluate("""() => {
        const q = Array.from({length: 80}, (_, i) => ({e: 'no-result', q: 'x' + i, l: 'zh'}));
        localStorage.setItem('hb:events-queue', JSON.stringify(q));
    }""")
    page.locator("[data-hb-feedback] button[value=yes]").click()
    page.wait_for_selector(".hb-feedback__done:not(:empty)")
    queue = page.evaluate("JSON.parse(localStorage.getItem('hb:events-queue'))")
    assert len(queue) == 50 and queue[-1]["e"] == "helpful", "the newest 50 events are kept"
    page.evaluate("localStorage.removeItem('hb:events-queue')")
    context.set_offline(False)


def test_the_switch_on_the_phone_page_turns_events_off(reader):
    page, _, base, events = reader
    page.goto(base + "/en/using-on-a-phone/")
    box = page.locator("[data-hb-events-switch]")
    assert box.is_checked()
    box.uncheck()
    assert page.evaluate("localStorage.getItem('hb:events-off')") == "1"
    before = len(event_lines(events))
    page.goto(base + "/en" + RECORD_PAGE)
    assert page.locator("[data-hb-feedback]").is_hidden(), "no feedback question once switched off"
    page.click("[data-hb-search-open]")
    page.fill(".hb-search__input", "qqzzxxnothing")
    page.wait_for_selector("#hb-search[data-results='0']", state="attached", timeout=15000)
    time.sleep(2.5)
    assert len(event_lines(events)) == before
    page.goto(base + "/en/using-on-a-phone/")
    page.locator("[data-hb-events-switch]").check()
    assert page.evaluate("localStorage.getItem('hb:events-off')") is None


def test_typing_into_a_letter_sends_nothing(reader):
    page, _, base, events = reader
    before = len(event_lines(events))
    page.goto(base + "/letters/renewal-premium-notice/")
    count = len(page.requests.urls)
    page.fill("input[name=holder_name]", "王建国")
    page.wait_for_timeout(2000)
    assert page.requests.made_since(count) == [] and len(event_lines(events)) == before
