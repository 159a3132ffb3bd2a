"""What the atlas uses of MkDocs (or ProperDocs) and mkdocs-material beyond their plugin API
(plugins/atlas_mkdocs/internals.py) is still there and still does what the atlas relies on.

Each check names the private function or attribute it is about: when an upgrade of MkDocs, ProperDocs
or mkdocs-material breaks one, this file says which, before a build fails in some other way.
"""
from __future__ import annotations

import inspect
import logging

import jinja2
import pytest

from atlas_mkdocs import internals


def _signature(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_the_page_pipeline_functions_are_there_with_their_arguments():
    from mkdocs.commands import build

    for name, wanted in (("_populate_page", ["page", "config", "files", "dirty"]),
                         ("_build_page", ["page", "config", "doc_files", "nav", "env", "dirty", "excluded"]),
                         ("_build_theme_template", ["template_name", "env", "files", "config", "nav"])):
        function = getattr(build, name, None)
        assert callable(function), f"{internals.RENDERER}.commands.build.{name} is gone"
        assert _signature(function)[:len(wanted)] == wanted, (
            f"{internals.RENDERER}.commands.build.{name} now takes {_signature(function)}, not {wanted}")
    assert isinstance(getattr(build, "log", None), logging.Logger), (
        f"{internals.RENDERER}.commands.build.log (the logger of 'Page skipped') is gone")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """A tiny MkDocs project converted and written through internals' functions."""
    from mkdocs.commands.build import get_context  # noqa: F401 - part of what build_page uses
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    root = tmp_path_factory.mktemp("internals")
    (root / "docs").mkdir()
    (root / "docs/index.md").write_text("# Home page\n\n[the other page](other.md#part)\n", encoding="utf-8")
    (root / "docs/other.md").write_text("---\ntitle: Other\n---\n\n## Part\n\ntext\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: t\nsite_url: https://example.org/\nuse_directory_urls: true\n"
                                     "theme: {name: material}\nplugins: []\n",
                                     encoding="utf-8")
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    files = Files([File(name, str(root / "docs"), str(root / "site"), True) for name in ("index.md", "other.md")])
    nav = get_navigation(files, config)
    for file in files:
        if file.page is None:
            Page(None, file, config)
    env = config.theme.get_env()
    for file in files:
        internals.populate_page(file.page, config, files)
    for file in files:
        internals.build_page(file.page, config, files.documentation_pages(), nav, env)
    return root, config, files, nav, env


def test_a_page_converted_and_written_through_the_pipeline(rendered):
    root, config, files, _, _ = rendered
    home = files.get_file_from_path("index.md").page
    assert (root / "site/index.html").is_file(), "_build_page wrote no file at page.file.abs_dest_path"
    assert "the other page" in (root / "site/index.html").read_text(encoding="utf-8")
    assert internals.title_from_render(home) == "Home page", "Page._title_from_render no longer holds the first heading"
    state = internals.rendered_state(files.get_file_from_path("other.md").page)
    assert state["title"] is None and state["meta"] == {"title": "Other"}
    assert "part" in (state["anchors"] or ()), "Page.present_anchor_ids no longer holds the page's anchors"
    links = internals.rendered_state(home)["links"]
    assert links == {"other.md": {"part": "other.md#part"}}, (
        f"Page.links_to_anchors changed shape (by linked File, anchor → link): {links}")


def test_rendered_state_moves_to_a_page_not_rendered_here(rendered):
    _, config, files, _, _ = rendered
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    state = internals.rendered_state(files.get_file_from_path("index.md").page)
    blank = Page(None, File("index.md", "docs", "site", True), config)
    internals.use_rendered_state(blank, state, files)
    assert blank.title == "Home page", "a page's title no longer comes from _title_from_render once read"
    assert blank.present_anchor_ids == state["anchors"]
    assert list(blank.links_to_anchors) == [files.get_file_from_path("other.md")]


def test_a_page_given_the_elsewhere_template_is_not_written_and_not_logged(rendered, caplog):
    root, config, files, nav, env = rendered
    page = files.get_file_from_path("other.md").page
    target = root / "site/other/index.html"
    target.unlink()
    internals.with_elsewhere_template(env)
    page.meta = {**page.meta, "template": internals.ELSEWHERE_TEMPLATE}
    quiet = internals.QuietSkips({"other.md"})
    with caplog.at_level(logging.INFO):
        internals.build_page(page, config, files.documentation_pages(), nav, env)
    assert not target.exists(), "a page whose template renders nothing was written"
    assert any(quiet.lines & {record.getMessage()} for record in caplog.records), (
        f"MkDocs no longer says {internals.SKIPPED.format('other.md')!r} for an empty page: "
        f"{[record.getMessage() for record in caplog.records]}")
    quiet.install()
    caplog.clear()
    try:
        with caplog.at_level(logging.INFO):
            internals.build_page(page, config, files.documentation_pages(), nav, env)
    finally:
        quiet.remove()
    assert not [r for r in caplog.records if "Page skipped" in r.getMessage()]


def test_the_renderer_logs_through_its_own_logger():
    from mkdocs.plugins import get_plugin_logger

    assert get_plugin_logger("x").logger.name.startswith(internals.LOGGER + "."), (
        f"plugin loggers are no longer under {internals.LOGGER!r}")
    assert internals.RENDERER in ("mkdocs", "properdocs")


def test_materials_search_index_has_entries_and_settings(tmp_path):
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ntheme: {name: material}\nplugins: [search]\n", encoding="utf-8")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    config.plugins.on_config(config)
    index = internals.material_search_index(config)
    assert index is not None, "mkdocs-material's search plugin has no search_index (with entries and config)"
    assert index.entries == [] and callable(getattr(index, "add_entry_from_context", None))
    settings = internals.search_settings(index)
    assert set(settings) == set(internals.SEARCH_SETTINGS), "the search index's config lost one of its settings"
    index.entries.append({"location": "", "title": "t", "text": ""})
    assert internals.take_search_entries(index) == [{"location": "", "title": "t", "text": ""}]
    assert index.entries == []


def test_live_reload_server_can_be_wrapped():
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=".")
    try:
        for name in ("builder", "get_app", "set_app"):
            assert hasattr(server, name), f"mkdocs.livereload.LiveReloadServer.{name} is gone"
        calls = []
        own = internals.wrap_live_reload(server, lambda config=None: calls.append(config), lambda app: app)
        assert callable(own) and server.builder is not own
    finally:
        server.server_close()


def test_the_elsewhere_template_renders_nothing():
    env = jinja2.Environment(loader=jinja2.DictLoader({"main.html": "x"}))
    internals.with_elsewhere_template(internals.with_elsewhere_template(env))
    assert env.get_template(internals.ELSEWHERE_TEMPLATE).render() == ""
    assert env.get_template("main.html").render() == "x"


def test_a_page_rendered_elsewhere_renders_nothing_here_until_its_state_arrives(rendered):
    _, config, files, _, _ = rendered
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    state = internals.rendered_state(files.get_file_from_path("index.md").page)
    page = Page(None, File("index.md", str(files.get_file_from_path("index.md").src_dir), "site", True), config)
    internals.render_nothing(page)
    page.read_source(config)
    page.render(config, files)
    assert page.content == "" and page.present_anchor_ids == set() and list(page.toc) == []
    internals.use_rendered_state(page, state, files)
    page.render(config, files)  # MkDocs' own again
    assert "the other page" in page.content


def test_the_command_line_log_is_mkdocs_own_and_keeps_a_long_line_whole(monkeypatch):
    """``atlas build`` and ``atlas serve`` log through MkDocs' own handler and formatter (its ``State``,
    ``ColorFormatter``), which wraps lines at the terminal's width; theirs must not."""
    import textwrap

    from mkdocs.__main__ import ColorFormatter

    assert isinstance(getattr(ColorFormatter, "text_wrapper", None), textwrap.TextWrapper), (
        f"{internals.RENDERER}.__main__.ColorFormatter.text_wrapper is gone")
    # as in a terminal 40 columns wide (MkDocs reads the width once, when it is imported)
    monkeypatch.setattr(ColorFormatter, "text_wrapper", textwrap.TextWrapper(width=40, initial_indent=" " * 11,
                                                                             subsequent_indent=" " * 11))
    state = internals.command_line_log()
    try:
        assert isinstance(state.stream.formatter, ColorFormatter)
        assert state.stream in logging.getLogger(internals.LOGGER).handlers
        problem = "data/institutions/" + "a" * 90 + ".yml:3: kind: 'universityy' is not allowed"
        record = logging.LogRecord(internals.LOGGER, logging.ERROR, __file__, 1, problem, None, None)
        shown = state.stream.formatter.format(record)
        assert shown.endswith(problem) and "\n" not in shown, shown
        assert "\n" in ColorFormatter().format(record)  # what MkDocs' own does
    finally:
        logging.getLogger(internals.LOGGER).removeHandler(state.stream)
