"""Maps in a real browser: Debian's chromium (driven by Playwright) on the built site, served locally.

A reader opens a region page: the map in its frame draws the basemap, the region's outline
and a marker for every institution; a marker opens a popup whose link opens the profile in
the main window, not inside the frame. Nothing is fetched from another host. Screenshots
go to the folder the `screenshot_dir` fixture prints (set ATLAS_SCREENSHOTS to choose it).
"""
from __future__ import annotations

import json

import pytest

from conftest import ROOT, minimal_project, run_atlas
from serving import serve_site

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"



def open_page(browser, base: str, viewport: dict | None = None, **options):
    """A page that may load only ``base``; records page errors, dialogs and other hosts asked for."""
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 1000}, **options)
    elsewhere: list[str] = []

    def route(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.errors, page.dialogs, page.elsewhere = [], [], elsewhere
    # Content-Security-Policy violations, in the page and in the map's frame
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                         "e => window.__csp.push([e.effectiveDirective, e.blockedURI]));")
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    return context, page


def map_frame(page):
    frame_element = page.locator(".atlas-map iframe")
    frame_element.scroll_into_view_if_needed()
    frame = frame_element.element_handle().content_frame()
    frame.wait_for_selector(".leaflet-atlasOutline-pane path", state="attached", timeout=15000)
    frame.wait_for_selector(".leaflet-atlasBaseLines-pane path", state="attached", timeout=15000)
    frame.wait_for_timeout(500)  # let the marker cluster settle
    return frame_element, frame


def markers_drawn(frame) -> int:
    """Markers on the map, counting each marker in a cluster icon."""
    single = frame.locator(".atlas-marker[data-slug]").count()
    clustered = sum(int(text) for text in frame.locator(".marker-cluster span").all_inner_texts())
    return single + clustered


def test_region_map_draws_outline_and_markers_and_popups_open_profiles(browser, served_site, screenshot_dir, atlas):
    context, page = open_page(browser, served_site)
    try:
        page.goto(served_site + "regions/asan/")
        frame_element, frame = map_frame(page)
        assert frame.locator(".leaflet-atlasOutline-pane path").count() == 1
        assert frame.locator(".leaflet-atlasBase-pane path").count() >= 1  # land
        assert frame.locator(".leaflet-atlasBaseProvinces-pane path").count() >= 1
        assert markers_drawn(frame) == len(atlas.region_tree_institutions("asan"))
        assert frame.locator(".atlas-legend").is_visible()
        page.screenshot(path=str(screenshot_dir / "asan-page.png"))

        marker = frame.locator('.atlas-marker[data-slug="hoseo-university"]')
        assert marker.get_attribute("aria-label") == "호서대학교"
        marker.click()
        popup = frame.locator(".leaflet-popup-content")
        popup.wait_for()
        frame.wait_for_timeout(400)  # the popup fades in
        assert popup.locator(".atlas-popup__name").inner_text() == "호서대학교"
        link = popup.locator(".atlas-popup__link a")
        assert link.get_attribute("target") == "_top"
        frame_element.screenshot(path=str(screenshot_dir / "asan-map-popup.png"))

        link.click()
        page.wait_for_url(served_site + "institutions/hoseo-university/")
        assert page.locator("article h1").inner_text().rstrip("¶").strip() == "호서대학교"
        # the profile's own map shows the place
        _, frame = map_frame(page)
        frame.wait_for_selector('.atlas-marker[data-slug=""]', timeout=15000)
        page.screenshot(path=str(screenshot_dir / "hoseo-profile.png"))
        assert not [v for f in page.frames for v in f.evaluate("window.__csp || []")]
        assert not page.errors, page.errors
        assert not [url for url in page.elsewhere if "/maps/" in url or url.endswith((".js", ".css", ".woff2"))]
    finally:
        context.close()


@pytest.mark.parametrize("url, outlines", [("regions/chungcheong-union/", 7), ("", 4)])
def test_maps_with_many_outlines(browser, served_site, screenshot_dir, url, outlines):
    context, page = open_page(browser, served_site)
    try:
        page.goto(served_site + url)
        frame_element, frame = map_frame(page)
        frame.wait_for_function(f"document.querySelectorAll('.leaflet-overlay-pane path, .leaflet-atlasUnions-pane path, "
                                f".leaflet-atlasOutline-pane path, .leaflet-atlasChildren-pane path').length >= {outlines}")
        name = url.strip("/").replace("/", "-") or "home"
        frame_element.screenshot(path=str(screenshot_dir / f"{name}-map.png"))
        assert not page.errors, page.errors
    finally:
        context.close()


HOSTILE_NAME = "Quote\" 'apos' `tick` ${alert(1)} </b><i>tag</i> & end"


def test_hostile_name_is_inert_text_in_the_map(browser, tmp_path, screenshot_dir):
    project = minimal_project(tmp_path)
    inst = project / "data/institutions/hoseo-university.yml"
    inst.write_text(inst.read_text(encoding="utf-8").replace(
        "name: {ko: 호서대학교, en: Hoseo University}", "name: {ko: " + json.dumps(HOSTILE_NAME) + ", en: Hoseo}"),
        encoding="utf-8")
    result = run_atlas("build", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve_site(tmp_path / "site") as base:
        context, page = open_page(browser, base)
        try:
            page.goto(base + "regions/asan/")
            frame_element, frame = map_frame(page)
            marker = frame.locator('.atlas-marker[data-slug="hoseo-university"]')
            assert marker.get_attribute("title") == HOSTILE_NAME
            marker.click()
            popup = frame.locator(".leaflet-popup-content")
            popup.wait_for()
            frame.wait_for_timeout(400)  # the popup fades in
            assert popup.locator(".atlas-popup__name").inner_text() == HOSTILE_NAME
            assert popup.locator("i, b").count() == 0
            frame_element.screenshot(path=str(screenshot_dir / "hostile-name-popup.png"))
            assert not page.dialogs and not page.errors, (page.dialogs, page.errors)
        finally:
            context.close()


def test_map_documents_meet_wcag_and_work_from_the_keyboard(browser, served_site):
    """The map documents themselves (what the frame shows): axe-core finds no WCAG 2.1 A/AA
    violation, and a marker can be reached and opened with the keyboard."""
    context, page = open_page(browser, served_site, bypass_csp=True)  # to inject axe itself
    try:
        page.goto(served_site + "maps/regions/asan.html")
        page.wait_for_selector(".leaflet-atlasOutline-pane path", state="attached")
        marker = page.locator('.atlas-marker[data-slug="hoseo-university"]')
        marker.focus()
        page.keyboard.press("Enter")
        page.locator(".leaflet-popup-content .atlas-popup__name").wait_for()
        if AXE.exists():
            for url in ("maps/regions/asan.html", "maps/overview.html",
                        "maps/place.html?lat=36.73690&lon=127.07480&kind=university&r=asan&d=44200"):
                page.goto(served_site + url)
                page.wait_for_selector(".leaflet-atlasOutline-pane path", state="attached")
                page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
                result = page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: "
                                       "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})")
                assert not result["violations"], (url, [(v["id"], v["help"]) for v in result["violations"]])
        assert not page.errors, page.errors
    finally:
        context.close()
