"""``atlas serve``: a preview that does only the work an edit needs.

    python -m atlas_mkdocs.work.preview [-f mkdocs.yml] [-a 127.0.0.1:8000]

The first build is a whole build (``mkdocs.commands.build.build``, on two cores where it can), into a
folder of its own that the server (``atlas.preview.server``) then serves, with the site's address
set to the preview's. Then everything stays in memory: the configuration, MkDocs' files, navigation
and theme environment, the plugin with its atlas (``atlas.work.live.LiveAtlas``) and what every
generated page read of it (``atlas.work.invalidation.ReadLog``). On a change:

* under ``data/``: the atlas is loaded again (only changed files re-read and validated), the keys
  whose values changed are found (``changed_keys``), and the pages that read one of them — with the
  pages of added entries — are marked stale; the pages of deleted entries are removed;
* under ``content/``: that page (a narrative: its entry's page) is stale; a hand-written page added or
  removed, a template or ``mkdocs.yml`` changed: a whole build again, served once it succeeded.

Stale pages are rendered through MkDocs' own page pipeline (``internals.populate_page`` and
``build_page``: the plugin's events, the theme's template, ``on_post_page``), a page asked for before
any other (``prepare``), the rest in the background, each written whole. Then, in the background, the
downloads and feeds, the maps, the search indexes (the documents of the re-rendered pages replaced)
and the sitemap: these may lag the pages by seconds. A change that fails — problems in the entries,
a warning while rendering a page (a strict build would stop) — prints each problem in the terminal
and shows them in a banner on every page; the last good pages stay until a change succeeds.
"""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from atlas import AtlasError
from atlas.maps.files import write_map_files
from atlas.output_dir import write_site_file
from atlas.page_source import read_page_file
from atlas.preview.server import PreviewServer
from atlas.render.csp import add_csp
from atlas.render.site import SitePages
from atlas.render.timeline import timeline_json
from atlas.search.index_files import replace_pages
from atlas.work.invalidation import ReadLog, changed_keys, instrument
from atlas.work.live import LiveAtlas

from .. import internals
from ..site_files import WrittenElsewhere
from .serve import Collect
from .two_cores import TwoCores
from .watch import Watcher

log = logging.getLogger(f"{internals.LOGGER}.plugins.atlas_mkdocs.preview")

#: a page whose HTML is longer than this takes long to render again (a national index: seconds) ...
HEAVY_BYTES = 512 * 1024
#: ... and is rendered in the background only once no page has been asked for this long
IDLE_SECONDS = 1.0
#: the background starts on a change this long after it was taken in: a reader's open pages, reloaded
#: by the change, are asked for first
GRACE_SECONDS = 0.25

@dataclass
class Built:
    """What a whole build left, kept warm."""

    config: object
    plugin: object
    folder: str
    files: Files = field(init=False)
    doc_files: list = field(init=False)
    src_of: dict = field(init=False)  # the page file's path in the site → its page

    def __post_init__(self) -> None:
        self.files = self.plugin.files
        self.refresh()

    def refresh(self) -> None:
        self.doc_files = self.files.documentation_pages()
        self.src_of = {file.dest_uri: file.src_uri for file in self.doc_files}


class Preview:
    def __init__(self, config_file: str, host: str = "127.0.0.1", port: int = 8000):
        self.config_file = os.path.abspath(config_file)
        self.root = Path(self.config_file).parent
        self.host, self.port = host, port
        self.serve_url = f"http://{host}:{port}/"
        self.workdir = tempfile.mkdtemp(prefix="atlas-preview-")
        self.live = LiveAtlas(self.root)
        self.lock = threading.RLock()  # MkDocs' page pipeline, and the state below
        self.versions = threading.Condition()
        self._version: dict[str, int] = {}  # a page's version (by its file in the site), bumped when it goes stale
        self._epoch = 0  # bumped when every page changes (a whole build, the banner)
        self._problems: list[str] | None = None
        self.built: Built | None = None
        self.builds = 0
        self.stale: dict[str, None] = {}  # pages to render again, in the order found
        self.documents: dict[str, list] = {}  # search documents of pages rendered again (or removed: none), by URL
        self.generation = 0  # changes taken in so far (the background work starts again after one)
        self.work = threading.Event()
        self.full_build_needed = False
        self.closing = False
        self.busy = False  # the background is working
        self.asking = 0  # requests waiting for a stale page (the background lets them go first)
        self.requests_done = threading.Condition()  # guards ``asking``; notified when it falls to 0
        self.asked = 0.0  # when a page was last asked for (time.monotonic)

    # -- what the server asks (atlas.preview.server.Site) ------------------------------------------

    def folder(self) -> str | None:
        return self.built.folder if self.built is not None else None

    def problems(self) -> list[str] | None:
        return self._problems

    def version(self, rel: str) -> str:
        return f"{self._epoch}.{self._version.get(rel, 0)}"

    def wait(self, rel: str, version: str, timeout: float) -> str:
        with self.versions:
            self.versions.wait_for(lambda: self.version(rel) != version, timeout)
            return self.version(rel)

    def status(self) -> dict:
        """For scripts (the benchmark): whether the preview has caught up with the last change."""
        return {"built": self.built is not None, "stale": len(self.stale), "busy": self.busy or self.work.is_set(),
                "problems": len(self._problems or [])}

    def prepare(self, rel: str) -> None:
        """Before a page is read: rendered now if an edit made it stale (pages never lag). A reader's
        request goes before the background's work: the background lets it have the lock."""
        self.asked = time.monotonic()
        built = self.built
        src = built.src_of.get(rel) if built is not None else None
        if src is not None and src in self.stale:
            with self.requests_done:
                self.asking += 1
            try:
                with self.lock:
                    if src in self.stale:
                        self._render([src])
            finally:
                with self.requests_done:
                    self.asking -= 1
                    if not self.asking:
                        self.requests_done.notify_all()

    def _bump(self, rels=(), everything: bool = False) -> None:
        with self.versions:
            for rel in rels:
                self._version[rel] = self._version.get(rel, 0) + 1
            if everything:
                self._epoch += 1
            self.versions.notify_all()

    def _fail(self, lines: list[str], printed: bool = False) -> None:
        """``lines``: the problems (``printed``: MkDocs has printed them already)."""
        for line in [] if printed else lines:
            log.error(line)
        log.error("The preview keeps showing the last good pages, marked stale, until a change succeeds")
        self._problems = lines
        self._bump(everything=True)

    def _succeeded(self) -> None:
        if self._problems is not None:
            self._problems = None
            self._bump(everything=True)

    # -- whole builds ---------------------------------------------------------------------------

    def full_build(self) -> bool:
        """A whole build into a new folder, served once it succeeded (else the last good one stays)."""
        self.builds += 1
        folder = os.path.join(self.workdir, f"site-{self.builds}")
        collected = Collect()
        logger = logging.getLogger(internals.LOGGER)
        logger.addHandler(collected)
        started = time.perf_counter()
        try:
            config = load_config(config_file=self.config_file, site_dir=folder)
            config.site_url = self.serve_url
            plugin = config.plugins["atlas"]
            plugin.config.staged_build = False  # this preview swaps whole folders itself
            plugin.load, plugin.read_log = self.live.load, ReadLog()
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except Exception as error:  # noqa: BLE001 - any failure: keep serving the last good site
            shutil.rmtree(folder, ignore_errors=True)
            self._fail(collected.lines or [str(error) or type(error).__name__], printed=bool(collected.lines))
            return False
        finally:
            logger.removeHandler(collected)
        # from now on every page is rendered here, and written by the preview (whole, if no warning came)
        plugin.cores = TwoCores(plugin.files, [], parallel=False)
        plugin.capture, plugin.sizes_known = {}, True
        with self.lock:
            old, self.built = self.built, Built(config, plugin, folder)
            self.stale.clear()
            self.documents.clear()
            self._problems = None
            self._bump(everything=True)
        if old is not None:
            shutil.rmtree(old.folder, ignore_errors=True)
        log.info(f"Built in {time.perf_counter() - started:.1f} s; serving on {self.serve_url}")
        return True

    # -- changes --------------------------------------------------------------------------------

    def apply(self, paths: set[str]) -> None:
        """Take in changed files (absolute paths): mark the pages they invalidate stale."""
        config_changed = any(self._kind(path) == "other" for path in paths)
        if config_changed or self.built is None or self.full_build_needed:
            self.full_build_needed = False
            if self.full_build():
                self.work.set()
            return
        content = sorted({path for path in paths if self._kind(path) == "content"})
        started = time.perf_counter()
        with self.lock:
            self.generation += 1
            built, plugin = self.built, self.built.plugin
            try:
                atlas = self.live.load()
            except AtlasError as error:
                self._fail([str(problem) for problem in error.problems])
                return
            stale = set()
            changed = changed_keys(plugin.atlas, atlas)
            if changed:
                stale |= plugin.read_log.pages_reading(changed)
                stale |= self._use_atlas(built, atlas)
                stale |= set(plugin.site.downloads_pages())  # they list the downloads' sizes
            for path in content:
                src = os.path.relpath(path, built.config.docs_dir).replace(os.sep, "/")
                if src in plugin.site_files.pages:  # a narrative
                    if os.path.isfile(path):
                        plugin.site_files.narratives[src] = read_page_file(path, os.path.relpath(path, self.root)).body
                    else:
                        plugin.site_files.narratives.pop(src, None)
                    stale.add(src)
                elif built.files.get_file_from_path(src) is not None and os.path.isfile(path):
                    if src.endswith(".md"):
                        stale.add(src)
                    else:  # a picture or a PDF
                        shutil.copyfile(path, os.path.join(built.folder, *built.files.get_file_from_path(src).dest_uri.split("/")))
                else:  # a page or file added or removed: its links and the others' are checked again
                    self.full_build_needed = True
            if self.full_build_needed:
                self.work.set()
                return
            self._succeeded()
            for src in sorted(stale):
                self.stale[src] = None
            files = built.files
            self._bump(files.get_file_from_path(src).dest_uri for src in stale if files.get_file_from_path(src))
        log.info(f"{len(stale)} page{'s' if len(stale) != 1 else ''} to render again "
                 f"(changes taken in in {time.perf_counter() - started:.2f} s)")
        self.work.set()

    def watched(self) -> list[str]:
        """The folders whose changes count: the entries, the hand-written pages, the templates (the
        folder holding the pages' templates, the theme's overrides and the vendored scripts)."""
        folders = {str(self.root / "data"), str(self.root / "content"), str(self.root / "site_templates")}
        if self.built is not None:
            plugin = self.built.plugin
            folders = {str(self.root / "data"), self.built.config.docs_dir,
                       os.path.dirname(os.path.abspath(plugin.config.templates))}
        outermost = sorted(folders)
        return [f for f in outermost if not any(f.startswith(o + os.sep) for o in outermost if o != f)]

    def _kind(self, path: str) -> str:
        built = self.built
        docs_dir = built.config.docs_dir if built is not None else str(self.root / "content")
        if path.startswith(os.path.join(str(self.root), "data") + os.sep):
            return "data"
        if path.startswith(os.path.abspath(docs_dir) + os.sep):
            return "content"
        return "other"

    def _use_atlas(self, built: Built, atlas) -> set[str]:
        """The plugin renders from ``atlas`` from now on; pages of added entries registered (returned),
        those of removed entries taken away."""
        plugin, config, files = built.plugin, built.config, built.files
        instrument(atlas, plugin.read_log)
        downloads_before = set(plugin.publication.paths())
        plugin.atlas = atlas
        plugin.site = SitePages(atlas, self.root, plugin.config.templates, config.site_url,
                                plugin.map_options if plugin.config.maps else None)
        # (the Downloads pages list the downloads' sizes: asked for before the background made them,
        # they make them then)
        plugin.site_files.site = plugin.site
        pages = {*plugin.site.sources(), *plugin.site.downloads_pages()}
        added, removed = pages - plugin.site_files.pages, plugin.site_files.pages - pages
        for src in sorted(added):
            files.append(File.generated(config, src, content="", inclusion=InclusionLevel.INCLUDED))
        for src in removed:
            file = files.get_file_from_path(src)
            if file is not None:
                self.documents[_page_url(file)] = []
            self._remove(built, src)
            self.stale.pop(src, None)
            plugin.read_log.forget([src])
        plugin.site_files.pages = pages
        # the downloads and feeds of added entries (written in the background) and the redirects
        downloads = set(plugin.publication.paths())
        for path in sorted(downloads - downloads_before):
            files.append(WrittenElsewhere.at(config, path, lambda: None))
        has_page = {file.src_uri for file in files}.__contains__
        redirects = plugin.publication.redirects(has_page)
        for path in (downloads_before - downloads) | (plugin.site_files.redirects.keys() - redirects.keys()):
            self._remove(built, path)
        for path in sorted(redirects.keys() - plugin.site_files.redirects.keys()):
            files.append(File.generated(config, path, content=redirects[path], inclusion=InclusionLevel.INCLUDED))
        plugin.site_files.redirects = redirects
        # in the order a whole build adds them (the sitemap's, the search indexes')
        ours = plugin.site_files.added()
        mine = set(ours)
        built.files = plugin.files = plugin.cores.files = Files(
            [file for file in files if file.src_uri not in mine] + [files.get_file_from_path(path) for path in ours])
        built.refresh()
        return added

    @staticmethod
    def _remove(built: Built, src: str) -> None:
        """A file of the site taken away: from MkDocs' files, and from the served folder."""
        file = built.files.get_file_from_path(src)
        if file is not None:
            built.files.remove(file)
            target = os.path.join(built.folder, *file.dest_uri.split("/"))
            if os.path.exists(target):
                os.remove(target)

    # -- rendering ------------------------------------------------------------------------------

    def _render(self, srcs: list[str]) -> None:
        """Stale pages through MkDocs' page pipeline, each written whole if it rendered without a
        warning (else the last good one stays, and the banner says why). Holds the lock."""
        built = self.built
        plugin, config = built.plugin, built.config
        quiet = internals.QuietSkips(set(srcs)).install()
        collected = Collect()
        logger = logging.getLogger(internals.LOGGER)
        logger.addHandler(collected)
        try:
            for src in srcs:
                self.stale.pop(src, None)
                file = built.files.get_file_from_path(src)
                if file is None:
                    continue
                page = file.page if file.page is not None else Page(None, file, config)
                before, started = len(collected.lines), time.perf_counter()
                try:
                    internals.populate_page(page, config, built.files)
                    internals.build_page(page, config, built.doc_files, plugin.nav, plugin.env)
                except Exception as error:  # noqa: BLE001 - shown, and the last good page stays
                    plugin.capture.pop(src, None)
                    self._fail(collected.lines[before:] or [f"{src}: {error}"], printed=len(collected.lines) > before)
                    continue
                output, docs = plugin.capture.pop(src, (None, []))
                if len(collected.lines) > before:
                    self._fail(collected.lines[before:], printed=True)
                    continue
                if output and output.strip():
                    write_site_file(built.folder, file.dest_uri, output.encode("utf-8", errors="xmlcharrefreplace"))
                self.documents[_page_url(file)] = docs
                log.debug(f"rendered {src} in {time.perf_counter() - started:.3f} s")
        finally:
            logger.removeHandler(collected)
            quiet.remove()

    # -- the background: stale pages, then what may lag ------------------------------------------

    def background(self) -> None:
        while True:
            self.work.wait()
            self.busy = True
            self.work.clear()
            try:
                if self.full_build_needed:
                    self.apply(set())
                    continue
                self._catch_up()
            except Exception:  # noqa: BLE001 - the next change starts again
                if not self.closing:
                    log.exception("The preview's background work failed")
            finally:
                self.busy = False

    def _catch_up(self) -> None:
        generation = self.generation
        built = self.built
        if built is None:
            return
        plugin = built.plugin
        downloads = set(plugin.site.downloads_pages())
        time.sleep(GRACE_SECONDS)  # the pages a reader's browser reloads on the change come first
        sizes: dict[str, int] = {}
        while True:  # the stale pages first, shortest first, one at a time (a page asked for goes before)
            with self.requests_done:  # a request is waiting for the lock: it has it first
                self.requests_done.wait_for(lambda: not self.asking)
            with self.lock:
                if self.generation != generation or self.built is not built:
                    return self.work.set()
                waiting = [src for src in self.stale if src not in downloads]
                if not waiting:
                    break
                for src in waiting:
                    if src not in sizes:
                        sizes[src] = self._size(built, src)
                shortest = min(waiting, key=sizes.__getitem__)
                if sizes[shortest] <= HEAVY_BYTES or time.monotonic() - self.asked >= IDLE_SECONDS:
                    self._render([shortest])
                    continue
            time.sleep(0.05)  # only long pages left (the indexes of a national atlas): once no one asks
        atlas, publication = plugin.atlas, plugin.publication
        log.debug("pages done; the downloads and feeds")
        publication.write(built.folder, csp=True)  # the downloads, feeds and charts' files
        with self.lock:
            if self.generation != generation or self.built is not built:
                return self.work.set()
            self._render([src for src in self.stale if src in downloads])
            for renderer in plugin.site.renderers:
                write_site_file(built.folder, f"{renderer.prefix}events/timeline.json",
                                timeline_json(atlas, renderer.lang).encode("utf-8"))
            has_page = {file.src_uri for file in built.files}.__contains__
            redirects = publication.redirects(has_page)
        for path, data in redirects.items():
            if path.endswith(".html"):
                data = add_csp(data.decode("utf-8"), built.config.site_url).encode("utf-8")
            write_site_file(built.folder, path, data)
        log.debug("the maps")
        if plugin.config.maps:
            write_map_files(atlas, plugin.map_options, plugin.config.vendor, built.folder, built.config.site_url, True)
        with self.lock:
            if self.generation != generation or self.built is not built:
                return self.work.set()
            documents, self.documents = self.documents, {}
            order = [_page_url(file) for file in built.doc_files]
            internals.build_theme_template("sitemap.xml", plugin.env, built.files, built.config, plugin.nav)
        # (without the lock: a national index takes seconds to rewrite, and pages asked for meanwhile go on)
        if built.plugin.search.material is not None and documents:
            replace_pages(built.folder, documents, order, atlas)
        log.debug("the background work is done")

    @staticmethod
    def _size(built: Built, src: str) -> int:
        """The length of a page's last HTML: what it costs to render again, roughly (an index listing
        thousands of entries takes seconds; the background renders such a page only once no page has
        been asked for a moment, so that it never holds up the pages a reader is waiting for)."""
        file = built.files.get_file_from_path(src)
        try:
            return os.path.getsize(os.path.join(built.folder, *file.dest_uri.split("/"))) if file is not None else 0
        except OSError:
            return 0


def _page_url(file: File) -> str:
    """A page's address as search documents give it (the home page's is empty)."""
    return "" if file.url in (".", "./") else file.url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="atlas serve", description="A live preview that re-renders only "
                                     "the pages an edit changes.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")
    parser.add_argument("-v", "--verbose", action="store_true", help="say what each change costs")
    args = parser.parse_args(argv)
    host, _, port = args.dev_addr.rpartition(":")

    state = internals.command_line_log()  # noqa: F841 - MkDocs' log handler, kept for the run
    if args.verbose:
        log.setLevel(logging.DEBUG)
    preview = Preview(args.config_file, host or "127.0.0.1", int(port))
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    try:
        try:
            server = PreviewServer((preview.host, preview.port), preview)
        except OSError as error:
            log.error(f"cannot serve on {args.dev_addr}: {error.strerror or error}")
            return 1
        preview.full_build()  # before any thread runs: it may use both cores
        Watcher(preview.apply, preview.watched(), [preview.config_file], str(preview.root), log).start()
        threading.Thread(target=preview.background, name="atlas-preview-background", daemon=True).start()
        log.info(f"Serving on {preview.serve_url} (Ctrl+C to stop)")
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        log.info("Stopped")
    finally:
        preview.closing = True
        shutil.rmtree(preview.workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
