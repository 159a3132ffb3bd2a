"""The benchmark (bench/run.py) runs end to end on its smallest tier.

No timing is checked here (these machines are noisy; the numbers live in the README): only that
every measurement is made and reported — the synthetic national atlas is generated and valid,
the atlas, the plain mkdocs-material yardstick and the build without maps all build, `atlas serve`
shows an edit on the entry's page and on its region's page (through the real command and HTTP), the
`mkdocs serve` rebuild shows the edit, chromium weighs the three pages and Lighthouse scores them.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, require_browser

TINY_TIER, TINY_REGIONS = 100, 6  # a tiny national atlas: the test checks that it all runs, in minutes


def test_benchmark_runs_on_a_tiny_tier(tmp_path):
    require_browser()  # chromium weighs the pages
    if not (ROOT / "node_modules" / ".bin" / "lighthouse").exists():
        pytest.fail("Lighthouse is not installed: run `npm ci` (make install-test does)", pytrace=False)
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, str(ROOT / "bench/run.py"), "--tiers", str(TINY_TIER), "--regions", str(TINY_REGIONS),
                           "--runs", "1", "--lighthouse-runs", "1",
                           "--out", str(out)], cwd=tmp_path, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["machine"]["nproc"] >= 1 and report["command"].startswith("python bench/run.py")
    [tier] = report["tiers"]
    entries = tier["entries"]
    assert tier["tier"] == str(TINY_TIER)
    assert abs(entries["total"] - TINY_TIER) <= TINY_TIER * 0.05, entries
    assert entries["regions"] >= TINY_REGIONS  # sigungu of the official boundaries, and their provinces
    assert min(entries[k] for k in ("institutions", "events", "programmes", "sources")) > 0, entries
    # the plain yardstick renders as many pages as the atlas build did
    assert tier["pages"]["mkdocs_pages"] > 2 * entries["total"] * 0.9  # Korean and English
    assert tier["site"]["html_files"] >= tier["pages"]["mkdocs_pages"]
    for build in ("atlas_build", "plain_build", "nomaps_build"):
        assert tier[build]["wall_s"] > 0 and tier[build]["cpu_s"] > 0, build
    assert tier["ratio"] == pytest.approx(tier["atlas_build"]["wall_s"] / tier["plain_build"]["wall_s"])
    build = tier["atlas_build"]
    assert build["peak_tree_rss"] >= build["peak_rss"] > 50 * 2**20
    assert build["peak_tree_rss"] >= build["peak_tree"] > 50 * 2**20  # PSS: shared pages counted once
    assert tier["validate_s"] > 0
    assert tier["serve"]["rebuild_s"] > 0 and tier["serve"]["entry"].startswith("data/institutions/")
    shown = tier["preview"]
    assert shown["first_build_s"] > 0 and shown["entry"].startswith("data/institutions/")
    assert shown["backlink"].startswith("regions/")
    assert len(shown["edited_runs_s"]) == len(shown["backlink_runs_s"]) == 3
    assert min(shown["edited_runs_s"] + shown["backlink_runs_s"]) > 0
    assert shown["edited_s"] in shown["edited_runs_s"] and shown["backlink_s"] in shown["backlink_runs_s"]
    for page in ("region", "institution", "home"):
        weights = tier["weights"][page]
        assert weights["other_hosts"] == [], weights
        first, repeat = weights["first"], weights["repeat"]
        assert first["requests"] > repeat["requests"] >= 1  # the HTML again, the rest from the cache
        assert first["gzip"] > repeat["gzip"] > 0
    assert tier["weights"]["region"]["url"].startswith("/regions/")
    # Lighthouse (mobile) scores the same pages; no score is asserted (the machine's load moves it)
    for page in ("region", "institution", "home"):
        scored = tier["lighthouse"][page]
        assert scored["url"] == tier["weights"][page]["url"]
        assert len(scored["scores"]) == 1 and 0 <= scored["score"] <= 100
        assert {"fcp_ms", "lcp_ms", "tbt_ms", "cls"} <= set(scored["median_run"]["metrics"])
    # the report: a table with a column for the tier, the JSON beside it, a verdict per target
    assert f"| | {TINY_TIER} |" in done.stdout and report["table"] in done.stdout
    assert "ratio ≤ 1.0 on every tier (1,000 / 5,000 / 15,000)" in report["verdicts"]
    assert "`atlas serve`: an edit shown on its page / on its region's page" in report["table"]
    assert "region page ≤ 150 KB first visit" in report["verdicts"]
    assert "Lighthouse mobile performance ≥ 90 (home, region, institution)" in report["verdicts"]
