"""Entries as plain, JSON-ready records: what they say, where they live, what links to them.

Shared by the JSON, CSV and GeoJSON downloads, so every file describes an entry
the same way. Every list comes out in a fixed order (the atlas' derived lists are
sorted), so the same input gives the same bytes.
"""
from __future__ import annotations

from ..formats import json_bytes

from ..graph import Atlas
from ..models import Model
from .urls import absolute, entry_json_path, page_url

ATLAS_NAME = {"ko": "지역혁신 아틀라스", "en": "Korea Innovation Atlas"}
ATLAS_NAME_BOTH = f"{ATLAS_NAME['ko']} / {ATLAS_NAME['en']}"

#: licence of the entries (our own summaries of the cited sources)
DATA_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


def entry_record(atlas: Atlas, entry: Model, site_url: str | None, updated: dict[str, str]) -> dict:
    """The entry as written (every field, ``null`` where empty) plus its page, JSON and last update."""
    record = entry.model_dump(mode="json")
    record["url"] = absolute(site_url, page_url(entry.type, entry.slug))
    record["json"] = absolute(site_url, entry_json_path(entry.type, entry.slug))
    record["updated"] = updated.get(entry.slug) or None
    return record


def derived_links(atlas: Atlas, entry: Model) -> dict:
    """The links other entries make to this one (a contributor writes each link once)."""
    slug = entry.slug
    if entry.type == "region":
        return {
            "ancestors": atlas.ancestors(slug),
            "children": list(atlas.children.get(slug, [])),
            "institutions": list(atlas.region_institutions.get(slug, [])),
            "events": list(atlas.region_events.get(slug, [])),
            "programmes": list(atlas.region_programmes.get(slug, [])),
        }
    if entry.type == "institution":
        return {
            "events": [{"event": e, "roles": list(roles)} for e, roles in atlas.institution_events.get(slug, [])],
            "programmes": list(atlas.institution_programmes.get(slug, [])),
            "members": [{"institution": i, "role": r} for i, r in atlas.institution_members.get(slug, [])],
            "units": list(atlas.institution_units.get(slug, [])),
        }
    if entry.type == "event":
        return {"held_at_this_event": list(atlas.event_parts.get(slug, []))}
    if entry.type == "programme":
        return {"events": list(atlas.programme_events.get(slug, []))}
    if entry.type == "industry":
        return {"entries": list(atlas.industry_entries.get(slug, []))}
    if entry.type == "source":
        return {"cited_by": list(atlas.source_citations.get(slug, []))}
    return {}


def dumps(value: object) -> bytes:
    """JSON as UTF-8: keys sorted, indented, ending in a newline — the same input, the same bytes."""
    return json_bytes(value, indent=1)


def number(value: float | None) -> str:
    """A number for CSV: integers without ``.0``, others in Python's shortest round-trip form."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def coordinate(value: float) -> str:
    """Degrees with six decimals (about 0.1 m): fixed, so files compare byte for byte."""
    return f"{value:.6f}"
