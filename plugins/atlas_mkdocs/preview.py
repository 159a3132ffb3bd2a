"""``mkdocs serve``: a failed rebuild keeps the last good site served, and says so.

MkDocs' live-reload server holds every request while a rebuild is pending and, when the
rebuild fails, keeps holding them ("the server will appear stuck until build errors are
resolved"; ``mkdocs/livereload/__init__.py``). Here the server's builder is wrapped:

* a rebuild is built beside the served site (``staging.StagedSite``, as ``mkdocs build``
  does) and swapped in only when it succeeded, so a failure never leaves half a site;
* a failure is caught: the terminal shows MkDocs' own messages (for problems in the
  entries, one ``file:line: field: message`` per line) and one line saying that the preview
  is stale; the browsers reload onto the last good site;
* until a rebuild succeeds, every HTML page served carries a banner at the top saying the
  preview is stale, with the errors and warnings of the failed rebuild (HTML-escaped; the
  pages are not changed on disk: the banner is added by a WSGI middleware around the
  server's app).
"""
from __future__ import annotations

import html
import logging
from typing import Callable, Iterable

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

MAX_SHOWN = 30  # lines of the failed rebuild's messages shown in the banner


class KeepLastGoodSite:
    def __init__(self, server, after_build: Callable[[], object]):
        """``after_build``: called after every rebuild, failed or not (the plugin swaps in or discards
        the staged site)."""
        self.server = server
        self.after_build = after_build
        self.messages: list[str] | None = None  # the failed rebuild's errors and warnings; None: fresh
        self._builder = server.builder
        server.builder = self.rebuild
        server.set_app(self.app(server.get_app()))

    def rebuild(self, config=None) -> None:
        collected = _Collect()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collected)
        try:
            self._builder(config)
        except Exception as error:  # noqa: BLE001 - any failure of a rebuild: keep serving the last good site
            self.after_build()
            self.messages = collected.lines or [str(error) or type(error).__name__]
            log.error("The rebuild failed (see above): the preview keeps showing the last good site, marked "
                      "stale on every page, until a rebuild succeeds")
            return
        finally:
            logger.removeHandler(collected)
        self.after_build()
        self.messages = None

    def app(self, inner):
        def with_notice(environ, start_response) -> Iterable[bytes]:
            messages = self.messages
            if messages is None:
                return inner(environ, start_response)
            answered: list = []
            body = inner(environ, lambda status, headers, exc_info=None: answered.append((status, headers, exc_info)))
            status, headers, exc_info = answered[0]
            content_type = next((value for name, value in headers if name.lower() == "content-type"), "")
            if not content_type.startswith("text/html"):
                start_response(status, headers, exc_info)
                return body
            try:
                data = with_banner(b"".join(body), messages)
            finally:
                if hasattr(body, "close"):
                    body.close()
            headers = [(n, v) for n, v in headers if n.lower() != "content-length"] + [("Content-Length", str(len(data)))]
            start_response(status, headers, exc_info)
            return [data]

        return with_notice


def with_banner(page: bytes, messages: list[str]) -> bytes:
    """``page`` with the stale-preview banner as the first thing in its body."""
    shown = messages[:MAX_SHOWN] + ([f"… {len(messages) - MAX_SHOWN} more in the terminal"]
                                    if len(messages) > MAX_SHOWN else [])
    banner = (
        '<div id="atlas-stale-preview" role="alert" style="position:sticky;top:0;z-index:10000;'
        'background:#b71c1c;color:#fff;padding:.6em 1em;font:14px/1.45 sans-serif">'
        '<strong>미리보기가 최신이 아닙니다 · This preview is stale.</strong> '
        '마지막 빌드가 실패해 그 전에 성공한 빌드를 보여 줍니다. '
        'The last rebuild failed: this is the last good build. Fix the problems below (also shown in the '
        'terminal); the page reloads when a rebuild succeeds.'
        '<pre style="white-space:pre-wrap;margin:.5em 0 0;color:#fff;background:none">'
        + html.escape("\n".join(shown)) + "</pre></div>"
    ).encode("utf-8")
    start = page.find(b"<body")
    end = page.find(b">", start) if start != -1 else -1
    if end == -1:
        return banner + page
    return page[:end + 1] + banner + page[end + 1:]


class _Collect(logging.Handler):
    """The errors and warnings MkDocs and the plugins log during one rebuild."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines += record.getMessage().splitlines()
        except Exception:  # noqa: BLE001 - a message that cannot be formatted is left out
            pass
