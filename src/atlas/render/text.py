"""Making contributor text safe to place in generated Markdown.

Every value a template prints passes through ``escape_markdown`` (Jinja's
``finalize`` hook), so a name like ``[x](javascript:…)`` or ``<script>``
stays literal text: HTML specials become entities and Markdown punctuation is
backslash-escaped. Values the renderer built itself (links to our own pages)
are wrapped in ``Raw`` and printed as they are.
"""
from __future__ import annotations

import html
import re

from markupsafe import Markup, escape

from ..formats import json_text

# any run of white space (line breaks included) inside built markup: one space
_ONE_LINE = re.compile(r"\s+")

# Punctuation that starts Markdown (or extension) syntax anywhere in a line.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


class Raw(Markup):
    """Markdown the renderer (or a template) wrote itself; printed without escaping.

    Jinja runs with autoescape on, so macro output and template text are
    ``Markup`` and pass through; plain strings from entries go through
    ``escape_markdown`` (the ``finalize`` hook) first.
    """


def escape_markdown(value: object) -> object:
    if value is None:
        return Raw("")
    if isinstance(value, Markup):
        return value
    if not isinstance(value, str):
        value = str(value)
    text = " ".join(value.split())  # one line: no block syntax can start
    text = html.escape(text, quote=True)
    return Raw(_MD_SPECIAL.sub(r"\\\1", text))


def join_escaped(values: object, separator: str = ", ") -> Raw:
    """Jinja's ``join``, escaping each item for Markdown (the built-in one only escapes HTML)."""
    return Raw(str(separator).join(str(escape_markdown(v)) for v in values))


def escape_paragraphs(value: str) -> Raw:
    """Longer text: keep blank-line paragraph breaks, escape each paragraph."""
    if isinstance(value, Markup):
        return Raw(value)
    paragraphs = [p for p in re.split(r"\n\s*\n", value.strip()) if p.strip()]
    return Raw("\n\n".join(str(escape_markdown(p)) for p in paragraphs))


def safe_title(title: str | None) -> str:
    """A page title as the theme prints it (raw, into ``<title>``, the header and the navigation):
    HTML-escaped text with no markup. Takes escaped text (generated pages' titles, which this leaves
    as they are) or anything else a title may hold (a heading's HTML): tags are dropped, entities
    read, the text escaped once."""
    return str(escape(Markup(title or "").striptags()))  # escaped as Jinja's |e escapes generated titles


def yaml_string(value: str) -> Raw:
    """A string for the page's front matter (JSON is valid YAML)."""
    return Raw(json_text(" ".join(value.split())))


def element_html(element) -> Raw:
    """Markup built as ``xml.etree.ElementTree`` elements (the charts' HTML and SVG), as one line of
    HTML: text and attribute values are escaped by the serialiser (``&``, ``<``, ``>``, ``"``), never
    by hand, and characters XML 1.0 cannot hold are replaced first (``atlas.formats.xml_text``).
    Written as HTML: void elements (``<meta>``) without an end tag, others with theirs (``<rect …></rect>``:
    valid in HTML and in inline SVG).
    One line: Markdown leaves a raw HTML block alone."""
    import xml.etree.ElementTree as ET

    from ..formats import xml_text

    for node in element.iter():
        if node.text:
            node.text = _ONE_LINE.sub(" ", xml_text(node.text))
        if node.tail:
            node.tail = _ONE_LINE.sub(" ", xml_text(node.tail))
        for key, value in node.attrib.items():
            node.attrib[key] = _ONE_LINE.sub(" ", xml_text(value))
    return Raw(ET.tostring(element, encoding="unicode", method="html"))
