"""Maps that work on phones (issue 13), in a real browser at phone size (390×844) and on a desktop.

Debian's chromium (driven by Playwright) opens the built site served locally and measures what a
reader sees: the legend's share of the map, folded and open; the attribution clear of the scale
bar; markers that would hide each other spread apart, each opening its own popup; the legend's
rows filtering markers by type; labels on the overview; a full-screen control on every map; the
list beside a map and its markers pointing at each other; a region's map embedded in another site
(another origin), working and light. Screenshots go to the folder `screenshot_dir` prints.
"""
from __future__ import annotations

import sys
import time

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from serving import serve_site
from test_browser_maps import map_frame, markers_drawn, open_page

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
#: the legend's largest share of the map: folded (the issue's bound), open (half its width × half its height)
LEGEND_FOLDED, LEGEND_OPEN = 0.10, 0.25
#: an embed's first load, gzip bytes, without the basemap's tiles (maps/geo/tiles/)
EMBED_BUDGET = 60_000

RECT = "e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; }"


def box(locator) -> list[float]:
    return locator.evaluate(RECT)


def area(r) -> float:
    return max(0.0, r[2] - r[0]) * max(0.0, r[3] - r[1])


def common(a, b) -> float:
    """The area two boxes share."""
    return area([max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])])


def wait_for(frame, script: str, arg=None, timeout: float = 10.0):
    """Poll ``script`` in the frame until it is truthy (the pages' CSP forbids wait_for_function's eval)."""
    deadline = time.monotonic() + timeout
    while True:
        value = frame.evaluate(script, arg)
        if value:
            return value
        assert time.monotonic() < deadline, f"still false after {timeout} s: {script} ({arg})"
        time.sleep(0.05)


def the_map(frame) -> str:
    """The name of the map's Leaflet object (a global of the map's script)."""
    return frame.evaluate("document.querySelector('.folium-map').id")


def marker_boxes(frame) -> dict[str, list[float]]:
    """Each marker's icon on the screen, by slug."""
    return frame.evaluate("() => Object.fromEntries([...document.querySelectorAll('.atlas-marker[data-slug]')].map(e => {"
                          " const b = e.getBoundingClientRect(); return [e.dataset.slug, [b.left, b.top, b.right, b.bottom]]; }))")


def closed_popups(frame) -> None:
    for button in frame.locator(".leaflet-popup-close-button").all():
        button.click()
    wait_for(frame, "() => !document.querySelector('.leaflet-popup')")


# -- 1. the legend -----------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["regions/chungcheong-union/", "regions/asan/", ""])
def test_the_legend_folds_away_on_phones_and_stays_in_a_corner(browser, served_site, screenshot_dir, url):
    name = url.strip("/").replace("/", "-") or "home"
    shares = {}
    for viewport, size in VIEWPORTS.items():
        context, page = open_page(browser, served_site, viewport=size)
        try:
            page.goto(served_site + url)
            frame_element, frame = map_frame(page)
            whole = box(frame.locator(".leaflet-container"))
            legend = frame.locator(".atlas-legend")
            toggle = legend.get_by_role("button", name="범례", exact=True)  # the button's accessible name
            folded_at_first = viewport == "phone"  # a small map starts folded, a desktop's open
            assert toggle.get_attribute("aria-expanded") == str(not folded_at_first).lower(), viewport
            if not folded_at_first:
                toggle.click()
            assert toggle.get_attribute("aria-expanded") == "false"
            assert not legend.locator("input[type=checkbox]").first.is_visible()
            shares[f"{viewport} folded"] = common(box(legend), whole) / area(whole)
            frame_element.screenshot(path=str(screenshot_dir / f"legend-{name}-{viewport}-folded.png"))
            toggle.focus()
            page.keyboard.press("Enter")  # from the keyboard
            assert toggle.get_attribute("aria-expanded") == "true"
            assert legend.locator("input[type=checkbox]").first.is_visible()
            shares[f"{viewport} open"] = common(box(legend), whole) / area(whole)
            frame_element.screenshot(path=str(screenshot_dir / f"legend-{name}-{viewport}-open.png"))
            assert not page.errors, page.errors
        finally:
            context.close()
    print(f"\nlegend's share of the map, /{url}: " + ", ".join(f"{k} {v:.1%}" for k, v in shares.items()))
    assert shares["phone folded"] <= LEGEND_FOLDED and shares["desktop folded"] <= LEGEND_FOLDED, shares
    assert shares["phone open"] <= LEGEND_OPEN + 1e-6 and shares["desktop open"] <= LEGEND_OPEN + 1e-6, shares


# -- 2. attribution and scale --------------------------------------------------------------------

@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_the_attribution_is_clear_of_the_scale_bar(browser, served_site, viewport):
    context, page = open_page(browser, served_site, viewport=VIEWPORTS[viewport])
    try:
        for url in ("regions/chungcheong-union/", "", "institutions/kaist/"):
            page.goto(served_site + url)
            _, frame = map_frame(page)
            whole = box(frame.locator(".leaflet-container"))
            credit, scale = box(frame.locator(".leaflet-control-attribution")), box(frame.locator(".leaflet-control-scale"))
            assert common(credit, scale) == 0, (url, viewport, credit, scale)
            for part in (credit, scale):  # both wholly on the map
                assert common(part, whole) == pytest.approx(area(part)), (url, viewport, part)
            assert "NGII" in frame.locator(".leaflet-control-attribution").inner_text()
            assert frame.locator(".leaflet-control-scale-line").count() == 1  # metric only
    finally:
        context.close()


# -- 3. markers spread apart ---------------------------------------------------------------------

def test_overlapping_markers_are_spread_apart_and_each_opens_its_own_popup(browser, served_site, screenshot_dir, atlas):
    """Asan's council is 50 m from its city hall: at the zoom a phone shows, their icons would hide
    each other. They stand on a ring with leader lines to their true places; zoomed in, apart."""
    pair = ("asan-city", "asan-city-council")
    context, page = open_page(browser, served_site, viewport=PHONE)
    try:
        page.goto(served_site + "regions/asan/")
        frame_element, frame = map_frame(page)
        boxes = marker_boxes(frame)
        assert set(pair) <= set(boxes)
        slugs = sorted(boxes)
        for i, a in enumerate(slugs):  # no icon covers another, these two included
            for b in slugs[i + 1:]:
                assert common(boxes[a], boxes[b]) == 0, (a, b, boxes[a], boxes[b])
        assert frame.locator(".leaflet-atlasLeaders-pane path").count() >= 2 * len(pair)  # a line and a dot each
        frame_element.screenshot(path=str(screenshot_dir / "spread-asan-phone.png"))
        for slug in pair:
            frame.locator(f'.atlas-marker[data-slug="{slug}"]').click()
            popup = frame.locator(".leaflet-popup-content .atlas-popup__name")
            popup.wait_for()
            assert popup.inner_text() == atlas.institutions[slug].name.ko
            frame_element.screenshot(path=str(screenshot_dir / f"spread-popup-{slug}.png"))
            closed_popups(frame)
        # zoomed in far enough, the two icons stand apart at their own places: no ring, no leader
        lat = sum(atlas.institutions[s].location.lat for s in pair) / 2
        lon = sum(atlas.institutions[s].location.lon for s in pair) / 2
        frame.evaluate("([map, lat, lon]) => window[map].setView([lat, lon], 18, {animate: false})",
                       [the_map(frame), lat, lon])
        wait_for(frame, "() => document.querySelectorAll('.leaflet-atlasLeaders-pane path').length === 0")
        boxes = marker_boxes(frame)
        assert common(boxes[pair[0]], boxes[pair[1]]) == 0
        frame.evaluate("map => window[map].setZoom(11, {animate: false})", the_map(frame))
        wait_for(frame, "() => document.querySelectorAll('.leaflet-atlasLeaders-pane path').length > 0")
        assert not page.errors, page.errors
    finally:
        context.close()


# -- 4. the type filter --------------------------------------------------------------------------

@pytest.mark.parametrize("slug, kind", [("asan", "legislature"), ("chungcheong-union", "government")])
def test_the_legend_rows_filter_markers_by_type(browser, served_site, screenshot_dir, atlas, slug, kind):
    from atlas.render.ui import vocab

    expected = sum(1 for s in atlas.region_tree_institutions(slug) if atlas.institutions[s].kind == kind)
    assert expected, (slug, kind)
    context, page = open_page(browser, served_site, viewport=PHONE)
    try:
        page.goto(served_site + f"regions/{slug}/")
        frame_element, frame = map_frame(page)
        before = markers_drawn(frame)
        frame.get_by_role("button", name="범례", exact=True).click()
        label = f"{vocab('institution_type', kind, 'ko')} ({expected})"
        switch = frame.get_by_role("checkbox", name=label)  # the row's name: its type and how many
        assert switch.is_checked()
        switch.focus()
        page.keyboard.press("Space")  # keyboard-accessible
        assert not switch.is_checked()
        wait_for(frame, "n => { const single = document.querySelectorAll('.atlas-marker[data-slug]').length;"
                 " const grouped = [...document.querySelectorAll('.marker-cluster span')]"
                 ".reduce((sum, s) => sum + Number(s.textContent), 0); return single + grouped === n; }",
                 before - expected)
        for inst in atlas.region_tree_institutions(slug):
            if atlas.institutions[inst].kind == kind:
                assert frame.locator(f'.atlas-marker[data-slug="{inst}"]').count() == 0
        frame_element.screenshot(path=str(screenshot_dir / f"filter-{slug}-without-{kind}.png"))
        page.keyboard.press("Space")
        assert switch.is_checked()
        wait_for(frame, "n => document.querySelectorAll('.atlas-marker[data-slug]').length + [...document"
                 ".querySelectorAll('.marker-cluster span')].reduce((s, e) => s + Number(e.textContent), 0) === n", before)
        assert not page.errors, page.errors
    finally:
        context.close()


# -- 5. labels on the overview -------------------------------------------------------------------

@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_the_overview_labels_its_points_without_clutter(browser, served_site, screenshot_dir, atlas, viewport):
    from atlas.maps.build import short_label

    clusters = sorted(slug for slug, region in atlas.regions.items() if region.is_cluster)
    context, page = open_page(browser, served_site, viewport=VIEWPORTS[viewport])
    try:
        page.goto(served_site)
        frame_element, frame = map_frame(page)
        for slug in clusters:  # unions look different from clusters
            kind = "union" if atlas.regions[slug].kind == "union" else "cluster"
            assert frame.locator(f'.atlas-marker--{kind}[data-slug="{slug}"]').count() == 1, slug
        labels = frame.locator(".atlas-label")
        texts = labels.all_inner_texts()
        assert sorted(texts) == sorted(short_label(atlas.regions[s], "ko") for s in clusters)
        shown = [box(label) for label in labels.all() if label.evaluate("e => getComputedStyle(e).visibility") == "visible"]
        markers = list(marker_boxes(frame).values())
        for i, a in enumerate(shown):  # no shown label covers another label or a marker
            assert all(common(a, b) == 0 for b in shown[i + 1:] + markers), (viewport, a)
        if viewport == "desktop":
            assert len(shown) == len(clusters)  # room for every label
        frame_element.screenshot(path=str(screenshot_dir / f"overview-labels-{viewport}.png"))
    finally:
        context.close()


# -- 6. full screen --------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["regions/asan/", "", "institutions/kaist/"])
def test_every_map_has_a_full_screen_control(browser, served_site, screenshot_dir, url):
    context, page = open_page(browser, served_site, viewport=PHONE)
    try:
        page.goto(served_site + url)
        frame_element, frame = map_frame(page)
        control = frame.get_by_role("button", name="전체 화면", exact=True)
        assert control.is_visible()
        control.click()
        wait_for(frame, "() => !!document.fullscreenElement")
        wait_for(frame, "w => document.querySelector('.leaflet-container').getBoundingClientRect().width === w",
                 PHONE["width"])  # the map takes the whole screen
        wait_for(frame, "() => document.querySelector('.atlas-fullscreen__button').getAttribute('aria-label')"
                 " === '전체 화면 끝내기'")
        assert frame.get_by_role("button", name="전체 화면 끝내기", exact=True).is_visible()
        page.screenshot(path=str(screenshot_dir / f"fullscreen-{url.strip('/').replace('/', '-') or 'home'}.png"))
        frame.get_by_role("button", name="전체 화면 끝내기", exact=True).click()
        wait_for(frame, "() => !document.fullscreenElement")
        assert not page.errors, page.errors
    finally:
        context.close()


# -- 7. the list beside the map and the markers ----------------------------------------------------

HIGHLIGHTED = "() => [...document.querySelectorAll('.atlas-marker--highlight')].map(e => e.dataset.slug || 'cluster')"


def test_the_list_beside_the_map_and_its_markers_point_at_each_other(browser, served_site, screenshot_dir, atlas):
    context, page = open_page(browser, served_site, viewport=PHONE)
    try:
        page.goto(served_site + "regions/asan/")
        frame_element, frame = map_frame(page)
        listed = page.locator('.atlas-map a[href$="institutions/asan-city-council/"]')
        listed.hover()  # pointing at a name in the list rings its marker
        assert wait_for(frame, HIGHLIGHTED) == ["asan-city-council"]
        page.mouse.move(0, 0)
        wait_for(frame, f"() => ({HIGHLIGHTED})().length === 0")
        listed.focus()  # and so does reaching it from the keyboard
        assert wait_for(frame, HIGHLIGHTED) == ["asan-city-council"]
        page.screenshot(path=str(screenshot_dir / "list-to-marker-phone.png"))
        listed.blur()
        wait_for(frame, f"() => ({HIGHLIGHTED})().length === 0")

        # choosing a marker marks its name in the page's list, and only its
        frame.locator('.atlas-marker[data-slug="hoseo-university"]').click()
        active = page.locator(".atlas-map a.atlas-map__link--active")
        wait_for(page, "() => document.querySelectorAll('.atlas-map a.atlas-map__link--active').length > 0")
        assert [a.endswith("institutions/hoseo-university/") for a in
                active.evaluate_all("ns => ns.map(n => n.getAttribute('href'))")] == [True]
        page.screenshot(path=str(screenshot_dir / "marker-to-list-phone.png"))

        # a message of the right origin but not of the fixed shape is ignored; markup in it is never used
        frame_handle = page.locator(".atlas-map iframe").element_handle()
        for message in ({"atlas": "map", "type": "highlight", "folder": "institutions",
                         "slug": "<img src=x onerror=alert(1)>"},
                        {"atlas": "map", "type": "highlight", "folder": "../etc", "slug": "asan-city"},
                        "<img src=x onerror=alert(1)>", None):
            page.evaluate("([f, m]) => f.contentWindow.postMessage(m, location.origin)", [frame_handle, message])
        page.wait_for_timeout(300)
        assert frame.evaluate(HIGHLIGHTED) == []
        assert not page.dialogs and not page.errors, (page.dialogs, page.errors)

        # markers grouped by the marker cluster: the group holding the entry is ringed
        page.goto(served_site + "regions/chungcheong-union/")
        frame_element, frame = map_frame(page)
        for slug in atlas.region_tree_institutions("chungcheong-union"):
            page.locator(f'.atlas-map a[href$="institutions/{slug}/"]').first.focus()
            ringed = wait_for(frame, HIGHLIGHTED)
            assert ringed in ([slug], ["cluster"]), (slug, ringed)
        frame_element.screenshot(path=str(screenshot_dir / "list-to-cluster-phone.png"))
        assert not page.errors, page.errors
    finally:
        context.close()


# -- 8. the embed, on another site ---------------------------------------------------------------

HOST_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A newsroom's article</title>
<script>window.received = []; addEventListener("message", e => window.received.push(e.data));</script>
</head><body style="max-width: 700px; margin: 0 auto; padding: 0 16px">
<h1>An article about Asan</h1><p>Some text before the map.</p>
{frame}
<p>Some text after the map.</p></body></html>
"""


def test_a_region_map_embeds_in_another_site_and_is_light(browser, site, tmp_path, screenshot_dir, atlas):
    sys.path.insert(0, str(ROOT / "bench"))
    from weight import _settle, _visit_of, serve  # what bench/weight.py measures, the same way

    soup = site.soup("regions/asan/")
    code = soup.select_one("details.atlas-share pre.atlas-code--embed code").get_text()
    published = soup.select_one('link[rel="canonical"]')["href"][: -len("regions/asan/")]
    with serve(site.root) as (base, log):
        (tmp_path / "article.html").write_text(HOST_PAGE.format(frame=code.replace(published, base)), encoding="utf-8")
        without_fullscreen = BeautifulSoup(code.replace(published, base), "html.parser").iframe
        del without_fullscreen["allowfullscreen"]
        (tmp_path / "plain.html").write_text(HOST_PAGE.format(frame=str(without_fullscreen)), encoding="utf-8")
        with serve_site(tmp_path) as host:  # another origin: another port
            assert host != base
            weights = {}
            for viewport, size in VIEWPORTS.items():
                context = browser.new_context(viewport=size)  # an empty cache: a first visit
                try:
                    page = context.new_page()
                    errors = []
                    page.on("pageerror", lambda error: errors.append(str(error)))
                    start = len(log)
                    page.goto(host + "article.html")
                    frame = page.locator("iframe").element_handle().content_frame()
                    frame.wait_for_selector(".leaflet-atlasOutline-pane path", state="attached", timeout=15000)
                    frame.wait_for_selector(".leaflet-atlasBaseLines-pane path", state="attached", timeout=15000)
                    _settle(page, log)
                    visit = _visit_of(site.root, log[start:])
                    tiles = sum(gz for path, gz in visit.files if path.startswith("/maps/geo/tiles/"))
                    weights[viewport] = (visit.gzip - tiles, visit.gzip, visit.requests)
                    page.screenshot(path=str(screenshot_dir / f"embed-asan-{viewport}.png"))

                    assert markers_drawn(frame) == len(atlas.region_tree_institutions("asan"))
                    credit = frame.locator(".leaflet-control-attribution a[target=_top]")  # the atlas, credited
                    assert credit.evaluate("a => a.href") == base + "regions/asan/"
                    assert "CC BY 4.0" in frame.locator(".leaflet-control-attribution").inner_text()
                    frame.locator('.atlas-marker[data-slug="hoseo-university"]').click()
                    popup_link = frame.locator(".leaflet-popup-content .atlas-popup__link a")
                    assert popup_link.get_attribute("target") == "_top"  # links open in the top window
                    assert popup_link.evaluate("a => a.href") == base + "institutions/hoseo-university/"
                    # the map tells nothing to another site, and takes no orders from it
                    page.evaluate("() => document.querySelector('iframe').contentWindow.postMessage({atlas: 'map', "
                                  "type: 'highlight', folder: 'institutions', slug: 'hoseo-university'}, '*')")
                    page.wait_for_timeout(300)
                    assert page.evaluate("window.received") == []
                    assert frame.evaluate(HIGHLIGHTED) == []
                    assert frame.get_by_role("button", name="전체 화면", exact=True).is_visible()
                    assert not errors, errors
                finally:
                    context.close()
            # a frame that may not go full screen: the control opens the map document itself
            context = browser.new_context(viewport=PHONE)
            try:
                page = context.new_page()
                page.goto(host + "plain.html")
                frame = page.locator("iframe").element_handle().content_frame()
                frame.wait_for_selector(".atlas-fullscreen a", state="attached", timeout=15000)
                control = frame.get_by_role("link", name="지도만 크게 보기")
                assert control.get_attribute("target") == "_top"
                assert control.evaluate("a => a.href") == base + "maps/regions/asan.html"
                control.click()
                page.wait_for_url(base + "maps/regions/asan.html")
            finally:
                context.close()
    print("\nembed of /regions/asan/, first load, gzip bytes without the basemap's tiles / with them (requests): "
          + "; ".join(f"{k} {w[0]:,} / {w[1]:,} ({w[2]})" for k, w in weights.items()))
    for viewport, (without_tiles, _, _) in weights.items():
        assert without_tiles <= EMBED_BUDGET, (viewport, without_tiles)
