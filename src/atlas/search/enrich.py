"""The hidden fields of each search document, added as the build hands the documents over.

* ``keywords`` (every document): the inner parts of its compound and mixed-script words, the
  other names of every entity it mentions, and the keys and Korean words of the dates it prints;
* ``names`` (the document of an entry's own page, boosted): the words and parts of the entry's
  names, each name whole and marked (``NAME_MARK`` / ``OTHER_MARK``), and an event's date keys;
  with a document ``boost`` by entry type, which decides between entries of the same name (the
  region 아산시 before the city government 아산시); the timeline's holds the months of the events;
* the citation block of every entry page (``#cite``) is left out.

The field names must be declared in mkdocs.yml under ``search.fields``.
"""
from __future__ import annotations

from ..graph import Atlas
from ..models import FOLDERS
from .aliases import AliasMatcher, alias_matcher, main_names, other_names
from .dates import dates_in, span_keys
from .words import NAME_MARK, OTHER_MARK, SEPARATOR, joined, parts_of, plain_text, whole, words

#: document boost of an entry's own page, by type: a small factor on all its scores, which decides
#: between pages that match a query alike — two entries of the same name: the place before the body
#: that governs it (아산시), the body before its programmes and events (sources: 1)
TYPE_BOOST = {"region": 1.4, "institution": 1.2, "programme": 1.15, "industry": 1.1, "event": 1.05}

#: sections left out of the index: "cite this page" repeats the page's title, its sources and the
#: date of its last change on every entry page (28 % of the index, and an answer to every date query);
#: "in numbers" (panels and charts) repeats the names of the entry and of what it is compared with,
#: with counts, chart labels and embed codes — words no reader looks for there
LEFT_OUT_SECTIONS = ("cite", "numbers")


def index_config(config: dict) -> dict:
    """The index settings the search help needs (in place): its token separator."""
    config["separator"] = SEPARATOR
    return config


def indexed(doc: dict) -> bool:
    """Whether a search document belongs in the index (``LEFT_OUT_SECTIONS``)."""
    location = doc.get("location", "")
    return "#" not in location or location.rsplit("#", 1)[1] not in LEFT_OUT_SECTIONS


def entry_locations(atlas: Atlas, prefix: str = "") -> dict[str, object]:
    """Search-document location of each entry's page → the entry."""
    out: dict[str, object] = {}
    for entry in atlas.all_entries():
        if main_names(entry):
            out[f"{prefix}{FOLDERS[entry.type]}/{entry.slug}/"] = entry
    return out


def own_names(entry) -> str:
    """The ``names`` field of an entry's own page."""
    main, other = main_names(entry), other_names(entry)
    values = words(" ".join(main + other))
    values |= parts_of(values)
    values.update(whole(name) + NAME_MARK for name in main if whole(name))
    values.update(whole(name) + OTHER_MARK for name in other if whole(name))
    if getattr(entry, "date", None):
        values.update(span_keys(entry.date, getattr(entry, "end_date", None)))
    return joined(values)


def timeline_names(atlas: Atlas) -> str:
    """The ``names`` field of the timeline (the events' index page, which lists every event by date):
    the keys of every month and year an event took place in, so that it comes right after the events
    of a month a query names."""
    keys: set[str] = set()
    for event in atlas.events.values():
        keys.update(span_keys(event.date, event.end_date, days=False))
    return joined(keys)


class Enricher:
    """Adds the ``keywords`` and ``names`` fields to search documents, one at a time (a build can
    hand its documents over as its pages are written: ``enrich``)."""

    def __init__(self, atlas: Atlas, prefix: str = "", matcher: AliasMatcher | None = None):
        self.matcher = matcher or alias_matcher(atlas)
        self.pages = entry_locations(atlas, prefix)
        self.timeline = f"{prefix}{FOLDERS['event']}/"
        self.timeline_names = timeline_names(atlas)

    def keywords(self, doc: dict) -> str:
        text = plain_text(f"{doc.get('title', '')} {doc.get('text', '')}")
        present = words(text)
        keys, korean = dates_in(text)
        extra = parts_of(present) | words(" ".join(self.matcher.names_in(text))) | korean
        return joined((extra - present) | keys)

    def enrich(self, doc: dict) -> dict:
        keywords = self.keywords(doc)
        if keywords:
            doc["keywords"] = keywords
        location = doc.get("location", "")
        if location == self.timeline and self.timeline_names:
            doc["names"] = self.timeline_names
        entry = self.pages.get(location)
        if entry is not None:
            doc["names"] = own_names(entry)
            if entry.type in TYPE_BOOST:
                doc["boost"] = TYPE_BOOST[entry.type]
        return doc
