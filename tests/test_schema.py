"""JSON Schemas for editors: generated from the models, committed, published, and true to the data."""
from __future__ import annotations

import json

import jsonschema
import pytest

from atlas.load import entry_files, parse_text
from atlas.models import ENTRY_MODELS, FOLDERS
from atlas.schema import all_schemas, schema_path, stale_schemas
from conftest import ROOT, run_atlas

TYPE_OF_FOLDER = {folder: entry_type for entry_type, folder in FOLDERS.items()}


def _validator(entry_type: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / schema_path(entry_type)).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schemas_match_the_models():
    stale = stale_schemas(ROOT)
    assert not stale, f"{stale} differ from atlas.models: run `atlas schema` and commit the result"
    assert sorted(p.name for p in (ROOT / "schemas").glob("*.json")) == sorted(
        f"{t}.schema.json" for t in ENTRY_MODELS)


def test_schema_check_command(tmp_path):
    assert run_atlas("schema", "--check", "--root", str(ROOT), cwd=ROOT).returncode == 0
    result = run_atlas("schema", "--check", "--root", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    assert "schemas/event.schema.json: differs from the models" in result.stdout
    assert run_atlas("schema", "--root", str(tmp_path), cwd=tmp_path).returncode == 0
    assert run_atlas("schema", "--check", "--root", str(tmp_path), cwd=tmp_path).returncode == 0


def test_every_data_file_is_valid_against_its_schema():
    files = entry_files(ROOT)
    assert len(files) > 50
    validators = {t: _validator(t) for t in ENTRY_MODELS}
    for path, folder in files:
        rel = path.relative_to(ROOT).as_posix()
        data, _, problems = parse_text(rel, path.read_text(encoding="utf-8"))
        assert not problems, problems
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validators[TYPE_OF_FOLDER[folder]].iter_errors(data)]
        assert not errors, f"{rel}: {errors}"


@pytest.mark.parametrize("edit, expected", [
    ({"website_url": "https://x.kr"}, "Additional properties are not allowed ('website_url' was unexpected)"),
    ({"kind": "school"}, "'school' is not one of"),
    ({"slug": "호서대"}, "does not match"),
    ({"website": "javascript:alert(1)"}, "is not valid under any of the given schemas"),
    ({"location": {"lat": 36.7}}, "'lon' is a required property"),
    ({"sources": []}, "should be non-empty"),
    ({"name": {"en": "No Korean"}}, "'ko' is a required property"),
])
def test_schema_flags_mistakes_as_an_editor_would(edit, expected):
    entry = {"slug": "x", "type": "institution", "kind": "university", "name": {"ko": "이름"},
             "location": {"lat": 36.7, "lon": 127.0}, "description": {"ko": "설명"}, "sources": ["s"]}
    validator = _validator("institution")
    assert not list(validator.iter_errors(entry))
    messages = [e.message for e in validator.iter_errors({**entry, **edit})]
    assert any(expected in m for m in messages), messages


def test_schemas_describe_every_field():
    for rel, text in all_schemas().items():
        schema = json.loads(text)
        for name, prop in schema["properties"].items():
            assert prop.get("description"), f"{rel}: {name} has no description"


def test_schemas_are_published_with_the_site(site):
    for rel, text in all_schemas().items():
        assert (site.root / rel).read_text(encoding="utf-8") == text


def test_editor_settings_map_each_data_folder_to_its_schema():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for entry_type, folder in FOLDERS.items():
        assert mapping[f"./{schema_path(entry_type)}"] == [f"data/{folder}/*.yml", f"data/{folder}/*.yaml"]
