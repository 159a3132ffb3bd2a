"""Builds are deterministic: the same input gives the same bytes."""
from __future__ import annotations

from conftest import ROOT, build_site


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_give_identical_files(tmp_path, site):
    again = tmp_path / "again"
    result = build_site(ROOT, again)
    assert result.returncode == 0, result.stderr
    first, second = _snapshot(site.root), _snapshot(again)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert not differing
