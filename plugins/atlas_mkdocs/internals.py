"""Everything the atlas uses of MkDocs and mkdocs-material beyond their plugin API — in this one module.

The plugin otherwise keeps to MkDocs' documented plugin events and structures (``File``, ``Files``,
``Page``, ``Navigation``). What is here reaches further, and can break with a release of MkDocs, of
ProperDocs (its continuation: ``import mkdocs`` gives ProperDocs' modules where it is installed
with ``properdocs.replacement``) or of mkdocs-material. ``tests/test_internals.py`` checks every item
against the installed versions and names what changed.

* the page pipeline, to render single pages outside a whole build (the two-process build and the
  preview): ``mkdocs.commands.build._populate_page`` (Markdown → HTML), ``_build_page`` (theme
  template → ``on_post_page`` → the file), ``_build_theme_template`` (sitemap.xml);
* what rendering leaves on a ``Page`` that other pages need: ``_title_from_render``,
  ``present_anchor_ids``, ``links_to_anchors`` (and a page's ``render`` replaced by one that makes
  nothing, for a page the other process converts);
* mkdocs-material's search plugin: its ``search_index`` (``entries``, ``config``);
* the message MkDocs logs for a page whose output is empty (pages written by the other process);
* the logger a build's messages go through (``mkdocs``, or ``properdocs``) and the generator's name;
* the command line's log output (``mkdocs.__main__.State``, its handler's ``ColorFormatter``), made
  not to wrap lines at the terminal's width;
* ``mkdocs serve``'s live-reload server: ``builder``, ``get_app``/``set_app``.
"""
from __future__ import annotations

import logging
import textwrap
import zlib

import jinja2
import mkdocs
from mkdocs.commands import build as _build
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

#: the renderer running (``mkdocs``, or ``properdocs`` answering to ``import mkdocs``) and its version
RENDERER: str = mkdocs.__name__
VERSION: str = mkdocs.__version__
#: the logger every message of a build goes through: the command line prints it, a strict build counts its warnings
LOGGER: str = RENDERER


# -- the page pipeline ---------------------------------------------------------------------------

def populate_page(page: Page, config, files: Files) -> None:
    """``on_pre_page`` → read → ``on_page_markdown`` → Markdown to HTML → ``on_page_content``."""
    _build._populate_page(page, config, files)


def build_page(page: Page, config, doc_files, nav, env: jinja2.Environment) -> None:
    """``on_page_context`` → the theme's template → ``on_post_page`` → written to ``page.file.abs_dest_path``."""
    _build._build_page(page, config, doc_files, nav, env)


def build_theme_template(name: str, env: jinja2.Environment, files: Files, config, nav) -> None:
    """A template of the theme (``sitemap.xml``, ``404.html``) rendered and written, as a build does."""
    _build._build_theme_template(name, env, files, config, nav)


# -- what rendering leaves on a page ----------------------------------------------------------

def rendered_state(page: Page) -> dict:
    """What other pages and the end of the build need of a rendered page, in plain values (to be
    sent to another process): its metadata, the title of its first heading, its anchors and the
    anchors it links to (by the linked pages' paths)."""
    links = page.links_to_anchors or {}
    return {"meta": page.meta, "title": page._title_from_render,
            "anchors": page.present_anchor_ids,
            "links": {file.src_uri: dict(anchors) for file, anchors in links.items()}}


def hold_content(page: Page, html: str) -> str:
    """Keep a converted page's HTML compressed until its theme template is rendered (a national atlas
    holds tens of thousands of pages between MkDocs' two loops: a gigabyte of HTML, a fifth of that
    compressed); returns what ``page.content`` is meanwhile: nothing."""
    page.atlas_held = zlib.compress(html.encode("utf-8"), 1)
    return ""


def release_content(page: Page) -> None:
    """The page's HTML back in ``page.content`` (before anything of the second loop reads it)."""
    held = page.__dict__.pop("atlas_held", None)
    if held is not None:
        page.content = zlib.decompress(held).decode("utf-8")


def converted_state(page: Page) -> dict:
    """``rendered_state`` and the page's HTML (held) and table of contents: all the other process
    needs to write a page converted here (the theme template, ``on_post_page``)."""
    return {**rendered_state(page), "held": page.__dict__.get("atlas_held"), "content": page.content, "toc": page.toc}


def use_converted_state(page: Page, state: dict, files: Files) -> None:
    use_rendered_state(page, state, files)
    page.content, page.toc = state["content"], state["toc"]
    if state["held"] is not None:
        page.atlas_held = state["held"]


def render_nothing(page: Page) -> None:
    """``page`` converts to nothing in this process (the other process converts it): MkDocs' loop still
    goes through it, without making a Markdown converter for it (a millisecond a page)."""

    def render(config, files) -> None:
        page.content, page.toc, page._title_from_render = "", get_toc([]), None
        page.present_anchor_ids, page.links_to_anchors = set(), {}

    page.render = render


def use_rendered_state(page: Page, state: dict, files: Files) -> None:
    """Give a page not rendered in this process what ``rendered_state`` took from it where it was."""
    page.__dict__.pop("render", None)  # (render_nothing's) it renders as any page again
    page.meta = state["meta"]
    page._title_from_render = state["title"]
    page.present_anchor_ids = state["anchors"]
    page.links_to_anchors = {files.get_file_from_path(src): anchors for src, anchors in state["links"].items()}
    if page.markdown is None:
        page.markdown = ""  # "read": its title comes from its metadata


def title_from_render(page: Page) -> str | None:
    return page._title_from_render


def set_title_from_render(page: Page, title: str | None) -> None:
    page._title_from_render = title


# -- pages written by the other process -------------------------------------------------------

#: a template that renders nothing: a page given it in its metadata is not written (MkDocs skips
#: empty output) — the other process of the build writes it
ELSEWHERE_TEMPLATE = "atlas-written-elsewhere.html"
SKIPPED = "Page skipped: '{}'. Generated empty output."  # what MkDocs logs (at INFO) for such a page


def with_elsewhere_template(env: jinja2.Environment) -> jinja2.Environment:
    if not getattr(env, "atlas_elsewhere", False):
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({ELSEWHERE_TEMPLATE: ""}), env.loader])
        env.atlas_elsewhere = True
    return env


class QuietSkips(logging.Filter):
    """Leaves out MkDocs' "Page skipped" line for the pages the other process writes."""

    def __init__(self, src_uris: set[str]):
        super().__init__()
        self.lines = {SKIPPED.format(src) for src in src_uris}

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() not in self.lines

    def install(self) -> "QuietSkips":
        _build.log.addFilter(self)
        return self

    def remove(self) -> None:
        _build.log.removeFilter(self)


# -- the command line's log output -------------------------------------------------------------

def command_line_log():
    """The log output ``mkdocs build`` sets up (its ``State``: a handler on the renderer's logger, colours),
    for ``atlas build`` and ``atlas serve``; keep the returned object for the run. Unlike MkDocs', it
    never wraps a line at the terminal's width: a problem stays ``file:line: field: message`` on one
    line, for a terminal's links, an editor's problem matcher and grep, however long the path."""
    from mkdocs.__main__ import State

    state = State()
    formatter = state.stream.formatter
    if isinstance(getattr(formatter, "text_wrapper", None), textwrap.TextWrapper):
        formatter.text_wrapper = textwrap.TextWrapper(width=0)  # this handler's only: MkDocs wraps when width > 0
    return state


# -- mkdocs-material's search ---------------------------------------------------------------

SEARCH_SETTINGS = ("lang", "separator", "pipeline", "fields")


def material_search_index(config):
    """mkdocs-material's search index (its ``entries`` and ``config``), if that search plugin is on."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and isinstance(getattr(index, "entries", None), list) and hasattr(index, "config"):
            return index
    return None


def take_search_entries(index) -> list[dict]:
    """The documents the search plugin made since the last call (those of the page just built)."""
    entries, index.entries = index.entries, []
    return entries


def search_settings(index) -> dict:
    return {key: index.config[key] for key in SEARCH_SETTINGS}


# -- mkdocs serve ---------------------------------------------------------------------------

def wrap_live_reload(server, builder, middleware) -> object:
    """Make ``server`` (MkDocs' ``LiveReloadServer``) call ``builder(config=None)`` to rebuild, and
    serve through ``middleware(app)``. Returns the server's own builder."""
    own = server.builder
    server.builder = builder
    server.set_app(middleware(server.get_app()))
    return own
