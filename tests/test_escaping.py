"""Text from entries stays text, and Markdown keeps no active HTML: nothing a contributor writes runs.

Plain forms of active content (``<script>``, ``onclick=``, ``javascript:``) are refused by
`atlas validate` (tests/test_validation.py). These tests cover what is let through
(tests/hostile_corpus.py): it is escaped (YAML text) or sanitised (Markdown) in the built HTML.
tests/test_browser.py proves the same in a real browser. The sanitiser is also checked on its
own against the refused forms, since it is the guarantee and the validator only a courtesy.
"""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit
from bs4 import BeautifulSoup

from atlas.render import sanitise_html
from conftest import minimal_project, run_atlas
from hostile_corpus import HOSTILE_PAGES, YAML_PAYLOADS, hostile_site  # noqa: F401 (a fixture)

SAFE_SCHEMES = ("", "http", "https", "mailto")  # "": a relative address (a full-width ｊavascript: is one)


#: what an inline SVG may hold once sanitised (the atlas' charts are drawn with these): shapes and text,
#: and an HTML link's <a>; nothing that loads or runs (use, image, foreignObject, animate, script, style)
SVG_DRAWING = {"svg", "g", "rect", "line", "text", "a"}


def _assert_inert(article, where):
    assert not article.select("script, iframe:not(.atlas-map__frame), object, embed, form, button, style, math, "
                              "base, meta, link"), where
    for svg in article.select("svg"):
        assert {tag.name for tag in svg.find_all(True)} <= SVG_DRAWING, (where, svg)
    for tag in article.find_all(True):
        assert not any(attr.lower().startswith("on") for attr in tag.attrs), (where, tag)
        for attr in ("href", "src", "action", "formaction", "xlink:href"):
            # as a browser reads a URL (WHATWG): C0 controls and spaces around it dropped, tabs and line
            # breaks inside removed; then only these schemes, or none (a relative address)
            value = re.sub(r"^[\x00-\x20]+|[\x00-\x20]+$|[\t\n\r]", "", str(tag.get(attr, ""))).lower()
            if value:
                assert urlsplit(value).scheme in SAFE_SCHEMES, (where, tag)


def test_hostile_input_is_escaped_or_sanitised_on_every_page(hostile_site):
    site = hostile_site
    for url in HOSTILE_PAGES:
        html = (site / url / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        _assert_inert(soup.select_one("article"), url)
        # the page's own scripts are the theme's: external files of the site, or inline ones it wrote
        for script in soup.find_all("script"):
            src = script.get("src", "")
            assert not src.startswith(("http:", "https:", "//")), (url, script)
            if script.get("type", "").endswith("json"):  # data (JSON-LD, config): must still be whole JSON
                json.loads(script.get_text())
            else:
                assert "__pwned" not in script.get_text(), (url, script)
        assert soup.title.find() is None, url  # the title is text only: no element made from entry text


def test_yaml_text_is_printed_literally(hostile_site):
    site = hostile_site
    article = BeautifulSoup((site / "institutions/hoseo-university/index.html").read_text(encoding="utf-8"),
                            "html.parser").select_one("article")
    text = " ".join(article.get_text(" ").split())
    for payload in YAML_PAYLOADS[:6]:
        assert " ".join(payload.split()) in text, payload
    # no link or emphasis was made out of the Markdown in the text
    assert not article.select('a[href*="evil.example"], em, del, code:-soup-contains("code")')


def test_narrative_html_is_sanitised(hostile_site):
    site = hostile_site
    article = BeautifulSoup((site / "institutions/hoseo-university/index.html").read_text(encoding="utf-8"),
                            "html.parser").select_one("article")
    assert "호서대학교 이야기 (narrative)." in article.get_text()
    link = article.select_one("#entity-link")
    assert link is not None and not link.has_attr("href")
    assert article.select_one('a[href="https://example.org/"]').get_text() == "external link"
    assert article.select_one("details summary").get_text() == "요약 summary"
    assert "markdown in html" in [strong.get_text() for strong in article.select("div strong")]


REFUSED = {
    "<script>window.__pwned=1</script><p>ok</p>": "<p>ok</p>",
    '<a href="javascript:alert(1)" onclick="alert(2)">x</a>': "<a>x</a>",
    '<img src="x.png" onerror="alert(1)" alt="a">': '<img src="x.png" alt="a">',
    '<p onmouseover="alert(1)" class="c">t</p>': '<p class="c">t</p>',
    '<iframe src="https://evil.example"></iframe><p>ok</p>': "<p>ok</p>",
    '<IFRAME SRC="https://evil.example"></IFRAME><p>ok</p>': "<p>ok</p>",
    '<p>a</p><iFrAmE\nsrc="javascript:alert(1)" title="t"></iFrAmE>': "<p>a</p>",
    '<svg><script>alert(1)</script></svg>': "<svg></svg>",  # (inline SVG drawings are allowed: charts)
    '<svg onload="alert(1)" style="x"><use href="#a"></use><image href="x.png"></image><foreignObject><p>x</p>'
    '</foreignObject><animate attributeName="href" to="javascript:alert(1)"></animate><rect fill="url(#x)" x="1">'
    '</rect></svg>': '<svg><rect x="1"></rect></svg>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">': "",
    '<object data="x.swf"></object><embed src="x.swf">': "",
    '<a href="VBScript:msgbox(1)">v</a>': "<a>v</a>",
    '<td style="color:red; text-align: center; background:url(javascript:alert(1))">c</td>': "c",
}


def test_sanitiser_removes_what_the_validator_refuses():
    """Defence in depth: even if the validator missed it, the sanitiser would remove it."""
    for dirty, clean in REFUSED.items():
        assert sanitise_html(dirty) == clean, dirty
    table = sanitise_html('<table><tr><td style="color:red; text-align: center">c</td></tr></table>')
    assert 'style="text-align: center;"' in table or 'style="text-align:center"' in table


def test_entry_names_stay_text_in_titles_and_header(tmp_path):
    """Themes print page titles as HTML (<title>, the header): a name with markup must stay text there."""
    project = minimal_project(tmp_path)
    name = 'Hoseo <a href="https://evil.example/">link</a> </title><b>bold</b> & "q"'
    inst = project / "data/institutions/hoseo-university.yml"
    inst.write_text(inst.read_text(encoding="utf-8").replace(
        "name: {ko: 호서대학교, en: Hoseo University}", "name: {ko: " + json.dumps(name) + ", en: " + json.dumps(name) + "}"),
        encoding="utf-8")
    result = run_atlas("build", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    for page in ("institutions/hoseo-university/index.html", "en/institutions/hoseo-university/index.html"):
        soup = BeautifulSoup((tmp_path / "site" / page).read_text(encoding="utf-8"), "html.parser")
        assert soup.title.get_text().startswith(name + " - ")
        assert not soup.select('a[href="https://evil.example/"]'), page
        assert not soup.select("header b, head b, title b"), page
        og = soup.select_one('meta[property="og:title"]')["content"]
        assert og == name
