"""The site's search indexes, from the documents mkdocs-material's search plugin makes of each page.

The search plugin makes its documents as each page is built (``on_page_context``) and writes one
index at the end. The atlas takes each page's documents as the page is written, enriches them with
the Korean search help and writes one index per language instead (``atlas.search.index_files``):
straight into the index files in one process; into a part file per process in a build of two,
merged in page order at the end. With another search plugin, its index is read back and rewritten.
"""
from __future__ import annotations

import json
from pathlib import Path

from atlas.graph import Atlas
from atlas.search import Enricher, index_config
from atlas.search.index_files import SEARCH_INDEXES, Documents, write_indexes, write_merged

from . import internals


class SearchIndexes:
    def __init__(self, config, atlas: Atlas):
        self.material = internals.material_search_index(config)
        if self.material is not None:
            self.settings = index_config(internals.search_settings(self.material))
            self.enricher = Enricher(atlas)  # made once (before the worker is forked: shared)
        self.documents: Documents | None = None

    def start(self, site_dir: str, part: str | None) -> None:
        """This process' documents from now on (into ``part``, in a build of two processes)."""
        if self.material is not None:
            self.documents = Documents(self.enricher, site_dir, self.settings, part=part)

    def take(self) -> list[dict]:
        """The documents of the page just built (the search plugin forgets them)."""
        return internals.take_search_entries(self.material) if self.material is not None else []

    def add(self, position: int) -> None:
        """The page just built, at ``position`` among the pages, is written: its documents go in."""
        docs = self.take()
        if self.documents is not None:
            self.documents.add(position, docs)

    def finish_part(self) -> str | None:
        """The worker's end: its part file."""
        return self.documents.finish() if self.documents is not None else None

    def finish(self, site_dir: str, worker_part: str | None, atlas: Atlas) -> None:
        """The end of the build (after the search plugin wrote its own, empty, index): the indexes."""
        if self.documents is not None:
            mine = self.documents.finish()
            if worker_part is not None:
                write_merged([mine, worker_part], self.settings, site_dir)
        elif self.material is None:  # another search plugin: read back what it wrote
            index_path = Path(site_dir) / SEARCH_INDEXES[0]
            if index_path.is_file():
                index = json.loads(index_path.read_text(encoding="utf-8"))
                write_indexes(index.get("docs", []), index_config(index.get("config", {})), atlas, site_dir)
        self.documents = None

    def cancel(self) -> None:
        if self.documents is not None:
            self.documents.discard()
            self.documents = None
