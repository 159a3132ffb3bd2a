"""`mkdocs serve` after a failed rebuild: the last good site is still served (no request hangs),
every page says the preview is stale and why, the terminal shows the problems as
`file:line: field: message`; the next good rebuild replaces the site and the notice goes.

A real server on a free port of 127.0.0.1, in a scratch copy of a small project (as test_serve.py).
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

from bs4 import BeautifulSoup

from conftest import minimal_project, renderer
from serving import free_port

TIMEOUT = 120  # seconds, for the first build and for each rebuild


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=15) as response:  # a held request would time out here
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait(condition, what: str, log) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    log.seek(0)
    raise AssertionError(f"timed out waiting until {what}; server log:\n{log.read()[-4000:]}")


def _notice(page: str) -> str:
    """The text of the stale-preview banner of a served page ('' if there is none)."""
    notice = BeautifulSoup(page, "html.parser").select_one("body > #atlas-stale-preview")
    return notice.get_text() if notice else ""


def _log_text(log) -> str:
    log.seek(0)
    return log.read()


def test_a_failed_rebuild_keeps_serving_the_last_good_site_and_says_so(tmp_path):
    project = minimal_project(tmp_path)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    page = base + "institutions/hoseo-university/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763683200", "ATLAS_SITE_URL": base}
    entry = project / "data/institutions/hoseo-university.yml"
    good = entry.read_text(encoding="utf-8")
    with open(tmp_path / "serve.log", "w+", encoding="utf-8") as log:
        server = subprocess.Popen(renderer("serve", "--dev-addr", f"127.0.0.1:{port}"),
                                  cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait(lambda: "아산의 사립대학" in (_get(page) or ""), "the first build is served", log)

            # 1. an entry made invalid: the build stops in on_config (validation)
            entry.write_text(good.replace("kind: university", "kind: universityy"), encoding="utf-8")
            problem = "data/institutions/hoseo-university.yml:3: kind: 'universityy' is not allowed"
            _wait(lambda: "preview keeps showing the last good site" in _log_text(log), "the rebuild fails", log)
            terminal = _log_text(log)
            assert any(line.startswith(problem) for line in terminal.splitlines()), terminal[-3000:]
            assert "Traceback" not in terminal and "appear stuck" not in terminal
            body = _get(page)  # answered at once, not held until a build succeeds
            assert body is not None and "아산의 사립대학" in body
            assert problem in _notice(body)
            assert "This preview is stale" in _notice(_get(base) or "")  # every page says so

            # 2. fixed, with a change: the new site is served and the notice is gone
            entry.write_text(good.replace("아산의 사립대학", "고친 설명 fixed-1"), encoding="utf-8")
            _wait(lambda: "고친 설명 fixed-1" in (_get(page) or ""), "the fixed entry is served", log)
            assert _notice(_get(page)) == ""

            # 3. a failure after every page was written (a broken link, strict mode): still the last good site
            narrative = project / "content/institutions/hoseo-university.md"
            narrative.parent.mkdir(parents=True, exist_ok=True)
            narrative.write_text("새 이야기 late-fail-3 [깨진 링크](no-such-page.md)\n", encoding="utf-8")
            _wait(lambda: _notice(_get(page) or ""), "the late failure is shown", log)
            body = _get(page)
            assert "late-fail-3" not in body and "고친 설명 fixed-1" in body
            assert "no-such-page.md" in _notice(body)

            narrative.write_text("새 이야기 good-4\n", encoding="utf-8")
            _wait(lambda: "good-4" in (_get(page) or ""), "the repaired narrative is served", log)
            assert _notice(_get(page)) == ""
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=30)
