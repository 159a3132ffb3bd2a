"""Where a build may write the site: never over the project's sources.

A build replaces its output folder whole: it builds ``X.staging`` beside it, renames ``X`` to
``X.old``, puts ``X.staging`` in its place and deletes ``X.old``, holding ``X.lock`` meanwhile.
So ``atlas build -d data`` would delete the entries. Each of those four paths is refused when it

* is, or holds, the project folder;
* is, or is inside, ``data/``, ``content/``, ``site_templates/`` or ``.git/``;
* is, or holds, a file git tracks (``git ls-files``);
* already exists as something a build would destroy: a file, or a folder that holds files
  but no site (no ``index.html``).

``atlas build`` checks ``-d`` before anything else; the MkDocs plugin checks ``site_dir``
in ``on_config``, so ``mkdocs build -d data`` is refused as well.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

SOURCE_FOLDERS = ("data", "content", "site_templates", ".git")
#: the paths a build uses beside its output folder X (see atlas.staging)
BESIDE = ("", ".staging", ".old", ".lock")


def output_dir_problem(root: Path | str, site_dir: Path | str) -> str | None:
    """Why building into ``site_dir`` could damage the project at ``root`` (None: it cannot)."""
    root_real = Path(os.path.realpath(root))
    base = os.path.abspath(site_dir)
    for suffix in BESIDE:
        path = Path(os.path.realpath(base + suffix))
        reason = _reason(root_real, path, lock=suffix == ".lock")
        if reason:
            which = "it" if not suffix else f"{os.path.basename(base)}{suffix} beside it"
            name = os.path.basename(base)
            return (f"cannot build the site into {site_dir}: {which} {reason}; a build replaces its folder whole "
                    f"(with {name}.staging, {name}.old and {name}.lock beside it): choose another folder "
                    "(the default is site/)")
    return None


def _reason(root: Path, path: Path, *, lock: bool) -> str | None:
    if path == root:
        return "is the project folder"
    if root.is_relative_to(path):
        return f"holds the project folder ({root})"
    for folder in SOURCE_FOLDERS:
        source = root / folder
        if path == source:
            return f"is the project's {folder}/ folder"
        if path.is_relative_to(source):
            return f"is inside the project's {folder}/ folder"
    tracked = _tracked(path)
    if tracked:
        return "is a file tracked by git" if tracked == "." else f"holds files tracked by git ({tracked})"
    if lock:
        return "is not a lock file" if path.is_dir() else None  # a lock file is opened, never written
    if path.is_file():
        return "is a file, not a folder"
    if path.is_dir() and not _looks_like_a_site(path):
        return "is a folder that holds files but no site (no index.html)"
    return None


def _looks_like_a_site(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            names = {entry.name for entry in entries}
    except OSError:
        return False
    return not names or "index.html" in names


def _tracked(path: Path) -> str | None:
    """The first file git tracks at or under ``path`` (``"."``: ``path`` itself), else None."""
    if not path.exists():
        return None
    if path.is_dir():
        cwd, args = path, []
    else:
        cwd, args = path.parent, ["--", path.name]
    try:
        listed = subprocess.run(["git", "-C", str(cwd), "ls-files", "-z", *args], capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None  # no git: nothing is tracked
    if listed.returncode != 0 or not listed.stdout:
        return None
    first = listed.stdout.split(b"\0", 1)[0].decode("utf-8", "replace")
    return "." if args else first


def write_site_file(site_dir: str, path: str, data: bytes) -> str:
    """Write ``data`` at the site path ``path`` under ``site_dir``, whole or not at all: under a
    temporary name first, then renamed (a server reading the folder meanwhile, as the preview's
    does, never sees half a file). Returns the file's path."""
    dest = os.path.join(site_dir, *path.split("/"))
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    writing = f"{dest}.{os.getpid()}.writing"
    try:
        with open(writing, "wb") as out:
            out.write(data)
        os.replace(writing, dest)
    except BaseException:
        if os.path.exists(writing):
            os.remove(writing)
        raise
    return dest
