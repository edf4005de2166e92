"""Offline use in real Chromium: visited pages and search keep working once the server is gone, and "save for
offline" on a section index makes that section's unvisited pages open offline too."""
from __future__ import annotations

import functools
import json
import re
import threading
import urllib.error
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from conftest import PHONE
from handbook.kinds import KINDS
from test_browser import search


class _NoStoreHandler(SimpleHTTPRequestHandler):
    """Serves the site with HTTP caching off, so only the service worker can answer once the server stops."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


class StoppableServer:
    """This module's own server on a free 127.0.0.1 port, so stopping it leaves the session-scoped `server` fixture running."""

    def __init__(self, site: Path):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_NoStoreHandler, directory=str(site)))
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        if self.thread.is_alive():
            self.httpd.shutdown()
            self.httpd.server_close()
            self.thread.join(timeout=10)

    def is_down(self) -> bool:
        try:
            urllib.request.urlopen(self.base + "/", timeout=3)
        except (urllib.error.URLError, ConnectionError):
            return True
        return False


@pytest.fixture
def site_server(built_site: Path) -> Iterator[StoppableServer]:
    server = StoppableServer(built_site)
    yield server
    server.stop()


@pytest.fixture
def offline_phone(browser, site_server):
    """A fresh phone context (its own service worker and caches) on this module's server."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True, locale="zh-CN")
    page = context.new_page()
    page.base = site_server.base  # type: ignore[attr-defined]
    yield page
    context.close()


def open_controlled(page, path: str) -> None:
    """Open a page and wait until the service worker controls it."""
    page.goto(page.base + path)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=20_000)


def test_visited_pages_and_search_work_offline(offline_phone, site_server):
    page = offline_phone
    open_controlled(page, "/")
    page.goto(page.base + "/procedures/renewal-reminder/")
    page.wait_for_load_state("networkidle")
    title = page.locator("article h1").first.inner_text().strip()
    online = search(page, "宽限期")
    assert any("/glossary/grace-period/" in h for h in online), online

    site_server.stop()
    assert site_server.is_down()

    response = page.reload()
    assert response is not None and response.ok and response.from_service_worker
    assert page.locator("article h1").first.inner_text().strip() == title
    assert page.locator("html").get_attribute("lang") == "zh"
    offline = search(page, "宽限期")
    assert any("/glossary/grace-period/" in h for h in offline), offline

    home = page.goto(page.base + "/")
    assert home is not None and home.ok and home.from_service_worker
    assert page.locator("article h1").first.inner_text().strip() == "保单服务手册"

    never_seen = page.goto(page.base + "/letters/lapse-notice/")
    assert never_seen is not None and never_seen.status == 503, "an unsaved page says it is offline"
    assert "离线" in page.locator("h1").first.inner_text()


def test_save_for_offline_caches_the_section(offline_phone, site_server):
    page = offline_phone
    open_controlled(page, "/checklists/")
    box = page.locator(".hb-offline")
    assert box.is_visible()
    page.evaluate("""() => {
        window.hbProgress = [];
        const status = document.querySelector('.hb-offline__status');
        new MutationObserver(() => window.hbProgress.push(status.textContent)).observe(status, {childList: true, characterData: true, subtree: true});
    }""")
    box.locator("[data-action=save-offline]").click()
    page.wait_for_selector(".hb-offline[data-saved]", timeout=60_000)
    assert box.get_attribute("data-saved") == "yes", box.locator(".hb-offline__status").inner_text()
    progress = page.evaluate("window.hbProgress")
    shown = [re.fullmatch(r"页面 (\d+) / (\d+)", p) for p in progress]
    counts = [(int(m.group(1)), int(m.group(2))) for m in shown if m]
    assert counts, f"progress is shown as done / total: {progress}"
    total = counts[0][1]
    assert total >= page.locator(".hb-index__item").count() + 1, "every record page plus the index page"
    assert [done for done, _ in counts] == sorted(done for done, _ in counts)

    site_server.stop()
    assert site_server.is_down()

    unvisited = page.goto(page.base + "/checklists/claim-docs-death/")
    assert unvisited is not None and unvisited.ok and unvisited.from_service_worker
    assert page.locator(".hb-checklist").count() == 1
    assert page.locator("article h1").first.inner_text().strip()
    page.locator(".hb-checklist input[type=checkbox]").first.check()  # its module came from the precache, and runs
    page.wait_for_function("document.querySelector('.hb-checklist [data-progress-done]').textContent === '1'")
    hrefs = search(page, "身故")
    assert hrefs and all(not h.startswith("/en/") for h in hrefs), hrefs


def test_service_worker_is_stamped_at_the_site_root(built_site):
    """One worker at /sw.js (its scope covers /en/), stamped with the build's version and shell files."""
    assert (built_site / "sw.js").is_file() and not (built_site / "en" / "sw.js").exists()
    line = next(l for l in (built_site / "sw.js").read_text(encoding="utf-8").splitlines() if l.startswith("const BUILD = "))
    build = json.loads(line[len("const BUILD = "):-1])
    assert re.fullmatch(r"[0-9a-f]{12}", build["version"])
    assert build["pages"] == ["", "en/"]
    assert {"assets/handbook.css", "assets/hb/site.js", "assets/hb/search.js", "assets/icon-192.png", "manifest.webmanifest",
            "en/manifest.webmanifest"} <= set(build["shell"])
    modules = {f"assets/hb/{p.name}" for p in (built_site / "assets" / "hb").glob("*.js")}
    assert len(modules) >= 8 and modules <= set(build["shell"]), "every feature module, for pages saved but never opened"
    assert any(re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js", f) for f in build["shell"])
    assert all((built_site / f).is_file() for f in build["shell"])
    for lang_home in (built_site / "index.html", built_site / "en" / "procedures" / "renewal-reminder" / "index.html"):
        root = re.search(r'data-root="([^"]*)"', lang_home.read_text(encoding="utf-8")).group(1)
        assert (lang_home.parent / root / "sw.js").resolve() == (built_site / "sw.js").resolve()


@pytest.mark.parametrize("lang, prefix", [("zh", ""), ("en", "en/")])
def test_offline_lists_name_real_files_of_one_language(built_site, lang, prefix):
    listing = json.loads((built_site / prefix / "offline.json").read_text(encoding="utf-8"))
    assert set(listing["sections"]) == {k.folder for k in KINDS if (built_site / prefix / k.folder).is_dir()}
    for folder, pages in listing["sections"].items():
        assert pages[0] == f"{prefix}{folder}/"
        assert all(p.startswith(prefix + folder + "/") and (built_site / p / "index.html").is_file() for p in pages)
    search_files = listing["search"]
    assert "pagefind/pagefind.js" in search_files and f"{prefix}search-terms.json" in search_files
    assert any(f.startswith(f"pagefind/index/{lang}_") for f in search_files)
    assert not any(re.search(r"/(en|zh)_", f) and f"/{lang}_" not in f for f in search_files), "only this language's index"
    assert all((built_site / f).is_file() for f in search_files)


def test_a_new_version_drops_old_caches_but_keeps_saved_pages(offline_phone, site_server, built_site):
    page = offline_phone
    page.goto(page.base + "/no-such-file.txt")  # same origin, no page script: nothing registers a worker yet
    page.evaluate("""async () => {
        await (await caches.open('hb-0ld-pages')).put(location.origin + '/saved-under-old-version/', new Response('<h1>kept</h1>', {headers: {'Content-Type': 'text/html'}}));
        await (await caches.open('hb-0ld-shell')).put(location.origin + '/assets/old.css', new Response('old'));
    }""")
    open_controlled(page, "/")
    version = re.search(r'"version": "([0-9a-f]+)"', (built_site / "sw.js").read_text(encoding="utf-8")).group(1)
    page.wait_for_function("caches.keys().then(k => !k.includes('hb-0ld-shell'))")
    names = set(page.evaluate("caches.keys()"))
    assert {f"hb-{version}-shell", f"hb-{version}-pages"} <= names <= {f"hb-{version}-{n}" for n in ("pages", "runtime", "shell")}

    site_server.stop()
    kept = page.goto(page.base + "/saved-under-old-version/")
    assert kept is not None and kept.ok and page.locator("h1").inner_text() == "kept"


# --- a saved copy says so; a server that never answers; search without a saved index ------------------------------

SAVED_NOTE = re.compile(r"保存于 .+，可能不是最新")


def test_a_page_from_the_saved_copy_says_when_it_was_saved_and_reloads_online(offline_phone, site_server, built_site):
    page = offline_phone
    open_controlled(page, "/procedures/renewal-reminder/")
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.locator(".hb-saved-copy").count() == 0, "a page from the network has no note"
    port = int(site_server.base.rsplit(":", 1)[1])
    site_server.stop()

    response = page.reload()
    assert response is not None and response.ok and response.from_service_worker
    note = page.locator(".hb-saved-copy")
    assert note.count() == 1 and SAVED_NOTE.fullmatch(note.inner_text().strip()), note.all_inner_texts()
    assert note.get_attribute("role") == "status"
    assert page.locator("article h1").first.inner_text().strip(), "the saved page itself is shown"
    english = page.goto(page.base + "/en/")  # precached at install: marked as well
    assert english is not None and english.from_service_worker
    assert re.fullmatch(r"Saved on .+; may be out of date", page.locator(".hb-saved-copy").inner_text().strip())

    # the connection comes back: the page reloads itself from the network and the note is gone
    again = StoppableServer.__new__(StoppableServer)
    again.httpd = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_NoStoreHandler, directory=str(built_site)))
    again.base, again.thread = site_server.base, threading.Thread(target=again.httpd.serve_forever, daemon=True)
    again.thread.start()
    try:
        page.context.set_offline(True)
        page.context.set_offline(False)  # the browser fires `online`
        page.wait_for_function("!document.querySelector('.hb-saved-copy')", timeout=30_000)
        assert page.url.endswith("/en/")
    finally:
        again.stop()


class _HangingHandler(_NoStoreHandler):
    """Accepts every connection, then answers nothing while the server's `hang` event is set."""

    def handle_one_request(self) -> None:
        if self.server.hang.is_set():  # type: ignore[attr-defined]
            self.server.release.wait(120)  # type: ignore[attr-defined]
            return
        super().handle_one_request()


def test_a_server_that_never_answers_gives_way_to_the_saved_copy(browser, built_site):
    """The connection is accepted and never answered (a captive portal, one bar of signal): after the service worker's
    wait (3.5 s), the saved copy is shown with its note instead of a blank screen."""
    server = StoppableServer.__new__(StoppableServer)
    server.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_HangingHandler, directory=str(built_site)))
    server.httpd.hang, server.httpd.release = threading.Event(), threading.Event()  # type: ignore[attr-defined]
    server.base = f"http://127.0.0.1:{server.httpd.server_address[1]}"
    server.thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    server.thread.start()
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    page = context.new_page()
    page.base = server.base  # type: ignore[attr-defined]
    try:
        open_controlled(page, "/glossary/grace-period/")
        page.reload()
        page.wait_for_load_state("networkidle")
        server.httpd.hang.set()  # type: ignore[attr-defined]
        response = page.goto(server.base + "/glossary/grace-period/", timeout=30_000)
        assert response is not None and response.from_service_worker
        assert SAVED_NOTE.fullmatch(page.locator(".hb-saved-copy").inner_text().strip())
        assert "宽限期" in page.locator("article h1").first.inner_text()
    finally:
        server.httpd.release.set()  # type: ignore[attr-defined]
        context.close()
        server.stop()


def test_offline_search_without_a_saved_index_says_what_it_needs(offline_phone, site_server):
    page = offline_phone
    open_controlled(page, "/procedures/renewal-reminder/")
    site_server.stop()
    page.reload()
    page.click("[data-hb-search-open]")
    page.fill("#hb-search-input", "宽限期")
    status = page.locator("#hb-search .hb-search__status")
    page.wait_for_function("document.querySelector('#hb-search .hb-search__status').textContent.length > 0", timeout=30_000)
    assert "需要联网" in status.inner_text() and "保存本栏目以便离线使用" in status.inner_text()
    assert page.locator("#hb-search .hb-result").count() == 0


# --- what "remember on this device" keeps, and for how long -------------------------------------------------------

LETTER = "/letters/renewal-premium-notice/"


def stored(page) -> dict:
    return page.evaluate("() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('hb:')).map(k => [k, localStorage.getItem(k)]))")


def test_id_account_and_phone_fields_are_never_remembered(phone):
    phone.goto(phone.base + LETTER)
    form = phone.locator(".hb-fill")
    form.locator("[name=holder_name]").fill("张三")
    form.locator("[name=account_tail]").fill("6789")
    form.locator("[name=agent_phone]").fill("13812345678")
    form.locator("[data-action=remember]").check()
    form.locator("[name=holder_name]").fill("张三丰")
    saved = json.loads(stored(phone)[f"hb:letter:renewal-premium-notice:zh"])
    assert saved["values"]["holder_name"] == "张三丰"
    assert "account_tail" not in saved["values"] and "agent_phone" not in saved["values"]
    assert isinstance(saved["saved"], (int, float))
    assert "30 天" in phone.locator(".hb-privacy").first.inner_text(), "the page states how long it is kept"
    phone.reload()
    assert form.locator("[name=holder_name]").input_value() == "张三丰"
    assert form.locator("[name=account_tail]").input_value() == ""


def test_remembered_data_expires_after_thirty_days(phone):
    phone.goto(phone.base + "/")
    day = 86_400_000
    phone.evaluate(f"""() => {{
        localStorage.setItem('hb:letter:renewal-premium-notice:zh', JSON.stringify({{saved: Date.now() - 31 * {day}, values: {{holder_name: 'old'}}}}));
        localStorage.setItem('hb:form:preservation-application:zh', JSON.stringify({{policy_no: 'stored before expiry existed'}}));
        localStorage.setItem('hb:letter:lapse-notice:zh', JSON.stringify({{saved: Date.now() - 29 * {day}, values: {{holder_name: 'recent'}}}}));
        localStorage.setItem('hb:checklist:pre-visit:zh', JSON.stringify({{a: true}}));
    }}""")
    phone.reload()  # any page deletes what has expired, even for forms not opened again
    assert set(stored(phone)) == {"hb:letter:lapse-notice:zh", "hb:checklist:pre-visit:zh"}
    phone.goto(phone.base + LETTER)
    assert phone.locator(".hb-fill [name=holder_name]").input_value() == ""


@pytest.mark.parametrize("prefix, done", [("", "已删除本机保存的 3 项内容。"), ("en/", "Deleted 3 item(s) stored on this device.")])
def test_the_phone_page_forgets_everything_typed_on_this_device(phone, prefix, done):
    phone.goto(phone.base + "/" + prefix + "using-on-a-phone/")
    phone.evaluate("""() => {
        localStorage.setItem('hb:letter:lapse-notice:zh', JSON.stringify({saved: Date.now(), values: {holder_name: 'x'}}));
        localStorage.setItem('hb:checklist:pre-visit:zh', '{"a":true}');
        localStorage.setItem('hb:quiz:new-staff:zh', '{}');
        localStorage.setItem('other-site-key', 'kept');
    }""")
    button = phone.locator("[data-action=forget-device]")
    assert button.is_visible()
    button.click()
    assert stored(phone) == {}
    assert phone.evaluate("localStorage.getItem('other-site-key')") == "kept"
    assert phone.locator("#hb-forget-status").inner_text().strip() == done
    assert "30" in phone.locator("#on-this-device").locator("xpath=following-sibling::ul[1]").inner_text()


def test_a_form_can_allow_remembering_a_private_field_per_field():
    """`remember: true` on a field lets an ID, phone or account number be kept; `remember: false` keeps any field out."""
    from handbook.model import Field, Text
    from handbook.render import environment

    label = Text(zh="证件号", en="ID")
    assert Field("id_no", "id_number", label).private and Field("agent_phone", "phone", label).private
    assert Field("new_account_no", "text", label).private and not Field("holder_name", "text", label).private
    assert not Field("id_no", "id_number", label, remember=True).private
    assert Field("holder_name", "text", label, remember=False).private
    macro = environment().get_template("_fields.j2").module.input
    assert "data-private" in macro(Field("id_no", "id_number", label), "zh", {"required": "必填"})
    assert "data-private" not in macro(Field("id_no", "id_number", label, remember=True), "zh", {"required": "必填"})
