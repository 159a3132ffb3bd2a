"""Data behind the timeline's filters: events with their regions and industries.

The timeline page lists every event as plain Markdown (usable without
JavaScript); ``assets/atlas-timeline.js`` reads this file to offer filters by
region (a region includes the regions inside it) and by industry.
"""
from __future__ import annotations

from ..formats import json_text

from ..graph import Atlas


def timeline_data(atlas: Atlas, lang: str) -> dict:
    def name(entry) -> str:
        return (entry.name.en or entry.name.ko) if lang == "en" else entry.name.ko

    used_regions = {r for e in atlas.events.values() for r in e.regions}
    regions = []
    for slug in sorted(atlas.regions):
        covers = [slug] + atlas.descendants(slug)
        if used_regions.intersection(covers):
            regions.append({"slug": slug, "name": name(atlas.regions[slug]), "covers": covers})
    used_industries = sorted({i for e in atlas.events.values() for i in e.industries})
    return {
        "regions": sorted(regions, key=lambda r: (r["name"], r["slug"])),
        "industries": sorted(({"slug": s, "name": name(atlas.industries[s])} for s in used_industries),
                             key=lambda i: (i["name"], i["slug"])),
        "events": [
            {"slug": e.slug, "date": e.date, "regions": e.regions, "industries": e.industries}
            for e in atlas.events_in_order()
        ],
    }


def timeline_json(atlas: Atlas, lang: str) -> str:
    return json_text(timeline_data(atlas, lang), indent=1)
