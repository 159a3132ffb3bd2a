"""Settings of one language's maps."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .paths import page_url


@dataclass(frozen=True)
class Tiles:
    """An online tile layer drawn under the atlas' own basemap (optional; needs the reader online)."""

    url: str
    attribution: str
    max_zoom: int = 18


@dataclass(frozen=True)
class MapOptions:
    lang: str = "ko"
    #: MkDocs' ``use_directory_urls`` (pages at ``institutions/kaist/`` rather than ``institutions/kaist.html``)
    directory_urls: bool = True
    tiles: Optional[Tiles] = None
    #: without tiles the map has no zoom limit of its own; MarkerCluster needs one
    max_zoom: int = 18
    #: where this language's pages live: "" for Korean, "en/" for English; markers link to
    #: ``prefix + institutions/<slug>/`` so an English map opens English pages
    prefix: str = ""
    #: the site's published address (MkDocs' ``site_url``): embed codes and permalinks are absolute
    site_url: Optional[str] = None

    def url(self, entry_type: str, slug: str) -> str:
        """Site-root-relative URL of the page a marker or outline links to."""
        return self.prefix + page_url(entry_type, slug, self.directory_urls)
