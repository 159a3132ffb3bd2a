"""Files of the site that the build's helper process writes itself (``helper.py``).

The downloads and feeds (``atlas.export.Publication``) take a while to make and nothing MkDocs
renders depends on their bytes, only on their addresses (pages link to them, and MkDocs checks
those links). So the plugin registers each at its path in ``on_files`` — ``Publication.paths()``
knows them without making them — and the helper makes and writes them straight into the site
while this process renders pages. MkDocs "copies" static files after every page has been read
and converted; copying one of these means waiting until the helper has written them. The
Downloads page lists their sizes: it is rendered when MkDocs reads it (``on_page_read_source``),
from the sizes the helper sends back.
"""
from __future__ import annotations

import os
from typing import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from atlas.export import Publication


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


def write_publication(publication: Publication, site_dir: str) -> dict[str, int]:
    """Make the downloads and feeds and write them under ``site_dir`` (in the helper); returns the
    downloads' sizes (the Downloads page lists them: ``Publication.use_sizes``)."""
    downloads, feeds = publication.data()
    for path, data in sorted({**downloads, **feeds}.items()):
        write_site_file(site_dir, path, data)
    return publication.sizes


def write_site_file(site_dir: str, path: str, data: bytes) -> str:
    """Write ``data`` at the site path ``path`` under ``site_dir``; returns the file's path."""
    dest = os.path.join(site_dir, *path.split("/"))
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    with open(dest, "wb") as out:
        out.write(data)
    return dest
