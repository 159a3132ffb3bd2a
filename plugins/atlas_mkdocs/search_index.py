"""The site's search indexes: one per language, with the Korean search help (``atlas.search``).

mkdocs-material's search plugin collects one search document per page section as pages are
built (``on_page_context``) and writes one index at the end. The atlas writes one index per
language instead (``i18n``), each document enriched with ``keywords`` and ``names`` (and the
citation blocks left out: ``atlas.search.indexed``).

Two ways, the same bytes:

* ``SearchFeed`` (``mkdocs build`` with the build's helper on a second core): the documents of
  each page are handed to the helper as the page is written (``add``) — a ``multiprocessing``
  queue, whose own thread sends them without blocking the build — and the helper enriches and
  writes them as they arrive (``write_fed_indexes``) under a temporary name. After the last
  page, ``finish`` tells it so; it completes both files and puts them in place (after the search
  plugin has written its own, empty, index at the same address). The documents are never all in memory,
  and the enrichment costs the build's own core nothing.
* ``write_indexes`` (``mkdocs serve``, one core, no ``fork``): the documents the search plugin
  collected, enriched and written at the end of the build.
"""
from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from atlas.graph import Atlas
from atlas.search import Enricher, index_config, indexed

from . import i18n

SETTINGS = ("lang", "separator", "pipeline", "fields")
PART_SUFFIX = ".atlas-part"  # an index being written by the helper, renamed when complete


def material_search_index(config: MkDocsConfig):
    """mkdocs-material's search index (its entries and settings), if that search plugin is on."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and isinstance(getattr(index, "entries", None), list) and hasattr(index, "config"):
            return index
    return None


def settings_of(search) -> dict:
    return index_config({key: search.config[key] for key in SETTINGS})


def _dumps(value) -> str:
    """As the search plugin writes its index (values JSON cannot hold become text), in UTF-8; the
    C encoder (``json.dump`` to a file would use the pure-Python one, several times slower)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


class IndexWriter:
    """One index file, written one document at a time: ``{"config": …, "docs": [ … ]}``, under a
    temporary name until ``finish`` puts it in place."""

    def __init__(self, path: Path | str, settings: dict):
        self.path = str(path)
        self.writing = self.path + PART_SUFFIX
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        self.handle = open(self.writing, "w", encoding="utf-8")
        self.handle.write("{" + _dumps("config") + ":" + _dumps(settings) + "," + _dumps("docs") + ":[")
        self.count = 0

    def add(self, doc: dict) -> None:
        self.handle.write(("," if self.count else "") + _dumps(doc))
        self.count += 1

    def finish(self) -> str:
        self.handle.write("]}")
        self.handle.close()
        os.replace(self.writing, self.path)
        return self.path

    def discard(self) -> None:
        self.handle.close()
        if os.path.exists(self.writing):
            os.remove(self.writing)


def _writers(site_dir: str, settings: dict) -> dict[str, IndexWriter]:
    return {path: IndexWriter(os.path.join(site_dir, *path.split("/")), settings) for path in i18n.SEARCH_INDEXES}


def write_indexes(entries: list[dict], settings: dict, atlas: Atlas, site_dir: str) -> list[str]:
    """Enrich and write the documents the search plugin collected, one index per language. The
    documents are left as they were (the search plugin keeps them across ``--dirty`` rebuilds)."""
    enricher = Enricher(atlas)
    writers = _writers(site_dir, settings)
    for doc in entries:
        if indexed(doc):
            path, location = i18n.search_index_of(doc.get("location", ""))
            writers[path].add(enricher.enrich({**doc, "location": location}))
    return [writer.finish() for writer in writers.values()]


# -- while the pages are built: the helper's share ------------------------------------------

BATCH = 256  # documents per message to the helper


class SearchFeed:
    """This process' end: documents go to the helper in batches, through a queue whose thread
    does the sending (so a busy helper never holds the build up)."""

    def __init__(self) -> None:
        self.queue = multiprocessing.get_context("fork").Queue()
        self.batch: list[dict] = []

    def add(self, docs: list[dict]) -> None:
        self.batch += docs
        if len(self.batch) >= BATCH:
            self.queue.put(("docs", self.batch))
            self.batch = []

    def finish(self) -> None:
        """The last documents, and the end: then wait for the helper's result, then ``close``."""
        if self.batch:
            self.queue.put(("docs", self.batch))
            self.batch = []
        self.queue.put(("end", None))

    def close(self) -> None:
        """Once the helper has read everything (else ``cancel``: nobody may be reading)."""
        self.queue.close()
        self.queue.join_thread()

    def cancel(self) -> None:
        self.queue.cancel_join_thread()  # the helper is gone: do not wait for the queue to drain
        self.queue.close()


def write_fed_indexes(queue, settings: dict, atlas: Atlas, site_dir: str) -> list[str]:
    """The helper's end: enrich and write documents as they come, until the last has come."""
    enricher = Enricher(atlas)
    writers = _writers(site_dir, settings)
    try:
        while True:
            kind, value = queue.get()
            if kind == "end":
                return [writer.finish() for writer in writers.values()]
            for doc in filter(indexed, value):
                path, location = i18n.search_index_of(doc.get("location", ""))
                doc["location"] = location
                writers[path].add(enricher.enrich(doc))
    except BaseException:
        for writer in writers.values():
            writer.discard()
        raise
