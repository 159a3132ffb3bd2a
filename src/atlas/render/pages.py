"""Turning the linked atlas into Markdown pages, one per entry plus indexes.

The output is plain Markdown with YAML front matter, addressed by a path
relative to the site root (``institutions/kaist.md`` → ``/institutions/kaist/``).
Whatever renders Markdown (today MkDocs with mkdocs-material) turns it into
HTML; nothing here depends on it.
"""
from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ..export.history import reference_date
from ..export.urls import COMPARE_PAGE, TARGETS_PAGE
from ..graph import Atlas
from ..models import FOLDERS, INSTITUTION_TYPES, Text
from ..sitepath import relpath
from . import share
from .panels import Panels
from .text import Raw, escape_markdown, escape_paragraphs, join_escaped, yaml_string
from .ui import translate, vocab


@dataclass
class GeneratedPage:
    src_uri: str  # e.g. "regions/asan.md"
    markdown: str
    data_path: str | None = None  # the entry file it came from, for edit links


def page_path(entry_type: str, slug: str) -> str:
    return f"{FOLDERS[entry_type]}/{slug}.md"


@dataclass
class Citations:
    """Sources cited on one page, as Markdown footnotes (numbered by the renderer)."""

    atlas: Atlas
    page: "PageContext"
    order: list[str] = field(default_factory=list)

    def ref(self, slug: str | None) -> Raw:
        if not slug:
            return Raw("")
        if slug not in self.order:
            self.order.append(slug)
        return Raw(f"[^{slug}]")

    def refs(self, slugs: list[str]) -> Raw:
        return Raw("".join(self.ref(s) for s in slugs))

    def definitions(self) -> Raw:
        lines = []
        for slug in self.order:
            source = self.atlas.sources[slug]
            parts = [str(escape_markdown(self.page.text(source.outlet))),
                     "“" + str(escape_markdown(self.page.text(source.title))) + "”"]
            if source.reporter:
                parts.append(str(escape_markdown(source.reporter)))
            parts.append(str(escape_markdown(source.published)))
            link = self.page.link(slug, label=translate("sources", self.page.lang))
            lines.append(f"[^{slug}]: {', '.join(parts)}. {link}")
        return Raw("\n".join(lines))


@dataclass
class PageContext:
    """What a template can ask while rendering one page."""

    atlas: Atlas
    src_uri: str
    lang: str = "ko"
    prefix: str = ""  # "" for Korean pages, "en/" for English ones

    def plain(self, value: Text | None) -> str:
        """Text in the page's language (Korean when no translation exists), unmarked."""
        if value is None:
            return ""
        if self.lang == "ko":
            return value.ko
        return value.en or value.ko

    def text(self, value: Text | None) -> str | Raw:
        """Text in the page's language; a Korean fallback on an English page is marked visibly."""
        if value is None:
            return ""
        if self.lang == "ko" or value.en:
            return self.plain(value)
        note = translate("in_korean", self.lang)
        return Raw(f'<span lang="ko" class="atlas-fallback">{escape_markdown(value.ko)}</span>'
                   f'<small class="atlas-fallback-note"> ({note})</small>')

    def other(self, value: Text | None) -> str:
        """The same text in the other language, when it exists and differs."""
        if value is None:
            return ""
        other = value.en if self.lang == "ko" else value.ko
        return other if other and other != self.text(value) else ""

    def url(self, slug: str) -> Raw:
        entry = self.atlas.get(slug)
        return self.url_of(page_path(entry.type, slug))

    def url_of(self, target: str) -> Raw:
        """Relative link from this page to ``target`` (a page path in this page's language)."""
        return Raw(relpath(self.prefix + target, posixpath.dirname(self.src_uri) or "."))

    def link(self, slug: str, label: str | None = None) -> Raw:
        entry = self.atlas.get(slug)
        text = label if label is not None else self.text(entry.name if hasattr(entry, "name") else entry.title)
        return Raw(f"[{escape_markdown(text)}]({self.url(slug)})")

    def links(self, slugs: list[str]) -> Raw:
        return Raw(", ".join(self.link(s) for s in slugs))

    def t(self, key: str, **values: object) -> str:
        return translate(key, self.lang, **values)

    def v(self, group: str, value: str) -> str:
        return vocab(group, value, self.lang)

    def admin(self, codes: list[str]) -> Raw:
        """Administrative codes with today's names: ``30200 대전광역시 유성구`` (English pages add the
        romanised name: ``30200 대전광역시 유성구 (Yuseong-gu, Daejeon)``)."""
        from ..geo.history import code_table

        table = code_table()
        items = []
        for code in codes:
            entry = table.get(code)
            if entry is None or not entry.current:  # refused by `atlas validate`; never print an old name
                items.append(str(escape_markdown(code)))
                continue
            name = table.full_name(code)
            if self.lang != "ko" and table.full_name_en(code):
                name += f" ({table.full_name_en(code)})"
            items.append(f"{escape_markdown(code)} {escape_markdown(name)}")
        return Raw(", ".join(items))

    def roles(self, roles: tuple[str, ...]) -> str:
        return ", ".join(self.v("role", r) for r in roles)


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


#: the entry types, in the order their pages are made
ENTRY_TYPES = ("region", "institution", "event", "programme", "source", "industry")
TYPE_OF_FOLDER = {folder: entry_type for entry_type, folder in FOLDERS.items()}

#: the languages pages are generated in, with the URL prefix of each (Korean first: the default)
LANGUAGES: dict[str, str] = {"ko": "", "en": "en/"}


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process, by name and source checksum: a
    ``mkdocs serve`` rebuild makes new renderers but compiles a template again only if it changed."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


#: pages of their own (not an entry's, not an index): path → template
SPECIAL_PAGES = {TARGETS_PAGE: "targets.md.j2", COMPARE_PAGE: "compare.md.j2"}


class Renderer:
    def __init__(self, atlas: Atlas, template_dir: Path, lang: str = "ko", maps: object | None = None,
                 reference: dt.date | None = None, site_url: str | None = None):
        """``maps``: an ``atlas.maps.embed.MapEmbeds`` of this language, or None for pages without maps.
        ``reference``: the day targets' statuses are computed for (default: the build's,
        ``atlas.export.history.reference_date``); ``site_url``: for the charts' embed addresses."""
        self.atlas = atlas
        self.lang = lang
        self.prefix = LANGUAGES[lang]
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(template_dir)),
            finalize=escape_markdown,  # Markdown- and HTML-escapes every plain string
            autoescape=True,  # so that macro output (Markup) is not escaped twice
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=_COMPILED,
        )
        self.env.filters["number"] = _number
        self.env.filters["join"] = join_escaped
        self.env.filters["paragraphs"] = escape_paragraphs
        self.env.filters["yaml"] = yaml_string
        self.env.filters["entry"] = atlas.get  # slug → entry, for map()/select()
        self.env.globals["INSTITUTION_TYPES"] = INSTITUTION_TYPES
        self.env.globals["maps"] = maps  # templates place maps with the map_figure macro
        self.env.globals["share"] = share  # the share_box macro: embed code, permalink
        if reference is None:
            reference = reference_date(template_dir, atlas)
        # numbers panels, charts and targets' statuses (atlas.render.panels)
        self.env.globals["panels"] = Panels(atlas, lang, self.prefix, reference, site_url)

    def render(self, template: str, src_uri: str, **context: object) -> str:
        page = PageContext(self.atlas, src_uri, self.lang, self.prefix)
        cites = Citations(self.atlas, page)
        return self.env.get_template(template).render(
            atlas=self.atlas, page=page, cites=cites, Raw=Raw, **context
        )

    def page_sources(self) -> list[str]:
        """The path of every page this renderer makes: the home page and the indexes, then every entry's."""
        out = [self.prefix + "index.md"]
        out += [f"{self.prefix}{FOLDERS[entry_type]}/index.md" for entry_type in ENTRY_TYPES]
        out += [self.prefix + path for path in SPECIAL_PAGES]
        for entry_type in ENTRY_TYPES:
            out += [self.prefix + page_path(entry_type, slug) for slug in sorted(self.atlas.table(entry_type))]
        return out

    def page(self, src_uri: str) -> GeneratedPage:
        """One page, by its path (``regions/asan.md``, ``en/institutions/index.md``, ``index.md``)."""
        rest = src_uri[len(self.prefix):]
        if rest == "index.md":
            return GeneratedPage(src_uri, self.render("home.md.j2", src_uri))
        if rest in SPECIAL_PAGES:
            return GeneratedPage(src_uri, self.render(SPECIAL_PAGES[rest], src_uri))
        folder, name = rest.split("/", 1)
        entry_type = TYPE_OF_FOLDER[folder]
        if name == "index.md":
            return GeneratedPage(src_uri, self.render(f"{entry_type}_index.md.j2", src_uri))
        slug = name[: -len(".md")]
        entry = self.atlas.table(entry_type)[slug]
        return GeneratedPage(src_uri, self.render(f"{entry_type}.md.j2", src_uri, entry=entry), self.atlas.paths.get(slug))

    def entry_pages(self) -> list[GeneratedPage]:
        return [self.page(src) for src in self.page_sources()[1 + len(ENTRY_TYPES) + len(SPECIAL_PAGES):]]

    def index_pages(self) -> list[GeneratedPage]:
        """The home page, the indexes and the pages of their own (targets, compare)."""
        return [self.page(src) for src in self.page_sources()[: 1 + len(ENTRY_TYPES) + len(SPECIAL_PAGES)]]

    def all_pages(self) -> list[GeneratedPage]:
        return [self.page(src) for src in self.page_sources()]


def render_site_pages(atlas: Atlas, template_dir: Path) -> list[GeneratedPage]:
    """Every generated page in every language."""
    return [page for lang in LANGUAGES for page in Renderer(atlas, template_dir, lang).all_pages()]


__all__ = ["GeneratedPage", "LANGUAGES", "Renderer", "render_site_pages", "page_path"]
