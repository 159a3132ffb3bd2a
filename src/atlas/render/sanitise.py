"""Allow-list sanitising of page HTML, so nothing a contributor writes runs script.

Contributors write Markdown narratives and hand-written pages; Markdown lets
raw HTML and attribute lists (``{: onclick=…}``) through. Each page's HTML
body is therefore cleaned with nh3 (ammonia): only the tags, attributes and URL
schemes below survive; ``<script>``, ``<style>``, event handlers and
``javascript:`` links do not.
"""
from __future__ import annotations

import copy

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


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        filter_style_properties={"text-align"},
        link_rel=None,
        strip_comments=True,
    )
