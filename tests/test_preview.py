"""`atlas serve` (`make serve`): after an edit, the pages it serves are what a full build of the edited
project writes — byte for byte but for the reload script's tag the preview adds on purpose (stripped
here) — the edited entry's pages and every page that shows it at once, the downloads, feeds, maps and
search indexes a few seconds later. A failed change keeps the last good pages, with the problems in
the terminal and on every page.

A real `atlas serve` process on a free port of 127.0.0.1, in a scratch copy of a small project, read
over HTTP; the full builds it is compared with use the same site address.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import minimal_project
from serving import free_port

TIMEOUT = 120  # seconds, for the first build
RELOAD_TAG = re.compile(rb'<script src="/\.atlas-preview/reload\.js" data-atlas-preview="[^"<>]*"></script>')


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        return error.read() if error.code == 404 else None
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _wait(condition, what: str, log, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    log.seek(0)
    raise AssertionError(f"timed out waiting until {what}; server log:\n{log.read()[-4000:]}")


class Preview:
    def __init__(self, project: Path, port: int, log):
        self.project, self.base, self.log = project, f"http://127.0.0.1:{port}/", log
        self.env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763683200",
                    "ATLAS_SITE_URL": self.base,
                    "COLUMNS": "40"}  # a narrow terminal: a problem still comes on one line (MkDocs would wrap it)
        self.process = subprocess.Popen([sys.executable, "-m", "atlas", "serve", "-a", f"127.0.0.1:{port}"],
                                        cwd=project, env=self.env, stdout=log, stderr=subprocess.STDOUT)

    def get(self, path: str) -> bytes | None:
        return _get(self.base + path)

    def page(self, path: str) -> str:
        body = self.get(path)
        return body.decode("utf-8") if body is not None else ""

    def log_text(self) -> str:
        self.log.seek(0)
        return self.log.read()

    def full_build(self, dest: Path) -> Path:
        result = subprocess.run([sys.executable, "-m", "atlas", "build", "-d", str(dest)], cwd=self.project,
                                env=self.env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr
        return dest

    def differences(self, site: Path, only=lambda rel: True) -> list[str]:
        """Files of a full build the preview serves otherwise (pages with the reload tag stripped)."""
        out = []
        for file in sorted(site.rglob("*")):
            rel = file.relative_to(site).as_posix()
            if not file.is_file() or not only(rel):
                continue
            served = self.get(rel)
            if served is not None and rel.endswith(".html"):
                assert len(RELOAD_TAG.findall(served)) == 1, rel  # the tag, once, on every page
                served = RELOAD_TAG.sub(b"", served)
            if served != file.read_bytes():
                out.append(rel)
        return out

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)


@pytest.fixture
def preview(tmp_path):
    project = minimal_project(tmp_path)
    with open(tmp_path / "serve.log", "w+", encoding="utf-8") as log:
        running = Preview(project, free_port(), log)
        try:
            _wait(lambda: "아산의 사립대학" in running.page("institutions/hoseo-university/"), "the first build is served", log)
            yield running
        finally:
            running.stop()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


NEW_INSTITUTION = """slug: preview-test-lab
type: institution
kind: research-institute
name: {ko: 미리보기 시험 연구소, en: Preview Test Lab}
regions: [asan]
location: {lat: 36.7898, lon: 127.0019}
description: {ko: 미리보기 시험용 연구소, en: A lab for the preview test}
sources: [test-source]
"""


def test_after_an_edit_the_preview_serves_what_a_full_build_writes(preview, tmp_path):
    project = preview.project
    _edit(project / "data/institutions/hoseo-university.yml", "호서대학교", "호서대학교 미리보기-1")
    (project / "data/institutions/preview-test-lab.yml").write_text(NEW_INSTITUTION, encoding="utf-8")
    # the edited page and a page that shows it (the region's list), then the new entry's page
    _wait(lambda: "호서대학교 미리보기-1" in preview.page("institutions/hoseo-university/"), "the edited page", preview.log)
    _wait(lambda: "호서대학교 미리보기-1" in preview.page("regions/asan/"), "the region page", preview.log)
    _wait(lambda: "미리보기 시험 연구소" in preview.page("institutions/preview-test-lab/"), "the new page", preview.log)
    assert "미리보기 시험 연구소" in preview.page("regions/asan/")
    log = preview.log_text()
    assert "pages to render again" in log and "Built in" in log and log.count("Built in") == 1  # no second build

    site = preview.full_build(tmp_path / "full")
    # every page at once (pages never lag), the edited entry's and its backlinks among them
    pages = preview.differences(site, only=lambda rel: rel.endswith(".html"))
    assert not pages, pages[:10]
    # the rest (downloads, feeds, maps, search, sitemap) once the background work is done
    remaining = []

    def caught_up() -> bool:
        remaining[:] = preview.differences(site)
        return not remaining

    try:
        _wait(caught_up, "the downloads, maps and search catch up", preview.log, timeout=60)
    except AssertionError as error:
        raise AssertionError(f"still different: {remaining[:10]}") from error

    # a narrative added to the entry's page (content/): that page follows
    narrative = project / "content/institutions/hoseo-university.md"
    narrative.parent.mkdir(parents=True, exist_ok=True)
    narrative.write_text("새로 쓴 이야기 narrative-2.\n", encoding="utf-8")
    _wait(lambda: "narrative-2" in preview.page("institutions/hoseo-university/"), "the narrative", preview.log)
    site = preview.full_build(tmp_path / "full-2")
    assert not preview.differences(site, only=lambda rel: rel.startswith("institutions/hoseo-university/"))

    # the new entry deleted: its page is gone, the region's list follows
    (project / "data/institutions/preview-test-lab.yml").unlink()
    _wait(lambda: "미리보기 시험 연구소" not in preview.page("regions/asan/"), "the region page", preview.log)
    assert _status(preview.base + "institutions/preview-test-lab/") == 404
    assert preview.log_text().count("Built in") == 1


def _banner(page: str) -> str:
    notice = BeautifulSoup(page, "html.parser").select_one("body > #atlas-stale-preview")
    return notice.get_text() if notice else ""


def test_a_failed_change_keeps_the_last_good_pages_and_says_why(preview):
    project = preview.project
    entry = project / "data/institutions/hoseo-university.yml"
    good = entry.read_text(encoding="utf-8")
    entry.write_text(good.replace("kind: university", "kind: universityy"), encoding="utf-8")
    problem = "data/institutions/hoseo-university.yml:3: kind: 'universityy' is not allowed"
    _wait(lambda: problem in _banner(preview.page("institutions/hoseo-university/")), "the banner", preview.log)
    assert any(line.endswith(problem) or problem in line for line in preview.log_text().splitlines())
    assert "아산의 사립대학" in preview.page("institutions/hoseo-university/")  # the last good page
    assert problem in _banner(preview.page(""))  # on every page
    assert "Traceback" not in preview.log_text()

    entry.write_text(good.replace("아산의 사립대학", "고친 설명 fixed-1"), encoding="utf-8")
    _wait(lambda: "고친 설명 fixed-1" in preview.page("institutions/hoseo-university/"), "the fix", preview.log)
    assert _banner(preview.page("institutions/hoseo-university/")) == ""

    # a warning while rendering a page (a broken link: a strict build stops): that page stays as it was
    narrative = project / "content/institutions/hoseo-university.md"
    narrative.parent.mkdir(parents=True, exist_ok=True)
    narrative.write_text("새 이야기 late-fail-3 [깨진 링크](no-such-page.md)\n", encoding="utf-8")
    _wait(lambda: "no-such-page.md" in _banner(preview.page("institutions/hoseo-university/")), "the warning",
          preview.log)
    body = preview.page("institutions/hoseo-university/")
    assert "late-fail-3" not in body and "고친 설명 fixed-1" in body
    narrative.write_text("새 이야기 good-4\n", encoding="utf-8")
    _wait(lambda: "good-4" in preview.page("institutions/hoseo-university/"), "the repaired narrative", preview.log)
    assert _banner(preview.page("institutions/hoseo-university/")) == ""


def test_the_reload_script_is_a_file_and_answers_when_the_page_changes(preview):
    page = preview.page("regions/asan/")
    tag = RELOAD_TAG.search(page.encode("utf-8"))
    assert tag is not None
    script = preview.get(".atlas-preview/reload.js")
    assert script is not None and b"location.reload" in script
    version = re.search(r'data-atlas-preview="([^"]+)"', page)[1]
    asked = f".atlas-preview/wait?path=/regions/asan/&v={version}"
    _edit(preview.project / "data/institutions/hoseo-university.yml", "호서대학교", "호서대학교 reload-5")
    answer = preview.get(asked)  # waits until the page's version changed
    assert answer is not None and version not in answer.decode("utf-8")
