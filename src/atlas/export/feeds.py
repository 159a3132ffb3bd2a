"""Atom feeds (RFC 4287) of events: one for the whole atlas, one per region.

A region's feed holds the events of the region and of every region inside it
(the same list as its page). Written with the standard library's ElementTree
rather than a feed library: ``feedgen`` would add lxml and stamps ``updated``
with the clock unless told otherwise, while these ~60 lines control every
element, escape text through ElementTree and give the same bytes for the same
input. Times are the event's date (midnight, Korea time) and the date its entry
last changed, never the time of the build. Entry ids are ``urn:uuid`` names
derived from the slug, so they survive a change of host (``ATLAS_SITE_URL``).
"""
from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET

from ..formats import xml_text
from ..graph import Atlas
from ..models import Event
from ..render.ui import translate, vocab
from .records import ATLAS_NAME_BOTH, DATA_LICENCE
from .urls import absolute, atlas_feed_path, page_url, region_feed_path

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
KOREA_TIME = "+09:00"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:korea-innovation-atlas")


def instant(date: str) -> str:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) as an RFC 3339 time: midnight in Korea."""
    parts = (date.split("-") + ["01", "01"])[:3]
    return "-".join(parts) + "T00:00:00" + KOREA_TIME


def feed_id(name: str) -> str:
    return "urn:uuid:" + str(uuid.uuid5(_NAMESPACE, name))


def _text(value, lang: str) -> str:
    if value is None:
        return ""
    return " ".join((value.ko if lang == "ko" else (value.en or value.ko)).split())


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """The one way text and attributes enter a feed: through ``xml_text`` (characters XML 1.0 cannot
    hold), then ElementTree (which escapes markup)."""
    element = ET.SubElement(parent, tag, {name: xml_text(value) for name, value in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _entry(feed: ET.Element, atlas: Atlas, event: Event, lang: str, prefix: str, site_url: str | None,
           updated: dict[str, str]) -> None:
    entry = _sub(feed, "entry")
    _sub(entry, "id", feed_id(f"events/{event.slug}"))
    _sub(entry, "title", _text(event.name, lang))
    _sub(entry, "link", rel="alternate", type="text/html", href=absolute(site_url, page_url("event", event.slug, prefix)))
    published = instant(event.date)
    _sub(entry, "published", published)
    _sub(entry, "updated", max(published, instant(updated.get(event.slug) or event.date)))
    regions = ", ".join(_text(atlas.regions[r].name, lang) for r in event.regions)
    when = event.date + (f" – {event.end_date}" if event.end_date else "")
    head = f"{vocab('event_kind', event.kind, lang)} · {when} · {regions}"
    _sub(entry, "summary", f"{head}. {_text(event.summary, lang)}")
    _sub(entry, "category", term=event.kind, label=vocab("event_kind", event.kind, lang))
    for industry in event.industries:
        _sub(entry, "category", term=industry, label=_text(atlas.industries[industry].name, lang))


def atom_feed(atlas: Atlas, events: list[Event], *, title: str, self_path: str, alternate_path: str, lang: str,
              prefix: str, site_url: str | None, updated: dict[str, str], fallback_updated: str) -> bytes:
    """One Atom feed of ``events`` (newest first). ``fallback_updated`` dates a feed with no events."""
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: lang})
    _sub(feed, "id", feed_id(f"{self_path}"))
    _sub(feed, "title", title)
    _sub(feed, "subtitle", translate("feed_subtitle", lang))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=absolute(site_url, self_path))
    _sub(feed, "link", rel="alternate", type="text/html", href=absolute(site_url, alternate_path))
    newest = sorted(events, key=lambda e: (e.date, e.slug), reverse=True)
    times = [max(instant(e.date), instant(updated.get(e.slug) or e.date)) for e in newest]
    _sub(feed, "updated", max(times) if times else instant(fallback_updated or "2000"))
    author = _sub(feed, "author")
    _sub(author, "name", ATLAS_NAME_BOTH)
    _sub(author, "uri", absolute(site_url, prefix))
    _sub(feed, "rights", f"{DATA_LICENCE['title']} ({DATA_LICENCE['path']})")
    for event in newest:
        _entry(feed, atlas, event, lang, prefix, site_url, updated)
    ET.indent(feed, space=" ")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def feed_files(atlas: Atlas, site_url: str | None, updated: dict[str, str], lang: str = "ko",
               prefix: str = "") -> dict[str, bytes]:
    """The atlas' feed and every region's (also under a renamed region's old slugs), in one language."""
    newest_change = max((d for d in updated.values() if d), default="")
    atlas_name = translate("atlas", lang)
    out = {
        atlas_feed_path(prefix): atom_feed(
            atlas, list(atlas.events.values()), title=f"{atlas_name}: {translate('events', lang)}",
            self_path=atlas_feed_path(prefix), alternate_path=f"{prefix}events/", lang=lang, prefix=prefix,
            site_url=site_url, updated=updated, fallback_updated=newest_change),
    }
    for slug in sorted(atlas.regions):
        region = atlas.regions[slug]
        content = atom_feed(
            atlas, atlas.region_tree_events(slug),
            title=f"{_text(region.name, lang)}: {translate('region_events', lang)} · {atlas_name}",
            self_path=region_feed_path(slug, prefix), alternate_path=page_url("region", slug, prefix), lang=lang,
            prefix=prefix, site_url=site_url, updated=updated, fallback_updated=updated.get(slug, ""))
        for name in [slug, *region.redirect_from]:
            out[region_feed_path(name, prefix)] = content
    return out
