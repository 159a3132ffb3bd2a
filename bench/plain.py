"""The yardstick: a plain mkdocs-material site with as many pages as the atlas, of the same lengths.

``page_profile(site)`` reads a built atlas site back: every page MkDocs rendered with the theme
(an HTML file with the theme's ``<article>``; not the map documents or redirect pages, which
MkDocs only copies), its path, the length of its visible text and the number of its links.
``make_plain_project(dest, profile)`` then writes an ordinary Markdown site with one page per
atlas page, at the same path, with the same amount of text and the same number of links
(headings, paragraphs, link lists, a table now and then, a footnote), and ``mkdocs.yml`` =
the atlas' own minus the ``atlas`` plugin: the same theme (mkdocs-material, same language,
features, palette, no web fonts), the same Markdown extensions, the same search plugin settings,
the same nine-item navigation (every other page, like the atlas' entry pages, is left out of it),
the same strict validation, and the same CSS/JS files. Not carried over: ``custom_dir`` (the
atlas' theme overrides — sharing metadata, language switch, sitemap — are part of what the atlas
costs) and ``nav_en`` (an option of the atlas plugin).
"""
from __future__ import annotations

import html
import posixpath
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"<a\s[^>]*href=")

WORDS_KO = ("지역", "혁신", "클러스터", "산업", "연구", "대학", "기업", "협력", "전략", "투자", "인재", "기술", "생태계",
            "지원", "협약", "성장", "기반", "실증", "사업", "발표", "논의", "추진", "계획", "목표")
WORDS_EN = ("region", "innovation", "cluster", "industry", "research", "university", "company", "cooperation",
            "strategy", "investment", "talent", "technology", "support", "agreement", "growth", "pilot", "plan")


@dataclass(frozen=True)
class PageShape:
    src_uri: str  # e.g. "institutions/inst-00001.md"
    text: int  # characters of visible text in the page's article
    links: int  # links in the article


def _src_uri(html_file: Path, site: Path) -> str:
    """``regions/index.html`` ← ``regions/index.md`` (a folder with pages inside), ``about/index.html``
    ← ``about.md`` (directory URLs)."""
    rel = html_file.relative_to(site).as_posix()
    if rel == "index.html":
        return "index.md"
    if rel.endswith("/index.html"):
        folder = html_file.parent
        if any(child.is_dir() and (child / "index.html").is_file() for child in folder.iterdir()):
            return rel[: -len(".html")] + ".md"
        return rel[: -len("/index.html")] + ".md"
    return rel[: -len(".html")] + ".md"


def page_profile(site: Path) -> list[PageShape]:
    """The pages MkDocs rendered in a built site (404 page excluded), sorted by path."""
    shapes = []
    for file in sorted(site.rglob("*.html")):
        if file.name == "404.html":
            continue
        text = file.read_text(encoding="utf-8")
        found = _ARTICLE.search(text)
        if not found:
            continue  # a map document or a redirect page: not a page MkDocs rendered
        article = found.group(1)
        visible = " ".join(html.unescape(_TAG.sub(" ", article)).split())
        shapes.append(PageShape(_src_uri(file, site), len(visible), len(_LINK.findall(article))))
    return shapes


def _sentence(rng: random.Random, english: bool) -> str:
    words = WORDS_EN if english else WORDS_KO
    n = rng.randint(6, 14)
    body = " ".join(rng.choice(words) for _ in range(n))
    return body[0].upper() + body[1:] + "." if english else body + "."


def _markdown(shape: PageShape, index: int, targets: list[str], rng: random.Random) -> str:
    english = shape.src_uri.startswith("en/")
    here = posixpath.dirname(shape.src_uri)
    out = [f"# {'Page' if english else '페이지'} {index}", ""]
    length, links, footnote = 0, 0, False

    def link() -> tuple[str, int]:
        nonlocal links
        links += 1
        target = targets[rng.randrange(len(targets))]
        label = f"{rng.choice(WORDS_EN if english else WORDS_KO)} {rng.randrange(100000)}"
        return f"[{label}]({posixpath.relpath(target, here or '.')})", len(label)

    block = 0
    while length < shape.text:
        block += 1
        kind = block % 5
        if kind == 1:
            heading = _sentence(rng, english)[:40].rstrip(".")
            out += [f"## {heading}", ""]
            length += len(heading)
        elif kind in (2, 4):
            paragraph = " ".join(_sentence(rng, english) for _ in range(rng.randint(1, 4)))
            if not footnote and rng.random() < 0.3:
                paragraph += "[^1]"
                footnote = True
            out += [paragraph, ""]
            length += len(paragraph)
        elif kind == 3 and links < shape.links:
            for _ in range(min(rng.randint(3, 10), shape.links - links)):
                text, n = link()
                extra = rng.choice(WORDS_EN if english else WORDS_KO)
                out.append(f"- {text} · {extra}")
                length += n + len(extra) + 3
            out.append("")
        elif kind == 0 and rng.random() < 0.3:
            out += ["| a | b | c |", "| --- | ---: | --- |"]
            for row in range(rng.randint(2, 5)):
                cells = [rng.choice(WORDS_EN if english else WORDS_KO), str(rng.randrange(10000)), str(2020 + row)]
                out.append("| " + " | ".join(cells) + " |")
                length += sum(map(len, cells)) + 2
            out.append("")
        else:
            paragraph = _sentence(rng, english)
            out += [paragraph, ""]
            length += len(paragraph)
    while links < shape.links:  # pages that are mostly links (indexes)
        text, n = link()
        out.append(f"- {text}")
    if footnote:
        out += ["", f"[^1]: {_sentence(rng, english)}"]
    return "\n".join(out) + "\n"


def plain_config(atlas_config: str) -> str:
    """The atlas' mkdocs.yml without the atlas plugin (and its theme overrides)."""
    lines = atlas_config.splitlines()
    out: list[str] = []
    skipping = False
    for line in lines:
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if skipping:
            if stripped and indent <= 2 and not line.startswith("   "):
                skipping = False
            else:
                continue
        if stripped.startswith("- atlas"):
            skipping = True
            continue
        if stripped.startswith("custom_dir:"):
            continue
        out.append(line)
    text = "\n".join(out) + "\n"
    assert "atlas:" not in text.split("plugins:", 1)[1].split("markdown_extensions:", 1)[0]
    return text


def make_plain_project(dest: Path, profile: list[PageShape], atlas_project: Path, seed: int = 1) -> int:
    """Write the plain project; returns the number of pages."""
    rng = random.Random(seed)
    docs = dest / "content"
    docs.mkdir(parents=True)
    # the site's own CSS and JavaScript (extra_css, extra_javascript), served from the theme's custom_dir in
    # the atlas, which the plain project drops
    shutil.copytree(atlas_project / "site_templates" / "overrides" / "assets", docs / "assets")
    config = plain_config((atlas_project / "mkdocs.yml").read_text(encoding="utf-8"))
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    targets = [shape.src_uri for shape in profile]
    by_language = {False: [t for t in targets if not t.startswith("en/")], True: [t for t in targets if t.startswith("en/")]}
    for index, shape in enumerate(profile):
        pool = by_language[shape.src_uri.startswith("en/")] or targets
        file = docs / shape.src_uri
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(_markdown(shape, index, pool, rng), encoding="utf-8")
    return len(profile)
