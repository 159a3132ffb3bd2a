"""Which files ``content/`` may hold: an allow-list of types, safe names, no links.

MkDocs publishes every file of its ``docs_dir`` (``content/``): Markdown becomes pages, every
other file is copied as it is and served under the site's own address, where a browser
would run an HTML, SVG or XML document, or a script. So ``content/`` takes only

* Markdown pages (``.md``: UTF-8 text, checked by ``atlas.page_source``);
* raster images (``.png``, ``.jpg``/``.jpeg``, ``.gif``, ``.webp``, ``.avif``) and PDF
  (``.pdf``), whose first bytes must be those of their type, so that an HTML document
  renamed ``.png`` is refused;

nothing else: the site's own scripts and styles live with the code, in ``site_templates/``.
Names of files and folders are lower-case ASCII letters, digits, ``-``, ``_`` and ``.``
(no spaces, control characters, leading dots or ``..``), and a name that breaks the rule is
shown with its invisible characters escaped (``\\n``, ``\\x1b``), never printed raw.
Symbolic links — files or folders, wherever they point — are refused: MkDocs follows them
and would publish what they point at; the walk here never follows one, so a link loop
cannot stall it. Anything but a regular file or folder (a pipe, a device) is refused too.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem

CONTENT_DIR = "content"
PAGE_SUFFIX = ".md"

#: the file types content/ takes beside Markdown: suffix → (name of the type, does it start like one?)
ASSET_TYPES = {
    ".png": ("PNG image", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    ".jpg": ("JPEG image", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".jpeg": ("JPEG image", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".gif": ("GIF image", lambda head: head[:6] in (b"GIF87a", b"GIF89a")),
    ".webp": ("WebP image", lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
    ".avif": ("AVIF image", lambda head: _is_avif(head)),
    ".pdf": ("PDF document", lambda head: head.startswith(b"%PDF-")),
}
ALLOWED_SUFFIXES = (PAGE_SUFFIX, *ASSET_TYPES)
_HEAD_BYTES = 64

_SAFE_NAME = re.compile(r"[a-z0-9_][a-z0-9_.-]*")
MAX_NAME_LENGTH = 100

_KINDS = ("Markdown pages (.md), images (" + ", ".join(s for s in ASSET_TYPES if s != ".pdf")
          + ") and PDF (.pdf)")


@dataclass
class ContentFiles:
    """What a walk of ``content/`` found: pages and other files that passed, and every problem."""

    pages: list[str] = field(default_factory=list)  # paths relative to the project root, POSIX
    assets: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def accepted(self) -> set[str]:
        """Paths relative to ``content/`` of every file that may be published."""
        prefix = CONTENT_DIR + "/"
        return {path[len(prefix):] for path in self.pages + self.assets}


def scan_content(root: Path | str) -> ContentFiles:
    """Walk ``root/content`` without following links; every file checked by name, kind and type."""
    root = Path(root)
    content = root / CONTENT_DIR
    found = ContentFiles()
    if os.path.islink(content):
        found.problems.append(Problem(CONTENT_DIR, 1, "-", "the content folder is a symbolic link; " + _NO_LINKS))
        return found
    if not content.is_dir():
        return found
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(content, onerror=errors.append):
        dirnames.sort()
        rel_dir = Path(dirpath).relative_to(root).as_posix()
        for name in list(dirnames):
            rel = f"{rel_dir}/{name}"
            if os.path.islink(os.path.join(dirpath, name)):
                found.problems.append(Problem(shown(rel), 1, "-", "folder is a symbolic link; " + _NO_LINKS))
                dirnames.remove(name)  # (os.walk would not follow it either)
                continue
            problem = _name_problem(name, "folder")
            if problem:
                found.problems.append(Problem(shown(rel), 1, "-", problem))
        for name in sorted(filenames):
            _check_file(Path(dirpath) / name, f"{rel_dir}/{name}", name, found)
    for error in errors:
        where = Path(error.filename).relative_to(root).as_posix() if error.filename else CONTENT_DIR
        found.problems.append(Problem(shown(where), 1, "-", f"cannot read folder: {error.strerror}"))
    return found


def _check_file(file: Path, rel: str, name: str, found: ContentFiles) -> None:
    label = shown(rel)  # a folder above may have a name that breaks the rule
    try:
        info = os.lstat(file)
    except OSError as exc:
        found.problems.append(Problem(label, 1, "-", f"cannot read file: {exc.strerror}"))
        return
    if stat.S_ISLNK(info.st_mode):
        found.problems.append(Problem(label, 1, "-", "file is a symbolic link; " + _NO_LINKS))
        return
    if not stat.S_ISREG(info.st_mode):
        found.problems.append(Problem(label, 1, "-", "not a regular file (a pipe, socket or device); "
                                                           "content/ holds files only"))
        return
    problem = _name_problem(name, "file")
    if problem:
        found.problems.append(Problem(label, 1, "-", problem))
        return
    suffix = os.path.splitext(name)[1]
    if suffix == PAGE_SUFFIX:
        found.pages.append(rel)
        return
    if suffix not in ASSET_TYPES:
        what = f"{suffix} files are" if suffix else "files without a type suffix are"
        found.problems.append(Problem(label, 1, "-", f"{what} not allowed in content/: it takes only {_KINDS}; "
                                                   "the site's own scripts and styles live in site_templates/"))
        return
    kind, starts_right = ASSET_TYPES[suffix]
    try:
        with open(file, "rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError as exc:
        found.problems.append(Problem(label, 1, "-", f"cannot read file: {exc.strerror}"))
        return
    if not starts_right(head):
        found.problems.append(Problem(label, 1, "-", f"file is not a {kind}: it does not start as a {suffix} file "
                                                   "does; save it in that format, or give it the suffix of "
                                                   "its real type"))
        return
    found.assets.append(rel)


def unchecked_files(root: Path | str, docs_dir: str, src_uris: list[str]) -> list[str]:
    """Which of the files MkDocs collected from ``docs_dir`` (``src_uris``, relative to it) were not
    accepted by a scan of ``root/content`` now: all of them when ``docs_dir`` is another folder."""
    if os.path.realpath(docs_dir) != os.path.realpath(Path(root) / CONTENT_DIR):
        return sorted(src_uris)
    accepted = scan_content(root).accepted()
    return sorted(uri for uri in src_uris if uri not in accepted)


_NO_LINKS = ("content/ takes no links (MkDocs would publish whatever they point at, even outside the "
             "repository): copy the file or folder into content/ instead")


def _name_problem(name: str, what: str) -> str | None:
    if _SAFE_NAME.fullmatch(name) and ".." not in name and not name.endswith(".") and len(name) <= MAX_NAME_LENGTH:
        return None
    return (f"{what} name '{shown(name)}' is not allowed: names under content/ use lower-case ASCII letters, "
            f"digits, '-', '_' and '.' only (no spaces, no leading dot, no '..', at most {MAX_NAME_LENGTH} "
            "characters)")


def shown(text: str) -> str:
    """``text`` with every invisible or control character (and the backslash) escaped: one printable line."""
    if text.isprintable() and "\\" not in text:
        return text
    return "".join(ch if ch.isprintable() and ch != "\\" else ch.encode("unicode_escape", "backslashreplace")
                   .decode("ascii") for ch in text)


def _is_avif(head: bytes) -> bool:
    """An ISO media file (``ftyp`` box first) naming the AVIF brand, as major or compatible brand."""
    if head[4:8] != b"ftyp":
        return False
    size = int.from_bytes(head[:4], "big")
    brands = head[8:min(max(size, 16), len(head))]
    return any(brands[i:i + 4] in (b"avif", b"avis") for i in range(0, len(brands) - 3, 4))
