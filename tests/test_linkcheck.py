"""LinkChecker over the built site finds no broken internal link (and does find one when there is)."""
from __future__ import annotations

from atlas.linkcheck import check_links


def test_built_site_has_no_broken_internal_link(site):
    result = check_links(site.root, capture=True)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert " 0 errors found." in result.stdout
    checked = int(result.stdout.split(" links in ")[0].rsplit("\n", 1)[-1].split()[-1])
    assert checked > 200  # it did follow the site: pages, maps, assets


def test_a_broken_link_is_found(tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
        '<link rel="stylesheet" href="assets/missing.css"></head>'
        '<body><a href="page/">page</a> <a href="gone/">gone</a> <img src="missing.png" alt="">'
        '<a href="https://example.invalid/">outside (not fetched)</a></body></html>', encoding="utf-8")
    (tmp_path / "page").mkdir()
    (tmp_path / "page/index.html").write_text("<!doctype html><title>p</title><p>ok</p>", encoding="utf-8")
    result = check_links(tmp_path, capture=True)
    assert result.returncode == 1
    report = result.stdout
    for broken in ("gone/", "missing.png", "assets/missing.css"):
        assert broken in report, broken
    assert " 3 errors found." in report
