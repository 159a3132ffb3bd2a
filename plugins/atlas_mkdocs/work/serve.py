"""``mkdocs serve``: a failed rebuild keeps the last good site served, and says so.

MkDocs' live-reload server holds every request while a rebuild is pending and, when the
rebuild fails, keeps holding them ("the server will appear stuck until build errors are
resolved"; ``mkdocs/livereload/__init__.py``). Here the server's builder is wrapped:

* a rebuild is built beside the served site (``atlas.staging.StagedSite``, as ``mkdocs build``
  does) and swapped in only when it succeeded, so a failure never leaves half a site;
* a failure is caught: the terminal shows MkDocs' own messages (for problems in the
  entries, one ``file:line: field: message`` per line) and one line saying that the preview
  is stale; the browsers reload onto the last good site;
* until a rebuild succeeds, every HTML page served carries a banner (``atlas.preview.banner``)
  saying the preview is stale, with the errors and warnings of the failed rebuild.

``atlas serve`` is the faster preview (``preview.py``); this keeps plain ``mkdocs serve`` working.
"""
from __future__ import annotations

import logging
from typing import Callable

from mkdocs.plugins import get_plugin_logger

from atlas.preview.banner import banner_middleware

from .. import internals

log = get_plugin_logger(__name__)


class KeepLastGoodSite:
    def __init__(self, server, after_build: Callable[[], object]):
        """``after_build``: called after every rebuild, failed or not (the plugin swaps in or discards
        the staged site)."""
        self.after_build = after_build
        self.messages: list[str] | None = None  # the failed rebuild's errors and warnings; None: fresh
        self._builder = internals.wrap_live_reload(server, self.rebuild,
                                                   lambda app: banner_middleware(app, lambda: self.messages))

    def rebuild(self, config=None) -> None:
        collected = Collect()
        logger = logging.getLogger(internals.LOGGER)
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


class Collect(logging.Handler):
    """The errors and warnings MkDocs and the plugins log during one rebuild."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines += record.getMessage().splitlines()
        except Exception:  # noqa: BLE001 - a message that cannot be formatted is left out
            pass
