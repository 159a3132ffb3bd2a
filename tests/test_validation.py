"""Bad entries give `file:line: field: message`, all at once, a non-zero exit, and no half-built site.

Each case adds (or replaces) one file in a copy of tests/fixtures/minimal — a small
valid atlas — and states the exact lines `atlas validate` must print.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from atlas.content import without_narratives
from conftest import ROOT, renderer, run_atlas

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"

INST = "slug: bad\ntype: institution\nkind: university\nname: {ko: 나쁨}\n"
LOC = "location: {lat: 36.7, lon: 127.0}\n"
DESC = "description: {ko: 설명}\n"
SRC = "sources: [test-source]\n"
EVENT = "slug: bad\ntype: event\nkind: forum\nname: {ko: 나쁨}\n"

CASES: dict[str, tuple[str, str | bytes, list[str]]] = {
    "required field missing": (
        "data/institutions/bad.yml", INST + LOC + SRC,
        ["data/institutions/bad.yml:1: description: required field is missing"]),
    "unknown field": (
        "data/institutions/bad.yml", INST + LOC + DESC + "website_url: http://x.kr\n" + SRC,
        ["data/institutions/bad.yml:7: website_url: unknown field (allowed here: description, kind, location, "
         "member_of, name, parent, redirect_from, regions, short_names, slug, sources, type, website)"]),
    "value not in the allowed list": (
        "data/institutions/bad.yml", INST.replace("university", "school") + LOC + DESC + SRC,
        ["data/institutions/bad.yml:3: kind: 'school' is not allowed; expected 'university', 'research-institute', "
         "'public-agency', 'company', 'government', 'legislature', 'council', 'association', 'hospital' or "
         "'industrial-complex'"]),
    "wrong type of value": (
        "data/institutions/bad.yml", INST + "location: {lat: north, lon: 127.0}\n" + DESC + SRC,
        ["data/institutions/bad.yml:5: location.lat: input should be a valid number, unable to parse string as a "
         "number (got str 'north')"]),
    "a list written as one value": (
        "data/events/bad.yml", EVENT + "date: 2025-01-02\nregions: asan\nsummary: {ko: 요약}\n" + SRC,
        ["data/events/bad.yml:6: regions: input should be a valid list (got str 'asan')"]),
    "reference that does not resolve": (
        "data/events/bad.yml",
        EVENT + "date: 2025-01-02\nregions: [asan]\nparticipants:\n  - institution: hoseo-univ\n    role: presenter\n"
        "summary: {ko: 요약}\n" + SRC,
        ["data/events/bad.yml:8: participants[0].institution: no institution with slug 'hoseo-univ'"]),
    "reference to the wrong type": (
        "data/events/bad.yml", EVENT + "date: 2025-01-02\nregions: [hoseo-university]\nsummary: {ko: 요약}\n" + SRC,
        ["data/events/bad.yml:6: regions[0]: 'hoseo-university' is an institution, not a region"]),
    "slug used twice": (
        "data/institutions/asan.yml", INST.replace("bad", "asan") + LOC + DESC + SRC,
        ["data/institutions/asan.yml:1: slug: slug 'asan' is also used by data/regions/asan.yml:1; slugs must be unique",
         "data/regions/asan.yml:1: slug: slug 'asan' is also used by data/institutions/asan.yml:1; slugs must be unique"]),
    "impossible date": (
        "data/events/bad.yml", EVENT + "date: 2025-02-30\nregions: [asan]\nsummary: {ko: 요약}\n" + SRC,
        ["data/events/bad.yml:5: date: '2025-02-30' is not a real date (day is out of range for month)"]),
    "date not ISO 8601": (
        "data/events/bad.yml", EVENT + "date: 2025.11.20\nregions: [asan]\nsummary: {ko: 요약}\n" + SRC,
        ["data/events/bad.yml:5: date: '2025.11.20' is not an ISO 8601 date (YYYY-MM-DD, YYYY-MM or YYYY)"]),
    "dates running backwards": (
        "data/events/bad.yml",
        EVENT + "date: 2025-11-02\nend_date: 2025-11-01\nregions: [asan]\nsummary: {ko: 요약}\n" + SRC,
        ["data/events/bad.yml:6: end_date: end_date 2025-11-01 is before date 2025-11-02"]),
    "coordinates outside South Korea": (
        "data/institutions/bad.yml", INST + "location: {lat: 35.68, lon: 139.76}\n" + DESC + SRC,
        ["data/institutions/bad.yml:5: location: (35.68, 139.76) lies outside South Korea"]),
    "latitude and longitude swapped": (
        "data/institutions/bad.yml", INST + "location: {lat: 127.07, lon: 36.73}\n" + DESC + SRC,
        ["data/institutions/bad.yml:5: location: (127.07, 36.73) lies outside South Korea "
         "(latitude and longitude look swapped)"]),
    "malformed YAML": (
        "data/institutions/bad.yml", "slug: bad\ntype: institution\nname: {ko: 나쁨\nkind: university\n",
        ["data/institutions/bad.yml:4: -: not valid YAML: did not find expected ',' or '}' "
         "(while parsing a flow mapping that starts on line 3)"]),
    "tab indentation": (
        "data/institutions/bad.yml", "slug: bad\ntype: institution\nname:\n\tko: 나쁨\n",
        ["data/institutions/bad.yml:4: -: a tab character is used for indentation; indent with spaces"]),
    "key written twice": (
        "data/institutions/bad.yml", INST + "kind: company\n" + LOC + DESC + SRC,
        ["data/institutions/bad.yml:5: kind: key written twice (first on line 3)"]),
    "empty file": (
        "data/institutions/bad.yml", "",
        ["data/institutions/bad.yml:1: -: file is empty; an entry needs at least slug and type"]),
    "not UTF-8": (
        "data/institutions/bad.yml", "slug: bad\nname: {ko: 나쁨}\n".encode("euc-kr"),
        ["data/institutions/bad.yml:2: -: file is not UTF-8 text; save it as UTF-8"]),
    "two documents in one file": (
        "data/institutions/bad.yml", INST + LOC + DESC + SRC + "---\nslug: other\n",
        ["data/institutions/bad.yml:9: -: file holds more than one YAML document; write one entry per file"]),
    "not a mapping": (
        "data/institutions/bad.yml", "- slug: bad\n",
        ["data/institutions/bad.yml:1: -: an entry must be a mapping of fields (key: value)"]),
    "slug differs from file name": (
        "data/institutions/bad.yml", INST.replace("slug: bad", "slug: good") + LOC + DESC + SRC,
        ["data/institutions/bad.yml:1: slug: slug 'good' differs from the file name; name the file good.yml"]),
    "Korean slug": (
        "data/institutions/bad.yml", INST.replace("slug: bad", "slug: 호서대") + LOC + DESC + SRC,
        ["data/institutions/bad.yml:1: slug: '호서대' is not a slug: use lower-case ASCII letters, digits and "
         "single hyphens"]),
    "entry in the wrong folder": (
        "data/events/bad.yml", INST + LOC + DESC + SRC,
        ["data/events/bad.yml:2: type: an institution entry belongs in data/institutions/, not data/events/"]),
    "no type": (
        "data/institutions/bad.yml", "slug: bad\nkind: university\n",
        ["data/institutions/bad.yml:1: type: is missing; use one of event, industry, institution, programme, "
         "region, source"]),
    "javascript: URL": (
        "data/sources/bad.yml",
        "slug: bad\ntype: source\noutlet: {ko: 매체}\ntitle: {ko: 제목}\npublished: 2025-01-01\nurl: javascript:alert(1)\n",
        ["data/sources/bad.yml:6: url: 'javascript:alert(1)' is not an http(s) URL"]),
    "regions nested in a circle": (
        "data/regions/chungnam.yml",
        "slug: chungnam\ntype: region\nkind: province\nname: {ko: 충청남도}\nparent: asan\n"
        "admin_codes: {sido: [\"44\"]}\nsummary: {ko: 요약}\n" + SRC,
        ["data/regions/asan.yml:5: parent: goes round in a circle: asan → chungnam → asan",
         "data/regions/chungnam.yml:5: parent: goes round in a circle: chungnam → asan → chungnam"]),
    "entry without a source": (
        "data/institutions/bad.yml", INST + LOC + DESC + "sources: []\n",
        ["data/institutions/bad.yml:7: sources: list should have at least 1 item after validation, not 0"]),
    "file too large": (
        "data/institutions/bad.yml", INST + LOC + DESC + SRC + "# " + "x" * 300_000 + "\n",
        ["data/institutions/bad.yml:1: -: file is 300150 bytes; an entry may be at most 262144 bytes"]),
    "file in an unknown folder": (
        "data/people/someone.yml", "slug: someone\n",
        ["data/people/someone.yml:1: -: unknown folder data/people/; entry folders are events, industries, "
         "institutions, programmes, regions, sources"]),
    "administrative code of the wrong length": (
        "data/regions/bad.yml",
        "slug: bad\ntype: region\nkind: city\nname: {ko: 나쁨}\nadmin_codes: {sigungu: [\"442\"]}\nsummary: {ko: 요약}\n" + SRC,
        ["data/regions/bad.yml:5: admin_codes.sigungu[0]: '442' is not an administrative code of the right length"]),
}


# Hostile input. Which is refused here and which is let through (then escaped or sanitised) is
# documented in CONTRIBUTING.md ("What the checks mean") and src/atlas/hostile.py; what is let through
# is proved harmless in a real browser by tests/test_browser.py.
NARRATIVE = "content/institutions/hoseo-university.md"
CONTENT_KINDS = "Markdown pages (.md), images (.png, .jpg, .jpeg, .gif, .webp, .avif) and PDF (.pdf)"
NO_HTML = "; entries hold plain text, not HTML"
SOURCE = "slug: bad\ntype: source\noutlet: {ko: 매체}\ntitle: {ko: 제목}\npublished: 2025-01-01\n"
CASES.update({
    # -- HTML and script in YAML text: refused (the renderer would print it as literal text anyway)
    "<script> in a YAML text": (
        "data/institutions/bad.yml", INST.replace("{ko: 나쁨}", '{ko: "<script>alert(1)</script>"}') + LOC + DESC + SRC,
        ["data/institutions/bad.yml:4: name.ko: a <script> element is not allowed: pages run no script written in "
         "entries" + NO_HTML]),
    "<iframe> in a YAML text": (
        "data/institutions/bad.yml",
        INST + LOC + 'description: {ko: 설명, en: "<iframe src=https://evil.example/></iframe>"}\n' + SRC,
        ["data/institutions/bad.yml:6: description.en: an <iframe> element is not allowed: pages embed no other pages "
         "from entries" + NO_HTML]),
    "event handler in a YAML text": (
        "data/events/bad.yml",
        EVENT + 'date: 2025-01-02\nregions: [asan]\nsummary: {ko: "요약 <img src=x onerror=alert(1)>"}\n' + SRC,
        ["data/events/bad.yml:7: summary.ko: an HTML event handler (onerror=) is not allowed: pages run no script "
         "written in entries" + NO_HTML]),
    "event handler without spaces (<svg/onload=…>) in a YAML text": (
        "data/institutions/bad.yml", INST + LOC + DESC + 'short_names: ["<svg/onload=alert(1)>"]\n' + SRC,
        ["data/institutions/bad.yml:7: short_names[0]: an HTML event handler (onload=) is not allowed: pages run no "
         "script written in entries" + NO_HTML]),
    "event handler in a Markdown attribute list in a YAML text": (
        "data/institutions/bad.yml", INST + LOC + 'description: {ko: "설명 {: onclick=alert(1) }"}\n' + SRC,
        ["data/institutions/bad.yml:6: description.ko: an HTML event handler (onclick=) is not allowed: pages run "
         "no script written in entries" + NO_HTML]),
    "javascript: link in a YAML text": (
        "data/institutions/bad.yml", INST + LOC + 'description: {ko: "[누르기](JavaScript:alert(1))"}\n' + SRC,
        ["data/institutions/bad.yml:6: description.ko: a javascript: link is not allowed: links must start with "
         "https:// or http://" + NO_HTML]),
    "HTML in a source's reporter": (
        "data/sources/bad.yml", SOURCE + 'reporter: "<meta http-equiv=refresh content=0;url=https://evil.example>"\n',
        ["data/sources/bad.yml:6: reporter: a <meta> element is not allowed: it could redirect readers to another "
         "site" + NO_HTML]),
    # -- URLs that are not http(s)
    "ftp: website": (
        "data/institutions/bad.yml", INST + LOC + DESC + "website: ftp://ftp.example.kr/\n" + SRC,
        ["data/institutions/bad.yml:7: website: 'ftp://ftp.example.kr/' is not an http(s) URL"]),
    "data: URL": (
        "data/sources/bad.yml", SOURCE + "url: data:text/html;base64,PHNjcmlwdD4=\n",
        ["data/sources/bad.yml:6: url: 'data:text/html;base64,PHNjcmlwdD4=' is not an http(s) URL"]),
    "URL without a scheme": (
        "data/sources/bad.yml", SOURCE + "url: //evil.example/article\n",
        ["data/sources/bad.yml:6: url: '//evil.example/article' is not an http(s) URL"]),
    "URL with a quote that would break out of an attribute": (
        "data/sources/bad.yml", SOURCE + "url: 'https://example.kr/\"onmouseover=alert(1)'\n",
        ["data/sources/bad.yml:6: url: 'https://example.kr/\"onmouseover=alert(1)' is not an http(s) URL"]),
    # -- HTML and script in Markdown narratives (content/): refused, with the line
    "<script> in a Markdown narrative": (
        NARRATIVE, "호서대학교 이야기.\n\n<script>alert(1)</script>\n",
        [f"{NARRATIVE}:3: body: a <script> element is not allowed: pages run no script written in entries"]),
    "<iframe> in a Markdown narrative": (
        NARRATIVE, "호서대학교 이야기.\n\n\n<IFRAME src=\"https://evil.example\"></IFRAME>\n",
        [f"{NARRATIVE}:4: body: an <iframe> element is not allowed: pages embed no other pages from entries"]),
    "event handler in Markdown HTML": (
        NARRATIVE, "첫 줄.\n\n<a href=\"https://example.kr\"\n   onclick=\"alert(1)\">링크</a>\n",
        [f"{NARRATIVE}:4: body: an HTML event handler (onclick=) is not allowed: pages run no script written in "
         "entries"]),
    "event handler in a Markdown attribute list": (
        NARRATIVE, "문단.\n{: onmouseover=\"alert(1)\" }\n",
        [f"{NARRATIVE}:2: body: an HTML event handler (onmouseover=) is not allowed: pages run no script written "
         "in entries"]),
    "javascript: link in Markdown": (
        NARRATIVE, "[누르기](javascript:alert(1)) 그리고 <vbscript:msgbox>\n",
        [f"{NARRATIVE}:1: body: a javascript: link is not allowed: links must start with https:// or http://",
         f"{NARRATIVE}:1: body: a vbscript: link is not allowed: links must start with https:// or http://"]),
    "data: URL in Markdown": (
        NARRATIVE, "그림:\n\n![x](data:image/svg+xml;base64,PHN2Zz4=)\n",
        [f"{NARRATIVE}:3: body: a data: URL is not allowed as a link or image: put the file in content/assets/ and "
         "link to it"]),
    "image from another site in Markdown": (
        NARRATIVE, "![추적](https://tracker.example/pixel.png)\n",
        [f"{NARRATIVE}:1: body: images from other sites are not shown (the site's Content-Security-Policy blocks "
         "them): put the image in content/assets/ and link to it"]),
    "HTML file in content/": (
        "content/evil.html", "<script>alert(1)</script>\n",
        ["content/evil.html:1: -: .html files are not allowed in content/: it takes only " + CONTENT_KINDS + "; "
         "the site's own scripts and styles live in site_templates/"]),
    "SVG file in content/": (
        "content/assets/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>\n",
        ["content/assets/logo.svg:1: -: .svg files are not allowed in content/: it takes only " + CONTENT_KINDS + "; "
         "the site's own scripts and styles live in site_templates/"]),
    "narrative for an entry that does not exist": (
        "content/institutions/hoseo-univ.md", "호서대학교 이야기.\n",
        ["content/institutions/hoseo-univ.md:1: -: no institution with slug 'hoseo-univ' "
         "(data/institutions/hoseo-univ.yml): a narrative is named after the entry it belongs to"]),
    "narrative not UTF-8": (
        NARRATIVE, "첫 줄\n둘째 줄\n".encode("euc-kr"),
        [f"{NARRATIVE}:1: -: file is not UTF-8 text; save it as UTF-8"]),
    "narrative too large": (
        NARRATIVE, "가" * 200_000 + "\n",
        [f"{NARRATIVE}:1: -: file is 600001 bytes; a page may be at most 524288 bytes"]),
    # -- YAML that plain data never needs, and that could stall or crash a loader
    "YAML aliases (billion laughs)": (
        "data/institutions/bad.yml",
        INST + "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n",
        ["data/institutions/bad.yml:6: -: YAML aliases (*a) are not allowed; write the value out in full"]),
    "YAML tag asking for a Python object": (
        "data/institutions/bad.yml", INST + 'description: !!python/object/apply:os.system ["echo pwned"]\n',
        ["data/institutions/bad.yml:5: -: the YAML tag !!python/object/apply:os.system is not allowed; write plain "
         "values"]),
    "values nested too deeply": (
        "data/institutions/bad.yml", INST + "description: " + "[" * 5000 + "]" * 5000 + "\n",
        ["data/institutions/bad.yml:5: -: values are nested more than 20 levels deep"]),
    # -- more mistakes people make
    "control character in a text": (
        "data/institutions/bad.yml", INST + LOC + 'description: {ko: "설명\\u0007"}\n' + SRC,
        ["data/institutions/bad.yml:6: description.ko: text contains U+0007 (a control character) at character 3; "
         "remove it"]),
    "date written as a number": (
        "data/events/bad.yml", EVENT + "date: 20251120\nregions: [asan]\nsummary: {ko: 요약}\n" + SRC,
        ["data/events/bad.yml:5: date: input should be a valid string (got int 20251120)"]),
    "plan period running backwards": (
        "data/programmes/bad.yml",
        "slug: bad\ntype: programme\nkind: strategy\nname: {ko: 계획}\nregions: [asan]\nstart: \"2030\"\n"
        "end: \"2025\"\nsummary: {ko: 요약}\n" + SRC,
        ["data/programmes/bad.yml:7: end: end 2025 is before start 2030"]),
    "misspelt field inside a list item": (
        "data/events/bad.yml",
        EVENT + "date: 2025-01-02\nregions: [asan]\nparticipants:\n  - institution: hoseo-university\n"
        "    rol: presenter\nsummary: {ko: 요약}\n" + SRC,
        ["data/events/bad.yml:9: participants[0].rol: unknown field (allowed here: institution, note, role, source)"]),
    "required value left blank": (
        "data/institutions/bad.yml", INST.replace("kind: university", "kind:") + LOC + "description:\n  ko:\n" + SRC,
        ["data/institutions/bad.yml:3: kind: no value given; expected 'university', 'research-institute', "
         "'public-agency', 'company', 'government', 'legislature', 'council', 'association', 'hospital' or "
         "'industrial-complex'",
         "data/institutions/bad.yml:7: description.ko: no value given; write the text"]),
    "not a number for a coordinate (NaN)": (
        "data/institutions/bad.yml", INST + "location: {lat: .nan, lon: 127.0}\n" + DESC + SRC,
        ["data/institutions/bad.yml:5: location.lat: input should be a finite number (got float nan)"]),
})

def _project_with(tmp_path: Path, rel: str, content: str | bytes) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    target = project / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    return project


def test_fixture_itself_is_valid():
    result = run_atlas("validate", "--root", str(FIXTURE), cwd=ROOT)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("OK: 2 regions, 1 institutions, 1 events")


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_entry_reports_file_line_field(tmp_path, case):
    rel, content, expected = CASES[case]
    project = _project_with(tmp_path, rel, content)
    result = run_atlas("validate", "--root", str(project), cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == expected
    n = len(expected)
    assert result.stderr.strip() == f"{n} problem{'s' if n != 1 else ''} found."


def test_link_outside_data_folder_is_refused(tmp_path):
    project = _project_with(tmp_path, "data/sources/.keep", "")
    secret = tmp_path / "secret.yml"
    secret.write_text("slug: secret\ntype: source\n", encoding="utf-8")
    (project / "data/sources/secret.yml").symlink_to(secret)
    result = run_atlas("validate", "--root", str(project), cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "data/sources/secret.yml:1: -: file is a symbolic link; links are not followed: put the entry itself in data/"
    ]


def test_all_problems_of_a_run_are_reported_together(tmp_path):
    project = _project_with(tmp_path, *CASES["key written twice"][:2])
    (project / "data/events/bad.yml").write_text(CASES["impossible date"][1], encoding="utf-8")
    (project / "data/regions/asan.yml").write_text(
        (project / "data/regions/asan.yml").read_text(encoding="utf-8").replace("kind: city", "kind: town"),
        encoding="utf-8")
    result = run_atlas("validate", "--root", str(project), cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "data/events/bad.yml:5: date: '2025-02-30' is not a real date (day is out of range for month)",
        "data/institutions/bad.yml:5: kind: key written twice (first on line 3)",
        "data/regions/asan.yml:3: kind: 'town' is not allowed; expected 'union', 'province', 'city', 'district' "
        "or 'cluster'",
    ]


def test_github_annotations(tmp_path):
    project = _project_with(tmp_path, *CASES["impossible date"][:2])
    result = run_atlas("validate", "--root", str(project), cwd=project, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "data/events/bad.yml:5: date: '2025-02-30' is not a real date (day is out of range for month)",
        "::error file=data/events/bad.yml,line=5::date: '2025-02-30' is not a real date (day is out of range for month)",
    ]


def _site_project(tmp_path: Path) -> Path:
    """The minimal fixture as a full project (config, templates), to build."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "site_templates", project / "site_templates")
    shutil.copytree(ROOT / "content", project / "content", ignore=without_narratives(ROOT / "content"))
    return project


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("command", ["atlas", "mkdocs"])
def test_failed_build_reports_problems_and_keeps_the_last_good_site(tmp_path, command):
    project = _site_project(tmp_path)
    site = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763683200"}
    good = subprocess.run(renderer("build", "--strict"), cwd=project, env=env,
                          capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    before = _snapshot(site)
    assert "regions/asan/index.html" in before

    bad_rel, bad_content, expected = CASES["reference that does not resolve"]
    (project / bad_rel).write_text(bad_content, encoding="utf-8")
    if command == "atlas":
        result = run_atlas("build", cwd=project)
    else:
        result = subprocess.run(renderer("build", "--strict"), cwd=project, env=env,
                                capture_output=True, text=True)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    for line in expected:
        assert line in output
    assert _snapshot(site) == before, "a failed build changed the published site"
    assert not (project / "site.staging").exists()


def test_strict_warning_after_pages_are_written_keeps_the_last_good_site(tmp_path):
    """A build that fails late (a broken link in a hand-written page) must not replace the site either."""
    project = _site_project(tmp_path)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763683200"}
    assert run_atlas("build", cwd=project).returncode == 0
    before = _snapshot(project / "site")
    (project / "content/about.md").write_text("# About\n\n[broken](no-such-page.md)\n", encoding="utf-8")
    result = subprocess.run(renderer("build", "--strict"), cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "no-such-page.md" in result.stderr
    assert _snapshot(project / "site") == before


def test_narrative_linked_from_outside_the_content_folder_is_refused(tmp_path):
    project = _project_with(tmp_path, "content/about.md", "# About\n")
    secret = tmp_path / "secret.md"
    secret.write_text("<script>alert(1)</script>\n", encoding="utf-8")
    (project / NARRATIVE).parent.mkdir(parents=True, exist_ok=True)
    (project / NARRATIVE).symlink_to(secret)
    result = run_atlas("validate", "--root", str(project), cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{NARRATIVE}:1: -: file is a symbolic link; content/ takes no links (MkDocs would publish whatever they "
        "point at, even outside the repository): copy the file or folder into content/ instead"
    ]


@pytest.mark.parametrize("case", ["<script> in a Markdown narrative", "event handler in a YAML text",
                                  "YAML aliases (billion laughs)", "HTML file in content/"])
def test_hostile_input_fails_the_build_and_keeps_the_last_good_site(tmp_path, case):
    """`mkdocs build` refuses hostile input as `atlas validate` does, and the published site stays as it was."""
    project = _site_project(tmp_path)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763683200"}
    assert run_atlas("build", cwd=project).returncode == 0
    before = _snapshot(project / "site")
    rel, content, expected = CASES[case]
    target = project / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    result = subprocess.run(renderer("build", "--strict"), cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0
    for line in expected:
        assert line in result.stdout + result.stderr
    assert _snapshot(project / "site") == before
    assert not (project / "site.staging").exists()
