"""What a reader's browser downloads for one page: measured in chromium against a local server.

The built site is served on 127.0.0.1 by a server that logs every request it answers (so
requests made by web workers and frames count too) and sends caching headers like a static
host set up for it: HTML documents ``Cache-Control: no-cache`` (fetched again on every visit),
every other file ``max-age=31536000`` (stylesheets, scripts, the search index, GeoJSON). No map
tiles are configured, so none are loaded.

For each page, Playwright drives Debian's chromium (``$CHROMIUM``, else the system's or Playwright's own: ``tests/browsers.py``):

* first visit — a fresh browser context (empty cache): open the page, scroll to the bottom (so
  lazily loaded frames load), wait until the network is idle;
* repeat visit — the same page opened again in that context: the HTML again, the rest cached.

Weights are the gzip-compressed sizes (level 6, what a web server sends) of the files the
server sent, already-compressed formats (PNG, fonts) counted as they are.
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
COMPRESSED = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2", ".gz", ".zip")
TEXT = (".html", ".css", ".js", ".json", ".geojson", ".svg", ".xml", ".txt", ".csv")


class _LoggingHandler(http.server.SimpleHTTPRequestHandler):
    log: list = []
    compress = False  # gzip text files for clients that accept it, as a static host does (bench/lighthouse.py)

    def end_headers(self):
        path = urllib.parse.urlsplit(self.path).path
        html = path.endswith("/") or path.endswith(".html")
        self.send_header("Cache-Control", "no-cache" if html else "public, max-age=31536000, immutable")
        super().end_headers()

    def send_head(self):
        # HTML gets no validators (no 304s): a repeat visit downloads it again in full
        if "If-Modified-Since" in self.headers:
            path = urllib.parse.urlsplit(self.path).path
            if path.endswith("/") or path.endswith(".html"):
                del self.headers["If-Modified-Since"]
        if self.compress and "gzip" in self.headers.get("Accept-Encoding", ""):
            compressed = self._compressed()
            if compressed is not None:
                return compressed
        return super().send_head()

    def _compressed(self):
        """The file asked for, gzip-compressed with its headers sent, if it is a text file; else None."""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not urllib.parse.urlsplit(self.path).path.endswith("/"):
                return None  # the standard redirect to the address with a slash
            path = os.path.join(path, "index.html")
        if not path.endswith(TEXT) or not os.path.isfile(path):
            return None
        data = _gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)

    def log_request(self, code="-", size="-"):
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        self.log.append((time.monotonic(), path, int(code) if str(code).isdigit() else 0))

    def log_message(self, format, *args):
        pass


@functools.lru_cache(maxsize=None)
def _gzipped(file: str) -> bytes:
    return gzip.compress(Path(file).read_bytes(), 6, mtime=0)


@contextlib.contextmanager
def serve(root: Path, port: int = 0, compress: bool = False) -> Iterator[tuple[str, list]]:
    """``(base URL, request log)`` of ``root`` served on 127.0.0.1 (``port``, or a free one); ``compress``:
    text files gzip-compressed for clients that accept it."""
    log: list = []
    handler = type("Handler", (_LoggingHandler,), {"log": log, "compress": compress})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", log
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@functools.lru_cache(maxsize=None)
def _sizes(file: str) -> tuple[int, int]:
    data = Path(file).read_bytes()
    if file.endswith(COMPRESSED):
        return len(data), len(data)
    return len(data), len(gzip.compress(data, 6))


@dataclass
class Visit:
    raw: int = 0
    gzip: int = 0
    requests: int = 0
    files: list = field(default_factory=list)  # (path, gzip bytes), heaviest first

    def as_dict(self, top: int = 8) -> dict:
        return {"raw": self.raw, "gzip": self.gzip, "requests": self.requests, "heaviest": self.files[:top]}


def _visit_of(site: Path, entries: list) -> Visit:
    visit = Visit()
    for _, path, code in entries:
        if code != 200:
            visit.requests += 1
            continue
        file = site / path.lstrip("/")
        if path.endswith("/") or file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            continue
        raw, packed = _sizes(str(file))
        visit.raw += raw
        visit.gzip += packed
        visit.requests += 1
        visit.files.append((path, packed))
    visit.files.sort(key=lambda item: (-item[1], item[0]))
    return visit


def _settle(page, log: list, quiet: float = 1.0, limit: float = 60.0) -> None:
    """Scroll to the bottom, then wait until the server has seen no request for ``quiet`` seconds."""
    page.wait_for_load_state("load")
    height = page.evaluate("document.body.scrollHeight")
    for y in range(0, int(height) + 900, 900):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(60)
    started = time.monotonic()
    while time.monotonic() - started < limit:
        last = log[-1][0] if log else 0
        if time.monotonic() - last >= quiet:
            try:
                page.wait_for_load_state("networkidle", timeout=2000)
            except Exception:  # noqa: BLE001 - a page that keeps a connection open
                pass
            if (log[-1][0] if log else 0) == last:
                return
        time.sleep(0.1)


def page_weights(site: Path, pages: dict[str, str], port: int = 0) -> dict:
    """``{name: {"url", "first": Visit, "repeat": Visit}}`` for ``{name: site path}``. ``port``: the one
    the site was built for (its ``site_url``), so that what the theme fetches from there is counted."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from browsers import HOW_TO_INSTALL, find_chromium  # $CHROMIUM, the system's, or Playwright's own

    chromium = find_chromium()
    if chromium is None:
        raise SystemExit(HOW_TO_INSTALL)
    out = {}
    with serve(site, port) as (base, log), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for name, path in pages.items():
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                # no request routing: Playwright turns the HTTP cache off when routes are set.
                # The site loads nothing from other hosts; any such request is listed.
                elsewhere: list[str] = []
                context.on("request", lambda request: None if request.url.startswith((base, "data:", "blob:"))
                           else elsewhere.append(request.url))
                page = context.new_page()
                result = {"url": "/" + path, "other_hosts": elsewhere}
                for visit in ("first", "repeat"):
                    start = len(log)
                    page.goto(base + path)
                    _settle(page, log)
                    result[visit] = _visit_of(site, log[start:])
                context.close()
                out[name] = result
        finally:
            browser.close()
    return out
