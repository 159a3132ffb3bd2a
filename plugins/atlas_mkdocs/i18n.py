"""English pages under en/: their navigation, and a search index of their own.

Korean pages live at the site root, English ones under ``en/`` (the renderer
generates both from the same entries). MkDocs has one navigation and
mkdocs-material one search index per site; this module gives English pages
their own navigation and points their search at ``en/search/search_index.json``.
"""
from __future__ import annotations

import json
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, get_navigation

EN_PREFIX = "en/"
_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


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


def point_search_at_english_index(html: str) -> str:
    """mkdocs-material loads ``search/search_index.json`` relative to ``__config.base``."""

    def fix(match: re.Match) -> str:
        data = json.loads(match.group(2))
        base = data.get("base", ".").rstrip("/")
        data["base"] = f"{base}/{EN_PREFIX}"
        return match.group(1) + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + match.group(3)

    return _CONFIG_SCRIPT.sub(fix, html, count=1)


SEARCH_INDEXES = ("search/search_index.json", f"{EN_PREFIX}search/search_index.json")


def search_index_of(location: str) -> tuple[str, str]:
    """The index a search document belongs in (``SEARCH_INDEXES``: Korean, English) and its
    location there (English pages' documents are found relative to ``en/``)."""
    if is_english(location):
        return SEARCH_INDEXES[1], location[len(EN_PREFIX):]
    return SEARCH_INDEXES[0], location
