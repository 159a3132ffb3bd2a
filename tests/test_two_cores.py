"""A build converts its pages on two cores (plugins/atlas_mkdocs/work/two_cores.py): MkDocs here, a
forked worker taking pages as it is free, then writing the last pages converted here too. The result must be exactly what one process writes — every
file, byte for byte — and a warning the worker meets must fail a strict build as one met here does.

Builds run in fresh Python processes (forking is refused while other threads run, as they do in a test
session); "one process" is the same build with forking turned off. The maps are off in these projects:
with them, the worker spends a small site's whole build making maps and takes no page (the full site
with maps is built by tests/test_determinism.py, whose second build splits the same way).
"""
from __future__ import annotations

import multiprocessing
import os
import re
import subprocess
import sys

import pytest

from conftest import copy_project, snapshot

BUILD = r"""
import sys
import atlas.fork
if sys.argv[1] == "one":
    atlas.fork.can_fork = lambda: False
from atlas_mkdocs.runner import main
sys.exit(main(["-f", sys.argv[2], "-d", sys.argv[3], "--strict"]))
"""
SPLIT = re.compile(r"pages: (\d+) converted by this process, (\d+) by the worker, which wrote (\d+) of this")
#: COLUMNS: a narrow terminal, where MkDocs would wrap the line that says how the pages were shared
ENV = {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763683200", "PYTHONHASHSEED": "0", "COLUMNS": "40"}


def _project(tmp_path):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - atlas:\n" in config
    (project / "mkdocs.yml").write_text(config.replace("  - atlas:\n", "  - atlas:\n      maps: false\n", 1),
                                        encoding="utf-8")
    return project


def _build(project, site, cores: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BUILD, cores, str(project / "mkdocs.yml"), str(site)],
                          cwd=project, capture_output=True, text=True, timeout=600, env={**os.environ, **ENV})


def _split(build: subprocess.CompletedProcess) -> re.Match:
    """How the build shared its pages, from its log (one line, whatever the terminal's width)."""
    if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no second process on this machine (one core, or no fork)")
    split = SPLIT.search(build.stderr)
    assert split is not None, f"the build did not say how it shared its pages:\n{build.stderr[-3000:]}"
    return split


def test_two_processes_write_the_bytes_one_process_writes(tmp_path):
    project = _project(tmp_path)
    two = _build(project, tmp_path / "two", "two")
    assert two.returncode == 0, two.stderr[-4000:]
    one = _build(project, tmp_path / "one", "one")
    assert one.returncode == 0, one.stderr[-4000:]
    split = _split(two)
    assert int(split[1]) > 0 and int(split[2]) > 0, split[0]  # both processes converted pages
    # and the worker, which made the downloads first, wrote some of the pages converted here
    assert int(split[3]) > 0, split[0]
    assert SPLIT.search(one.stderr) is None
    a, b = snapshot(tmp_path / "two"), snapshot(tmp_path / "one")
    assert sorted(a) == sorted(b)
    different = [path for path in a if a[path] != b[path]]
    assert not different, different[:10]
    assert not [path for path in a if path.endswith(".part")]  # the search parts, merged and removed


def test_a_warning_in_the_worker_fails_a_strict_build_and_is_shown_once(tmp_path):
    """Every institution's page gets a narrative with a broken link: the worker converts some of them."""
    project = _project(tmp_path)
    slugs = sorted(p.stem for p in (project / "data/institutions").glob("*.yml"))
    (project / "content/institutions").mkdir(parents=True, exist_ok=True)
    for slug in slugs:
        (project / "content/institutions" / f"{slug}.md").write_text(
            f"이야기 [깨진 링크](no-such-page-{slug}.md)\n", encoding="utf-8")
    done = _build(project, tmp_path / "site", "two")
    split = _split(done)
    assert int(split[2]) > 0
    assert done.returncode == 1
    output = done.stdout + done.stderr
    assert f"Aborted with {len(slugs)} warnings in strict mode" in output, output[-3000:]
    for slug in slugs:  # each warning once: printed here, whichever process met it
        assert output.count(f"contains a link 'no-such-page-{slug}.md'") == 1, slug
    assert not (tmp_path / "site").exists()  # a failed build leaves no site


READS = r"""
import json, sys
import atlas.fork
if sys.argv[1] == "one":
    atlas.fork.can_fork = lambda: False
from mkdocs.commands.build import build
from mkdocs.config import load_config
from atlas.work.invalidation import ITER, ReadLog

config = load_config(config_file=sys.argv[2], site_dir=sys.argv[3])
plugin = config.plugins["atlas"]
plugin.config.staged_build = False
plugin.read_log = ReadLog()
config.plugins.on_startup(command="build", dirty=False)
build(config)
config.plugins.on_shutdown()
reads = {page: sorted(f"{field}:{'ITER' if key is ITER else repr(key)}" for field, key in keys)
         for page, keys in plugin.read_log.reads.items()}
print("READS " + json.dumps({"reads": reads, "elsewhere": len(plugin.cores.elsewhere)}))
"""


def _reads(project, site, cores: str) -> dict:
    import json

    done = subprocess.run([sys.executable, "-c", READS, cores, str(project / "mkdocs.yml"), str(site)], cwd=project,
                          capture_output=True, text=True, timeout=600, env={**os.environ, **ENV})
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.split("READS ", 1)[1])


def test_what_each_page_read_is_known_whichever_process_rendered_it(tmp_path):
    """The preview's first build (atlas serve) records what every generated page reads of the atlas
    (atlas.work.invalidation): the worker's pages' reads come back to this process, ITER included."""
    project = _project(tmp_path)
    two = _reads(project, tmp_path / "two", "two")
    if not two["elsewhere"]:
        pytest.skip("no second process on this machine (one core, or no fork)")
    one = _reads(project, tmp_path / "one", "one")
    assert one["elsewhere"] == 0
    assert two["reads"] == one["reads"]
    assert any("institutions:ITER" in keys for keys in two["reads"].values())
