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


def test_a_filtered_timeline_is_an_address_to_share(browser, served_site, atlas, screenshot_dir):
    """The timeline's filters live in the query (?region=…&industry=…&year=…): a filtered view can be
    shared, and back and forward step through the reader's choices."""
    everything = len(atlas.events)
    by_region = {slug: {e.slug for e in atlas.region_tree_events(slug)} for slug in atlas.regions}
    region = max((s for s, events in by_region.items() if 0 < len(events) < everything),
                 key=lambda s: (len(by_region[s]), s))
    in_region = by_region[region]
    year = min({atlas.events[s].date[:4] for s in in_region})
    in_both = {s for s in in_region if atlas.events[s].date.startswith(year)}
    phone = {"width": 390, "height": 844}

    page = browser.new_page(viewport=phone)
    page.goto(served_site + "events/")
    page.wait_for_selector("#atlas-filter-year")
    visible = lambda p: p.locator("article li:visible").count()  # noqa: E731
    assert visible(page) == everything
    page.select_option("#atlas-filter-region", region)
    assert page.url == f"{served_site}events/?region={region}" and visible(page) == len(in_region)
    page.select_option("#atlas-filter-year", year)
    shared = page.url
    assert shared == f"{served_site}events/?region={region}&year={year}" and visible(page) == len(in_both)
    page.go_back()
    page.wait_for_function("document.getElementById('atlas-filter-year').value === ''")
    assert page.url.endswith(f"?region={region}") and visible(page) == len(in_region)
    page.go_back()
    page.wait_for_function("document.getElementById('atlas-filter-region').value === ''")
    assert page.url == served_site + "events/" and visible(page) == everything
    page.go_forward()
    page.go_forward()
    page.wait_for_function(f"document.getElementById('atlas-filter-year').value === '{year}'")
    assert page.url == shared and visible(page) == len(in_both)
    page.close()

    reader = browser.new_context(viewport=phone)  # someone the address was sent to
    other = reader.new_page()
    other.goto(shared)
    other.wait_for_function(f"document.getElementById('atlas-filter-year').value === '{year}'")
    assert other.input_value("#atlas-filter-region") == region and visible(other) == len(in_both)
    assert other.locator("#atlas-filter-status").inner_text().startswith(str(len(in_both)))
    shown = {href.rstrip("/").rsplit("/", 1)[-1] for href in
             other.eval_on_selector_all("article li:not([hidden]) > a:first-of-type", "as => as.map(a => a.href)")}
    assert shown == in_both
    other.screenshot(path=str(screenshot_dir / "timeline-shared-address-phone.png"), full_page=True)
    # an address naming what the page does not offer shows everything, and writes nothing into the page
    other.goto(served_site + "en/events/?region=no-such-region&industry=%3Cimg%20src%3Dx%3E&year=1800")
    other.wait_for_selector("#atlas-filter-year")
    other.wait_for_function("document.getElementById('atlas-filter-status').textContent !== ''")
    assert [other.input_value(f"#atlas-filter-{n}") for n in ("region", "industry", "year")] == ["", "", ""]
    assert visible(other) == everything and other.locator("article img").count() == 0
    reader.close()
