"""An atlas kept in memory between edits: ``load`` again re-reads and re-validates only what changed.

``load_atlas`` reads, parses and validates every entry file (seconds, at national scale). A preview
keeps each file's result — the parsed entry with its line numbers, its problems, its validated
model — under the file's stamp (modification time, size, inode). Loading again lists ``data/`` (new
and deleted files show), reads only the files whose stamp changed (and, in case a file changed twice
within its clock's resolution, those changed in the last seconds), keeps the very model object of a
file that validates equal to before (so ``changed_keys`` finds it unchanged by identity), then links
everything again and checks the geography with the districts of points already placed kept
(``check_locations``'s cache) and the hand-written pages. The result, problems included, is what
``load_atlas`` gives for the same files (``tests/test_preview.py``).
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..graph import Atlas
from ..link import References, _collector_paused, _prepare_geography, link_validated
from ..load import RawEntry, read_files, scan_data
from ..models import Model
from ..problems import Problem
from ..validate import validate_entry

RECENT_NS = 2_000_000_000  # a file changed this close to the last load is read again whatever its stamp


@dataclass
class _Read:
    stamp: tuple[int, int, int]
    entry: RawEntry | None
    problems: list[Problem]
    validated: tuple[Model | None, list[Problem]] | None


class LiveAtlas:
    def __init__(self, root: Path | str):
        self.root = Path(root)
        self.files: dict[str, _Read] = {}  # by absolute path
        self.geography: dict = {}  # districts of points placed before (atlas.geo.check)
        self.refs = References()  # each model's references
        self.loaded_at = 0  # time.time_ns() when the last load listed the files
        self.reread: list[str] = []  # the files the last load read (paths relative to the root)

    def load(self, root: Path | str | None = None) -> Atlas:
        """The atlas as the files are now (raises ``AtlasError`` with every problem, as ``load_atlas``)."""
        with _collector_paused():
            return self._load()

    def _load(self) -> Atlas:
        first = not self.files
        started = time.time_ns()
        listed, scan_problems = scan_data(self.root)
        files = []
        for path, folder in listed:
            key = os.fspath(path)
            try:
                info = os.stat(key, follow_symlinks=False)
                stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
            except OSError:
                stamp = (0, -1, 0)
            known = self.files.get(key)
            if known is None or known.stamp != stamp or stamp[0] >= self.loaded_at - RECENT_NS:
                files.append((path, folder, stamp))
        results = read_files(self.root, [(path, folder) for path, folder, _ in files], validate_entry,
                             meanwhile=_prepare_geography if first else None)
        for (path, _, stamp), (entry, found, validated) in zip(files, results):
            key = os.fspath(path)
            known = self.files.get(key)
            if (validated is not None and validated[0] is not None and known is not None
                    and known.validated is not None and known.validated[0] == validated[0]):
                validated = (known.validated[0], validated[1])  # the same model object: unchanged
            self.files[key] = _Read(stamp, entry, found, validated)
        present = {os.fspath(path) for path, _ in listed}
        for key in [key for key in self.files if key not in present]:
            del self.files[key]
        self.loaded_at = started
        self.reread = [os.path.relpath(path, self.root).replace(os.sep, "/") for path, _, _ in files]
        order = [os.fspath(path) for path, _ in listed]  # scan_data's order, as load_atlas reads them
        raws = [self.files[key].entry for key in order if self.files[key].entry is not None]
        problems = list(scan_problems) + [p for key in order for p in self.files[key].problems]
        validated = [self.files[key].validated for key in order if self.files[key].entry is not None]
        self.refs.keep_only(v[0] for v in validated if v[0] is not None)
        return link_validated(self.root, raws, problems, validated, self.geography, self.refs)
