"""Valid markup: the W3C's Nu Html Checker (vnu, from npm's vnu-jar, run offline with Java) finds no
error in the built site but the theme's own, listed below.

The whole seed site is checked, every HTML file (pages in both languages, the 404 page, map documents,
redirect pages): one run of the checker, 6.5–8.5 s for 229 files on two busy cores (load 4) — fast
enough that no sample is needed, and a new page type is checked the day it appears.

``THEME_ERRORS`` is the allow-list: each entry names the theme template that writes the markup, the
checker's message and the exact markup it points at, and why it stays. Anything else fails — an error
from our templates or generated HTML always does, even when its message is one of the theme's.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class ThemeError:
    template: str  # the mkdocs-material 9.7.6 template that writes it
    message: str  # the checker's message (a regular expression, matched whole)
    markup: str  # the markup the checker points at (a regular expression, matched whole)
    why: str

    def allows(self, error: dict) -> bool:
        return bool(re.fullmatch(self.message, error["message"]) and re.fullmatch(self.markup, pointed_at(error)))


THEME_ERRORS = (
    ThemeError(
        template="base.html",
        message=r"Attribute “autocomplete” is only allowed when the input type is .*",
        markup=r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" '
               r'autocomplete="off">',
        why="the theme's drawer and search toggles, on every page: hidden checkboxes with autocomplete=off so that "
            "a browser does not restore them checked when the reader comes back to the page",
    ),
    ThemeError(
        template="partials/toc.html",
        message=r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form "
                r"control\.",
        markup=r'<label class="md-nav__title" for="__toc">',
        why="the table of contents' title labels the __toc toggle, which partials/nav-item.html writes only for a "
            "page in the navigation: entry pages are not in it, on purpose (a navigation of 30,000 pages costs "
            "pages² to render)",
    ),
)


def pointed_at(error: dict) -> str:
    """The markup an error points at (the checker's highlighted part of its extract)."""
    extract = error.get("extract") or ""
    start = error.get("hiliteStart") or 0
    return extract[start:start + (error.get("hiliteLength") or 0)].strip()


def theme_error_of(error: dict) -> ThemeError | None:
    return next((known for known in THEME_ERRORS if known.allows(error)), None)


def run_vnu(files: list[Path]) -> list[dict]:
    """Every error (and any file the checker could not read) of ``files``, as the checker's JSON gives them."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("the markup check needs Java 11 or later (Debian: sudo apt install default-jre-headless)",
                    pytrace=False)
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", *map(str, files)],
                          capture_output=True, text=True, timeout=600)
    assert done.stdout.strip(), f"vnu wrote no report (exit {done.returncode}): {done.stderr[-2000:]}"
    return [m for m in json.loads(done.stdout)["messages"] if m.get("type") in ("error", "non-document-error")]


def where(error: dict, root: Path) -> str:
    path = error.get("url", "").removeprefix("file:")
    try:
        path = Path(path).relative_to(root).as_posix()
    except ValueError:
        pass
    return f"{path}:{error.get('lastLine', '?')}: {error['message']} — {pointed_at(error)[:160]}"


# markup no theme writes, next to the theme's own: the allow-list must tell them apart
CANARY = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>canary</title></head><body>
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
<input type="checkbox" id="atlas-own" autocomplete="off">
<iframe src="maps/x.html" title="map" width="100%"></iframe>
</body></html>
"""


@pytest.fixture(scope="module")
def vnu_errors(site, tmp_path_factory) -> dict:
    """``{"site": [errors of every HTML file of the built site], "canary": [errors of CANARY]}`` (one run)."""
    if not VNU.is_file():
        pytest.skip("vnu-jar is not installed: run `npm ci` (make install-test does)")
    canary = tmp_path_factory.mktemp("vnu") / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    pages = site.html_pages()
    assert len(pages) > 10 and site.path("404.html") in pages
    errors = run_vnu(pages + [canary])
    return {"site": [e for e in errors if not e.get("url", "").endswith("/canary.html")],
            "canary": [e for e in errors if e.get("url", "").endswith("/canary.html")]}


def test_the_built_site_has_no_markup_error_but_the_themes_own(site, vnu_errors):
    ours = [e for e in vnu_errors["site"] if theme_error_of(e) is None]
    print(f"\nvnu: {len(vnu_errors['site'])} errors in {len(site.html_pages())} HTML files, "
          f"{len(vnu_errors['site']) - len(ours)} of them the theme's known ones")
    assert not ours, "markup errors outside the theme's known ones:\n" + "\n".join(
        where(e, site.root) for e in ours[:60])


def test_each_allowed_theme_error_still_occurs(vnu_errors):
    """An entry of the allow-list that no longer matches anything (the theme fixed it, or a template of
    ours replaced the markup) is removed, so that the list stays the theme's errors of today."""
    for known in THEME_ERRORS:
        assert any(known.allows(e) for e in vnu_errors["site"]), f"no longer needed: {known.template}: {known.markup}"


def test_the_allow_list_lets_through_only_the_themes_markup(vnu_errors):
    allowed = [pointed_at(e) for e in vnu_errors["canary"] if theme_error_of(e)]
    refused = [pointed_at(e) for e in vnu_errors["canary"] if not theme_error_of(e)]
    assert allowed == ['<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">']
    assert any('id="atlas-own"' in markup for markup in refused)  # the same message, on markup of ours
    assert any(markup.startswith("<iframe") for markup in refused)  # width="100%" is not valid HTML
