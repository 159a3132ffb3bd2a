"""Inside GitHub Actions, `atlas validate` writes every problem to the job summary as a table.

GitHub shows at most 10 error annotations per step on a pull request; the summary lists them all,
each linking to its file and line in the contributor's fork at the pull request's head commit.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from atlas.ci_summary import blob_base, summary_markdown
from atlas.problems import Problem
from conftest import run_atlas

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
BAD = "slug: {slug}\ntype: institution\nkind: school\nname: {{ko: 나쁨}}\nlocation: {{lat: 36.7, lon: 127.0}}\n" \
      "description: {{ko: 설명}}\nsources: [test-source]\n"


def test_every_problem_reaches_the_job_summary_with_links_to_the_fork(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    for i in range(30):  # 30 files, 30 problems: more than GitHub shows as annotations (10 a step)
        (project / f"data/institutions/bad-{i:02d}.yml").write_text(BAD.format(slug=f"bad-{i:02d}"), encoding="utf-8")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"head": {"sha": "abc123", "repo": {"full_name": "someone/fork"}}}}))
    summary = tmp_path / "summary.md"
    result = run_atlas("validate", "--root", str(project), cwd=project, env={
        "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_EVENT_PATH": str(event),
        "GITHUB_REPOSITORY": "owner/atlas", "GITHUB_SHA": "merge000", "GITHUB_SERVER_URL": "https://github.com"})
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if not line.startswith("::")]
    assert len(problems) == 30
    text = summary.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| [")]
    assert len(rows) == 30
    assert "https://github.com/someone/fork/blob/abc123/data/institutions/bad-07.yml#L3" in text
    assert "30 problems" in text


def test_cells_cannot_break_the_table_or_add_markup():
    hostile = Problem("data/institutions/a|b<script>.yml", 2, "name|x", "bad | <img src=x onerror=alert(1)>\nnext")
    text = summary_markdown([hostile], "https://github.com/o/r/blob/s/")
    [row] = [line for line in text.splitlines() if line.startswith("| [")]
    assert "<script>" not in text and "<img" not in text
    # four cells: the pipes inside values are escaped
    assert len(re.findall(r"(?<!\\)\|", row)) == 5
    assert "a%7Cb%3Cscript%3E.yml#L2" in row


def test_without_github_there_is_no_link_base(tmp_path):
    assert blob_base({}) is None
    assert blob_base({"GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "s"}) == "https://github.com/o/r/blob/s/"
    assert "No problems found." in summary_markdown([], None)


def test_atlas_changes_lists_the_pages_an_edit_touches(tmp_path):
    """The preview's summary: an institution renamed touches its pages, the pages listing it, and no other."""
    import subprocess

    from conftest import minimal_project

    project = minimal_project(tmp_path)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run(git + command, cwd=project, check=True)
    inst = project / "data/institutions/hoseo-university.yml"
    inst.write_text(inst.read_text(encoding="utf-8").replace("호서대학교", "호서대학교 아산캠퍼스"), encoding="utf-8")
    summary = tmp_path / "summary.md"
    result = run_atlas("changes", "--base", "HEAD", "--summary", cwd=project, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 0, result.stdout + result.stderr
    changed = set(re.findall(r"`(/[^`]*)`", result.stdout.split("**changed**")[1]))
    assert {"/institutions/hoseo-university/", "/en/institutions/hoseo-university/", "/regions/asan/",
            "/events/test-forum/", "/institutions/"} <= changed
    assert "/sources/" not in changed and "/industries/" not in changed and "**added**" not in result.stdout
    assert summary.read_text(encoding="utf-8") == result.stdout
