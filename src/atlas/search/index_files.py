"""The site's search index files: one per language, each document enriched (``enrich``).

The renderer's search (mkdocs-material's) collects one document per page section as pages are
built; the atlas writes one index per language instead, ``{"config": …, "docs": [ … ]}``, each
document with ``keywords`` and ``names`` and the citation blocks left out (``indexed``). The
documents go to a ``Documents`` sink as each page is written, in page order:

* in one process, straight into the two index files (``IndexWriter``);
* in a build of two processes (``atlas.work``), each process writes its pages' documents, enriched,
  to a part file of its own; ``write_merged`` puts them together in page order at the end — the
  same bytes as one process makes.

``write_indexes`` writes a list of documents collected otherwise (``mkdocs serve``; an index read
back from another search plugin).
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

from ..graph import Atlas
from ..work.parts import PartFile, merged
from .enrich import Enricher, indexed

EN_PREFIX = "en/"
#: the index files, Korean (the site root) and English (under en/)
SEARCH_INDEXES = ("search/search_index.json", f"{EN_PREFIX}search/search_index.json")
PART_SUFFIX = ".atlas-part"  # an index being written, renamed when complete


def is_english(url: str | None) -> bool:
    return bool(url) and url.startswith(EN_PREFIX)


# the theme's page config (JSON, written with Jinja's tojson: no "<" inside) up to its "base" value
_CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base":\s*")([^"\\]*)(")')


def point_search_at_english_index(html: str) -> str:
    """mkdocs-material loads ``search/search_index.json`` relative to ``__config.base``: on an English
    page its value gets ``en/`` added (in the page's text: the config's JSON is not parsed and written again)."""
    return _CONFIG_BASE.sub(lambda m: f"{m[1]}{m[2].rstrip('/')}/{EN_PREFIX}{m[3]}", html, count=1)


def search_index_of(location: str) -> tuple[str, str]:
    """The index a search document belongs in (``SEARCH_INDEXES``: Korean, English) and its
    location there (English pages' documents are found relative to ``en/``)."""
    if location.startswith(EN_PREFIX):
        return SEARCH_INDEXES[1], location[len(EN_PREFIX):]
    return SEARCH_INDEXES[0], location


def _dumps(value) -> str:
    """As the search plugin writes its index (values JSON cannot hold become text), in UTF-8; the
    C encoder (``json.dump`` to a file would use the pure-Python one, several times slower)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


class IndexWriter:
    """One index file, written one document at a time, under a temporary name until ``finish``."""

    def __init__(self, path: Path | str, settings: dict):
        self.path = str(path)
        self.writing = self.path + PART_SUFFIX
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        self.handle = open(self.writing, "w", encoding="utf-8")
        self.handle.write("{" + _dumps("config") + ":" + _dumps(settings) + "," + _dumps("docs") + ":[")
        self.count = 0

    def add_text(self, doc: str) -> None:
        """A document already in JSON."""
        self.handle.write(("," if self.count else "") + doc)
        self.count += 1

    def add(self, doc: dict) -> None:
        self.add_text(_dumps(doc))

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
    return {path: IndexWriter(os.path.join(site_dir, *path.split("/")), settings) for path in SEARCH_INDEXES}


def _routed(enricher: Enricher, doc: dict) -> tuple[str, dict]:
    path, location = search_index_of(doc.get("location", ""))
    return path, enricher.enrich({**doc, "location": location})


def write_indexes(entries: list[dict], settings: dict, atlas: Atlas, site_dir: str) -> list[str]:
    """Enrich and write documents collected in page order, one index per language. The documents
    are left as they were (the search plugin keeps them across ``--dirty`` rebuilds)."""
    enricher = Enricher(atlas)
    writers = _writers(site_dir, settings)
    for doc in entries:
        if indexed(doc):
            path, enriched = _routed(enricher, doc)
            writers[path].add(enriched)
    return [writer.finish() for writer in writers.values()]


class Documents:
    """Where a process puts each page's documents as the page is written (pages in increasing order).

    ``part``: a part file to write them to (a build of two processes; ``write_merged`` then makes the
    indexes), else they go straight into the index files under ``site_dir`` with ``settings``."""

    def __init__(self, enricher: Enricher, site_dir: str, settings: dict, part: str | None = None):
        self.enricher = enricher
        self.part = PartFile(part) if part else None
        self.writers = None if part else _writers(site_dir, settings)

    def add(self, page_index: int, docs: list[dict]) -> None:
        for doc in docs:
            if not indexed(doc):
                continue
            path, enriched = _routed(self.enricher, doc)
            if self.part is not None:
                self.part.add(page_index, path, _dumps(enriched))
            else:
                self.writers[path].add(enriched)

    def finish(self) -> str | list[str]:
        """The part file's path, or the index files written."""
        if self.part is not None:
            return self.part.close()
        return [writer.finish() for writer in self.writers.values()]

    def discard(self) -> None:
        if self.part is not None:
            self.part.discard()
        else:
            for writer in self.writers.values():
                writer.discard()


def write_merged(parts: list[str], settings: dict, site_dir: str) -> list[str]:
    """The index files from the part files of a build's processes, documents in page order."""
    writers = _writers(site_dir, settings)
    try:
        for path, text in merged(parts):
            writers[path].add_text(text)
    except BaseException:
        for writer in writers.values():
            writer.discard()
        raise
    for part in parts:
        os.remove(part)
    return [writer.finish() for writer in writers.values()]


def replace_pages(site_dir: str, pages: dict[str, list[dict]], order: list[str], atlas: Atlas) -> list[str]:
    """The index files under ``site_dir`` with the documents of some pages replaced: ``pages`` gives,
    by page address (``regions/asan/``; the home page's is empty), the documents the search plugin
    made of it (none: a page taken away), enriched here; ``order`` is every page's address in the
    order of the site's pages (the documents' order). What a preview does after pages changed."""
    enricher = Enricher(atlas)
    by_page: dict[str, list[str]] = {}
    settings = None
    for index_path in SEARCH_INDEXES:
        prefix = EN_PREFIX if index_path.startswith(EN_PREFIX) else ""
        with open(os.path.join(site_dir, *index_path.split("/")), encoding="utf-8") as handle:
            index = json.load(handle)
        settings = index["config"]
        for doc in index["docs"]:
            page = prefix + doc.get("location", "").split("#", 1)[0]
            if page not in pages:
                by_page.setdefault(page, []).append(_dumps(doc))
    for page, docs in pages.items():
        by_page[page] = [_dumps(_routed(enricher, doc)[1]) for doc in docs if indexed(doc)]
    position = {page: i for i, page in enumerate(order)}
    writers = _writers(site_dir, settings)
    for page in sorted(by_page, key=lambda p: position.get(p, len(position))):
        writer = writers[search_index_of(page)[0]]
        for text in by_page[page]:
            writer.add_text(text)
    return [writer.finish() for writer in writers.values()]
