"""What the plugin adds to MkDocs' files, and how it reads those of ``content/``.

* ``SiteFiles``: the generated pages (registered by path with no content: each is rendered when MkDocs
  reads it), a hand-written file at a generated page's path taken as its narrative, the timelines'
  data, the JSON Schemas, the downloads and feeds, the redirects of renamed entries.
* The downloads and feeds (``atlas.export.Publication``) and the maps take a while to make and nothing
  MkDocs renders depends on their bytes, only on their addresses: they are registered at their paths
  (``WrittenElsewhere``) and the build's worker writes them straight into the site while pages are
  converted. MkDocs "copies" static files after every page has been converted; copying one of these
  means waiting until the worker has written them.
* ``content/``: MkDocs publishes only files the check accepted (``only_checked_content``), and reads each
  page through the library (``hand_written``).
"""
from __future__ import annotations

import os
from typing import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from atlas import AtlasError
from atlas.content_files import shown, unchecked_files
from atlas.maps import MapOptions, Tiles
from atlas.page_source import PageSource, read_page_file
from atlas.render.csp import add_csp
from atlas.render.site import SitePages
from atlas.render.timeline import timeline_json
from atlas.schema import all_schemas

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


class SiteFiles:
    def __init__(self, site: SitePages, root: str):
        self.site, self.root = site, root
        self.pages: set[str] = set()  # the generated pages' paths
        self.narratives: dict[str, str] = {}  # a generated page's hand-written Markdown, by its path
        self.redirects: dict[str, bytes] = {}
        self.with_csp: list[str] = []  # HTML files registered with their Content-Security-Policy

    def register(self, files: Files, config: MkDocsConfig, csp: bool, downloads_written: Callable[[], object]) -> None:
        publication = self.site.publication
        pages = [*self.site.sources(), *self.site.downloads_pages()]
        self.pages = set(pages)
        for src in pages:
            existing = files.get_file_from_path(src)
            if existing is not None:  # its body (the page's title and description are the entry's)
                self.narratives[src] = hand_written(self.root, existing).body
                files.remove(existing)
            files.append(File.generated(config, src, content=""))
        for renderer in self.site.renderers:
            files.append(File.generated(config, f"{renderer.prefix}events/timeline.json",
                                        content=timeline_json(self.site.atlas, renderer.lang)))
        for path, text in all_schemas().items():  # /schemas/<type>.schema.json, for editors
            files.append(File.generated(config, path, content=text))
        for path in publication.paths():  # data/ and feeds/: written by the worker
            files.append(WrittenElsewhere.at(config, path, downloads_written))
        generated = {file.src_uri for file in files}  # redirects at renamed entries' old URLs
        self.redirects = publication.redirects(generated.__contains__)
        for path, content in self.redirects.items():
            if csp:
                content = add_csp(content.decode("utf-8"), config.site_url)
            file = File.generated(config, path, content=content)
            files.append(file)
            if csp:
                self.with_csp.append(file.abs_dest_path)

    def added(self) -> list[str]:
        """The paths of every file ``register`` adds, in its order (the order of the pages in the
        sitemap and the search indexes)."""
        return [*self.site.sources(), *self.site.downloads_pages(),
                *(f"{renderer.prefix}events/timeline.json" for renderer in self.site.renderers),
                *all_schemas(), *self.site.publication.paths(), *self.redirects]


def only_checked_content(root: str, files: Files, config: MkDocsConfig) -> None:
    """MkDocs publishes every file of docs_dir: each must be one the check accepted, or the build
    stops — a file that appeared since the check, or one MkDocs found by following a link, never
    reaches the site (``atlas.content_files``)."""
    docs_dir = os.path.realpath(config.docs_dir)
    collected = [file.src_uri for file in files if file.generated_by is None and file.src_dir is not None
                 and os.path.realpath(file.src_dir) == docs_dir]
    stray = unchecked_files(root, config.docs_dir, collected)
    if stray:
        raise PluginError(f"{shown(stray[0])}: not among the files of content/ that were checked "
                          f"({len(stray)} such files); docs_dir must be the content/ folder")


def hand_written(root: str, file: File) -> PageSource:
    """A page of content/ as read and checked by the library (front matter, body)."""
    rel = os.path.relpath(file.abs_src_path, root).replace(os.sep, "/")
    source = read_page_file(file.abs_src_path, rel)
    if source.problems:  # changed since the check
        raise PluginError(AtlasError(source.problems).report())
    return source
