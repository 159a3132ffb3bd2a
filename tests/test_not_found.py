"""The 404 page: one file (/404.html, which GitHub Pages serves for any missing address, at any depth),
in Korean and in English, with a working search and links to the main pages."""
from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from conftest import minimal_project, run_atlas
from serving import chromium_page, csp_violations, serve_site

MISSING = {"ko": "regions/no-such-region/deeper/still/", "en": "en/institutions/no-such/page.html"}
QUERY = {"ko": ("아산", "regions/asan/"), "en": ("nanofab", "en/institutions/nnfc/")}


def root_path(site) -> str:
    """The path of site_url (the site's root on its host): every address on the 404 page starts there."""
    return urlsplit(site.soup("").select_one('link[rel="canonical"]')["href"]).path


def test_the_404_page_has_both_languages_and_the_main_links_from_the_root(site):
    soup = site.soup("404.html")
    root = root_path(site)
    assert soup.html["lang"] == "ko"
    blocks = soup.select("article .atlas-404")
    assert [b["lang"] for b in blocks] == ["ko", "en"]  # Korean first; English on the same page
    title = soup.select_one("article h1")
    assert "페이지를 찾을 수 없습니다" in title.get_text() and "Page not found" in title.get_text()
    links = {b["lang"]: [a["href"] for a in b.select("ul a")] for b in blocks}
    for section in ("", "regions/", "institutions/", "events/"):  # home, the regions, the timeline …
        assert root + section in links["ko"]
        assert root + "en/" + section in links["en"]
    for lang, hrefs in links.items():
        for href in hrefs:
            assert site.exists(href[len(root):]), f"{lang}: {href} is not a page"
    assert all(b.select_one("button.atlas-404__search") for b in blocks)  # shown by the page's script
    # every address is from the root: the same file is served at /x/ and at /x/y/z/
    for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
        for element in soup.find_all(tag):
            value = element.get(attr)
            if value is not None:
                assert value.startswith((root, "http://", "https://")), f"<{tag} {attr}={value!r}> is relative"
    assert soup.find("script", src=root + "assets/javascripts/atlas-404.js")


@pytest.mark.parametrize("lang", sorted(MISSING))
def test_a_missing_address_at_any_depth_gets_the_404_page(site, served_site, lang):
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(served_site + MISSING[lang], timeout=10)
    assert answer.value.code == 404
    assert answer.value.read() == site.path("404.html").read_bytes()


@pytest.mark.parametrize("lang", sorted(MISSING))
def test_the_404_page_at_depth_in_the_browser_searches_in_the_readers_language(browser, served_site, screenshot_dir,
                                                                                 lang):
    with chromium_page(browser, served_site) as page:
        page.set_viewport_size({"width": 390, "height": 844})  # a phone: the search box is behind a button
        failed = []
        page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400
                and r.url != served_site + MISSING[lang] else None)
        page.goto(served_site + MISSING[lang])
        page.wait_for_load_state("load")
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("article .atlas-404").first.get_attribute("lang") == lang  # the reader's language first
        assert page.locator("article h1 > span").first.get_attribute("lang") == lang
        assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"  # the theme's CSS
        page.screenshot(path=str(screenshot_dir / f"404-{lang}-phone.png"), full_page=True)
        page.locator(f"#atlas-404-{lang} button.atlas-404__search").click()
        query, target = QUERY[lang]
        box = page.locator("input.md-search__input")
        box.fill(query)
        box.press("End")
        page.wait_for_selector("ol.md-search-result__list > li")
        first = page.locator("ol.md-search-result__list > li a.md-search-result__link").first
        assert urlsplit(first.get_attribute("href")).path == "/" + target
        page.screenshot(path=str(screenshot_dir / f"404-{lang}-search-phone.png"))
        first.click()
        page.wait_for_url(f"**/{target}**")
        assert page.locator("html").get_attribute("lang") == lang
        assert not failed, failed  # every stylesheet, script, search index and worker was found
        assert csp_violations(page) == []


def test_the_404_page_of_a_site_below_its_hosts_root(tmp_path, browser):
    """A GitHub Pages project site lives at https://<owner>.github.io/<repo>/: the 404 page's addresses
    start at /<repo>/, and English is told by /<repo>/en/."""
    project = minimal_project(tmp_path)
    www = tmp_path / "www"
    www.mkdir()
    built = run_atlas("build", "--site-dir", str(www / "atlas"), cwd=project,
                      env={"ATLAS_SITE_URL": "https://owner.github.io/atlas/", "SOURCE_DATE_EPOCH": "1763683200"})
    assert built.returncode == 0, built.stdout + built.stderr
    shutil.copy(www / "atlas" / "404.html", www / "404.html")  # what the host answers for a missing path
    html = (www / "404.html").read_text(encoding="utf-8")
    assert 'href="/atlas/regions/"' in html and 'href="/atlas/en/events/"' in html
    assert 'src="/atlas/assets/javascripts/atlas-404.js"' in html
    with serve_site(www) as base, chromium_page(browser, base) as page:
        page.goto(base + "atlas/en/regions/gone/")
        assert page.locator("html").get_attribute("lang") == "en"
        page.goto(base + "atlas/regions/gone/en/")  # "en" deeper in the path is not the English site
        assert page.locator("html").get_attribute("lang") == "ko"
        page.locator("#atlas-404-ko button.atlas-404__search").click()
        box = page.locator("input.md-search__input")
        box.fill("호서")
        box.press("End")
        page.wait_for_selector("ol.md-search-result__list > li")
        href = page.locator("ol.md-search-result__list > li a.md-search-result__link").first.get_attribute("href")
        assert urlsplit(href).path == "/atlas/institutions/hoseo-university/"
        assert csp_violations(page) == []
