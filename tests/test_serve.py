"""`mkdocs serve` (`make serve`) rebuilds when an entry in data/ or a page in content/ changes.

A real server on a free port of 127.0.0.1, in a scratch copy of a small project; the test
edits files and polls the served page until it shows the change (bounded in time).
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import minimal_project
from serving import free_port

TIMEOUT = 120  # seconds, for the first build and for each rebuild


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str, log) -> str:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        body = _get(url)
        if body is not None and text in body:
            return body
        time.sleep(0.5)
    log.seek(0)
    raise AssertionError(f"{url} did not show {text!r} within {TIMEOUT} s; server log:\n{log.read()[-4000:]}")


def test_serve_rebuilds_when_data_or_content_changes(tmp_path):
    project = minimal_project(tmp_path)
    port = free_port()
    url = f"http://127.0.0.1:{port}/institutions/hoseo-university/"
    # site_url's path is where `mkdocs serve` mounts the site: serve it at the root here
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763683200",
           "ATLAS_SITE_URL": f"http://127.0.0.1:{port}/"}
    with open(tmp_path / "serve.log", "w+", encoding="utf-8") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_for(url, "아산의 사립대학", log)

            entry = project / "data/institutions/hoseo-university.yml"
            entry.write_text(entry.read_text(encoding="utf-8").replace("아산의 사립대학", "바뀐 설명 data-edit-1"),
                             encoding="utf-8")
            body = _wait_for(url, "바뀐 설명 data-edit-1", log)
            assert "아산의 사립대학" not in body
            # no CSP while serving: the live-reload script MkDocs injects differs on every request
            assert "Content-Security-Policy" not in body and "livereload" in body

            narrative = project / "content/institutions/hoseo-university.md"
            narrative.parent.mkdir(parents=True, exist_ok=True)
            narrative.write_text("새로 쓴 이야기 content-edit-2.\n", encoding="utf-8")
            _wait_for(url, "새로 쓴 이야기 content-edit-2.", log)

            # the region page follows the entry it lists
            region = f"http://127.0.0.1:{port}/regions/asan/"
            entry.write_text(entry.read_text(encoding="utf-8").replace("호서대학교", "호서대학교 renamed-3"),
                             encoding="utf-8")
            _wait_for(region, "호서대학교 renamed-3", log)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=30)
