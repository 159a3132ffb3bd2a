"""What the plugin adds to MkDocs' files, besides the pages: the options of the maps, and files a
build's helper writes itself.

The downloads and feeds (``atlas.export.Publication``) and the maps take a while to make and nothing
MkDocs renders depends on their bytes, only on their addresses. So the plugin registers the
downloads and feeds at their paths (``Publication.paths()``), and the helper makes and writes them
straight into the site while pages are converted. MkDocs "copies" static files after every page
has been converted; copying one of these means waiting until the helper has written them.
"""
from __future__ import annotations

import os
from typing import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from atlas.maps import MapOptions, Tiles

#: folders of the site the maps write; a file of the docs at the same place is left out
MAP_FOLDERS = ("maps/", "assets/vendor/")


class WrittenElsewhere(File):
    """A site file written by another process; ``copy_file`` waits for it instead of copying."""

    wait: Callable[[], object]

    @classmethod
    def at(cls, config: MkDocsConfig, path: str, wait: Callable[[], object]) -> "WrittenElsewhere":
        dest = os.path.join(config.site_dir, *path.split("/"))
        file = cls.generated(config, path, abs_src_path=dest)  # read back from where it is written
        file.wait = wait
        return file

    def copy_file(self, dirty: bool = False) -> None:
        self.wait()

    def is_modified(self) -> bool:
        return True


def map_options(plugin_config, config: MkDocsConfig, lang: str, prefix: str) -> MapOptions:
    tiles = plugin_config.map_tiles
    return MapOptions(lang=lang, prefix=prefix, directory_urls=config.use_directory_urls,
                      tiles=Tiles(tiles.url, tiles.attribution, tiles.max_zoom) if tiles else None,
                      site_url=config.site_url)


def leave_map_folders_to_maps(files: Files) -> None:
    """Files of the docs under the maps' folders would overwrite them: leave those out."""
    for file in list(files):
        if file.dest_uri.startswith(MAP_FOLDERS):
            files.remove(file)
