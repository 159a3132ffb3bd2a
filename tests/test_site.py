"""The real site, built from data/, read back as HTML: pages, cross-links, backlinks, sources."""
from __future__ import annotations

import posixpath
import unicodedata
from urllib.parse import unquote, urlsplit

import pytest

from atlas.models import FOLDERS


def entry_url(entry_type: str, slug: str) -> str:
    return f"{FOLDERS[entry_type]}/{slug}/"


def links_from(site, url: str) -> set[str]:
    """Site-relative URLs of every internal link on a page (fragments dropped)."""
    base = url if url.endswith("/") or url == "" else posixpath.dirname(url) + "/"
    out = set()
    for a in site.soup(url).select("article a[href]"):
        href = a["href"]
        parts = urlsplit(href)
        if parts.scheme or href.startswith("#") or href.startswith("mailto:"):
            continue
        target = posixpath.normpath(posixpath.join("/" + base, unquote(parts.path)))
        out.add(target.lstrip("/") + ("/" if parts.path.endswith("/") else ""))
    return out


def test_every_entry_has_its_page(site, atlas):
    missing = [
        entry_url(entry.type, entry.slug)
        for entry in atlas.all_entries()
        if not site.exists(entry_url(entry.type, entry.slug))
    ]
    assert not missing


@pytest.mark.parametrize("url", ["", "regions/", "institutions/", "events/", "programmes/", "sources/", "industries/", "about/"])
def test_index_pages_exist(site, url):
    assert site.soup(url).select_one("article h1")


def test_readable_stable_urls(site):
    for url in ["regions/asan/", "regions/ansan-science-valley/", "regions/daedeok/", "regions/chungcheong-union/",
                "institutions/kaist/", "institutions/hoseo-university/", "events/asan-a-tech-forum-2025/"]:
        assert site.exists(url), url


def test_every_internal_link_resolves(site):
    broken = []
    for path in site.html_pages():
        url = path.relative_to(site.root).as_posix()
        for target in links_from(site, url):
            if not site.exists(target):
                broken.append(f"/{url} → /{target}")
    assert not broken


def test_entry_titles_are_their_korean_names(site, atlas):
    for region in atlas.regions.values():
        h1 = site.article(entry_url("region", region.slug)).select_one("h1")
        assert h1.get_text(strip=True).rstrip("¶") == region.name.ko
        if region.name.en:
            assert region.name.en in site.article(entry_url("region", region.slug)).get_text()


def test_event_participants_and_venue_are_linked_both_ways(site, atlas):
    for event in atlas.events.values():
        event_url = entry_url("event", event.slug)
        from_event = links_from(site, event_url)
        named = {p.institution for p in event.participants} | ({event.venue} if event.venue else set())
        for inst in named:
            inst_url = entry_url("institution", inst)
            assert inst_url in from_event, f"{event_url} does not link {inst_url}"
            assert event_url in links_from(site, inst_url), f"{inst_url} does not link back to {event_url}"


def test_regions_list_their_institutions_children_events_and_programmes(site, atlas):
    for region in atlas.regions.values():
        url = entry_url("region", region.slug)
        links = links_from(site, url)
        for inst in atlas.region_tree_institutions(region.slug):
            assert entry_url("institution", inst) in links, (url, inst)
        for child in atlas.children.get(region.slug, []):
            assert entry_url("region", child) in links, (url, child)
            assert url in links_from(site, entry_url("region", child)), (child, "does not link its parent")
        for event in atlas.region_tree_events(region.slug):
            assert entry_url("event", event.slug) in links, (url, event.slug)
        for prog in atlas.region_tree_programmes(region.slug):
            assert entry_url("programme", prog) in links, (url, prog)


def test_institution_profiles_list_regions_and_programmes(site, atlas):
    for inst in atlas.institutions.values():
        url = entry_url("institution", inst.slug)
        links = links_from(site, url)
        for region in inst.regions:
            assert entry_url("region", region) in links
        for prog in atlas.institution_programmes.get(inst.slug, []):
            assert entry_url("programme", prog) in links
        for member, _ in atlas.institution_members.get(inst.slug, []):
            assert entry_url("institution", member) in links


def test_region_events_are_in_date_order(site, atlas):
    for region in atlas.regions.values():
        article = site.article(entry_url("region", region.slug))
        heading = article.select_one("h2#events")
        items = heading.find_next_sibling("ul")
        dates = [li.get_text().split(" · ")[0] for li in items.select("li")] if items else []
        assert dates == sorted(dates)


def test_every_entry_page_shows_its_sources(site, atlas):
    for entry in atlas.all_entries():
        if entry.type in ("source", "industry"):
            continue
        url = entry_url(entry.type, entry.slug)
        article = site.article(url)
        section = article.select_one("h2#sources")
        assert section is not None, f"{url} has no sources section"
        cited = {a["href"] for a in article.select("div.footnote a[href]") if "sources/" in a["href"]}
        links = links_from(site, url)
        for source in entry.sources:
            assert entry_url("source", source) in links, f"{url} does not cite {source}"
        assert cited, f"{url} shows no source"


def test_statements_carry_footnote_citations(site, atlas):
    """Facts (targets, outcomes, participations) each carry a footnote marker."""
    for prog in atlas.programmes.values():
        article = site.article(entry_url("programme", prog.slug))
        rows = article.select("h2#targets + table tbody tr")
        assert len(rows) == len(prog.targets)
        for row in rows:
            assert row.select_one("sup a.footnote-ref"), row
    for event in atlas.events.values():
        article = site.article(entry_url("event", event.slug))
        for li in article.select("h2#outcomes + ul > li"):
            assert li.select_one("sup a.footnote-ref"), li


def test_source_pages_list_what_cites_them(site, atlas):
    for source in atlas.sources.values():
        links = links_from(site, entry_url("source", source.slug))
        for slug in atlas.source_citations.get(source.slug, []):
            entry = atlas.get(slug)
            assert entry_url(entry.type, slug) in links


def test_institutions_index_is_grouped_by_type(site, atlas):
    article = site.article("institutions/")
    kinds = {inst.kind for inst in atlas.institutions.values()}
    for kind in kinds:
        heading = article.select_one(f"h2#{kind}")
        assert heading is not None, kind
        listed = {a["href"].strip("/").split("/")[-1] for a in heading.find_next_sibling("ul").select("li > a:first-child")}
        expected = {inst.slug for inst in atlas.institutions.values() if inst.kind == kind}
        assert listed == expected


def test_timeline_lists_every_event_in_date_order(site, atlas):
    article = site.article("events/")
    items = article.select("li")
    dates = [li.get_text().split(" · ")[0] for li in items]
    assert len(items) == len(atlas.events)
    assert dates == sorted(dates)


def test_home_shows_clusters_and_latest_events(site, atlas):
    links = links_from(site, "")
    for slug in ("asan", "ansan-science-valley", "daedeok", "chungcheong-union"):
        assert f"regions/{slug}/" in links
    latest = max(atlas.events.values(), key=lambda e: (e.date, e.slug))
    assert f"events/{latest.slug}/" in links


def test_text_is_nfc(site):
    for path in site.html_pages():
        text = path.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text, path


def test_no_page_loads_third_party_fonts_or_scripts(site):
    for path in site.html_pages():
        soup = site.soup(path.relative_to(site.root).as_posix())
        for tag in soup.select("script[src], link[href]"):
            ref = tag.get("src") or tag.get("href")
            if tag.name == "link" and {"canonical", "alternate"} & set(tag.get("rel") or []):
                continue  # links to this site's own pages under site_url (absolute), nothing loaded
            assert not urlsplit(ref).scheme, f"{path}: {ref}"
