"""Every HTML file of the site carries one Content-Security-Policy: scripts from the site's files only.

The policy never depends on what a page contains (a policy computed from the finished page would
allow whatever was injected into it); the site's own pages hold no inline script, so they need none.
"""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

from atlas.render.csp import add_csp, policy_for

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# what a browser runs as classic script or module (the rest, e.g. application/json, is data)
SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
                "text/ecmascript"}


def _directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script of a document that a browser would run."""
    soup = BeautifulSoup(html, "html.parser")
    return [s.get_text() for s in soup.find_all("script")
            if not s.get("src") and (s.get("type") or "").strip().lower() in SCRIPT_TYPES]


def test_the_policy_allows_scripts_from_the_site_only():
    policy = _directives(policy_for("https://atlas.example/korea/"))
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no hashes, no 'unsafe-eval'
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["connect-src"] == ["'self'", "https://atlas.example"]
    assert policy["default-src"] == ["'self'"]
    assert _directives(policy_for(None))["connect-src"] == ["'self'"]


def test_a_page_holding_an_inline_script_gets_the_same_policy():
    """What a page holds never widens its policy: an injected script is not blessed by a hash."""
    plain = add_csp('<html><head><meta charset="utf-8"></head><body><p>x</p></body></html>')
    injected = add_csp('<html><head><meta charset="utf-8"><script>alert(1)</script></head>'
                       '<body><script>window.__pwned = 1</script></body></html>')
    assert META.findall(plain) == META.findall(injected) == [policy_for(None)]


def test_meta_comes_first_in_head_and_replaces_an_old_one():
    html = ('<!doctype html><html><head><meta charset="utf-8">'
            '<meta http-equiv="content-security-policy" content="script-src *">'
            '<script src="x.js"></script></head><body></body></html>')
    out = add_csp(html)
    assert out.count("Content-Security-Policy") == 1 and "script-src *" not in out
    assert out.index('<meta charset="utf-8">') < out.index("Content-Security-Policy") < out.index("<script")
    assert add_csp(out) == out  # idempotent: applying it twice gives the same bytes
    bare = add_csp("<html><head><title>x</title></head></html>")
    assert bare.startswith('<html><head><meta http-equiv="Content-Security-Policy"')


def test_every_html_file_of_the_site_has_the_policy_and_no_inline_script(site):
    pages = site.html_pages()
    assert any("/maps/" in p.as_posix() for p in pages) or not (site.root / "maps").exists()
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found = META.findall(html)
        rel = path.relative_to(site.root).as_posix()
        assert len(found) == 1, rel
        assert _directives(found[0])["script-src"] == ["'self'"], rel
        # the site's own pages need no inline script: the theme's, the search's and the maps' are files
        assert inline_scripts(html) == [], rel
        # the policy comes before any script or style sheet, inside <head>
        assert html.index(found[0]) < min((html.find(t) for t in ("<script", "<link", "<style") if t in html),
                                          default=len(html)), rel
        meta = BeautifulSoup(html, "html.parser").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta.find_parent("head") is not None, rel


def test_every_script_a_page_loads_is_a_file_of_the_site(site):
    """The scripts that replaced inline ones are served: each page's <script src> resolves to a file."""
    for url in ("", "regions/asan/", "en/institutions/kaist/", "404.html"):
        page = site.path(url)
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        sources = [s["src"] for s in soup.find_all("script", src=True)]
        assert any("atlas-theme-base.js" in s for s in sources), url
        for src in sources:  # relative, or from the site root (the 404 page, served at any depth)
            path = src.split("?")[0]
            target = site.root / path.lstrip("/") if path.startswith("/") else page.parent / path
            assert target.resolve().is_file(), (url, src)
    for doc in sorted((site.root / "maps").rglob("*.html")):
        soup = BeautifulSoup(doc.read_text(encoding="utf-8"), "html.parser")
        own = doc.with_suffix(".js")
        assert own.is_file(), doc
        assert own.name in [s["src"] for s in soup.find_all("script", src=True)], doc
