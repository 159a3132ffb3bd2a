"""Cite this page: every entry page offers a ready citation with a permanent link and the entry's
last change, taken from the history of its data file."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from atlas.export.history import commit_dates, last_updated, source_date
from atlas.export.citation import Citation
from atlas.models import FOLDERS
from conftest import ROOT


def canonical(site, url: str) -> str:
    return site.soup(url).select_one('link[rel="canonical"]')["href"]


def git_date(path: str) -> str:
    out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", path], cwd=ROOT, capture_output=True, text=True)
    return out.stdout.strip()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_entry_page_has_a_citation(site, atlas, prefix):
    for entry in atlas.all_entries():
        url = f"{prefix}{FOLDERS[entry.type]}/{entry.slug}/"
        article = site.article(url)
        assert article.select_one("h2#cite"), url
        text = article.select_one("pre.atlas-cite-text").get_text()
        bibtex = article.select_one("pre.atlas-cite-bibtex").get_text()
        name = entry.title if entry.type == "source" else entry.name
        title = name.ko if prefix == "" else (name.en or name.ko)
        permalink = canonical(site, url)
        assert permalink.startswith("http") and permalink.endswith(url)
        for part in (" ".join(title.split()), "지역혁신 아틀라스 / Korea Innovation Atlas", permalink):
            assert part in text, (url, part)
        assert bibtex.startswith(f"@online{{atlas-{entry.slug},") and f"url = {{{permalink}}}" in bibtex
        for source in getattr(entry, "sources", []):  # and its sources, as in the footnotes
            assert atlas.sources[source].published in text.split("\n", 1)[1], (url, source)


def test_last_updated_is_the_date_of_the_last_commit_touching_the_file(site, atlas):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    for entry in atlas.all_entries():
        path = atlas.paths[entry.slug]
        expected = git_date(path)
        if not expected:  # a new file not committed yet: the sources' date instead
            expected = source_date(atlas, entry)
        text = site.article(f"{FOLDERS[entry.type]}/{entry.slug}/").select_one("pre.atlas-cite-text").get_text()
        en = site.article(f"en/{FOLDERS[entry.type]}/{entry.slug}/").select_one("pre.atlas-cite-text").get_text()
        if not expected:  # not committed yet and no source (an industry): no date rather than a made-up one
            assert "최종 수정" not in text and "Last updated" not in en, (path, text)
            continue
        assert f"최종 수정 {expected}." in text, (path, expected)
        assert f"Last updated {expected}." in en


def _git(cwd, *args, date="2024-03-05T10:00:00+09:00"):
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_history_uses_the_newest_commit_per_file_and_falls_back_to_sources(tmp_path, atlas):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    # no repository at all: every entry gets the newest date of its sources
    no_git = last_updated(tmp_path, atlas)
    assert no_git["kaist"] == source_date(atlas, atlas.institutions["kaist"])
    assert no_git == last_updated(tmp_path, atlas)  # deterministic
    # a repository: two commits; a file changed in the second one gets the second date
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "data")
    _git(tmp_path, "commit", "-q", "-m", "one")
    kaist = tmp_path / "data/institutions/kaist.yml"
    kaist.write_text(kaist.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
    _git(tmp_path, "commit", "-q", "-am", "two", date="2025-01-02T23:30:00+09:00")
    dates = commit_dates(tmp_path)
    assert dates["data/institutions/kaist.yml"] == "2025-01-02"
    assert dates["data/institutions/hoseo-university.yml"] == "2024-03-05"
    # an uncommitted (untracked) file falls back to its sources
    (tmp_path / "data/institutions/hoseo-university.yml").rename(tmp_path / "data/institutions/moved.yml")
    assert "data/institutions/moved.yml" not in commit_dates(tmp_path)


def test_each_entry_page_links_its_json(site, atlas):
    for entry in atlas.all_entries():
        url = f"{FOLDERS[entry.type]}/{entry.slug}/"
        link = site.article(url).select_one(f'a[href$="data/{FOLDERS[entry.type]}/{entry.slug}.json"]')
        assert link is not None, url
        target = site.root / url / link["href"]
        record = json.loads(target.resolve().read_text(encoding="utf-8"))
        assert record["slug"] == entry.slug and record["type"] == entry.type
        assert record["citation"]["URL"] == canonical(site, url)


def test_citation_text_is_escaped_and_bibtex_special_characters_are_quoted():
    from atlas.export.publication import Publisher

    hostile = 'x</code></pre><script>alert(1)</script> {100%} & co_'
    cite = Citation(key="atlas-x", title=hostile, url="https://example.org/x/", updated="2025-01-02", lang="en")
    block = str(Publisher.block(None, cite.text(), "text"))
    assert "<script>" not in block and "&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;" in block
    bibtex = cite.bibtex()
    assert r"\{100\%\} \& co\_" in bibtex
    assert bibtex.count("{") - bibtex.count(r"\{") == bibtex.count("}") - bibtex.count(r"\}")
    assert cite.csl()["issued"] == {"date-parts": [[2025, 1, 2]]}
