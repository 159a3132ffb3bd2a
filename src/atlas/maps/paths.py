"""Where map files live in the built site, and relative links between them.

    maps/regions/<slug>.html        one map per region page (maps/<lang>/… for other languages)
    maps/overview.html              all clusters (home page)
    maps/place.html?lat=…&lon=…     the one map every institution profile shows (no file per entry)
    maps/geo/regions/<slug>.geojson each region's outline, shared by every map that draws it
    maps/geo/country.geojson        the light basemap of the whole country (maps zoomed out)
    maps/geo/tiles/<row>-<col>.geojson  the basemap in cells of detail, fetched as a map's view needs them
    maps/geo/sigungu/<code>.geojson each district's outline (institution profiles)
    maps/atlas-map.js, .css         the atlas' own map code (markers, popups, legend)
    assets/vendor/<package>/…       Leaflet and Leaflet.markercluster, pinned, with their licences
"""
from __future__ import annotations

import posixpath

from ..models import FOLDERS
from ..sitepath import relpath

LEAFLET = "assets/vendor/leaflet-1.9.4"
MARKERCLUSTER = "assets/vendor/leaflet.markercluster-1.5.3"
SCRIPT = "maps/atlas-map.js"
STYLE = "maps/atlas-map.css"
#: the basemap (atlas.maps.basemap): the whole country, light; cells of detail; each district's outline
BASEMAP_COUNTRY = "maps/geo/country.geojson"
TILES_DIR = "maps/geo/tiles/"
DISTRICTS_DIR = "maps/geo/sigungu/"


def basemap_tile(key: str) -> str:
    return f"{TILES_DIR}{key}.geojson"


def district_outline(code: str) -> str:
    return f"{DISTRICTS_DIR}{code}.geojson"


def map_dir(lang: str) -> str:
    return "maps" if lang == "ko" else f"maps/{lang}"


def region_map(slug: str, lang: str = "ko") -> str:
    return f"{map_dir(lang)}/regions/{slug}.html"


def overview_map(lang: str = "ko") -> str:
    return f"{map_dir(lang)}/overview.html"


def place_map(lang: str = "ko") -> str:
    return f"{map_dir(lang)}/place.html"


def script_of(html_path: str) -> str:
    """The map's own script, beside its document (``maps/regions/asan.html`` → ``….js``)."""
    return html_path.rsplit(".", 1)[0] + ".js"


def region_outline(slug: str) -> str:
    return f"maps/geo/regions/{slug}.geojson"


def page_url(entry_type: str, slug: str, directory_urls: bool = True) -> str:
    """Site-root-relative URL of an entry's page, as MkDocs writes it."""
    folder = FOLDERS[entry_type]
    return f"{folder}/{slug}/" if directory_urls else f"{folder}/{slug}.html"


def page_dir(src_uri: str, directory_urls: bool = True) -> str:
    """The folder a generated page is served from: ``regions/asan.md`` → ``regions/asan/``."""
    head, name = posixpath.split(src_uri)
    stem = name.rsplit(".", 1)[0]
    if directory_urls and stem not in ("index", "README"):
        return posixpath.join(head, stem) + "/"
    return head + "/" if head else ""


def relative(target: str, from_dir: str) -> str:
    """``target`` (site-root-relative) as seen from the folder ``from_dir``; keeps a trailing slash."""
    rel = relpath(target, from_dir.rstrip("/") or ".")
    return rel + "/" if target.endswith("/") and not rel.endswith("/") else rel


def from_file(target: str, file: str) -> str:
    """``target`` as seen from the site file ``file`` (both site-root-relative)."""
    return relative(target, posixpath.dirname(file))
