"""MkDocs hooks: a thin adapter from MkDocs events to the `handbook` package."""
from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from handbook.buildlock import HELD_VARIABLE, BuildBusy, BuildLock
from handbook.labels import LABELS, CatalogueError, catalogues, script_strings
from handbook.offline import OfflineError, language_prefix, write_offline_support
from handbook.paths import Layout
from handbook.pipeline import Prepared, prepare
from handbook.problems import ContentError
from handbook.search import SearchIndexError, build_search_index
from handbook.timings import timed

log = logging.getLogger("mkdocs.hooks.handbook")


@dataclass
class HooksState:
    """What the hooks keep between events: MkDocs loads this module once per process, so it survives the rebuilds of
    `mkdocs serve`. `prepared` is the content of the build under way (the i18n plugin runs one build per language,
    each calling on_config again); `last_good` keeps a live preview serving while the content has errors; `lock` is
    held from the start of each build (or preview rebuild) to its end."""

    serving: bool = False
    prepared: Prepared | None = None
    last_good: Prepared | None = None
    lock: BuildLock | None = None


STATE = HooksState()


def on_startup(command, dirty):
    """Remember whether this is a live preview: there a content error must not take the site down."""
    STATE.serving = command == "serve"


@event_priority(100)
def on_config(config):
    """Validate the content and point docs_dir at the assembled folder (before the i18n plugin runs)."""
    layout = Layout(Path(config.config_file_path).resolve().parent)
    if STATE.prepared is None:  # once per build: the i18n plugin calls on_config again for each further language
        _check_wording()
        _take_lock(layout)
        STATE.prepared = _prepare_or_keep_serving(layout)
        _watch(config, layout)
    config.docs_dir = str(STATE.prepared.docs_dir)
    i18n = config.plugins.get("i18n")
    lang = (i18n.current_language if i18n is not None else None) or "zh"
    config.nav = STATE.prepared.nav(lang)
    return config


def _check_wording() -> None:
    """The interface catalogues (i18n/) load, or the build stops with their `file:line: key: problem` lines.

    A preview reads them afresh on every rebuild, so an edited catalogue shows without a restart."""
    if STATE.serving:
        catalogues.cache_clear()
    try:
        catalogues()
    except CatalogueError as err:
        raise PluginError("interface wording has problems:\n" + str(err)) from None


def _take_lock(layout: Layout) -> None:
    """One build at a time in this build folder (another `make build` or preview waits); `handbook build` holds it for us."""
    if os.environ.get(HELD_VARIABLE) == "1":
        return
    if STATE.lock is None:
        STATE.lock = BuildLock(layout.build_docs_dir.parent)
    try:
        STATE.lock.acquire()
    except BuildBusy as err:
        raise PluginError(str(err)) from None


def _release_lock() -> None:
    if STATE.lock is not None:
        STATE.lock.release()


def on_shutdown():
    _release_lock()


def _prepare_or_keep_serving(layout: Layout) -> Prepared:
    """Validate and assemble; in a live preview, a content error keeps the last good site serving."""
    try:
        with timed(layout.root, "prepare"):
            prepared = prepare(layout)
    except ContentError as err:
        if not (STATE.serving and STATE.last_good is not None):
            raise PluginError("content has problems:\n" + str(err)) from None
        # Printed, not logged: strict mode aborts a build on any logged warning, and this one must go on.
        print(f"ERROR   -  content has problems; the preview keeps serving the last good version until they are fixed:\n{err}",
              file=sys.stderr, flush=True)
        return STATE.last_good
    for warning in prepared.content.problems:
        log.info(str(warning))
    STATE.last_good = prepared
    return prepared


def _watch(config, layout: Layout) -> None:
    """Live reload follows the records folder even when HANDBOOK_DATA_DIR moves it out of the project."""
    folder = layout.data_dir.resolve()
    if not any(folder.is_relative_to((layout.root / w).resolve()) for w in config.watch):
        config.watch.append(str(folder))


def on_page_markdown(markdown, page, config, files):
    """A front-matter title is HTML text (the records' templates escape it, because Material prints titles into pages
    as they are): marked as such, Material's own `| e` in labels leaves it alone instead of escaping it twice."""
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = Markup(page.meta["title"])
    return markdown


@event_priority(-200)
def on_post_build(config):
    """After the last language is built, index the whole site with Pagefind, then stamp the offline files."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return
    prepared, STATE.prepared = STATE.prepared, None  # the next build (a `serve` rebuild) prepares again
    root = Path(config.config_file_path).resolve().parent
    try:
        with timed(root, "search_index"):
            warnings = build_search_index(Path(config.site_dir), prepared.content.records)
        with timed(root, "offline"):
            write_offline_support(Path(config.site_dir))
    except (SearchIndexError, OfflineError) as err:
        raise PluginError(str(err)) from None
    for warning in warnings:  # printed, not logged: a strict build must still ship a working search
        print(f"WARNING -  {warning}", file=sys.stderr, flush=True)
    _release_lock()


def on_build_error(error):
    """A failed build leaves nothing half prepared for the next one, and lets the next build start."""
    STATE.prepared = None
    _release_lock()


def on_env(env, config, files):
    """Theme templates (the 404 page) read the interface wording from the package, like the generated pages."""
    env.globals["hb_labels"] = LABELS
    env.globals["hb_script_strings"] = {lang: script_strings(lang) for lang in LABELS}
    env.globals["hb_language_prefix"] = {lang: language_prefix(lang) for lang in LABELS}
    return env


def on_pre_template(template, template_name, config):
    """Theme pages (404.html) get the language switcher's home links, not the links of the last page built.

    The i18n plugin sets `config.extra.alternate` as an attribute for every page and never clears it."""
    vars(config.extra).pop("alternate", None)
    return template


def on_post_template(output, template_name, config):
    """Each language keeps its own 404 page: the default language's at the site root, the others' in their folder."""
    i18n = config.plugins.get("i18n")
    if template_name != "404.html" or i18n is None or i18n.current_language == i18n.default_language:
        return output
    target = Path(config.site_dir) / i18n.current_language / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""
