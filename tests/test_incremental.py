"""What a change invalidates (atlas.work.invalidation): after an edit of any entry, every page whose content
changed is among the pages that read something the edit changed.

Pages are rendered to Markdown by the real templates, before and after random edits of the real
entries (names, summaries, dates, references added and removed, numbers, whole files deleted), and
compared: a page that differs but was not named would be a stale page in the preview.
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from atlas import AtlasError, load_atlas
from atlas.work.invalidation import ITER, ReadLog, changed_keys, instrument
from atlas.render.site import SitePages, default_map_options
from conftest import ROOT, copy_project


def render_all(atlas, root: Path, log: ReadLog | None = None) -> dict[str, str]:
    """Every generated page's Markdown, each rendered inside ``log.page`` when a log is given."""
    pages = SitePages(atlas, root, root / "site_templates/pages", "https://atlas.example/", default_map_options())
    return pages.render_all(log)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("incremental"))


def _files(root: Path) -> list[Path]:
    return sorted((root / "data").rglob("*.yml"))


TEXT_FIELDS = ("name", "summary", "description", "title", "outlet")
LIST_FIELDS = ("regions", "participants", "industries", "member_of", "short_names", "targets", "strategies",
               "projects", "facts", "outcomes", "owners", "programmes", "sources")


def _mutate(data: dict, rng: random.Random, slugs: dict[str, list[str]], words: str) -> str:
    """One edit of an entry's data, in place; returns what it did."""
    kind = rng.choice(["text", "drop", "add", "date", "number"])
    if kind == "text":
        fields = [f for f in TEXT_FIELDS if isinstance(data.get(f), dict)]
        if fields:
            field = rng.choice(fields)
            data[field][rng.choice(["ko", "en"])] = words
            return f"text {field}"
    if kind == "drop":
        fields = [f for f in LIST_FIELDS if isinstance(data.get(f), list) and data[f]]
        if fields:
            field = rng.choice(fields)
            data[field].pop(rng.randrange(len(data[field])))
            return f"drop {field}"
    if kind == "add":
        if data.get("type") == "event":
            data.setdefault("participants", []).append({"institution": rng.choice(slugs["institutions"]),
                                                         "role": "participant"})
            return "add participant"
        if data.get("type") in ("region", "programme", "event"):
            data.setdefault("industries", []).append(rng.choice(slugs["industries"]))
            return "add industry"
        if data.get("type") == "institution":
            data.setdefault("member_of", []).append({"of": rng.choice(slugs["institutions"])})
            return "add membership"
    if kind == "date" and "date" in data:
        data["date"] = f"20{rng.randrange(10, 26)}-0{rng.randrange(1, 10)}-1{rng.randrange(0, 9)}"
        data.pop("end_date", None)
        return "date"
    if kind == "number":
        if isinstance(data.get("attendance"), dict):
            data["attendance"]["value"] = rng.randrange(1, 5000)
            return "attendance"
        if data.get("targets"):
            data["targets"][0]["value"] = rng.randrange(1, 5000)
            return "target value"
    data["short_names"] = list(data.get("short_names") or []) + [words] if data.get("type") in (
        "region", "institution", "industry") else data.get("short_names")
    if data.get("short_names") is None:
        data.pop("short_names", None)
        return "nothing"
    return "add short name"


@settings(max_examples=14, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_every_page_that_changes_is_invalidated(project, data):
    files = _files(project)
    originals = {path: path.read_bytes() for path in files}
    log = ReadLog()
    before = instrument(load_atlas(project), log)
    pages_before = render_all(before, project, log)
    slugs = {"institutions": sorted(before.institutions), "industries": sorted(before.industries)}
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    edited = [data.draw(st.sampled_from(files)) for _ in range(data.draw(st.integers(1, 2)))]
    try:
        for path in edited:
            if data.draw(st.integers(0, 9)) == 0:
                path.unlink()
                continue
            entry = yaml.safe_load(path.read_text(encoding="utf-8"))
            _mutate(entry, rng, slugs, data.draw(st.text("가나다 abc·&<", min_size=1, max_size=8)).strip() or "새 이름")
            path.write_text(yaml.safe_dump(entry, allow_unicode=True, sort_keys=False), encoding="utf-8")
        try:
            after = load_atlas(project)
        except AtlasError:
            assume(False)  # an edit that made the atlas invalid: the preview shows the problems instead
        changed = changed_keys(before, after)
        predicted = log.pages_reading(changed)
        pages_after = render_all(after, project)
        actual = {src for src in pages_before.keys() | pages_after.keys()
                  if pages_before.get(src) != pages_after.get(src)}
        new_or_gone = pages_before.keys() ^ pages_after.keys()
        missed = actual - predicted - new_or_gone
        assert not missed, (sorted(missed)[:10], [p.name for p in edited])
    finally:
        for path, content in originals.items():
            path.write_bytes(content)


def test_a_leaf_edit_invalidates_few_pages(project):
    """The summary of one event is printed on its own pages only (and not on every page)."""
    log = ReadLog()
    before = instrument(load_atlas(project), log)
    render_all(before, project, log)
    path = project / "data/events/asan-a-tech-forum-2025.yml"
    original = path.read_bytes()
    try:
        entry = yaml.safe_load(path.read_text(encoding="utf-8"))
        entry["outcomes"] = entry.get("outcomes", [])[:1]
        path.write_text(yaml.safe_dump(entry, allow_unicode=True, sort_keys=False), encoding="utf-8")
        after = load_atlas(project)
    finally:
        path.write_bytes(original)
    changed = changed_keys(before, after)
    assert changed == {("events", "asan-a-tech-forum-2025")}
    pages = log.pages_reading(changed)
    assert {"events/asan-a-tech-forum-2025.md", "en/events/asan-a-tech-forum-2025.md"} <= pages
    assert len(pages) < len(log.reads) / 2


def test_new_and_deleted_entries_change_the_key_sets(project):
    atlas = load_atlas(project)
    smaller = load_atlas(project)
    del smaller.industries["esg"]
    assert ("industries", ITER) in changed_keys(atlas, smaller)
    assert ("industries", "esg") in changed_keys(atlas, smaller)


def test_recording_is_off_outside_pages(project):
    log = ReadLog()
    atlas = instrument(load_atlas(project), log)
    _ = atlas.regions["asan"], sorted(atlas.institutions)
    assert log.reads == {}
    with log.page("x"):
        _ = atlas.regions.get("asan"), "kaist" in atlas.institutions
    assert log.reads["x"] == {("regions", "asan"), ("institutions", "kaist")}
