"""Every generated page of a site, in every language: what a build, the preview and `atlas changes` render.

``SitePages`` puts together one ``Renderer`` per language with what templates ask of the rest of the
library: the maps' frames (``atlas.maps.embed``) and the publication's helpers (citations, sharing
metadata, downloads: ``atlas.export.Publication``). Pages are named by their path
(``regions/asan.md``, ``en/institutions/index.md``); ``render_all`` renders each, optionally inside a
``ReadLog`` so that each page's reads are known (``atlas.work.invalidation``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..export import Publication
from ..graph import Atlas
from ..work.invalidation import ReadLog
from ..maps.embed import MapEmbeds
from ..maps.options import MapOptions
from .pages import LANGUAGES, GeneratedPage, Renderer


class SitePages:
    def __init__(self, atlas: Atlas, root: Path | str, templates: Path | str, site_url: str | None,
                 map_options: Sequence[MapOptions] | None = None):
        """``map_options``: one per language (in ``LANGUAGES`` order) for pages with maps; None for none."""
        self.atlas = atlas
        self.publication = Publication(atlas, root, site_url, LANGUAGES)
        self.renderers: list[Renderer] = []
        for i, lang in enumerate(LANGUAGES):
            maps = MapEmbeds(atlas, map_options[i]) if map_options else None
            renderer = Renderer(atlas, Path(templates), lang, maps=maps, reference=self.publication.reference,
                                site_url=site_url)
            renderer.env.globals.update(self.publication.template_globals())
            self.renderers.append(renderer)

    def renderer_for(self, src_uri: str) -> Renderer:
        """The renderer of a page's language (the one whose prefix is the longest that fits)."""
        return max((r for r in self.renderers if src_uri.startswith(r.prefix)), key=lambda r: len(r.prefix))

    def sources(self) -> list[str]:
        return [src for renderer in self.renderers for src in renderer.page_sources()]

    def downloads_pages(self) -> dict[str, Renderer]:
        """The Downloads page of each language (it lists the downloads' sizes: made after them)."""
        return {self.publication.page_path(renderer): renderer for renderer in self.renderers}

    def page(self, src_uri: str) -> GeneratedPage:
        return self.renderer_for(src_uri).page(src_uri)

    def markdown(self, src_uri: str, narrative: str | None = None) -> str:
        """The Markdown of any generated page (a Downloads page too), with its hand-written narrative."""
        downloads = self.downloads_pages()
        if src_uri in downloads:
            markdown = self.publication.page(downloads[src_uri]).markdown
        else:
            markdown = self.page(src_uri).markdown
        return markdown if narrative is None else insert_narrative(markdown, narrative)

    def render_all(self, log: ReadLog | None = None) -> dict[str, str]:
        """Every page's Markdown by path; each rendered inside ``log.page`` when a log is given."""
        out = {}
        for src in self.sources():
            if log is None:
                out[src] = self.page(src).markdown
            else:
                with log.page(src):
                    out[src] = self.page(src).markdown
        return out


NARRATIVE_MARKER = "<!-- atlas:narrative -->"


def insert_narrative(markdown: str, narrative: str) -> str:
    """Hand-written Markdown placed where the template marks it (else before the first section)."""
    if NARRATIVE_MARKER in markdown:
        return markdown.replace(NARRATIVE_MARKER, narrative, 1)
    head, sep, tail = markdown.partition("\n## ")
    return f"{head}\n{narrative}\n{sep}{tail}" if sep else f"{markdown}\n\n{narrative}\n"


def default_map_options() -> list[MapOptions]:
    return [MapOptions(lang=lang, prefix=prefix) for lang, prefix in LANGUAGES.items()]
