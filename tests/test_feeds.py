"""Atom feeds of events (whole atlas, one per region), read by a real feed parser."""
from __future__ import annotations

import pytest

feedparser = pytest.importorskip("feedparser")


def site_base(site) -> str:
    return site.soup("").select_one('link[rel="canonical"]')["href"]


def parse(site, path: str):
    raw = (site.root / path).read_bytes()
    feed = feedparser.parse(raw)
    assert feed.bozo == 0, (path, feed.get("bozo_exception"))
    assert feed.version == "atom10"
    return feed


def check_entries(site, feed, events):
    base = site_base(site)
    assert [e.link for e in feed.entries] == [
        f"{base}{'en/' if feed.feed.get('language') == 'en' else ''}events/{ev.slug}/"
        for ev in sorted(events, key=lambda e: (e.date, e.slug), reverse=True)
    ]
    for entry, event in zip(feed.entries, sorted(events, key=lambda e: (e.date, e.slug), reverse=True)):
        assert entry.id.startswith("urn:uuid:") and entry.title and entry.updated and entry.published
        assert entry.published.startswith(event.date)
        assert entry.updated >= entry.published
        assert site.exists(entry.link[len(base):]), entry.link
    if feed.entries:
        assert feed.feed.updated == max(e.updated for e in feed.entries)  # the data's date, not the clock


def test_atlas_feed(site, atlas):
    feed = parse(site, "feeds/events.xml")
    assert feed.feed.title and feed.feed.id
    assert len(feed.entries) == len(atlas.events)
    check_entries(site, feed, list(atlas.events.values()))
    assert feed.entries[0].title == max(atlas.events.values(), key=lambda e: (e.date, e.slug)).name.ko
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    assert self_link == site_base(site) + "feeds/events.xml"


def test_region_feeds_hold_the_events_of_the_region_and_its_subregions(site, atlas):
    for slug in atlas.regions:
        feed = parse(site, f"feeds/regions/{slug}.xml")
        check_entries(site, feed, atlas.region_tree_events(slug))
    union = parse(site, "feeds/regions/chungcheong-union.xml")
    daejeon = {e.link for e in parse(site, "feeds/regions/daejeon.xml").entries}
    assert daejeon and daejeon <= {e.link for e in union.entries}


def test_english_feeds(site, atlas):
    feed = parse(site, "en/feeds/events.xml")
    assert feed.feed.language == "en"
    kaist_events = [e for e in atlas.events.values() if e.name.en]
    assert {e.name.en for e in kaist_events} <= {e.title for e in feed.entries}
    check_entries(site, feed, list(atlas.events.values()))


@pytest.mark.parametrize("url", ["", "events/", "regions/asan/", "institutions/kaist/", "about/", "en/", "en/regions/asan/"])
def test_pages_link_their_feeds(site, url):
    links = site.soup(url).select('head link[rel="alternate"][type="application/atom+xml"]')
    page_dir = site.path(url).parent
    targets = [(page_dir / link["href"]).resolve() for link in links]
    assert all(t.is_file() for t in targets), targets
    prefix = "en/" if url.startswith("en/") else ""
    assert (site.root / f"{prefix}feeds/events.xml").resolve() in targets
    if "regions/asan/" in url:
        assert (site.root / f"{prefix}feeds/regions/asan.xml").resolve() in targets
