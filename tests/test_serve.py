"""`mkdocs serve` (`make serve`) rebuilds when an entry in data/ or a page in content/ changes.

A real server on a free port of 127.0.0.1, in a scratch copy of a small project; the test
edits files and polls the served page until it shows the change (bounded in time).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import minimal_project, renderer
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
        server = subprocess.Popen(renderer("serve", "--dev-addr", f"127.0.0.1:{port}"),
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


# --- rebuilds reuse the pages that did not change (plugins/atlas_mkdocs/reuse.py) -----------------

SERVE_BUILDS = r"""
import json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

sites, entry, old, new = [Path(p) for p in sys.argv[1].split(",")], Path(sys.argv[2]), sys.argv[3], sys.argv[4]
serve_url = "http://127.0.0.1:8000/"

def get_config(site):  # as mkdocs.commands.serve loads the config before every build
    config = load_config(config_file="mkdocs.yml", site_dir=str(site))
    config.site_url = serve_url
    return config

config = get_config(sites[0])
config.plugins.on_startup(command="serve", dirty=False)  # the plugin object lives on across rebuilds
reused = []
for step, site in enumerate(sites):
    if step == 1:  # one entry changes between the first build and the rebuild
        entry.write_text(entry.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    if step:
        config = get_config(site)
    build(config, serve_url=serve_url)
    reused.append(len(config.plugins["atlas"].reuse.reused))
config.plugins.on_shutdown()
print("REUSED " + json.dumps(reused))
"""


def _serve_builds(project, sites, entry, old, new) -> list[int]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763683200"}
    done = subprocess.run([sys.executable, "-c", SERVE_BUILDS, ",".join(map(str, sites)), str(entry), old, new],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.split("REUSED ", 1)[1].splitlines()[0])


def test_a_serve_rebuild_reuses_unchanged_pages_and_equals_a_first_build(tmp_path):
    """The pages a rebuild takes from the last build are byte for byte what converting them again
    gives: the rebuild after an edit equals a first build of the edited project."""
    from conftest import snapshot

    project = minimal_project(tmp_path)
    entry = project / "data/institutions/hoseo-university.yml"
    first, rebuilt, fresh = tmp_path / "first", tmp_path / "rebuilt", tmp_path / "fresh"
    reused = _serve_builds(project, [first, rebuilt], entry, "아산의 사립대학", "바뀐 설명 reuse-edit")
    assert reused[0] == 0  # nothing to reuse on the first build
    assert reused[1] > 0  # the rebuild took most pages from the first build
    # a new `mkdocs serve` session of the edited project: every page converted
    assert _serve_builds(project, [fresh], entry, "-", "-") == [0]
    a, b = snapshot(rebuilt), snapshot(fresh)
    assert sorted(a) == sorted(b)
    different = [path for path in a if a[path] != b[path]]
    assert not different, different[:10]
    page = (rebuilt / "institutions/hoseo-university/index.html").read_text(encoding="utf-8")
    assert "바뀐 설명 reuse-edit" in page and "아산의 사립대학" not in page
    # and the edit reached the pages that list the entry, which were therefore not reused
    assert snapshot(first)["institutions/hoseo-university/index.html"] != a["institutions/hoseo-university/index.html"]
