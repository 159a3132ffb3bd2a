"""Maps in the MkDocs build: options from mkdocs.yml in, the library's files out.

``atlas.maps`` builds every map file as ``{site path: bytes}``; this module turns the plugin's
options into ``MapOptions`` and writes the files into the site.

The plugin has the maps made by its helper process (``helper.py``) while MkDocs renders the
pages: ``write_map_files`` writes them straight into the site folder, with their
Content-Security-Policy, and says what it wrote.
"""
from __future__ import annotations

import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from atlas.graph import Atlas
from atlas.maps import MapOptions, Tiles
from atlas.render.csp import add_csp

from .elsewhere import write_site_file

log = get_plugin_logger(__name__)

#: folders of the site the maps write; a file of the docs at the same place is left out
MAP_FOLDERS = ("maps/", "assets/vendor/")


def map_options(plugin_config, config: MkDocsConfig, lang: str, prefix: str) -> MapOptions:
    tiles = plugin_config.map_tiles
    return MapOptions(
        lang=lang,
        prefix=prefix,
        directory_urls=config.use_directory_urls,
        tiles=Tiles(tiles.url, tiles.attribution, tiles.max_zoom) if tiles else None,
        site_url=config.site_url,
    )


def write_map_files(atlas: Atlas, options: list[MapOptions], vendor: str, site_dir: str,
                    site_url: str | None, csp: bool) -> tuple[int, int, float, list[str]]:
    """Make every map file and write it under ``site_dir``; returns (files, bytes, seconds, HTML files)."""
    from atlas.maps.files import map_pages, shared_files

    started = time.perf_counter()
    content = shared_files(atlas, Path(vendor))
    for each in options:
        content.update(map_pages(atlas, each))
    size = 0
    html = []
    for path, data in content.items():
        if path.endswith(".html") and csp:
            data = add_csp(data.decode("utf-8"), site_url).encode("utf-8")
        dest = write_site_file(site_dir, path, data)
        if path.endswith(".html"):
            html.append(dest)
        size += len(data)
    return len(content), size, time.perf_counter() - started, html


def leave_map_folders_to_maps(files: Files) -> None:
    """Files of the docs under the maps' folders would overwrite them: leave those out."""
    for file in list(files):
        if file.dest_uri.startswith(MAP_FOLDERS):
            files.remove(file)
