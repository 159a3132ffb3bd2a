"""Every HTML file of the site carries a Content-Security-Policy that allows exactly its own inline scripts."""
from __future__ import annotations

import base64
import hashlib
import re

from bs4 import BeautifulSoup

from atlas.render.csp import add_csp, inline_script_hashes, policy_for

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def _directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_policy_hashes_inline_scripts_only():
    html = ('<html><head><meta charset="utf-8"><title>t</title>'
            '<script>var a = 1;</script>'
            '<script src="assets/app.js"></script>'
            '<script type="application/json" id="cfg">{"x": 1}</script>'
            '<script type="module">import "./m.js";</script>'
            '<script>var a = 1;</script>'
            '</head><body><script>\r\nlate()\r\n</script></body></html>')
    assert inline_script_hashes(html) == sorted([_sha("var a = 1;"), _sha('import "./m.js";'), _sha("\nlate()\n")])
    policy = _directives(policy_for(html, "https://atlas.example/korea/"))
    assert policy["script-src"] == ["'self'"] + inline_script_hashes(html)
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["connect-src"] == ["'self'", "https://atlas.example"]
    assert policy["default-src"] == ["'self'"]


def test_meta_comes_first_in_head_and_replaces_an_old_one():
    html = ('<!doctype html><html><head><meta charset="utf-8">'
            '<meta http-equiv="content-security-policy" content="script-src *">'
            '<script>x()</script></head><body></body></html>')
    out = add_csp(html)
    assert out.count("Content-Security-Policy") == 1 and "script-src *" not in out
    assert out.index('<meta charset="utf-8">') < out.index("Content-Security-Policy") < out.index("<script>")
    assert add_csp(out) == out  # idempotent: applying it twice gives the same bytes
    bare = add_csp("<html><head><title>x</title></head></html>")
    assert bare.startswith('<html><head><meta http-equiv="Content-Security-Policy"')


def test_every_html_file_of_the_site_has_a_policy_matching_its_scripts(site):
    pages = site.html_pages()
    assert any("/maps/" in p.as_posix() for p in pages) or not (site.root / "maps").exists()
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found = META.findall(html)
        rel = path.relative_to(site.root).as_posix()
        assert len(found) == 1, rel
        policy = _directives(found[0])
        # every inline script of the page is allowed by its hash, and nothing else inline is
        assert policy["script-src"] == ["'self'"] + inline_script_hashes(html), rel
        # the policy comes before any script or style sheet, inside <head>
        assert html.index(found[0]) < min((html.find(t) for t in ("<script", "<link", "<style") if t in html),
                                          default=len(html)), rel
        meta = BeautifulSoup(html, "html.parser").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta.find_parent("head") is not None, rel


def test_theme_pages_have_inline_scripts_that_are_hashed(site):
    html = (site.root / "index.html").read_text(encoding="utf-8")
    assert len(inline_script_hashes(html)) >= 1  # mkdocs-material writes some; they must run
