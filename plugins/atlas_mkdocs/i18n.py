"""English pages under en/: their navigation, and a search index of their own.

Korean pages live at the site root, English ones under ``en/`` (the renderer
generates both from the same entries). MkDocs has one navigation and
mkdocs-material one search index per site; this module gives English pages
their own navigation and points their search at ``en/search/search_index.json``; the 404 page
gets the English navigation too (``not_found_context``).
"""
from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, get_navigation

from atlas.render.ui import translate

EN_PREFIX = "en/"
# the theme's page config (JSON, written with Jinja's tojson: no "<" inside) up to its "base" value
_CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base":\s*")([^"\\]*)(")')


def is_english(url: str | None) -> bool:
    return bool(url) and url.startswith(EN_PREFIX)


def english_navigation(nav_spec: list, config: MkDocsConfig, files: Files) -> Navigation | None:
    if not nav_spec:
        return None
    # MkDocs' main navigation gave every page outside it a title-less Page; let the
    # English navigation create its own, with the titles nav_en gives them
    for file in files.documentation_pages():
        if is_english(file.src_uri):
            file.page = None
    main_spec = config["nav"]
    config["nav"] = nav_spec
    try:
        return get_navigation(files, config)
    finally:
        config["nav"] = main_spec


def not_found_context(context, template_name: str, en_nav: Navigation | None):
    """The 404 page (one file for every missing address, in both languages) lists the main pages of
    each: its template gets the English navigation (``atlas_nav_en``) and the interface strings
    (``atlas_t(key, lang)``, ``atlas.render.ui``)."""
    if template_name == "404.html":
        context["atlas_nav_en"] = en_nav
        context["atlas_t"] = translate
    return context


def point_search_at_english_index(html: str) -> str:
    """mkdocs-material loads ``search/search_index.json`` relative to ``__config.base``: its value
    gets ``en/`` added (in the page's text: the config's JSON is not parsed and written again)."""
    return _CONFIG_BASE.sub(lambda m: f"{m[1]}{m[2].rstrip('/')}/{EN_PREFIX}{m[3]}", html, count=1)


SEARCH_INDEXES = ("search/search_index.json", f"{EN_PREFIX}search/search_index.json")


def search_index_of(location: str) -> tuple[str, str]:
    """The index a search document belongs in (``SEARCH_INDEXES``: Korean, English) and its
    location there (English pages' documents are found relative to ``en/``)."""
    if is_english(location):
        return SEARCH_INDEXES[1], location[len(EN_PREFIX):]
    return SEARCH_INDEXES[0], location
