"""A contributor following CONTRIBUTING.md, from a fresh copy of the project, adds an institution
and sees it on its region's page and map.

The test takes its commands and the filled-in example from CONTRIBUTING.md itself, so the guide
cannot drift from what works.
"""
from __future__ import annotations

import json
import re

import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, run_atlas
from test_scaffold import fill

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _english(section: str) -> str:
    english = GUIDE.split("\n## English\n", 1)[1]
    return english.split(f"### {section}\n", 1)[1].split("\n### ", 1)[0]


def _blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, re.S)


def test_guide_is_complete_in_both_languages():
    korean, english = GUIDE.split("\n## English\n", 1)
    for heading_ko, heading_en in [("출처 인용하기", "Citing a source"), ("기관 추가하기", "Adding an institution"),
                                   ("사건·행사 추가하기", "Adding an event"), ("지역 추가하기", "Adding a region"),
                                   ("미리 보기", "Previewing locally"), ("검사의 의미", "What the checks mean"),
                                   ("안전한 입력", "Safe input")]:
        assert f"### {heading_ko}\n" in korean, heading_ko
        assert f"### {heading_en}\n" in english, heading_en
    # the same commands in both halves
    commands = lambda text: sorted(set(re.findall(r"`((?:atlas|make) [a-z-]+)", text)))  # noqa: E731
    assert commands(korean) == commands(english)
    for command in ("atlas new institution", "atlas new event", "atlas new region", "atlas new source",
                    "atlas validate", "make serve", "make site", "make linkcheck", "make test"):
        assert command in english, command


def test_adding_an_institution_as_the_guide_says(tmp_path):
    section = _english("Adding an institution")
    command = _blocks(section, "sh")[0].split()
    example = yaml.safe_load(_blocks(section, "yaml")[0])
    slug = example["slug"]
    assert command == ["atlas", "new", "institution", slug]

    project = copy_project(tmp_path)
    created = run_atlas(*command[1:], cwd=project)
    assert created.returncode == 0, created.stderr
    path = project / "data/institutions" / f"{slug}.yml"
    untouched = run_atlas("validate", cwd=project)
    assert untouched.returncode == 1 and f"data/institutions/{slug}.yml" in untouched.stdout

    # fill in the blanks with the guide's example, as a contributor would
    values = {"kind": example["kind"], "name.ko": example["name"]["ko"], "name.en": example["name"]["en"],
              "regions": "[" + ", ".join(example["regions"]) + "]",
              "location.lat": str(example["location"]["lat"]), "location.lon": str(example["location"]["lon"]),
              "description.ko": example["description"]["ko"], "description.en": example["description"]["en"],
              "sources[0]": example["sources"][0]}
    path.write_text(fill(path.read_text(encoding="utf-8"), values), encoding="utf-8")
    checked = run_atlas("validate", cwd=project)
    assert checked.returncode == 0, checked.stdout

    site = tmp_path / "site"
    built = run_atlas("build", "--site-dir", str(site), cwd=project, env={"SOURCE_DATE_EPOCH": "1763683200"})
    assert built.returncode == 0, built.stdout + built.stderr

    name = example["name"]["ko"]
    page = BeautifulSoup((site / "institutions" / slug / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("article h1").get_text(strip=True).rstrip("¶") == name
    for region in example["regions"]:
        for prefix in ("", "en/"):
            region_page = BeautifulSoup((site / prefix / "regions" / region / "index.html").read_text(encoding="utf-8"),
                                        "html.parser")
            links = [a["href"] for a in region_page.select("article a[href]")]
            assert f"../../institutions/{slug}/" in links, f"/{prefix}regions/{region}/ does not list {slug}"
        maps = site / "maps"
        if maps.is_dir():  # the region's map shows it too
            region_maps = [p for p in maps.rglob("*") if p.is_file() and region in p.name]
            assert region_maps, f"no map files for {region}"
            text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in region_maps)
            assert slug in text or name in text or json.dumps(name)[1:-1] in text, \
                f"{slug} is not on the map of {region}"
