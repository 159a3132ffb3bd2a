"""Pages at the old address of a renamed entry, sending readers to the new one.

An entry renamed from ``old`` to ``new`` lists ``redirect_from: [old]``. For each
language prefix ("" for Korean, "en/" for English) whose page of the entry
exists, ``<prefix><folder>/old/index.html`` becomes a small static page: a
meta refresh (no script), ``<link rel="canonical">`` to the new address (so
search engines move their index) and a visible link for readers and for
browsers that ignore the refresh.
"""
from __future__ import annotations

import html
import posixpath
from typing import Callable

from ..graph import Atlas
from ..models import FOLDERS
from ..render.ui import translate
from .citation import title_of
from .urls import absolute, page_url


def redirect_page(title: str, target: str, canonical: str, lang: str) -> bytes:
    """The HTML of one redirect: ``target`` is relative (works on any host), ``canonical`` absolute."""
    t, c, name = html.escape(target, quote=True), html.escape(canonical, quote=True), html.escape(title)
    moved = html.escape(translate("moved", lang))
    return (
        "<!doctype html>\n"
        f'<html lang="{lang}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{moved}: {name}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={t}">\n'
        f'<link rel="canonical" href="{c}">\n'
        '<meta name="robots" content="noindex">\n'
        "</head>\n"
        "<body>\n"
        f'<p>{moved}: <a href="{t}">{name}</a></p>\n'
        f'<p><a href="{c}">{c}</a></p>\n'
        "</body>\n"
        "</html>\n"
    ).encode("utf-8")


def redirect_pages(atlas: Atlas, site_url: str | None, languages: dict[str, str],
                   has_page: Callable[[str], bool]) -> dict[str, bytes]:
    """{``<prefix><folder>/<old>/index.html``: page} for every old slug, in every language
    (``{lang: prefix}``) in which ``has_page("<prefix><folder>/<new>.md")`` is true."""
    out = {}
    for entry in atlas.all_entries():
        for old in getattr(entry, "redirect_from", []):
            for lang, prefix in languages.items():
                if not has_page(f"{prefix}{FOLDERS[entry.type]}/{entry.slug}.md"):
                    continue
                old_dir = page_url(entry.type, old, prefix)
                new_dir = page_url(entry.type, entry.slug, prefix)
                target = posixpath.relpath(new_dir, old_dir) + "/"
                out[old_dir + "index.html"] = redirect_page(
                    title_of(entry, lang), target, absolute(site_url, new_dir), lang)
    return out
