"""The tests welcome new content: a contributor's new entries leave the content, URL and schema tests green.

A copy of the project gets one new entry of every type — a new cluster in a district re-drawn after
the boundary snapshot (청주시 청원구, 2014), an institution in it with a narrative, an event, a
programme, a source, an industry — as a contributor would add them, with YAML only. Then the test
modules that read the bundled data run against the copy (``ATLAS_TEST_PROJECT``): they check facts
and derive their expectations from the atlas, so nothing they pin may break.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO, copy_project, minimal_project, run_atlas

NEW_ENTRIES = {
    "data/industries/secondary-batteries.yml": """\
slug: secondary-batteries
type: industry
name: {ko: 이차전지, en: Secondary batteries}
short_names: [배터리, batteries]
""",
    "data/sources/example-2026-11-02-ochang-battery-forum.yml": """\
slug: example-2026-11-02-ochang-battery-forum
type: source
outlet: {ko: 예시일보, en: Example Daily}
title: {ko: 오창 이차전지 포럼 열려, en: Ochang battery forum held}
reporter: 김기자
published: 2026-11-02
url: https://news.example.kr/articles/2026/11/02/ochang
""",
    "data/regions/ochang-battery-cluster.yml": """\
slug: ochang-battery-cluster
type: region
kind: cluster
name: {ko: 오창 이차전지 클러스터, en: Ochang Secondary Battery Cluster}
short_names: [오창클러스터]
parent: chungbuk
admin_codes: {emd: ["43114253"]}
summary: {ko: 청주시 청원구 오창읍의 이차전지 산업 집적지, en: "The battery industry cluster in Ochang-eup, Cheongwon-gu, Cheongju"}
industries: [secondary-batteries]
sources: [example-2026-11-02-ochang-battery-forum]
""",
    "data/institutions/ochang-battery-lab.yml": """\
slug: ochang-battery-lab
type: institution
kind: research-institute
name: {ko: 오창 배터리 연구소, en: Ochang Battery Lab}
regions: [ochang-battery-cluster]
location: {lat: 36.7193, lon: 127.4339}
description: {ko: 오창의 이차전지 연구소, en: A battery research lab in Ochang}
sources: [example-2026-11-02-ochang-battery-forum]
""",
    "data/events/ochang-battery-forum-2026.yml": """\
slug: ochang-battery-forum-2026
type: event
kind: forum
name: {ko: 오창 이차전지 포럼, en: Ochang Battery Forum}
date: 2026-11-01
regions: [ochang-battery-cluster]
venue: ochang-battery-lab
participants:
  - {institution: ochang-battery-lab, role: host}
industries: [secondary-batteries]
summary: {ko: 이차전지 산업 협력을 논의한 포럼, en: A forum on cooperation in the battery industry}
sources: [example-2026-11-02-ochang-battery-forum]
""",
    "data/programmes/ochang-battery-plan-2026.yml": """\
slug: ochang-battery-plan-2026
type: programme
kind: strategy
name: {ko: 오창 이차전지 육성 전략, en: Ochang battery strategy}
regions: [ochang-battery-cluster]
owners: [ochang-battery-lab]
start: "2026"
end: "2030"
summary: {ko: 이차전지 기업 유치 목표를 세운 전략, en: A strategy with targets for attracting battery firms}
industries: [secondary-batteries]
targets:
  - {metric: {ko: 기업 수, en: Firms}, value: 50, unit: {ko: 개, en: firms}, by: "2030"}
sources: [example-2026-11-02-ochang-battery-forum]
""",
    "content/institutions/ochang-battery-lab.md": "오창 배터리 연구소 이야기.\n",
}

# the modules that read the project's own data and built site
CONTENT_TESTS = ["tests/test_site.py", "tests/test_urls.py", "tests/test_schema.py", "tests/test_seed_content.py",
                 "tests/test_downloads.py", "tests/test_feeds.py", "tests/test_languages.py", "tests/test_sharing.py"]


def test_one_new_entry_of_every_type_leaves_the_content_url_and_schema_tests_green(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    for part in ("schemas", ".vscode", "published-urls.txt"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / part)
    for rel, text in NEW_ENTRIES.items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    checked = run_atlas("validate", cwd=project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *CONTENT_TESTS],
                            cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "ATLAS_TEST_PROJECT": str(project)})
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in result.stdout and " failed" not in result.stdout


def test_the_small_fixture_project_still_validates_when_the_project_has_narratives(tmp_path):
    """Many tests build the small fixture (tests/fixtures/minimal) with the project's templates and own
    pages: narratives a contributor adds for entries the fixture does not have stay out of it."""
    repo = tmp_path / "repo"
    (repo / "tests" / "fixtures").mkdir(parents=True)
    shutil.copytree(REPO / "tests" / "fixtures" / "minimal", repo / "tests" / "fixtures" / "minimal")
    shutil.copy2(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    for part in ("site_templates", "content"):
        shutil.copytree(REPO / part, repo / part)
    narratives = ["regions/ochang-battery-cluster.md", "en/institutions/ochang-battery-lab.md", "institutions/lab.png"]
    for rel in narratives:
        (repo / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / "content" / rel).write_bytes(b"\x89PNG\r\n\x1a\n" if rel.endswith(".png") else "이야기\n".encode())
    project = minimal_project(tmp_path / "built", repo=repo)
    checked = run_atlas("validate", cwd=project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert not any((project / "content" / rel).exists() for rel in narratives)
    assert (project / "content" / "index.md").is_file() and (project / "content" / "en" / "about.md").is_file()
