"""WCAG 2.1 AA, measured with axe-core in chromium on the pages readers use most, phone and desktop.

Reports, per page, the share of applicable axe rules that pass (the same idea as
Lighthouse's accessibility score) and fails on any violation.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["", "en/", "regions/asan/", "en/regions/asan/", "regions/chungcheong-union/", "institutions/kaist/",
         "events/asan-a-tech-forum-2025/", "programmes/daejeon-advanced-sensor-strategy-2020-2025/",
         "events/", "institutions/", "sources/newsstep-2025-11-21-asan-a-tech-forum/",
         "regions/no-such-region/deeper/", "en/institutions/no-such/page.html",  # the 404 page, in each language
         "events/?region=chungcheong-union&year=2025", "en/institutions/nnfc/",  # a filtered timeline; a breadcrumb
         # issue 13: targets against outcomes, compare (rendered by its script), charts' embed pages
         "targets/", "en/targets/", "compare/?r=asan&r=daejeon&r=ansan-science-valley", "en/compare/?r=asan&r=chungnam",
         "embed/regions/asan/institutions-by-type/", "en/embed/regions/chungcheong-union/events-per-year/",
         "embed/programmes/daejeon-advanced-sensor-strategy-2020-2025/targets-by-status/"]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `npm ci` (make install-test does)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_pages_meet_wcag_21_aa(browser, served_site, axe_source, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport], bypass_csp=True)  # to inject axe itself
    page = context.new_page()
    lines, failures = [], []
    for url in PAGES:
        page.goto(served_site + url)
        page.wait_for_load_state("load")
        if url.split("?")[0].endswith("compare/"):
            page.wait_for_selector(".atlas-compare__table")  # made by its script once its data is read
        page.add_script_tag(content=axe_source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS)
        passes, violations = len(result["passes"]), result["violations"]
        score = passes / max(1, passes + len(violations))
        lines.append(f"{score:5.0%}  {len(violations)} violations  /{url}")
        for v in violations:
            targets = "; ".join(" ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
                                for n in v["nodes"][:3])
            failures.append(f"/{url} [{viewport}] {v['id']} ({v['impact']}): {v['help']} — {targets}")
    context.close()
    print(f"\naxe-core {viewport}: share of applicable WCAG 2.1 A/AA rules passed\n" + "\n".join(lines))
    assert not failures, "\n".join(failures)
