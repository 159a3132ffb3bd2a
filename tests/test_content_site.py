"""Hand-written pages in the built site: what the theme prints of their front matter and titles,
BOM and decomposed Hangul normalised, allowed files published, links and unchecked files kept out.

One small project with such pages is built (strict) once for the module and read back with
BeautifulSoup; the title payloads are also opened in Chromium.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, minimal_project, renderer, run_atlas

SITE_NAME = "지역혁신 아틀라스 · Korea Innovation Atlas"
PNG = (ROOT / "site_templates/assets/vendor/leaflet-1.9.4/images/marker-icon.png").read_bytes()


def nfd(text: str) -> str:
    out = unicodedata.normalize("NFD", text)
    assert out != text
    return out


PAGES = {
    # front matter with every character HTML treats specially, as text
    "content/notes/escaped.md": "---\ntitle: 'R&D \"따옴표\" <연구> &lt;b&gt;'\ndescription: 'a & <b> \"c\"'\n"
                                "hide: [toc]\n---\n\n본문 escaped-body\n\n## 소제목\n",
    # no front matter: MkDocs takes the title from the first heading (entities and all)
    "content/notes/heading.md": "# &lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt; 제목\n\n"
                                "본문 heading-body\n",
    # MultiMarkdown-style front matter
    "content/notes/mmd.md": "Title: MMD 제목\nDescription: 요약 mmd\n\n본문 mmd-body\n",
    # a Windows editor's byte-order mark, a Mac's decomposed Hangul, CRLF line ends
    "content/notes/bom-nfd.md": "\ufeff---\r\ntitle: " + nfd("분해된 제목") + "\r\n---\r\n\r\n"
                                + nfd("분해된 한글 본문") + " bom-body\r\n",
    # Unicode look-alikes and HTML entities in front matter: text, printed as written
    "content/notes/lookalike.md": '---\ntitle: "＜script＞window.__pwned=2＜/script＞ &#60;b&#62;&LT;i&GT;"\n---\n\n본문\n',
    # upper-case and numeric entities in the heading MkDocs takes the title from
    "content/notes/entities.md": "# &LT;img src=x onerror=window.__pwned=4&GT; &#x3C;script&#x3E;window.__pwned=5"
                                 "&#x3C;/script&#x3E;\n\n본문\n",
    "content/institutions/hoseo-university.md": "\ufeff---\ntitle: 쓰이지 않는 제목\n---\n\n"
                                                + nfd("호서 이야기 분해") + " narrative-body\n",
}


@pytest.fixture(scope="module")
def content_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("content-site")
    project = minimal_project(tmp)
    for rel, text in PAGES.items():
        target = project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    (project / "content/assets").mkdir(exist_ok=True)
    (project / "content/assets/map.png").write_bytes(PNG)
    (project / "content/reports").mkdir()
    (project / "content/reports/plan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    site = tmp / "site"
    result = run_atlas("build", "--site-dir", str(site), cwd=project, env={"SOURCE_DATE_EPOCH": "1763683200"})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def _head_texts(soup: BeautifulSoup) -> dict[str, str]:
    return {
        "title": soup.title.string,
        "header": soup.select_one(".md-header__topic:last-child .md-ellipsis").get_text(" ", strip=True),
        "og:title": soup.find("meta", property="og:title")["content"],
    }


def test_front_matter_title_and_description_are_text_on_the_page(content_site):
    soup = _soup(content_site, "notes/escaped")
    title = 'R&D "따옴표" <연구> &lt;b&gt;'
    assert _head_texts(soup) == {"title": f"{title} - {SITE_NAME}", "header": title, "og:title": title}
    assert soup.find("meta", attrs={"name": "description"})["content"] == 'a & <b> "c"'
    assert soup.find("연구") is None and soup.head.find("b") is None
    assert "escaped-body" in soup.article.get_text()
    assert soup.select_one(".md-sidebar--secondary").has_attr("hidden")  # hide: [toc]


def test_a_title_from_the_first_heading_cannot_close_the_title_element(content_site):
    soup = _soup(content_site, "notes/heading")
    title = "</title><script>window.__pwned=1</script> 제목"
    assert _head_texts(soup) == {"title": f"{title} - {SITE_NAME}", "header": title, "og:title": title}
    assert not [s for s in soup.find_all("script") if "__pwned" in (s.string or "")]
    assert soup.article.h1.get_text(strip=True).startswith("</title><script>")


LOOKALIKE = "＜script＞window.__pwned=2＜/script＞ &#60;b&#62;&LT;i&GT;"
ENTITIES = "<img src=x onerror=window.__pwned=4> <script>window.__pwned=5</script>"


def test_look_alikes_and_entities_in_titles_stay_text(content_site):
    soup = _soup(content_site, "notes/lookalike")
    assert _head_texts(soup) == {"title": f"{LOOKALIKE} - {SITE_NAME}", "header": LOOKALIKE, "og:title": LOOKALIKE}
    assert soup.head.find("b") is None and soup.head.find("i") is None
    soup = _soup(content_site, "notes/entities")
    assert _head_texts(soup) == {"title": f"{ENTITIES} - {SITE_NAME}", "header": ENTITIES, "og:title": ENTITIES}
    assert soup.find("img", src="x") is None
    assert not [s for s in soup.find_all("script") if "__pwned" in (s.string or "")]


def test_multimarkdown_front_matter_is_read_like_yaml_and_leaves_the_body(content_site):
    soup = _soup(content_site, "notes/mmd")
    assert soup.title.string == f"MMD 제목 - {SITE_NAME}"
    assert soup.find("meta", attrs={"name": "description"})["content"] == "요약 mmd"
    text = soup.article.get_text(" ")
    assert "mmd-body" in text and "Title:" not in text


def test_byte_order_mark_and_decomposed_hangul_reach_pages_and_search_composed(content_site):
    soup = _soup(content_site, "notes/bom-nfd")
    assert soup.title.string == f"분해된 제목 - {SITE_NAME}"
    text = soup.article.get_text(" ")
    assert "분해된 한글 본문 bom-body" in text and "\ufeff" not in text
    narrative = _soup(content_site, "institutions/hoseo-university")
    assert "호서 이야기 분해 narrative-body" in narrative.article.get_text(" ")
    assert "쓰이지 않는 제목" not in str(narrative)  # a narrative's page keeps its entry's title
    html = "".join(p.read_text(encoding="utf-8") for p in content_site.rglob("*.html"))
    index = (content_site / "search/search_index.json").read_text(encoding="utf-8")
    for text in (html, index):
        assert unicodedata.normalize("NFD", "분해된 한글") not in text
    assert any("분해된 한글 본문" in doc["text"] for doc in json.loads(index)["docs"])


def test_allowed_files_and_the_sites_own_assets_are_published(content_site):
    assert (content_site / "assets/map.png").read_bytes() == PNG
    assert (content_site / "reports/plan.pdf").is_file()
    for asset in ("assets/atlas.css", "assets/atlas-timeline.js"):
        assert (content_site / asset).read_bytes() == (ROOT / "site_templates/overrides" / asset).read_bytes()
    soup = _soup(content_site, "events")
    assert soup.find("link", rel="stylesheet", href="../assets/atlas.css") is not None
    assert soup.find("script", src="../assets/atlas-timeline.js") is not None


def test_titles_run_no_script_in_chromium(content_site, browser):
    from serving import chromium_page, serve_site

    with serve_site(content_site) as base, chromium_page(browser, base) as page:
        for url, title in (("notes/heading/", "</title><script>window.__pwned=1</script> 제목"),
                           ("notes/escaped/", 'R&D "따옴표" <연구> &lt;b&gt;'),
                           ("notes/lookalike/", LOOKALIKE), ("notes/entities/", ENTITIES)):
            page.goto(base + url)
            assert page.evaluate("window.__pwned") is None
            assert page.title() == f"{title} - {SITE_NAME}"
            assert page.dialogs == []


def _mkdocs_build(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763683200"}
    return subprocess.run(renderer("build", "--strict"), cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


def test_a_folder_link_in_content_never_reaches_the_site(tmp_path):
    """MkDocs follows folder links when it collects files; the build stops before it does."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "leak.md").write_text("# outside-secret-marker\n", encoding="utf-8")
    (outside / "leak.js").write_text("window.__pwned=1\n", encoding="utf-8")
    project = minimal_project(tmp_path)
    (project / "content/mirror").symlink_to(outside, target_is_directory=True)
    (project / "content/loop").symlink_to(project / "content", target_is_directory=True)
    result = _mkdocs_build(project)
    assert result.returncode == 1
    assert "content/mirror:1: -: folder is a symbolic link" in result.stderr
    assert "content/loop:1: -: folder is a symbolic link" in result.stderr
    assert "Traceback" not in result.stderr
    for folder in (project / "site", project / "site.staging"):
        assert not folder.exists() or not any("outside-secret-marker" in p.read_text(errors="replace")
                                              for p in folder.rglob("*") if p.is_file())


def test_files_of_another_docs_dir_are_not_published_unchecked(tmp_path):
    """The check reads content/; if mkdocs.yml points docs_dir elsewhere, nothing there is published."""
    project = minimal_project(tmp_path)
    shutil.copytree(project / "content", project / "docs")
    (project / "docs/evil.js").write_text("window.__pwned=1\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_dir: content", "docs_dir: docs"),
                      encoding="utf-8")
    result = _mkdocs_build(project)
    assert result.returncode == 1
    assert "not among the files of content/ that were checked" in result.stderr
    assert not (project / "site").exists()
