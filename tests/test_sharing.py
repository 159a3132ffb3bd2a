"""Sharing: canonical URLs, Open Graph and Twitter cards, schema.org JSON-LD, the sitemap."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from atlas.models import FOLDERS
from conftest import minimal_project, run_atlas

# passes `atlas validate` (no opening <script>), yet would end a JSON-LD <script> if not escaped
HOSTILE = '</script><b class="injected">bold</b> & "quotes" <!--'


def base(site) -> str:
    return site.soup("").select_one('link[rel="canonical"]')["href"]


def jsonld(soup) -> dict:
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def graph(soup) -> dict:
    return {node["@type"]: node for node in jsonld(soup)["@graph"]}


def test_site_url_is_the_default_placeholder_or_the_environment(site):
    import os

    expected = os.environ.get("ATLAS_SITE_URL", "https://korea-innovation-atlas.example.org/")
    assert base(site) == expected.rstrip("/") + "/"


def test_entry_pages_have_canonical_open_graph_and_twitter_metadata(site, atlas):
    root = base(site)
    for entry in atlas.all_entries():
        for prefix in ("", "en/"):
            url = f"{prefix}{FOLDERS[entry.type]}/{entry.slug}/"
            soup = site.soup(url)
            meta = {m.get("property") or m.get("name"): m.get("content") for m in soup.select("head meta")}
            assert soup.select_one('link[rel="canonical"]')["href"] == root + url
            assert meta["og:url"] == root + url
            assert meta["og:type"] == "article" and meta["og:site_name"]
            assert meta["og:title"] and meta["og:description"] and meta["twitter:card"] == "summary"
            assert meta["og:locale"] == ("en_GB" if prefix else "ko_KR")


def test_region_jsonld_is_a_place(site, atlas):
    root = base(site)
    for slug, region in atlas.regions.items():
        nodes = graph(site.soup(f"regions/{slug}/"))
        place = nodes.get("Place") or nodes["AdministrativeArea"]
        assert place["name"] == region.name.ko and place["url"] == f"{root}regions/{slug}/"
        if region.parent:
            assert place["containedInPlace"]["url"] == f"{root}regions/{region.parent}/"
        if region.centre:
            assert place["geo"]["latitude"] == pytest.approx(region.centre.lat)
        assert nodes["WebPage"]["mainEntity"]["@id"] == place["@id"]


def test_institution_jsonld_is_an_organisation_of_the_right_kind(site, atlas):
    kaist = graph(site.soup("institutions/kaist/"))["CollegeOrUniversity"]
    assert kaist["name"] == "한국과학기술원" and "KAIST" in kaist["alternateName"]
    assert kaist["location"]["geo"]["longitude"] == pytest.approx(127.363)
    en = graph(site.soup("en/institutions/kaist/"))["CollegeOrUniversity"]
    assert en["name"] == "Korea Advanced Institute of Science and Technology"
    kinds = {"government": "GovernmentOrganization", "research-institute": "ResearchOrganization"}
    for slug, inst in atlas.institutions.items():
        if inst.kind in kinds:
            assert kinds[inst.kind] in graph(site.soup(f"institutions/{slug}/")), slug


def test_event_jsonld_has_date_location_and_organiser(site, atlas):
    root = base(site)
    for slug, event in atlas.events.items():
        node = graph(site.soup(f"events/{slug}/"))["Event"]
        assert node["startDate"] == event.date
        assert node["location"], slug
        organisers = {p.institution for p in event.participants if p.role in ("organiser", "host", "co-organiser")}
        assert {o["url"] for o in node.get("organizer", [])} == {f"{root}institutions/{s}/" for s in organisers}
        if event.venue:
            assert node["location"]["url"] == f"{root}institutions/{event.venue}/"


def test_home_is_a_website(site):
    node = jsonld(site.soup(""))
    assert node["@type"] == "WebSite" and node["url"] == base(site)


def test_sitemap_lists_every_page_with_its_last_change(site, atlas):
    root = base(site)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = ET.parse(site.root / "sitemap.xml")
    lastmod = {u.find("s:loc", ns).text: getattr(u.find("s:lastmod", ns), "text", None) for u in tree.findall("s:url", ns)}
    for entry in atlas.all_entries():
        for prefix in ("", "en/"):
            loc = f"{root}{prefix}{FOLDERS[entry.type]}/{entry.slug}/"
            assert loc in lastmod, loc
            text = site.article(f"{prefix}{FOLDERS[entry.type]}/{entry.slug}/").select_one("pre.atlas-cite-text").get_text()
            if lastmod[loc] is None:  # no date known (outside git, no source): none made up from the build
                assert not re.search(r"\d{4}-\d{2}", text), loc
            else:
                assert lastmod[loc] in text  # the same date as the citation's "last updated"
    assert f"{root}downloads/" in lastmod
    assert all(loc.startswith(root) for loc in lastmod)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The minimal project with contributor text trying to break out of the JSON-LD script,
    built under a site URL given by the environment (as the deploy workflow does)."""
    tmp = tmp_path_factory.mktemp("hostile")
    project = minimal_project(tmp)
    inst = project / "data/institutions/hoseo-university.yml"
    text = inst.read_text(encoding="utf-8")
    text = text.replace("description: {ko: 아산의 사립대학, en: A private university in Asan}",
                        "description: {ko: " + json.dumps(HOSTILE) + ", en: " + json.dumps(HOSTILE) + "}")
    assert json.dumps(HOSTILE) in text
    inst.write_text(text, encoding="utf-8")
    result = run_atlas("build", "--site-dir", str(tmp / "site"), cwd=project,
                       env={"ATLAS_SITE_URL": "https://news.example.com/atlas"})
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "site"


def test_jsonld_keeps_contributor_text_inert(hostile_site):
    html = (hostile_site / "institutions/hoseo-university/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    script = soup.select('script[type="application/ld+json"]')
    assert len(script) == 1
    raw = script[0].string
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "\\u003c/script\\u003e" in raw
    node = next(n for n in json.loads(raw)["@graph"] if n["@type"] == "CollegeOrUniversity")
    assert node["description"] == HOSTILE  # the text survives, as text
    assert not soup.select("b.injected")
    for selector in ('meta[property="og:description"]', 'meta[name="description"]', 'meta[name="twitter:description"]'):
        assert soup.select_one(selector)["content"] == HOSTILE  # escaped in the attribute, read back intact


def test_a_description_cannot_add_attributes_to_its_meta_tag(tmp_path):
    """A quote in an entry's text must not end the attribute: this one would make the description
    <meta> a refresh to another site (it passes `atlas validate`: no tag, no handler, no javascript:)."""
    project = minimal_project(tmp_path)
    inst = project / "data/institutions/hoseo-university.yml"
    attack = '0;url=https://evil.example/" http-equiv="refresh'
    inst.write_text(inst.read_text(encoding="utf-8").replace(
        "description: {ko: 아산의 사립대학,", "description: {ko: " + json.dumps(attack) + ","), encoding="utf-8")
    result = run_atlas("build", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    soup = BeautifulSoup((tmp_path / "site/institutions/hoseo-university/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    # the only http-equiv is the site's own Content-Security-Policy (src/atlas/render/csp.py)
    assert [m["http-equiv"] for m in soup.select("meta[http-equiv]")] == ["Content-Security-Policy"]
    assert soup.select_one('meta[name="description"]')["content"] == attack


def test_site_url_comes_from_the_environment(hostile_site):
    soup = BeautifulSoup((hostile_site / "institutions/hoseo-university/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert soup.select_one('link[rel="canonical"]')["href"] == "https://news.example.com/atlas/institutions/hoseo-university/"
    feed = (hostile_site / "feeds/events.xml").read_text(encoding="utf-8")
    assert "https://news.example.com/atlas/events/test-forum/" in feed


def test_script_json_escapes_markup_characters():
    from atlas.export.jsonld import script_json

    out = script_json({"b": "</script><script>alert(1)</script>", "a": "x & y \u2028"})
    assert out == ('{"a":"x \\u0026 y \\u2028","b":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)'
                   '\\u003c/script\\u003e"}')
    assert json.loads(out)["b"] == "</script><script>alert(1)</script>"
