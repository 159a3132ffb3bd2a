"""Results made by two processes, put back in one order.

Each process of a build writes what it makes for its pages (their search documents) to a part file
of its own, as ``index<TAB>key<TAB>text`` lines in increasing page ``index`` (``atlas.work.claims``:
each process takes its pages in order). ``merged`` reads the parts back together in page order —
the order one process would have made them in — holding one line of each part at a time.
"""
from __future__ import annotations

import heapq
import os
from typing import Iterator


class PartFile:
    def __init__(self, path: str):
        self.path = path
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        self._handle = open(path, "w", encoding="utf-8")

    def add(self, index: int, key: str, text: str) -> None:
        """``key`` (which output the text belongs to) holds no tab; ``text`` no line break."""
        self._handle.write(f"{index}\t{key}\t{text}\n")

    def close(self) -> str:
        self._handle.close()
        return self.path

    def discard(self) -> None:
        self._handle.close()
        if os.path.exists(self.path):
            os.remove(self.path)


def _read(path: str) -> Iterator[tuple[int, int, str, str]]:
    with open(path, encoding="utf-8") as handle:
        for order, line in enumerate(handle):
            index, key, text = line.rstrip("\n").split("\t", 2)
            yield int(index), order, key, text


def merged(paths: list[str]) -> Iterator[tuple[str, str]]:
    """(key, text) of every line of the parts, by page index (lines of one page in the order written)."""
    for _, _, key, text in heapq.merge(*(_read(path) for path in paths)):
        yield key, text
