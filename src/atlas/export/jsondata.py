"""The whole atlas as one JSON file, and every entry as its own JSON file.

``data/atlas.json`` holds every entry as written (all fields; ``null`` where
empty) with its page URL and last-updated date, grouped by type and sorted by
slug. ``data/<folder>/<slug>.json`` holds one entry plus the links other entries
make to it and a CSL-JSON citation; an entry renamed with ``redirect_from``
keeps a copy at each old name, so links to the old file keep working.
"""
from __future__ import annotations

from ..graph import Atlas
from ..models import FOLDERS
from .citation import citation
from .records import ATLAS_NAME, DATA_LICENCE, derived_links, dumps, entry_record
from .urls import absolute, entry_json_path

#: top-level members of atlas.json (name, Table Schema type, description), for datapackage.json
ATLAS_MEMBERS = (
    ("atlas", "object", "name, site URL, licence and the date of the newest change"),
    *((folder, "array", f"every {entry_type} entry, by slug") for entry_type, folder in FOLDERS.items()),
)


def atlas_json(atlas: Atlas, site_url: str | None, updated: dict[str, str]) -> bytes:
    out: dict = {
        "atlas": {
            "name": dict(ATLAS_NAME),
            "url": absolute(site_url, ""),
            "licence": DATA_LICENCE,
            "updated": max((d for d in updated.values() if d), default=None),
        },
    }
    for entry_type, folder in FOLDERS.items():
        table = atlas.table(entry_type)
        out[folder] = [entry_record(atlas, table[slug], site_url, updated) for slug in sorted(table)]
    return dumps(out)


def entry_json(atlas: Atlas, entry, site_url: str | None, updated: dict[str, str]) -> bytes:
    record = entry_record(atlas, entry, site_url, updated)
    record["links"] = derived_links(atlas, entry)
    record["citation"] = citation(atlas, entry, "ko", site_url, updated).csl()
    record["licence"] = DATA_LICENCE
    return dumps(record)


def entry_json_files(atlas: Atlas, site_url: str | None, updated: dict[str, str]) -> dict[str, bytes]:
    out = {}
    for entry in atlas.all_entries():
        content = entry_json(atlas, entry, site_url, updated)
        for name in [entry.slug, *getattr(entry, "redirect_from", [])]:
            out[entry_json_path(entry.type, name)] = content
    return out
