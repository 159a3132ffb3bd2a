"""``mkdocs serve``: pages whose Markdown did not change are not converted again.

After an entry changes, ``mkdocs serve`` rebuilds the whole site in the same process, and the
plugin generates every page again; most come out the same. Converting Markdown to HTML (and
sanitising it) is most of what a page costs, so ``PageReuse`` keeps each page's result for the
next rebuild: when a page's Markdown, the site's files and ``mkdocs.yml`` are all as they were,
MkDocs is handed an empty page to convert and the plugin puts back the HTML, table of contents
and anchors it had — the same page, built for free. Used only under ``mkdocs serve``: a build
converts every page.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .. import internals


@dataclass
class _Converted:
    markdown: str
    html: str
    toc: object
    title: str | None
    anchors: set | None


class PageReuse:
    def __init__(self) -> None:
        self.previous: dict[str, _Converted] = {}
        self.current: dict[str, _Converted] = {}
        self.reused: set[str] = set()
        self.signature = ""

    def start(self, files: Files, config_file: str | None) -> None:
        """A new build: the site's files (every link's target) and mkdocs.yml are part of the key."""
        digest = hashlib.sha256()
        for file in files:
            digest.update(f"{file.src_uri}\0{file.url}\n".encode())
        if config_file:
            try:
                with open(config_file, "rb") as handle:
                    digest.update(handle.read())
            except OSError:
                pass
        signature = digest.hexdigest()
        self.previous = self.current if signature == self.signature else {}
        self.current, self.reused, self.signature = {}, set(), signature

    def markdown(self, markdown: str, page: Page) -> str:
        """The Markdown MkDocs should convert: nothing, if the page's last result still holds."""
        before = self.previous.get(page.file.src_uri)
        if before is not None and before.markdown == markdown:
            self.reused.add(page.file.src_uri)
            self.current[page.file.src_uri] = before
            return ""
        return markdown

    def content(self, html: str, page: Page, markdown: str, make) -> str:
        """The page's HTML: the kept one (with its table of contents and anchors), or ``make(html)``."""
        key = page.file.src_uri
        if key in self.reused:
            kept = self.current[key]
            page.toc, page.present_anchor_ids = kept.toc, kept.anchors
            internals.set_title_from_render(page, kept.title)
            return kept.html
        html = make(html)
        self.current[key] = _Converted(markdown, html, page.toc, internals.title_from_render(page),
                                       page.present_anchor_ids)
        return html
