"""Checking every internal link of a built site with LinkChecker, offline.

LinkChecker (the ``linkchecker`` package, in the ``test`` extra) starts at the
site's ``index.html`` and follows every link, image, script, style sheet and
frame to the site's own files; links to other sites are listed but not
fetched, so the check needs no network.

LinkChecker switches to the user ``nobody`` when it runs as root (as CI does
on a fresh machine), and ``nobody`` may not be able to read the Python
installation or the built site. The files it checks here are our own build
output, not pages from the web, so it runs in a child process that keeps the
current user.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_RUN = """
import sys
import linkcheck.command.linkchecker as cli
cli.drop_privileges = lambda: None  # local files we built: no need to become nobody
sys.argv = ["linkchecker"] + sys.argv[1:]
cli.linkchecker()
"""


class LinkCheckUnavailable(RuntimeError):
    """LinkChecker is not installed."""


def check_links(site_dir: Path | str, *, capture: bool = False) -> subprocess.CompletedProcess:
    """Run LinkChecker over ``site_dir``; return code 0 means no broken link (and no warning)."""
    index = Path(site_dir).resolve() / "index.html"
    if not index.is_file():
        raise FileNotFoundError(f"{index} does not exist; build the site first (make site)")
    try:
        import linkcheck  # noqa: F401
    except ImportError:
        raise LinkCheckUnavailable("LinkChecker is not installed: pip install -e '.[test]'") from None
    command = [sys.executable, "-c", _RUN, "--no-status", "--output=text", index.as_uri()]
    return subprocess.run(command, capture_output=capture, text=True)
