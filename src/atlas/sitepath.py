"""Relative links between files of the site, computed as text.

``posixpath.relpath`` makes both paths absolute against the process' working directory (a
system call each time); a build links tens of thousands of times between site paths that are
already clean and relative (``regions/asan.md``), so this does the same on the text alone.
"""
from __future__ import annotations

import posixpath


def relpath(target: str, start: str = ".") -> str:
    """``posixpath.relpath(target, start)`` for site-relative POSIX paths."""
    t = target.split("/")
    s = [] if start in ("", ".") else start.rstrip("/").split("/")
    if target.startswith("/") or start.startswith("/") or "" in t[:-1] or any(p in (".", "..", "") for p in s) \
            or any(p in (".", "..") for p in t):
        return posixpath.relpath(target, start or ".")  # anything unusual: the library does it
    if t[-1] == "":
        t.pop()  # relpath drops a trailing slash
    common = 0
    for a, b in zip(t, s):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(s) - common) + t[common:]) or "."
