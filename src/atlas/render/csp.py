"""A Content-Security-Policy for every page: scripts from the site's own files only.

Static hosting (GitHub Pages) sets no headers, so the policy is written into
each page as ``<meta http-equiv="Content-Security-Policy">``, as the first
element of ``<head>`` so that it governs everything after it. It says:

* ``script-src 'self'`` — scripts only from the site's own files. No inline
  script runs at all: no ``'unsafe-inline'`` and no hashes. The site's own
  inline scripts were moved into files (the theme's small set-up scripts:
  ``site_templates/overrides/partials/javascripts/``; the search-on-demand
  script; each map's script, written beside its map document by
  ``atlas.maps``), so the policy is the same for every page and blesses nothing
  a page happens to contain: an inline script or event handler that got into a
  page by any route does not run. (A policy that hashed each built page's inline
  scripts would allow whatever was injected into it.) The site's files come from
  this repository's code and from the build; ``content/`` accepts no scripts
  (``atlas.content``).
* ``style-src 'self' 'unsafe-inline'`` — the theme and the map library (Leaflet)
  set ``style`` attributes on elements they create, and the theme and Folium
  write small inline ``<style>`` blocks; CSS cannot run script, and contributor
  HTML never keeps ``style`` (the sanitiser drops it except ``text-align`` on
  table cells).
* ``img-src 'self' data:`` — the theme's icons are ``data:`` SVG images in CSS.
* ``object-src 'none'``, ``base-uri 'self'``, ``form-action 'self'``,
  ``frame-src 'self'`` (maps are pages of the site shown in an ``<iframe>``),
  and ``default-src 'self'`` for everything else (fonts, the search index
  fetched by the search worker, the worker itself).

``frame-ancestors`` and reporting cannot be set from a ``<meta>`` element (the
browser ignores them there), so they are not written.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Collection
from urllib.parse import urlsplit

POLICY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("default-src", ("'self'",)),
    ("script-src", ("'self'",)),
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

_EXISTING = re.compile(r"""<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>\s*""", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)


def site_origin(site_url: str | None) -> str | None:
    """``https://example.org`` of ``https://example.org/atlas/`` (None if there is no absolute URL)."""
    parts = urlsplit(site_url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


@lru_cache(maxsize=16)
def policy_for(site_url: str | None = None) -> str:
    """The Content-Security-Policy of every page. ``site_url``: the site's published address, whose
    origin is the site itself even when a copy is served elsewhere (the theme fetches
    ``<site_url>/sitemap.xml`` to switch language)."""
    parts = []
    origin = site_origin(site_url)
    for directive, sources in POLICY:
        if directive == "connect-src" and origin:
            sources = sources + (origin,)
        parts.append(" ".join((directive,) + sources))
    return "; ".join(parts)


def add_csp(html: str, site_url: str | None = None) -> str:
    """The page with its Content-Security-Policy ``<meta>`` first in ``<head>`` (replacing any earlier one)."""
    html = _EXISTING.sub("", html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(site_url)}">'
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
