"""Folium elements of the atlas' maps: local assets, stable ids, data passed as JSON.

Folium renders a map as a tree of elements into one HTML document. Three of
its defaults do not suit a published site, and are changed here:

* scripts and styles come from CDNs, listed in class-level ``default_js`` /
  ``default_css`` lists shared by every map in the process: each element gets
  its own list of the site's vendored files instead (the shared lists are never
  edited);
* element ids come from ``os.urandom``: ``stable_ids`` renames every element
  from the map's key and its position in the tree, so a build is repeatable;
* popups are HTML strings pasted into JavaScript template literals: the atlas'
  data goes in as JSON instead (``tojson`` escapes ``<``, ``>``, ``&`` and
  quotes, so ``</script>`` in a name stays text) and the browser builds popups
  with ``textContent`` (see ``static/atlas-map.js``);
* the map's script is written inline at the end of the document: here it goes
  into a file of its own beside the document (``MapFiles.script``), so that map
  documents hold no inline script and the site's Content-Security-Policy allows
  scripts from the site's files only (``atlas.render.csp``).
"""
from __future__ import annotations

import contextlib
import re
import threading
from dataclasses import dataclass

import branca.element
import folium
import jinja2
from branca.element import Element, Figure, MacroElement
from folium.template import Template

from ..formats import json_in_html


class MapDocument(Figure):
    """A complete, accessible HTML document for one map (language, title, noscript text)."""

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="{{ this.lang|e }}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        "<title>{{ this.title|e }}</title>\n"
        "{{ this.header.render(**kwargs) }}\n"
        "</head>\n"
        "<body>\n"
        "{{ this.html.render(**kwargs) }}\n"
        '<noscript><p class="atlas-noscript">{{ this.noscript|e }} '
        '<a href="{{ this.page[0]|e }}" target="_top">{{ this.page[1]|e }}</a></p></noscript>\n'
        '<script src="{{ this.script_src|e }}"></script>\n'
        "</body>\n"
        "</html>\n"
    )

    def __init__(self, lang: str, title: str, noscript: str, script_src: str, page: tuple[str, str]):
        """``script_src``: the address of the map's own script, relative to the document; ``page``:
        (address, link text) of the page that lists what the map shows."""
        super().__init__()
        self.page = page
        self.header._children.clear()  # Figure's own <meta http-equiv>; the template says charset
        self.lang = lang
        self.title = title
        self.noscript = noscript
        self.script_src = script_src

    def render(self, **kwargs) -> "MapFiles":
        with _plain_text_elements():
            html = super().render(**kwargs)  # renders every element, the document without its script
            script = self.script.render(**kwargs)
        # Folium's map header forbids zooming the page (user-scalable=no, maximum-scale=1):
        # readers who enlarge text must be able to (WCAG 1.4.4)
        html = _VIEWPORT.sub('<meta name="viewport" content="width=device-width, initial-scale=1">', html, count=1)
        # Folium's global switches (an inline script in the head) are its defaults, and Leaflet, loaded
        # before them, never reads them: left out, so that the document holds no inline script
        html = _FOLIUM_SWITCHES.sub("", html, count=1)
        return MapFiles(html, script.strip() + "\n")


@dataclass(frozen=True)
class MapFiles:
    """One map: its HTML document and its script (a file beside it, named by ``paths.script_of``)."""

    html: str
    script: str


_FOLIUM_SWITCHES = re.compile(r"<script>\s*L_NO_TOUCH = false;\s*L_DISABLE_3D = false;\s*</script>\s*")


_JINJA_SYNTAX = ("{{", "{%", "{#", "\r")


class _PlainText:
    """What ``jinja2.Template(source).render(...)`` gives for a source without Jinja syntax: the
    text itself, less one final newline (Jinja's ``keep_trailing_newline=False``)."""

    __slots__ = ("text",)

    def __new__(cls, source, *args, **kwargs):
        if args or kwargs or not isinstance(source, str) or any(mark in source for mark in _JINJA_SYNTAX):
            return jinja2.Template(source, *args, **kwargs)
        self = super().__new__(cls)
        self.text = source[:-1] if source.endswith("\n") else source
        return self

    def render(self, *args, **kwargs) -> str:
        return self.text


_RENDER_LOCK = threading.Lock()


@contextlib.contextmanager
def _plain_text_elements():
    """While a map renders, plain text pieces are not compiled as templates.

    Branca renders each element's macros to text, wraps that text in a new ``Element``, whose
    constructor compiles it as a Jinja template (``branca.element.Template(text)``) only for
    it to render to the same text: thousands of compilations per build, most of the maps'
    time. Within this block such text is kept as it is (anything with Jinja syntax is still
    compiled), so the output is byte for byte the same. Branca's module is restored after.
    """
    with _RENDER_LOCK:
        original = branca.element.Template
        branca.element.Template = _PlainText
        try:
            yield
        finally:
            branca.element.Template = original


_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>')


def local_assets(element: MacroElement, js: list[tuple[str, str]], css: list[tuple[str, str]]) -> MacroElement:
    """Point one element at the site's own files (its own lists; Folium's shared ones stay as they are)."""
    element.default_js = list(js)
    element.default_css = list(css)
    return element


class Assets(folium.elements.JSCSSMixin):
    """Links the atlas' map script and style (rendered once, by name, in the document head)."""

    _template = Template("")

    def __init__(self, js: list[tuple[str, str]], css: list[tuple[str, str]]):
        super().__init__()
        self._name = "Assets"
        local_assets(self, js, css)


#: JSON for a script: nothing in it can close the element or start markup (``atlas.formats``)
js_value = json_in_html


class Call(MacroElement):
    """One call into ``atlasMap`` (static/atlas-map.js) with JSON arguments.

    ``args`` are elements (passed as their JavaScript variables) or JSON values
    (passed through ``js_value``). With ``assign``, the result is kept in a
    variable named after this element.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{% if this.assign %}var {{ this.get_name() }} = {% endif %}"
        "atlasMap.{{ this.function }}({{ this.js_args }});\n"
        "{% endmacro %}"
    )

    def __init__(self, function: str, *args: object, assign: bool = False):
        super().__init__()
        if not re.fullmatch(r"[a-z][A-Za-z]*", function):
            raise ValueError(f"not an atlasMap function: {function!r}")
        self._name = "AtlasCall"
        self.function = function
        self.args = args
        self.assign = assign
        self.js_args = ""

    def render(self, **kwargs):
        self.js_args = ", ".join(
            arg.get_name() if isinstance(arg, Element) else js_value(arg) for arg in self.args
        )
        super().render(**kwargs)


def stable_ids(root: Element, key: str) -> None:
    """Replace every element's random id with one from ``key`` and its place in the tree."""
    prefix = re.sub(r"[^0-9a-zA-Z]+", "_", key).strip("_") or "map"
    counter = 0

    def visit(element: Element) -> None:
        nonlocal counter
        element._id = f"{prefix}_{counter}"
        counter += 1
        if isinstance(element, Figure):
            for part in (element.header, element.html, element.script):
                visit(part)
        for child in list(element._children.values()):
            visit(child)

    visit(root)
