"""Sharing CPU-bound work over a list with a second core, in a forked child process.

``split_map(func, items)`` hands the last part of ``items`` to a child process (``fork``: it
starts with everything already in memory) and the first part to this one, and returns
``func(first part, False) + func(last part, True)`` — the same list, in the same order, as one
process would make. The child's results come back pickled, so ``func`` should leave out what
is costly to send and can be found again (its second argument says it runs in the child).

It runs everything in this process when there is one core, no ``fork``, other threads (a
server: forking them is unsafe) or too few items to be worth a process.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import traceback
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    return ((os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


def start(process) -> None:
    """Start a forked process; its garbage collector leaves the objects it inherits alone (fewer
    memory pages copied). Objects frozen before (``gc.freeze``) stay frozen here."""
    was_frozen = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        process.start()
    finally:
        if not was_frozen:
            gc.unfreeze()


def _child(conn, func, items) -> None:
    try:
        conn.send(("ok", func(items, True)))
    except BaseException:  # noqa: BLE001 - reported by the parent
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


def split_map(func: Callable[[Sequence[T], bool], list[R]], items: Sequence[T], *, min_items: int = 2000,
              share: float = 0.5, meanwhile: Callable[[], object] | None = None) -> list[R]:
    """``func(items, False)``, with the last ``share`` of the items done by a child process.
    ``meanwhile`` runs here once this process' part is done, while the child may still work."""
    if len(items) < min_items or not can_fork():
        out = func(items, False)
        if meanwhile is not None:
            meanwhile()
        return out
    cut = len(items) - int(len(items) * share)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, func, items[cut:]), daemon=True)
    start(child)
    send.close()
    try:
        mine = func(items[:cut], False)
        if meanwhile is not None:
            meanwhile()
        try:
            status, theirs = receive.recv()
        except EOFError:
            status, theirs = "error", f"the child process ended with exit code {child.exitcode}"
    finally:
        receive.close()
        child.join()
    if status != "ok":
        raise RuntimeError(f"work done in a child process failed:\n{theirs}")
    return mine + theirs
