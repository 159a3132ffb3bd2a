"""Writing shapes as compact, deterministic GeoJSON (RFC 7946)."""
from __future__ import annotations

from ..formats import json_text
from typing import Iterable

import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry


def _round(value: object, decimals: int) -> object:
    if isinstance(value, (tuple, list)):
        if value and isinstance(value[0], float):
            return [round(v, decimals) for v in value]
        return [_round(v, decimals) for v in value]
    return value


def geometry(geom: BaseGeometry, decimals: int) -> dict:
    """A GeoJSON geometry with counter-clockwise exteriors and rounded coordinates."""
    geom = shapely.orient_polygons(geom, exterior_cw=False)
    out = dict(mapping(geom))
    out["coordinates"] = _round(out["coordinates"], decimals)
    return out


def feature(geom: BaseGeometry, decimals: int, properties: dict | None = None) -> dict:
    return {"type": "Feature", "properties": properties or {}, "geometry": geometry(geom, decimals)}


def dumps(features: Iterable[dict]) -> bytes:
    """A FeatureCollection as UTF-8 bytes: same input, same bytes."""
    collection = {"type": "FeatureCollection", "features": list(features)}
    return json_text(collection).encode("utf-8")
