"""Text from entries stays text: no contributor string can become markup or script."""
from __future__ import annotations

import json
import shutil

from bs4 import BeautifulSoup

from conftest import ROOT, run_atlas

HOSTILE = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "**bold** {: onclick=alert(1) }",
    "\"' </script><iframe src=//evil.example>",
]


def test_hostile_strings_in_yaml_render_as_literal_text(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests/fixtures/minimal", project)
    for part in ("mkdocs.yml", "site_templates", "content"):
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / part)
    inst = project / "data/institutions/hoseo-university.yml"
    text = inst.read_text(encoding="utf-8")
    text = text.replace("name: {ko: 호서대학교, en: Hoseo University}",
                        "name: {ko: " + json.dumps(HOSTILE[0]) + ", en: " + json.dumps(HOSTILE[1]) + "}")
    text = text.replace("description: {ko: 아산의 사립대학, en: A private university in Asan}",
                        "description: {ko: " + json.dumps(HOSTILE[2] + " " + HOSTILE[3]) + ", en: " + json.dumps(HOSTILE[4]) + "}")
    text = text.replace("regions: [asan]", "regions: [asan]\nshort_names: [" + json.dumps(HOSTILE[1]) + "]")
    inst.write_text(text, encoding="utf-8")
    result = run_atlas("build", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr

    pages = ["institutions/hoseo-university/index.html", "events/test-forum/index.html", "regions/asan/index.html",
             "institutions/index.html"]
    for page in pages:
        html = (tmp_path / "site" / page).read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        article = soup.select_one("article")
        assert not article.select("script, iframe, img[onerror]"), page
        for tag in article.find_all(True):
            assert not any(attr.startswith("on") for attr in tag.attrs), (page, tag)
            assert not str(tag.get("href", "")).lower().startswith("javascript:"), (page, tag)
        text = article.get_text(" ")
        assert "<script>alert(1)</script>" in text or page != "institutions/hoseo-university/index.html"
    profile = BeautifulSoup((tmp_path / "site/institutions/hoseo-university/index.html").read_text(encoding="utf-8"),
                            "html.parser").select_one("article").get_text(" ")
    for s in HOSTILE[1:3]:
        assert s in profile


def test_markdown_narratives_are_sanitised(tmp_path):
    """A hand-written page (or entry narrative) with raw HTML loses its script, handlers and js: links."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests/fixtures/minimal", project)
    for part in ("mkdocs.yml", "site_templates", "content"):
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / part)
    (project / "content/institutions").mkdir(parents=True, exist_ok=True)
    (project / "content/institutions/hoseo-university.md").write_text(
        "호서대학교 이야기.\n\n<script>alert(1)</script>\n\n<a href=\"javascript:alert(2)\" onclick=\"alert(3)\">x</a>\n\n"
        "Paragraph with attributes\n{: onmouseover=\"alert(4)\" }\n\n<iframe src=\"https://evil.example\"></iframe>\n",
        encoding="utf-8")
    result = run_atlas("build", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site/institutions/hoseo-university/index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert "호서대학교 이야기." in article.get_text()
    assert not article.select("script, iframe")
    for tag in article.find_all(True):
        assert not any(attr.startswith("on") for attr in tag.attrs), tag
        assert not str(tag.get("href", "")).startswith("javascript:"), tag
