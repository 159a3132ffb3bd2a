"""Build into a sibling folder; replace the site only when the whole build succeeded.

``mkdocs build`` writes straight into ``site_dir`` and would leave a half-written
site behind when it fails (a strict-mode warning aborts after every file is
written). The plugin points MkDocs at ``<site>.staging`` instead and swaps it in
at shutdown, only if no build error was reported.

Two builds into the same folder at once would share ``<site>.staging`` and leave a
site with files missing, so a build holds a lock on ``<site>.lock`` (``fcntl.flock``)
from the moment it clears the staging folder until its site is swapped in or thrown
away; a second build waits for the first, saying so — it then builds from the sources
as they are by then, and its complete site replaces the first one. The lock is the
operating system's: it ends with the process, however that ends.
"""
from __future__ import annotations

import errno
import os
import shutil
from typing import Callable

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: builds are not locked
    fcntl = None


class StagedSite:
    def __init__(self, final_dir: str, lock: bool = True):
        self.locks = lock and fcntl is not None
        self.final_dir = os.path.abspath(final_dir)
        self.staging_dir = self.final_dir.rstrip(os.sep) + ".staging"
        self.lock_path = self.final_dir.rstrip(os.sep) + ".lock"
        self.complete = False
        self.failed = False
        self._lock_fd: int | None = None

    def begin(self, waiting: Callable[[str], object] = lambda message: None) -> str:
        """Lock the output folder (``waiting`` is told if another build holds it), then clear the staging folder."""
        self._lock(waiting)
        shutil.rmtree(self.staging_dir, ignore_errors=True)
        os.makedirs(self.staging_dir)
        return self.staging_dir

    def mark_complete(self) -> None:
        self.complete = True

    def mark_failed(self) -> None:
        self.failed = True

    def finish(self) -> bool:
        """Swap the staged site in if the build succeeded; otherwise discard it. Releases the lock."""
        try:
            if not self.complete or self.failed:
                shutil.rmtree(self.staging_dir, ignore_errors=True)
                return False
            old = self.final_dir.rstrip(os.sep) + ".old"
            shutil.rmtree(old, ignore_errors=True)
            if os.path.exists(self.final_dir):
                os.rename(self.final_dir, old)
            try:
                os.rename(self.staging_dir, self.final_dir)
            except OSError:
                if os.path.exists(old) and not os.path.exists(self.final_dir):
                    os.rename(old, self.final_dir)  # the last good site back in its place
                shutil.rmtree(self.staging_dir, ignore_errors=True)
                raise
            shutil.rmtree(old, ignore_errors=True)
            return True
        finally:
            self._unlock()

    def _lock(self, waiting: Callable[[str], object]) -> None:
        if not self.locks or self._lock_fd is not None:
            return
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting(f"Another build is writing {self.final_dir} (it holds {self.lock_path}); waiting for it to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
        self._lock_fd = fd

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing the descriptor releases the flock
            self._lock_fd = None


#: what a full disk, a quota, a read-only folder or a size limit make writes fail with
WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG, errno.EACCES, errno.EPERM})


def write_failure(error: OSError, site_dir: str) -> str:
    """One line for a build stopped by the operating system (a full disk, a read-only folder)."""
    reason = error.strerror or str(error)
    if error.errno in WRITE_ERRORS:
        return f"cannot write the site to {site_dir}: {reason}"
    name = error.filename if isinstance(error.filename, str) else None
    return f"cannot build the site into {site_dir}: {reason}" + (f" ({name})" if name else "")
