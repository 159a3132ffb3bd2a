"""Maps in the MkDocs build: options from mkdocs.yml in, the library's files out.

``atlas.maps`` builds every map file as ``{site path: bytes}``; this module
only turns the plugin's options into ``MapOptions`` and registers the files
with MkDocs (``File.generated``), which copies them into the site.
"""
from __future__ import annotations

import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from atlas.graph import Atlas
from atlas.maps import MapOptions, Tiles

log = get_plugin_logger(__name__)


def map_options(plugin_config, config: MkDocsConfig, lang: str, prefix: str) -> MapOptions:
    tiles = plugin_config.map_tiles
    return MapOptions(
        lang=lang,
        prefix=prefix,
        directory_urls=config.use_directory_urls,
        tiles=Tiles(tiles.url, tiles.attribution, tiles.max_zoom) if tiles else None,
    )


def embeds(atlas: Atlas, options: MapOptions):
    from atlas.maps.embed import MapEmbeds

    return MapEmbeds(atlas, options)


def add_map_files(files: Files, config: MkDocsConfig, atlas: Atlas, options: list[MapOptions], vendor: str) -> None:
    from atlas.maps.files import map_pages, shared_files

    started = time.perf_counter()
    content = shared_files(atlas, Path(vendor))
    for each in options:
        content.update(map_pages(atlas, each))
    for path, data in content.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=data))
    log.info(f"maps: {len(content)} files ({sum(map(len, content.values())):,} bytes) in "
             f"{time.perf_counter() - started:.2f} s")
