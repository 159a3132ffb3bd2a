"""In a real browser (Debian's Chromium driven by Playwright, conftest's ``browser`` fixture): no
contributor input runs, and the site's own pages run under their Content-Security-Policy without a
single violation.

The site is served on 127.0.0.1 from inside the test; the browser may load nothing else.
"""
from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from hostile_corpus import HOSTILE_PAGES, hostile_site, site_pages  # noqa: F401 (a fixture)
from serving import chromium_page, csp_violations, serve_site

# Click every link and button of the article; only links to http(s) pages are kept from
# navigating (so the test stays on the page): anything else (javascript:, a bypass) would run.
CLICK_EVERYTHING = """() => {
  document.addEventListener('click', e => {
    const a = e.target.closest('a[href]');
    if (a && (a.protocol === 'http:' || a.protocol === 'https:')) e.preventDefault();
  }, true);
  const targets = document.querySelectorAll('article a, article button, article summary, article input');
  // (an <a> inside an inline SVG drawing has no click(): it gets the same click event, as a reader's)
  targets.forEach(t => t.click ? t.click() : t.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true})));
  return targets.length;
}"""


def _served_title(site, url: str) -> str:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").title.get_text()


def test_no_hostile_input_runs_script(browser, hostile_site):
    """Every page of the site built from the hostile corpus, opened and clicked through: nothing runs,
    nothing navigates, the titles are the ones written, and no page raises a CSP violation (the site's
    own code needs none, and no injected script reached a page for the policy to block)."""
    pages = site_pages(hostile_site)
    assert set(HOSTILE_PAGES) <= set(pages) and any(url.startswith("maps/") for url in pages)
    violations = []
    with serve_site(hostile_site) as base, chromium_page(browser, base) as page:
        for url in pages:
            page.goto(base + url, wait_until="load")
            clicked = page.evaluate(CLICK_EVERYTHING)
            page.wait_for_timeout(150)
            if url in HOSTILE_PAGES:
                assert clicked > 0, url
            assert page.url.startswith(base + url), f"{url}: navigated away to {page.url}"
            assert page.evaluate("window.__pwned") is None, url
            assert page.title() == _served_title(hostile_site, url), url
            assert page.title() != "pwned"
            if not url.startswith(("maps/", "embed/", "en/embed/")):  # (maps and charts' embeds: no theme)
                # the theme's set-up scripts (files of the site, no longer inline) did run
                assert page.evaluate("typeof __md_get") == "function", url
            violations += [[url] + v for v in csp_violations(page)]
        assert page.dialogs == []
    assert violations == []


def test_the_policy_blocks_script_injected_into_a_built_page(browser, hostile_site, tmp_path):
    """Should markup ever get past the escaping and the sanitiser, the CSP still stops it."""
    site = tmp_path / "site"
    shutil.copytree(hostile_site, site)
    page_file = site / "regions/asan/index.html"
    html = page_file.read_text(encoding="utf-8")
    assert 'http-equiv="Content-Security-Policy"' in html
    injected = ('<script>window.__pwned = "inline"; alert("inline")</script>'
                '<img src="nothing.png" onerror="window.__pwned = \'handler\'">'
                '<a id="js-link" href="javascript:window.__pwned=\'link\'">x</a>')
    page_file.write_text(html.replace("<article", injected + "<article", 1), encoding="utf-8")
    with serve_site(site) as base, chromium_page(browser, base) as page:
        page.goto(base + "regions/asan/", wait_until="load")
        page.click("#js-link")
        page.wait_for_timeout(300)
        assert page.evaluate("window.__pwned") is None
        assert page.dialogs == []
        # the inline script, the event handler and the javascript: link: each refused as "inline"
        refused = [(v[1], v[2]) for v in csp_violations(page) if v[0] != "console"]
        assert sorted(refused) == [("script-src-attr", "inline"), ("script-src-elem", "inline"),
                                   ("script-src-elem", "inline")], refused


REAL_PAGES = ["", "regions/", "regions/asan/", "regions/daedeok/", "institutions/kaist/", "events/",
              "events/asan-a-tech-forum-2025/", "programmes/", "sources/", "about/", "en/", "en/regions/asan/",
              "404.html"]


def test_the_real_site_satisfies_its_own_policy(browser, site):
    """Every kind of page of the real site, maps and search included, runs without a CSP violation."""
    with serve_site(site.root) as base, chromium_page(browser, base) as page:
        for url in REAL_PAGES:
            if not site.exists(url):
                pytest.fail(f"no page /{url}")
            page.goto(base + url, wait_until="load")
            page.wait_for_timeout(300)  # maps are lazy-loaded frames
            assert page.evaluate("typeof __md_get") == "function", url
        # search: the worker script and the index it fetches are allowed (worker-src, connect-src)
        page.goto(base, wait_until="load")
        page.fill("input.md-search__input", "아산")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        violations = csp_violations(page)
        assert violations == [], violations
        assert page.dialogs == []
