"""Real headless Chromium at 390×844: home pages, language switch, Chinese search, no foreign requests."""
from __future__ import annotations

import re

import pytest

SHOTS = None


def visit(page, path: str):
    page.goto(page.base + path)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("path, lang, heading", [("/", "zh", "保单服务手册"), ("/en/", "en", "Policy Service Handbook")])
def test_home_renders_on_a_phone(phone, path, lang, heading, tmp_path):
    visit(phone, path)
    assert phone.locator("html").get_attribute("lang") == lang
    assert phone.locator("article h1").first.inner_text().strip() == heading
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390, "no horizontal scrolling"
    assert phone.locator(".grid.cards li").count() == 4, "a card for each of the four readers"
    phone.screenshot(path=str(tmp_path / f"home-{lang}.png"))
    assert (tmp_path / f"home-{lang}.png").stat().st_size > 10_000
    assert phone.requests.foreign() == []


@pytest.mark.parametrize("start, target, lang", [
    ("/procedures/renewal-reminder/", "/en/procedures/renewal-reminder/", "en"),
    ("/en/letters/renewal-premium-notice/", "/letters/renewal-premium-notice/", "zh"),
])
def test_language_switch_lands_on_the_same_record(phone, start, target, lang):
    visit(phone, start)
    phone.click(".md-header .md-select button")
    phone.click(f'.md-select__link[hreflang="{lang}"]')
    phone.wait_for_url(phone.base + target)
    phone.wait_for_load_state("networkidle")
    assert phone.locator("html").get_attribute("lang") == lang
    assert phone.requests.foreign() == []


def search(page, query: str) -> list[str]:
    page.click("[data-hb-search-open]")
    box = page.locator("#hb-search-input")
    box.wait_for(state="visible")
    box.fill(query)
    page.wait_for_selector("#hb-search .hb-result__link", timeout=15_000)
    page.wait_for_timeout(400)
    return page.eval_on_selector_all("#hb-search .hb-result__link", "els => els.map(e => e.getAttribute('href'))")


def test_chinese_search_finds_the_record(phone):
    visit(phone, "/")
    hrefs = search(phone, "宽限期")
    assert any("/glossary/grace-period/" in h for h in hrefs[:3]), hrefs
    assert phone.locator("#hb-search .hb-result__link .hb-kind").first.inner_text() in ("术语", "除外责任", "信函模板", "服务标准", "话术", "作业流程")
    assert phone.locator("#hb-search .hb-result__excerpt mark").count() > 0, "the match is highlighted"
    assert all(not h.startswith("/en/") for h in hrefs), "the zh search only returns zh pages"
    assert phone.requests.foreign() == []


def test_english_search_stays_in_english(phone):
    visit(phone, "/en/")
    hrefs = search(phone, "grace period")
    assert hrefs and all("/en/" in h for h in hrefs), hrefs
    assert any("/en/glossary/grace-period/" in h for h in hrefs[:3]), hrefs


def test_no_request_leaves_the_origin_on_record_pages(phone):
    for path in ("/standards/renewal-reminder/", "/en/scripts/renewal-reminder-call/", "/checklists/pre-call-check/",
                 "/en/forms/unpaid-renewal-register/", "/exclusions/grace-period-lapse/", "/en/glossary/grace-period/"):
        visit(phone, path)
    assert phone.requests.foreign() == []
    assert phone.requests.failed == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_page_has_a_search_box_above_the_fold_that_opens_search(phone, lang):
    visit(phone, "/" if lang == "zh" else "/en/")
    button = phone.locator(".hb-home-search__button")
    box = button.bounding_box()
    assert box and box["y"] + box["height"] <= 844 and box["height"] >= 44 and box["width"] >= 300
    button.click()
    assert phone.evaluate("() => document.getElementById('hb-search').open")
    assert phone.evaluate("() => document.activeElement.id") == "hb-search-input"
    phone.keyboard.type("宽限期" if lang == "zh" else "grace period")
    phone.wait_for_selector("#hb-search .hb-result__link", timeout=15_000)
