"""schema.org JSON-LD for sharing: what search engines and link previews read.

Each entry page describes two nodes (``@graph``): the thing itself — a Place or
AdministrativeArea (regions), an Organization subtype (institutions), an Event,
a CreativeWork (programmes, sources), a DefinedTerm (industries) — and the
WebPage about it (last change, licence, the sources it cites, its breadcrumb trail). The Downloads page
is a Dataset, the home page the WebSite.

``script_json`` writes JSON safe inside ``<script type="application/ld+json">``
(``atlas.formats.json_in_html``: a contributor's ``</script>`` stays text). Keys are sorted: the
same input gives the same bytes.
"""
from __future__ import annotations

from ..formats import json_in_html
from ..graph import Atlas
from ..models import Model, Text
from ..render.breadcrumbs import trail
from .records import ATLAS_NAME, ATLAS_NAME_BOTH, DATA_LICENCE
from .urls import absolute, page_url

CONTEXT = "https://schema.org"

INSTITUTION_TYPES = {
    "university": "CollegeOrUniversity",
    "research-institute": "ResearchOrganization",
    "public-agency": "GovernmentOrganization",
    "company": "Corporation",
    "government": "GovernmentOrganization",
    "legislature": "GovernmentOrganization",
    "council": "Organization",
    "association": "Organization",
    "hospital": "Hospital",
    "industrial-complex": "Place",
}
PLACE_TYPES = ("Place", "Hospital")  # institution types that take geo/address themselves
ORGANISER_ROLES = ("organiser", "host", "co-organiser")
script_json = json_in_html  # compact, sorted JSON that cannot end a <script> element or start markup


def _t(value: Text | None, lang: str) -> str:
    if value is None:
        return ""
    return " ".join((value.ko if lang == "ko" else (value.en or value.ko)).split())


def _other_names(entry: Model, lang: str) -> list[str]:
    name = _t(entry.name, lang)
    others = [entry.name.ko, entry.name.en or "", *getattr(entry, "short_names", [])]
    return sorted({n for n in others if n and n != name})


def _geo(lat: float, lon: float) -> dict:
    return {"@type": "GeoCoordinates", "latitude": round(lat, 6), "longitude": round(lon, 6)}


class JsonLd:
    """JSON-LD of the pages of one language (``prefix`` "" or "en/")."""

    def __init__(self, atlas: Atlas, site_url: str | None, updated: dict[str, str], lang: str, prefix: str):
        self.atlas, self.site_url, self.updated, self.lang, self.prefix = atlas, site_url, updated, lang, prefix

    def url(self, entry_type: str, slug: str) -> str:
        return absolute(self.site_url, page_url(entry_type, slug, self.prefix))

    def ref(self, slug: str) -> dict:
        """A short node for a linked entry: type, @id, name, url."""
        entry = self.atlas.get(slug)
        node = self._node(entry)
        return {k: node[k] for k in ("@type", "@id", "name", "url")}

    def _node(self, entry: Model) -> dict:
        url = self.url(entry.type, entry.slug)
        kind = {
            "region": lambda e: "Place" if e.is_cluster else "AdministrativeArea",
            "institution": lambda e: INSTITUTION_TYPES[e.kind],
            "event": lambda e: "Event",
            "programme": lambda e: "CreativeWork",
            "source": lambda e: "CreativeWork",
            "industry": lambda e: "DefinedTerm",
        }[entry.type](entry)
        name = _t(entry.title if entry.type == "source" else entry.name, self.lang)
        return {"@type": kind, "@id": url + "#entity", "name": name, "url": url, "mainEntityOfPage": {"@id": url}}

    # -- one function per entry type -------------------------------------------------

    def region(self, region) -> dict:
        node = self._node(region)
        node["alternateName"] = _other_names(region, self.lang)
        node["description"] = _t(region.summary, self.lang)
        if region.centre:
            node["geo"] = _geo(region.centre.lat, region.centre.lon)
        if region.parent:
            node["containedInPlace"] = self.ref(region.parent)
        children = self.atlas.children.get(region.slug, [])
        if children:
            node["containsPlace"] = [self.ref(c) for c in children]
        codes = region.admin_codes
        node["identifier"] = [{"@type": "PropertyValue", "propertyID": f"NGII {level}", "value": code}
                              for level in ("sido", "sigungu", "emd") for code in getattr(codes, level)]
        return node

    def _location(self, inst) -> dict:
        place: dict = {"@type": "Place", "geo": _geo(inst.location.lat, inst.location.lon)}
        if inst.location.address:
            place["address"] = {"@type": "PostalAddress", "streetAddress": _t(inst.location.address, self.lang),
                                "addressCountry": "KR"}
        district = self.atlas.districts.get(inst.slug)
        if district is not None:  # today's district, from the coordinates
            place["containedInPlace"] = {"@type": "AdministrativeArea", "name": district.name,
                                         "identifier": district.code}
        return place

    def institution(self, inst) -> dict:
        node = self._node(inst)
        node["alternateName"] = _other_names(inst, self.lang)
        node["description"] = _t(inst.description, self.lang)
        location = self._location(inst)
        if node["@type"] in PLACE_TYPES:
            node.update({k: v for k, v in location.items() if k != "@type"})
        else:
            node["location"] = location
            if "address" in location:
                node["address"] = location["address"]
        if inst.website:
            node["sameAs"] = [inst.website]
        if inst.parent:
            node["parentOrganization"] = self.ref(inst.parent)
        if inst.member_of:
            node["memberOf"] = [self.ref(m.of) for m in inst.member_of]
        return node

    def event(self, event) -> dict:
        node = self._node(event)
        node["description"] = _t(event.summary, self.lang)
        node["startDate"] = event.date
        if event.end_date:
            node["endDate"] = event.end_date
        if event.venue:
            venue = self.atlas.institutions[event.venue]
            place = {**self._location(venue), "name": _t(venue.name, self.lang),
                     "url": self.url("institution", venue.slug)}
            if event.venue_detail:
                place["description"] = _t(event.venue_detail, self.lang)
            node["location"] = place
        else:
            node["location"] = [self.ref(r) for r in event.regions]
        organisers = list(dict.fromkeys(p.institution for p in event.participants if p.role in ORGANISER_ROLES))
        if organisers:
            node["organizer"] = [self.ref(s) for s in organisers]
        others = list(dict.fromkeys(p.institution for p in event.participants if p.role not in ORGANISER_ROLES))
        if others:
            node["attendee"] = [self.ref(s) for s in others]
        if event.part_of:
            node["superEvent"] = self.ref(event.part_of)
        parts = self.atlas.event_parts.get(event.slug, [])
        if parts:
            node["subEvent"] = [self.ref(s) for s in parts]
        node["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
        return node

    def programme(self, prog) -> dict:
        node = self._node(prog)
        node["description"] = _t(prog.summary, self.lang)
        node["spatialCoverage"] = [self.ref(r) for r in prog.regions]
        if prog.owners:
            node["creator"] = [self.ref(o) for o in prog.owners]
        if prog.start or prog.end:
            node["temporalCoverage"] = f"{prog.start or '..'}/{prog.end or '..'}"
        return node

    def source(self, source) -> dict:
        node = self._node(source)
        node["headline"] = node["name"]
        node["publisher"] = {"@type": "Organization", "name": _t(source.outlet, self.lang)}
        if source.reporter:
            node["author"] = {"@type": "Person", "name": source.reporter}
        node["datePublished"] = source.published
        if source.updated:
            node["dateModified"] = source.updated
        node["inLanguage"] = source.language
        if source.url:
            node["sameAs"] = [source.url]
        return node

    def industry(self, industry) -> dict:
        node = self._node(industry)
        node["alternateName"] = _other_names(industry, self.lang)
        node["inDefinedTermSet"] = absolute(self.site_url, f"{self.prefix}industries/")
        return node

    def _source_work(self, slug: str) -> dict:
        source = self.atlas.sources[slug]
        work = {"@type": "CreativeWork", "name": _t(source.title, self.lang), "datePublished": source.published,
                "publisher": {"@type": "Organization", "name": _t(source.outlet, self.lang)}}
        if source.url:
            work["url"] = source.url
        return work

    def website(self) -> dict:
        return {"@type": "WebSite", "@id": absolute(self.site_url, ""), "url": absolute(self.site_url, self.prefix),
                "name": ATLAS_NAME_BOTH, "alternateName": [ATLAS_NAME["ko"], ATLAS_NAME["en"]],
                "inLanguage": self.lang, "license": DATA_LICENCE["path"]}

    def entry_page(self, entry: Model) -> dict:
        """The ``@graph`` of an entry's page: the thing, and the page about it."""
        thing = getattr(self, entry.type)(entry)
        url = thing["url"]
        page = {
            "@type": "WebPage",
            "@id": url,
            "url": url,
            "name": thing["name"],
            "inLanguage": self.lang,
            "isPartOf": {"@id": absolute(self.site_url, "")},
            "mainEntity": {"@id": thing["@id"]},
            "license": DATA_LICENCE["path"],
        }
        if self.updated.get(entry.slug):
            page["dateModified"] = self.updated[entry.slug]
        if entry.type != "source":
            page["citation"] = [self._source_work(s) for s in getattr(entry, "sources", [])]
        page["breadcrumb"] = self.breadcrumb(entry)
        return {"@context": CONTEXT, "@graph": [thing, page, self.website()]}

    def breadcrumb(self, entry: Model) -> dict:
        """The page's trail (``atlas.render.breadcrumbs``, the one printed above it) as a BreadcrumbList."""
        return {"@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": i, "name": crumb.name, "item": absolute(self.site_url, crumb.path)}
            for i, crumb in enumerate(trail(self.atlas, entry, self.lang, self.prefix), start=1)]}

    def home(self) -> dict:
        return {"@context": CONTEXT, **self.website()}

    def dataset(self, name: str, description: str, url: str, distribution: list[dict]) -> dict:
        dates = sorted(e.date for e in self.atlas.events.values())
        node = {
            "@context": CONTEXT,
            "@type": "Dataset",
            "@id": url + "#dataset",
            "name": name,
            "description": description,
            "url": url,
            "license": DATA_LICENCE["path"],
            "isAccessibleForFree": True,
            "inLanguage": ["ko", "en"],
            "creator": {"@type": "Organization", "name": ATLAS_NAME_BOTH, "url": absolute(self.site_url, "")},
            "spatialCoverage": {"@type": "Country", "name": "대한민국 (South Korea)"},
            "distribution": distribution,
            "isPartOf": {"@id": absolute(self.site_url, "")},
        }
        if dates:
            node["temporalCoverage"] = f"{dates[0]}/{dates[-1]}"
        newest = max((d for d in self.updated.values() if d), default="")
        if newest:
            node["dateModified"] = newest
        return node
