"""What a page template asks to place a map: the frame, and what the map shows as text.

Templates call ``maps.region(entry, page.src_uri)`` (or ``institution`` /
``overview``) and print the result with the ``map_figure`` macro: an
``<iframe>`` of the map document plus a list of everything on the map with
links, for screen readers and for readers who cannot use a map. A region's map
document is also its embed for other sites (``embed_url``, absolute): the
macro prints the ``share_box`` with the code to copy. Nothing here
builds maps (no Folium import, so pages can be rendered while the maps are built elsewhere):
that is ``atlas.maps.files``' job.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Optional, Union
from urllib.parse import urlencode

from ..export.urls import absolute
from ..geo.codes import CREDIT
from ..graph import Atlas
from ..models import Institution, Region
from ..render.text import Raw
from ..render.ui import translate
from . import content as what
from . import paths
from .content import region_codes
from .options import MapOptions
from .ui import t

HEIGHTS = {"region": 440, "place": 320, "overview": 480}


@dataclass
class MapFigure:
    kind: str  # "region", "place" or "overview"
    src: str  # the map document, relative to the page
    title: str
    slug: Optional[str] = None
    content: Union[what.RegionMap, what.OverviewMap, None] = None
    codes: tuple[str, ...] = ()
    district: Optional[str] = None  # place maps: the district the point lies in
    #: region maps: the map document's absolute address (its embed for other sites) and the page's
    embed_url: Optional[str] = None
    permalink: Optional[str] = None

    @property
    def height(self) -> int:
        return HEIGHTS[self.kind]

    def iframe(self) -> Raw:
        # the width is the stylesheet's (100 %: a width attribute takes pixels only);
        # allowfullscreen lets the map's full-screen control use the Fullscreen API
        return Raw(
            f'<iframe class="atlas-map__frame" src="{html.escape(self.src)}" title="{html.escape(self.title)}" '
            f'loading="lazy" height="{self.height}" allowfullscreen=""></iframe>'
        )


class MapEmbeds:
    """Map figures for the pages of one language (``lang`` matches the maps built for it)."""

    def __init__(self, atlas: Atlas, options: MapOptions | None = None):
        self.atlas = atlas
        self.options = options or MapOptions()
        self.lang = self.options.lang

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def _src(self, target: str, src_uri: str) -> str:
        return paths.relative(target, paths.page_dir(src_uri, self.options.directory_urls))

    def _name(self, entry) -> str:
        return entry.name.ko if self.lang == "ko" else (entry.name.en or entry.name.ko)

    def attribution(self) -> str:
        """The credit an embed of the atlas' maps asks for: the atlas and its licence, the boundaries."""
        return f"{translate('atlas', self.lang)} (CC BY 4.0) · {CREDIT[self.lang]}"

    def region(self, entry: Region, src_uri: str) -> MapFigure | None:
        codes = region_codes(self.atlas, entry.slug)
        if not codes:
            return None
        site_url = self.options.site_url
        return MapFigure("region", self._src(paths.region_map(entry.slug, self.lang), src_uri),
                         self.t("map_of", name=self._name(entry)), entry.slug,
                         what.region_map(self.atlas, entry.slug), codes,
                         embed_url=absolute(site_url, paths.region_map(entry.slug, self.lang)),
                         permalink=absolute(site_url, self.options.url("region", entry.slug)))

    def institution(self, entry: Institution, src_uri: str) -> MapFigure:
        district = self.atlas.districts.get(entry.slug)
        query = [("lat", f"{entry.location.lat:.5f}"), ("lon", f"{entry.location.lon:.5f}"), ("kind", entry.kind)]
        query += [("r", slug) for slug in entry.regions if slug in self.atlas.regions and region_codes(self.atlas, slug)]
        if district is not None:
            query.append(("d", district.code))
        src = self._src(paths.place_map(self.lang), src_uri) + "?" + urlencode(query)
        return MapFigure("place", src, self.t("place_of", name=self._name(entry)), entry.slug,
                         district=district.name if district else None)

    def overview(self, src_uri: str) -> MapFigure:
        return MapFigure("overview", self._src(paths.overview_map(self.lang), src_uri), self.t("overview_title"),
                         content=what.overview_map(self.atlas))
