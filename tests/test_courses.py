"""Training courses: the onboarding course is complete and checked; on a phone its quizzes give feedback, a score and
progress kept on the device; trainer handouts, the trainer's guide and role cards print on A4 in real Chromium."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from handbook.model import CourseSpec, Text
from handbook.render import render_record
from handbook.validate import load_content
from test_print import CHROME_WORDS, open_page, pdf_facts
from test_render import HOSTILE, to_html
from tests.support.content import shipped_content

DATA = ROOT / "data" / "scripts_and_forms"
CONTENT = shipped_content()
BY_REF = CONTENT.by_ref()
COURSE = BY_REF["courses/new-staff-onboarding"]
SPEC: CourseSpec = COURSE.spec  # type: ignore[assignment]
PAGE = "/courses/new-staff-onboarding/"
FIRST = SPEC.modules[0]
STORE_KEY = "hb:course:new-staff-onboarding:what-is-service:zh"


def flat(text: str) -> str:
    """Text without any whitespace, for comparing Chinese that pdftotext may break anywhere."""
    return "".join(text.split())


def prefix(lang: str) -> str:
    return "" if lang == "zh" else "/en"


# ---------- the content ----------

def test_onboarding_course_is_complete():
    """How many modules, which question types, the reading and the key limits it must teach are content policy
    (`courses` in policy.yaml, checked by make check: test_policy.py)."""
    assert len({m.id for m in SPEC.modules}) == len(SPEC.modules), "module ids are page anchors: unique"
    for module in SPEC.modules:
        assert module.objectives and module.reading and module.roleplay and module.task.steps, module.id
        assert module.minutes == sum(a.minutes for a in module.agenda) > 0
        assert module.trainer_notes.zh and module.trainer_notes.en and module.watch_for
        for q in module.quiz:
            assert len(q.answer) == 1 if q.type == "single" else len(q.answer) >= 2
            assert q.ref in BY_REF and q.ref != COURSE.ref
        assert all(BY_REF[ref].kind == "script" for ref in module.roleplay)
    assert SPEC.minutes == sum(m.minutes for m in SPEC.modules)


def broken_copy(tmp_path: Path, old: str, new: str) -> list[str]:
    """Validate a copy of the data with one string in the course replaced; return the problems as text."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    course = data / "courses" / "new-staff-onboarding.yaml"
    raw = course.read_text(encoding="utf-8")
    assert raw.count(old) >= 1, old
    course.write_text(raw.replace(old, new, 1), encoding="utf-8")
    return [str(p) for p in load_content(data, tmp_path).errors]


def test_course_references_are_checked_with_a_suggestion(tmp_path):
    problems = broken_copy(tmp_path, "[scripts/refused-claim-call,", "[scripts/refused-claim-cal,")
    assert len(problems) == 1
    path, line, message = problems[0].split(":", 2)
    assert path == "data/courses/new-staff-onboarding.yaml"
    assert "refused-claim-cal," in (tmp_path / path).read_text(encoding="utf-8").splitlines()[int(line) - 1]
    assert message == (" spec.modules[2].roleplay[0]: reference 'scripts/refused-claim-cal' does not match any record"
                       " (did you mean 'scripts/refused-claim-call'?)")


def test_quiz_explanation_links_are_checked(tmp_path):
    problems = broken_copy(tmp_path, "ref: glossary/advance-payment", "ref: glossary/advance-payments")
    assert len(problems) == 1 and ".quiz[5].ref: reference 'glossary/advance-payments'" in problems[0]


def test_single_choice_needs_exactly_one_correct_option(tmp_path):
    problems = broken_copy(tmp_path, "            - text: {zh: 售前, en: Before the sale}\n",
                           "            - text: {zh: 售前, en: Before the sale}\n              correct: true\n")
    assert len(problems) == 1 and "spec.modules[0].quiz[0].options:" in problems[0]


def test_role_play_must_name_a_script(tmp_path):
    problems = broken_copy(tmp_path, "[scripts/orphan-first-call,", "[procedures/normal-case,")
    assert len(problems) == 1 and "spec.modules[1].roleplay[0]" in problems[0] and "does not match" in problems[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_course_text_is_escaped(lang):
    hostile = Text(zh=HOSTILE, en=HOSTILE)
    question = dataclasses.replace(FIRST.quiz[0], question=hostile, explanation=hostile)
    module = dataclasses.replace(FIRST, title=hostile, trainer_notes=hostile, quiz=[question, *FIRST.quiz[1:]])
    course = dataclasses.replace(COURSE, spec=dataclasses.replace(SPEC, modules=[module, *SPEC.modules[1:]]))
    html = to_html(render_record(course, lang, BY_REF))
    assert "<script>" not in html and "<img" not in html and 'href="javascript:' not in html
    assert html.count("&lt;script&gt;") >= 5


# ---------- on a phone ----------

def question(page, module: str, n: int):
    return page.locator(f"#{module}-q{n}")


def answer(page, module: str, n: int, picks: list[int]) -> None:
    q = question(page, module, n)
    for i in picks:
        q.locator("input").nth(i).check()
    q.locator("[data-action=check]").click()


def score(page, module: str) -> tuple[str, str]:
    quiz = page.locator(f"#quiz-{module}")
    return quiz.locator("[data-score]").inner_text(), quiz.locator("[data-answered]").inner_text()


def test_quiz_gives_feedback_and_a_score_and_keeps_progress(phone):
    open_page(phone, PAGE)
    first, second = FIRST.quiz[0], FIRST.quiz[1]
    q1 = question(phone, FIRST.id, 1)
    assert q1.locator(".hb-q__feedback").is_hidden()
    q1.locator("[data-action=check]").click()
    assert q1.locator(".hb-q__hint").inner_text() == "请先选择答案。", "nothing chosen: a hint, no verdict"
    assert score(phone, FIRST.id) == ("0", "0")

    answer(phone, FIRST.id, 1, first.answer)
    assert q1.locator(".hb-q__verdict").inner_text() == "回答正确。"
    assert q1.locator(".hb-q__feedback").is_visible()
    assert first.explanation.zh[:12] in q1.locator(".hb-q__why").inner_text()
    link = q1.locator(".hb-q__see a")
    assert link.get_attribute("href") == f"../../{first.ref}/" and BY_REF[first.ref].title.zh in link.inner_text()
    assert q1.locator("[data-action=check]").is_hidden() and q1.locator("input").first.is_disabled()

    wrong = [i for i in range(len(second.options)) if i not in second.answer][:1] + second.answer[:1]
    answer(phone, FIRST.id, 2, wrong)
    q2 = question(phone, FIRST.id, 2)
    letters = "、".join("ABCDEF"[i] for i in second.answer)
    assert q2.locator(".hb-q__verdict").inner_text() == f"回答错误。 正确答案： {letters}"
    assert q2.locator(".hb-q__see a").get_attribute("href") == f"../../{second.ref}/"
    assert q2.locator("li.hb-q__option--wrong").count() == 1
    assert q2.locator("li.hb-q__option--correct").count() == len(second.answer)
    assert score(phone, FIRST.id) == ("1", "2")

    phone.reload(); phone.wait_for_load_state("networkidle")
    assert score(phone, FIRST.id) == ("1", "2"), "progress survives a reload"
    assert q1.locator(".hb-q__verdict").inner_text() == "回答正确。"
    assert q2.locator(".hb-q__feedback").is_visible()
    assert [q2.locator("input").nth(i).is_checked() for i in wrong] == [True, True]
    assert phone.evaluate(f"() => JSON.parse(localStorage.getItem('{STORE_KEY}'))") == {"1": first.answer, "2": sorted(wrong)}
    assert score(phone, SPEC.modules[1].id) == ("0", "0"), "each module has its own progress"

    open_page(phone, "/en" + PAGE)
    assert score(phone, FIRST.id) == ("0", "0"), "progress is kept per language"
    open_page(phone, PAGE)
    phone.click(f"#quiz-{FIRST.id} [data-action=reset-quiz]")
    assert score(phone, FIRST.id) == ("0", "0")
    assert q1.locator(".hb-q__feedback").is_hidden() and not q1.locator("input").nth(first.answer[0]).is_checked()
    assert phone.evaluate(f"() => localStorage.getItem('{STORE_KEY}')") is None
    phone.reload(); phone.wait_for_load_state("networkidle")
    assert score(phone, FIRST.id) == ("0", "0")

    answer(phone, FIRST.id, 1, first.answer)
    question(phone, FIRST.id, 1).locator(".hb-q__see a").click()
    phone.wait_for_load_state("networkidle")
    assert phone.url.endswith(f"/{first.ref}/"), "the explanation links to its record"
    assert phone.requests.foreign() == []


def test_module_page_reads_on_a_phone_without_sideways_scrolling(phone):
    open_page(phone, PAGE)
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
    toc = phone.locator(".hb-course-toc a")
    assert toc.count() == len(SPEC.modules)
    toc.nth(2).click()
    assert phone.url.endswith(f"#{SPEC.modules[2].id}")
    module = phone.locator(f'.hb-module[data-module="{SPEC.modules[2].id}"]')
    assert module.locator(".hb-refs a").count() >= len(SPEC.modules[2].reading)
    assert module.locator(".hb-card").count() == 2 * len(SPEC.modules[2].roleplay)
    assert module.locator(".hb-q").count() == len(SPEC.modules[2].quiz)
    small = phone.evaluate("""() => [...document.querySelectorAll('.hb-q__option, .hb-course-actions .md-button, .hb-quiz .md-button')]
        .filter(el => el.offsetParent && el.getBoundingClientRect().height < 44).length""")
    assert small == 0, "tap targets are at least 44 px high"


def test_print_buttons_switch_to_print_mode_and_back(phone):
    open_page(phone, PAGE)
    phone.evaluate("() => { window.__printed = []; window.print = () => window.__printed.push("
                   "[document.documentElement.className, (document.querySelector('.hb-print-target') || {}).id]); }")
    module = SPEC.modules[2].id
    for button, mode, target in ((f'.hb-module[data-module="{module}"] [data-course-print="cards"]', "cards", f"cards-{module}"),
                                 (f'.hb-module[data-module="{module}"] [data-course-print="handout"]', "handout", f"handout-{module}"),
                                 ('[data-course-print="guide"]', "guide", "guide-new-staff-onboarding")):
        phone.click(button)
        classes, printed = phone.evaluate("() => window.__printed.pop()")
        assert printed == target and f"hb-print-{mode}" in classes.split() and "hb-printing" in classes.split()
        phone.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
        assert "hb-print" not in phone.evaluate("() => document.documentElement.className"), "back to the screen after printing"
        assert phone.locator(".hb-print-target").count() == 0


# ---------- on paper ----------

def print_pdf(page, selector: str, mode: str, tmp_path: Path, name: str) -> tuple[int, str]:
    """Print one part of the page in the given print mode to an A4 PDF; return its page count and text."""
    page.evaluate(f"() => {{ window.__undoPrint = window.hbPrintMode('{selector}', 'hb-print-{mode}'); }}")
    pdf = page.pdf(format="A4", print_background=True)
    page.evaluate("() => window.__undoPrint()")
    return pdf_facts(pdf, tmp_path, name)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trainer_handout_prints_on_two_a4_pages(phone, lang, tmp_path):
    module = SPEC.modules[3]
    open_page(phone, prefix(lang) + PAGE)
    before = len(phone.requests.urls)
    pages, text = print_pdf(phone, f"#handout-{module.id}", "handout", tmp_path, f"handout-{lang}")
    assert phone.requests.made_since(before) == [], "printing makes no request"
    assert pages == 2, f"the {lang} handout of {module.id} prints on {pages} pages"
    body = flat(text)
    t = {"zh": ("讲师讲义", "答案与解析", "时间安排", "注意观察"), "en": ("Trainerhandout", "Answerkey", "Timing", "Watchfor")}[lang]
    for word in (*t, module.title(lang), module.agenda[0].activity(lang), module.watch_for[0](lang)[:20],
                 module.quiz[0].question(lang), module.quiz[-1].explanation(lang)[:20]):
        assert flat(word) in body, word
    for other in SPEC.modules[:3]:
        assert flat(other.title(lang)) not in body, "only this module's handout"
    for word in (CHROME_WORDS[lang][0], "打印讲师讲义", "Print trainer handout", "核对答案", "Check answer"):
        assert flat(word) not in body, f"{word!r} is screen-only"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trainer_guide_prints_a_cover_and_every_module(phone, lang, tmp_path):
    open_page(phone, prefix(lang) + PAGE)
    pages, text = print_pdf(phone, "#guide-new-staff-onboarding", "guide", tmp_path, f"guide-{lang}")
    assert pages == 1 + 2 * len(SPEC.modules), "a cover, then two pages per module"
    body = flat(text)
    assert flat(SPEC.guide[0](lang)) in body
    for module in SPEC.modules:
        assert flat(module.title(lang)) in body and flat(module.trainer_notes(lang).split("\n")[0][:30]) in body


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_role_cards_print_four_to_an_a4_page_per_module(phone, lang, tmp_path):
    labels = {"zh": ("服务人员卡", "客户卡"), "en": ("AGENTCARD", "CUSTOMERCARD")}[lang]
    open_page(phone, prefix(lang) + PAGE)
    for module in SPEC.modules:
        sheet = f"#cards-{module.id}"
        phone.evaluate(f"() => {{ window.__undoPrint = window.hbPrintMode('{sheet}', 'hb-print-cards'); }}")
        phone.emulate_media(media="print")
        overflowing = phone.evaluate(f"() => [...document.querySelectorAll('{sheet} .hb-card')]"
                                     ".filter(c => c.scrollHeight > c.clientHeight + 1).map(c => c.getAttribute('aria-label'))")
        columns = phone.evaluate(f"() => getComputedStyle(document.querySelector('{sheet}')).gridTemplateColumns.split(' ').length")
        dashed = phone.evaluate(f"() => getComputedStyle(document.querySelector('{sheet} .hb-card')).borderRightStyle")
        phone.emulate_media(media="no-override")
        phone.evaluate("() => window.__undoPrint()")
        assert overflowing == [], f"text cut off on {overflowing}"
        assert columns == 2 and dashed == "dashed", "two cards across, dashed lines to cut along"
        pages, text = print_pdf(phone, sheet, "cards", tmp_path, f"cards-{module.id}-{lang}")
        assert pages == 1, f"{module.id} ({lang}) cards print on {pages} pages"
        body = flat(text)
        assert body.upper().count(labels[0]) == len(module.roleplay) and body.upper().count(labels[1]) == len(module.roleplay)
        for ref in module.roleplay:
            script = BY_REF[ref].spec
            assert flat(BY_REF[ref].title(lang)) in body
            assert flat(script.must_not_say[-1](lang)) in body, "the agent card lists what not to say"
            assert flat(script.objections[-1].objection(lang)) in body, "the customer card lists the objections"
            assert flat(script.objections[0].answer(lang)[:20]) not in body, "but not the answers"
        assert flat(CHROME_WORDS[lang][0]) not in body and flat(module.quiz[0].question(lang)) not in body
