"""Geography as a check: coordinates must lie where the entry says they are.

An institution's ``location`` must lie in the district (sigungu) its entry
names (``location.sigungu``), or else in the area of the regions it belongs to
(their ``admin_codes``: a sido means anywhere in that province, an emd the
district around it). A region's ``centre`` must lie in the region. Otherwise::

    data/institutions/x.yml:12: location: (36.37, 127.36) lies in 대전광역시 유성구, not in 충청남도 아산시

which catches swapped coordinates (two entries' points exchanged, digits
transposed) and wrong places. Every institution's district is also derived
from its coordinates (one spatial join for all of them) and kept on the atlas,
for its profile page. Administrative codes the boundaries do not know are
reported too, since no outline could be drawn for them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..graph import Atlas
from ..load import RawEntry
from ..models import Location
from ..problems import Problem, format_field
from .boundaries import Boundaries, boundaries
from .codes import BASE_DATE, LEVEL_BY_LENGTH


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
        inside = bounds.sigungu_of(code)
        sigungu.update(inside)
        if LEVEL_BY_LENGTH[len(code)] == "emd":  # checked at district level: name the districts
            parents = bounds.parents()
            names.extend(bounds.name(c) for c in inside if c not in parents or len(inside) == 1)
        else:
            names.append(bounds.name(code))
    return Expected(frozenset(sigungu), tuple(dict.fromkeys(names)))


def _region_codes(atlas: Atlas, slug: str) -> list[str]:
    codes = atlas.regions[slug].admin_codes
    return [*codes.sido, *codes.sigungu, *codes.emd]


def _where(lat: float, lon: float) -> str:
    return f"({lat}, {lon})"


def check_locations(atlas: Atlas, raws: Mapping[str, RawEntry]) -> list[Problem]:
    """Check codes and coordinates against the boundaries; fill ``atlas.districts``."""
    bounds = boundaries()
    problems: list[Problem] = []

    for slug in sorted(atlas.regions):
        raw = raws[atlas.paths[slug]]
        codes = atlas.regions[slug].admin_codes
        for level in ("sido", "sigungu", "emd"):
            for i, code in enumerate(getattr(codes, level)):
                if not bounds.knows(code):
                    loc = ("admin_codes", level, i)
                    problems.append(Problem(raw.path, raw.line_of(loc), format_field(loc),
                                            f"no {level} with code {code!r} in the NGII boundaries "
                                            f"(base date {BASE_DATE}; see README, 'Maps')"))

    region_expected: dict[str, Expected | None] = {}

    def expected_in_regions(slugs: list[str]) -> Expected | None:
        parts = []
        for slug in slugs:
            if slug not in atlas.regions:
                continue  # an unresolved reference is reported by the linker
            if slug not in region_expected:
                region_expected[slug] = _expected(bounds, _region_codes(atlas, slug))
            if region_expected[slug] is not None:
                parts.append(region_expected[slug])
        if not parts:
            return None
        return Expected(frozenset().union(*(p.codes for p in parts)),
                        tuple(dict.fromkeys(name for p in parts for name in p.names)))

    # every point to place: (slug, field, location, what it should lie in)
    points: list[tuple[str, str, Location, list[Expected]]] = []
    for slug in sorted(atlas.institutions):
        inst = atlas.institutions[slug]
        wanted = []
        if inst.location.sigungu:
            wanted.append(_expected(bounds, [inst.location.sigungu]))
            if wanted[-1] is None:
                raw = raws[atlas.paths[slug]]
                loc = ("location", "sigungu")
                problems.append(Problem(raw.path, raw.line_of(loc), format_field(loc),
                                        f"no sigungu with code {inst.location.sigungu!r} in the NGII boundaries "
                                        f"(base date {BASE_DATE}; see README, 'Maps')"))
        wanted.append(expected_in_regions(inst.regions))
        points.append((slug, "location", inst.location, [w for w in wanted if w is not None]))
    for slug in sorted(atlas.regions):
        region = atlas.regions[slug]
        if region.centre is not None:
            points.append((slug, "centre", region.centre, [w for w in [expected_in_regions([slug])] if w]))

    found = bounds.districts_at([(p[2].lat, p[2].lon) for p in points])
    for (slug, field, location, wanted), codes in zip(points, found):
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
            break
        else:
            if district is None:
                raw = raws[atlas.paths[slug]]
                problems.append(Problem(raw.path, raw.line_of((field,)), field,
                                        f"{_where(location.lat, location.lon)} lies outside South Korea"))
    return problems
