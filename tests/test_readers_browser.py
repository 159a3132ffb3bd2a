"""What a reader does in a browser: switch language, filter the timeline, search in English."""
from __future__ import annotations


def test_language_switch_in_the_browser(browser, served_site, screenshot_dir):
    page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    page.goto(served_site + "regions/daedeok/")
    assert page.locator("html").get_attribute("lang") == "ko"
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_url("**/en/regions/daedeok/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("article h1").inner_text().startswith("Daedeok")
    page.screenshot(path=str(screenshot_dir / "en-daedeok-phone.png"), full_page=True)
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=ko]").click()
    page.wait_for_url("**/regions/daedeok/")
    assert page.locator("html").get_attribute("lang") == "ko"
    page.close()


def test_timeline_filters_by_region_and_industry(browser, served_site, atlas, screenshot_dir):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served_site + "events/")
    page.wait_for_selector("#atlas-filter-region")
    visible = lambda: page.locator("article li:visible").count()  # noqa: E731
    assert visible() == len(atlas.events)

    page.select_option("#atlas-filter-region", "chungcheong-union")  # includes Daejeon, Asan, ...
    expected = {e.slug for e in atlas.region_tree_events("chungcheong-union")}
    assert visible() == len(expected) < len(atlas.events)
    page.select_option("#atlas-filter-region", "ansan-science-valley")
    expected = {e.slug for e in atlas.region_tree_events("ansan-science-valley")}
    shown = page.eval_on_selector_all("article li:not([hidden]) a[href*='/'] >> nth=0", "els => els.length")
    assert visible() == len(expected)
    assert shown is not None

    page.select_option("#atlas-filter-region", "")
    page.select_option("#atlas-filter-industry", "sensors")
    expected = {e.slug for e in atlas.events.values() if "sensors" in e.industries}
    assert visible() == len(expected) > 0
    assert page.locator("#atlas-filter-status").inner_text().startswith(str(len(expected)))
    page.screenshot(path=str(screenshot_dir / "timeline-filtered.png"), full_page=True)
    page.close()


def test_english_search_finds_english_pages(browser, served_site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served_site + "en/")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("nanofab")
    box.press("End")
    page.wait_for_selector("ol.md-search-result__list > li")
    first = page.locator("ol.md-search-result__list > li a.md-search-result__link").first.get_attribute("href")
    assert "en/institutions/nnfc/" in first
    page.close()
