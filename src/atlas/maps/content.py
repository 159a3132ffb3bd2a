"""What each map shows, as plain data.

The map HTML and the text equivalent printed beside it are both made from
these lists, so the list a screen reader gets is exactly what the map draws.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..graph import Atlas
from ..models import INSTITUTION_TYPES


def region_codes(atlas: Atlas, slug: str) -> tuple[str, ...]:
    """The region's administrative codes the boundaries know (the ones its outline is drawn from)."""
    from ..geo.boundaries import boundaries

    codes = atlas.regions[slug].admin_codes
    known = boundaries().knows
    return tuple(c for c in (*codes.sido, *codes.sigungu, *codes.emd) if known(c))


@dataclass(frozen=True)
class Place:
    """A marker: an institution of the region, or a venue of the region's events."""

    slug: str
    kind: str  # institution type, e.g. "university"
    lat: float
    lon: float
    events: tuple[str, ...] = ()  # events held here (venue), oldest first


@dataclass
class RegionMap:
    slug: str
    children: list[str] = field(default_factory=list)  # regions drawn inside, outermost first
    institutions: list[Place] = field(default_factory=list)
    venues: list[Place] = field(default_factory=list)  # venues that are not institutions of the region

    @property
    def outlines(self) -> list[str]:
        return [self.slug, *self.children]

    def institutions_by_kind(self) -> list[tuple[str, list[Place]]]:
        groups = []
        for kind in INSTITUTION_TYPES:
            group = [p for p in self.institutions if p.kind == kind]
            if group:
                groups.append((kind, group))
        return groups


@dataclass
class OverviewMap:
    clusters: list[str] = field(default_factory=list)


def _venue_events(atlas: Atlas, event_slugs: list[str]) -> dict[str, list[str]]:
    held: dict[str, list[str]] = {}
    for slug in event_slugs:
        venue = atlas.events[slug].venue
        if venue and venue in atlas.institutions:
            held.setdefault(venue, []).append(slug)
    return held


def region_map(atlas: Atlas, slug: str) -> RegionMap:
    """The region's outline, its descendants' outlines, its institutions and its events' venues."""
    events = [e.slug for e in atlas.region_tree_events(slug)]  # by date
    held = _venue_events(atlas, events)
    members = atlas.region_tree_institutions(slug)

    def place(inst_slug: str) -> Place:
        inst = atlas.institutions[inst_slug]
        return Place(inst_slug, inst.kind, inst.location.lat, inst.location.lon, tuple(held.get(inst_slug, ())))

    content = RegionMap(slug, children=atlas.descendants(slug))
    content.institutions = [place(s) for s in sorted(members)]
    content.venues = [place(s) for s in sorted(set(held) - set(members))]
    return content


def overview_map(atlas: Atlas) -> OverviewMap:
    return OverviewMap(sorted(slug for slug, region in atlas.regions.items() if region.is_cluster))
