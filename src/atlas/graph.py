"""The linked atlas: every entry by slug, with the links derived both ways.

Contributors write each link once (an event names its participants; an
institution names its regions). ``Atlas`` holds those entries and the reverse
links computed from them, so that a template can ask an institution for its
events without anyone having written that list.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from .models import Event, Industry, Institution, Model, Programme, Region, Source

if TYPE_CHECKING:
    from .geo.boundaries import District


@dataclass
class Atlas:
    regions: dict[str, Region] = field(default_factory=dict)
    institutions: dict[str, Institution] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    industries: dict[str, Industry] = field(default_factory=dict)
    # file each entry was read from (relative path), by slug
    paths: dict[str, str] = field(default_factory=dict)
    # district (sigungu) each institution lies in, from its coordinates (``atlas.geo.check``), by slug
    districts: dict[str, "District"] = field(default_factory=dict)

    # derived links, filled by ``atlas.link.derive``; each list is sorted
    children: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    region_institutions: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    region_events: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    region_programmes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    institution_events: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=lambda: defaultdict(list))
    institution_programmes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    institution_members: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    institution_units: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    event_parts: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    programme_events: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    industry_entries: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # projects and targets that name a region: (programme slug, number of the item in it, from 1)
    region_projects: dict[str, list[tuple[str, int]]] = field(default_factory=lambda: defaultdict(list))
    region_targets: dict[str, list[tuple[str, int]]] = field(default_factory=lambda: defaultdict(list))
    source_citations: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def table(self, entry_type: str) -> dict[str, Model]:
        return {
            "region": self.regions,
            "institution": self.institutions,
            "event": self.events,
            "programme": self.programmes,
            "source": self.sources,
            "industry": self.industries,
        }[entry_type]

    def get(self, slug: str) -> Model | None:
        for table in (self.regions, self.institutions, self.events, self.programmes, self.sources, self.industries):
            if slug in table:
                return table[slug]
        return None

    def all_entries(self) -> list[Model]:
        out: list[Model] = []
        for table in (self.regions, self.institutions, self.events, self.programmes, self.sources, self.industries):
            out.extend(table[slug] for slug in sorted(table))
        return out

    # -- questions templates ask -------------------------------------------

    def ancestors(self, slug: str) -> list[str]:
        """Parent, grandparent, ... of a region (nearest first)."""
        out = []
        parent = self.regions[slug].parent
        while parent and parent not in out:
            out.append(parent)
            parent = self.regions[parent].parent
        return out

    def descendants(self, slug: str) -> list[str]:
        out: list[str] = []
        seen: set[str] = set()
        stack = list(reversed(self.children.get(slug, [])))
        while stack:
            child = stack.pop()
            if child in seen:
                continue
            seen.add(child)
            out.append(child)
            stack.extend(reversed(self.children.get(child, [])))
        return out

    def events_in_order(self, slugs: list[str] | None = None) -> list[Event]:
        """Events by date (oldest first), then slug, for timelines."""
        chosen = self.events.values() if slugs is None else [self.events[s] for s in slugs]
        return sorted(chosen, key=lambda e: (e.date, e.slug))

    def region_tree_events(self, slug: str) -> list[Event]:
        """Events of a region and of every region inside it, by date."""
        slugs = set(self.region_events.get(slug, []))
        for child in self.descendants(slug):
            slugs.update(self.region_events.get(child, []))
        return self.events_in_order(sorted(slugs))

    def region_tree_institutions(self, slug: str) -> list[str]:
        found = set(self.region_institutions.get(slug, []))
        for child in self.descendants(slug):
            found.update(self.region_institutions.get(child, []))
        return sorted(found)

    def region_tree_programmes(self, slug: str) -> list[str]:
        found = set(self.region_programmes.get(slug, []))
        for child in self.descendants(slug):
            found.update(self.region_programmes.get(child, []))
        return sorted(found)

    def region_tree_items(self, slug: str, kind: str) -> list[tuple[str, int]]:
        """Projects (``kind="projects"``) or targets (``"targets"``) naming a region or a region inside
        it: (programme slug, number from 1), by programme then number."""
        mapping = self.region_projects if kind == "projects" else self.region_targets
        found = set(mapping.get(slug, []))
        for child in self.descendants(slug):
            found.update(mapping.get(child, []))
        return sorted(found)
