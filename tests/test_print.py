"""Fill and print in real Chromium: every letter on one A4 page with the typed values and no site chrome,
blank forms on at most two pages, checklists kept on the device, nothing sent anywhere."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from handbook.validate import load_content

RECORDS = load_content(ROOT / "data" / "scripts_and_forms", ROOT).records
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
    signatures = phone.locator(".hb-form input[data-type=signature]")
    assert signatures.count() >= 3
    assert all(signatures.nth(i).evaluate("e => e.readOnly") for i in range(signatures.count()))
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
