"""MkDocs hooks: a thin adapter from MkDocs events to the `handbook` package."""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from handbook.paths import Layout
from handbook.pipeline import prepare
from handbook.problems import ContentError
from handbook.search import SearchIndexError, build_search_index

log = logging.getLogger("mkdocs.hooks.handbook")


@event_priority(100)
def on_config(config):
    """Validate the content and point docs_dir at the assembled folder (before the i18n plugin runs)."""
    layout = Layout(Path(config.config_file_path).resolve().parent)
    try:
        prepared = prepare(layout)
    except ContentError as err:
        raise PluginError("content has problems:\n" + str(err)) from None
    for warning in prepared.content.problems:
        log.info(str(warning))
    config.docs_dir = str(prepared.docs_dir)
    i18n = config.plugins.get("i18n")
    lang = (i18n.current_language if i18n is not None else None) or "zh"
    config.nav = prepared.nav(lang)
    return config


@event_priority(-200)
def on_post_build(config):
    """After the last language is built, index the whole site with Pagefind."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return
    try:
        build_search_index(Path(config.site_dir))
    except SearchIndexError as err:
        raise PluginError(str(err)) from None
