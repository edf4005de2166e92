"""Fields, errors and checklists in real Chromium at 390×844: visible focus, the GOV.UK error message and summary,
amounts read as people type them, print with an empty required field, a slim checklist bar with an undoable reset,
the exclusions filter's announced count, and each language's own 404 page."""
from __future__ import annotations

import pytest

SCHEMES = ["light", "dark"]


def visit(page, path: str, scheme: str = "light"):
    page.emulate_media(color_scheme=scheme)
    page.goto(page.base + path)
    page.wait_for_load_state("networkidle")
    if scheme == "dark":
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"


def no_print(page):
    """Count window.print() calls instead of opening the print dialog."""
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("selector", ["#f-holder_name", "#f-salutation", "#f-recipient_address", "[data-action=remember]"])
def test_keyboard_focus_is_plainly_visible(phone, scheme, selector):
    """WCAG 2.4.7: a 3 px yellow outline (GOV.UK's focus colour) on text inputs, selects, textareas and checkboxes."""
    visit(phone, "/letters/renewal-premium-notice/", scheme)
    phone.focus(selector)
    phone.keyboard.press("Shift+Tab")
    phone.keyboard.press("Tab")
    style = phone.eval_on_selector(selector, "e => { const s = getComputedStyle(e); return [document.activeElement === e, s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }")
    assert style[0], "the field has the focus"
    assert style[1] == "solid" and style[2] >= 3 and style[3] == "rgb(255, 221, 0)", style


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_print_with_a_required_field_empty_shows_the_error_summary_first(phone, lang):
    visit(phone, ("" if lang == "zh" else "/en") + "/letters/renewal-premium-notice/")
    no_print(phone)
    phone.fill("#f-holder_name", "王建国")
    phone.fill("#f-amount", "abc")
    phone.click(".hb-letter [data-action=print]")
    assert phone.evaluate("() => window.__printed") == 0, "nothing printed yet"
    summary = phone.locator(".hb-letter .hb-error-summary")
    assert summary.get_attribute("role") == "alert" and summary.evaluate("e => document.activeElement === e")
    links = summary.locator("a")
    wanted = phone.eval_on_selector_all(".hb-letter [required]", "els => els.filter(e => !e.value.trim()).map(e => '#' + e.id)")
    hrefs = links.evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert set(wanted) | {"#f-amount"} == set(hrefs), "a link to each field with a problem"
    amount = phone.locator("#f-amount")
    assert amount.get_attribute("aria-invalid") == "true"
    error_id = amount.get_attribute("aria-describedby").split()[-1]
    message = phone.locator(f"#{error_id}")
    assert message.is_visible() and ("金额" in message.inner_text() if lang == "zh" else "amount" in message.inner_text())
    assert message.evaluate("(m) => m.compareDocumentPosition(document.getElementById('f-amount')) & Node.DOCUMENT_POSITION_FOLLOWING"), \
        "the message is next to its field, above it"
    links.first.click()
    assert phone.evaluate("() => document.activeElement.id") == hrefs[0][1:], "a summary link takes the reader to the field"
    phone.fill("#f-amount", "5,000")
    phone.locator("#f-amount").blur()
    assert phone.locator("#f-amount").get_attribute("aria-invalid") is None, "fixing a field clears its error"
    summary.locator("button").click()
    assert phone.evaluate("() => window.__printed") == 1, "the reader can still print, leaving gaps to write by hand"


def test_a_blank_form_prints_at_once(phone):
    visit(phone, "/forms/visit-record/")
    no_print(phone)
    phone.click(".hb-fillable [data-action=print]")
    assert phone.evaluate("() => window.__printed") == 1, "a blank on purpose needs no check"
    assert phone.locator(".hb-error-summary").count() == 0


@pytest.mark.parametrize("typed, parsed", [("5000", "5000"), ("5,000", "5000"), ("5000元", "5000"), ("５０００", "5000"),
                                            ("5 000.50", "5000.50"), ("¥3,600.5", "3600.5"), ("人民币5000元整", "5000"),
                                            ("５，０００．００元", "5000.00"), ("5000块", "5000"), ("abc", ""), ("5.123", "")])
def test_amounts_are_read_as_people_type_them(phone, typed, parsed):
    visit(phone, "/letters/renewal-premium-notice/")
    assert phone.evaluate("(t) => window.hbParseAmount(t)", typed) == parsed


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_preview_and_the_check_agree_on_an_amount(phone, lang):
    visit(phone, ("" if lang == "zh" else "/en") + "/letters/renewal-premium-notice/")
    for typed in ("5000元", "５０００", "5 000"):
        phone.fill("#f-amount", typed)
        phone.locator("#f-amount").blur()
        shown = phone.locator('.hb-paper [data-slot="amount"]').first.inner_text()
        assert shown.startswith("5,000.00"), shown
        assert phone.locator("#f-amount").get_attribute("aria-invalid") is None, f"{typed!r} is accepted"
        sentence = phone.locator(".hb-paper__body").inner_text()
        assert "元 yuan" not in sentence and "元元" not in sentence and "）元" not in sentence
        if lang == "zh":
            assert "人民币伍仟元整" in shown


@pytest.mark.parametrize("size", [{"width": 390, "height": 844}, {"width": 320, "height": 568}])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_checklist_bar_stays_slim_and_untick_all_can_be_undone(phone, size, lang):
    phone.set_viewport_size(size)
    visit(phone, ("" if lang == "zh" else "/en") + "/checklists/claim-docs-death/")
    phone.mouse.wheel(0, 900)
    phone.wait_for_timeout(300)
    bar = phone.locator(".hb-progress").bounding_box()
    assert bar["height"] / size["height"] <= 0.08, f"the sticky bar covers {bar['height'] / size['height']:.0%} of the screen"
    boxes = phone.locator(".hb-checklist input[data-item]")
    for i in (0, 2, 5):
        boxes.nth(i).check()
    phone.click(".hb-checklist [data-action=reset]")
    assert phone.inner_text("[data-progress-done]") == "0"
    phone.click(".hb-checklist [data-action=undo]")
    assert phone.inner_text("[data-progress-done]") == "3"
    assert [boxes.nth(i).is_checked() for i in (0, 1, 2, 5)] == [True, False, True, True]
    phone.reload()
    phone.wait_for_load_state("networkidle")
    assert phone.inner_text("[data-progress-done]") == "3", "the undone state is kept"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_exclusions_catalogue_lists_each_exclusion_once_and_announces_the_count(phone, lang):
    visit(phone, ("" if lang == "zh" else "/en") + "/exclusions/")
    items = phone.locator(".hb-catalogue .hb-index__item")
    hrefs = items.locator("a:not(.hb-fact)").evaluate_all("els => els.map(a => a.getAttribute('href'))")  # fact links aside
    assert len(hrefs) == len(set(hrefs)), "one entry per exclusion under the first filter"
    count = phone.locator("[data-count]")
    assert count.get_attribute("aria-live") == "polite" and count.get_attribute("role") == "status"
    assert str(len(hrefs)) in count.inner_text()
    phone.click('[data-line="medical"]')
    shown = items.evaluate_all("els => els.filter(e => !e.hidden).length")
    assert 0 < shown < len(hrefs) and str(shown) in count.inner_text()
    labels = phone.locator(".hb-filter button").all_inner_texts()
    assert len(set(labels)) == len(labels)
    if lang == "en":
        assert "All product lines" in labels and "All" not in labels and "All products" not in labels


@pytest.mark.parametrize("path, lang, title", [("/404.html", "zh", "找不到这个页面"), ("/en/404.html", "en", "Page not found")])
def test_each_language_has_its_own_404_page_with_search_and_sections(phone, path, lang, title):
    visit(phone, path)
    assert phone.locator("html").get_attribute("lang") == lang
    assert phone.locator("article h1").inner_text().strip() == title
    sections = phone.locator("article .hb-refs a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    prefix = "/" if lang == "zh" else "/en/"
    assert len(sections) >= 9 and all(h.startswith(prefix) for h in sections)
    phone.click("article [data-hb-search-open]")
    assert phone.evaluate("() => document.getElementById('hb-search').open")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_header_icons_and_language_items_are_44px_targets(phone, lang):
    visit(phone, ("" if lang == "zh" else "/en") + "/procedures/claims-assistance/")
    phone.click(".md-header .md-select button")
    sizes = phone.eval_on_selector_all(".md-header__button.md-icon, .md-select__link",
                                       "els => els.filter(e => e.offsetParent !== null || e.getClientRects().length)"
                                       ".map(e => { const r = e.getBoundingClientRect(); return [e.className, r.width, r.height]; })"
                                       ".filter(s => s[1] > 0)")
    assert len(sizes) >= 5
    small = [s for s in sizes if round(s[1], 1) < 44 or round(s[2], 1) < 44]  # 43.99999 is layout rounding
    assert small == [], small
