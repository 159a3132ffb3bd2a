"""A hand-written Markdown page, read once into (front matter, body, problems).

MkDocs reads a page's front matter in two forms (``mkdocs/utils/meta.py``): a YAML block
between ``---`` lines at the top, or MultiMarkdown-style ``key: value`` lines before the
first blank line. The theme prints ``page.meta.title`` as it is, so whatever the front
matter decodes to would reach the page as markup. This module reads a page the way MkDocs
would, but checks what is *decoded*, and gives MkDocs only what passed:

* a byte-order mark (Windows editors) is dropped, the text is normalised to NFC (macOS
  writes Hangul decomposed) and line ends to ``\\n``, so pages and search see composed text;
* the front matter, in either form, is decoded with the project's safe YAML loader
  (``atlas.load.parse_text``: no aliases, no tags, no duplicate keys) and checked as a
  model (``FrontMatter``): only ``title``, ``description`` and ``hide`` (an allow-listed
  set of theme switches), each text with the rules of every entry text (``models.Str``);
* the body is checked for control characters, active HTML (``atlas.hostile``) and
  structures that make Python-Markdown slow (``atlas.markdown_limits``);
* ``PageSource.document()`` is the text the plugin hands MkDocs instead of the file: a YAML
  block holding only the checked keys — the title HTML-escaped exactly as generated pages
  write it (``title|e|yaml``), always present, even empty, so MkDocs never reads the
  body's first lines as front matter — then the body.

Every problem is ``file:line: field: message`` with the line in the file as written.
"""
from __future__ import annotations

import html
import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal, Optional

from markupsafe import escape
from pydantic import Field, ValidationError

from .hostile import find_active_content
from .load import parse_text
from .markdown_limits import find_slow_structures
from .models import Model, Str
from .problems import Problem, format_field
from .text_rules import check_text

MAX_PAGE_BYTES = 512 * 1024

#: the theme's ``hide`` switches (mkdocs-material): parts of the page layout, nothing more
HideSwitch = Literal["navigation", "toc", "footer", "path", "feedback", "tags"]


class FrontMatter(Model):
    """What a hand-written page's front matter may hold (every other key is refused)."""

    title: Optional[Str] = Field(default=None, description="the page title (browser tab, header, search)")
    description: Optional[Str] = Field(default=None, description="summary for search engines and sharing")
    hide: list[HideSwitch] = Field(default_factory=list, description="parts of the theme's layout to hide")


# MkDocs' own patterns (mkdocs/utils/meta.py), so that a page is split exactly where MkDocs splits it
_YAML_BLOCK = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
_META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")
_BLANK_OR_COMMENTS = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\n)*")


@dataclass
class PageSource:
    path: str  # relative to the project root, POSIX
    meta: FrontMatter | None  # None when the front matter has problems
    body: str  # the Markdown after the front matter (normalised)
    body_line: int  # the line of the file the body starts on
    problems: list[Problem] = field(default_factory=list)

    def document(self) -> str:
        """The page as MkDocs is given it: checked front matter (always a YAML block), then the body."""
        from .render.text import yaml_string

        meta = self.meta or FrontMatter()
        lines = []
        if meta.title:
            lines.append(f"title: {yaml_string(str(escape(meta.title)))}")
        if meta.description:
            lines.append(f"description: {yaml_string(meta.description)}")
        if meta.hide:
            lines.append("hide: [" + ", ".join(meta.hide) + "]")
        return "---\n" + ("\n".join(lines) or "{}") + "\n---\n\n" + self.body


def read_page_file(file: str | os.PathLike, rel: str) -> PageSource:
    """Read and check the page at ``file`` (``rel``: its path in problems)."""
    try:
        size = os.stat(file).st_size
        if size > MAX_PAGE_BYTES:
            return _unreadable(rel, f"file is {size} bytes; a page may be at most {MAX_PAGE_BYTES} bytes")
        with open(file, "rb") as handle:
            raw = handle.read(MAX_PAGE_BYTES + 1)
    except OSError as exc:
        return _unreadable(rel, f"cannot read file: {exc.strerror}")
    if len(raw) > MAX_PAGE_BYTES:  # it grew since stat
        return _unreadable(rel, f"file is over {MAX_PAGE_BYTES} bytes; a page may be at most {MAX_PAGE_BYTES} bytes")
    return read_page(raw, rel)


def read_page(raw: bytes, rel: str) -> PageSource:
    """A page's bytes read into front matter, body and every problem found in them."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return _unreadable(rel, "file is not UTF-8 text; save it as UTF-8", line)
    text = normalise(text)
    meta, body, body_line, problems = _split_front_matter(text, rel)
    problems += check_body(body, rel, body_line)
    return PageSource(rel, meta, body, body_line, sorted(problems))


def normalise(text: str) -> str:
    """No byte-order mark, composed characters (NFC), ``\\n`` line ends."""
    text = text.removeprefix("\ufeff")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def check_body(body: str, rel: str, first_line: int = 1) -> list[Problem]:
    """Problems in a page's Markdown: control characters, active HTML, structures too slow to convert."""
    problems = []
    for number, line in enumerate(body.split("\n"), start=first_line):
        try:
            check_text(line)  # the rule of every entry text
        except ValueError as exc:
            problems.append(Problem(rel, number, "body", str(exc)))
    for found in (*find_active_content(body, markdown=True), *find_slow_structures(body)):
        problems.append(Problem(rel, first_line + body.count("\n", 0, found.offset), "body", found.message))
    return problems


def _unreadable(rel: str, message: str, line: int = 1) -> PageSource:
    return PageSource(rel, None, "", 1, [Problem(rel, line, "-", message)])


def _split_front_matter(text: str, rel: str) -> tuple[FrontMatter | None, str, int, list[Problem]]:
    """(front matter, body, the body's first line, problems)."""
    block = _YAML_BLOCK.match(text)
    if block:
        body_line = block.group(0).count("\n") + 1
        data, positions, problems = _decode_yaml(block.group(1), rel)
        meta, found = _validate(data, positions, rel) if data is not None else (None, [])
        return meta, text[block.end():], body_line, problems + found
    data, positions, consumed = _multimarkdown(text)
    lines = text.split("\n")
    meta, problems = _validate(data, positions, rel)
    problems = [Problem(p.path, p.line, p.field, p.message + _MULTIMARKDOWN_HINT) if p.message.startswith("unknown")
                else p for p in problems]
    return meta, "\n".join(lines[consumed:]), consumed + 1, problems


_MULTIMARKDOWN_HINT = ("; a page's first lines written as 'key: value' are read as front matter (as MkDocs reads "
                       "them): if this is text, begin the page with a heading or a blank line")


def _decode_yaml(block: str, rel: str) -> tuple[dict | None, dict, list[Problem]]:
    """The YAML block's mapping (lines as in the file: the block starts on line 2)."""
    if _BLANK_OR_COMMENTS.fullmatch(block):
        return {}, {}, []
    data, positions, problems = parse_text(rel, "\n" + block)
    if not positions:  # not valid YAML, or YAML that plain data never needs (aliases, tags, deep nesting)
        return None, {}, problems
    if not isinstance(data, dict):
        return None, {}, [Problem(rel, positions.get((), 2), "-", "front matter must be keys with values "
                                  "(title: …, description: …) between the two '---' lines")]
    return data, positions, problems


def _multimarkdown(text: str) -> tuple[dict, dict, int]:
    """MultiMarkdown-style ``key: value`` lines at the top, split exactly as MkDocs splits them;
    returns (values, line of each key, lines consumed)."""
    data: dict[str, str] = {}
    positions: dict[tuple, int] = {}
    lines = text.split("\n")
    key = None
    consumed = 0
    for number, line in enumerate(lines, start=1):
        if line.strip() == "":
            if data:
                consumed = number
            break
        if match := _META_LINE.match(line):
            key = match.group("key").lower().strip()
            value = match.group("value").strip()
            data[key] = f"{data[key]} {value}" if key in data else value
            positions.setdefault((key,), number)
        elif (more := _META_MORE.match(line)) and key:
            data[key] += " " + more.group("value").strip()
        else:
            break
        consumed = number
    else:
        consumed = len(lines) if data else 0
    return data, positions, consumed if data else 0


def _validate(data: dict, positions: dict, rel: str) -> tuple[FrontMatter | None, list[Problem]]:
    from .validate import _message  # the wording of every entry problem

    try:
        return FrontMatter.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            line = next((positions[loc[:end]] for end in range(len(loc), 0, -1) if loc[:end] in positions),
                        positions.get((), 1))
            problems.append(Problem(rel, line, format_field(loc), _message(error, FrontMatter)))
        return None, problems
