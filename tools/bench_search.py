"""Search benchmark: Pagefind (the site's search) against Material's built-in lunr search, same queries.

Builds the site twice (Pagefind as shipped; Material search with jieba, a CJK-aware separator and the stemmer
turned off), serves each on 127.0.0.1 and drives real headless Chromium. Prints one row per engine, language and query
set (keywords: tests/search_queries.yaml; whole questions: tests/search_questions.yaml; unseen questions, written
without reading the records' questions and never tuned on: tests/search_questions_unseen.yaml): recall@1 and
recall@5, bytes a fresh visitor transfers for a first search typed into the UI (gzip-equivalent; median and max over
eight queries of the set), and the median time from the last keystroke to results under 4x CPU throttling. Also
counts, for both question sets, the questions that appear word for word among the records' own `questions:`. Not a
test: no assertion on speed or on the unseen set's recall.
"""
from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from playwright.sync_api import Page, sync_playwright

from tests.support import PHONE, ROOT, launch_chromium, serve_folder

MATERIAL_CONFIG = """INHERIT: mkdocs.yml
plugins:
  - search:
      lang: [zh, en]
      separator: '[\\s\\u200b\\u3000\\-_,:!=\\[\\]()"`/，。、；：？！（）]+|\\.(?!\\d)|&[lg]t;'
      pipeline: [stopWordFilter]
  - i18n:
      docs_structure: folder
      fallback_to_default: false
      reconfigure_material: true
      reconfigure_search: true
      languages:
        - {locale: zh, name: 中文, default: true, build: true}
        - {locale: en, name: English, build: true, site_name: Policy Service Handbook}
"""
QUERY_SETS = {"keywords": "search_queries.yaml", "questions": "search_questions.yaml",
              "unseen questions": "search_questions_unseen.yaml"}
QUESTION_SETS = ("questions", "unseen questions")
LATENCY_QUERIES = {
    "keywords": {"zh": ["原位癌", "宽限期", "酒后开车", "换手机号码", "受益人变更", "等待期", "停效", "退保"],
                 "en": ["waiting period", "free look", "drink driving", "lapse", "beneficiary", "surrender", "grace period",
                        "orphan policy"]},
    "questions": {"zh": ["客户电话一直打不通怎么办", "服务件分哪几类", "拿到新的服务清单第一步做什么", "刚买重疾险就确诊了能赔吗",
                         "保单断交一年多了还能恢复吗", "受益人想改成孩子怎么办理", "客户要投诉，最晚多久要给答复", "退保要带哪些材料"],
                  "en": ["what should I do if I can't reach a customer", "what are the types of service cases",
                         "what is the first step with a new service list",
                         "customer diagnosed with cancer two months after buying critical illness cover",
                         "can a policy that lapsed a year ago be restored", "how does a customer make their child the beneficiary",
                         "how long do we have to answer a complaint", "which documents are needed to surrender a policy"]},
    "unseen questions": {"zh": ["今年的分红为什么比去年少了", "客户急用钱，保单可以拿来借款吗", "保费交不动了又不想退保有没有别的办法",
                                "家里老人过世了，申请理赔要开哪些证明", "腰椎间盘突出是搬东西闪了腰引起的，意外险赔吗",
                                "客户在电话里发火说要投诉我，我该怎么接", "客户换了新的银行卡，扣保费的账户怎么改", "帮客户把全家的保单理一遍用哪张表"],
                         "en": ["why is this year's bonus lower than last year's",
                                "customer can't afford the premiums any more but doesn't want to give up the cover",
                                "the insured passed away, which certificates does the family need for the claim",
                                "customer hid his high blood pressure on the application, what happens to a claim",
                                "customer is furious on the phone and says he will complain about me",
                                "customer has a new bank card, how do we change the account premiums come from",
                                "documents the customer must prepare to bring a lapsed policy back into force",
                                "which sheet do I use to go through all of a family's policies"]},
}


def build(site: Path, config: Path | None = None) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)] + (["-f", str(config)] if config else [])
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def wire_size(site: Path, url_path: str) -> int:
    """Bytes on the wire with gzip (files Pagefind already compressed stay as they are)."""
    path = site / url_path.lstrip("/").split("?")[0]
    if path.is_dir():
        path = path / "index.html"
    raw = path.read_bytes() if path.exists() else b""
    return min(len(raw), len(gzip.compress(raw, 6)))


class Engine:
    name = ""

    def __init__(self, page: Page, base: str):
        self.page, self.base = page, base

    def home(self, lang: str) -> str:
        return self.base + ("/" if lang == "zh" else "/en/")


class PagefindEngine(Engine):
    name = "Pagefind"

    def open(self, lang: str) -> None:
        self.page.goto(self.home(lang))
        self.page.wait_for_load_state("networkidle")

    def results(self, query: str) -> list[str]:
        return self.page.evaluate("q => window.hbSearch(q, 5)", query)

    def first_search(self, query: str) -> None:
        """Type into the dialog as a reader does, and wait for the results it shows."""
        self.page.click("[data-hb-search-open]")
        self.page.fill("#hb-search-input", query)
        self.page.wait_for_selector("#hb-search .hb-result__link", timeout=15_000)
        self.page.wait_for_load_state("networkidle")

    def type_and_wait(self, query: str) -> float:
        self.page.evaluate("() => { const d = document.getElementById('hb-search'); if (!d.open) d.showModal(); }")
        self.page.locator("#hb-search-input").fill("")
        self.page.wait_for_timeout(300)
        return self.page.evaluate("""q => new Promise(resolve => {
            const list = document.querySelector('#hb-search .hb-results');
            const input = document.querySelector('#hb-search-input');
            const start = performance.now();
            const obs = new MutationObserver(() => { if (list.children.length) { obs.disconnect(); resolve(performance.now() - start); } });
            obs.observe(list, {childList: true});
            input.value = q; input.dispatchEvent(new Event('input', {bubbles: true}));
        })""", query)

    def close_dialog(self) -> None:
        self.page.keyboard.press("Escape")


class MaterialEngine(Engine):
    name = "Material (lunr + jieba)"

    def open(self, lang: str) -> None:
        self.page.goto(self.home(lang))
        self.page.wait_for_load_state("networkidle")

    def results(self, query: str) -> list[str]:
        page = self.page
        page.evaluate("() => { const t = document.querySelector('#__search'); if (t && !t.checked) t.click(); }")
        box = page.locator("input.md-search__input")
        box.fill(query)
        box.press("End")
        last, stable = None, 0
        for _ in range(40):
            page.wait_for_timeout(100)
            now = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
            stable = stable + 1 if now == last else 0
            last = now
            if stable >= 3:
                break
        return [u.replace(self.base, "") for u in (last or [])][:5]

    def first_search(self, query: str) -> None:
        self.results(query)
        self.page.wait_for_load_state("networkidle")

    def type_and_wait(self, query: str) -> float:
        page = self.page
        page.evaluate("() => { const t = document.querySelector('#__search'); if (t && !t.checked) t.click(); }")
        box = page.locator("input.md-search__input")
        box.fill("")
        page.wait_for_timeout(300)
        return page.evaluate("""q => new Promise(resolve => {
            const list = document.querySelector('.md-search-result__list');
            const input = document.querySelector('input.md-search__input');
            const start = performance.now();
            const obs = new MutationObserver(() => { if (list.children.length) { obs.disconnect(); resolve(performance.now() - start); } });
            obs.observe(list, {childList: true});
            input.value = q; input.dispatchEvent(new Event('input', {bubbles: true})); input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));
            setTimeout(() => resolve(NaN), 15000);
        })""", query)

    def close_dialog(self) -> None:
        self.page.keyboard.press("Escape")


def hit(urls: list[str], expected: list[str], lang: str, k: int) -> bool:
    prefix = "/" if lang == "zh" else "/en/"
    targets = {f"{prefix}{ref}/" for ref in expected}
    return any(u.split("#")[0] in targets for u in urls[:k])


def phone_context(browser):
    """A fresh 390×844 touch context: no cache, no service worker, nothing from an earlier visit."""
    return browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)


def first_search_bytes(engine_cls, site: Path, base: str, lang: str, query: str, browser) -> int:
    """Bytes of search files a fresh visitor downloads for their first search, typed into the site's own UI."""
    context = phone_context(browser)
    page = context.new_page()
    engine = engine_cls(page, base)
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))  # from the page load on: Material fetches its index there
    engine.open(lang)
    engine.first_search(query)
    context.close()
    search_files = [u for u in fetched if u.startswith(base) and any(k in u for k in ("pagefind", "search"))]
    return sum(wire_size(site, u.replace(base, "")) for u in dict.fromkeys(search_files))


def measure(engine_cls, site: Path, query_sets: dict, browser) -> dict:
    """{(lang, set name): results} for one engine."""
    out: dict = {}
    with serve_folder(site) as base:
        for lang in ("zh", "en"):
            for set_name, queries in query_sets.items():
                latency_queries = LATENCY_QUERIES[set_name][lang]
                first = [first_search_bytes(engine_cls, site, base, lang, q, browser) for q in latency_queries]
                context = phone_context(browser)
                page = context.new_page()
                engine = engine_cls(page, base)
                engine.open(lang)
                r1 = r5 = 0
                misses = []
                for item in queries[lang]:
                    urls = engine.results(item["q"])
                    r1 += hit(urls, item["expect"], lang, 1)
                    ok5 = hit(urls, item["expect"], lang, 5)
                    r5 += ok5
                    if not ok5:
                        misses.append(item["q"])
                cdp = context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                times = [t for t in (engine.type_and_wait(q) for q in latency_queries) if t == t]
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
                n = len(queries[lang])
                out[(lang, set_name)] = {"n": n, "r1": r1 / n, "r5": r5 / n, "bytes": statistics.median(first),
                                         "bytes_max": max(first), "ms": statistics.median(times) if times else float("nan"),
                                         "misses": misses}
                context.close()
    return out


def verbatim_in_records(query_sets: dict) -> dict[str, dict[str, int]]:
    """For each question set, how many of its questions per language appear word for word among the records'
    `questions:`."""
    from handbook.validate import load_content

    records = load_content(ROOT / "data" / "scripts_and_forms", ROOT).records
    norm = lambda s: "".join(ch for ch in s.lower() if ch.isalnum())  # noqa: E731
    asked = {lang: {norm(q) for r in records for q in r.questions(lang)} for lang in ("zh", "en")}
    return {name: {lang: sum(norm(item["q"]) in asked[lang] for item in query_sets[name][lang]) for lang in ("zh", "en")}
            for name in QUESTION_SETS}


def table(rows: list[tuple[str, dict]]) -> str:
    lines = ["| engine | lang | query set | queries | recall@1 | recall@5 | first search KB, gzip (median / max of 8) "
             "| results after last key, 4x CPU (median ms) |",
             "|---|---|---|---|---|---|---|---|"]
    for name, res in rows:
        for (lang, set_name), r in res.items():
            lines.append(f"| {name} | {lang} | {set_name} | {r['n']} | {r['r1']:.2f} | {r['r5']:.2f} | "
                         f"{r['bytes'] / 1024:.0f} / {r['bytes_max'] / 1024:.0f} | {r['ms']:.0f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", type=Path, help="also write the table into this Markdown file")
    args = parser.parse_args()
    query_sets = {name: yaml.safe_load((ROOT / "tests" / file).read_text(encoding="utf-8")) for name, file in QUERY_SETS.items()}
    work = Path(tempfile.mkdtemp(prefix="bench-search-"))
    config = ROOT / ".mkdocs-material-search.yml"
    config.write_text(MATERIAL_CONFIG, encoding="utf-8")
    try:
        t_pf = build(work / "pagefind")
        t_mat = build(work / "material", config)
        with sync_playwright() as p:
            browser = launch_chromium(p)
            rows = [("Pagefind", measure(PagefindEngine, work / "pagefind", query_sets, browser)),
                    ("Material (lunr + jieba)", measure(MaterialEngine, work / "material", query_sets, browser))]
            browser.close()
    finally:
        config.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
    verbatim = verbatim_in_records(query_sets)
    text = table(rows) + "\n\nBenchmark questions found word for word among the records' own questions: " + "; ".join(
        f"{name} {found['zh']} of {len(query_sets[name]['zh'])} (zh), {found['en']} of {len(query_sets[name]['en'])} (en)"
        for name, found in verbatim.items()) + "."
    print(text)
    print(f"\nbuild: Pagefind site {t_pf:.1f} s, Material-search site {t_mat:.1f} s")
    for name, res in rows:
        for (lang, set_name), r in res.items():
            if r["misses"]:
                print(f"{name} {lang} {set_name} misses@5: {', '.join(r['misses'][:30])}")
    if args.write:
        body = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        marker = "<!-- bench-search -->"
        head = body.split(marker)[0] if marker in body else body
        args.write.write_text(f"{head}{marker}\n{text}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
