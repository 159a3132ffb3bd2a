"""Every refused case of the hostile corpus at once, as one pull request holding all of them would be:
`atlas validate` and `atlas build` report each at its file, one `file:line: field: message` line per
problem, exit 1, never a traceback, and the build writes nothing.
"""
from __future__ import annotations

import re

import pytest

from atlas.problems import escape_text
from conftest import run_atlas
from hostile_corpus import REFUSED, refused_project

LINE = re.compile(r"^[^\n]+:\d+: [^\n]+: [^\n]+$")


@pytest.fixture(scope="module")
def refused(tmp_path_factory):
    project = refused_project(tmp_path_factory.mktemp("refused"))
    return project, run_atlas("validate", "--root", str(project), cwd=project)


def test_the_corpus_covers_every_class_in_several_encodings():
    kinds: dict[str, set[str]] = {}
    for case in REFUSED:
        kinds.setdefault(case.kind, set()).add(case.encoding)
    for kind in ("script in entry text", "script in front matter", "script in Markdown"):
        assert len(kinds[kind]) >= 2, kind
    assert {"plain", "yaml-escape", "mixed-case"} <= kinds["script in entry text"]
    assert {"file type", "file name", "symbolic link", "reserved front-matter key", "referenced entry invalid",
            "YAML the loader cannot build", "number not finite", "character XML or a terminal cannot hold"} <= set(kinds)


def test_validate_reports_every_case_at_its_file_and_never_a_traceback(refused):
    project, result = refused
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(LINE.match(line) for line in lines), [line for line in lines if not LINE.match(line)][:5]
    reported = {line.split(":", 1)[0] for line in lines}
    missing = [case.id for case in REFUSED if case.reported and escape_text(case.path, colon=True) not in reported]
    assert not missing, missing
    # an entry naming one that failed is not reported again: the failed one's own problems say it all
    for case in REFUSED:
        if not case.reported:
            assert escape_text(case.path, colon=True) not in reported, case.id


def test_no_problem_line_holds_a_raw_control_character_or_forges_an_annotation(refused):
    _, result = refused
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", result.stdout)
    assert not any(line.startswith("::") for line in result.stdout.splitlines())
    github = run_atlas("validate", "--format", "github", cwd=refused[0])
    annotations = [line for line in github.stdout.splitlines() if line.startswith("::")]
    assert annotations and all(line.startswith("::error file=") for line in annotations)
    for line in annotations:  # each names one file and one line: a file name cannot add or change a property
        properties = dict(part.split("=", 1) for part in line.split("::", 2)[1][len("error "):].split(","))
        assert set(properties) == {"file", "line"} and properties["file"] != "README.md", line


def test_build_refuses_the_same_and_writes_nothing(refused, tmp_path):
    project, _ = refused
    site = tmp_path / "site"
    result = run_atlas("build", "--site-dir", str(site), cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert not site.exists() and not (tmp_path / "site.staging").exists()
