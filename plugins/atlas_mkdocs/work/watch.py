"""The preview's eyes: file events under the project, handed over in batches.

``watchdog`` (MkDocs' own dependency: inotify on Linux, FSEvents on macOS) reports events under the
folders given, recursively, and on the given files; editors write a file in several steps, so events
are collected until none has come for ``DEBOUNCE`` seconds, then handed to ``apply`` (a set of
absolute paths). Hidden files and editors' temporary files are left out.
"""
from __future__ import annotations

import logging
import os
import threading
from typing import Callable

log = logging.getLogger(__name__)

DEBOUNCE = 0.05  # seconds without another event before a change is taken in


class Watcher:
    """File events under the project (``data/``, ``content/``, the templates, ``mkdocs.yml``), handed
    to ``apply`` in batches once they stop coming for ``DEBOUNCE`` seconds."""

    def __init__(self, apply: Callable[[set[str]], object], folders: list[str], files: list[str], root: str,
                 logger: logging.Logger = log):
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        self.apply, self.root, self.log = apply, root, logger
        self.pending: set[str] = set()
        self.arrived = threading.Event()
        self.files = {os.path.abspath(f) for f in files}
        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                if event.event_type in ("opened", "closed_no_write"):
                    return
                for path in (event.src_path, getattr(event, "dest_path", "")):
                    if path and watcher.wanted(os.fsdecode(path), event.is_directory):
                        watcher.pending.add(os.path.abspath(os.fsdecode(path)))
                        watcher.arrived.set()

        self.observer = Observer()
        for folder in folders:
            if os.path.isdir(folder):
                self.observer.schedule(Handler(), folder, recursive=True)
        for parent in {os.path.dirname(f) for f in self.files}:
            self.observer.schedule(Handler(), parent, recursive=False)

    def wanted(self, path: str, is_directory: bool) -> bool:
        name = os.path.basename(path)
        if name.startswith(".") or name.endswith(("~", ".swp", ".swx", ".tmp")) or is_directory:
            return False
        parent_watched = os.path.dirname(os.path.abspath(path)) in {os.path.dirname(f) for f in self.files}
        return not parent_watched or os.path.abspath(path) in self.files

    def start(self) -> None:
        self.observer.start()
        threading.Thread(target=self._loop, name="atlas-preview-changes", daemon=True).start()

    def _loop(self) -> None:
        while True:
            self.arrived.wait()
            while True:  # until the events stop coming
                self.arrived.clear()
                if not self.arrived.wait(DEBOUNCE):
                    break
            paths, self.pending = self.pending, set()
            self.log.debug(f"changed: {', '.join(sorted(os.path.relpath(p, self.root) for p in paths))}")
            try:
                self.apply(paths)
            except Exception:  # noqa: BLE001 - the next change tries again
                self.log.exception("The preview could not take in a change")
