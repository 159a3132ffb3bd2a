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


#: the charts' embed pages (one small standalone page per chart and language) and data files
EMBED_DIR = "embed"
CHARTS_DIR = f"{DATA_DIR}/charts"
#: the page of every programme's targets, and the compare page (site paths of their Markdown)
TARGETS_PAGE = "targets.md"
COMPARE_PAGE = "compare.md"
COMPARE_DATA = "compare/regions.json"


def _chart_owner(entry_type: str | None, slug: str | None) -> str:
    """``regions/asan`` for an entry's charts, ``targets`` for the page of all targets."""
    return "targets" if entry_type is None else f"{FOLDERS[entry_type]}/{slug}"


def chart_embed_path(entry_type: str | None, slug: str | None, chart: str, prefix: str = "") -> str:
    """The chart's embed page: ``embed/regions/asan/institutions-by-type/index.html`` (``en/embed/…``)."""
    return f"{prefix}{EMBED_DIR}/{_chart_owner(entry_type, slug)}/{chart}/index.html"


def chart_csv_path(entry_type: str | None, slug: str | None, chart: str) -> str:
    """The chart's data: ``data/charts/regions/asan/institutions-by-type.csv`` (one for both languages)."""
    return f"{CHARTS_DIR}/{_chart_owner(entry_type, slug)}/{chart}.csv"
