"""Recognising active content (HTML that runs script or navigates) in contributor text.

Nothing a contributor writes can run in a reader's browser whatever this module
finds: text from entries is escaped (``atlas.render.text``), Markdown pages are
cleaned by an allow-list sanitiser (``atlas.render.sanitise``) and every page
carries a Content-Security-Policy (``atlas.render.csp``). This module is the
*courtesy* in front of those guarantees: ``atlas validate`` names the usual
forms of active content at their line, so a contributor learns at once that
they will not work, instead of finding them silently removed from the page.

It deliberately recognises plain, literal forms only (``<script``, ``onclick=``,
``javascript:``); obfuscated forms (``&#106;avascript:``) are left to the
sanitiser, and the browser test proves that they do not run either.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Elements that run script, embed other documents or change how the page loads.
ACTIVE_TAGS = ("script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link")

_TAG = re.compile(r"<\s*(" + "|".join(ACTIVE_TAGS) + r")\b", re.IGNORECASE)
# on…= inside an HTML tag (<img src=x onerror=…>, <svg/onload=…>) or a Markdown
# attribute list ({: onclick="…" })
_HANDLER_IN_TAG = re.compile(r"<[a-z!][^<>]*?[\s/\"'](on[a-z]+)\s*=", re.IGNORECASE)
_HANDLER_IN_ATTR_LIST = re.compile(r"\{[^{}\n]*?(?<![\w-])(on[a-z]+)\s*=", re.IGNORECASE)
_SCRIPTS = r"(javascript|vbscript|livescript)"
# as a link target ([x](javascript:…), href="javascript:…"), or written as a URL anywhere
# (javascript:alert(1)); "JavaScript: a language" in prose is not a link
_SCRIPT_SCHEME_LINK = re.compile(
    r"(?:\]\(\s*<?|(?:href|src|action|formaction|data|xlink:href)\s*=\s*[\"']?)\s*" + _SCRIPTS + r"\s*:",
    re.IGNORECASE)
_SCRIPT_SCHEME_URL = re.compile(r"(?<![\w-])" + _SCRIPTS + r":(?=\S)", re.IGNORECASE)
# data: URLs as link or image targets ([x](data:…), href="data:…", src=data:…)
_DATA_URL = re.compile(r"(?:\]\(\s*<?|(?:href|src|action|formaction)\s*=\s*[\"']?)\s*(data)\s*:", re.IGNORECASE)
# images from other sites (blocked by the site's CSP, so they would only show as broken)
_EXTERNAL_IMAGE = re.compile(
    r"(?:!\[[^\]\n]*\]\(\s*<?|<img\b[^<>]*?\ssrc\s*=\s*[\"']?)\s*((?:https?:)?//)", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    offset: int  # index into the text where it starts
    message: str


def find_active_content(text: str, *, markdown: bool = False) -> list[Finding]:
    """Every recognised piece of active content in ``text``, in order of position.

    ``markdown=True`` adds the checks that only matter in Markdown pages
    (data: URLs as link targets, images loaded from other sites).
    """
    found: list[Finding] = []
    for match in _TAG.finditer(text):
        tag = match.group(1).lower()
        article = "an" if tag[0] in "aeiou" else "a"
        found.append(Finding(match.start(), f"{article} <{tag}> element is not allowed: {_WHY[tag]}"))
    for pattern in (_HANDLER_IN_TAG, _HANDLER_IN_ATTR_LIST):
        for match in pattern.finditer(text):
            found.append(Finding(match.start(1), f"an HTML event handler ({match.group(1).lower()}=) is not allowed: "
                                                 "pages run no script written in entries"))
    for pattern in (_SCRIPT_SCHEME_LINK, _SCRIPT_SCHEME_URL):
        for match in pattern.finditer(text):
            found.append(Finding(match.start(1), f"a {match.group(1).lower()}: link is not allowed: "
                                                 "links must start with https:// or http://"))
    if markdown:
        for match in _DATA_URL.finditer(text):
            found.append(Finding(match.start(1), "a data: URL is not allowed as a link or image: "
                                                 "put the file in content/assets/ and link to it"))
        for match in _EXTERNAL_IMAGE.finditer(text):
            found.append(Finding(match.start(1), "images from other sites are not shown (the site's "
                                                 "Content-Security-Policy blocks them): put the image in "
                                                 "content/assets/ and link to it"))
    return sorted(set(found), key=lambda f: (f.offset, f.message))


_WHY = {
    "script": "pages run no script written in entries",
    "iframe": "pages embed no other pages from entries",
    "frame": "pages embed no other pages from entries",
    "frameset": "pages embed no other pages from entries",
    "object": "pages embed no plug-in content from entries",
    "embed": "pages embed no plug-in content from entries",
    "applet": "pages embed no plug-in content from entries",
    "base": "it would change where every link of the page points",
    "meta": "it could redirect readers to another site",
    "link": "pages load no style sheets or documents named in entries",
}


def first_problem(text: str) -> str | None:
    """The message of the first active content in a text field (for the entry models)."""
    if "<" not in text and "{" not in text and ":" not in text:
        return None  # every form recognised here needs one of these characters (most text has none)
    found = find_active_content(text)
    return found[0].message if found else None
