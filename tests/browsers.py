"""Finding a Chromium for the browser tests, the usual ways, and saying what to install when none is there.

Looked for in this order:

1. ``$CHROMIUM`` (a path to a Chromium or Chrome executable), if it is set;
2. the system's browser on ``PATH`` or in ``/usr/bin``: Debian's ``chromium`` package, Ubuntu's and
   Fedora's ``chromium-browser``, Google Chrome (``google-chrome``, as on GitHub's Ubuntu runners);
   on macOS, the usual application bundles;
3. Playwright's own Chromium (``python -m playwright install chromium``), where the machine could
   download it.

``python tests/browsers.py`` prints the path found (exit 0), or what to install (exit 1); the
Makefile's ``install-test`` uses it before installing one.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
MAC_APPS = ("/Applications/Chromium.app/Contents/MacOS/Chromium",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")

HOW_TO_INSTALL = """No Chromium was found for the browser tests. Install one of:
  Debian:          sudo apt install chromium fonts-noto-cjk
  Ubuntu, others:  .venv/bin/python -m playwright install chromium   (Playwright's own Chromium)
                   and a CJK font for the Korean pages (Ubuntu: sudo apt install fonts-noto-cjk)
  macOS:           brew install --cask chromium
or point CHROMIUM at a Chromium or Chrome executable: CHROMIUM=/path/to/chrome make test"""


def _executable(path: str | os.PathLike | None) -> str | None:
    if path and Path(path).is_file() and os.access(path, os.X_OK):
        return str(path)
    return None


def _playwright_chromium() -> str | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as p:
            return _executable(p.chromium.executable_path)
    except Exception:  # no driver, or no browser downloaded
        return None


def find_chromium() -> str | None:
    """The path of a Chromium (or Chrome) to drive, or None."""
    wanted = os.environ.get("CHROMIUM")
    if wanted:
        return _executable(wanted) or _executable(shutil.which(wanted))
    for name in NAMES:
        found = _executable(shutil.which(name)) or _executable(f"/usr/bin/{name}")
        if found:
            return found
    for app in MAC_APPS:
        if _executable(app):
            return app
    return _playwright_chromium()


if __name__ == "__main__":
    found = find_chromium()
    if found:
        print(found)
        sys.exit(0)
    if os.environ.get("CHROMIUM"):
        print(f"CHROMIUM={os.environ['CHROMIUM']} is not an executable file.", file=sys.stderr)
    print(HOW_TO_INSTALL, file=sys.stderr)
    sys.exit(1)
