"""The section an entry's page belongs to, marked active in the navigation while the page is made.

Entry pages are not in the navigation (a navigation of 30,000 pages costs pages² to render), so the
theme cannot tell which tab (mkdocs-material's ``navigation.tabs``) or sidebar item they belong to.
Both read one flag, ``nav_item.active`` (a tab gets ``md-tabs__item--active``). ``ActiveSection``
sets that flag on the navigation page of the section's index (``regions/index.md`` for
``regions/asan.md``, ``en/regions/index.md`` for ``en/regions/asan.md``) while an entry's page is
rendered, and clears it afterwards: a dictionary lookup per page, whatever the number of pages.

It works on any navigation whose pages carry ``file.src_uri`` and ``active`` (MkDocs' ``Page``, whose
``active`` setter marks its parents too); nothing here imports MkDocs.
"""
from __future__ import annotations

import posixpath
from typing import Iterable

from ..models import FOLDERS
from .pages import LANGUAGES

_FOLDERS = frozenset(FOLDERS.values())
_PREFIXES = frozenset(prefix.rstrip("/") for prefix in LANGUAGES.values())  # "", "en"


def section_index(src_uri: str) -> str | None:
    """The index page of the section holding the entry page ``src_uri`` (``regions/asan.md`` →
    ``regions/index.md``; ``en/events/x.md`` → ``en/events/index.md``); None for any other page."""
    folder, name = posixpath.split(src_uri)
    if name == "index.md" or not name.endswith(".md") or posixpath.basename(folder) not in _FOLDERS:
        return None
    if posixpath.dirname(folder) not in _PREFIXES:
        return None
    return f"{folder}/index.md"


class ActiveSection:
    def __init__(self, navigations: Iterable[object | None]):
        """``navigations``: each navigation pages may be shown with (the Korean one, the English one)."""
        self.pages = {page.file.src_uri: page for nav in navigations if nav is not None for page in nav.pages}
        self.marked: object | None = None

    def mark(self, src_uri: str) -> object | None:
        """Mark the section of the page ``src_uri`` active (the previous mark is cleared); returns the
        navigation page marked, or None."""
        self.clear()
        index = section_index(src_uri)
        page = self.pages.get(index) if index else None
        if page is not None:
            page.active = True
            self.marked = page
        return page

    def clear(self) -> None:
        if self.marked is not None:
            self.marked.active = False
            self.marked = None
