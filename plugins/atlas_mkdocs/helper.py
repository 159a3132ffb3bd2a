"""A second core for the build: parts of the atlas' work done by a forked child process.

MkDocs renders pages on one core. ``Helper`` runs a list of named tasks, in order, in a child
process (``fork``: it starts with the linked atlas already in memory) and sends each result back
as soon as it is ready; ``result(name)`` waits for one. Meanwhile this process goes on with its
own share (pages of the first language, and then MkDocs' own work). A task that fails makes
``result`` raise ``PluginError`` with the child's traceback, so the build fails as it would have
(an ``OSError``, such as a full disk, is raised as itself: ``atlas build`` reports it in one line).

Without ``fork``, with other threads running (``mkdocs serve``: forking a threaded server is
unsafe, and its rebuilds reuse what this process has cached) or on one core, the tasks run
here instead, each when its result is first asked for. Either way the results are the same.
"""
from __future__ import annotations

import multiprocessing
import traceback
from typing import Callable

from mkdocs.exceptions import PluginError

from atlas.fork import can_fork, start

Task = tuple[str, Callable[[], object]]


def _run(conn, tasks: list[Task]) -> None:
    try:
        for name, task in tasks:
            try:
                value = task()
            except OSError as error:  # a site that cannot be written (full disk …): raised as itself in the parent
                conn.send((name, False, error))
                return
            except BaseException:  # noqa: BLE001 - reported by the parent
                conn.send((name, False, traceback.format_exc()))
                return
            conn.send((name, True, value))
    finally:
        conn.close()


class Helper:
    def __init__(self, tasks: list[Task], parallel: bool = True):
        self.tasks = list(tasks)
        self.results: dict[str, tuple[bool, object]] = {}
        self.process = None
        if self.forks(parallel):
            context = multiprocessing.get_context("fork")
            self.conn, child_conn = context.Pipe(duplex=False)
            self.process = context.Process(target=_run, args=(child_conn, self.tasks), name="atlas-helper",
                                           daemon=True)
            start(self.process)
            child_conn.close()

    @staticmethod
    def forks(parallel: bool = True) -> bool:
        """Whether a helper made now runs its tasks in a child process (else here, when asked)."""
        return parallel and can_fork()

    def result(self, name: str) -> object:
        """The named task's result (waiting for it); PluginError if it failed in the child."""
        while name not in self.results:
            if self.process is None:  # in this process: the next task, now
                task_name, task = self.tasks.pop(0)
                self.results[task_name] = (True, task())
                continue
            try:
                task_name, ok, value = self.conn.recv()
            except EOFError:
                code = self.process.exitcode
                self.close()
                raise PluginError(f"The build's helper process ended early (exit code {code})") from None
            self.results[task_name] = (ok, value)
        ok, value = self.results.pop(name)
        if not ok:
            self.cancel()
            if isinstance(value, OSError):
                raise value
            raise PluginError(f"{name} failed:\n{value}")
        return value

    def close(self) -> None:
        if self.process is not None:
            self.process.join(timeout=60)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
            self.conn.close()
            self.process = None

    def cancel(self) -> None:
        if self.process is not None:
            self.process.kill()
        self.close()
