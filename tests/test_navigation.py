"""Readers who arrive on an entry's page see where it belongs: a breadcrumb (section › parent › entry)
in both languages, the same trail in the page's JSON-LD, and the section's tab marked active.

The expected trails are written here from the rules (README, "For readers"), not taken from the library.
"""
from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, SoupStrainer

from atlas.models import FOLDERS
from atlas.render.sections import ActiveSection, section_index
from conftest import build_site, copy_project

SECTIONS = {  # the tabs of mkdocs.yml's nav and nav_en
    "ko": {"region": "지역", "institution": "기관", "event": "연표", "programme": "전략·계획", "source": "출처",
           "industry": "산업"},
    "en": {"region": "Regions", "institution": "Institutions", "event": "Timeline", "programme": "Programmes",
           "source": "Sources", "industry": "Industries"},
}
PREFIX = {"ko": "", "en": "en/"}


def name_of(entry, lang: str) -> tuple[str, str]:
    text = entry.title if entry.type == "source" else entry.name
    if lang == "en" and text.en:
        return " ".join(text.en.split()), "en"
    return " ".join(text.ko.split()), "ko"


def most_specific(atlas, slugs: list[str]) -> list[str]:
    """The first region named that contains none of the others named."""
    for slug in slugs:
        if not any(slug in atlas.ancestors(other) for other in slugs if other != slug):
            return [slug]
    return []


def expected_parents(atlas, entry) -> list[str]:
    if entry.type == "region":
        return atlas.ancestors(entry.slug)[::-1]
    if entry.type == "institution" and entry.parent:
        chain, parent = [], entry.parent
        while parent and parent not in chain:
            chain.insert(0, parent)
            parent = atlas.institutions[parent].parent
        return chain
    if entry.type == "event" and entry.part_of:
        return [entry.part_of]
    if entry.type in ("institution", "event", "programme"):
        return most_specific(atlas, entry.regions)
    return []


def expected_trail(atlas, entry, lang: str) -> list[tuple[str, str, str]]:
    """[(name, site path, language of the name)]: section, parents, the entry."""
    prefix = PREFIX[lang]
    out = [(SECTIONS[lang][entry.type], f"{prefix}{FOLDERS[entry.type]}/", lang)]
    for slug in expected_parents(atlas, entry) + [entry.slug]:
        other = atlas.get(slug)
        name, name_lang = name_of(other, lang)
        out.append((name, f"{prefix}{FOLDERS[other.type]}/{slug}/", name_lang))
    return out


def page_parts(site, url: str) -> BeautifulSoup:
    """Only what these tests read: the breadcrumb, the tabs and the JSON-LD (the pages are many)."""
    html = site.path(url).read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser", parse_only=SoupStrainer(["nav", "script"]))


def site_path(page_url: str, href: str) -> str:
    """The site path a link of the page at ``page_url`` (site-relative) leads to."""
    return urlsplit(urljoin("http://site/" + page_url, href)).path.lstrip("/")


def entry_urls(atlas):
    for entry in atlas.all_entries():
        for lang in ("ko", "en"):
            yield entry, lang, f"{PREFIX[lang]}{FOLDERS[entry.type]}/{entry.slug}/"


def test_every_entry_page_shows_its_trail_in_both_languages(site, atlas):
    checked = {"ko": 0, "en": 0}
    for entry, lang, url in entry_urls(atlas):
        soup = page_parts(site, url)
        navs = soup.select("nav.atlas-breadcrumb")
        assert len(navs) == 1, url
        nav = navs[0]
        assert nav["aria-label"] == ("현재 위치" if lang == "ko" else "Breadcrumb"), url
        links = nav.select("ol > li > a")
        shown = [(a.get_text(strip=True), site_path(url, a["href"]), a.get("lang", lang)) for a in links]
        assert shown == expected_trail(atlas, entry, lang), url
        current = nav.select("[aria-current]")
        assert current == [links[-1]] and current[0]["aria-current"] == "page", url
        for path in {p for _, p, _ in shown}:
            assert site.exists(path), f"{url}: the trail links to /{path}, which is not a page"
        checked[lang] += 1
    assert checked["ko"] == checked["en"] == len(atlas.all_entries()) > 0


def test_trails_follow_the_rules_on_the_bundled_data(site, atlas):
    """The rules at work on entries that exist today: chosen by what they are, not by name."""
    deep = [r for r in atlas.regions.values() if len(atlas.ancestors(r.slug)) >= 2]
    units = [i for i in atlas.institutions.values() if i.parent]
    nested = [e for e in atlas.events.values() if len(e.regions) > 1
              and any(a in e.regions for r in e.regions for a in atlas.ancestors(r)) and not e.part_of]
    assert deep and units and nested, "the bundled data has a deep region, a unit and an event in nested regions"
    region = deep[0]
    names = [a.get_text(strip=True) for a in page_parts(site, f"regions/{region.slug}/").select("nav.atlas-breadcrumb a")]
    assert names[1:-1] == [atlas.regions[s].name.ko for s in reversed(atlas.ancestors(region.slug))]
    unit = units[0]
    links = page_parts(site, f"en/institutions/{unit.slug}/").select("nav.atlas-breadcrumb a")
    assert links[-2]["href"] == f"../{unit.parent}/"  # the institution it is part of, not its region
    event = nested[0]
    inner = [r for r in event.regions if not any(r in atlas.ancestors(o) for o in event.regions if o != r)][0]
    links = page_parts(site, f"events/{event.slug}/").select("nav.atlas-breadcrumb a")
    assert links[1]["href"] == f"../../regions/{inner}/"  # its most specific region


def test_jsonld_breadcrumb_list_is_the_trail_on_the_page(site, atlas):
    root = site.soup("").select_one('link[rel="canonical"]')["href"]
    for entry, lang, url in entry_urls(atlas):
        soup = page_parts(site, url)
        [script] = soup.select('script[type="application/ld+json"]')
        graph = json.loads(script.string)["@graph"]
        [webpage] = [node for node in graph if node["@type"] == "WebPage"]
        crumbs = webpage["breadcrumb"]
        assert crumbs["@type"] == "BreadcrumbList", url
        items = crumbs["itemListElement"]
        assert [i["position"] for i in items] == list(range(1, len(items) + 1))
        assert all(i["@type"] == "ListItem" for i in items)
        shown = [(a.get_text(strip=True), root + site_path(url, a["href"]))
                 for a in soup.select("nav.atlas-breadcrumb a")]
        assert [(i["name"], i["item"]) for i in items] == shown, url
        assert items[-1]["item"] == webpage["url"] == root + url


def test_an_entry_pages_section_tab_is_active(site, atlas):
    for entry, lang, url in entry_urls(atlas):
        soup = page_parts(site, url)
        active = soup.select("li.md-tabs__item--active")
        assert len(active) == 1, url
        link = active[0].select_one("a.md-tabs__link")
        assert site_path(url, link["href"]) == f"{PREFIX[lang]}{FOLDERS[entry.type]}/", url
        assert link.get_text(strip=True) == SECTIONS[lang][entry.type]  # the breadcrumb's first step
    # pages in the navigation keep the theme's own marking, and a page outside every section has none
    for url, tab in (("regions/", "지역"), ("en/events/", "Timeline"), ("", "처음")):
        active = page_parts(site, url).select("li.md-tabs__item--active")
        assert [li.get_text(strip=True) for li in active] == [tab]
    assert not page_parts(site, "404.html").select("li.md-tabs__item--active")


def test_only_entry_pages_have_a_breadcrumb(site):
    for url in ("", "en/", "regions/", "en/events/", "downloads/", "about/", "404.html"):
        assert not page_parts(site, url).select("nav.atlas-breadcrumb"), url


# -- the library's part, without MkDocs ------------------------------------------------------------

class _Page:
    def __init__(self, src_uri: str):
        self.file = type("File", (), {"src_uri": src_uri})()
        self.active = False


class _Nav:
    def __init__(self, *uris: str):
        self.pages = [_Page(u) for u in uris]


@pytest.mark.parametrize("src_uri, index", [
    ("regions/asan.md", "regions/index.md"), ("en/events/x-2025.md", "en/events/index.md"),
    ("industries/ai.md", "industries/index.md"), ("regions/index.md", None), ("index.md", None),
    ("about.md", None), ("en/about.md", None), ("reports/plan.md", None), ("de/regions/asan.md", None),
    ("regions/sub/asan.md", None), ("regions/asan.pdf", None),
])
def test_section_index_of_a_page(src_uri, index):
    assert section_index(src_uri) == index


def test_active_section_marks_one_section_at_a_time():
    korean, english = _Nav("index.md", "regions/index.md", "events/index.md"), _Nav("en/regions/index.md")
    sections = ActiveSection([korean, english, None])
    assert sections.mark("regions/asan.md") is korean.pages[1] and korean.pages[1].active
    sections.mark("en/regions/asan.md")  # the previous mark is cleared
    assert english.pages[0].active and not korean.pages[1].active
    assert sections.mark("programmes/x.md") is None and not english.pages[0].active  # no such section
    sections.mark("events/x.md")
    sections.clear()
    assert not any(p.active for nav in (korean, english) for p in nav.pages)


# -- contributor text on a trail stays text ----------------------------------------------------------

HOSTILE = '</script><b class="injected">bold</b> & "quotes" <!--'


def test_a_hostile_name_on_a_trail_stays_text(tmp_path, atlas):
    child = next(r for r in atlas.regions.values() if r.parent)
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    parent_file = project / "data" / "regions" / f"{child.parent}.yml"
    text = parent_file.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^(name:\s*\n\s+ko:).*$", lambda m: m[1] + " " + json.dumps(HOSTILE), text, count=1)
    if not count:
        text, count = re.subn(r"(?m)^name:\s*\{ko:[^,}]*", lambda m: "name: {ko: " + json.dumps(HOSTILE), text, count=1)
    assert count == 1, "the parent region's Korean name was found"
    parent_file.write_text(text, encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "regions" / child.slug / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    names = [a.get_text() for a in soup.select("nav.atlas-breadcrumb a")]
    assert HOSTILE in names  # shown as written, as text
    assert not soup.select("b.injected")
    raw = soup.select_one('script[type="application/ld+json"]').string
    assert "<" not in raw and ">" not in raw
    crumbs = next(n for n in json.loads(raw)["@graph"] if n["@type"] == "WebPage")["breadcrumb"]
    assert HOSTILE in [item["name"] for item in crumbs["itemListElement"]]
