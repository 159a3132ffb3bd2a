"""The light basemap under every map, from the official boundaries, in pieces loaded as needed.

A map shows one region, or one place, or the whole country; none needs every district border
of the country. The basemap is therefore cut up, and a map fetches only what its view shows
(``atlasMap.basemap`` in ``static/atlas-map.js``):

* ``maps/geo/country.geojson`` — the whole country, light (~2 km detail): land, district and
  province borders, for a map zoomed out (below ``DETAIL_ZOOM``: the home page's overview);
* ``maps/geo/tiles/<row>-<col>.geojson`` — cells of ``TILE_DEGREES`` (a grid from ``ORIGIN``),
  each with its piece of the land and the district and province borders in it, at the detail
  the maps have always had (~500 m); a map zoomed in fetches the cells its view touches (a region
  page: a few of them). Land pieces of neighbouring cells meet exactly on the cell edge (they are
  cut from one shape), and borders are drawn as lines, so the cuts never show;
* ``maps/geo/sigungu/<code>.geojson`` — each district's outline (an institution's profile map
  draws its district).

Districts are simplified one by one, provinces merged from those districts and land from the
provinces, so the lines of the three layers coincide and no sea-coloured slivers open between
neighbours. Everything is computed once per process.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import shapely
from shapely.geometry import MultiLineString
from shapely.geometry.base import BaseGeometry

from ..geo import geojson
from ..geo.boundaries import boundaries, polygonal
from ..geo.simplify import BASEMAP, Detail, for_web, merge
from . import paths

#: side of a basemap cell, in degrees (a region page's map touches two to six of them)
TILE_DEGREES = 0.5
#: south-west corner of the grid (latitude, longitude)
ORIGIN = (33.0, 124.5)
#: from this zoom on, maps draw the detailed cells; below it the light whole-country file
DETAIL_ZOOM = 9
#: the whole country for maps zoomed out: ~2 km of tolerance, 2 decimals
COUNTRY = Detail(tolerance=1 / 50, min_hole=BASEMAP.min_hole, min_part=BASEMAP.min_part, floor_km2=4.0)


@dataclass(frozen=True)
class Layers:
    districts: dict[str, BaseGeometry]  # today's sigungu code → shape (cities with districts left out)
    provinces: dict[str, BaseGeometry]  # sido code → shape merged from its districts
    land: BaseGeometry
    decimals: int


@lru_cache(maxsize=None)
def layers(detail: Detail = BASEMAP) -> Layers:
    """Today's districts (drawn from the snapshot's units where the layout changed), the provinces
    merged from them and the land merged from those."""
    districts: dict[str, BaseGeometry] = {}
    by_province: dict[str, list] = {}
    decimals = 3
    for code, geom in boundaries().today_districts().items():
        shape, decimals = for_web(geom, detail, extent=1.0)
        if not shape.is_empty:
            districts[code] = shape
            by_province.setdefault(code[:2], []).append(shape)
    provinces = {code: merge(shapes, decimals) for code, shapes in sorted(by_province.items())}
    land = merge(list(provinces.values()), decimals)
    return Layers(districts, provinces, land, decimals)


def _lines(shapes) -> BaseGeometry:
    """The borders of ``shapes`` as one MultiLineString."""
    parts = [line for shape in shapes for line in shapely.get_parts(shapely.boundary(shape))]
    return MultiLineString(parts)


def _only(geom: BaseGeometry, kind: str) -> BaseGeometry | None:
    """The polygon or line parts of a clipped shape (a cut can leave points or slivers of other kinds)."""
    if geom.is_empty:
        return None
    if kind == "polygon":
        geom = polygonal(geom)
        return None if geom.is_empty else geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("LineString", "LinearRing") and not p.is_empty]
    parts = [shapely.LineString(p.coords) if p.geom_type == "LinearRing" else p for p in parts]
    return MultiLineString(parts) if parts else None


def tile_key(row: int, col: int) -> str:
    return f"{row}-{col}"


def tile_box(row: int, col: int) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a cell."""
    south, west = ORIGIN[0] + row * TILE_DEGREES, ORIGIN[1] + col * TILE_DEGREES
    return west, south, west + TILE_DEGREES, south + TILE_DEGREES


def _feature(geom: BaseGeometry, decimals: int, layer: str) -> dict:
    return geojson.feature(geom, decimals, {"layer": layer})


@lru_cache(maxsize=None)
def basemap_files() -> tuple[tuple[str, bytes], ...]:
    """Every basemap file as ``(site path, bytes)``."""
    out: list[tuple[str, bytes]] = []
    light = layers(COUNTRY)
    out.append((paths.BASEMAP_COUNTRY, geojson.dumps([
        _feature(light.land, light.decimals, "land"),
        _feature(_lines(light.districts.values()), light.decimals, "sigungu"),
        _feature(_lines(light.provinces.values()), light.decimals, "sido"),
    ])))
    detail = layers(BASEMAP)
    for code, shape in sorted(detail.districts.items()):
        out.append((paths.district_outline(code), geojson.dumps([geojson.feature(shape, detail.decimals, {"code": code})])))
    district_lines = _lines(detail.districts.values())
    province_lines = _lines(detail.provinces.values())
    west, south, east, north = detail.land.bounds
    rows = range(math.floor((south - ORIGIN[0]) / TILE_DEGREES), math.ceil((north - ORIGIN[0]) / TILE_DEGREES))
    cols = range(math.floor((west - ORIGIN[1]) / TILE_DEGREES), math.ceil((east - ORIGIN[1]) / TILE_DEGREES))
    for row in rows:
        for col in cols:
            box = tile_box(row, col)
            land = _only(shapely.clip_by_rect(detail.land, *box), "polygon")
            if land is None:
                continue  # sea only
            features = [_feature(land, detail.decimals, "land")]
            for layer, lines in (("sigungu", district_lines), ("sido", province_lines)):
                piece = _only(shapely.clip_by_rect(lines, *box), "line")
                if piece is not None:
                    features.append(_feature(piece, detail.decimals, layer))
            out.append((paths.basemap_tile(tile_key(row, col)), geojson.dumps(features)))
    return tuple(out)


@lru_cache(maxsize=None)  # every map document asks for it
def tile_index() -> dict:
    """What a map needs to know to fetch the cells of its view (passed to ``atlasMap.basemap``)."""
    prefix = paths.TILES_DIR
    keys = sorted(path[len(prefix):-len(".geojson")] for path, _ in basemap_files() if path.startswith(prefix))
    return {"size": TILE_DEGREES, "origin": list(ORIGIN), "cells": keys, "detailZoom": DETAIL_ZOOM}
