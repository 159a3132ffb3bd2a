"""Geography as a check: coordinates must lie where the entry says they are.

An institution's ``location`` must lie in the district (sigungu) its entry names
(``location.sigungu``), or else in the area of the regions it belongs to (their ``admin_codes``:
a sido means anywhere in that province, a sigungu that district). A region's ``centre`` must lie
in the region. Otherwise::

    data/institutions/x.yml:12: location: (36.37, 127.36) lies in 대전광역시 유성구, not in 충청남도 아산시

A region of kind ``cluster``, or any region drawn from neighbourhoods (emd codes), is smaller than
the districts around it: an institution naming it must lie inside its outline (within
``TOLERANCE_KM`` of it, for generalised coasts)::

    data/institutions/kaist.yml:14: location: (36.48, 127.289) lies 6.3 km outside 대덕연구개발특구
    (its nearest point (36.42467, 127.30350)); it is in 세종특별자치시 보람동

which catches swapped coordinates (two entries' points exchanged, digits transposed) and wrong
places. Every institution's district is derived from its coordinates (one spatial join for all
of them) and kept on the atlas, for its profile page, under today's code and name. Codes that
are not valid today, or that the boundaries cannot draw, are reported too.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping

import shapely

from ..graph import Atlas
from ..load import RawEntry
from ..models import Location, Region
from ..problems import Problem, format_field
from .admin import admin_layer
from .boundaries import Boundaries, boundaries
from .codes import LEVEL_BY_LENGTH

#: how far outside a cluster's outline a point may lie (generalised coasts, new reclaimed land)
TOLERANCE_KM = 1.0
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Expected:
    """Where a point should be: the sigungu codes it may lie in, and how to name them."""

    codes: frozenset[str]
    names: tuple[str, ...]

    def describe(self) -> str:
        if len(self.names) == 1:
            return self.names[0]
        return ", ".join(self.names[:-1]) + " or " + self.names[-1]


def _expected(bounds: Boundaries, codes: list[str]) -> Expected | None:
    known = [c for c in codes if bounds.knows(c)]
    if not known:
        return None
    sigungu: set[str] = set()
    names: list[str] = []
    for code in known:
        sigungu.update(bounds.sigungu_of(code))
        if LEVEL_BY_LENGTH[len(code)] == "emd":  # its district is where the point may be
            names.append(bounds.name(code[:5]))
        else:
            names.append(bounds.name(code))
    return Expected(frozenset(sigungu), tuple(dict.fromkeys(names)))


def _region_codes(region: Region) -> list[str]:
    codes = region.admin_codes
    return [*codes.sido, *codes.sigungu, *codes.emd]


def checks_outline(region: Region) -> bool:
    """Whether members of ``region`` are checked against its outline (a cluster, or neighbourhoods)."""
    return region.kind == "cluster" or bool(region.admin_codes.emd)


def _where(lat: float, lon: float) -> str:
    return f"({lat}, {lon})"


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _code_problems(atlas: Atlas, raws: Mapping[str, RawEntry]) -> list[Problem]:
    layer = admin_layer()
    problems = []
    for slug in sorted(atlas.regions):
        raw = raws[atlas.paths[slug]]
        codes = atlas.regions[slug].admin_codes
        for level in ("sido", "sigungu", "emd"):
            for i, code in enumerate(getattr(codes, level)):
                message = layer.problem(code)
                if message:
                    loc = ("admin_codes", level, i)
                    problems.append(Problem(raw.path, raw.line_of(loc), format_field(loc), message))
    for slug in sorted(atlas.institutions):
        code = atlas.institutions[slug].location.sigungu
        message = layer.problem(code) if code else None
        if message:
            raw = raws[atlas.paths[slug]]
            loc = ("location", "sigungu")
            problems.append(Problem(raw.path, raw.line_of(loc), format_field(loc), message))
    return problems


def _place_name(bounds: Boundaries, emd: tuple[str, ...], district_name: str | None) -> str:
    """The most precise name of today for a point found in snapshot ``emd`` units."""
    today = {t for s in emd for t in admin_layer().today_of_emd(s)}
    if len(today) == 1:
        return bounds.name(today.pop())
    return district_name or "no district (outside South Korea)"


def check_locations(atlas: Atlas, raws: Mapping[str, RawEntry], cache: dict | None = None) -> list[Problem]:
    """Check codes and coordinates against the boundaries; fill ``atlas.districts``. ``cache``: the
    districts found for points before, ``{(lat, lon): codes}`` (kept by a preview between edits;
    only new points are looked up)."""
    bounds = boundaries()
    problems = _code_problems(atlas, raws)

    region_expected: dict[str, Expected | None] = {}

    def expected_in_regions(slugs: list[str]) -> Expected | None:
        parts = []
        for slug in slugs:
            if slug not in atlas.regions:
                continue  # an unresolved reference is reported by the linker
            if slug not in region_expected:
                region_expected[slug] = _expected(bounds, _region_codes(atlas.regions[slug]))
            if region_expected[slug] is not None:
                parts.append(region_expected[slug])
        if not parts:
            return None
        return Expected(frozenset().union(*(p.codes for p in parts)),
                        tuple(dict.fromkeys(name for p in parts for name in p.names)))

    # every point to place: (slug, field, location, districts it should lie in, regions whose outline it must be in)
    points: list[tuple[str, str, Location, list[Expected], list[str]]] = []
    for slug in sorted(atlas.institutions):
        inst = atlas.institutions[slug]
        wanted = []
        if inst.location.sigungu:
            wanted.append(_expected(bounds, [inst.location.sigungu]))
        named = [s for s in inst.regions if s in atlas.regions]
        outlined = [s for s in named if checks_outline(atlas.regions[s]) and bounds.knows_all(_region_codes(atlas.regions[s]))]
        others = [s for s in named if s not in outlined]
        if others or not outlined:
            wanted.append(expected_in_regions(others))
        points.append((slug, "location", inst.location, [w for w in wanted if w is not None], outlined))
    for slug in sorted(atlas.regions):
        region = atlas.regions[slug]
        if region.centre is not None:
            points.append((slug, "centre", region.centre, [w for w in [expected_in_regions([slug])] if w], []))

    found = _districts_at(bounds, [(p[2].lat, p[2].lon) for p in points], cache)
    failed: set[int] = set()
    for i, ((slug, field, location, wanted, _), codes) in enumerate(zip(points, found)):
        district = bounds.district(codes)
        if field == "location" and district is not None:
            atlas.districts[slug] = district
        for expected in wanted:
            if expected.codes.intersection(codes):
                continue
            raw = raws[atlas.paths[slug]]
            where = f"lies in {district.name}" if district else "lies outside South Korea"
            problems.append(Problem(raw.path, raw.line_of((field,)), field,
                                    f"{_where(location.lat, location.lon)} {where}, not in {expected.describe()}"))
            failed.add(i)
            break
        else:
            if district is None:
                raw = raws[atlas.paths[slug]]
                problems.append(Problem(raw.path, raw.line_of((field,)), field,
                                        f"{_where(location.lat, location.lon)} lies outside South Korea"))
                failed.add(i)
    problems.extend(_outline_problems(atlas, raws, bounds, points, found, failed))
    return problems


def _districts_at(bounds: Boundaries, points: list[tuple[float, float]], cache: dict | None) -> list[tuple[str, ...]]:
    if cache is None:
        return bounds.districts_at(points)
    new = sorted({point for point in points if point not in cache})
    if new:
        cache.update(zip(new, bounds.districts_at(new)))
    return [cache[point] for point in points]


def _outline_problems(atlas: Atlas, raws: Mapping[str, RawEntry], bounds: Boundaries, points: list,
                      found: list[tuple[str, ...]], failed: set[int]) -> list[Problem]:
    """Members of clusters against the clusters' outlines: one vectorised test per region."""
    by_region: dict[str, list[int]] = {}
    for i, point in enumerate(points):
        if i not in failed:
            for slug in point[4]:
                by_region.setdefault(slug, []).append(i)
    problems: list[Problem] = []
    reported: set[int] = set()
    for slug in sorted(by_region):
        region = atlas.regions[slug]
        outline = bounds.outline(_region_codes(region))
        if outline.is_empty:
            continue
        shapely.prepare(outline)
        members = by_region[slug]
        lats = [points[i][2].lat for i in members]
        lons = [points[i][2].lon for i in members]
        inside = shapely.contains_xy(outline, lons, lats)
        for i, ok in zip(members, inside.tolist()):
            if ok or i in reported:
                continue
            location = points[i][2]
            nearest = shapely.shortest_line(shapely.Point(location.lon, location.lat), outline).coords[-1]
            km = _km(location.lat, location.lon, nearest[1], nearest[0])
            if km <= TOLERANCE_KM:
                continue
            district = bounds.district(found[i])
            (emd,) = bounds.emd_at([(location.lat, location.lon)])
            place = _place_name(bounds, emd, district.name if district else None)
            raw = raws[atlas.paths[points[i][0]]]
            problems.append(Problem(
                raw.path, raw.line_of(("location",)), "location",
                f"{_where(location.lat, location.lon)} lies {km:.1f} km outside {region.name.ko} "
                f"(its nearest point ({nearest[1]:.5f}, {nearest[0]:.5f})); it is in {place}"))
            reported.add(i)
    return problems
