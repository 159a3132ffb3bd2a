"""Where an entry's page sits: its breadcrumb trail, ``section › parent › entry``.

Entry pages are not in the site's navigation (a navigation of 30,000 pages costs pages² to
render); the trail tells a reader who arrived from a search or a link where the page belongs:

* a region: the regions section, then its ancestors from the outermost (충청권 › 충청남도 › 아산시);
* an institution: the institutions section, then its parent institutions (KAIST › its nanofab
  centre), or else its region;
* an event: the timeline, then the event it was held during, or else its region;
* a programme: the programmes section, then its region;
* a source, an industry: their section.

"Its region" is the most specific one the entry names: a region none of whose descendants the entry
also names, first in the entry's order (``[daejeon, daedeok]`` → Daedeok).

The same trail is printed above the page (the theme's ``partials/path.html``, from the page's front
matter) and written as the schema.org ``BreadcrumbList`` of its JSON-LD (``atlas.export.jsonld``).
Reads go through the atlas' tables, so the preview's record of what a page read
(``atlas.work.invalidation``) includes the names on its trail.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..graph import Atlas
from ..models import FOLDERS, Model
from .ui import translate


@dataclass(frozen=True)
class Crumb:
    name: str  # plain text (escaped where it is printed), whitespace collapsed
    path: str  # site-relative address of the page: "regions/", "en/regions/asan/"
    lang: str  # the language of ``name``: Korean where an English page has no English name yet


def section_path(entry_type: str, prefix: str = "") -> str:
    """The address of a type's section (its index page): ``regions/``, ``en/events/``."""
    return f"{prefix}{FOLDERS[entry_type]}/"


def trail(atlas: Atlas, entry: Model, lang: str, prefix: str = "") -> list[Crumb]:
    """The trail of ``entry``'s page in ``lang`` (URL ``prefix`` "" or "en/"): its section, its
    parents (outermost first), the entry itself."""
    crumbs = [Crumb(translate(f"section_{entry.type}", lang), section_path(entry.type, prefix), lang)]
    for slug in parents(atlas, entry):
        crumbs.append(_crumb(atlas.get(slug), lang, prefix))
    crumbs.append(_crumb(entry, lang, prefix))
    return crumbs


def page_meta(atlas: Atlas, entry: Model, lang: str, prefix: str = "") -> dict:
    """The trail for the theme, as the page's front matter holds it (``atlas_breadcrumbs``, printed by
    ``site_templates/overrides/partials/path.html``): the list's label and each step's name (text, escaped
    there), address (site-relative) and language."""
    return {"label": translate("breadcrumb", lang),
            "trail": [{"name": c.name, "path": c.path, "lang": c.lang} for c in trail(atlas, entry, lang, prefix)]}


def parents(atlas: Atlas, entry: Model) -> list[str]:
    """The slugs between an entry's section and the entry, outermost first (only entries that exist:
    a reference that failed validation is left out, never a ``KeyError``)."""
    if entry.type == "region":
        return [s for s in reversed(atlas.ancestors(entry.slug)) if s in atlas.regions]
    if entry.type == "institution":
        if entry.parent:
            return _chain(atlas.institutions, entry)
        return _region(atlas, entry.regions)
    if entry.type == "event":
        if entry.part_of and entry.part_of in atlas.events:
            return [entry.part_of]
        return _region(atlas, entry.regions)
    if entry.type == "programme":
        return _region(atlas, entry.regions)
    return []


def _chain(table: dict, entry: Model) -> list[str]:
    """Parent, grandparent, … of an entry in ``table`` by its ``parent`` field, outermost first."""
    out: list[str] = []
    parent = entry.parent
    while parent and parent in table and parent not in out and parent != entry.slug:
        out.append(parent)
        parent = table[parent].parent
    return out[::-1]


def _region(atlas: Atlas, slugs: list[str]) -> list[str]:
    named = [s for s in slugs if s in atlas.regions]
    for slug in named:
        inner = set(atlas.descendants(slug))
        if not any(other in inner for other in named if other != slug):
            return [slug]
    return named[:1]


def _crumb(entry: Model, lang: str, prefix: str) -> Crumb:
    text = entry.title if entry.type == "source" else entry.name
    english = lang != "ko" and bool(text.en)
    name = text.en if english else text.ko
    return Crumb(" ".join(name.split()), f"{prefix}{FOLDERS[entry.type]}/{entry.slug}/", "en" if english else "ko")
