"""Build into a sibling folder; replace the site only when the whole build succeeded.

``mkdocs build`` writes straight into ``site_dir`` and would leave a half-written
site behind when it fails (a strict-mode warning aborts after every file is
written). The plugin points MkDocs at ``<site>.staging`` instead and swaps it in
at shutdown, only if no build error was reported.
"""
from __future__ import annotations

import os
import shutil


class StagedSite:
    def __init__(self, final_dir: str):
        self.final_dir = os.path.abspath(final_dir)
        self.staging_dir = self.final_dir.rstrip(os.sep) + ".staging"
        self.complete = False
        self.failed = False

    def begin(self) -> str:
        shutil.rmtree(self.staging_dir, ignore_errors=True)
        os.makedirs(self.staging_dir)
        return self.staging_dir

    def mark_complete(self) -> None:
        self.complete = True

    def mark_failed(self) -> None:
        self.failed = True

    def finish(self) -> bool:
        """Swap the staged site in if the build succeeded; otherwise discard it."""
        if not self.complete or self.failed:
            shutil.rmtree(self.staging_dir, ignore_errors=True)
            return False
        old = self.final_dir.rstrip(os.sep) + ".old"
        shutil.rmtree(old, ignore_errors=True)
        if os.path.exists(self.final_dir):
            os.rename(self.final_dir, old)
        os.rename(self.staging_dir, self.final_dir)
        shutil.rmtree(old, ignore_errors=True)
        return True
