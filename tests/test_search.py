"""Korean search: the query set typed into the site's search box, recall@5 reported.

The queries (tests/search/queries.yml) were written before the search was tuned.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from atlas.search import SEPARATOR, hangul_suffixes

QUERIES = yaml.safe_load((Path(__file__).parent / "search" / "queries.yml").read_text(encoding="utf-8"))
RECALL_TARGET = 0.9


def test_query_set_is_large_enough():
    assert len(QUERIES) >= 25


def test_index_splits_middle_dots_and_carries_compound_parts(site):
    import re

    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["separator"] == SEPARATOR
    assert re.split(SEPARATOR, "대전·세종·충북·충남") == ["대전", "세종", "충북", "충남"]
    kaist = next(d for d in index["docs"] if d["location"] == "institutions/kaist/")
    assert "기술원" in kaist["names"].split()          # 한국과학기술원 → …기술원
    assert {"과학기술원", "기술원"} <= hangul_suffixes("한국과학기술원")
    daedeok = next(d for d in index["docs"] if d["location"] == "regions/daedeok/")
    assert "대덕특구" in daedeok["names"].split()


def search(page, base: str, query: str) -> list[str]:
    """Type a query like a reader and return the result links, best first (site-relative)."""
    page.goto(base)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # mkdocs-material searches on key-up events; fill() alone sends none
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta'); "
        "return m && !/Initializing|초기화|Type to start/i.test(m.textContent) }",
        timeout=15000,
    )
    page.wait_for_timeout(150)
    hrefs = page.eval_on_selector_all(
        "ol.md-search-result__list > li > a.md-search-result__link",
        "els => els.map(e => e.getAttribute('href'))",
    )
    out = []
    for href in hrefs:
        target = href.replace(base, "").split("#")[0].split("?")[0]
        while target.startswith("./") or target.startswith("../"):
            target = target.split("/", 1)[1]
        if target not in out:
            out.append(target)
    return out


def test_korean_queries_find_expected_pages(browser, served_site, screenshot_dir):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    rows, total = [], 0.0
    for item in QUERIES:
        results = search(page, served_site, item["query"])[:5]
        hits = [e for e in item["expect"] if e in results]
        recall = len(hits) / len(item["expect"])
        total += recall
        rows.append(f"{recall:4.2f}  {item['query']:<14} → {', '.join(results) or '(nothing)'}")
    page.fill("input.md-search__input", "세종")
    page.press("input.md-search__input", "End")
    page.wait_for_timeout(500)
    page.screenshot(path=str(screenshot_dir / "search-sejong.png"))
    page.close()
    mean = total / len(QUERIES)
    report = "\n".join(rows) + f"\nrecall@5 = {mean:.3f} over {len(QUERIES)} queries"
    print("\n" + report)
    assert mean >= RECALL_TARGET, report


def test_search_index_loads_when_search_is_opened_not_with_every_page(browser, served_site):
    """The index holds the text of every page (megabytes on a national atlas): a page view does not
    download it, nor start the search worker; opening search does, and the query typed meanwhile
    is answered (partials/atlas_on_demand.html)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    try:
        page.goto(served_site + "regions/asan/", wait_until="networkidle")
        page.wait_for_timeout(500)
        assert not [url for url in asked if "search_index.json" in url or "/workers/search" in url], asked
        assert not [url for url in asked if url.endswith("/sitemap.xml")], asked  # none exists: not asked
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("호서대")
        box.press("End")
        page.wait_for_function(
            "() => document.querySelectorAll('ol.md-search-result__list > li').length > 0", timeout=15000)
        assert [url for url in asked if url.endswith("/search/search_index.json")]
        assert "hoseo-university" in page.inner_html("ol.md-search-result__list")
    finally:
        page.close()

    # arriving with ?q= (a shared search link) opens search at once
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(served_site + "?q=" + "호서대")
        page.wait_for_function(
            "() => document.querySelectorAll('ol.md-search-result__list > li').length > 0", timeout=15000)
    finally:
        page.close()


def test_indexes_written_while_pages_are_built_equal_those_written_at_the_end(site, atlas, tmp_path):
    """``mkdocs build`` hands each page's search documents to its helper process as the page is
    written (plugins/atlas_mkdocs/search_index.py: SearchFeed); ``mkdocs serve`` and one-core
    machines write the same documents at the end of the build. Both give the same bytes."""
    from atlas_mkdocs.i18n import SEARCH_INDEXES
    from atlas_mkdocs.search_index import write_indexes

    built = {path: (site.root / path).read_bytes() for path in SEARCH_INDEXES}
    assert not list(site.root.rglob("*.atlas-part"))  # the helper's files in the making: renamed
    documents, settings = [], None
    for path, data in built.items():
        index = json.loads(data)
        settings = settings or index["config"]
        assert index["config"] == settings
        prefix = path[: -len("search/search_index.json")]  # "" or "en/"
        for doc in index["docs"]:  # back as the search plugin collected them
            doc.pop("keywords", None)
            doc.pop("names", None)
            documents.append({**doc, "location": prefix + doc["location"]})
    assert len(documents) > 500

    write_indexes(documents, settings, atlas, str(tmp_path))
    for path, data in built.items():
        assert (tmp_path / path).read_bytes() == data, path
