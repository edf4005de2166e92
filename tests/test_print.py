"""Fill and print in real Chromium: every letter on one A4 page with the typed values and no site chrome,
blank forms on at most two pages, checklists kept on the device, nothing sent anywhere."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from tests.support.content import shipped_content

RECORDS = shipped_content().records
LETTERS = [r for r in RECORDS if r.kind == "letter"]
FORMS = [r for r in RECORDS if r.kind == "form"]
CHROME_WORDS = {"zh": ["保单服务手册", "作业流程", "除外责任", "打印", "清除填写内容", "依据与出处", "下一页"],
                "en": ["Policy Service Handbook", "Procedures", "Exclusions", "Print", "Remember on this device", "Sources", "Next"]}


def pdf_facts(pdf: bytes, tmp_path: Path, name: str) -> tuple[int, str]:
    """Page count (pdfinfo) and text (pdftotext) of a PDF."""
    for tool in ("pdfinfo", "pdftotext"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} (Debian poppler-utils) is missing: run make test, which installs it")
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return pages, text


def open_page(phone, path: str):
    phone.goto(phone.base + path)
    phone.wait_for_load_state("networkidle")


def fill_letter(page, record, lang) -> list[str]:
    """Type each field's realistic example; return the values that must show on paper."""
    expected = []
    for f in record.spec.fields:
        value = f.example(lang) if f.example else ("示例" if lang == "zh" else "Sample")
        sel = f"#f-{f.name}"
        if f.type == "choice":
            page.select_option(sel, label=value)
        elif f.type == "textarea":
            page.fill(sel, value)
        elif f.type == "checkbox":
            page.check(sel)
            continue
        else:
            page.fill(sel, value)
        if f.type == "date":
            y, m, d = value.split("-")
            expected.append(f"{int(y)}年{int(m)}月{int(d)}日" if lang == "zh" else y)
        elif f.type == "money":
            expected.append(value)
        else:
            expected.append(value)
    return expected


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("record", LETTERS, ids=lambda r: r.id)
def test_filled_letter_prints_on_one_a4_page(phone, record, lang, tmp_path):
    prefix = "" if lang == "zh" else "/en"
    open_page(phone, f"{prefix}/letters/{record.id}/")
    before = len(phone.requests.urls)
    expected = fill_letter(phone, record, lang)
    phone.evaluate("() => window.hbPrintMode('.hb-letter', 'hb-print-letter')")
    pdf = phone.pdf(format="A4", print_background=True)
    assert phone.requests.made_since(before) == [], "typing and printing make no request"
    pages, text = pdf_facts(pdf, tmp_path, f"{record.id}-{lang}")
    assert pages == 1, f"{record.id} ({lang}) prints on {pages} pages"
    flat = "".join(text.split())
    for value in expected:
        assert "".join(value.split()).replace(",", "") in flat.replace(",", ""), f"{value!r} missing from the printed {record.id}"
    for word in CHROME_WORDS[lang]:
        assert word not in text, f"site chrome {word!r} printed with {record.id}"
    if lang == "zh" and any(f.type == "money" for f in record.spec.fields):
        assert "元（人民币" in flat and ("整）" in flat or "分）" in flat), "amount also in capital numerals"
        assert "）元" not in flat, "the unit is not printed twice"


def test_money_is_written_in_capital_numerals(phone):
    open_page(phone, "/letters/renewal-premium-notice/")
    assert phone.evaluate("() => window.hbCapitalAmount('5000')") == "人民币伍仟元整"
    assert phone.evaluate("() => window.hbCapitalAmount('1005.5')") == "人民币壹仟零伍元伍角整"
    assert phone.evaluate("() => window.hbCapitalAmount('100010000')") == "人民币壹亿零壹万元整"
    phone.fill("#f-amount", "3600")
    assert "叁仟陆佰元整" in phone.locator('.hb-paper [data-slot="amount"]').first.inner_text()


def test_empty_fields_print_as_lines_and_phone_is_checked(phone):
    open_page(phone, "/letters/renewal-premium-notice/")
    assert phone.locator(".hb-paper .hb-blank").count() >= len(LETTERS[0].spec.fields) - 1
    phone.fill("#f-agent_phone", "12345")
    assert phone.evaluate("() => document.querySelector('#f-agent_phone').checkValidity()") is False
    phone.fill("#f-agent_phone", "13812345678")
    assert phone.evaluate("() => document.querySelector('#f-agent_phone').checkValidity()") is True


def test_typed_data_is_kept_only_when_asked_and_clear_wipes_it(phone):
    open_page(phone, "/letters/renewal-premium-notice/")
    phone.fill("#f-holder_name", "王建国")
    phone.reload(); phone.wait_for_load_state("networkidle")
    assert phone.input_value("#f-holder_name") == "", "not stored unless the reader asks"
    phone.fill("#f-holder_name", "王建国")
    phone.check('.hb-letter [data-action="remember"]')
    phone.reload(); phone.wait_for_load_state("networkidle")
    assert phone.input_value("#f-holder_name") == "王建国"
    phone.click('.hb-letter [data-action="clear"]')
    assert phone.input_value("#f-holder_name") == ""
    assert phone.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('hb:letter')).length") == 0
    assert phone.requests.foreign() == []


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("record", FORMS, ids=lambda r: r.id)
def test_blank_form_prints_on_at_most_two_pages(phone, record, lang, tmp_path):
    prefix = "" if lang == "zh" else "/en"
    open_page(phone, f"{prefix}/forms/{record.id}/")
    phone.evaluate("() => window.hbPrintMode('.hb-fillable', 'hb-print-form')")
    pages, text = pdf_facts(phone.pdf(format="A4", print_background=True), tmp_path, f"{record.id}-{lang}")
    assert 1 <= pages <= 2, f"{record.id} ({lang}) blank prints on {pages} pages"
    assert record.title(lang)[:4] in text
    first_label = record.spec.sections[0].fields[0].label(lang)
    assert "".join(first_label.split())[:4] in "".join(text.split())
    for word in CHROME_WORDS[lang][:3]:
        assert word not in text.replace(record.title(lang), "")


def test_filled_form_prints_the_values(phone, tmp_path):
    open_page(phone, "/forms/unpaid-renewal-register/")
    phone.fill('input[name="branch_code"]', "3201")
    phone.fill('input[name="policy_no-1"]', "P2019110800123456")
    phone.evaluate("() => window.hbPrintMode('.hb-fillable', 'hb-print-form')")
    pages, text = pdf_facts(phone.pdf(format="A4", print_background=True), tmp_path, "filled-form")
    flat = "".join(text.split())  # a long number may wrap in its cell: whole, on two lines
    assert pages <= 2 and "3201" in flat and "P2019110800123456" in flat


def test_checklist_ticks_survive_reload_and_reset_clears(phone, tmp_path):
    open_page(phone, "/checklists/claim-docs-death/")
    total = phone.locator(".hb-checklist input[type=checkbox][data-item]").count()
    assert phone.inner_text("[data-progress-total]") == str(total)
    boxes = phone.locator(".hb-checklist input[type=checkbox][data-item]")
    for i in (0, 1, 3):
        boxes.nth(i).check()
    assert phone.inner_text("[data-progress-done]") == "3"
    phone.reload(); phone.wait_for_load_state("networkidle")
    assert phone.inner_text("[data-progress-done]") == "3"
    assert boxes.nth(1).is_checked()
    phone.evaluate("() => window.hbPrintMode(null, 'hb-print-page')")
    pages, text = pdf_facts(phone.pdf(format="A4", print_background=True), tmp_path, "checklist")
    assert pages >= 1 and "3 / " in text
    open_page(phone, "/en/checklists/claim-docs-death/")
    assert phone.inner_text("[data-progress-done]") == "0", "state is kept per language"
    open_page(phone, "/checklists/claim-docs-death/")
    phone.click('.hb-checklist [data-action="reset"]')
    assert phone.inner_text("[data-progress-done]") == "0"
    phone.reload(); phone.wait_for_load_state("networkidle")
    assert phone.inner_text("[data-progress-done]") == "0"
    assert phone.requests.foreign() == []


@pytest.mark.parametrize("path", ["/procedures/claims-assistance/", "/en/scripts/refused-claim-call/"])
def test_procedures_and_scripts_print_as_clean_handouts(phone, path, tmp_path):
    open_page(phone, path)
    phone.evaluate("() => window.hbPrintMode(null, 'hb-print-page')")
    pages, text = pdf_facts(phone.pdf(format="A4", print_background=True), tmp_path, "handout")
    assert pages >= 1
    lang = "en" if path.startswith("/en/") else "zh"
    site_name, next_link = CHROME_WORDS[lang][0], CHROME_WORDS[lang][-1]
    assert site_name not in text and next_link not in text, "no header, navigation or footer on paper"
    assert ("打印讲义" not in text) and ("Print handout" not in text)
    ref = path.strip("/").removeprefix("en/")
    record = next(r for r in RECORDS if f"{r.folder}/{r.id}" == ref)
    assert " · ".join(record.aliases(lang)) not in " ".join(text.split()), "search words are not reading matter"


def test_a_filled_form_prints_long_values_whole_dates_written_out_and_signatures_blank(phone, tmp_path):
    """An ID or account number wraps instead of being cut, seven lines of notes all print, the declaration comes
    before the signatures it is signed for, and nobody's signature is typed."""
    open_page(phone, "/forms/preservation-application/")
    for el in phone.query_selector_all(".hb-form input[data-type=id_number]"):
        el.fill("32010219830615234X")
    phone.fill('input[name="new_account_no"]', "6222021301008123456789")
    phone.fill(".hb-form input[type=date] >> nth=0", "2026-11-25")
    notes = [f"第{i}行：变更说明" for i in range(1, 8)]
    phone.fill(".hb-form textarea >> nth=0", "\n".join(notes))
    assert phone.locator(".hb-form input[data-type=signature]").count() == 0, "a signature is not a text box"
    assert phone.locator(".hb-form .hb-field--signature .hb-sign-line").count() >= 3, "but a line to sign by hand"
    phone.evaluate("() => window.hbPrintMode('.hb-fillable', 'hb-print-form')")
    pages, text = pdf_facts(phone.pdf(format="A4", print_background=True), tmp_path, "long-values")
    flat = "".join(text.split())
    assert pages <= 2
    assert flat.count("32010219830615234X") >= 2 and "6222021301008123456789" in flat
    assert "2026年11月25日" in flat and "2026-11-25" not in flat and "11/25/2026" not in flat
    assert all(line in flat for line in notes)
    assert "必填" not in flat, "the on-screen (required) marks stay off paper"
    assert flat.index("本人确认本申请书") < flat.index("申请人签名")


def test_a_typed_list_in_a_letter_keeps_its_lines(phone, tmp_path):
    open_page(phone, "/letters/claim-documents-request/")
    phone.fill("#f-missing_items", "1. 病历首页复印件\n2. 出院小结\n3. 费用清单")
    phone.evaluate("() => window.hbPrintMode('.hb-fillable', 'hb-print-letter')")
    pages, text = pdf_facts(phone.pdf(format="A4", print_background=True), tmp_path, "letter-list")
    lines = [line.strip() for line in text.splitlines()]
    assert pages == 1
    assert any(line.endswith("病历首页复印件") for line in lines) and "2. 出院小结" in lines and "3. 费用清单" in lines


def pdf_pages(pdf: bytes, tmp_path: Path, name: str) -> list[str]:
    """The text of each page of a PDF (pdftotext separates pages with a form feed)."""
    pages, text = pdf_facts(pdf, tmp_path, name)
    return text.split("\f")[:pages]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_browsers_own_print_of_a_filled_letter_gives_the_letter_alone(phone, lang, tmp_path):
    """Ctrl+P (Playwright's page.pdf() is the browser's print path) without the page's Print button: the paper only."""
    record = next(r for r in LETTERS if r.id == "renewal-premium-notice")
    open_page(phone, ("" if lang == "zh" else "/en") + f"/letters/{record.id}/")
    expected = fill_letter(phone, record, lang)
    pages, text = pdf_facts(phone.pdf(format="A4", print_background=True), tmp_path, f"ctrl-p-{lang}")
    assert pages == 1, f"the browser's print gives {pages} pages"
    flat = "".join(text.split()).replace(",", "")
    assert all("".join(v.split()).replace(",", "") in flat for v in expected)
    for word in CHROME_WORDS[lang] + [record.spec.when_to_send(lang)[:8], record.summary(lang)[:8]]:
        assert "".join(word.split()) not in flat, f"{word!r} printed with the letter"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_letter_is_ready_to_post(phone, lang, tmp_path):
    """Letterhead from the settings file, the recipient's address block, the salutation chosen, sign-off and date last."""
    from handbook.letterhead import load_letterhead
    head, problems = load_letterhead(ROOT / "data" / "scripts_and_forms", ROOT)
    assert problems == [] and head is not None
    open_page(phone, ("" if lang == "zh" else "/en") + "/letters/renewal-premium-notice/")
    phone.fill("#f-holder_name", "王建国" if lang == "zh" else "Wang Jianguo")
    phone.select_option("#f-salutation", label="先生" if lang == "zh" else "Mr")
    phone.fill("#f-recipient_address", "南京市珠江路 88 号\n2 幢 1201 室" if lang == "zh" else "88 Zhujiang Road\nNanjing 210018")
    phone.fill("#f-letter_date", "2026-11-01")
    lines = [line.strip() for line in pdf_pages(phone.pdf(format="A4"), tmp_path, f"post-{lang}")[0].splitlines() if line.strip()]
    assert lines[0] == head.company(lang), "the letterhead comes first"
    assert any(head.service_phone in line for line in lines[:4])
    flat = "".join("".join(lines).split())
    if lang == "zh":
        assert "王建国先生收" in flat and "尊敬的王建国先生：" in flat and "先生/女士" not in flat
        assert flat.index("南京市珠江路88号") < flat.index("王建国先生收") < flat.index("续期交费通知书")
    else:
        assert "MrWangJianguo" in flat and "DearMrWangJianguo," in flat
        assert flat.index("MrWangJianguo") < flat.index("88ZhujiangRoad") < flat.index("RenewalPremiumNotice")
    assert lines[-1] == ("2026年11月1日" if lang == "zh" else "1 November 2026"), "the date closes the letter"
    signoff = phone.locator(".hb-paper .hb-signoff")
    assert signoff.count() == 1 and signoff.evaluate("e => getComputedStyle(e).textAlign") == "right", "落款 to the right"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("record", FORMS, ids=lambda r: r.id)
def test_the_browsers_own_print_of_a_blank_form_gives_the_form_alone(phone, record, lang, tmp_path):
    """At most two pages, nothing but the form, no blank trailing sheet and no page holding the signatures alone."""
    open_page(phone, ("" if lang == "zh" else "/en") + f"/forms/{record.id}/")
    texts = pdf_pages(phone.pdf(format="A4", print_background=True), tmp_path, f"form-{record.id}-{lang}")
    assert 1 <= len(texts) <= 2, f"{record.id} ({lang}) prints on {len(texts)} pages"
    assert all(t.strip() for t in texts), "no blank sheet"
    flat = ["".join(t.split()) for t in texts]
    assert "".join(record.title(lang).split()) in flat[0]
    for word in CHROME_WORDS[lang][:3] + [record.spec.purpose(lang)[:10]]:
        assert "".join(word.split()) not in "".join(flat).replace("".join(record.title(lang).split()), ""), word
    signatures = [f.label(lang) for sec in record.spec.sections for f in sec.fields if f.type == "signature" and sec.rows == 1]
    others = [f.label(lang) for sec in record.spec.sections for f in sec.fields if f.type not in ("signature",) and sec.rows == 1]
    for page in flat:
        if any("".join(sig.split())[:6] in page for sig in signatures):
            assert any("".join(o.split())[:6] in page for o in others), "the signatures share their page with other fields"


def test_a_choice_prints_as_boxes_to_tick_and_a_chosen_one_is_ticked(phone, tmp_path):
    record = next(r for r in FORMS if r.id == "visit-record")
    choice = next(f for sec in record.spec.sections for f in sec.fields if f.type == "choice")
    assert choice.required
    open_page(phone, "/forms/visit-record/")
    assert phone.locator(f"select[name={choice.name}]").evaluate("e => e.required"), "拜访类型 (必填) is required"
    flat = "".join(pdf_facts(phone.pdf(format="A4"), tmp_path, "choice-blank")[1].split())
    assert all("".join(c.label("zh").split()) in flat for c in choice.choices), "every option printed to tick"
    assert "✓" not in flat
    phone.select_option(f"select[name={choice.name}]", label=choice.choices[1].label("zh"))
    flat = "".join(pdf_facts(phone.pdf(format="A4"), tmp_path, "choice-filled")[1].split())
    assert "✓" + "".join(choice.choices[1].label("zh").split()) in flat


def test_the_service_log_on_the_blank_customer_card_has_room_to_write(phone):
    record = next(r for r in FORMS if r.id == "customer-service-card")
    log = next(f for sec in record.spec.sections for f in sec.fields if f.name == "service_log")
    assert log.lines and log.lines >= 10
    open_page(phone, "/forms/customer-service-card/")
    phone.emulate_media(media="print")
    height = phone.locator("textarea[name=service_log] + .hb-print-value").evaluate("e => e.getBoundingClientRect().height")
    assert height >= log.lines * 20, f"the log prints {height:.0f} px tall for {log.lines} lines"


@pytest.mark.parametrize("path, most", [("/checklists/claim-docs-death/", 2), ("/en/checklists/claim-docs-death/", 2),
                                        ("/procedures/claims-assistance/", 3), ("/en/procedures/claims-assistance/", 3)])
def test_checklists_and_procedures_print_compactly_by_the_browsers_print(phone, path, most, tmp_path):
    """An 18-item checklist on at most 2 pages, a 7-step procedure on at most 3; no step or group heading is the last
    line of a page; related links and sources are one short block."""
    ref = path.strip("/").removeprefix("en/")
    lang = "en" if path.startswith("/en/") else "zh"
    record = next(r for r in RECORDS if f"{r.folder}/{r.id}" == ref)
    if record.kind == "checklist":
        assert sum(len(g.items) for g in record.spec.groups) == 18
        headings = [g.title(lang) for g in record.spec.groups]
    else:
        assert len(record.spec.steps) == 7
        headings = [s.title(lang) for s in record.spec.steps]
    open_page(phone, path)
    texts = pdf_pages(phone.pdf(format="A4", print_background=True), tmp_path, ref.replace("/", "-"))
    assert len(texts) <= most, f"{path} prints on {len(texts)} pages"
    for text in texts[:-1]:
        last = [line.strip() for line in text.splitlines() if line.strip()][-1]
        assert last not in headings, f"{last!r} is left at the foot of a page"
    assert CHROME_WORDS[lang][0] not in "".join(texts)
