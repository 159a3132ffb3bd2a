"""Every file the maps add to the site, as ``{site path: bytes}``.

The renderer (today the MkDocs plugin) only has to write these out:

* ``shared_files``: vendored Leaflet and Leaflet.markercluster with their licences, the atlas'
  map script and style, the basemap (``basemap.py``) and every region's outline as GeoJSON — the
  same for every language;
* ``map_pages``: the map documents of one language (one per region, the overview, the place map),
  each with its script in a file beside it.

Boundary work is cached for the life of the process: a ``mkdocs serve`` rebuild only
re-simplifies outlines whose codes changed.
"""
from __future__ import annotations

import functools
from functools import lru_cache
from importlib.resources import files as package_files
from pathlib import Path

from ..geo import geojson
from ..geo.simplify import web_outline
from ..graph import Atlas
from . import paths
from .basemap import basemap_files
from .build import MapBuilder
from .content import region_codes
from .options import MapOptions

STATIC = ("atlas-map.js", "atlas-map.css")


def vendor_files(vendor_dir: Path) -> dict[str, bytes]:
    """Vendored front-end packages, served from ``assets/vendor/`` (licence files included)."""
    out = {}
    for file in sorted(Path(vendor_dir).rglob("*")):
        if file.is_file() and not file.name.startswith(".") and file.suffix != ".md":
            out["assets/vendor/" + file.relative_to(vendor_dir).as_posix()] = file.read_bytes()
    return out


def compact(source: str) -> str:
    """One of the maps' own scripts or stylesheets as served: without its comment lines, blank lines
    and indentation (a third of its weight), the code itself untouched.

    Only what is safe to drop without parsing goes: lines that are a ``// …`` comment, ``/* … */``
    comments that start a line and end one, leading spaces. Line breaks stay, so JavaScript's automatic
    semicolons fall where they did. Written for files without template literals (checked), so that
    no line is inside a string."""
    out, in_comment = [], False
    for line in source.splitlines():
        text = line.strip()
        if in_comment or text.startswith("/*"):
            end = text.find("*/", 0 if in_comment else 2)
            if end != -1 and end != len(text) - 2:
                raise ValueError(f"code after a comment on one line: {line!r}")
            in_comment = end == -1
        elif text and not text.startswith("//"):
            if "`" in text:
                raise ValueError(f"a template literal (not handled): {line!r}")
            out.append(text)
    return "\n".join(out) + "\n"


def static_files() -> dict[str, bytes]:
    static = package_files("atlas.maps") / "static"
    return {f"maps/{name}": compact((static / name).read_text(encoding="utf-8")).encode("utf-8") for name in STATIC}


@lru_cache(maxsize=4096)
def outline_geojson(slug: str, codes: tuple[str, ...]) -> bytes:
    """A region's outline: the union of its codes' shapes, without slivers, simplified, rounded."""
    shape, decimals = web_outline(codes)
    return geojson.dumps([geojson.feature(shape, decimals, {"slug": slug, "codes": list(codes)})])


def shared_files(atlas: Atlas, vendor_dir: Path) -> dict[str, bytes]:
    out = vendor_files(vendor_dir)
    out.update(static_files())
    out.update(basemap_files())
    for slug in sorted(atlas.regions):
        codes = region_codes(atlas, slug)
        if codes:
            out[paths.region_outline(slug)] = outline_geojson(slug, codes)
    return out


def map_pages(atlas: Atlas, options: MapOptions | None = None) -> dict[str, bytes]:
    builder = MapBuilder(atlas, options)
    lang = builder.lang
    maps = {paths.region_map(slug, lang): functools.partial(builder.region, slug)
            for slug in sorted(atlas.regions) if region_codes(atlas, slug)}
    maps[paths.overview_map(lang)] = builder.overview
    maps[paths.place_map(lang)] = builder.place
    out = {}
    for path, make in maps.items():
        made = make()
        out[path] = made.html.encode("utf-8")
        out[paths.script_of(path)] = made.script.encode("utf-8")
    return out


def build_map_files(atlas: Atlas, vendor_dir: Path, options: MapOptions | None = None) -> dict[str, bytes]:
    """Shared files plus the maps of one language."""
    out = shared_files(atlas, vendor_dir)
    out.update(map_pages(atlas, options))
    return out


def write_map_files(atlas: Atlas, options: list[MapOptions], vendor: Path | str, site_dir: str,
                    site_url: str | None, csp: bool) -> tuple[int, int, float, list[str]]:
    """Make every map file (shared, and each language's) and write it under ``site_dir``, with its
    Content-Security-Policy if ``csp``; returns (files, bytes, seconds, the HTML files written)."""
    import time

    from ..output_dir import write_site_file
    from ..render.csp import add_csp

    started = time.perf_counter()
    content = shared_files(atlas, Path(vendor))
    for each in options:
        content.update(map_pages(atlas, each))
    size, html = 0, []
    for path, data in content.items():
        if path.endswith(".html") and csp:
            data = add_csp(data.decode("utf-8"), site_url).encode("utf-8")
        dest = write_site_file(site_dir, path, data)
        if path.endswith(".html"):
            html.append(dest)
        size += len(data)
    return len(content), size, time.perf_counter() - started, html
