"""The GitHub Actions workflow lints clean, runs the README's commands, and deploys with the Pages actions.

The PR and issue templates exist in Korean and English.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.y*ml"))


def _actionlint() -> str:
    for candidate in (Path(sysconfig.get_path("scripts")) / "actionlint", shutil.which("actionlint")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    raise AssertionError("actionlint is not installed: pip install -e '.[test]'")


def _workflow() -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on"
    data = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def _steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def test_workflows_lint_clean():
    assert WORKFLOWS, "no workflow files"
    result = subprocess.run([_actionlint(), "-color=false", *map(str, WORKFLOWS)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_does_catch_mistakes(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n"
                   "      - run: echo ${{ github.event.pull_request.title }}\n"
                   "      - uses: actions/checkout@v6\n        with: {fetch_depth: 0}\n", encoding="utf-8")
    result = subprocess.run([_actionlint(), "-color=false", str(bad)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "potentially untrusted" in result.stdout and "fetch_depth" in result.stdout


def test_pull_requests_run_the_readme_commands_and_upload_a_preview():
    workflow = _workflow()
    assert "pull_request" in workflow["on"] and workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    check = workflow["jobs"]["check"]
    runs = [step.get("run", "") for step in _steps(check)]
    # in this order: validate (annotations), strict build, the tests as .ci/run runs them, the link check
    order = [next(i for i, r in enumerate(runs) if r.strip() == command)
             for command in ("make validate", "make site", "bash .ci/run mkdocs", "make linkcheck")]
    assert order == sorted(order)
    preview = next(s for s in _steps(check) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert preview["if"] == "github.event_name == 'pull_request'"
    assert preview["with"]["path"] == "site/"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("make validate", "make site", "make test", "make linkcheck", ".ci/run"):
        assert command in readme, command
    assert "make test" in (ROOT / ".ci/run").read_text(encoding="utf-8")


def test_main_is_deployed_with_the_official_pages_actions():
    workflow = _workflow()
    check, deploy = workflow["jobs"]["check"], workflow["jobs"]["deploy"]
    uses = [s.get("uses", "").split("@")[0] for s in _steps(check)]
    assert "actions/configure-pages" in uses and "actions/upload-pages-artifact" in uses
    upload = next(s for s in _steps(check) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site/"
    assert deploy["needs"] == "check"
    assert "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert [s["uses"].split("@")[0] for s in _steps(deploy)] == ["actions/deploy-pages"]


def test_templates_exist_in_korean_and_english():
    template = (ROOT / ".github/PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "출처" in template and "source" in template.lower() and "atlas validate" in template
    forms = sorted((ROOT / ".github/ISSUE_TEMPLATE").glob("*.yml"))
    names = {f.name for f in forms}
    assert {"propose-entry.yml", "report-error.yml", "config.yml"} <= names
    for form in forms:
        data = yaml.safe_load(form.read_text(encoding="utf-8"))
        if form.name == "config.yml":
            continue
        assert data["name"] and data["description"] and data["body"], form.name
        text = form.read_text(encoding="utf-8")
        assert any("\uac00" <= ch <= "\ud7a3" for ch in text), f"{form.name} has no Korean"
        ids = [item.get("id") for item in data["body"] if item["type"] != "markdown"]
        assert all(ids) and len(ids) == len(set(ids)), form.name


def _make_dry_run(target: str, *args: str) -> list[str]:
    """The commands `make TARGET` would run (`make -n`: printed, not run)."""
    done = subprocess.run(["make", "-n", target, *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_make_test_runs_the_tests_in_a_process_per_core():
    """The suite runs in one process per core (pytest-xdist), each test file whole in one process
    (module fixtures build their sites once); TEST_PROCESSES=0 runs it in one process."""
    [run] = [line for line in _make_dry_run("test") if " -m pytest" in line]
    assert run.endswith(" -m pytest -n auto --dist loadfile"), run
    [run] = [line for line in _make_dry_run("test", "TEST_PROCESSES=0") if " -m pytest" in line]
    assert run.endswith(" -m pytest -n 0 --dist loadfile"), run


def test_the_tests_run_on_properdocs_too():
    """A job of its own runs every test on ProperDocs (`bash .ci/run properdocs` → `make test-properdocs`)."""
    job = _workflow()["jobs"]["properdocs"]
    assert [step.get("run") for step in _steps(job) if step.get("run")] == ["bash .ci/run properdocs"]
    assert "make test-properdocs" in (ROOT / ".ci/run").read_text(encoding="utf-8")
    [run] = [line for line in _make_dry_run("test-properdocs") if " -m pytest" in line]
    assert f"PYTHONPATH=\"{ROOT}/.ci/properdocs\"" in run and " -n auto --dist loadfile" in run, run
    assert "import properdocs.replacement" in (ROOT / ".ci/properdocs/sitecustomize.py").read_text(encoding="utf-8")


@pytest.mark.parametrize(("argument", "targets"), [
    ((), ["test", "test-properdocs"]),  # what CI runs on a fresh clone: both renderers
    (("mkdocs",), ["test"]),
    (("properdocs",), ["test-properdocs"]),
])
def test_ci_run_runs_the_suite_on_each_renderer(tmp_path, argument, targets):
    """`.ci/run` itself, with `make` (and apt, sudo) replaced by scripts that record how they were called."""
    (tmp_path / ".ci").mkdir()
    shutil.copy(ROOT / ".ci/run", tmp_path / ".ci/run")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("make", "apt-get", "sudo"):
        script = bin_dir / tool
        script.write_text(f'#!/bin/sh\necho "{tool} $*" >> "{tmp_path}/calls"\n', encoding="utf-8")
        script.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["bash", str(tmp_path / ".ci/run"), *argument], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    calls = [line.split() for line in (tmp_path / "calls").read_text().splitlines() if line.startswith("make ")]
    assert [call[1] for call in calls] == targets
    assert all(any(arg.startswith("PYTHON=") for arg in call) for call in calls)
    wrong = subprocess.run(["bash", str(tmp_path / ".ci/run"), "sphinx"], env=env, capture_output=True, text=True)
    assert wrong.returncode == 2 and "usage" in wrong.stderr
