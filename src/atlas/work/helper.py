"""A second core for a build: named tasks done by a forked child process.

``Helper(tasks).start()`` runs its tasks, in order, in a child process (``fork``: it starts with everything
already in memory: the linked atlas, and a renderer's files and navigation) and sends each result
back as soon as it is ready; ``result(name)`` waits for one. A task may also send results of its own
on the way (``report``) and wait for a message from the parent (``receive``): the build's page
worker hands over what it learnt of its pages and gets the other process' in return. A thread of
the parent reads everything the child sends as it comes, so the child never waits on a full pipe.

The child's log records (of the logger named by ``logs``) are not printed by the child: they are
sent along and logged by the parent, which so sees and counts every warning (a strict build fails
on one the worker met).

A task that fails makes ``result`` raise ``WorkFailed`` with the child's traceback (an ``OSError``,
such as a full disk, is raised as itself: ``atlas build`` reports it in one line).

Without ``fork``, with other threads running (a server: forking them is unsafe) or on one core, the
tasks run here instead, each when its result is first asked for. Either way the results are the same.
"""
from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
import traceback
from typing import Callable

from .. import fork

Task = tuple[str, Callable[[], object]]


class WorkFailed(RuntimeError):
    """A task of the helper failed (the message holds the child's traceback)."""


class _Forward(logging.Handler):
    """The child's log records, kept to be sent with its next message."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None  # plain text: pickled to the parent
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        out, self.records = self.records, []
        return out


class Helper:
    def __init__(self, tasks: list[Task], parallel: bool = True, logs: str | None = None):
        """``logs``: the logger whose records the child forwards to the parent (None: they are printed
        by the child as they would be here)."""
        self.tasks = list(tasks)
        self.logs = logs
        self.results: dict[str, tuple[bool, object]] = {}
        self.process = None
        self._in_child = False
        self.parallel = parallel

    def start(self) -> "Helper":
        """Fork the child (when it can), which starts on the tasks. Everything the tasks need must be
        in place: the child sees this process' memory as it is now."""
        if self.forks(self.parallel):
            context = multiprocessing.get_context("fork")
            self.conn, child_end = context.Pipe(duplex=False)  # child → parent
            self._from_parent, self._to_child = context.Pipe(duplex=False)  # parent → child
            self.process = context.Process(target=self._child, args=(child_end,), name="atlas-helper", daemon=True)
            fork.start(self.process)
            child_end.close()
            self._from_parent.close()
            self._inbox: queue.Queue = queue.Queue()
            self._reader = threading.Thread(target=self._read, name="atlas-helper-reader", daemon=True)
            self._reader.start()
        return self

    @staticmethod
    def forks(parallel: bool = True) -> bool:
        """Whether a helper made now runs its tasks in a child process (else here, when asked)."""
        return parallel and fork.can_fork()

    # -- in the child ------------------------------------------------------------------------

    def _child(self, conn) -> None:
        self._in_child, self._out = True, conn
        self.conn.close()
        self._to_child.close()
        self._forward = None
        if self.logs is not None:
            logger = logging.getLogger(self.logs)
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
            self._forward = _Forward()
            logger.addHandler(self._forward)
        try:
            for name, task in self.tasks:
                try:
                    value = task()
                except OSError as error:  # a site that cannot be written (full disk …): raised as itself in the parent
                    self._send(name, False, error)
                    return
                except BaseException:  # noqa: BLE001 - reported by the parent
                    self._send(name, False, traceback.format_exc())
                    return
                self._send(name, True, value)
        finally:
            conn.close()

    def _send(self, name: str, ok: bool, value: object) -> None:
        records = self._forward.take() if self._forward is not None else []
        self._out.send((name, ok, value, records))

    def report(self, name: str, value: object) -> None:
        """From a task: send a result of the given name now (in this process: keep it for ``result``)."""
        if self._in_child:
            self._send(name, True, value)
        else:
            self.results[name] = (True, value)

    def receive(self) -> object:
        """From a task in the child: the next message the parent ``send``\\ s."""
        return self._from_parent.recv()

    # -- in the parent -----------------------------------------------------------------------

    def _read(self) -> None:
        while True:
            try:
                message = self.conn.recv()
            except (EOFError, OSError):
                self._inbox.put(None)
                return
            for record in message[3]:
                logging.getLogger(record.name).handle(record)
            self._inbox.put(message[:3])

    def send(self, value: object) -> None:
        """To the task running in the child (which waits for it with ``receive``)."""
        self._to_child.send(value)

    def result(self, name: str) -> object:
        """The named task's result (waiting for it); WorkFailed if it failed in the child."""
        while name not in self.results:
            if self.process is None:  # in this process: the next task, now
                if not self.tasks:
                    raise WorkFailed(f"no task gives {name!r}")
                task_name, task = self.tasks.pop(0)
                self.results[task_name] = (True, task())
                continue
            message = self._inbox.get()
            if message is None:
                self._inbox.put(None)  # every later wait ends too
                self.process.join(timeout=5)
                code = self.process.exitcode
                raise WorkFailed(f"The build's helper process ended early (exit code {code})")
            task_name, ok, value = message
            if not ok:  # the child stops at a failure: no result will come after it
                self._failed(task_name, value)
            self.results[task_name] = (ok, value)
        ok, value = self.results.pop(name)
        if not ok:
            self._failed(name, value)
        return value

    def _failed(self, name: str, value: object):
        self.cancel()
        if isinstance(value, OSError):
            raise value
        raise WorkFailed(f"{name} failed:\n{value}")

    def close(self) -> None:
        if self.process is not None:
            self.process.join(timeout=60)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
            self._reader.join(timeout=5)  # it has read the end of the pipe
            self.conn.close()
            self._to_child.close()
            self.process = None

    def cancel(self) -> None:
        if self.process is not None:
            self.process.kill()
        self.close()
