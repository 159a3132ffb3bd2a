"""Helpers for tests that need a web server or a browser page: serve a built site on 127.0.0.1.

The server behaves like GitHub Pages: ``/dir/`` serves ``dir/index.html``, a folder
without one is a 404 (no directory listings), and a missing file gets ``404.html``.
It listens on a free port of the loopback interface only and stops when the
``with`` block ends.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
from pathlib import Path
from typing import Iterator


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    def list_directory(self, path):  # no listings: a folder without index.html is not a page
        self.send_error(404, "Not Found")
        return None

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format, *args):  # keep test output quiet
        pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_site(root: Path) -> Iterator[str]:
    """Serve ``root`` at http://127.0.0.1:<free port>/ for the duration of the block; yields the base URL."""
    handler = functools.partial(_PagesHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextlib.contextmanager
def chromium_page(browser, base: str) -> Iterator[object]:
    """A new page of ``browser`` (conftest's session fixture: Debian's chromium driven by Playwright)
    that may load only ``base``: every other request is aborted.

    Records, per page: ``dialogs`` (alert/confirm/prompt messages), ``console_messages``, and in every
    frame ``window.__csp`` (each securitypolicyviolation event as [directive, blocked URL, source, line])."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                      else route.abort())
        page = context.new_page()
        page.dialogs, page.console_messages = [], []
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: page.console_messages.append(m.text))
        page.add_init_script(
            "window.__csp = [];"
            "document.addEventListener('securitypolicyviolation', e => window.__csp.push("
            "[e.effectiveDirective, e.blockedURI, e.sourceFile, e.lineNumber]));")
        yield page
    finally:
        context.close()


def csp_violations(page) -> list:
    """Violations recorded in the page and each of its frames (maps are shown in iframes)."""
    found = []
    for frame in page.frames:
        try:
            found += [[frame.url] + v for v in frame.evaluate("window.__csp || []")]
        except Exception:  # a frame that navigated away or was removed meanwhile
            continue
    found += [["console", m] for m in page.console_messages if "Content Security Policy" in m]
    return found
