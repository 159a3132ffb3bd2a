"""Checking the hand-written pages under ``content/``, with the line of every problem.

``content/`` holds Markdown: the home and about pages, and narratives, which a
Markdown file at the path of a generated page becomes (``content/institutions/kaist.md``
is the story on ``/institutions/kaist/``; ``content/en/…`` for the English page).
MkDocs renders every ``.md`` file and copies every other file as it is, so:

* a page may not hold active HTML (``<script>``, ``<iframe>``, ``onclick=``,
  ``javascript:`` links, ``data:`` URLs, images from other sites): it is reported
  as ``file:line: body: message``. The sanitiser would remove it anyway (and the
  browser test proves that what gets past this check does not run), but a
  contributor should learn that at once, not by finding it missing on the page;
* files that a browser would run as a document of the site (``.html``, ``.svg``,
  ``.xml``) may not be added, since nothing would sanitise them;
* a narrative must be named after an entry that exists (else it becomes a
  stray page), must be UTF-8 text, not too large, and not a link to a file
  outside ``content/``.
"""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from .hostile import find_active_content
from .models import FOLDERS
from .problems import Problem

CONTENT_DIR = "content"
MAX_PAGE_BYTES = 512 * 1024
# files MkDocs would publish unchanged and a browser would run as a page of the site
DOCUMENT_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".xsl", ".xslt", ".swf")
LANGUAGE_FOLDERS = ("en",)  # English pages (and their narratives) live under content/en/


def check_content(root: Path | str) -> list[Problem]:
    """Every problem in the files under ``root/content``, sorted by file and line."""
    root = Path(root)
    content = root / CONTENT_DIR
    if not content.is_dir():
        return []
    slugs = _entry_slugs(root)
    problems: list[Problem] = []
    real_content = content.resolve()
    for dirpath, dirnames, filenames in os.walk(content):
        dirnames.sort()
        for name in sorted(filenames):
            file = Path(dirpath) / name
            rel = file.relative_to(root).as_posix()
            if not file.resolve().is_relative_to(real_content):
                problems.append(Problem(rel, 1, "-", "file is a link to a place outside the content folder; "
                                                     "copy the file into content/ instead"))
                continue
            if name.lower().endswith(DOCUMENT_SUFFIXES):
                problems.append(Problem(rel, 1, "-", f"{PurePosixPath(name).suffix} files are not allowed in "
                                                     "content/: they would be published without sanitising; "
                                                     "write the page in Markdown (.md)"))
                continue
            if name.endswith(".md"):
                problems.extend(_check_page(file, rel, slugs))
    return sorted(problems)


def _entry_slugs(root: Path) -> dict[str, set[str]]:
    """folder → slugs of the entry files in data/<folder>/ (named after their slugs)."""
    out: dict[str, set[str]] = {}
    for folder in set(FOLDERS.values()):
        directory = root / "data" / folder
        out[folder] = {p.stem for p in directory.glob("*.y*ml")} if directory.is_dir() else set()
    return out


def _check_page(file: Path, rel: str, slugs: dict[str, set[str]]) -> list[Problem]:
    size = file.stat().st_size
    if size > MAX_PAGE_BYTES:
        return [Problem(rel, 1, "-", f"file is {size} bytes; a page may be at most {MAX_PAGE_BYTES} bytes")]
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [Problem(rel, line, "-", "file is not UTF-8 text; save it as UTF-8")]
    problems = [Problem(rel, _line_at(text, f.offset), "body", f.message)
                for f in find_active_content(text, markdown=True)]
    parts = PurePosixPath(rel).parts[1:]  # without content/
    if parts and parts[0] in LANGUAGE_FOLDERS:
        parts = parts[1:]
    if len(parts) == 2 and parts[0] in slugs and parts[1] != "index.md":
        slug = PurePosixPath(parts[1]).stem
        if slug not in slugs[parts[0]]:
            entry_type = next(t for t, f in FOLDERS.items() if f == parts[0])
            problems.append(Problem(rel, 1, "-", f"no {entry_type} with slug {slug!r} (data/{parts[0]}/{slug}.yml): "
                                                 f"a narrative is named after the entry it belongs to"))
    return problems


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
