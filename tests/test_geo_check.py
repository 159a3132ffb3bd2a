"""Geography as a check: `atlas validate` refuses coordinates that lie in the wrong district.

Each case adds (or replaces) files in a copy of tests/fixtures/minimal (Hoseo University in
Asan, 36.7366 N 127.0747 E) and states the exact lines `atlas validate` must print:
``file:line: location: (lat, lon) lies in <district where it is>, not in <expected>``.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_atlas

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"

HOSEO = (36.7366, 127.0747)  # 충청남도 아산시
KAIST = (36.37, 127.363)  # 대전광역시 유성구
CHEONAN = (36.8065, 127.1522)  # 충청남도 천안시 동남구 (inside the parent city 44130 천안시 too)
TSUSHIMA = (34.4, 129.3)  # Japan, inside South Korea's bounding box
CHUNCHEON = (37.8813, 127.7298)  # 강원특별자치도 춘천시


def institution(slug: str, at: tuple[float, float], regions: str = "[asan]", sigungu: str | None = None) -> str:
    extra = f', sigungu: "{sigungu}"' if sigungu else ""
    return (f"slug: {slug}\ntype: institution\nkind: research-institute\nname: {{ko: 시험 기관}}\n"
            f"regions: {regions}\nlocation: {{lat: {at[0]}, lon: {at[1]}{extra}}}\n"
            "description: {ko: 설명}\nsources: [test-source]\n")


def region(slug: str, codes: str, centre: tuple[float, float] | None = None) -> str:
    text = (f"slug: {slug}\ntype: region\nkind: cluster\nname: {{ko: 시험 지역}}\n"
            f"admin_codes: {codes}\n")
    if centre:
        text += f"centre: {{lat: {centre[0]}, lon: {centre[1]}}}\n"
    return text + "summary: {ko: 요약}\nsources: [test-source]\n"


BAD = "data/institutions/bad.yml"
BAD_REGION = "data/regions/test-cluster.yml"

CASES: dict[str, tuple[dict[str, str], list[str]]] = {
    "misplaced: in another city than its region": (
        {BAD: institution("bad", KAIST)},
        [f"{BAD}:6: location: (36.37, 127.363) lies in 대전광역시 유성구, not in 충청남도 아산시"]),
    "swapped: two entries' coordinates exchanged": (
        {"data/institutions/hoseo-university.yml":
            (FIXTURE / "data/institutions/hoseo-university.yml").read_text(encoding="utf-8")
            .replace("location: {lat: 36.7366, lon: 127.0747}", "location: {lat: 36.8065, lon: 127.1522}"),
         "data/institutions/cheonan-lab.yml": institution("cheonan-lab", HOSEO, "[chungnam]", sigungu="44131")},
        ["data/institutions/cheonan-lab.yml:6: location: (36.7366, 127.0747) lies in 충청남도 아산시, "
         "not in 충청남도 천안시 동남구",
         "data/institutions/hoseo-university.yml:6: location: (36.8065, 127.1522) lies in 충청남도 천안시 동남구, "
         "not in 충청남도 아산시"]),
    "swapped: latitude and longitude transposed": (
        {BAD: institution("bad", (HOSEO[1], HOSEO[0]))},
        [f"{BAD}:6: location: (127.0747, 36.7366) lies outside South Korea (latitude and longitude look swapped)"]),
    "a province-level region means anywhere in the province": (
        {BAD: institution("bad", KAIST, "[chungnam]")},
        [f"{BAD}:6: location: (36.37, 127.363) lies in 대전광역시 유성구, not in 충청남도"]),
    "the district the entry names wins over its regions": (
        {BAD: institution("bad", HOSEO, "[]", sigungu="44150")},
        [f"{BAD}:6: location: (36.7366, 127.0747) lies in 충청남도 아산시, not in 충청남도 공주시"]),
    "a district code the boundaries do not know": (
        {BAD: institution("bad", HOSEO, "[]", sigungu="44999")},
        [f"{BAD}:6: location.sigungu: no sigungu with code '44999' in the official code table "
         "(see `atlas codes NAME` or `atlas codes --at LAT,LON`)"]),
    "inside the bounding box but outside South Korea": (
        {BAD: institution("bad", TSUSHIMA)},
        [f"{BAD}:6: location: (34.4, 129.3) lies outside South Korea, not in 충청남도 아산시"]),
    "outside South Korea with no region named": (
        {BAD: institution("bad", TSUSHIMA, "[]")},
        [f"{BAD}:6: location: (34.4, 129.3) lies outside South Korea"]),
    "a region's code the boundaries do not know": (
        {BAD_REGION: region("test-cluster", '{sigungu: ["44999"]}')},
        [f"{BAD_REGION}:5: admin_codes.sigungu[0]: no sigungu with code '44999' in the official code table "
         "(see `atlas codes NAME` or `atlas codes --at LAT,LON`)"]),
    "a region's centre outside the region": (
        {BAD_REGION: region("test-cluster", '{sigungu: ["44200"]}', centre=KAIST)},
        [f"{BAD_REGION}:6: centre: (36.37, 127.363) lies in 대전광역시 유성구, not in 충청남도 아산시"]),
    "a cluster of neighbourhoods (emd codes) is checked against its outline": (
        {BAD_REGION: region("test-cluster", '{emd: ["41271103", "41273101"]}'),
         BAD: institution("bad", HOSEO, "[test-cluster]")},
        [f"{BAD}:6: location: (36.7366, 127.0747) lies 63.3 km outside 시험 지역 "
         "(its nearest point (37.27623, 126.84779)); it is in 충청남도 아산시 배방읍"]),
}

ACCEPTED: dict[str, dict[str, str]] = {
    "a point in a district of the parent city it names (44130 천안시 ⊃ 44131)": {
        BAD: institution("bad", CHEONAN, "[]", sigungu="44130")},
    "a district named directly, though the parent city's shape covers it too": {
        BAD: institution("bad", CHEONAN, "[chungnam]", sigungu="44131")},
    "today's codes (Gangwon 51, since 2023) find the snapshot's shapes (42)": {
        BAD_REGION: region("test-cluster", '{sido: ["51"], sigungu: ["51110"]}', centre=CHUNCHEON),
        BAD: institution("bad", CHUNCHEON, "[test-cluster]")},
    "a cluster of neighbourhoods and a point in one of their districts": {
        BAD_REGION: region("test-cluster", '{emd: ["41271103"]}', centre=(37.2967, 126.8388)),
        BAD: institution("bad", (37.2997, 126.8355), "[test-cluster]")},
}


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    for rel, content in files.items():
        target = project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return project


@pytest.mark.parametrize("case", sorted(CASES))
def test_coordinates_in_the_wrong_place_are_reported(tmp_path, case):
    files, expected = CASES[case]
    project = _project(tmp_path, files)
    result = run_atlas("validate", "--root", str(project), cwd=project)
    assert result.stdout.splitlines() == expected
    assert result.returncode == 1


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_coordinates_in_the_right_place_pass(tmp_path, case):
    project = _project(tmp_path, ACCEPTED[case])
    result = run_atlas("validate", "--root", str(project), cwd=project)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("OK:")


def test_a_wrong_place_stops_the_build(tmp_path):
    from conftest import minimal_project

    project = minimal_project(tmp_path)
    (project / BAD).write_text(institution("bad", KAIST), encoding="utf-8")
    result = run_atlas("build", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert result.returncode != 0
    assert f"{BAD}:6: location: (36.37, 127.363) lies in 대전광역시 유성구, not in 충청남도 아산시" in result.stdout
    assert not (tmp_path / "site").exists()


def test_every_institution_gets_its_district_from_its_coordinates(atlas):
    assert set(atlas.districts) == set(atlas.institutions)
    assert atlas.districts["hoseo-university"].name == "충청남도 아산시"
    assert atlas.districts["kaist"].name == "대전광역시 유성구"
    assert atlas.districts["motie"].code == "36110"  # no region named: found by a spatial join
