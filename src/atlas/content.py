"""Checking the hand-written pages under ``content/``, with the line of every problem.

``content/`` holds Markdown: the home and about pages, and narratives, which a
Markdown file at the path of a generated page becomes (``content/institutions/kaist.md``
is the story on ``/institutions/kaist/``; ``content/en/…`` for the English page).
Everything in it comes from contributors, so:

* which files it may hold — types by allow-list, safe names, no links — is
  ``atlas.content_files``;
* each page is read by ``atlas.page_source`` (byte-order mark, NFC, front matter decoded
  and checked like entry text, active HTML, Markdown too slow to convert), the same
  function the plugin reads pages with for MkDocs;
* a narrative must be named after an entry that exists (else it becomes a stray
  page); its front matter is checked like any page's, but not used (the page's title
  and description are the entry's).
"""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path, PurePosixPath

from .content_files import CONTENT_DIR, scan_content, shown
from .models import FOLDERS
from .page_source import MAX_PAGE_BYTES, PageSource, read_page_file
from .problems import Problem

__all__ = ["CONTENT_DIR", "MAX_PAGE_BYTES", "check_content", "narrative_entry", "without_narratives"]

LANGUAGE_FOLDERS = ("en",)  # English pages (and their narratives) live under content/en/


def check_content(root: Path | str) -> list[Problem]:
    """Every problem in the files under ``root/content``, sorted by file and line."""
    root = Path(root)
    found = scan_content(root)
    problems = list(found.problems)
    if not found.pages:
        return sorted(problems)
    slugs = _entry_slugs(root)
    for rel in found.pages:
        source = read_page_file(root / rel, shown(rel))
        problems.extend(source.problems)
        problems.extend(_narrative_problems(source, slugs))
    return sorted(problems)


def narrative_entry(src_uri: str) -> tuple[str, str] | None:
    """(folder, slug) when the page at ``src_uri`` (relative to content/) is in an entry folder."""
    parts = PurePosixPath(src_uri).parts
    if parts and parts[0] in LANGUAGE_FOLDERS:
        parts = parts[1:]
    if len(parts) == 2 and parts[0] in set(FOLDERS.values()) and parts[1] != "index.md":
        return parts[0], PurePosixPath(parts[1]).stem
    return None


def without_narratives(content_root: Path | str):
    """For ``shutil.copytree(content/, …, ignore=without_narratives(content/))``: the site's own pages
    (home, about) without the entries' narratives and their images — for a project with other entries
    than this one's (the tests' small fixture, the benchmark's synthetic atlas)."""
    root = Path(content_root)

    def ignore(folder: str, names: list[str]) -> set[str]:
        rel = PurePosixPath(Path(folder).relative_to(root).as_posix())
        return {name for name in names if narrative_entry(str(rel / name)) is not None}

    return ignore


def _entry_slugs(root: Path) -> dict[str, set[str]]:
    """folder → slugs of the entry files in data/<folder>/ (named after their slugs)."""
    out: dict[str, set[str]] = {}
    for folder in set(FOLDERS.values()):
        try:
            names = os.listdir(root / "data" / folder)
        except OSError:  # no such folder (or not one)
            names = []
        out[folder] = {name.rsplit(".", 1)[0] for name in fnmatch.filter(names, "*.y*ml")}
    return out


def _narrative_problems(source: PageSource, slugs: dict[str, set[str]]) -> list[Problem]:
    entry = narrative_entry(source.path[len(CONTENT_DIR) + 1:])
    if entry is None:
        return []
    folder, slug = entry
    if slug in slugs[folder]:
        return []
    entry_type = next(t for t, f in FOLDERS.items() if f == folder)
    return [Problem(source.path, 1, "-", f"no {entry_type} with slug {slug!r} (data/{folder}/{slug}.yml): "
                                         "a narrative is named after the entry it belongs to")]
