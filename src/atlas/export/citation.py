"""A ready citation of an entry's page: plain text, BibTeX and CSL-JSON.

What a journalist pastes: the page's title, the atlas' name, its permanent
address and the date the entry last changed (from its history), followed by the
sources the entry itself cites.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..graph import Atlas
from ..models import Model, Text
from ..render.ui import translate
from .records import ATLAS_NAME_BOTH
from .urls import absolute, page_url


def _plain(value: Text | None, lang: str) -> str:
    if value is None:
        return ""
    text = value.ko if lang == "ko" else (value.en or value.ko)
    return " ".join(text.split())  # one line, whatever the contributor wrote


def title_of(entry: Model, lang: str) -> str:
    return _plain(entry.title if entry.type == "source" else entry.name, lang)


@dataclass(frozen=True)
class Citation:
    key: str  # BibTeX/CSL id: atlas-<slug>
    title: str
    url: str
    updated: str  # YYYY-MM-DD (or YYYY-MM / YYYY), "" when unknown
    lang: str
    sources: tuple[str, ...] = field(default=())  # one line per source

    def text(self) -> str:
        """One paragraph, then the entry's sources on a line of their own."""
        quoted = f"「{self.title}」" if self.lang == "ko" else f"“{self.title}.”"
        parts = [f"{quoted}. {ATLAS_NAME_BOTH}." if self.lang == "ko" else f"{quoted} {ATLAS_NAME_BOTH}."]
        if self.updated:
            parts.append(translate("cite_updated", self.lang, date=self.updated) + ".")
        parts.append(self.url)
        out = " ".join(parts)
        if self.sources:
            out += "\n" + translate("cite_sources", self.lang) + ": " + "; ".join(self.sources)
        return out

    def bibtex(self) -> str:
        fields = [
            ("title", _bibtex_escape(self.title)),
            ("author", "{" + _bibtex_escape(ATLAS_NAME_BOTH) + "}"),
            ("organization", _bibtex_escape(ATLAS_NAME_BOTH)),
        ]
        if self.updated:
            fields += [("year", self.updated[:4]), ("date", self.updated)]
        fields += [("url", self.url), ("langid", "korean" if self.lang == "ko" else "english")]
        if self.updated:
            fields.append(("note", _bibtex_escape(translate("cite_updated", self.lang, date=self.updated))))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@online{{{self.key},\n{body}\n}}"

    def csl(self) -> dict:
        """A CSL-JSON item (Citation Style Language), as Zotero and pandoc read it."""
        item = {
            "id": self.key,
            "type": "webpage",
            "title": self.title,
            "container-title": ATLAS_NAME_BOTH,
            "publisher": ATLAS_NAME_BOTH,
            "URL": self.url,
            "language": self.lang,
        }
        if self.updated:
            item["issued"] = {"date-parts": [[int(p) for p in self.updated.split("-")]]}
        return item


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#$_^~])")
_BIBTEX_REPLACEMENT = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


def _bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_REPLACEMENT.get(m.group(1), "\\" + m.group(1)), text)


def source_line(source: Model, lang: str) -> str:
    parts = [_plain(source.outlet, lang), f"“{_plain(source.title, lang)}”"]
    if source.reporter:
        parts.append(" ".join(source.reporter.split()))
    parts.append(source.published)
    if source.url:
        parts.append(source.url)
    return ", ".join(parts)


def citation(atlas: Atlas, entry: Model, lang: str, site_url: str | None, updated: dict[str, str],
             prefix: str = "") -> Citation:
    """The citation of ``entry``'s page in ``lang`` (its page lives under ``prefix``)."""
    sources = [] if entry.type == "source" else [atlas.sources[s] for s in getattr(entry, "sources", [])]
    return Citation(
        key=f"atlas-{entry.slug}",
        title=title_of(entry, lang),
        url=absolute(site_url, page_url(entry.type, entry.slug, prefix)),
        updated=updated.get(entry.slug, ""),
        lang=lang,
        sources=tuple(source_line(s, lang) for s in sources),
    )
