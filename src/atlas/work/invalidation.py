"""What a change invalidates: every page knows what it read from the atlas.

A page of the atlas shows data from many entries: an institution's page prints the names of its
regions and events, a region's page lists every institution inside it, an index lists them all,
the citations print the sources. Rules written by hand ("an event's page depends on its venue…")
would fall behind the templates. Instead the atlas itself records what each page reads:

* ``instrument(atlas)`` replaces the atlas' tables (``regions``, ``institutions`` …) and derived
  links (``region_institutions``, ``children`` …) by ``RecordingDict``\\ s: the same dictionaries,
  which note every key read, tested (``in``) or iterated while a page is being rendered
  (``ReadLog.page``). Outside a page nothing is recorded; a full build never instruments its atlas.
* ``changed_keys(before, after)`` compares two atlases (before and after an edit) field by field
  and gives the keys whose value changed, appeared or disappeared, plus ``ITER`` for a field whose
  set of keys changed.
* ``ReadLog.pages_reading(keys)`` is then exactly the set of pages whose content may differ: a
  page that read none of the changed keys was made from the same values, so it comes out the same.

``tests/test_incremental.py`` checks that claim against renderings: after random edits of real
entries, every page whose Markdown differs is among the pages named.

Recording is per thread: what another thread reads meanwhile (the preview's background work making
downloads and maps from the same atlas) is never counted as a page's read.
"""
from __future__ import annotations

import contextlib
import dataclasses
import threading
from typing import Hashable, Iterable, Iterator

class _Iter:
    """The one value of ``ITER``: itself again when pickled (sent by the build's other process)."""

    def __reduce__(self) -> str:
        return "ITER"

    def __repr__(self) -> str:
        return "ITER"


ITER = _Iter()  # "the set of keys" of a field (read by iterating it, or by its length)
Key = tuple[str, Hashable]


class ReadLog:
    """Which keys each page read: ``{page: {(field, key), …}}``."""

    def __init__(self) -> None:
        self.reads: dict[str, set[Key]] = {}
        self._local = threading.local()  # .current: the reads of the page this thread renders

    @contextlib.contextmanager
    def page(self, name: str) -> Iterator[None]:
        """Record the reads of ``name`` (rendered inside the block; a page rendered again starts afresh)."""
        outer = getattr(self._local, "current", None)
        self._local.current = reads = set()
        try:
            yield
            self.reads[name] = reads
        finally:
            self._local.current = outer

    def note(self, field: str, key: Hashable) -> None:
        current = getattr(self._local, "current", None)
        if current is not None:
            current.add((field, key))

    def note_all(self, field: str, keys: Iterable[Hashable]) -> None:
        current = getattr(self._local, "current", None)
        if current is not None:
            current.add((field, ITER))
            current.update((field, key) for key in keys)

    def merge(self, reads: dict[str, set[Key]]) -> None:
        """Reads recorded elsewhere (by the build's other process, for the pages it rendered)."""
        self.reads.update(reads)

    def __getstate__(self) -> dict:  # pickled without its thread-local state
        return {"reads": self.reads}

    def __setstate__(self, state: dict) -> None:
        self.reads = state["reads"]
        self._local = threading.local()

    def forget(self, pages: Iterable[str]) -> None:
        for name in pages:
            self.reads.pop(name, None)

    def pages_reading(self, keys: set[Key]) -> set[str]:
        """The pages that read any of ``keys``."""
        if not keys:
            return set()
        return {name for name, read in self.reads.items() if not read.isdisjoint(keys)}


class RecordingDict(dict):
    """A dict that tells its ``ReadLog`` what is read while a page is recorded."""

    __slots__ = ("_log", "_field")

    def __init__(self, data: dict, log: ReadLog, field: str):
        super().__init__(data)
        self._log, self._field = log, field

    def __getitem__(self, key):
        self._log.note(self._field, key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._log.note(self._field, key)
        return super().get(key, default)

    def __contains__(self, key) -> bool:
        self._log.note(self._field, key)
        return super().__contains__(key)

    def __iter__(self):
        self._log.note(self._field, ITER)
        return super().__iter__()

    def __len__(self) -> int:
        self._log.note(self._field, ITER)
        return super().__len__()

    def keys(self):
        self._log.note(self._field, ITER)
        return super().keys()

    def values(self):
        self._log.note_all(self._field, super().keys())
        return super().values()

    def items(self):
        self._log.note_all(self._field, super().keys())
        return super().items()

    def __missing__(self, key):  # the derived links are read as defaultdict(list)s
        return []

    def __reduce__(self):  # pickled (to another process) as the plain dict it holds
        return (dict, (dict(super().items()),))


def atlas_fields(atlas) -> list[str]:
    """The dictionary fields of an ``Atlas``: its tables, paths, districts and derived links."""
    return [f.name for f in dataclasses.fields(atlas) if isinstance(getattr(atlas, f.name), dict)]


def instrument(atlas, log: ReadLog):
    """``atlas`` with every dictionary field recording into ``log`` (the same object, changed in place)."""
    for name in atlas_fields(atlas):
        value = getattr(atlas, name)
        if not isinstance(value, RecordingDict):
            setattr(atlas, name, RecordingDict(value, log, name))
    return atlas


def _plain(mapping: dict) -> dict:
    return dict(dict.items(mapping))


def changed_keys(before, after) -> set[Key]:
    """Every ``(field, key)`` whose value differs between two atlases, and ``(field, ITER)`` where a
    field's keys differ. Read without recording."""
    changed: set[Key] = set()
    for name in atlas_fields(after):
        old, new = _plain(getattr(before, name)), _plain(getattr(after, name))
        if old.keys() != new.keys():
            changed.add((name, ITER))
        for key in old.keys() | new.keys():
            a, b = old.get(key, _ABSENT), new.get(key, _ABSENT)
            if a is not b and a != b:
                changed.add((name, key))
    return changed


_ABSENT = object()
