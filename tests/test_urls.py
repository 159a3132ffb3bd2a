"""Links that never break: every URL in published-urls.txt is served, as a page or a redirect."""
from __future__ import annotations

import re
import shutil

import pytest

from atlas.export.published import LIST_FILE, entry_urls, missing, read_list, site_urls
from conftest import ROOT, build_site, copy_project, run_atlas

RENAMED_FROM, RENAMED_TO = "hoseo-university", "hoseo-university-asan"


def test_every_published_url_is_served(site):
    listed = read_list(ROOT / LIST_FILE)
    assert len(listed) > 200
    lost = missing(listed, site.root)
    assert not lost, f"published URLs no longer served (add redirect_from to the renamed entry): {lost}"


def test_the_list_covers_this_build(site):
    """Every page and download of the built site is listed (run `atlas urls --write` after adding pages),
    except the URLs of entries, which follow from their files: a contributor adds entries with YAML only."""
    from_entries = {url for path in (ROOT / "data").rglob("*.yml")
                    for url in entry_urls(path.relative_to(ROOT).as_posix())}
    unlisted = sorted(set(site_urls(site.root)) - set(read_list(ROOT / LIST_FILE)) - from_entries)
    assert not unlisted, f"run `atlas urls --write` to add: {unlisted[:20]}"


def test_every_url_an_entry_gives_is_served(site):
    for path in sorted((ROOT / "data").rglob("*.yml")):
        for url in entry_urls(path.relative_to(ROOT).as_posix()):
            assert site.exists(url) or (site.root / url.lstrip("/")).is_file(), url


def test_a_pull_request_may_not_drop_an_entry_of_its_base_branch(tmp_path):
    """`atlas urls --since REF`: an entry the base branch had keeps its addresses, listed or not."""
    import subprocess

    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    shutil.copy2(ROOT / LIST_FILE, project / LIST_FILE)
    new = project / "data/industries/url-check-industry.yml"
    new.write_text("slug: url-check-industry\ntype: industry\nname: {ko: 이차전지, en: Batteries}\n", encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run(git + command, cwd=project, check=True)
    new.unlink()  # the pull request deletes the entry, which the list never held
    result = run_atlas("urls", "--since", "HEAD", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "/industries/url-check-industry/" in result.stderr and "/data/industries/url-check-industry.json" in result.stderr


def test_the_list_is_sorted_one_url_per_line():
    listed = read_list(ROOT / LIST_FILE)
    assert listed == sorted(set(listed))
    assert all(url.startswith("/") and " " not in url for url in listed)
    for url in ("/", "/institutions/kaist/", "/en/institutions/kaist/", "/data/atlas.json",
                "/data/institutions/kaist.json", "/feeds/events.xml", "/feeds/regions/asan.xml", "/downloads/"):
        assert url in listed, url


def _rename(project, old: str, new: str, keep_redirect: bool) -> None:
    """Rename an entry's slug everywhere it is used, as a contributor would."""
    pattern = re.compile(rf"(?<![a-z0-9-]){re.escape(old)}(?![a-z0-9-])")
    for path in (project / "data").rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        if pattern.search(text):
            path.write_text(pattern.sub(new, text), encoding="utf-8")
    moved = project / "data/institutions" / f"{new}.yml"
    (project / "data/institutions" / f"{old}.yml").rename(moved)
    if keep_redirect:
        moved.write_text(moved.read_text(encoding="utf-8") + f"redirect_from: [{old}]\n", encoding="utf-8")


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    """The project with an entry renamed, built twice: without and with `redirect_from`."""
    out = {}
    for keep in (False, True):
        base = tmp_path_factory.mktemp("redirect" if keep else "no-redirect")
        (base / "project").mkdir()
        project = copy_project(base / "project")
        shutil.copy2(ROOT / LIST_FILE, project / LIST_FILE)
        _rename(project, RENAMED_FROM, RENAMED_TO, keep_redirect=keep)
        result = build_site(project, base / "site")
        assert result.returncode == 0, result.stdout + result.stderr
        out[keep] = (project, base / "site")
    return out


def test_rename_without_redirect_fails_naming_the_lost_urls(renamed):
    project, site_dir = renamed[False]
    result = run_atlas("urls", "--check", "--site-dir", str(site_dir), cwd=project)
    assert result.returncode == 1
    message = result.stdout + result.stderr
    for url in (f"/institutions/{RENAMED_FROM}/", f"/en/institutions/{RENAMED_FROM}/",
                f"/data/institutions/{RENAMED_FROM}.json"):
        assert url in message, message
    assert "redirect_from" in message
    # and `--write` refuses to paper over it
    before = (project / LIST_FILE).read_text(encoding="utf-8")
    assert run_atlas("urls", "--write", "--site-dir", str(site_dir), cwd=project).returncode == 1
    assert (project / LIST_FILE).read_text(encoding="utf-8") == before


def test_rename_with_redirect_keeps_every_url(renamed):
    project, site_dir = renamed[True]
    result = run_atlas("urls", "--check", "--site-dir", str(site_dir), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("prefix, lang", [("", "ko"), ("en/", "en")])
def test_old_url_is_a_redirect_page(renamed, prefix, lang):
    from bs4 import BeautifulSoup

    _, site_dir = renamed[True]
    old = site_dir / prefix / "institutions" / RENAMED_FROM / "index.html"
    soup = BeautifulSoup(old.read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == lang
    refresh = soup.select_one('meta[http-equiv="refresh"]')["content"]
    assert refresh == f"0; url=../{RENAMED_TO}/"
    canonical = soup.select_one('link[rel="canonical"]')["href"]
    assert re.match(rf"https?://.+/{prefix}institutions/{RENAMED_TO}/$", canonical), canonical
    assert soup.select_one(f'body a[href="../{RENAMED_TO}/"]'), "a visible link for readers"
    assert not soup.select("script")
    assert (site_dir / prefix / "institutions" / RENAMED_TO / "index.html").is_file()
    # the old JSON address still answers, with the entry under its new slug
    import json

    record = json.loads((site_dir / "data/institutions" / f"{RENAMED_FROM}.json").read_text(encoding="utf-8"))
    assert record["slug"] == RENAMED_TO and record["redirect_from"] == [RENAMED_FROM]


def test_browser_follows_the_redirect(renamed, browser):
    from serving import serve_site

    _, site_dir = renamed[True]
    with serve_site(site_dir) as base:
        page = browser.new_page()
        page.goto(base + f"institutions/{RENAMED_FROM}/")
        page.wait_for_url(f"**/institutions/{RENAMED_TO}/", timeout=10_000)
        assert page.locator("article h1").first.inner_text().startswith("호서대학교")
        page.close()
