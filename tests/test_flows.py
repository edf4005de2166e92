"""Guided decisions: the graph helpers, the rendered outline, and every flow walked to every outcome in real
Chromium at phone size, offline, in both languages; the outline without script and on at most two A4 pages."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import PHONE, ROOT
from handbook.fact_tokens import FactText
from handbook.flowgraph import MAX_QUESTIONS_ON_A_PATH, longest_path, outline
from handbook.kinds import LANGUAGES
from handbook.model import FlowQuestion, FlowSpec
from handbook.render import render_record
from test_offline import StoppableServer, open_controlled
from test_print import pdf_facts
from tests.support.content import shipped_content

CONTENT = shipped_content()
BY_REF = {r.ref: r for r in CONTENT.records}
FLOWS = [r for r in CONTENT.records if r.kind == "flow"]


def say(text, lang: str) -> str:
    """A flow text as the reader sees it: fact tokens written out as value and article."""
    return FactText(CONTENT.facts, lang, None).plain(text(lang))


def prefix(lang: str) -> str:
    return "" if lang == "zh" else f"/{lang}"


def walks(spec: FlowSpec) -> list[tuple[list[int], str]]:
    """Every path from the first question to an outcome, as the answer indexes picked and the outcome reached."""
    found: list[tuple[list[int], str]] = []

    def go(node_id: str, picks: list[int]) -> None:
        node = spec.node(node_id)
        if isinstance(node, FlowQuestion):
            for i, answer in enumerate(node.answers):
                go(answer.next, picks + [i])
        else:
            found.append((picks, node_id))

    go(spec.start, [])
    return found


def test_every_flow_leads_somewhere_and_reaches_all_its_outcomes():
    """Which flows must exist is content policy (must_exist in policy.yaml, checked by make check)."""
    assert FLOWS
    for flow in FLOWS:
        assert flow.spec.procedures, f"{flow.id} names the procedures it leads into"
        reached = {outcome for _, outcome in walks(flow.spec)}
        assert reached == {o.id for o in flow.spec.outcomes}, f"{flow.id}: every outcome is on some path"
        assert len(longest_path(flow.spec)) <= MAX_QUESTIONS_ON_A_PATH


def test_unreachable_customer_flow_asks_the_six_methods_in_order_then_ends_in_the_report():
    spec = BY_REF["flows/customer-unreachable"].spec
    chain = longest_path(spec)
    assert chain == ["phone", "visit", "neighbours", "previous-agent", "board", "records"]
    last = spec.node(chain[-1])
    assert last.answers[-1].next == "hard-case-report"
    assert "forms/problem-policy-report" in spec.node("hard-case-report").links


def test_outline_shows_each_node_once_and_refers_back_after_that():
    spec = BY_REF["flows/customer-unreachable"].spec
    seen: list[str] = []
    refs: list[str] = []

    def visit(item) -> None:
        (seen if item.first else refs).append(item.node.id)
        for _, child in item.branches:
            visit(child)

    visit(outline(spec))
    assert sorted(seen) == sorted([q.id for q in spec.questions] + [o.id for o in spec.outcomes])
    assert refs.count("reached") == 5, "later answers that reach the customer point back to the first outcome"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_procedures_link_to_the_flows_that_start_them(lang):
    page = render_record(BY_REF["procedures/difficult-case"], lang, BY_REF, facts=CONTENT.facts)
    assert 'href="../../flows/customer-unreachable/"' in page
    assert 'class="hb-flow-start"' in page


def test_page_data_escapes_markup(tmp_path):
    flow = BY_REF["flows/case-class"]
    page = render_record(flow, "en", BY_REF, facts=CONTENT.facts)
    data = page.split('<script type="application/json" class="hb-flow__data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and ">" not in data


# ---------- in the browser ----------

@pytest.fixture
def flow_site(built_site: Path):
    server = StoppableServer(built_site)
    yield server
    server.stop()


def tap_sizes(page) -> list[tuple[str, float, float]]:
    return page.evaluate("""() => [...document.querySelectorAll('.hb-flow__app button, .hb-flow__go a')]
        .map(b => [b.textContent.trim().slice(0, 30), b.getBoundingClientRect().width, b.getBoundingClientRect().height])""")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_flow_walks_to_every_outcome_offline_on_a_phone(browser, flow_site, lang):
    """Each flow page is visited online once, then the server stops and every path is walked from the cache."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True, locale="zh-CN")
    page = context.new_page()
    page.base = flow_site.base  # type: ignore[attr-defined]
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        open_controlled(page, f"{prefix(lang)}/")
        for flow in FLOWS:
            page.goto(f"{flow_site.base}{prefix(lang)}/flows/{flow.id}/")
            page.wait_for_load_state("networkidle")
        flow_site.stop()
        assert flow_site.is_down()
        for flow in FLOWS:
            response = page.goto(f"{flow_site.base}{prefix(lang)}/flows/{flow.id}/")
            assert response is not None and response.ok and response.from_service_worker
            page.wait_for_selector(".hb-flow__app:not([hidden]) .hb-flow__card")
            assert not page.locator(".hb-flow__outline").is_visible(), "with script, one question per screen"
            start = flow.spec.node(flow.spec.start)
            assert page.locator(".hb-flow__question").inner_text() == say(start.text, lang)
            for picks, outcome_id in walks(flow.spec):
                page.locator(".hb-flow__restart").click() if page.locator(".hb-flow__restart").is_enabled() else None
                node = start
                for step, pick in enumerate(picks):
                    assert page.locator(".hb-flow__card").get_attribute("data-node") == node.id
                    assert page.locator(".hb-flow__choice").count() == len(node.answers)
                    page.locator(".hb-flow__choice").nth(pick).click()
                    assert page.locator(".hb-flow__trail li").count() == step + 1
                    node = flow.spec.node(node.answers[pick].next)
                outcome = flow.spec.node(outcome_id)
                card = page.locator(".hb-flow__card")
                assert card.get_attribute("data-node") == outcome_id, f"{flow.id} {picks}"
                assert page.locator(".hb-flow__question").inner_text() == say(outcome.title, lang)
                hrefs = card.locator(".hb-flow__go a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
                assert hrefs == [f"../../{ref}/" for ref in outcome.links]
                assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scrolling"
                small = [t for t in tap_sizes(page) if t[2] < 44]
                assert small == [], f"tap targets under 44 px: {small}"
            assert all(r.startswith(flow_site.base) or r.startswith("data:") for r in requests)
    finally:
        context.close()


def test_back_trail_and_address_keep_the_place(phone):
    spec = BY_REF["flows/unpaid-premium"].spec
    phone.goto(phone.base + "/flows/unpaid-premium/")
    phone.locator(".hb-flow__choice").nth(2).click()  # grace period over, suspended under 2 years
    phone.locator(".hb-flow__choice").nth(0).click()  # wants to reinstate
    assert phone.locator(".hb-flow__card").get_attribute("data-node") == "reinstate"
    assert phone.evaluate("location.hash") == "#path=2.0"
    phone.reload()
    assert phone.locator(".hb-flow__card").get_attribute("data-node") == "reinstate", "a reload keeps the place"
    assert phone.locator(".hb-flow__trail li").count() == 2
    phone.locator(".hb-flow__back").click()
    assert phone.locator(".hb-flow__card").get_attribute("data-node") == "wants-reinstatement"
    phone.go_back()
    assert phone.locator(".hb-flow__card").get_attribute("data-node") == "reinstate", "the browser's back follows the steps"
    phone.locator(".hb-flow__crumb").first.click()  # change the first answer
    assert phone.locator(".hb-flow__card").get_attribute("data-node") == spec.start
    assert phone.locator(".hb-flow__trail").count() == 0
    assert phone.locator(".hb-flow__back").is_disabled() and phone.locator(".hb-flow__restart").is_disabled()
    assert phone.evaluate("document.activeElement.className") == "hb-flow__question", "focus moves to the new question"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_script_the_whole_flow_is_a_nested_list(browser, server, lang):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        flow = BY_REF["flows/claim-refusal-risk"]
        page.goto(f"{server}{prefix(lang)}/flows/{flow.id}/")
        outline_box = page.locator(".hb-flow__outline")
        assert outline_box.is_visible() and not page.locator(".hb-flow__app").is_visible()
        text = outline_box.inner_text()
        for question in flow.spec.questions:
            assert say(question.text, lang) in text
            for answer in question.answers:
                assert say(answer.label, lang) in text
        for outcome in flow.spec.outcomes:
            assert say(outcome.title, lang) in text
        nested = page.locator(".hb-flow__q .hb-flow__q .hb-flow__q .hb-flow__q")
        assert nested.count() >= 1, "questions nest under the answers that lead to them"
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("flow", FLOWS, ids=lambda r: r.id)
def test_flow_prints_as_an_outline_on_at_most_two_a4_pages(phone, flow, lang, tmp_path):
    phone.goto(f"{phone.base}{prefix(lang)}/flows/{flow.id}/")
    phone.locator(".hb-flow__choice").first.click()  # printing mid-walk still gives the whole outline
    pages, text = pdf_facts(phone.pdf(format="A4", print_background=True), tmp_path, f"{flow.id}-{lang}")
    assert 1 <= pages <= 2, f"{flow.id} ({lang}) prints on {pages} pages"
    flat = "".join(text.split())
    for question in flow.spec.questions:
        assert "".join(say(question.text, lang).split()) in flat, question.id
    for outcome in flow.spec.outcomes:
        assert "".join(say(outcome.title, lang).split()) in flat, outcome.id
    assert ("上一步" if lang == "zh" else "Start over") not in text, "the stepper's buttons stay off paper"
