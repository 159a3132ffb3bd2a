"""What content/ may hold (types, names, no links) and how a hand-written page is read
(front matter checked after decoding, BOM and NFD accepted, slow Markdown refused).

Most cases go through `atlas validate` as a contributor runs it, several at once (every problem
is reported together); the page reader (src/atlas/page_source.py) is also driven with open-ended
input by hypothesis. What the built site makes of accepted pages is in test_content_site.py.
"""
from __future__ import annotations

import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, run_atlas

FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
LINE = re.compile(r"^.+?:\d+: [^\s:]+: .+$")  # file:line: field: message (a refused file name may hold ':')
KINDS = "Markdown pages (.md), images (.png, .jpg, .jpeg, .gif, .webp, .avif) and PDF (.pdf)"
NO_LINKS = ("content/ takes no links (MkDocs would publish whatever they point at, even outside the repository): "
            "copy the file or folder into content/ instead")

# first bytes of real files of each allowed type (enough for the check, which reads the head only)
PNG = (ROOT / "site_templates/assets/vendor/leaflet-1.9.4/images/marker-icon.png").read_bytes()
GOOD_ASSETS = {
    "content/assets/map.png": PNG,
    "content/assets/photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(32),
    "content/assets/photo-2.jpeg": b"\xff\xd8\xff\xdb" + bytes(32),
    "content/assets/anim.gif": b"GIF89a" + bytes(32),
    "content/assets/pic.webp": b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(32),
    "content/assets/pic.avif": b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf" + bytes(16),
    "content/assets/pic-2.avif": b"\x00\x00\x00\x20ftypmif1\x00\x00\x00\x00mif1avifmiafMA1B" + bytes(16),
    "content/reports/plan_2025.v2.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(32),
}
HTML = b"<!doctype html><script>window.__pwned=1</script>"


def _project(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    for rel, content in files.items():
        target = project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        target.write_bytes(content)
    return project


def _validate(project: Path) -> list[str]:
    result = run_atlas("validate", "--root", str(project), cwd=project)
    assert "Traceback" not in result.stdout + result.stderr
    if result.returncode == 0:
        assert result.stdout.startswith("OK: "), result.stdout
        return []
    lines = result.stdout.splitlines()
    assert result.returncode == 1 and lines, result.stdout + result.stderr
    for line in lines:
        assert LINE.match(line), line
    return lines


# --- file types: an allow-list, checked by suffix and by the first bytes ---------------------------

def test_allowed_types_with_their_real_contents_are_accepted(tmp_path):
    project = _project(tmp_path, {**GOOD_ASSETS, "content/notes/page.md": "# 쪽\n"})
    assert _validate(project) == []


REFUSED_SUFFIXES = [".xht", ".xhtml", ".html", ".htm", ".svg", ".js", ".mjs", ".css", ".xml", ".json", ".txt",
                    ".yml", ".wasm", ".swf", ".markdown", ".md.html"]


def test_every_other_type_is_refused_whatever_it_holds(tmp_path):
    files = {f"content/assets/x{suffix}": HTML for suffix in REFUSED_SUFFIXES}
    files["content/assets/noext"] = HTML
    lines = _validate(_project(tmp_path, files))
    expected = [f"content/assets/x{suffix}:1: -: {os.path.splitext('x' + suffix)[1]} files are not allowed in "
                f"content/: it takes only {KINDS}; the site's own scripts and styles live in site_templates/"
                for suffix in REFUSED_SUFFIXES]
    expected.append(f"content/assets/noext:1: -: files without a type suffix are not allowed in content/: it takes "
                    f"only {KINDS}; the site's own scripts and styles live in site_templates/")
    assert sorted(lines) == sorted(expected)


@pytest.mark.parametrize("suffix, kind", [(".png", "PNG image"), (".jpg", "JPEG image"), (".jpeg", "JPEG image"),
                                          (".gif", "GIF image"), (".webp", "WebP image"), (".avif", "AVIF image"),
                                          (".pdf", "PDF document")])
def test_a_file_whose_contents_are_not_its_type_is_refused(tmp_path, suffix, kind):
    """An HTML document renamed .png (or an empty file, or a PNG renamed .pdf) is not published."""
    other = PNG if suffix != ".png" else GOOD_ASSETS["content/assets/anim.gif"]
    files = {f"content/assets/a{suffix}": HTML, f"content/assets/b{suffix}": b"",
             f"content/assets/c{suffix}": other}
    lines = _validate(_project(tmp_path, files))
    assert lines == [f"content/assets/{n}{suffix}:1: -: file is not a {kind}: it does not start as a {suffix} file "
                     "does; save it in that format, or give it the suffix of its real type" for n in "abc"]


def test_the_project_content_folder_holds_no_code():
    """The site's own JavaScript and CSS live with the code (site_templates/), not among content."""
    from atlas.content_files import scan_content

    found = scan_content(ROOT)
    assert found.problems == []
    assert found.pages, "content/ has pages"
    code = [p for p in found.pages + found.assets if not p.endswith((".md", ".png", ".jpg", ".jpeg", ".gif",
                                                                   ".webp", ".avif", ".pdf"))]
    assert code == []
    assert (ROOT / "site_templates/overrides/assets/atlas.css").is_file()
    assert (ROOT / "site_templates/overrides/assets/atlas-timeline.js").is_file()


# --- names -------------------------------------------------------------------------------------

BAD_NAMES = {
    "About.md": "About.md",
    "my page.md": "my page.md",
    "소개.md": "소개.md",
    ".hidden.md": ".hidden.md",
    "a..b.md": "a..b.md",
    "trailing.md.": "trailing.md.",
    "evil\n::error file=README.md,line=1::forged.md": "evil\\n::error file=README.md,line=1::forged.md",
    "esc\x1b[31mred.md": "esc\\x1b[31mred.md",
    "bidi\u202egnp.md": "bidi\\u202egnp.md",
    "back\\slash.md": "back\\\\slash.md",
    "x" * 101 + ".md": "x" * 101 + ".md",
}


def test_unsafe_file_and_folder_names_are_refused_without_echoing_control_characters(tmp_path):
    files = {f"content/{name}": "# 쪽\n" for name in BAD_NAMES}
    files["content/Bad Folder/page.md"] = "# 쪽\n"
    files["content/ok-folder/fine_name-2.md"] = "# 쪽\n"
    lines = _validate(_project(tmp_path, files))
    rule = ("is not allowed: names under content/ use lower-case ASCII letters, digits, '-', '_' and '.' only "
            "(no spaces, no leading dot, no '..', at most 100 characters)")
    # the path before ":line:" shows its colons as \x3a (atlas.problems: a path cannot fake the line)
    expected = [f"content/{shown.replace(':', chr(92) + 'x3a')}:1: -: file name '{shown}' {rule}"
                for shown in BAD_NAMES.values()]
    expected.append(f"content/Bad Folder:1: -: folder name 'Bad Folder' {rule}")
    assert sorted(lines) == sorted(expected)
    assert not any(ch in "".join(lines) for ch in "\x1b\u202e")  # one line per problem, nothing raw


# --- links and other non-files -----------------------------------------------------------------

def test_symlinks_of_every_kind_are_refused_and_a_loop_does_not_hang(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# secret-outside-marker\n", encoding="utf-8")
    project = _project(tmp_path, {"content/real.md": "# 진짜\n"})
    content = project / "content"
    (content / "file-link.md").symlink_to(outside / "secret.md")
    (content / "inside-link.md").symlink_to(content / "real.md")  # pointing inside: still a link
    (content / "dir-link").symlink_to(outside, target_is_directory=True)
    (content / "loop").symlink_to(content)  # content/loop/loop/loop/…
    (content / "self.md").symlink_to(content / "self.md")  # ELOOP
    (content / "dangling.png").symlink_to(tmp_path / "nowhere.png")
    os.mkfifo(content / "pipe.md")  # reading it would block forever
    lines = _validate(project)
    assert sorted(lines) == sorted([
        f"content/dangling.png:1: -: file is a symbolic link; {NO_LINKS}",
        f"content/dir-link:1: -: folder is a symbolic link; {NO_LINKS}",
        f"content/file-link.md:1: -: file is a symbolic link; {NO_LINKS}",
        f"content/inside-link.md:1: -: file is a symbolic link; {NO_LINKS}",
        f"content/loop:1: -: folder is a symbolic link; {NO_LINKS}",
        "content/pipe.md:1: -: not a regular file (a pipe, socket or device); content/ holds files only",
        f"content/self.md:1: -: file is a symbolic link; {NO_LINKS}",
    ])


def test_a_content_folder_that_is_a_link_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "about.md").write_text("# 다른 곳\n", encoding="utf-8")
    project = _project(tmp_path, {})
    (project / "content").symlink_to(elsewhere, target_is_directory=True)
    assert _validate(project) == [f"content:1: -: the content folder is a symbolic link; {NO_LINKS}"]


# --- front matter: decoded, then checked like entry text -----------------------------------------

PAGE = "content/notes/page.md"
NO_HTML = "; entries hold plain text, not HTML"
ALLOWED = "unknown field (allowed here: description, hide, title)"

FRONT_MATTER_CASES = {
    "YAML escapes spelling <script>": (
        '---\ntitle: "\\x3cscript\\x3ewindow.__pwned=1\\x3c/script\\x3e"\n---\n\n본문\n',
        [f"{PAGE}:2: title: a <script> element is not allowed: pages run no script written in entries{NO_HTML}"]),
    "Unicode escapes spelling an event handler": (
        '---\ndescription: "\\u003cimg src=x \\u006fnerror=alert(1)\\u003e"\n---\n',
        [f"{PAGE}:2: description: an HTML event handler (onerror=) is not allowed: pages run no script written in "
         f"entries{NO_HTML}"]),
    "mixed case <ScRiPt> in single quotes": (
        "---\ntitle: '<ScRiPt>x</sCrIpT>'\n---\n",
        [f"{PAGE}:2: title: a <script> element is not allowed: pages run no script written in entries{NO_HTML}"]),
    "keys the theme or the atlas would print raw": (
        "---\ntitle: 제목\natlas_jsonld: '</script><script>window.__pwned=1</script>'\ntemplate: main.html\n"
        "atlas_feeds: [{title: x, path: 'javascript:alert(1)'}]\nsearch: {exclude: true}\n---\n",
        [f"{PAGE}:3: atlas_jsonld: {ALLOWED}", f"{PAGE}:4: template: {ALLOWED}", f"{PAGE}:5: atlas_feeds: {ALLOWED}",
         f"{PAGE}:6: search: {ALLOWED}"]),
    "MultiMarkdown-style keys (no --- lines)": (
        "Title: 제목\nAtlas_JsonLD: x\n    continued\n\n본문\n",
        [f"{PAGE}:2: atlas_jsonld: {ALLOWED}; a page's first lines written as 'key: value' are read as front matter "
         "(as MkDocs reads them): if this is text, begin the page with a heading or a blank line"]),
    "MultiMarkdown-style title with markup": (
        "title: <iframe src=https://evil.example>\n\n본문\n",
        [f"{PAGE}:1: title: an <iframe> element is not allowed: pages embed no other pages from entries{NO_HTML}"]),
    "control character by YAML escape": (
        '---\ntitle: "제목\\a"\n---\n',
        [f"{PAGE}:2: title: text contains U+0007 (a control character) at character 3; remove it"]),
    "hide with a value the theme does not know": (
        "---\nhide: [toc, '<script>']\n---\n",
        [f"{PAGE}:2: hide[1]: '<script>' is not allowed; expected 'navigation', 'toc', 'footer', 'path', 'feedback' "
         "or 'tags'"]),
    "title that is not text": (
        "---\ntitle: {a: 1}\ndescription: [x]\n---\n",
        [f"{PAGE}:2: title: input should be a valid string (got a mapping)",
         f"{PAGE}:3: description: input should be a valid string (got a list)"]),
    "YAML alias": (
        "---\ntitle: &t 제목\ndescription: *t\n---\n",
        [f"{PAGE}:3: -: YAML aliases (*t) are not allowed; write the value out in full"]),
    "YAML tag": (
        "---\ntitle: !!python/object/apply:os.system [echo pwned]\n---\n",
        [f"{PAGE}:2: -: the YAML tag !!python/object/apply:os.system is not allowed; write plain values"]),
    "key written twice": (
        "---\ntitle: 하나\ntitle: '<script>'\n---\n",
        [f"{PAGE}:3: title: key written twice (first on line 2)"]),
    "front matter that is a list": (
        "---\n- title\n- x\n---\n본문\n",
        [f"{PAGE}:2: -: front matter must be keys with values (title: …, description: …) between the two '---' "
         "lines"]),
}


def test_front_matter_is_checked_after_decoding(tmp_path):
    """Every case in its own page of one project: all problems come out of one run, each at its line."""
    files, expected = {}, []
    for number, (text, lines) in enumerate(FRONT_MATTER_CASES.values()):
        rel = f"content/notes/page-{number}.md"
        files[rel] = text
        expected += [line.replace(PAGE, rel) for line in lines]
    assert sorted(_validate(_project(tmp_path, files))) == sorted(expected)


def test_a_narrative_front_matter_is_checked_too(tmp_path):
    rel = "content/institutions/hoseo-university.md"
    lines = _validate(_project(tmp_path, {rel: '---\ntitle: "\\x3ciframe\\x3e"\n---\n\n이야기\n'}))
    assert lines == [f"{rel}:2: title: an <iframe> element is not allowed: pages embed no other pages from entries"
                     f"{NO_HTML}"]


def test_allowed_front_matter_byte_order_mark_and_decomposed_hangul_are_accepted(tmp_path):
    decomposed = unicodedata.normalize("NFD", "한국어 제목")
    assert decomposed != "한국어 제목"
    files = {
        "content/notes/a.md": "---\ntitle: 'R&D \"따옴표\" <연구>'\ndescription: 설명\nhide: [toc, navigation]\n---\n",
        "content/notes/b.md": "\ufeff# 머리말\n\n본문 " + decomposed + "\n",
        "content/notes/c.md": "\ufeff---\r\ntitle: " + decomposed + "\r\n---\r\n\r\n본문\r\n",
        "content/institutions/hoseo-university.md": "\ufeff" + decomposed + " 이야기\n",
        "content/notes/d.md": "title: 제목\ndescription: 설명\n\n본문\n",
    }
    assert _validate(_project(tmp_path, files)) == []


# --- the page reader: what MkDocs is given ------------------------------------------------------

def test_mkdocs_is_given_only_checked_keys_with_the_title_escaped_as_generated_pages_write_it():
    from mkdocs.utils import meta as mkdocs_meta

    from atlas.page_source import read_page

    source = read_page("\ufeff---\ntitle: '  R&D  \"x\" <연구>'\ndescription: 'a & b'\nhide: [toc]\n---\n\n# 본문\n"
                       .encode("utf-8"), "content/x.md")
    assert source.problems == []
    body, meta = mkdocs_meta.get_data(source.document())
    assert meta == {"title": "R&amp;D &#34;x&#34; &lt;연구&gt;", "description": "a & b", "hide": ["toc"]}
    assert body == "# 본문\n"
    # no front matter at all: still a block, so MkDocs never reads the body's first lines as keys
    source = read_page("title: not-meta-here\n".encode(), "content/y.md")
    assert source.meta is not None and source.meta.title == "not-meta-here"
    plain = read_page("첫 줄: 본문입니다\n\n둘째\n".encode(), "content/z.md")
    body, meta = mkdocs_meta.get_data(plain.document())
    assert meta == {} and body.startswith("첫 줄: 본문입니다")


def test_a_title_taken_from_a_heading_becomes_escaped_plain_text():
    from atlas.render.text import safe_title

    assert safe_title("&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;") == "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;"
    assert safe_title("<b>굵게</b> &amp; \"q\"  'a'") == "굵게 &amp; &#34;q&#34; &#39;a&#39;"


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)
PIECES = st.sampled_from(["---\n", "...\n", "title: ", "hide: ", "description: ", "\n", "\ufeff", "&a ", "*a",
                          "!!python/name:os.system", "[", "]", "(", "<script>", "\\x3c", '"', "'", "\r\n", "\t",
                          "    ", ">", "[^1]", "[^1]: n\n", "`", "<div markdown>", "\u1112\u1161\u11ab"])
DOCUMENTS = st.lists(st.one_of(PIECES, TEXT), max_size=30).map("".join)


@settings(max_examples=400, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_any_page_is_read_without_crashing_and_mkdocs_sees_only_checked_front_matter(text):
    from mkdocs.utils import meta as mkdocs_meta

    from atlas.page_source import read_page

    raw = text.encode("utf-8")
    source = read_page(raw, "content/x.md")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for problem in source.problems:
        assert problem.path == "content/x.md" and 1 <= problem.line <= lines + 1, problem
        assert "\n" not in problem.message
    if source.problems:
        return
    body, meta = mkdocs_meta.get_data(source.document())
    assert set(meta) <= {"title", "description", "hide"}
    for key in ("title", "description"):
        if key in meta:
            assert isinstance(meta[key], str) and "<" not in meta[key] and ">" not in meta[key]
    if "title" in meta:
        assert not re.search(r"&(?!amp;|lt;|gt;|#34;|#39;)", meta["title"]) and '"' not in meta["title"]
    assert body == source.body.lstrip("\n")
    assert unicodedata.is_normalized("NFC", body) and "\ufeff" not in body[:1]


# --- Markdown that would take minutes to convert ---------------------------------------------------

def _slow(text: str) -> list[str]:
    from atlas.markdown_limits import find_slow_structures

    return [f"{text.count(chr(10), 0, f.offset) + 1}: {f.message}" for f in find_slow_structures(text)]


SLOW = {
    "nested brackets": ("앞 문단\n\n" + "[" * 12000 + "]" * 12000 + "\n", 3, "more than 10 '[' are open at once"),
    "brackets never closed": ("문단 " + "[링크 " * 11 + "\n", 1, "more than 10 '[' are open at once"),
    "link destinations never closed": ("\n\n" + "[a](" * 11 + "\n", 3, "more than 10 '(' are open at once"),
    "tags never closed": ("x\ny\n" + "a<b " * 11, 3, "more than 10 '<' are open at once"),
    "deep quotes": ("> " * 11 + "인용\n", 1, "quotes are nested 11 deep"),
    "deep lists": ("".join("    " * i + "- 항목\n" for i in range(18)), 18, "line is indented by 68 columns"),
    "deep HTML with Markdown inside": ('<div markdown="1">\n<p>\n' * 21 + "x\n" + "</div>\n" * 21, 41,
                                       "HTML elements with Markdown inside (the markdown attribute) are nested"),
    "many footnotes": ("".join(f"[^{i}]: 주석\n" for i in range(501)), 501, "more than 500 footnotes"),
    "one footnote referred to again and again": ("본문[^a]" * 51 + "\n\n[^a]: 주석\n", 1,
                                                  "footnote [^a] is referred to more than 50 times"),
}


@pytest.mark.parametrize("case", sorted(SLOW))
def test_structures_that_make_markdown_slow_are_refused_at_their_line(case):
    text, line, message = SLOW[case]
    found = _slow(text)
    assert len(found) == 1 and found[0].startswith(f"{line}: {message}"), found


def test_real_pages_and_generous_uses_stay_under_the_limits():
    generous = "\n\n".join([
        "[![그림](a.png)](https://example.org) [링크 [^1]](b.md) (괄호 (안의 (괄호))) `[[[[[[[[[[[[` \\[\\[\\[",
        "> > > 세 겹 인용",
        "".join("    " * i + "- 항목\n" for i in range(10)),
        "<details><summary>요약</summary><div markdown>**굵게**</div></details>",
        "| a | b |\n|---|---|\n" + "| [x](y) | <abbr title=t>z</abbr> |\n" * 300,
        "*" * 500 + " " + "_" * 500 + " " + "**굵게** " * 1000,
        "".join(f"[r{i}]: https://example.org/{i}\n" for i in range(1000)),
        "본문[^1] 또[^1]\n\n[^1]: 주석",
        "a < b, c > d, x<y>z " * 50,
    ])
    assert _slow(generous) == []
    for page in sorted((ROOT / "content").rglob("*.md")):
        assert _slow(page.read_text(encoding="utf-8")) == [], page


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(["[", "]", "(", ")", "<a", ">", "`", "``", "\\", "\n", "\n\n", "> ", "    ", "\t",
                                 "<div>", "</div>", "[^x]", "[^x]: y\n", "text ", "-"]), max_size=400).map("".join))
def test_the_limits_never_crash_and_point_inside_the_text(text):
    from atlas.markdown_limits import find_slow_structures

    for finding in find_slow_structures(text):
        assert 0 <= finding.offset <= len(text)
