"""Targets against outcomes: the status rules (atlas.targets) on fixed reference dates, one case per rule,
and the statuses on the built pages (programme page, the page of every target, targets.csv)."""
from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest

from atlas.models import Report, Target
from atlas.targets import DUE_WITHIN_DAYS, STATUSES, last_day, target_status

D = dt.date


def target(value=100, by="2030", baseline=None, direction=None, reported=()):
    return Target(metric={"ko": "지표"}, value=value, unit={"ko": "개"}, by=by, baseline=baseline,
                  direction=direction, reported=[Report(value=v, as_of=d, source="s") for v, d in reported])


# (case, target, programme start, reference date, expected status)
RULES = [
    ("no report, deadline far", target(), "2020", D(2025, 11, 21), "no-report"),
    ("no report, deadline past: unknown, not missed", target(by="2024"), "2020", D(2025, 11, 21), "no-report"),
    ("deadline within 365 days", target(by="2026-09", reported=[(10, "2025-01-01")]), "2020", D(2025, 11, 21), "due"),
    ("deadline within 365 days, no report yet", target(by="2026-06"), "2020", D(2025, 11, 21), "due"),
    ("a report reaching the target by the deadline", target(reported=[(120, "2025-06-30")]), "2020", D(2025, 11, 21), "met"),
    ("met stays met after the deadline", target(by="2024", reported=[(100, "2024-12-31")]), "2020", D(2026, 3, 1), "met"),
    ("reached only after the deadline: missed", target(by="2024", reported=[(50, "2024-06-30"), (130, "2025-03-31")]),
     "2020", D(2025, 11, 21), "missed"),
    ("deadline past, reports short of it", target(by="2024", reported=[(80, "2024-12-31")]), "2020", D(2025, 1, 1), "missed"),
    # path from baseline 0 at 2020-01-01 to 100 at 2030-12-31: about 50 on 2025-06-30
    ("on the path", target(baseline=0, reported=[(55, "2025-06-30")]), "2020", D(2025, 11, 21), "on-track"),
    ("below the path", target(baseline=0, reported=[(30, "2025-06-30")]), "2020", D(2025, 11, 21), "behind"),
    ("the latest report counts", target(baseline=0, reported=[(60, "2024-01-01"), (40, "2025-06-30")]), "2020",
     D(2025, 11, 21), "behind"),
    ("reports after the reference date are not known yet", target(baseline=0, reported=[(100, "2026-01-01")]), "2020",
     D(2025, 11, 21), "no-report"),
    ("no baseline: the path starts at the first report", target(reported=[(10, "2021-01-01"), (60, "2025-06-30")]),
     None, D(2025, 11, 21), "on-track"),
    ("no baseline, one report: no path", target(reported=[(60, "2025-06-30")]), "2020", D(2025, 11, 21), "reported"),
    ("baseline but no programme start, one report: no path", target(baseline=0, reported=[(60, "2025-06-30")]), None,
     D(2025, 11, 21), "reported"),
    ("decreasing (baseline above target): met at or below", target(value=50, baseline=100, reported=[(45, "2025-01-01")]),
     "2020", D(2025, 11, 21), "met"),
    ("decreasing, falling along the path", target(value=50, baseline=100, reported=[(70, "2025-06-30")]), "2020",
     D(2025, 11, 21), "on-track"),
    ("decreasing, falling too slowly", target(value=50, baseline=100, reported=[(95, "2025-06-30")]), "2020",
     D(2025, 11, 21), "behind"),
    ("direction written wins over the baseline", target(value=50, baseline=100, direction="increase",
                                                         reported=[(45, "2025-01-01")]), "2020", D(2025, 11, 21), "behind"),
]


@pytest.mark.parametrize("case, tgt, start, reference, expected", RULES, ids=[r[0] for r in RULES])
def test_status_rules(case, tgt, start, reference, expected):
    assert target_status(tgt, start, reference).status == expected


def test_every_status_has_a_rule_case():
    assert {r[-1] for r in RULES} == set(STATUSES)


def test_the_deadline_is_the_last_day_of_its_period_and_due_counts_days():
    assert last_day("2030") == D(2030, 12, 31) and last_day("2028-02") == D(2028, 2, 29) and last_day("2030-06-15") == D(2030, 6, 15)
    tgt = target(by="2026-12-31", reported=[(1, "2025-01-01")])
    assert target_status(tgt, "2020", D(2026, 12, 31) - dt.timedelta(days=DUE_WITHIN_DAYS)).status == "due"
    assert target_status(tgt, "2020", D(2026, 12, 31) - dt.timedelta(days=DUE_WITHIN_DAYS + 1)).status == "reported"
    assert target_status(tgt, "2020", D(2027, 1, 1)).status == "missed"


def test_the_latest_report_and_the_expected_value_are_given():
    result = target_status(target(baseline=0, reported=[(30, "2025-06-30"), (10, "2022-01-01")]), "2020", D(2025, 11, 21))
    assert result.latest.value == 30 and result.latest.as_of == "2025-06-30"
    assert result.expected == pytest.approx(100 * (D(2025, 6, 30) - D(2020, 1, 1)).days / (D(2030, 12, 31) - D(2020, 1, 1)).days)


# -- the built site (built with SOURCE_DATE_EPOCH=1763683200: 2025-11-21) -----------------------

REFERENCE = D(2025, 11, 21)


def test_programme_pages_show_each_target_against_its_outcomes(site, atlas):
    for slug, programme in atlas.programmes.items():
        if not programme.targets:
            continue
        for prefix, as_of in (("", "상태 기준일: 2025-11-21"), ("en/", "Status as of 2025-11-21")):
            article = site.article(f"{prefix}programmes/{slug}/")
            table = article.select_one("h2#targets ~ table")
            rows = table.select("tbody tr")
            assert len(rows) == len(programme.targets)
            for row, tgt in zip(rows, programme.targets):
                status = target_status(tgt, programme.start, REFERENCE)
                assert row.select_one(f".atlas-status--{status.status}"), (slug, row)
                cells = [c.get_text(" ", strip=True) for c in row.select("td")]
                assert cells[4] == tgt.by
                assert f"{tgt.value:,g}".replace(",", "") in cells[3].replace(",", "")
                if status.latest is None:
                    assert cells[5] == "–"
                else:
                    assert status.latest.as_of in cells[5]
            assert as_of in article.get_text(" ")


def test_the_targets_page_lists_every_target_by_deadline_and_sorts(site, atlas):
    expected = sorted(((target_status(t, p.start, REFERENCE).deadline, p.slug, n)
                       for p in atlas.programmes.values() for n, t in enumerate(p.targets, start=1)))
    for prefix in ("", "en/"):
        article = site.article(f"{prefix}targets/")
        rows = article.select(".atlas-sortable table tbody tr")
        assert len(rows) == len(expected)
        shown = []
        for row in rows:
            link = row.select_one("td a")["href"]
            slug = link.rstrip("/").split("/")[-1]
            n = int(row.select_one("td").get_text().rsplit("#", 1)[1])
            deadline = row.select("td")[4].select_one("data")["value"]
            shown.append((dt.date.fromisoformat(deadline), slug, n))
        assert shown == expected  # soonest deadline first, without JavaScript
        assert "2025-11-21" in article.select_one("p strong").get_text()
        assert article.select_one("h2#rules")
        assert site.soup(f"{prefix}targets/").select_one('script[src$="atlas-sort.js"]')


def test_targets_csv_has_the_status_columns(site, atlas):
    frame = pd.read_csv(io.BytesIO((site.root / "data/targets.csv").read_bytes()), encoding="utf-8-sig",
                        keep_default_na=False)
    for column in ("direction", "regions", "reports", "latest_value", "latest_as_of", "latest_source", "status",
                   "status_as_of"):
        assert column in frame.columns
    for _, row in frame.iterrows():
        programme = atlas.programmes[row["programme"]]
        tgt = programme.targets[int(row["target"]) - 1]
        assert row["status"] == target_status(tgt, programme.start, REFERENCE).status
        assert row["status_as_of"] == "2025-11-21"
        assert int(row["reports"]) == len(tgt.reported)
