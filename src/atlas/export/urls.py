"""Where things live in the built site, and their absolute addresses.

All paths here are site-relative (no leading slash): ``institutions/kaist/``,
``data/institutions/kaist.json``. Absolute addresses join them to the site's
``site_url`` (set from ``ATLAS_SITE_URL`` in mkdocs.yml); without one they
stay root-relative (``/institutions/kaist/``).
"""
from __future__ import annotations

import posixpath

from ..models import FOLDERS
from ..sitepath import relpath

DATA_DIR = "data"
FEEDS_DIR = "feeds"
DOWNLOADS_PAGE = "downloads.md"  # the generated Downloads page (URL downloads/)


def page_url(entry_type: str, slug: str, prefix: str = "") -> str:
    """Site-relative URL of an entry's page: ``institutions/kaist/`` (``en/institutions/kaist/``)."""
    return f"{prefix}{FOLDERS[entry_type]}/{slug}/"


def entry_json_path(entry_type: str, slug: str) -> str:
    """The entry's own JSON download: ``data/institutions/kaist.json`` (one for every language)."""
    return f"{DATA_DIR}/{FOLDERS[entry_type]}/{slug}.json"


def atlas_feed_path(prefix: str = "") -> str:
    return f"{prefix}{FEEDS_DIR}/events.xml"


def region_feed_path(slug: str, prefix: str = "") -> str:
    return f"{prefix}{FEEDS_DIR}/regions/{slug}.xml"


def absolute(site_url: str | None, path: str) -> str:
    """``path`` (site-relative) as an absolute URL under ``site_url``; root-relative without one."""
    base = (site_url or "/").rstrip("/") + "/"
    return base + path.lstrip("/")


def relative(target: str, src_uri: str) -> str:
    """Link from the page generated at ``src_uri`` (e.g. ``institutions/kaist.md``) to the site
    file ``target``, written as MkDocs expects links in Markdown (relative to the source file)."""
    return relpath(target, posixpath.dirname(src_uri) or ".")
