"""Pages shared by two processes: whoever is free takes the next one.

A build's pages form one list, the same in both processes (the main process, which MkDocs drives
page by page, and a worker forked from it). A counter in shared memory says how many pages, from
the front, have been taken. The worker takes the next page whenever it is free (``take_next``);
the main process visits every page in order and takes the one it is at unless the worker took it
first (``take``). Each page is so taken exactly once, and each process takes its pages in
increasing order — the search documents of the two can be merged back in page order
(``atlas.work.parts``). Work either process does besides pages (the worker's maps and downloads)
is balanced by itself: a busy process simply takes fewer pages.
"""
from __future__ import annotations

import multiprocessing


class Claims:
    def __init__(self, count: int):
        """``count``: how many pages there are. Made before the worker is forked (shared memory)."""
        self.count = count
        self._next = multiprocessing.get_context("fork").Value("q", 0)  # with its own lock

    def take(self, index: int) -> bool:
        """For the process that visits every page in order: is page ``index`` this process' to do?"""
        with self._next.get_lock():
            if self._next.value == index:
                self._next.value = index + 1
                return True
            return False  # taken by the other process (the counter is past it)

    def take_next(self) -> int | None:
        """For the process that takes pages when it is free: the next page's index, or None (all taken)."""
        with self._next.get_lock():
            index = self._next.value
            if index >= self.count:
                return None
            self._next.value = index + 1
            return index
