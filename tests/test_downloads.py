"""Data downloads, read back as a journalist's tools would: pandas, geopandas, frictionless."""
from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from atlas.export.datapackage import resource_list
from atlas.export.tables import TABLES
from conftest import ROOT


def read_csv(site, name: str) -> pd.DataFrame:
    return pd.read_csv(site.root / "data" / name, dtype=str, keep_default_na=False)


def test_atlas_json_holds_every_entry(site, atlas):
    doc = json.loads((site.root / "data/atlas.json").read_text(encoding="utf-8"))
    for folder, table in (("regions", atlas.regions), ("institutions", atlas.institutions), ("events", atlas.events),
                          ("programmes", atlas.programmes), ("sources", atlas.sources),
                          ("industries", atlas.industries)):
        frame = pd.read_json(io.StringIO(json.dumps(doc[folder])), orient="records", dtype=False)
        assert list(frame["slug"]) == sorted(table), folder
        assert frame["url"].str.endswith(tuple(f"/{folder}/{s}/" for s in table)).all()
    kaist = next(r for r in doc["institutions"] if r["slug"] == "kaist")
    assert kaist["location"]["lat"] == atlas.institutions["kaist"].location.lat
    assert doc["atlas"]["licence"]["name"] == "CC-BY-4.0"


def test_csv_files_are_utf8_with_bom_and_crlf(site):
    for table in TABLES:
        raw = (site.root / table.path).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "BOM, so that Excel opens the Hangul as UTF-8"
        header = raw[3:].split(b"\r\n", 1)[0].decode("utf-8")
        assert header.split(",") == [c.name for c in table.columns]


def test_institutions_csv(site, atlas):
    frame = read_csv(site, "institutions.csv")
    assert list(frame.columns)[0] == "slug"  # the BOM is not part of the first name
    assert list(frame["slug"]) == sorted(atlas.institutions)
    for _, row in frame.iterrows():
        inst = atlas.institutions[row["slug"]]
        assert row["name_ko"] == inst.name.ko and row["kind"] == inst.kind
        assert abs(float(row["lat"]) - inst.location.lat) < 1e-6 and abs(float(row["lon"]) - inst.location.lon) < 1e-6
        assert row["regions"].split(";") == (inst.regions or [""])
    numbers = pd.read_csv(site.root / "data/institutions.csv")
    assert numbers["lat"].dtype == float and numbers["lat"].between(33, 39).all()


def test_events_csv(site, atlas):
    frame = read_csv(site, "events.csv")
    assert len(frame) == len(atlas.events)
    assert list(frame["slug"]) == [e.slug for e in atlas.events_in_order()]
    for _, row in frame.iterrows():
        event = atlas.events[row["slug"]]
        assert row["date"] == event.date and row["kind"] == event.kind
        assert set(filter(None, row["participants"].split(";"))) == {f"{p.institution}:{p.role}" for p in event.participants}
    forum = frame.set_index("slug").loc["asan-a-tech-forum-2025"]
    assert forum["attendance"] == "150" and forum["attendance_approximate"] == "true"


def test_targets_csv(site, atlas):
    frame = pd.read_csv(site.root / "data/targets.csv")
    assert len(frame) == sum(len(p.targets) for p in atlas.programmes.values())
    for _, row in frame.iterrows():
        target = atlas.programmes[row["programme"]].targets[int(row["target"]) - 1]
        assert row["value"] == pytest.approx(target.value)
        assert row["metric_ko"] == target.metric.ko


def test_geojson_regions_and_institutions(site, atlas):
    gpd = pytest.importorskip("geopandas")
    regions = gpd.read_file(site.root / "data/regions.geojson")
    institutions = gpd.read_file(site.root / "data/institutions.geojson")
    assert regions.crs.to_epsg() == 4326 and institutions.crs.to_epsg() == 4326
    assert sorted(regions["slug"]) == sorted(atlas.regions)
    assert sorted(institutions["slug"]) == sorted(atlas.institutions)
    # region outlines from the NGII boundaries (atlas.geo), polygons in lon/lat order
    assert set(regions["geometry_source"]) == {"outline"}
    assert set(regions.geom_type) <= {"Polygon", "MultiPolygon"}
    bounds = regions.total_bounds
    assert 124 < bounds[0] < bounds[2] < 132 and 33 < bounds[1] < bounds[3] < 39
    # points are [lon, lat]: each institution lies in (or next to) one of its regions
    outline = regions.set_index("slug").geometry
    for _, row in institutions.iterrows():
        inst = atlas.institutions[row["slug"]]
        assert row.geometry.x == pytest.approx(inst.location.lon) and row.geometry.y == pytest.approx(inst.location.lat)
        if inst.regions:
            assert min(outline[r].distance(row.geometry) for r in inst.regions) < 0.02, row["slug"]


def test_regions_fall_back_to_centre_points_without_boundaries(atlas):
    from atlas.export.geodata import regions_geojson

    doc = json.loads(regions_geojson(atlas, "https://example.org/", outlines=False))
    by_slug = {f["properties"]["slug"]: f for f in doc["features"]}
    for slug, region in atlas.regions.items():
        feature = by_slug[slug]
        if region.centre:
            assert feature["properties"]["geometry_source"] == "centre"
            assert feature["geometry"]["coordinates"] == [round(region.centre.lon, 6), round(region.centre.lat, 6)]
        else:
            assert feature["properties"]["geometry_source"] == "none" and feature["geometry"] is None


def test_datapackage_describes_every_download(site):
    descriptor = json.loads((site.root / "data/datapackage.json").read_text(encoding="utf-8"))
    described = {r["path"] for r in descriptor["resources"]}
    top_level = {p.name for p in (site.root / "data").iterdir() if p.is_file() and p.name != "datapackage.json"}
    assert described == top_level
    licences = {r["name"]: [lic.get("name") or lic["title"] for lic in r["licenses"]] for r in descriptor["resources"]}
    assert all("CC-BY-4.0" in names for names in licences.values())
    assert any("NGII" in name and "2023-09-15" in name for name in licences["regions-geo"])
    for resource in descriptor["resources"]:
        if resource["format"] == "csv":
            header = pd.read_csv(site.root / "data" / resource["path"], nrows=0).columns
            assert list(header) == [f["name"] for f in resource["schema"]["fields"]]


def test_datapackage_is_valid_frictionless(site):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(site.root / "data/datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:20]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_downloads_page_links_every_file_and_feed(site, prefix):
    url = f"{prefix}downloads/"
    article = site.article(url)
    hrefs = {a["href"] for a in article.select("a[href]")}
    for item in resource_list():
        assert f"../{'../' if prefix else ''}{item['path']}" in hrefs, item["path"]
    assert any(h.endswith("feeds/events.xml") for h in hrefs)
    assert sum(h.endswith(".xml") and "/regions/" in h for h in hrefs) >= 10
    for href in hrefs:
        if not href.startswith(("http", "#")):
            assert (site.root / url / href).resolve().is_file() or (site.root / url / href / "index.html").resolve().is_file(), href
    nav = {a["href"] for a in site.soup(prefix or "").select("nav.md-nav a[href]")}
    assert "downloads/" in nav, f"Downloads is in the navigation of /{prefix}: {sorted(nav)}"
    ld = json.loads(site.soup(url).select_one('script[type="application/ld+json"]').string)
    assert ld["@type"] == "Dataset" and len(ld["distribution"]) == len(resource_list()) + 1


def test_publication_paths_are_exactly_the_downloads_and_feeds(atlas, tmp_path):
    """A build registers the downloads and feeds by ``paths()`` before its helper process writes them:
    the two must agree, renamed entries (``redirect_from``) included."""
    from atlas import load_atlas
    from atlas.export import Publication
    from conftest import minimal_project

    project = minimal_project(tmp_path)
    entry = project / "data/regions/asan.yml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("slug: asan\n", "slug: asan\nredirect_from: [asan-si]\n"),
                     encoding="utf-8")
    for each in (atlas, load_atlas(project)):
        publication = Publication(each, ROOT, "https://atlas.example/", {"ko": "", "en": "en/"})
        downloads, feeds = publication.data()
        assert publication.paths() == sorted({*downloads, *feeds})
    from atlas.export.urls import entry_json_path, region_feed_path

    paths = publication.paths()
    assert {region_feed_path("asan-si", ""), region_feed_path("asan-si", "en/"), entry_json_path("region", "asan-si")} <= set(paths)


def test_the_built_site_holds_every_download_and_feed(site, atlas):
    from atlas.export import Publication

    publication = Publication(atlas, ROOT, None, {"ko": "", "en": "en/"})
    missing = [path for path in publication.paths() if not (site.root / path).is_file()]
    assert not missing, missing[:10]
