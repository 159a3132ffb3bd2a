"""The preview's web server: the site's folder over HTTP, each page fresh, reloading itself when it changes.

``serve(address, site)`` answers from ``site.folder()`` (whatever the preview last built) on a thread
per request. ``site`` is the preview (``atlas_mkdocs.work.preview``) or anything with its methods:

* ``prepare(rel)`` before a page is read: a page an edit made stale is rendered then, if it is not yet
  (pages never lag; the preview writes every file whole, so nothing is read half-written);
* ``problems()``: the messages of a failed rebuild, shown in a banner on every page
  (``atlas.preview.banner``) while the last good pages are served;
* ``version(rel)`` and ``wait(rel, version, timeout)``: the page's version, and waiting for it to change;
* ``status()``: whether it has caught up with the last change (``/.atlas-preview/status``, for scripts).

Every HTML page gets one tag before ``</body>``: ``<script src="/.atlas-preview/reload.js" …>`` with its
version, a file of the site's own origin (the pages' Content-Security-Policy is ``script-src 'self'``,
no inline script), which asks ``/.atlas-preview/wait`` and reloads the page when its version changes.
Apart from that tag (and the banner after a failure) pages are served as the build wrote them.
"""
from __future__ import annotations

import html
import json
import mimetypes
import os
import posixpath
import re
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files as package_files
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from .banner import with_banner

PREFIX = "/.atlas-preview/"
RELOAD_SCRIPT = PREFIX + "reload.js"
WAIT = PREFIX + "wait"
STATUS = PREFIX + "status"
#: the tag the preview adds to every page (what a test comparing with a build strips)
RELOAD_TAG = re.compile(rb'<script src="/\.atlas-preview/reload\.js" data-atlas-preview="[^"<>]*"></script>')
WAIT_SECONDS = 25.0


def reload_tag(version: str) -> bytes:
    return f'<script src="{RELOAD_SCRIPT}" data-atlas-preview="{html.escape(version)}"></script>'.encode("utf-8")


class Site(Protocol):
    def folder(self) -> str | None: ...
    def prepare(self, rel: str) -> None: ...
    def problems(self) -> list[str] | None: ...
    def version(self, rel: str) -> str: ...
    def wait(self, rel: str, version: str, timeout: float) -> str: ...
    def status(self) -> dict: ...


def resolve(url: str) -> tuple[str | None, bool]:
    """(the file under the site's folder that answers ``url``, whether the address lacks its final
    slash); None for an address outside the site or naming a hidden file."""
    path = unquote(urlsplit(url).path)
    clean = posixpath.normpath("/" + path).lstrip("/")
    if clean in ("", "."):
        return "index.html", False
    if any(part.startswith(".") for part in clean.split("/")):
        return None, False
    if path.endswith("/"):
        return clean + "/index.html", False
    return clean, True


class _Handler(BaseHTTPRequestHandler):
    server: "PreviewServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class' name
        pass

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        site = self.server.site
        url = urlsplit(self.path)
        if url.path == RELOAD_SCRIPT:
            return self._send(200, "text/javascript; charset=utf-8", self.server.script, head)
        if url.path == STATUS:
            return self._send(200, "application/json", json.dumps(site.status()).encode(), head)
        if url.path == WAIT:
            query = parse_qs(url.query)
            rel, _ = resolve(query.get("path", ["/"])[0])
            version = site.wait(rel or "", query.get("v", [""])[0], WAIT_SECONDS)
            return self._send(200, "application/json", json.dumps({"version": version}).encode(), head)
        rel, no_slash = resolve(self.path)
        folder = site.folder()
        if folder is None:
            return self._page(503, b"<!doctype html><html><head><meta charset=utf-8><title>atlas serve</title>"
                                   b"</head><body><p>Building&hellip;</p></body></html>", "", head)
        if rel is None:
            return self._not_found(folder, head)
        full = os.path.join(folder, *rel.split("/"))
        if no_slash and os.path.isdir(full):
            self.send_response(301)
            self.send_header("Location", url.path + "/" + (f"?{url.query}" if url.query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if rel.endswith(".html"):
            site.prepare(rel)
        try:
            with open(full, "rb") as handle:
                data = handle.read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return self._not_found(folder, head)
        kind = mimetypes.guess_type(rel)[0] or "application/octet-stream"
        if kind == "text/html":
            return self._page(200, data, rel, head)
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        self._send(200, kind, data, head)

    def _not_found(self, folder: str, head: bool) -> None:
        try:
            with open(os.path.join(folder, "404.html"), "rb") as handle:
                return self._page(404, handle.read(), "404.html", head)
        except OSError:
            return self._send(404, "text/plain; charset=utf-8", b"not found", head)

    def _page(self, status: int, data: bytes, rel: str, head: bool) -> None:
        site = self.server.site
        problems = site.problems()
        if problems:
            data = with_banner(data, problems)
        end = data.rfind(b"</body>")
        tag = reload_tag(site.version(rel))
        data = data[:end] + tag + data[end:] if end != -1 else data + tag
        self._send(status, "text/html; charset=utf-8", data, head)

    def _send(self, status: int, kind: str, data: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], site: Site):
        super().__init__(address, _Handler)
        self.site = site
        self.script = package_files("atlas.preview").joinpath("reload.js").read_bytes()

