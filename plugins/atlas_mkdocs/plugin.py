"""The MkDocs plugin: MkDocs' events wired to the ``atlas`` library.

load → validate → link in ``on_config``; the generated pages registered in ``on_files`` and rendered
when MkDocs reads them; their HTML sanitised in ``on_page_content``; a Content-Security-Policy on
every HTML file written; search documents enriched as pages are written (``search``). How a build
shares its pages and its other work between two cores is ``work.two_cores``; what the plugin adds
to MkDocs' files, ``site_files``; what it uses of MkDocs beyond the plugin API, ``internals``.
"""
from __future__ import annotations

import gc
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from atlas import AtlasError, load_atlas
from atlas.export.history import pin_build_date
from atlas.output_dir import output_dir_problem
from atlas.render import LANGUAGES, sanitise_html
from atlas.render.csp import add_csp, apply_csp
from atlas.render.sections import ActiveSection
from atlas.render.site import SitePages
from atlas.render.text import safe_title
from atlas.search.index_files import is_english, point_search_at_english_index
from atlas.staging import StagedSite
from atlas.work.helper import WorkFailed
from atlas.work.invalidation import ReadLog, instrument

from . import internals
from .config import AtlasConfig
from .i18n import english_navigation, not_found_context
from .search import SearchIndexes
from .site_files import SiteFiles, hand_written, leave_map_folders_to_maps, map_options, only_checked_content
from .work.reuse import PageReuse
from .work.serve import KeepLastGoodSite
from .work.two_cores import TwoCores, part_path

log = get_plugin_logger(__name__)


class AtlasPlugin(BasePlugin[AtlasConfig]):
    def __init__(self) -> None:
        self.command: str | None = None
        self.staged: StagedSite | None = None
        self.load = load_atlas  # the preview (atlas serve) gives its own, which re-reads only changed files
        self.read_log: ReadLog | None = None  # the preview: what each page reads of the atlas
        self.capture: dict | None = None  # the preview: pages' output and search documents, written by it
        self.cores: TwoCores | None = None
        self.search: SearchIndexes | None = None
        self.with_csp: set[str] = set()  # files written with their Content-Security-Policy already
        self.reuse = PageReuse()  # `mkdocs serve`: pages that did not change are not converted again
        self.markdown = ""  # the Markdown of the page being converted
        self.en_nav: Navigation | None = None
        self.sections = ActiveSection([])  # an entry page's section, active in the navigation meanwhile

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    @property
    def csp(self) -> bool:
        """Every HTML file gets the policy (atlas.render.csp), as it is written; not under `mkdocs serve`,
        whose live-reload script is injected per request."""
        return self.command != "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(self.config.root)
        self._finish_staged()  # a build before this one, in the same process, that nothing finished yet
        if self.command == "build":  # (under `mkdocs serve`, site_dir is a temporary folder)
            problem = output_dir_problem(root, config.site_dir)
            if problem:
                raise PluginError(problem)
        try:
            self.atlas = self.load(root)
        except AtlasError as exc:  # each problem on a line of its own, under MkDocs' "ERROR -" line
            raise PluginError("The atlas' files have problems:\n" + exc.report()) from None
        if self.read_log is not None:
            instrument(self.atlas, self.read_log)
        self.map_options = [map_options(self.config, config, lang, prefix) for lang, prefix in LANGUAGES.items()]
        pin_build_date(root)
        # the pages, and for journalists: downloads, feeds, citations, redirects, sharing metadata
        self.site = SitePages(self.atlas, root, self.config.templates, config.site_url,
                              self.map_options if self.config.maps else None)
        if self.command in ("build", "serve") and self.config.staged_build:
            # built beside the site, swapped in when complete: at shutdown (`mkdocs build`), or after
            # each rebuild (`mkdocs serve`: on_serve, KeepLastGoodSite); a build holds <site>.lock
            self.staged = StagedSite(config.site_dir, lock=self.command == "build")
            config.site_dir = self.staged.begin(waiting=log.info)
        self.with_csp = set()
        return config

    @property
    def publication(self):
        return self.site.publication

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        only_checked_content(self.config.root, files, config)
        if self.config.maps:
            leave_map_folders_to_maps(files)
        self.site_files = SiteFiles(self.site, self.config.root)
        self.site_files.register(files, config, self.csp, self._downloads_written)
        self.with_csp.update(self.site_files.with_csp)
        self.files, self.sizes_known = files, False
        if self.command == "build":
            # the atlas and every page live until the build ends: the cyclic garbage collector need
            # not walk them again at each of its passes over the pages MkDocs builds
            gc.freeze()
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """The English navigation (``nav_en``) next to the main one; then the second core starts: the
        downloads, feeds and maps, then pages (``work.two_cores``)."""
        self.en_nav = english_navigation(self.config.nav_en, config, files)
        self.sections = ActiveSection([nav, self.en_nav])
        self.nav = nav
        if self.command == "serve":
            self.reuse.start(files, config.config_file_path)
        self.search = SearchIndexes(config, self.atlas)
        tasks = [("publication", lambda: self.publication.write(config.site_dir, self.csp))]
        if self.config.maps:
            tasks.append(("maps", lambda: _write_map_files(self.atlas, self.map_options, self.config.vendor,
                                                           config.site_dir, config.site_url, self.csp)))
        self.cores = TwoCores(files, tasks, parallel=self.command != "serve",
                              worker_pages=lambda cores: self._worker_pages(config))
        self.cores.start()
        self.search.start(config.site_dir, part_path(config.site_dir, worker=False) if self.cores.split else None)
        return nav

    def _worker_pages(self, config: MkDocsConfig) -> tuple[str | None, list[str]]:
        """In the worker process: its pages converted, then written (``TwoCores.work_pages``)."""
        self.search.start(config.site_dir, part_path(config.site_dir, worker=True))
        self.with_csp = set()
        mine = self.cores.work_pages(config, self.nav, self.read_log)
        self.cores.write_pages(mine, config, self.nav)
        return self.search.finish_part(), sorted(self.with_csp)

    def _downloads_written(self) -> None:
        if not self.sizes_known:  # (the worker made them itself)
            if not self.cores.in_worker:
                sizes, html = self._result("publication")
                self.publication.use_sizes(sizes)
                self.with_csp.update(html if self.csp else ())
            self.sizes_known = True

    def _result(self, name: str) -> object:
        try:
            return self.cores.result(name)
        except WorkFailed as error:
            raise PluginError(str(error)) from None

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        self.cores.take(page)  # this process', or the worker's
        return page

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        src = page.file.src_uri
        if self.cores.is_elsewhere(page):
            return ""  # the worker renders it
        if page.file.generated_by is None:
            # a hand-written page: MkDocs gets only its checked front matter and its body
            return hand_written(self.config.root, page.file).document()
        if src not in self.site_files.pages:
            return None
        if src in self.site.downloads_pages():
            self._downloads_written()  # the Downloads page lists the downloads' sizes
        if self.read_log is None:
            return self.site.markdown(src, self.site_files.narratives.get(src))
        with self.read_log.page(src):
            return self.site.markdown(src, self.site_files.narratives.get(src))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.markdown = markdown
        return self.reuse.markdown(markdown, page) if self.command == "serve" else markdown

    @event_priority(-100)  # last: other plugins see the HTML first
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        markdown, self.markdown = self.markdown, ""
        if self.cores.is_elsewhere(page):
            return ""
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
            html = self.reuse.content(html, page, markdown, sanitise_html)
        else:
            html = sanitise_html(html)
        return internals.hold_content(page, html)  # (memory) until on_page_context

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """Between MkDocs' two loops: the processes swap what their pages' rendering left that the
        others need (metadata for the sitemap and titles, anchors); the worker gets pages to write."""
        if self.cores is not None and not self.cores.in_worker and self.cores.split:
            navs = {page.file.src_uri for nav in (self.nav, self.en_nav) if nav for page in nav.pages}
            try:
                self.cores.swap_states(navs, self.read_log)
            except WorkFailed as error:
                raise PluginError(str(error)) from None
            env = internals.with_elsewhere_template(env)
        self.env = env
        return env

    @event_priority(100)  # first: the page's HTML back before the search plugin reads it
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        internals.release_content(page)
        if is_english(page.url) and self.en_nav is not None:
            context["nav"] = self.en_nav
        self.sections.mark(page.file.src_uri)  # its tab highlighted (cleared in on_post_page)
        return context

    def on_template_context(self, context, *, template_name: str, config: MkDocsConfig):
        return not_found_context(context, template_name, self.en_nav)

    @event_priority(-100)  # last: the policy and the English search address go on the final page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.sections.clear()
        if self.cores.is_elsewhere(page):
            self.search.take()  # (an empty page's: not indexed)
            return ""  # written by the worker
        if is_english(page.url):
            output = point_search_at_english_index(output)
        if self.csp:
            output = add_csp(output, config.site_url)
            self.with_csp.add(page.file.abs_dest_path)
        page.content = ""  # written now; the search plugin has indexed it already (memory)
        if self.capture is not None:  # the preview writes the page itself, whole, if no warning came
            self.capture[page.file.src_uri] = (output, self.search.take())
            return ""
        self.search.add(self.cores.position.get(page.file.src_uri, 0))
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

    @event_priority(-100)  # after the search plugin (and every other plugin) is done
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.maps:
            count, size, seconds, written = self._result("maps")
            log.info(f"maps: {count} files ({size:,} bytes) in {seconds:.2f} s")
            if self.csp:
                self.with_csp.update(written)
        worker_part = None
        if self.cores.split:
            worker_part, written = self._result("pages")
            self.with_csp.update(written)
            worker = len(self.cores.elsewhere) - self.cores.handed
            log.info(f"pages: {len(self.cores.doc_files) - worker} converted by this process, {worker} by the "
                     f"worker, which wrote {self.cores.handed} of this process' too")
        self.cores.close()
        self.search.finish(config.site_dir, worker_part, self.atlas)
        if self.csp:  # any HTML file written otherwise (none today) gets its policy too
            apply_csp(config.site_dir, config.site_url, done=self.with_csp)
        if self.staged:
            self.staged.mark_complete()

    def on_build_error(self, *, error: Exception) -> None:
        self._cancel()
        if self.staged:
            self.staged.mark_failed()

    def _cancel(self) -> None:
        if self.cores is not None:
            self.cores.cancel()
        if self.search is not None:
            self.search.cancel()

    def on_shutdown(self) -> None:
        self._cancel()
        if self.staged:
            if self.staged.finish():
                log.info(f"Site replaced: {self.staged.final_dir}")
            else:
                log.error(f"Build failed; the previous site in {self.staged.final_dir} was left as it was")
            self.staged = None


def _write_map_files(*args) -> tuple:
    """``atlas.maps.files.write_map_files``, imported by the process that makes the maps (Folium and
    its imports cost half a second: not to the build's start, which both processes wait for)."""
    from atlas.maps.files import write_map_files

    return write_map_files(*args)
