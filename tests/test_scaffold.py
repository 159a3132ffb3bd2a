"""`atlas new TYPE SLUG`: a file with every field explained, that validates once its blanks are filled."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest

from atlas.load import parse_text
from atlas.models import ENTRY_MODELS, FOLDERS
from atlas.scaffold import scaffold
from conftest import ROOT, run_atlas

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"

# What a contributor writes into the blanks of each type (path of the blank → value).
FILLS: dict[str, dict[str, str]] = {
    "institution": {"kind": "research-institute", "name.ko": "새 연구소", "name.en": "New Lab",
                    "location.lat": "36.78", "location.lon": "127.00", "description.ko": "아산의 새 연구소.",
                    "sources[0]": "test-source", "regions": "[asan]"},
    "event": {"kind": "forum", "name.ko": "새 포럼", "date": "2025-12-01", "regions[0]": "asan",
              "summary.ko": "새 포럼 요약.", "sources[0]": "test-source"},
    "region": {"kind": "district", "name.ko": "새 지구", "admin_codes.sigungu": '["44200"]', "parent": "chungnam",
               "summary.ko": "새 지구 요약.", "sources[0]": "test-source"},
    "programme": {"kind": "strategy", "name.ko": "새 전략", "regions[0]": "asan", "start": '"2025"', "end": '"2030"',
                  "summary.ko": "새 전략 요약.", "sources[0]": "test-source"},
    "source": {"outlet.ko": "새 신문", "title.ko": "새 기사", "published": "2025-12-02",
               "url": "https://news.example.kr/articles/1"},
    "industry": {"name.ko": "새 산업", "name.en": "New industry"},
}

# What `atlas validate` says about each untouched scaffold: one line per blank required value.
UNTOUCHED: dict[str, list[str]] = {
    "institution": ["kind: no value given; expected 'university', 'research-institute', 'public-agency', 'company', "
                    "'government', 'legislature', 'council', 'association', 'hospital' or 'industrial-complex'",
                    "name.ko: no value given; write the text", "location.lat: no value given; write a number",
                    "location.lon: no value given; write a number", "description.ko: no value given; write the text",
                    "sources[0]: no value given; write the slug of an entry"],
    "event": ["kind: no value given; expected 'forum', 'council-meeting', 'committee-launch', 'mou-signing', "
              "'designation', 'vision-proclamation', 'festival' or 'strategy-announcement'",
              "name.ko: no value given; write the text", "date: no value given; write the text",
              "regions[0]: no value given; write the slug of an entry", "summary.ko: no value given; write the text",
              "sources[0]: no value given; write the slug of an entry"],
    "region": ["kind: no value given; expected 'union', 'province', 'city', 'district' or 'cluster'",
               "name.ko: no value given; write the text", "admin_codes: name at least one sido, sigungu or emd code",
               "summary.ko: no value given; write the text", "sources[0]: no value given; write the slug of an entry"],
    "programme": ["kind: no value given; expected 'strategy', 'master-plan', 'project-portfolio' or 'zone'",
                  "name.ko: no value given; write the text", "regions[0]: no value given; write the slug of an entry",
                  "summary.ko: no value given; write the text",
                  "sources[0]: no value given; write the slug of an entry"],
    "source": ["outlet.ko: no value given; write the text", "title.ko: no value given; write the text",
               "published: no value given; write the text"],
    "industry": ["name.ko: no value given; write the text"],
}


def fill(text: str, values: dict[str, str]) -> str:
    """Write values into the blanks (``key:`` or ``- `` with nothing after), as a contributor would."""
    out, stack, todo = [], [], dict(values)
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            out.append(line)
            continue
        indent = len(line) - len(line.lstrip())
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if stripped == "-":
            path = f"{stack[-1][1]}[0]"
            out.append(f"{line} {todo.pop(path)}" if path in todo else line)
            continue
        key = stripped.split(":", 1)[0]
        path = ".".join([p for _, p in stack] + [key])
        stack.append((indent, path))
        if path in todo and re.fullmatch(r"[\w-]+:( \[\])?", stripped):
            line = f"{' ' * indent}{key}: {todo.pop(path)}"
        out.append(line)
    assert not todo, f"blanks not found in the scaffold: {todo}"
    return "\n".join(out) + "\n"


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    return project


@pytest.mark.parametrize("entry_type", sorted(ENTRY_MODELS))
def test_untouched_scaffold_names_each_blank(tmp_path, entry_type):
    project = _project(tmp_path)
    result = run_atlas("new", entry_type, "brand-new", cwd=project)
    rel = f"data/{FOLDERS[entry_type]}/brand-new.yml"
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Created {rel}: fill in the blank values, then run `atlas validate`."
    check = run_atlas("validate", cwd=project)
    assert check.returncode == 1
    reported = [line.split(": ", 1)[1] for line in check.stdout.splitlines()]
    assert all(line.startswith(f"{rel}:") for line in check.stdout.splitlines()), check.stdout
    assert reported == UNTOUCHED[entry_type], check.stdout
    # each problem points at the line of its blank
    text = (project / rel).read_text(encoding="utf-8").splitlines()
    for line in check.stdout.splitlines():
        number, field = int(line.split(":")[1]), line.split(": ")[1]
        key = re.sub(r"\[\d+\]$", "", field).rsplit(".", 1)[-1]
        assert text[number - 1].strip().startswith((f"{key}:", "-")), (line, text[number - 1])


@pytest.mark.parametrize("entry_type", sorted(ENTRY_MODELS))
def test_filled_scaffold_validates(tmp_path, entry_type):
    project = _project(tmp_path)
    assert run_atlas("new", entry_type, "brand-new", cwd=project).returncode == 0
    path = project / "data" / FOLDERS[entry_type] / "brand-new.yml"
    path.write_text(fill(path.read_text(encoding="utf-8"), FILLS[entry_type]), encoding="utf-8")
    result = run_atlas("validate", cwd=project)
    assert result.returncode == 0, path.read_text(encoding="utf-8") + result.stdout
    # and the editor's schema agrees
    data, _, problems = parse_text(path.name, path.read_text(encoding="utf-8"))
    assert not problems
    schema = json.loads((ROOT / "schemas" / f"{entry_type}.schema.json").read_text(encoding="utf-8"))
    assert not list(jsonschema.Draft202012Validator(schema).iter_errors(data))


@pytest.mark.parametrize("entry_type", sorted(ENTRY_MODELS))
def test_every_field_is_explained(entry_type):
    text = scaffold(entry_type, "x")
    first = text.splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../schemas/{entry_type}.schema.json"
    assert (ROOT / "data" / FOLDERS[entry_type] / first.split("=", 1)[1]).resolve() == \
        (ROOT / "schemas" / f"{entry_type}.schema.json").resolve()
    flat = " ".join(line.lstrip("# ").strip() for line in text.splitlines())
    for name, info in ENTRY_MODELS[entry_type].model_fields.items():
        assert re.search(rf"(^|\n)\s*(# )?{name}:", text), f"{name} missing"
        words = " ".join(info.description.split()[:4])
        assert words in flat, f"{name}: description not shown"


def test_new_refuses_bad_or_taken_slugs(tmp_path):
    project = _project(tmp_path)
    result = run_atlas("new", "institution", "Hoseo_Univ", cwd=project)
    assert result.returncode == 1
    assert "'Hoseo_Univ' is not a slug" in result.stderr
    result = run_atlas("new", "event", "asan", cwd=project)
    assert result.returncode == 1
    assert "slug 'asan' is already used by data/regions/asan.yml" in result.stderr
    result = run_atlas("new", "person", "someone", cwd=project)
    assert result.returncode == 2 and "'person' is not one of" in result.stderr
