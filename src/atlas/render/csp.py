"""A Content-Security-Policy for every page, which the site's own pages satisfy.

Static hosting (GitHub Pages) sets no headers, so the policy is written into
each page as ``<meta http-equiv="Content-Security-Policy">``, as the first
element of ``<head>`` so that it governs everything after it. It says:

* ``script-src 'self' 'sha256-…'`` — scripts only from the site's own files,
  plus the inline scripts the page itself carries (mkdocs-material writes a few
  small ones; map pages carry their set-up script), each allowed by the hash of
  its exact text, computed after the build. No ``'unsafe-inline'`` for script:
  an inline script or event handler that was not in the built page (injected
  markup) does not run.
* ``style-src 'self' 'unsafe-inline'`` — the theme and the map library (Leaflet)
  set ``style`` attributes on elements they create, and the theme writes small
  inline ``<style>`` blocks; CSS cannot run script, and contributor HTML never
  keeps ``style`` (the sanitiser drops it except ``text-align`` on table cells).
* ``img-src 'self' data:`` — the theme's icons are ``data:`` SVG images in CSS.
* ``object-src 'none'``, ``base-uri 'self'``, ``form-action 'self'``,
  ``frame-src 'self'`` (maps are pages of the site shown in an ``<iframe>``),
  and ``default-src 'self'`` for everything else (fonts, the search index
  fetched by the search worker, the worker itself).

``frame-ancestors`` and reporting cannot be set from a ``<meta>`` element (the
browser ignores them there), so they are not written.

The result is a function of the page's bytes only, so builds stay deterministic.
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path
from typing import Collection
from urllib.parse import urlsplit

POLICY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("default-src", ("'self'",)),
    ("script-src", ("'self'",)),  # + the hashes of the page's inline scripts
    ("style-src", ("'self'", "'unsafe-inline'")),
    ("img-src", ("'self'", "data:")),
    ("font-src", ("'self'",)),
    ("connect-src", ("'self'",)),
    ("worker-src", ("'self'",)),
    ("frame-src", ("'self'",)),
    ("object-src", ("'none'",)),
    ("base-uri", ("'self'",)),
    ("form-action", ("'self'",)),
)

# a script element: its start tag, then the first end tag after it (found apart: a lazy ``.*?``
# between the two would try the end tag at every character of a long inline script)
_SCRIPT_START = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
_SCRIPT_END = re.compile(r"</script\s*>", re.IGNORECASE)
_TYPE_ATTR = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_SRC_ATTR = re.compile(r"""(?:^|\s)src\s*=""", re.IGNORECASE)
_EXISTING = re.compile(r"""<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>\s*""", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
# the MIME types a browser runs as classic script, and modules
_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
             "text/ecmascript", "application/x-javascript", "text/jscript", "text/livescript"}


def _scripts(html: str):
    """(attributes, text) of each ``<script>…</script>`` element."""
    position = 0
    while (start := _SCRIPT_START.search(html, position)) is not None:
        end = _SCRIPT_END.search(html, start.end())
        if end is None:
            return
        yield start.group(1), html[start.end():end.start()]
        position = end.end()


def inline_script_hashes(html: str) -> list[str]:
    """``'sha256-…'`` of each inline script a browser would run, sorted, without repeats."""
    hashes = set()
    for attrs, body in _scripts(html):
        if _SRC_ATTR.search(attrs):
            continue  # an external script: allowed by 'self' (or not at all)
        found = _TYPE_ATTR.search(attrs)
        mime = next((g for g in found.groups() if g is not None), "") if found else ""
        if mime.strip().lower() not in _JS_TYPES:
            continue  # data (application/json, …): never run, so no hash needed
        body = body.replace("\r\n", "\n").replace("\r", "\n")  # as the HTML parser reads it
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(hashes)


def site_origin(site_url: str | None) -> str | None:
    """``https://example.org`` of ``https://example.org/atlas/`` (None if there is no absolute URL)."""
    parts = urlsplit(site_url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def policy_for(html: str, site_url: str | None = None) -> str:
    """The Content-Security-Policy of one page. ``site_url``: the site's published address, whose
    origin is the site itself even when a copy is served elsewhere (the theme fetches
    ``<site_url>/sitemap.xml`` to switch language)."""
    parts = []
    origin = site_origin(site_url)
    for directive, sources in POLICY:
        if directive == "script-src":
            sources = sources + tuple(inline_script_hashes(html))
        if directive == "connect-src" and origin:
            sources = sources + (origin,)
        parts.append(" ".join((directive,) + sources))
    return "; ".join(parts)


def add_csp(html: str, site_url: str | None = None) -> str:
    """The page with its Content-Security-Policy ``<meta>`` first in ``<head>`` (replacing any earlier one)."""
    html = _EXISTING.sub("", html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html, site_url)}">'
    charset = _CHARSET.search(html)
    head = _HEAD.search(html)
    if charset and (not head or charset.start() >= head.end()):
        # keep <meta charset> first (it must be in the first 1024 bytes); the policy right after it
        return html[: charset.end()] + meta + html[charset.end():]
    if head:
        return html[: head.end()] + meta + html[head.end():]
    return meta + html  # a fragment: the browser puts the <meta> into the <head> it makes


def apply_csp(site_dir: Path | str, site_url: str | None = None, done: Collection[str] = ()) -> int:
    """Add the policy to every ``.html`` file under ``site_dir`` except those in ``done`` (absolute
    paths of files written with their policy already); returns how many were written."""
    count = 0
    done = {os.path.normpath(p) for p in done}
    found = []
    for folder, _, names in os.walk(site_dir):  # (a national atlas' site has tens of thousands of pages)
        found += [path for name in names if name.endswith(".html")
                  and (path := os.path.normpath(os.path.join(folder, name))) not in done]
    for path in sorted(map(Path, found)):
        html = path.read_text(encoding="utf-8")
        out = add_csp(html, site_url)
        if out != html:
            path.write_text(out, encoding="utf-8")
            count += 1
    return count
