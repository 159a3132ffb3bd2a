"""The numbers of the atlas' panels and charts, counted from the linked atlas.

Every figure is a count of entries, told beside the same count for what it is compared with
(Census Reporter's way): a region with its parent region (the whole atlas for a region without
one), an institution's events with those of its first region, a programme's targets with every
programme's. A region always includes the regions inside it, as everywhere in the atlas.

What is compared (``Figure.measure``):

* ``count`` — the number here against the number there. A region is part of its parent, so its
  count is a part of the parent's ("a third of 충청남도's").
* ``share`` — institutions by type: each type's share of the region's institutions against its
  share of the parent's ("about 1.5 times the share in 충청남도"): counts alone would only say that
  a part is smaller than the whole.

Pages, the compare page's data, the charts' CSV files and embeds all read their numbers here.
Everything is read from the ``Atlas`` object (its tables and derived links), so the preview knows
which pages an edit touches (``atlas.work.invalidation``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from .graph import Atlas
from .models import INSTITUTION_TYPES, ROLES
from .targets import STATUSES, target_status

#: events per year: at most this many years, the latest (older years are in the entries' CSV)
MAX_YEARS = 12
#: the charts of each kind of page, in the order the page shows them
REGION_CHARTS = ("institutions-by-type", "events-per-year", "targets-by-status")
INSTITUTION_CHARTS = ("events-per-year",)
PROGRAMME_CHARTS = ("targets-by-status",)
ALL_TARGETS_CHART = "targets-by-status"


@dataclass(frozen=True)
class Figure:
    """One chart's numbers: a value per key here and, when compared, there."""

    chart: str  # its name in addresses: institutions-by-type, events-per-year, targets-by-status, roles
    measure: str  # "count" or "share" (see the module)
    keys: tuple[str, ...]  # vocabulary values (types, statuses, roles) or years
    here: tuple[int, ...]
    other: Optional[tuple[int, ...]] = None  # None: nothing to compare with
    other_slug: Optional[str] = None  # the region compared with; None with `other`: the whole atlas
    truncated: bool = False  # events per year: older years left out

    @property
    def compared(self) -> bool:
        return self.other is not None

    def rows(self) -> list[tuple[str, int, Optional[int]]]:
        other = self.other or (None,) * len(self.keys)
        return list(zip(self.keys, self.here, other))


@dataclass(frozen=True)
class Headline:
    """A total beside the same total there: institutions, events, programmes, targets."""

    name: str
    here: int
    other: Optional[int]


def comparison_region(atlas: Atlas, slug: str) -> Optional[str]:
    """The region a region is compared with: its parent (None: the whole atlas)."""
    parent = atlas.regions[slug].parent
    return parent if parent in atlas.regions else None


# -- what belongs to a region (the regions inside it included), or to the whole atlas (None) ------

def institutions_of(atlas: Atlas, region: Optional[str]) -> list[str]:
    return sorted(atlas.institutions) if region is None else atlas.region_tree_institutions(region)


def events_of(atlas: Atlas, region: Optional[str]) -> list[str]:
    if region is None:
        return sorted(atlas.events)
    return [e.slug for e in atlas.region_tree_events(region)]


def programmes_of(atlas: Atlas, region: Optional[str]) -> list[str]:
    return sorted(atlas.programmes) if region is None else atlas.region_tree_programmes(region)


def targets_of(atlas: Atlas, region: Optional[str]) -> list[tuple[str, int]]:
    """(programme, number from 1) of the targets of a region: every target of its programmes, and
    targets of other programmes that name it (or a region inside it)."""
    found = {(slug, n) for slug in programmes_of(atlas, region)
             for n in range(1, len(atlas.programmes[slug].targets) + 1)}
    if region is not None:
        found.update(atlas.region_tree_items(region, "targets"))
    return sorted(found)


def status_counts(atlas: Atlas, items: list[tuple[str, int]], reference: dt.date) -> tuple[int, ...]:
    counts = dict.fromkeys(STATUSES, 0)
    for slug, n in items:
        programme = atlas.programmes[slug]
        counts[target_status(programme.targets[n - 1], programme.start, reference).status] += 1
    return tuple(counts[s] for s in STATUSES)


def _type_counts(atlas: Atlas, slugs: list[str]) -> dict[str, int]:
    counts = dict.fromkeys(INSTITUTION_TYPES, 0)
    for slug in slugs:
        counts[atlas.institutions[slug].kind] += 1
    return counts


def _year_counts(atlas: Atlas, slugs: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for slug in slugs:
        year = atlas.events[slug].date[:4]
        counts[year] = counts.get(year, 0) + 1
    return counts


def _years(*counts: dict[str, int]) -> tuple[tuple[str, ...], bool]:
    """Every year from the first to the last with an event (at most the latest MAX_YEARS)."""
    years = sorted({y for c in counts for y, n in c.items() if n})
    if not years:
        return (), False
    first, last = int(years[0]), int(years[-1])
    start = max(first, last - MAX_YEARS + 1)
    return tuple(str(y) for y in range(start, last + 1)), start > first


def _figure(chart: str, measure: str, keys, here: dict, other: Optional[dict], other_slug: Optional[str],
            truncated: bool = False) -> Figure:
    return Figure(chart, measure, tuple(keys), tuple(here.get(k, 0) for k in keys),
                  None if other is None else tuple(other.get(k, 0) for k in keys), other_slug, truncated)


# -- regions ----------------------------------------------------------------------------------

def region_headlines(atlas: Atlas, slug: str) -> list[Headline]:
    other = comparison_region(atlas, slug)
    return [Headline(name, len(of(atlas, slug)), len(of(atlas, other)))
            for name, of in (("institutions", institutions_of), ("events", events_of),
                             ("programmes", programmes_of), ("targets", targets_of))]


def region_figure(atlas: Atlas, slug: str, chart: str, reference: dt.date) -> Figure:
    other = comparison_region(atlas, slug)
    if chart == "institutions-by-type":
        here, there = _type_counts(atlas, institutions_of(atlas, slug)), _type_counts(atlas, institutions_of(atlas, other))
        keys = [k for k in INSTITUTION_TYPES if here[k] or there[k]]
        return _figure(chart, "share", keys, here, there, other)
    if chart == "events-per-year":
        here, there = _year_counts(atlas, events_of(atlas, slug)), _year_counts(atlas, events_of(atlas, other))
        keys, truncated = _years(here, there)
        return _figure(chart, "count", keys, here, there, other, truncated)
    if chart == "targets-by-status":
        here = dict(zip(STATUSES, status_counts(atlas, targets_of(atlas, slug), reference)))
        there = dict(zip(STATUSES, status_counts(atlas, targets_of(atlas, other), reference)))
        return _figure(chart, "count", [k for k in STATUSES if here[k] or there[k]], here, there, other)
    raise KeyError(chart)


# -- institutions, programmes, all targets ---------------------------------------------------

def institution_region(atlas: Atlas, slug: str) -> Optional[str]:
    """The region an institution's events are compared with: the first it names."""
    return next((r for r in atlas.institutions[slug].regions if r in atlas.regions), None)


def institution_charts(atlas: Atlas, slug: str) -> tuple[str, ...]:
    return INSTITUTION_CHARTS if atlas.institution_events.get(slug) else ()


def institution_figure(atlas: Atlas, slug: str, chart: str) -> Figure:
    if chart != "events-per-year":
        raise KeyError(chart)
    region = institution_region(atlas, slug)
    here = _year_counts(atlas, [event for event, _ in atlas.institution_events.get(slug, [])])
    there = _year_counts(atlas, events_of(atlas, region))
    keys, truncated = _years(here, there)
    return _figure(chart, "count", keys, here, there, region, truncated)


def institution_roles(atlas: Atlas, slug: str) -> list[tuple[str, int]]:
    """(role, number of events in which it had it), in the vocabulary's order; a venue counts as a role."""
    counts: dict[str, int] = {}
    for _, roles in atlas.institution_events.get(slug, []):
        for role in roles:
            counts[role] = counts.get(role, 0) + 1
    return [(role, counts[role]) for role in (*ROLES, "venue") if counts.get(role)]


def programme_charts(atlas: Atlas, slug: str) -> tuple[str, ...]:
    return PROGRAMME_CHARTS if atlas.programmes[slug].targets else ()


def programme_figure(atlas: Atlas, slug: str, chart: str, reference: dt.date) -> Figure:
    if chart != "targets-by-status":
        raise KeyError(chart)
    mine = [(slug, n) for n in range(1, len(atlas.programmes[slug].targets) + 1)]
    here = dict(zip(STATUSES, status_counts(atlas, mine, reference)))
    there = dict(zip(STATUSES, status_counts(atlas, targets_of(atlas, None), reference)))
    return _figure(chart, "count", [k for k in STATUSES if here[k] or there[k]], here, there, None)


def all_targets_figure(atlas: Atlas, reference: dt.date) -> Figure:
    here = dict(zip(STATUSES, status_counts(atlas, targets_of(atlas, None), reference)))
    return _figure(ALL_TARGETS_CHART, "count", [k for k in STATUSES if here[k]], here, None, None)


def charts_of(atlas: Atlas, entry_type: str, slug: str) -> tuple[str, ...]:
    """The charts an entry's page shows (each has an embed page and a CSV file)."""
    if entry_type == "region":
        return REGION_CHARTS
    if entry_type == "institution":
        return institution_charts(atlas, slug)
    if entry_type == "programme":
        return programme_charts(atlas, slug)
    return ()


def entry_figure(atlas: Atlas, entry_type: str, slug: str, chart: str, reference: dt.date) -> Figure:
    if entry_type == "region":
        return region_figure(atlas, slug, chart, reference)
    if entry_type == "institution":
        return institution_figure(atlas, slug, chart)
    return programme_figure(atlas, slug, chart, reference)
