"""Numbers panels and charts, read back from the built site: every region's figures beside its parent's
(counted here independently from the entries), the ratio in words, each chart's table, embed page and
CSV file; institutions' and programmes' panels; projects and targets that name regions (issue 12)."""
from __future__ import annotations

import datetime as dt
import io
import shutil

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from atlas.models import INSTITUTION_TYPES
from atlas.render.ratio import percent, ratio_words, with_particle
from atlas.render.ui import vocab
from atlas.targets import STATUSES, target_status
from conftest import build_site, minimal_project, run_atlas

REFERENCE = dt.date(2025, 11, 21)  # SOURCE_DATE_EPOCH of the test builds


# -- the words ----------------------------------------------------------------------------------

@pytest.mark.parametrize("here, other, measure, ko, en", [
    (2, 6, "count", "충청남도의 3분의 1", "a third of 충청남도's"),
    (5, 7, "count", "충청남도의 약 4분의 3", "about three quarters of 충청남도's"),
    (3, 3, "count", "충청남도 전체", "all of 충청남도's"),
    (0, 4, "count", "없음 (충청남도 4)", "none, against 4 in 충청남도"),
    (1, 40, "count", "충청남도의 10분의 1 미만", "less than a tenth of 충청남도's"),
    (0, 0, "count", "", ""),
    (0.3, 0.2, "share", "충청남도 비중의 약 1.5배", "about 1.5 times the share in 충청남도"),
    (0.4, 0.2, "share", "충청남도 비중의 약 2배", "about twice the share in 충청남도"),
    (0.2, 0.2, "share", "충청남도와 같은 비중", "the same share as in 충청남도"),
    (0.1, 0.2, "share", "충청남도 비중의 절반", "half of the share in 충청남도"),
    (0, 0.25, "share", "없음 (충청남도 25%)", "none, against 25% in 충청남도"),
    (0.5, 0, "share", "충청남도에는 없음", "none in 충청남도"),
])
def test_ratio_words(here, other, measure, ko, en):
    assert ratio_words(here, other, "충청남도", "ko", measure) == ko
    assert ratio_words(here, other, "충청남도", "en", measure) == en


def test_korean_particle_follows_the_last_syllable():
    assert with_particle("충청남도") == "충청남도와" and with_particle("충청광역연합") == "충청광역연합과"
    assert with_particle("KAIST") == "KAIST와(과)"


# -- counted independently from the entries -----------------------------------------------------

def tree(atlas, slug):
    """The region and every region whose chain of parents reaches it."""
    out = {slug}
    for other in atlas.regions:
        seen, parent = set(), atlas.regions[other].parent
        while parent and parent not in seen:
            if parent == slug:
                out.add(other)
                break
            seen.add(parent)
            parent = atlas.regions[parent].parent if parent in atlas.regions else None
    return out


def counts(atlas, slug):
    """What the panel shows for a region (None: the whole atlas), counted from the entries themselves."""
    if slug is None:
        institutions, events, programmes = list(atlas.institutions.values()), list(atlas.events.values()), \
            list(atlas.programmes.values())
        targets = [(p, t) for p in programmes for t in p.targets]
    else:
        area = tree(atlas, slug)
        institutions = [i for i in atlas.institutions.values() if area & set(i.regions)]
        events = [e for e in atlas.events.values() if area & set(e.regions)]
        programmes = [p for p in atlas.programmes.values() if area & set(p.regions)]
        targets = [(p, t) for p in atlas.programmes.values() for t in p.targets
                   if p in programmes or area & set(t.regions)]
    by_type = {k: sum(1 for i in institutions if i.kind == k) for k in INSTITUTION_TYPES}
    years: dict[str, int] = {}
    for event in events:
        years[event.date[:4]] = years.get(event.date[:4], 0) + 1
    statuses = {s: 0 for s in STATUSES}
    for programme, tgt in targets:
        statuses[target_status(tgt, programme.start, REFERENCE).status] += 1
    return {"institutions": len(institutions), "events": len(events), "programmes": len(programmes),
            "targets": len(targets), "by_type": by_type, "years": years, "statuses": statuses}


def number_of(text: str) -> int:
    return int(text.split("(")[0].strip().replace(",", ""))


def chart_rows(article, chart):
    table = article.select_one(f"figure#chart-{chart} table.atlas-chart__data")
    if table is None:
        return {}
    return {row.select_one("th").get_text(): [td.get_text() for td in row.select("td")] for row in table.select("tbody tr")}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_region_panel_counts_what_the_entries_say(site, atlas, lang):
    prefix = "" if lang == "ko" else "en/"
    name = (lambda r: r.name.ko) if lang == "ko" else (lambda r: r.name.en or r.name.ko)
    whole = "아틀라스 전체" if lang == "ko" else "the whole atlas"
    for slug, region in atlas.regions.items():
        article = site.article(f"{prefix}regions/{slug}/")
        parent = region.parent
        here, there = counts(atlas, slug), counts(atlas, parent)
        other_name = name(atlas.regions[parent]) if parent else whole
        table = article.select_one("h2#numbers ~ table.atlas-numbers")
        heads = [th.get_text() for th in table.select("thead th")]
        assert heads[1:3] == [name(region), other_name], slug
        rows = [[td.get_text() for td in tr.select("td")] for tr in table.select("tbody tr")]
        for row, key in zip(rows, ("institutions", "events", "programmes", "targets")):
            assert (number_of(row[0]), number_of(row[1])) == (here[key], there[key]), (slug, key)
            assert row[2] == (ratio_words(here[key], there[key], other_name, lang) or "–"), (slug, key)
        # institutions by type: each type's share here against its share there
        rows = chart_rows(article, "institutions-by-type")
        shown = {k for k in INSTITUTION_TYPES if here["by_type"][k] or there["by_type"][k]}
        assert set(rows) == {vocab("institution_kind", k, lang) for k in shown}, slug
        for kind in shown:
            cells = rows[vocab("institution_kind", kind, lang)]
            share_here = here["by_type"][kind] / here["institutions"] if here["institutions"] else 0
            share_there = there["by_type"][kind] / there["institutions"]
            assert cells[0] == f"{here['by_type'][kind]} ({percent(share_here)})", (slug, kind)
            assert cells[1] == f"{there['by_type'][kind]} ({percent(share_there)})", (slug, kind)
            assert cells[2] == ratio_words(share_here, share_there, other_name, lang, "share"), (slug, kind)
        # events per year: every year from the first to the last (the latest 12 at most)
        rows = chart_rows(article, "events-per-year")
        years = sorted(set(here["years"]) | set(there["years"]))
        if years:
            expected = [str(y) for y in range(max(int(years[0]), int(years[-1]) - 11), int(years[-1]) + 1)]
            assert list(rows) == expected, slug
            for year in expected:
                assert [number_of(c) for c in rows[year][:2]] == [here["years"].get(year, 0), there["years"].get(year, 0)]
        else:
            assert not rows and article.select_one("figure#chart-events-per-year .atlas-chart__empty")
        rows = chart_rows(article, "targets-by-status")
        for status in STATUSES:
            label = vocab("target_status", status, lang)
            if here["statuses"][status] or there["statuses"][status]:
                assert [number_of(c) for c in rows[label][:2]] == [here["statuses"][status], there["statuses"][status]]
            else:
                assert label not in rows


def test_each_chart_has_an_svg_a_table_an_embed_a_csv_and_a_share_box(site, atlas):
    for slug in atlas.regions:
        article = site.article(f"regions/{slug}/")
        for chart in ("institutions-by-type", "events-per-year", "targets-by-status"):
            figure = article.select_one(f"figure#chart-{chart}")
            if figure.select_one(".atlas-chart__empty") is None:
                svg = figure.select_one("svg[role=img]")
                assert svg.get("aria-label") and len(svg.select("text.atlas-chart__label")) == len(figure.select("tbody tr"))
            embed = site.root / f"embed/regions/{slug}/{chart}/index.html"
            assert embed.is_file() and (site.root / f"en/embed/regions/{slug}/{chart}/index.html").is_file()
            csv_link = figure.find_next("a", href=lambda h: h and h.endswith(f"{chart}.csv"))
            assert (site.path(f"regions/{slug}/") .parent / csv_link["href"]).resolve().is_file()
            share = figure.find_next("details", class_="atlas-share")
            code = share.select_one("pre.atlas-code--embed code").get_text()
            frame = BeautifulSoup(code, "html.parser").iframe
            assert frame["src"].endswith(f"embed/regions/{slug}/{chart}/")
            link = share.select_one("pre.atlas-code--link code").get_text()
            assert link.endswith(f"regions/{slug}/#chart-{chart}")


def test_a_chart_csv_holds_the_numbers_of_its_table(site, atlas):
    for slug in atlas.regions:
        frame = pd.read_csv(io.BytesIO((site.root / f"data/charts/regions/{slug}/institutions-by-type.csv").read_bytes()),
                            encoding="utf-8-sig", keep_default_na=False, dtype=str)
        here, there = counts(atlas, slug), counts(atlas, atlas.regions[slug].parent)
        for _, row in frame.iterrows():
            assert int(row["value"]) == here["by_type"][row["key"]]
            assert int(row["compared_value"]) == there["by_type"][row["key"]]
            assert row["compared_with"] == (atlas.regions[slug].parent or "(all)")
            assert row["label_ko"] == vocab("institution_kind", row["key"], "ko")


def test_embed_pages_stand_alone(site, atlas):
    """Nothing to load but the page itself: inline style, no script, links into the atlas' top window."""
    for path in sorted(site.root.glob("embed/**/index.html")) + sorted(site.root.glob("en/embed/**/index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one('meta[http-equiv="Content-Security-Policy"]')
        assert not soup.select("script, iframe, img, link[rel=stylesheet]"), path
        assert soup.select_one("figure.atlas-chart figcaption")
        for link in soup.select("a[href]"):
            assert link["target"] == "_top"
            assert (path.parent / link["href"].split("#")[0]).resolve().exists(), (path, link["href"])


def test_institution_and_programme_panels(site, atlas):
    for slug, inst in atlas.institutions.items():
        article = site.article(f"institutions/{slug}/")
        events = [atlas.events[e] for e, _ in atlas.institution_events.get(slug, [])]
        figure = article.select_one("figure#chart-events-per-year")
        assert (figure is not None) == bool(events), slug
        if events:
            rows = chart_rows(article, "events-per-year")
            for year, cells in rows.items():
                assert number_of(cells[0]) == sum(1 for e in events if e.date.startswith(year))
            assert (site.root / f"embed/institutions/{slug}/events-per-year/index.html").is_file()
    for slug, programme in atlas.programmes.items():
        article = site.article(f"programmes/{slug}/")
        rows = chart_rows(article, "targets-by-status")
        assert bool(rows) == bool(programme.targets)
        for status in STATUSES:
            label = vocab("target_status", status, "ko")
            mine = sum(1 for t in programme.targets if target_status(t, programme.start, REFERENCE).status == status)
            if label in rows:
                assert number_of(rows[label][0]) == mine


# -- projects and targets that name regions; reported outcomes (a small project, built) --------

PLAN = """\
slug: test-plan
type: programme
kind: strategy
name: {ko: 계획, en: Plan}
regions: [chungnam]
start: "2020"
owners: [hoseo-university]
summary: {ko: 요약, en: Summary}
projects:
  - name: {ko: 아산 사업, en: Asan project}
    status: under-way
    regions: [asan]
  - name: {ko: 도 전체 사업, en: Province-wide project}
targets:
  - metric: {ko: 기업, en: Firms}
    value: 450
    unit: {ko: 개사, en: firms}
    by: "2030"
    baseline: 100
    regions: [asan]
    reported:
      - {value: 150, as_of: "2022-12-31", source: test-source}
      - {value: 200, as_of: "2024-12-31", source: test-source, note: {ko: 잠정치, en: provisional}}
  - metric: {ko: 일자리, en: Jobs}
    value: 1000
    unit: {ko: 명, en: jobs}
    by: "2024"
    reported:
      - {value: 1200, as_of: "2024-06-30", source: test-source}
sources: [test-source]
"""


@pytest.fixture(scope="module")
def named_site(tmp_path_factory):
    project = minimal_project(tmp_path_factory.mktemp("named"))
    (project / "data/programmes/test-plan.yml").write_text(PLAN, encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def _article(site_dir, url):
    return BeautifulSoup((site_dir / url / "index.html").read_text(encoding="utf-8"), "html.parser").select_one("article")


def test_region_pages_list_the_projects_and_targets_that_name_them(named_site):
    for url in ("regions/asan", "regions/chungnam", "en/regions/asan"):  # a region includes those inside it
        section = _article(named_site, url).select_one("h2#projects-targets")
        assert section is not None, url
        items = section.find_next("ul").get_text(" ")
        assert ("아산 사업" in items or "Asan project" in items) and ("기업" in items or "Firms" in items), url
        assert "도 전체 사업" not in items and "Province-wide" not in items  # names no region
    asan = _article(named_site, "regions/asan")
    assert asan.select_one("h2#projects-targets ~ ul .atlas-status--behind")  # 200 on 2024-12-31, the path ≈ 259


def test_reported_outcomes_give_statuses_with_their_sources(named_site):
    article = _article(named_site, "programmes/test-plan")
    rows = article.select("h2#targets ~ table tbody tr")
    assert rows[0].select_one(".atlas-status--behind") and "200" in rows[0].get_text() and "2024-12-31" in rows[0].get_text()
    assert rows[0].select_one("sup a[href^='#fn']")  # the report's source, a footnote
    assert rows[1].select_one(".atlas-status--met")
    assert "잠정치" in article.get_text()  # every report listed with its note
    projects = article.select_one("h2#projects ~ table").get_text(" ")
    assert "아산시" in projects


def test_a_project_or_target_naming_an_unknown_region_is_reported(tmp_path):
    project = minimal_project(tmp_path)
    (project / "data/programmes/test-plan.yml").write_text(
        PLAN.replace("    regions: [asan]\n  - name", "    regions: [nowhere]\n  - name"), encoding="utf-8")
    result = run_atlas("validate", cwd=project)
    assert result.returncode == 1
    assert "data/programmes/test-plan.yml:12: projects[0].regions[0]: no region with slug 'nowhere'" in result.stdout, result.stdout
