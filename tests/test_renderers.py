"""The site builds the same on MkDocs 1.6 and on ProperDocs (PyPI `properdocs`, its continuation with the
same plugin API): every file byte for byte, but for the generator the theme names in each page's
`<meta name="generator">`.

The other renderer than the one these tests run on builds the project in a child process: ProperDocs
with `.ci/properdocs` on PYTHONPATH (its `sitecustomize` makes `import mkdocs` give ProperDocs, as
`make test-properdocs` does for every test), MkDocs without it.
"""
from __future__ import annotations

import os
import re

from conftest import ROOT, build_site, snapshot

OVERLAY = str(ROOT / ".ci" / "properdocs")
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def _other_renderer_env() -> tuple[str, dict]:
    import mkdocs

    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and os.path.abspath(p) != OVERLAY]
    if mkdocs.__name__ == "properdocs":
        return "mkdocs", {"PYTHONPATH": os.pathsep.join(paths)}
    return "properdocs", {"PYTHONPATH": os.pathsep.join([OVERLAY, *paths])}


def test_properdocs_and_mkdocs_write_the_same_site(site, tmp_path):
    import mkdocs

    other, env = _other_renderer_env()
    result = build_site(ROOT, tmp_path / "other", env=env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    ours, theirs = snapshot(site.root), snapshot(tmp_path / "other")
    assert sorted(ours) == sorted(theirs)
    generators: dict[str, set[bytes]] = {mkdocs.__name__: set(), other: set()}
    different = []
    for path, data in ours.items():
        if path.endswith(".html"):
            generators[mkdocs.__name__].update(GENERATOR.findall(data))
            generators[other].update(GENERATOR.findall(theirs[path]))
            data, theirs[path] = GENERATOR.sub(b"", data), GENERATOR.sub(b"", theirs[path])
        if data != theirs[path]:
            different.append(path)
    assert not different, different[:10]
    # each build says which renderer made it (and that is all that differs)
    assert generators["properdocs"] and all(b"ProperDocs" in g for g in generators["properdocs"]), generators
    assert generators["mkdocs"] and not any(b"ProperDocs" in g for g in generators["mkdocs"]), generators
