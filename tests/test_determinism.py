"""Builds are deterministic: the same input gives the same bytes."""
from __future__ import annotations

from conftest import ROOT, build_site, snapshot


def test_two_builds_give_identical_files(tmp_path, site):
    again = tmp_path / "again"
    result = build_site(ROOT, again)
    assert result.returncode == 0, result.stderr
    first, second = snapshot(site.root), snapshot(again)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert not differing
