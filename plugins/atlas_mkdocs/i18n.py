"""English pages under en/: their own navigation (``nav_en`` in mkdocs.yml).

Korean pages live at the site root, English ones under ``en/`` (the renderer generates both from
the same entries). MkDocs has one navigation; the English pages get theirs here (and their own
search index: ``atlas.search.index_files``); the 404 page gets the English navigation too
(``not_found_context``).
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, get_navigation

from atlas.render.ui import translate
from atlas.search.index_files import is_english


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
