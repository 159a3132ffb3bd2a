"""What keeps pages quick on a phone, checked on the built site (Lighthouse's scores are measured by the
benchmark, bench/lighthouse.py, not here: no timing in tests)."""
from __future__ import annotations

from bs4 import BeautifulSoup, SoupStrainer


def scripts_and_frames(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser", parse_only=SoupStrainer(["script", "iframe", "div"]))


def test_no_page_has_a_script_that_blocks_its_first_paint(site):
    """Every script a page loads is deferred (they run in the document's order once it is parsed)."""
    pages = [p for p in site.html_pages() if "maps" not in p.relative_to(site.root).parts]  # map documents: Folium's
    blocking = []
    for path in pages:
        for script in scripts_and_frames(path).find_all("script", src=True):
            if not (script.has_attr("defer") or script.has_attr("async") or script.get("type") == "module"):
                blocking.append(f"{path.relative_to(site.root)}: {script['src']}")
    assert len(pages) > 10 and not blocking, "\n".join(blocking[:20])


def test_the_sites_own_scripts_load_only_where_they_are_used(site):
    for path in site.html_pages():
        rel = path.relative_to(site.root).as_posix()
        if rel.startswith("maps/"):
            continue
        soup = scripts_and_frames(path)
        sources = {s["src"].rsplit("/", 1)[-1] for s in soup.find_all("script", src=True)}
        has_timeline = soup.find("div", id="atlas-timeline-filter") is not None
        has_map = soup.find("iframe", class_="atlas-map__frame") is not None
        assert ("atlas-timeline.js" in sources) == has_timeline, rel
        assert ("atlas-map-page.js" in sources) == has_map, rel
        assert ("atlas-404.js" in sources) == (rel == "404.html"), rel
    assert scripts_and_frames(site.path("events/")).find("div", id="atlas-timeline-filter")


def test_map_frames_have_their_height(site):
    """A frame without a height would push the text below it down when it loads (layout shift)."""
    frames = [(p, f) for p in site.html_pages() for f in scripts_and_frames(p).find_all("iframe")]
    assert frames
    for path, frame in frames:
        assert frame.get("height", "").isdigit() and int(frame["height"]) > 0, f"{path.relative_to(site.root)}: {frame}"
