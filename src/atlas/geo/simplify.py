"""Making boundary shapes light enough for a web page, yet recognisable.

The bundled shapes are already generalised but full of slivers: a dissolved
Chungcheong union carries hundreds of islets and thousands of sliver holes
where neighbouring shapes do not quite meet. Simplifying keeps every hole, so
the order matters:

1. drop holes and islets below a size relative to the whole shape (never the largest part);
2. simplify (Douglas–Peucker, topology preserved) with a tolerance relative to the shape's extent;
3. snap coordinates to a grid (fewer digits in the GeoJSON), keeping the result valid, and
   drop the slivers snapping made.

Every step scales with the shape, so a 5 km² cluster keeps metre detail and a
17,000 km² union is drawn to about a hundred metres.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from .boundaries import polygonal

KM_PER_DEGREE = 111.32


@dataclass(frozen=True)
class Detail:
    """How much of a shape to keep, relative to its size."""

    tolerance: float = 1 / 1200  # of the larger side of the bounding box
    min_hole: float = 1 / 1000  # of the shape's area; smaller holes are slivers
    min_part: float = 1 / 10000  # of the shape's area; smaller islets are dropped
    floor_km2: float = 0.01  # never keep holes or islets below this, whatever the shape


#: outlines of regions (the shape a reader must recognise)
OUTLINE = Detail()
#: the light basemap under every map (provinces and districts of the whole country)
#: (drawn with ``extent=1``: about 500 m of tolerance, 3 decimals, whatever the shape)
BASEMAP = Detail(tolerance=1 / 200, min_hole=1 / 200, min_part=1 / 300, floor_km2=1.0)


def _km2(geom: BaseGeometry, lat: float) -> float:
    return geom.area * KM_PER_DEGREE**2 * math.cos(math.radians(lat))


def drop_slivers(geom: BaseGeometry, min_hole_km2: float, min_part_km2: float) -> BaseGeometry:
    """Remove holes and islets smaller than the given areas (the largest part always stays)."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and not p.is_empty]
    if not parts:
        return geom
    cos = math.cos(math.radians(geom.centroid.y))  # km² as _km2 computes it: area * K² * cos(lat)
    areas = shapely.area(np.asarray(parts, dtype=object))
    largest = int(np.argmax(areas))  # the first of the largest, as max() would pick
    kept = []
    for i, part in enumerate(parts):
        if i != largest and areas[i] * KM_PER_DEGREE**2 * cos < min_part_km2:
            continue
        rings = list(part.interiors)
        if rings:  # all holes' areas at once (a union can have thousands)
            hole_km2 = shapely.area(shapely.polygons(np.asarray(rings, dtype=object))) * KM_PER_DEGREE**2 * cos
            rings = [ring for ring, km2 in zip(rings, hole_km2) if km2 >= min_hole_km2]
        kept.append(Polygon(part.exterior, rings))
    return kept[0] if len(kept) == 1 else MultiPolygon(kept)


def for_web(geom: BaseGeometry, detail: Detail = OUTLINE, extent: float | None = None) -> tuple[BaseGeometry, int]:
    """``geom`` without slivers, simplified and snapped to a grid (still valid), and the
    number of decimals its coordinates need.

    ``extent`` (degrees) sets the scale; by default the shape's own bounding box.
    """
    if geom.is_empty:
        return geom, 0
    minx, miny, maxx, maxy = geom.bounds
    extent = extent or max(maxx - minx, maxy - miny)
    area = _km2(geom, (miny + maxy) / 2)
    min_hole_km2 = max(detail.floor_km2, area * detail.min_hole)
    min_part_km2 = max(detail.floor_km2, area * detail.min_part)
    geom = drop_slivers(geom, min_hole_km2, min_part_km2)
    tolerance = extent * detail.tolerance
    decimals = decimals_for(tolerance)
    geom = shapely.simplify(geom, tolerance, preserve_topology=True)
    geom = polygonal(shapely.set_precision(geom, 10.0**-decimals))
    # snapping can pinch a narrow neck into a new sliver hole or islet: drop those too
    return drop_slivers(geom, min_hole_km2, min_part_km2), decimals


def decimals_for(tolerance: float) -> int:
    """Digits after the point for a grid at most half the tolerance (no more digits than needed)."""
    return max(0, math.ceil(-math.log10(tolerance / 2)))


def dissolve(shapes: list[BaseGeometry]) -> BaseGeometry:
    """The union of several shapes (four provinces into the Chungcheong union), for drawing.

    Their thousands of sliver holes make the exact union slow (seconds) and are dropped
    when the union is drawn anyway: dropping the tiniest (under ``OUTLINE.floor_km2``) first
    makes it several times faster, with the same drawn outline.
    """
    if len(shapes) == 1:
        return shapes[0]
    floor = OUTLINE.floor_km2
    return polygonal(shapely.union_all([drop_slivers(s, floor, floor) for s in shapes]))


def merge(shapes: list[BaseGeometry], decimals: int) -> BaseGeometry:
    """One shape from neighbours simplified together (districts → province → land).

    Their shared edges are identical, so the union dissolves them and its border follows
    the districts' lines exactly; the slivers where the source shapes never met become
    small holes, which are dropped.
    """
    merged = polygonal(shapely.set_precision(shapely.union_all(shapes), 10.0**-decimals))
    return drop_slivers(merged, min_hole_km2=5.0, min_part_km2=BASEMAP.floor_km2)


@lru_cache(maxsize=4096)
def web_outline(codes: tuple[str, ...]) -> tuple[BaseGeometry, int]:
    """A region's outline as drawn on the maps (and exported): the union of its codes' shapes
    (``dissolve``), without slivers, simplified and rounded; and its number of decimals.
    Cached per set of codes for the life of the process."""
    from .boundaries import boundaries

    return for_web(dissolve(boundaries().shapes(codes)))
