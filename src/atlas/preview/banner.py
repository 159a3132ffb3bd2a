"""The banner a preview puts on every page while its last rebuild failed.

A preview that fails to rebuild keeps serving the last good pages; each HTML page served then
carries, as the first thing in its body, a banner saying that the preview is stale, with the
problems (one ``file:line: field: message`` per line, HTML-escaped). The pages on disk are not
changed: the server adds the banner as it answers (``with_banner``, and ``BannerMiddleware`` for a
WSGI server such as ``mkdocs serve``'s).
"""
from __future__ import annotations

import html
from typing import Callable, Iterable

MAX_SHOWN = 30  # lines of the failed rebuild's messages shown in the banner


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


def banner_middleware(inner, messages: Callable[[], list[str] | None]):
    """A WSGI app answering as ``inner``, with the banner on HTML pages while ``messages()`` gives any."""

    def with_notice(environ, start_response) -> Iterable[bytes]:
        shown = messages()
        if shown is None:
            return inner(environ, start_response)
        answered: list = []
        body = inner(environ, lambda status, headers, exc_info=None: answered.append((status, headers, exc_info)))
        status, headers, exc_info = answered[0]
        content_type = next((value for name, value in headers if name.lower() == "content-type"), "")
        if not content_type.startswith("text/html"):
            start_response(status, headers, exc_info)
            return body
        try:
            data = with_banner(b"".join(body), shown)
        finally:
            if hasattr(body, "close"):
                body.close()
        headers = [(n, v) for n, v in headers if n.lower() != "content-length"] + [("Content-Length", str(len(data)))]
        start_response(status, headers, exc_info)
        return [data]

    return with_notice
