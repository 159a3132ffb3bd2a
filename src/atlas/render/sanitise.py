"""Allow-list sanitising of page HTML, so nothing a contributor writes runs script.

Contributors write Markdown narratives and hand-written pages; Markdown lets
raw HTML and attribute lists (``{: onclick=…}``) through. Each page's HTML
body is therefore cleaned with nh3 (ammonia): only the tags, attributes and URL
schemes below survive; ``<script>``, ``<style>``, event handlers and
``javascript:`` links do not.

One embedded element is allowed: an ``<iframe>`` showing one of the site's own
map documents (``maps/…/*.html``, reached by a relative path). Its ``src``
must be such a path — anything else (another site, ``//host``, ``data:``,
``javascript:``) loses the attribute, and an iframe without ``src`` is removed.
Such a frame may go full screen (``allowfullscreen``, or ``allow="fullscreen"``
and nothing else): the map's full-screen control needs it, and a frame that
survives shows nothing but the site's own map.
"""
from __future__ import annotations

import copy
import re

import nh3

_TAGS = set(nh3.ALLOWED_TAGS) | {"section", "main", "label"}
_GLOBAL_ATTRIBUTES = {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "hidden"}
_ATTRIBUTES = copy.deepcopy(nh3.ALLOWED_ATTRIBUTES)
_ATTRIBUTES.setdefault("a", set()).update({"href", "hreflang", "title"})
_ATTRIBUTES.setdefault("img", set()).update({"src", "alt", "width", "height", "loading"})
_ATTRIBUTES.setdefault("ol", set()).update({"start", "reversed"})
_ATTRIBUTES.setdefault("time", set()).update({"datetime"})
for _tag in ("td", "th"):
    _ATTRIBUTES.setdefault(_tag, set()).add("style")
_ATTRIBUTES["*"] = _GLOBAL_ATTRIBUTES
_URL_SCHEMES = {"http", "https", "mailto"}
# the atlas' charts (atlas.render.charts): inline SVG of bars, ticks and text, styled by class. Only
# shapes and their geometry: no link, no reference to anything (href, url(), use), no style, no
# event handler, no foreignObject — nothing in an SVG that survives can load or run anything
_SVG = {
    "svg": {"viewBox", "width", "height", "role", "aria-label", "focusable", "preserveAspectRatio"},
    "g": set(),
    "rect": {"x", "y", "width", "height", "rx"},
    "line": {"x1", "y1", "x2", "y2"},
    "text": {"x", "y", "text-anchor"},
}
_TAGS.update(_SVG)
for _tag, _names in _SVG.items():
    _ATTRIBUTES.setdefault(_tag, set()).update(_names)
# a table cell's value to sort by (the targets page)
_ATTRIBUTES.setdefault("data", set()).add("value")

# the site's own maps in a frame (atlas.maps): relative path, map document, plain query
_TAGS.add("iframe")
_ATTRIBUTES["iframe"] = {"src", "title", "loading", "width", "height", "allowfullscreen", "allow"}
_MAP_SRC = re.compile(r"(?:\.\./)*maps/(?:[a-z]{2}/)?(?:regions/[a-z0-9]+(?:-[a-z0-9]+)*|overview|place)\.html"
                      r"(?:\?[A-Za-z0-9=&._-]*)?")
_IFRAME_VALUES = {
    "src": _MAP_SRC,
    "loading": re.compile(r"lazy|eager"),
    # pixels only: HTML has no percentage width or height attribute (the stylesheet sizes frames)
    "width": re.compile(r"\d{1,4}"),
    "height": re.compile(r"\d{1,4}"),
    "allowfullscreen": re.compile(r"(?:allowfullscreen)?", re.I),
    "allow": re.compile(r"fullscreen"),
}


# after cleaning (nh3's serialisation: double-quoted attributes), a frame whose src was refused
_FRAME_WITHOUT_SRC = re.compile(r'<iframe\b(?![^>]*\ssrc=")[^>]*>.*?</iframe>', re.S)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "iframe" and attribute in _IFRAME_VALUES:
        return value if _IFRAME_VALUES[attribute].fullmatch(value) else None
    return value


# an iframe element can only come from these six letters, in any case, right after "<"
_FRAME_TAG = re.compile(r"<iframe", re.I)


def _cleaner(attribute_filter=None) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=_TAGS,
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        filter_style_properties={"text-align"},
        link_rel=None,
        strip_comments=True,
        attribute_filter=attribute_filter,
    )


# made once (nh3.clean would convert these allow-lists again for every page); the attribute
# filter, a Python call for every attribute of the page, only where there are frames
_CLEAN = _cleaner().clean
_CLEAN_FRAMED = _cleaner(_attribute_filter).clean


def sanitise_html(html: str) -> str:
    if _FRAME_TAG.search(html) is None:
        return _CLEAN(html)
    cleaned = _CLEAN_FRAMED(html)
    return _FRAME_WITHOUT_SRC.sub("", cleaned) if "<iframe" in cleaned else cleaned
