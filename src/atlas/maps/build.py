"""Building each map as a standalone HTML document with Folium.

A map is shown in an ``<iframe>`` on its page, so Folium's full-page CSS never
meets the theme's. It loads Leaflet and Leaflet.markercluster from the site
(``assets/vendor``), the outlines from shared GeoJSON files (``maps/geo``), and
draws on a light basemap made from the same boundaries, so it works with no
third-party server at all; an online tile layer may be configured underneath.
"""
from __future__ import annotations

import posixpath
import re

import folium
from folium.plugins import MarkerCluster

from ..geo.boundaries import boundaries
from ..geo.codes import CREDIT
from ..geo.simplify import web_outline
from ..graph import Atlas
from ..models import Region, Text
from ..render.ui import translate, vocab
from . import content as what
from . import paths
from .basemap import tile_index
from .elements import Assets, Call, MapDocument, MapFiles, local_assets, stable_ids
from .options import MapOptions
from .ui import glyph, t

STYLE = {
    "land": {"stroke": False, "fillColor": "#f6f5f0", "fillOpacity": 1},
    "district": {"color": "#bcc3c9", "weight": 0.7, "opacity": 1, "fill": False},
    "province": {"color": "#838e98", "weight": 1.4, "opacity": 1, "fill": False},
    "outline": {"color": "#17487f", "weight": 3, "opacity": 0.95, "fillColor": "#17487f", "fillOpacity": 0.07},
    "child": {"color": "#c0392b", "weight": 1.8, "opacity": 0.9, "dashArray": "6 4", "fillColor": "#c0392b",
              "fillOpacity": 0.04},
    "cluster": {"color": "#d35400", "weight": 2, "opacity": 0.95, "fillColor": "#d35400", "fillOpacity": 0.18},
    "union": {"color": "#17487f", "weight": 2, "opacity": 0.9, "dashArray": "8 5", "fillColor": "#17487f",
              "fillOpacity": 0.05},
    "place_district": {"color": "#37474f", "weight": 1.5, "opacity": 0.9, "dashArray": "4 3", "fill": False},
}
KOREA_BOUNDS = [[33.1, 124.6], [38.65, 131.9]]
#: a region map groups its markers into clusters (Leaflet.markercluster) only above this many
#: institutions: fewer stay readable one by one, and the page does not load the plugin (~10 KB gzip)
CLUSTER_ABOVE = 20
#: words the map's script shows: {its name for them: key in ui.STRINGS}
LABELS = {"eventsHere": "events_here", "open": "open_profile", "loadFailed": "load_failed",
          "fullscreen": "fullscreen", "exitFullscreen": "exit_fullscreen", "openAlone": "open_alone",
          "filter": "filter"}


def _text(value: Text, lang: str) -> str:
    return value.ko if lang == "ko" else (value.en or value.ko)


def _round(value: float) -> float:
    return round(value, 5)


_HANGUL = re.compile("[\uac00-\ud7a3]")


def short_label(region: Region, lang: str) -> str:
    """The label of a region's point on the overview: its shortest other name in the map's language
    (written in Hangul for Korean, without for English), else its name."""
    names = [n for n in region.short_names if bool(_HANGUL.search(n)) == (lang == "ko")]
    return min(names, key=len) if names else _text(region.name, lang)


class MapBuilder:
    """Builds every map of one language. ``html_path`` is where the map file goes (for relative links)."""

    def __init__(self, atlas: Atlas, options: MapOptions | None = None):
        self.atlas = atlas
        self.options = options or MapOptions()
        self.lang = self.options.lang
        self.bounds = boundaries()

    # -- pieces --------------------------------------------------------------

    def _base(self, html_path: str, title: str, key: str, center: list[float], zoom: int, page: str):
        """The map with its basemap and the atlas' controls; ``page``: the site page that lists what the
        map shows (the map links to it: without JavaScript, and when the map is embedded elsewhere)."""
        def rel(target: str) -> str:
            return paths.from_file(target, html_path)

        lang = self.lang
        page_url = rel(page) if page else rel("index.html").removesuffix("index.html")  # the home page: "../"
        doc = MapDocument(lang, title, t("noscript", lang), posixpath.basename(paths.script_of(html_path)),
                          (page_url, t("noscript_page", lang)))
        m = folium.Map(location=center, zoom_start=zoom, tiles=None, control_scale=False,
                       maxZoom=self.options.max_zoom, minZoom=5, width="100%", height="100%")
        doc.add_child(m)
        local_assets(m, js=[("leaflet", rel(f"{paths.LEAFLET}/leaflet.js"))],
                     css=[("leaflet_css", rel(f"{paths.LEAFLET}/leaflet.css"))])
        m.add_child(Assets(js=[("atlas_map", rel(paths.SCRIPT))], css=[("atlas_map_css", rel(paths.STYLE))]))
        m.add_child(Call("init", m, {
            "label": title,
            "labels": {js: t(name, lang) for js, name in LABELS.items()},
            # credited when the map is shown anywhere but in the atlas' own page (an embed, or alone)
            "credit": {"name": translate("atlas", lang), "url": page_url, "licence": t("licence", lang)},
        }))
        tiles = self.options.tiles
        if tiles is not None:
            m.add_child(folium.TileLayer(tiles=tiles.url, attr=tiles.attribution, max_zoom=tiles.max_zoom,
                                         name="tiles", overlay=False, control=False))
        base = folium.FeatureGroup(name="basemap", control=False)
        m.add_child(base)
        land_style = dict(STYLE["land"], fillOpacity=0 if tiles is not None else 1)  # tiles show through
        basemap = Call("basemap", m, base, {
            "country": rel(paths.BASEMAP_COUNTRY), "tiles": dict(tile_index(), url=rel(paths.TILES_DIR)),
            "landStyle": land_style, "districtStyle": STYLE["district"], "provinceStyle": STYLE["province"],
            "attribution": CREDIT[lang],
        }, assign=True)
        m.add_child(basemap)
        return doc, m, rel, basemap

    def _finish(self, doc: MapDocument, m: folium.Map, key: str) -> MapFiles:
        # no layer switcher: the legend's rows switch the markers of each kind on and off
        stable_ids(doc, key)
        return doc.render()

    def _place_data(self, place: what.Place, rel, events: bool = True) -> dict:
        inst = self.atlas.institutions[place.slug]
        district = self.atlas.districts.get(place.slug)
        data = {
            "slug": place.slug,
            "name": _text(inst.name, self.lang),
            "kind": place.kind,
            "kindLabel": vocab("institution_type", place.kind, self.lang),
            "glyph": glyph(place.kind, self.lang),
            "lat": _round(place.lat),
            "lon": _round(place.lon),
            "url": rel(self.options.url("institution", place.slug)),
        }
        if district is not None:
            data["district"] = district.name
        if events and place.events:
            data["events"] = [
                {"name": _text(self.atlas.events[e].name, self.lang), "date": self.atlas.events[e].date,
                 "url": rel(self.options.url("event", e))}
                for e in place.events
            ]
        return data

    def _legend(self, m: folium.Map, counts: list[tuple[str, int]]) -> None:
        """The legend: one row per kind of marker on the map, with how many; each row switches its
        markers on and off (``atlasMap.legend``)."""
        lang = self.lang
        items = []
        for kind, count in counts:
            if kind in ("venue", "cluster", "union"):
                label = t(kind, lang)
            else:
                label = vocab("institution_type", kind, lang)
            items.append({"kind": kind, "glyph": glyph(kind, lang), "label": label, "count": count})
        if items:
            m.add_child(Call("legend", m, t("legend", lang), items))

    def _region_bounds(self, slugs: list[str]) -> list[list[float]]:
        boxes = [web_outline(self._codes(s))[0].bounds for s in slugs]
        return [[_round(min(b[1] for b in boxes)), _round(min(b[0] for b in boxes))],
                [_round(max(b[3] for b in boxes)), _round(max(b[2] for b in boxes))]]

    def _codes(self, slug: str) -> tuple[str, ...]:
        codes = self.atlas.regions[slug].admin_codes
        return tuple(c for c in (*codes.sido, *codes.sigungu, *codes.emd) if self.bounds.knows(c))

    # -- maps ----------------------------------------------------------------

    def region(self, slug: str) -> MapFiles:
        """The map of one region page: outline, regions within, institutions, event venues."""
        lang = self.lang
        region = self.atlas.regions[slug]
        html_path = paths.region_map(slug, lang)
        contents = what.region_map(self.atlas, slug)
        title = t("map_of", lang, name=_text(region.name, lang))
        box = self._region_bounds([slug])
        center = [_round((box[0][0] + box[1][0]) / 2), _round((box[0][1] + box[1][1]) / 2)]
        doc, m, rel, _ = self._base(html_path, title, slug, center, 10, self.options.url("region", slug))

        outlines = folium.FeatureGroup(name=t("outlines", lang))
        m.add_child(outlines)
        m.add_child(Call("geojson", m, outlines, rel(paths.region_outline(slug)), {"style": STYLE["outline"]}))
        for child in contents.children:
            child_region = self.atlas.regions[child]
            m.add_child(Call("geojson", m, outlines, rel(paths.region_outline(child)), {
                "pane": "atlasChildren", "style": STYLE["child"],
                "popup": {"name": _text(child_region.name, lang), "url": rel(self.options.url("region", child)),
                          "kindLabel": vocab("region_kind", child_region.kind, lang),
                          "open": t("open_region", lang)},
            }))
        if contents.institutions:
            name = f"{t('institutions', lang)} ({len(contents.institutions)})"
            if len(contents.institutions) > CLUSTER_ABOVE:
                cluster = MarkerCluster(name=name, maxClusterRadius=36, showCoverageOnHover=False,
                                        spiderfyOnMaxZoom=True)
                local_assets(cluster, js=[("markerclusterjs", rel(f"{paths.MARKERCLUSTER}/leaflet.markercluster.js"))],
                             css=[("markerclustercss", rel(f"{paths.MARKERCLUSTER}/MarkerCluster.css")),
                                  ("markerclusterdefaultcss", rel(f"{paths.MARKERCLUSTER}/MarkerCluster.Default.css"))])
            else:
                cluster = folium.FeatureGroup(name=name)
            m.add_child(cluster)
            m.add_child(Call("points", m, cluster, [self._place_data(p, rel) for p in contents.institutions]))
        if contents.venues:
            venues = folium.FeatureGroup(name=f"{t('venues', lang)} ({len(contents.venues)})")
            m.add_child(venues)
            data = [dict(self._place_data(p, rel), kind="venue", glyph=glyph("venue", lang)) for p in contents.venues]
            m.add_child(Call("points", m, venues, data))
        counts = [(kind, len(group)) for kind, group in contents.institutions_by_kind()]
        self._legend(m, counts + ([("venue", len(contents.venues))] if contents.venues else []))
        m.fit_bounds(box, padding=(12, 12))
        return self._finish(doc, m, slug)

    def overview(self) -> MapFiles:
        """The home page's map: every cluster and union, outline and centre point, with a short label."""
        lang = self.lang
        html_path = paths.overview_map(lang)
        contents = what.overview_map(self.atlas)
        title = t("overview_title", lang)
        doc, m, rel, _ = self._base(html_path, title, "overview", [36.4, 127.8], 7, self.options.prefix)
        outlines = folium.FeatureGroup(name=t("outlines", lang))
        m.add_child(outlines)
        points = []
        # unions first: where labels collide, the union's is the one shown
        for slug in sorted(contents.clusters, key=lambda s: (self.atlas.regions[s].kind != "union", s)):
            region = self.atlas.regions[slug]
            kind = "union" if region.kind == "union" else "cluster"
            info = {"name": _text(region.name, lang), "url": rel(self.options.url("region", slug)),
                    "kindLabel": vocab("region_kind", region.kind, lang), "open": t("open_region", lang)}
            # a union under its clusters, so that a click on a cluster opens the cluster
            m.add_child(Call("geojson", m, outlines, rel(paths.region_outline(slug)),
                             {"style": STYLE[kind], "popup": info, "pane": "atlasUnions" if kind == "union" else None}))
            if region.centre is not None:
                lat, lon = region.centre.lat, region.centre.lon
            else:
                point = web_outline(self._codes(slug))[0].representative_point()
                lat, lon = point.y, point.x
            points.append(dict(info, slug=slug, kind=kind, glyph=glyph(kind, lang), label=short_label(region, lang),
                               lat=_round(lat), lon=_round(lon)))
        centres = folium.FeatureGroup(name=f"{t('clusters', lang)} ({len(points)})")
        m.add_child(centres)
        m.add_child(Call("points", m, centres, points))
        counts = {kind: sum(1 for p in points if p["kind"] == kind) for kind in ("union", "cluster")}
        self._legend(m, [(kind, n) for kind, n in counts.items() if n])
        m.fit_bounds(self._region_bounds(contents.clusters) if contents.clusters else KOREA_BOUNDS, padding=(12, 12))
        return self._finish(doc, m, "overview")

    def place(self) -> MapFiles:
        """The one map all institution profiles share: the point and outlines come from its URL."""
        lang = self.lang
        html_path = paths.place_map(lang)
        title = t("place_title", lang)
        doc, m, rel, _ = self._base(html_path, title, "place", [36.4, 127.8], 7, self.options.prefix)
        outlines = folium.FeatureGroup(name=t("outlines", lang))
        points = folium.FeatureGroup(name=t("institutions", lang))
        m.add_child(outlines)
        m.add_child(points)
        kinds = {kind: {"label": vocab("institution_type", kind, lang), "glyph": glyph(kind, lang)}
                 for kind in (*what.INSTITUTION_TYPES, "venue")}
        kinds["venue"]["label"] = t("venue", lang)
        m.add_child(Call("place", m, outlines, points, {
            "outlines": rel("maps/geo/regions/"), "districts": rel(paths.DISTRICTS_DIR),
            "outlineStyle": STYLE["outline"], "districtStyle": STYLE["place_district"],
            "kinds": kinds, "zoom": 11, "labels": {"loadFailed": t("load_failed", lang)},
        }))
        return self._finish(doc, m, "place")
