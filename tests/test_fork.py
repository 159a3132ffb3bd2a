"""A large atlas is read on two cores (atlas.fork.split_map): the result must be exactly what one
core makes — the same entries in the same order, the same problems at the same file and line.

Small atlases (the seed, the test fixtures) never fork, so this test loads a synthetic one of
2,500 entries (bench/synthetic.py), above ``split_map``'s threshold. It loads in a fresh Python
process: forking is refused while other threads run, as they do in a test session.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from atlas.load import entry_files
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import synthetic  # noqa: E402

ENTRIES = 2500

LOAD_TWICE = r"""
import json, sys
import atlas.fork
from atlas import AtlasError, load_atlas

real, used = atlas.fork.can_fork, []
out = {}
for forking in (True, False):
    atlas.fork.can_fork = lambda: used.append(real()) or (forking and real())
    try:
        loaded = load_atlas(sys.argv[1])
        out[str(forking)] = [[e.type, e.slug, e.model_dump(mode="json")] for e in loaded.all_entries()]
    except AtlasError as exc:
        out[str(forking)] = exc.report()
out["could_fork"] = used[0]
print(json.dumps(out, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    dest = tmp_path_factory.mktemp("fork") / "project"
    synthetic.generate_data(dest / "data", ENTRIES)
    return dest


def load_both_ways(project) -> tuple[object, object]:
    """(the atlas or problem report loaded on two cores, the same on one core)."""
    done = subprocess.run([sys.executable, "-c", LOAD_TWICE, str(project)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-4000:]
    out = json.loads(done.stdout)
    assert out["could_fork"], "the child process could not fork"
    return out["True"], out["False"]


def test_two_cores_load_the_same_atlas_as_one(project):
    assert len(entry_files(project)) >= 2000
    two, one = load_both_ways(project)
    assert isinstance(two, list) and len(two) > 2000
    assert two == one


def test_two_cores_report_the_same_problems_as_one(project):
    files = entry_files(project)
    first, last = files[0][0], files[-1][0]  # read by this core / by the other one
    originals = {path: path.read_text(encoding="utf-8") for path in (first, last)}
    try:
        for path in (first, last):
            path.write_text(originals[path] + "unknown_field: 1\n", encoding="utf-8")
        two, one = load_both_ways(project)
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
    assert isinstance(two, str) and two == one
    for path in (first, last):
        line = len(originals[path].splitlines()) + 1
        assert f"{path.relative_to(project).as_posix()}:{line}: unknown_field" in two, two


def test_two_cores_report_refused_values_at_the_same_lines_as_one(project):
    """Values the loader refuses (a 5,000-digit number, a merge key) in files
    read by either core, after lone carriage returns (a line break to YAML, not to git or GitHub)."""
    files = entry_files(project)
    first, last = files[0][0], files[-1][0]
    originals = {path: path.read_bytes() for path in (first, last)}
    hostile = b"# old\r# Mac\r# line ends\n" + b"big: " + b"9" * 5000 + b'\n<<: {a: 1}\n'
    try:
        for path in (first, last):
            path.write_bytes(originals[path] + hostile)
        two, one = load_both_ways(project)
    finally:
        for path, content in originals.items():
            path.write_bytes(content)
    assert isinstance(two, str) and two == one
    for path in (first, last):
        line = originals[path].count(b"\n") + 2  # the line of `big:`, counted in line feeds
        rel = path.relative_to(project).as_posix()
        assert f"{rel}:{line}: big: a number written with 5000 characters" in two, two
        assert f"{rel}:{line + 1}: -: YAML merge keys (<<) are not allowed" in two, two
