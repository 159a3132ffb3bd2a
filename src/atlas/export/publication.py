"""Everything the journalists' features add to a build, computed once per build.

``Publication`` is what a renderer adapter (today the MkDocs plugin) asks for:

* ``files(has_page)`` — ``{site path: bytes}``: downloads under ``data/``, Atom feeds
  under ``feeds/`` (``en/feeds/`` for English), redirect pages at renamed entries'
  old addresses;
* the same in parts, for a build that makes them in another process: ``paths()`` (the downloads'
  and feeds' site paths, known without making them), ``data()`` (their bytes) and
  ``redirects(has_page)``;
* ``template_globals()`` — ``publisher``, the object page templates call for front
  matter (JSON-LD, feeds, last-updated date), citations and download links.
"""
from __future__ import annotations

import html
from ..formats import json_text
from functools import cached_property
from pathlib import Path
from typing import Callable

from ..graph import Atlas
from ..models import Model
from ..render.breadcrumbs import page_meta as breadcrumbs_meta
from ..render.text import Raw
from ..render.ui import translate
from .charts import chart_files, chart_paths
from .citation import Citation, citation
from .datapackage import DESCRIPTOR, datapackage, resource_list
from .feeds import feed_files
from .geodata import institutions_geojson, regions_geojson
from .history import last_updated, reference_date
from .jsondata import atlas_json, entry_json_files
from .jsonld import JsonLd, script_json
from .redirects import redirect_pages
from .tables import TABLES, csv_files
from .urls import DOWNLOADS_PAGE, absolute, atlas_feed_path, entry_json_path, region_feed_path, relative


class Publication:
    def __init__(self, atlas: Atlas, root: Path | str, site_url: str | None, languages: dict[str, str]):
        """``languages``: {lang: URL prefix}, e.g. {"ko": "", "en": "en/"}."""
        self.atlas = atlas
        self.site_url = site_url
        self.languages = dict(languages)
        self.updated = last_updated(root, atlas)
        self.reference = reference_date(root, atlas)  # the day targets' statuses are "as of"

    @cached_property
    def downloads(self) -> dict[str, bytes]:
        """The data files (language-neutral), datapackage.json included."""
        out = {"data/atlas.json": atlas_json(self.atlas, self.site_url, self.updated)}
        out.update(csv_files(self.atlas, self.site_url, self.updated, self.reference))
        out["data/regions.geojson"] = regions_geojson(self.atlas, self.site_url)
        out["data/institutions.geojson"] = institutions_geojson(self.atlas, self.site_url)
        out[DESCRIPTOR] = datapackage(self.atlas, out, self.site_url, self.updated)
        out.update(entry_json_files(self.atlas, self.site_url, self.updated))
        return out

    @cached_property
    def feeds(self) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for lang, prefix in self.languages.items():
            out.update(feed_files(self.atlas, self.site_url, self.updated, lang, prefix))
        return out

    @cached_property
    def charts(self) -> dict[str, bytes]:
        """Every chart's embed pages and CSV file, and the compare page's data (``atlas.export.charts``)."""
        return chart_files(self.atlas, self.site_url, self.reference, self.languages)

    def data(self) -> tuple[dict[str, bytes], dict[str, bytes]]:
        """The downloads, and the other files: feeds, the charts' files (made on the first call)."""
        return self.downloads, {**self.feeds, **self.charts}

    def paths(self) -> list[str]:
        """The site paths of ``downloads`` and ``feeds``, without making them: a build registers
        them before another process has written them (tests check they are exactly those keys)."""
        out = {"data/atlas.json", "data/regions.geojson", "data/institutions.geojson", DESCRIPTOR}
        out.update(table.path for table in TABLES)
        for entry in self.atlas.all_entries():
            out.update(entry_json_path(entry.type, name) for name in [entry.slug, *getattr(entry, "redirect_from", [])])
        for prefix in self.languages.values():
            out.add(atlas_feed_path(prefix))
            for slug, region in self.atlas.regions.items():
                out.update(region_feed_path(name, prefix) for name in [slug, *region.redirect_from])
        out.update(chart_paths(self.atlas, self.languages.values()))
        return sorted(out)

    def redirects(self, has_page: Callable[[str], bool]) -> dict[str, bytes]:
        """Redirect pages at renamed entries' old addresses. ``has_page(src_uri)`` tells whether a
        page is generated (redirects are made only for languages whose page of the renamed entry exists)."""
        return redirect_pages(self.atlas, self.site_url, self.languages, has_page)

    def files(self, has_page: Callable[[str], bool]) -> dict[str, bytes]:
        """Every file to add to the site (``downloads``, ``feeds`` and ``redirects``)."""
        out = dict(self.downloads)
        out.update(self.feeds)
        out.update(self.charts)
        out.update(self.redirects(has_page))
        return dict(sorted(out.items()))

    def template_globals(self) -> dict:
        return {"publisher": Publisher(self)}

    @cached_property
    def sizes(self) -> dict[str, int]:
        """Bytes of each download (the Downloads page lists them)."""
        return {path: len(data) for path, data in self.downloads.items()}

    def write(self, site_dir: str, csp: bool = False) -> tuple[dict[str, int], list[str]]:
        """Make the downloads, feeds and charts' files and write them under ``site_dir`` (a build's worker
        does it, on another core), HTML with its Content-Security-Policy if ``csp``; returns the
        downloads' sizes (for ``use_sizes`` where the pages are made) and the HTML files written."""
        from ..output_dir import write_site_file
        from ..render.csp import add_csp

        downloads, others = self.data()
        html = []
        for path, data in sorted({**downloads, **others}.items()):
            if csp and path.endswith(".html"):
                data = add_csp(data.decode("utf-8"), self.site_url).encode("utf-8")
            dest = write_site_file(site_dir, path, data)
            if path.endswith(".html"):
                html.append(dest)
        sizes = self.sizes
        # written: their bytes (a hundred megabytes at national scale) are not kept for the rest of the build
        for written in ("downloads", "feeds", "charts"):
            self.__dict__.pop(written, None)
        return sizes, html

    def use_sizes(self, sizes: dict[str, int]) -> None:
        """The sizes of downloads made elsewhere (by a build's helper process), instead of making them here."""
        self.__dict__["sizes"] = dict(sizes)

    @staticmethod
    def page_path(renderer) -> str:
        """Where the Downloads page of a renderer's language is (``downloads.md``, ``en/downloads.md``)."""
        return renderer.prefix + DOWNLOADS_PAGE

    def page(self, renderer):
        """The Downloads page in a renderer's language."""
        from ..render import GeneratedPage

        path = self.page_path(renderer)
        return GeneratedPage(path, renderer.render("downloads.md.j2", path))

    def pages(self, renderers) -> list:
        return [self.page(r) for r in renderers]


class Publisher:
    """What page templates ask while rendering (``page`` is the renderer's PageContext)."""

    def __init__(self, publication: Publication):
        self.pub = publication
        self._jsonld = {lang: JsonLd(publication.atlas, publication.site_url, publication.updated, lang, prefix)
                        for lang, prefix in publication.languages.items()}

    # -- front matter: read by the theme override (site_templates/overrides/partials/atlas_sharing.html)

    def front_matter(self, page, entry: Model | None = None) -> Raw:
        """Extra YAML front matter keys (JSON is valid YAML): JSON-LD, feeds, last-updated date, breadcrumb."""
        prefix = self.pub.languages.get(page.lang, "")
        feeds = [{"title": translate("atlas_feed", page.lang), "path": atlas_feed_path(prefix)}]
        meta: dict = {}
        ld = self._jsonld[page.lang]
        if entry is not None:
            meta["atlas_jsonld"] = script_json(ld.entry_page(entry))
            meta["atlas_breadcrumbs"] = breadcrumbs_meta(self.pub.atlas, entry, page.lang, prefix)
            meta["atlas_og_type"] = "article"
            if self.pub.updated.get(entry.slug):
                meta["atlas_updated"] = self.pub.updated[entry.slug]
            if entry.type == "region":
                feeds.insert(0, {"title": translate("region_feed_title", page.lang, name=page.plain(entry.name)),
                                 "path": region_feed_path(entry.slug, prefix)})
        elif page.src_uri == prefix + DOWNLOADS_PAGE:
            meta["atlas_jsonld"] = script_json(self._dataset(page))
        elif page.src_uri == prefix + "index.md":
            meta["atlas_jsonld"] = script_json(ld.home())
        meta["atlas_feeds"] = feeds
        return Raw("\n".join(f"{key}: {json_text(value)}"
                             for key, value in meta.items()))

    def _dataset(self, page) -> dict:
        prefix = self.pub.languages.get(page.lang, "")
        distribution = [{
            "@type": "DataDownload",
            "name": translate(item["text"], page.lang),
            "encodingFormat": {"csv": "text/csv", "json": "application/json",
                               "geojson": "application/geo+json"}[item["format"]],
            "contentUrl": absolute(self.pub.site_url, item["path"]),
        } for item in resource_list()]
        distribution.append({"@type": "DataDownload", "name": "datapackage.json",
                             "encodingFormat": "application/json",
                             "contentUrl": absolute(self.pub.site_url, DESCRIPTOR)})
        return self._jsonld[page.lang].dataset(
            name=translate("atlas", page.lang) + " — " + translate("downloads", page.lang),
            description=translate("dl_package_about", page.lang),
            url=absolute(self.pub.site_url, prefix + "downloads/"),
            distribution=distribution,
        )

    # -- the "Cite this page" section -------------------------------------------------------

    def citation(self, page, entry: Model) -> Citation:
        prefix = self.pub.languages.get(page.lang, "")
        return citation(self.pub.atlas, entry, page.lang, self.pub.site_url, self.pub.updated, prefix)

    def block(self, text: str, kind: str) -> Raw:
        """Text in a copyable ``<pre><code>`` block (escaped here; the Markdown leaves raw HTML alone)."""
        return Raw(f'<pre class="atlas-cite atlas-cite-{kind}"><code>{html.escape(text)}</code></pre>')

    def updated(self, entry: Model) -> str:
        return self.pub.updated.get(entry.slug, "")

    def entry_json(self, page, entry: Model) -> Raw:
        return Raw(relative(entry_json_path(entry.type, entry.slug), page.src_uri))

    def region_feed(self, page, entry: Model) -> Raw:
        return Raw(relative(region_feed_path(entry.slug, self.pub.languages.get(page.lang, "")), page.src_uri))

    # -- the Downloads page --------------------------------------------------------------------

    def feed(self, page) -> Raw:
        return Raw(relative(atlas_feed_path(self.pub.languages.get(page.lang, "")), page.src_uri))

    def downloads(self, page) -> list[dict]:
        sizes = self.pub.sizes
        out = []
        for item in resource_list() + [{"path": DESCRIPTOR, "format": "json", "text": "dl_datapackage"}]:
            out.append({
                "title": translate(item["text"], page.lang),
                "about": translate(item["text"] + "_about", page.lang),
                "href": Raw(relative(item["path"], page.src_uri)),
                "name": item["path"].rsplit("/", 1)[-1],
                "format": item["format"].upper() if item["format"] != "geojson" else "GeoJSON",
                "size": _size(sizes[item["path"]]),
            })
        return out

    def region_feeds(self, page) -> list[tuple[str, Raw]]:
        prefix = self.pub.languages.get(page.lang, "")
        return [(slug, Raw(relative(region_feed_path(slug, prefix), page.src_uri)))
                for slug in sorted(self.pub.atlas.regions)]


def _size(n: int) -> str:
    return f"{n / 1024:,.1f} KB" if n >= 1024 else f"{n} B"
