"""Hostile input that `atlas validate` lets through, and a project built from it.

`atlas validate` refuses the plain forms of active content (``<script>``, ``onclick=``,
``javascript:`` …; see the corpus in test_validation.py). What it lets through is either
harmless markup (escaped in YAML text, sanitised in Markdown) or obfuscated active content
(``&#106;avascript:``) that it does not try to decode. These payloads are that second kind
plus markup that would break a naive renderer; tests/test_escaping.py checks the built HTML
and tests/test_browser.py loads the pages in Chromium and proves none of it runs.

Every payload that could run tries to set ``window.__pwned``, change ``document.title`` or
open an ``alert``, so a browser can tell.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import minimal_project, run_atlas

# Text fields of entries (YAML): printed as literal text on every page that shows them.
YAML_PAYLOADS = [
    "&lt;script&gt;window.__pwned=1&lt;/script&gt;",
    "[클릭 click](https://evil.example/steal)",
    "<img src=x> <b>bold</b> <style>body{display:none}</style>",
    "<a href=&#106;avascript:window.__pwned=2>entity link</a>",
    "**bold** {: .evil #evil-id } `code` ~~strike~~",
    "\"' </title></textarea></script><b>breakout</b>",
    "{{ 7*7 }} {% raw %} ${alert(1)}",
    "<!-- atlas:narrative --> [^test-source] <https://evil.example>",
    "</script><svg><a href=&#x6A;avascript:document.title='pwned'>svg</a></svg>",
]

# Markdown narratives (content/…/<slug>.md): raw HTML, cleaned by the allow-list sanitiser.
NARRATIVE = """호서대학교 이야기 (narrative).

<a href="&#106;avascript:window.__pwned=3" id="entity-link">entity link</a>

<a href="jav&#x09;ascript:window.__pwned=4">tab link</a>

<a href="data&colon;text/html,&lt;script&gt;window.__pwned=5&lt;/script&gt;">data link</a>

<form action="&#106;avascript:window.__pwned=6"><button formaction="&#106;avascript:window.__pwned=7">submit</button></form>

<style>article { display: none }</style>

<svg width="100" height="30"><a xlink:href="&#106;avascript:window.__pwned=8"><text x="0" y="20">svg link</text></a></svg>

<math><maction actiontype="statusline" xlink:href="&#106;avascript:window.__pwned=9">math</maction></math>

<abbr title="&quot;&gt;&lt;script&gt;window.__pwned=10&lt;/script&gt;">abbr</abbr>

<details open><summary>요약 summary</summary>details</details>

<a href="https://example.org/" target="_blank">external link</a>

<div markdown="1">**markdown in html**</div>
"""


def hostile_project(tmp_path: Path) -> Path:
    """The minimal fixture with every allowed-through payload in entries and a narrative."""
    project = minimal_project(tmp_path)
    p = YAML_PAYLOADS

    def edit(rel: str, old: str, new: str) -> None:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new), encoding="utf-8")

    q = json.dumps  # a JSON string is a valid YAML string, quotes and all
    edit("data/institutions/hoseo-university.yml", "name: {ko: 호서대학교, en: Hoseo University}",
         f"name: {{ko: {q('호서대학교 ' + p[0])}, en: {q(p[1])}}}\nshort_names: [{q(p[2])}, {q(p[3])}]")
    edit("data/institutions/hoseo-university.yml", "description: {ko: 아산의 사립대학, en: A private university in Asan}",
         f"description: {{ko: {q(p[4] + ' ' + p[5])}, en: {q(p[6] + ' ' + p[7] + ' ' + p[8])}}}")
    edit("data/events/test-forum.yml", "summary: {ko: 포럼 요약, en: Forum summary}",
         f"summary: {{ko: {q(p[5])}, en: {q(p[8])}}}")
    edit("data/regions/asan.yml", "summary: {ko: 아산시 요약, en: Asan summary}",
         f"summary: {{ko: {q(p[0] + ' ' + p[3])}, en: {q(p[1])}}}")
    edit("data/sources/test-source.yml", "reporter: 홍길동", f"reporter: {q(p[5])}")
    narrative = project / "content/institutions/hoseo-university.md"
    narrative.parent.mkdir(parents=True, exist_ok=True)
    narrative.write_text(NARRATIVE, encoding="utf-8")
    return project


# Pages where the payloads end up (Korean and English, entry pages and indexes).
HOSTILE_PAGES = [
    "institutions/hoseo-university/", "en/institutions/hoseo-university/", "events/test-forum/",
    "en/events/test-forum/", "regions/asan/", "en/regions/asan/", "institutions/", "events/", "sources/test-source/",
    "",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The hostile project, built (strict) once per test module that imports this fixture."""
    tmp = tmp_path_factory.mktemp("hostile")
    project = hostile_project(tmp)
    site = tmp / "site"
    result = run_atlas("build", "--site-dir", str(site), cwd=project, env={"SOURCE_DATE_EPOCH": "1763683200"})
    assert result.returncode == 0, result.stdout + result.stderr
    return site
