"""Shared fixtures: the real site, built once per test session into a temporary folder."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browsers import HOW_TO_INSTALL, find_chromium

REPO = Path(__file__).resolve().parent.parent
#: the project the tests read: this repository, or a copy with more content
#: (ATLAS_TEST_PROJECT, set by tests/test_new_content.py to run the content tests on new entries)
ROOT = Path(os.environ["ATLAS_TEST_PROJECT"]).resolve() if os.environ.get("ATLAS_TEST_PROJECT") else REPO
PROJECT_PARTS = ("mkdocs.yml", "content", "data", "site_templates")


def run_atlas(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the `atlas` command line exactly as a contributor would."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "atlas", *args], cwd=cwd, capture_output=True, text=True, env=full_env)


def renderer(*args: str) -> list[str]:
    """The command line of the renderer the tests run on: ``python -m mkdocs …``, or ``python -m properdocs …``
    under `make test-properdocs` (where ``import mkdocs`` gives ProperDocs, which ``-m mkdocs`` cannot start)."""
    import mkdocs

    return [sys.executable, "-m", mkdocs.__name__, *args]


def copy_project(dest: Path) -> Path:
    """A scratch copy of the project's content, for tests that change entries."""
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, symlinks=True)
        else:
            shutil.copy2(src, dest / part)
    return dest


def minimal_project(tmp_path: Path, repo: Path = REPO) -> Path:
    """The small valid fixture (tests/fixtures/minimal) as a full project that builds: the project's
    configuration, templates and own pages, without its entries' narratives (the fixture has other entries)."""
    from atlas.content import without_narratives

    project = tmp_path / "project"
    shutil.copytree(repo / "tests" / "fixtures" / "minimal", project)
    shutil.copy2(repo / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(repo / "site_templates", project / "site_templates")
    shutil.copytree(repo / "content", project / "content", ignore=without_narratives(repo / "content"))
    return project


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path: to compare whole sites byte for byte."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_site(project: Path, site: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_atlas("build", "--site-dir", str(site), cwd=project, env={"SOURCE_DATE_EPOCH": "1763683200", **(env or {})})


class Site:
    """A built site, read back as a reader's browser would get it."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, url: str) -> Path:
        url = url.split("#")[0].split("?")[0].lstrip("/")
        target = self.root / url
        if url == "" or url.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target

    def exists(self, url: str) -> bool:
        return self.path(url).is_file()

    def soup(self, url: str) -> BeautifulSoup:
        path = self.path(url)
        assert path.is_file(), f"no page at /{url}"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def article(self, url: str) -> BeautifulSoup:
        return self.soup(url).select_one("article")

    def html_pages(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


def built_once(request, tmp_path_factory, name: str, build) -> Path:
    """A site built once per test run, into the (empty) folder ``build(folder) -> CompletedProcess`` is given.

    ``make test`` runs the tests in several processes (pytest-xdist, one per core): the first process
    that needs the site builds it, the others wait for it (a file lock) and read the same files, or
    the same failure. Tests only read it. In a single process, it is an ordinary session fixture."""
    if not hasattr(request.config, "workerinput"):  # not one of several processes
        folder = tmp_path_factory.mktemp(name)
        result = build(folder)
        assert result.returncode == 0, result.stdout + result.stderr
        return folder
    import fcntl
    import json

    shared = tmp_path_factory.getbasetemp().parent / f"shared-{name}"  # the run's folder, above each process's
    shared.mkdir(exist_ok=True)
    outcome = shared / "outcome.json"
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not outcome.exists():
            (shared / "built").mkdir()
            result = build(shared / "built")
            outcome.write_text(json.dumps({"returncode": result.returncode, "output": result.stdout + result.stderr}))
    done = json.loads(outcome.read_text())
    assert done["returncode"] == 0, done["output"]
    return shared / "built"


@pytest.fixture(scope="session")
def site(request, tmp_path_factory) -> Site:
    folder = built_once(request, tmp_path_factory, "site", lambda folder: build_site(ROOT, folder / "site"))
    return Site(folder / "site")


@pytest.fixture(scope="session")
def atlas():
    from atlas import load_atlas

    return load_atlas(ROOT)


# --- browser tests: the built site served on 127.0.0.1, Debian's chromium driven by Playwright ---

# the browser the tests drive: $CHROMIUM, the system's Chromium or Chrome, or Playwright's own (browsers.py)
CHROMIUM = find_chromium()
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def served_site(site):
    """The real built site on http://127.0.0.1:<free port>/, served like GitHub Pages serves it."""
    from serving import serve_site

    with serve_site(site.root) as base:
        yield base


def require_browser() -> str:
    """The Chromium to drive; without one the browser tests fail saying what to install (or are skipped,
    when ATLAS_SKIP_BROWSER_TESTS=1 says so: a machine that cannot have one)."""
    if CHROMIUM is None:
        if os.environ.get("ATLAS_SKIP_BROWSER_TESTS") == "1":
            pytest.skip("no Chromium, and ATLAS_SKIP_BROWSER_TESTS=1")
        pytest.fail(HOW_TO_INSTALL, pytrace=False)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser():
    require_browser()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("ATLAS_SCREENSHOTS", tmp_path_factory.mktemp("screenshots")))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder
