"""The MkDocs plugin: load → validate → link in ``on_config``, pages in ``on_files``.

Everything that knows about entries lives in the ``atlas`` library; this
module only moves its results into MkDocs' structures.
"""
from __future__ import annotations

import functools
import gc
import json
import os
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from atlas import AtlasError, load_atlas
from atlas.content_files import shown, unchecked_files
from atlas.output_dir import output_dir_problem
from atlas.page_source import PageSource, read_page_file
from atlas.render import LANGUAGES, GeneratedPage, sanitise_html
from atlas.render.csp import add_csp, apply_csp
from atlas.render.sections import ActiveSection
from atlas.render.site import SitePages
from atlas.render.text import safe_title
from atlas.render.timeline import timeline_json
from atlas.search import index_config
from atlas.schema import all_schemas

from . import i18n, maps
from .config import AtlasConfig
from .elsewhere import WrittenElsewhere, write_publication
from .helper import Helper
from .preview import KeepLastGoodSite
from .reuse import PageReuse
from .search_index import SearchFeed, material_search_index, settings_of, write_fed_indexes, write_indexes
from .staging import StagedSite

log = get_plugin_logger(__name__)


class AtlasPlugin(BasePlugin[AtlasConfig]):
    def __init__(self) -> None:
        self.command: str | None = None
        self.staged: StagedSite | None = None
        self.en_nav: Navigation | None = None
        self.with_csp: set[str] = set()  # files written with their Content-Security-Policy already
        self.helper: Helper | None = None
        self.search = None  # mkdocs-material's search index (its documents: search_index.py)
        self.search_feed: SearchFeed | None = None  # its documents, to the helper as pages are written
        self.search_fed = False  # the helper wrote this build's search indexes
        self.search_entries: list = []  # otherwise: the documents, taken at the end of the build
        self.reuse = PageReuse()  # `mkdocs serve`: pages that did not change are not converted again
        self.markdown = ""  # the Markdown of the page being converted
        self.late_pages: dict = {}  # src_uri → (wait, render, narrative): pages rendered when read
        self.sections = ActiveSection([])  # an entry page's section, active in the navigation meanwhile

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(self.config.root)
        self._finish_staged()  # a build before this one, in the same process, that nothing finished yet
        if self.command == "build":  # (under `mkdocs serve`, site_dir is a temporary folder)
            problem = output_dir_problem(root, config.site_dir)
            if problem:
                raise PluginError(problem)
        try:
            self.atlas = load_atlas(root)
        except AtlasError as exc:  # each problem on a line of its own, under MkDocs' "ERROR -" line
            raise PluginError("The atlas' files have problems:\n" + exc.report()) from None
        self.map_options = [maps.map_options(self.config, config, lang, prefix) for lang, prefix in LANGUAGES.items()]
        _pin_build_date(root)
        # the pages, and for journalists: downloads, feeds, citations, redirects, sharing metadata
        pages = SitePages(self.atlas, root, self.config.templates, config.site_url,
                          self.map_options if self.config.maps else None)
        self.renderers, self.publication = pages.renderers, pages.publication
        if self.command in ("build", "serve") and self.config.staged_build:
            # built beside the site, swapped in when complete: at shutdown (`mkdocs build`), or after
            # each rebuild (`mkdocs serve`: on_serve, KeepLastGoodSite); a build holds <site>.lock
            self.staged = StagedSite(config.site_dir, lock=self.command == "build")
            config.site_dir = self.staged.begin(waiting=log.info)
        self.with_csp = set()
        return config

    # -- Content-Security-Policy -------------------------------------------------------------
    # Every HTML file gets a policy allowing exactly its own inline scripts (atlas.render.csp),
    # added as it is written: pages in on_post_page, theme templates in on_post_template,
    # generated files (maps, redirects) when they are registered. Not under `mkdocs serve`,
    # whose live-reload script is injected per request.

    @property
    def csp(self) -> bool:
        return self.command != "serve"

    def _generated(self, config: MkDocsConfig, path: str, content) -> File:
        if self.csp and path.endswith(".html"):
            text = content.decode("utf-8") if isinstance(content, bytes) else content
            content = add_csp(text, config.site_url)
        file = File.generated(config, path, content=content)
        if self.csp and path.endswith(".html"):
            self.with_csp.add(file.abs_dest_path)
        return file

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # a second core (helper.py): the other languages' pages, then the downloads and feeds and
        # the maps (both written straight into the site) — while this process renders the first
        # language, and then converts every page
        tasks = [(f"pages:{renderer.lang}", renderer.all_pages) for renderer in self.renderers[1:]]
        tasks.append(("publication", functools.partial(write_publication, self.publication, config.site_dir)))
        if self.config.maps:
            maps.leave_map_folders_to_maps(files)
            tasks.append(("maps", functools.partial(maps.write_map_files, self.atlas, self.map_options,
                                                    self.config.vendor, config.site_dir, config.site_url, self.csp)))
        parallel = self.command != "serve"
        self.search = material_search_index(config)
        self.search_feed, self.search_fed, self.search_entries = None, False, []
        if self.search is not None and Helper.forks(parallel):
            # the search indexes: enriched and written by the helper, after its other tasks, from the
            # documents each page gives the search plugin (on_post_page)
            self.search_feed = SearchFeed()
            tasks.append(("search", functools.partial(write_fed_indexes, self.search_feed.queue,
                                                      settings_of(self.search), self.atlas, config.site_dir)))
        self.helper = Helper(tasks, parallel=parallel)
        pages = self.renderers[0].all_pages()
        for renderer in self.renderers[1:]:
            pages += self.helper.result(f"pages:{renderer.lang}")
        # data/ and feeds/: registered now, written by the helper (elsewhere.py); the Downloads
        # pages, which list their sizes, are rendered when MkDocs reads them (on_page_read_source)
        written = functools.cache(self._publication_written)  # once, at the first wait
        self.late_pages = {}
        late = {self.publication.page_path(r): functools.partial(self.publication.page, r) for r in self.renderers}
        pages += [GeneratedPage(path, "") for path in late]
        self._only_checked_content(files, config)
        for page in pages:
            existing = files.get_file_from_path(page.src_uri)
            markdown = page.markdown
            narrative = None
            if existing is not None:
                # a hand-written file at the same path is the page's narrative (its body: the page's
                # title and description are the entry's)
                narrative = self._hand_written(existing).body
                markdown = _insert_narrative(markdown, narrative)
                files.remove(existing)
            if page.src_uri in late:
                self.late_pages[page.src_uri] = (written, late[page.src_uri], narrative)
            files.append(File.generated(config, page.src_uri, content=markdown))
        for renderer in self.renderers:
            files.append(File.generated(config, f"{renderer.prefix}events/timeline.json",
                                        content=timeline_json(self.atlas, renderer.lang)))
        for path, text in all_schemas().items():  # /schemas/<type>.schema.json, for editors
            files.append(File.generated(config, path, content=text))
        for path in self.publication.paths():
            files.append(WrittenElsewhere.at(config, path, written))
        generated = {file.src_uri for file in files}  # redirects at renamed entries' old URLs
        for path, content in self.publication.redirects(generated.__contains__).items():
            files.append(self._generated(config, path, content))
        if self.command == "build":
            # the atlas and every generated page live until the build ends: the cyclic garbage
            # collector need not walk them again at each of its passes over the pages MkDocs builds
            gc.freeze()
        return files

    def _only_checked_content(self, files: Files, config: MkDocsConfig) -> None:
        """MkDocs publishes every file of docs_dir: each must be one the check accepted, or the build
        stops — a file that appeared since on_config, or one MkDocs found by following a link, never
        reaches the site (``atlas.content_files``)."""
        docs_dir = os.path.realpath(config.docs_dir)
        collected = [file.src_uri for file in files if file.generated_by is None and file.src_dir is not None
                     and os.path.realpath(file.src_dir) == docs_dir]
        stray = unchecked_files(self.config.root, config.docs_dir, collected)
        if stray:
            raise PluginError(f"{shown(stray[0])}: not among the files of content/ that were checked "
                              f"({len(stray)} such files); docs_dir must be the content/ folder")

    def _hand_written(self, file: File) -> PageSource:
        """A page of content/ as read and checked by the library (front matter, body)."""
        rel = os.path.relpath(file.abs_src_path, self.config.root).replace(os.sep, "/")
        source = read_page_file(file.abs_src_path, rel)
        if source.problems:  # changed since the check in on_config
            raise PluginError(AtlasError(source.problems).report())
        return source

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Build the English navigation (``nav_en``) next to the main (Korean) one."""
        self.en_nav = i18n.english_navigation(self.config.nav_en, config, files)
        self.sections = ActiveSection([nav, self.en_nav])
        if self.command == "serve":
            self.reuse.start(files, config.config_file_path)
        return nav

    def _publication_written(self) -> None:
        self.publication.use_sizes(self.helper.result("publication"))

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        if page.file.generated_by is None:
            # a hand-written page: MkDocs gets only its checked front matter and its body
            return self._hand_written(page.file).document()
        if page.file.src_uri not in self.late_pages:
            return None
        written, render, narrative = self.late_pages.pop(page.file.src_uri)
        written()
        markdown = render().markdown
        return markdown if narrative is None else _insert_narrative(markdown, narrative)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.markdown = markdown
        return self.reuse.markdown(markdown, page) if self.command == "serve" else markdown

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        if i18n.is_english(page.url) and self.en_nav is not None:
            context["nav"] = self.en_nav
        self.sections.mark(page.file.src_uri)  # its tab highlighted (cleared in on_post_page)
        return context

    def on_template_context(self, context, *, template_name: str, config: MkDocsConfig):
        return i18n.not_found_context(context, template_name, self.en_nav)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        markdown, self.markdown = self.markdown, ""
        # Memory (a national atlas has tens of thousands of pages, all held until the last one is
        # written): once a generated page is converted, its Markdown is not needed again
        if page.file.generated_by is not None:
            page.file.content_string = ""
            page.markdown = ""  # (not None: MkDocs reads that as "not read yet")
        else:  # the atlas' own metadata (JSON-LD …) comes only from the pages it generated
            for key in [key for key in page.meta if str(key).startswith("atlas_")]:
                del page.meta[key]
        # the theme prints page.meta.title unescaped (and `page.title | striptags` unescapes entities):
        # every title, a heading's too, is escaped text (idempotent for titles that already are)
        if page.title:
            page.meta["title"] = safe_title(page.title)
        if self.command == "serve":
            return self.reuse.content(html, page, markdown, sanitise_html)
        return sanitise_html(html)

    @event_priority(-100)  # last: the policy hashes the page's final inline scripts
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.sections.clear()
        if i18n.is_english(page.url):
            output = i18n.point_search_at_english_index(output)
        if self.csp:
            output = add_csp(output, config.site_url)
            self.with_csp.add(page.file.abs_dest_path)
        page.content = ""  # written now; the search plugin has indexed it already (memory)
        if self.search_feed is not None and self.search.entries:
            self.search_feed.add(self.search.entries)  # this page's search documents
            self.search.entries = []
        return output

    @event_priority(-100)
    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        if self.csp and template_name.endswith(".html"):
            output = add_csp(output, config.site_url)
            self.with_csp.add(os.path.join(config.site_dir, template_name))
        return output

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        root = Path(self.config.root)
        for folder in ("data", self.config.templates):
            path = root / folder if not os.path.isabs(folder) else Path(folder)
            if path.is_dir():
                server.watch(str(path))
        self._finish_staged()  # the first build succeeded (else MkDocs stops before on_serve)
        KeepLastGoodSite(server, after_build=self._finish_staged)
        return server

    def _finish_staged(self) -> None:
        """The last build replaces the site if it succeeded, else is discarded (`mkdocs serve`: after each
        build; `mkdocs build`: at shutdown)."""
        if self.staged:
            staged, self.staged = self.staged, None
            staged.finish()

    # -- the end of a build -------------------------------------------------------------------

    @event_priority(100)  # before the search plugin writes its index
    def _take_search_entries(self, *, config: MkDocsConfig) -> None:
        """Without the feed, the search plugin's documents are written here (``_finish``) as one
        index per language: the plugin's own index of every page is left empty."""
        if self.search is not None and self.search_feed is None:
            self.search_entries, self.search.entries = self.search.entries, []

    @event_priority(-100)  # after the search plugin (and every other plugin) is done
    def _finish(self, *, config: MkDocsConfig) -> None:
        if self.helper is not None:
            if self.config.maps:
                count, size, seconds, written = self.helper.result("maps")
                log.info(f"maps: {count} files ({size:,} bytes) in {seconds:.2f} s")
                if self.csp:
                    self.with_csp.update(written)
            if self.search_feed is not None:
                self.search_feed.finish()
                self.helper.result("search")  # if the helper failed: on_build_error cancels the feed
                self.search_feed.close()
                self.search_feed = None
                self.search_fed = True
            self.helper.close()
            self.helper = None
        self._write_search_indexes(config)
        if self.csp:
            # any HTML file written otherwise (none today) gets its policy too
            apply_csp(config.site_dir, config.site_url, done=self.with_csp)
        if self.staged:
            self.staged.mark_complete()

    on_post_build = CombinedEvent(_take_search_entries, _finish)

    def _write_search_indexes(self, config: MkDocsConfig) -> None:
        """The search indexes, when the helper did not write them (search_index.py)."""
        search, entries = self.search, self.search_entries
        self.search, self.search_entries = None, []
        if self.search_fed:
            return
        if search is not None:
            write_indexes(entries, settings_of(search), self.atlas, config.site_dir)
            search.entries = entries  # the search plugin keeps them across `mkdocs serve --dirty` rebuilds
            return
        index_path = Path(config.site_dir) / "search" / "search_index.json"
        if index_path.is_file():  # another search plugin: read back what it wrote
            index = json.loads(index_path.read_text(encoding="utf-8"))
            write_indexes(index.get("docs", []), index_config(index.get("config", {})), self.atlas, config.site_dir)

    def on_build_error(self, *, error: Exception) -> None:
        self._cancel_helper()
        if self.staged:
            self.staged.mark_failed()

    def _cancel_helper(self) -> None:
        if self.search_feed is not None:
            self.search_feed.cancel()
            self.search_feed = None
        if self.helper is not None:
            self.helper.cancel()
            self.helper = None

    def on_shutdown(self) -> None:
        self._cancel_helper()
        if self.staged:
            if self.staged.finish():
                log.info(f"Site replaced: {self.staged.final_dir}")
            else:
                log.error(f"Build failed; the previous site in {self.staged.final_dir} was left as it was")
            self.staged = None


def _pin_build_date(root: Path) -> None:
    """Dates MkDocs writes (sitemap, page footers) come from the last commit, not the clock,
    so the same input gives the same bytes (SOURCE_DATE_EPOCH, reproducible-builds.org)."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return
    if out.stdout.strip().isdigit():
        os.environ["SOURCE_DATE_EPOCH"] = out.stdout.strip()


NARRATIVE_MARKER = "<!-- atlas:narrative -->"


def _insert_narrative(markdown: str, narrative: str) -> str:
    """Place hand-written Markdown where the template marks it (else before the sources)."""
    if NARRATIVE_MARKER in markdown:
        return markdown.replace(NARRATIVE_MARKER, narrative, 1)
    head, sep, tail = markdown.partition("\n## ")
    return f"{head}\n{narrative}\n{sep}{tail}" if sep else f"{markdown}\n\n{narrative}\n"
