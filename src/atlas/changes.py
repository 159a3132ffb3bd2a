"""The pages a change touches: every generated or hand-written page whose content differs from a base revision.

For a pull request's preview, ``pages_changed(root, base)`` renders every page of the project as it is
and as the base revision has it (``git archive``: the base's own entries, templates and hand-written
pages) and compares them, so the list is exact: an edit of one institution touches its pages, the
pages listing it (its regions and theirs, its events, the indexes) and nothing else. Pages are named
by their URL path (``regions/asan/``, ``en/institutions/kaist/``).
"""
from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .link import load_atlas
from .problems import AtlasError
from .render.site import SitePages, default_map_options

PARTS = ("mkdocs.yml", "data", "content", "site_templates")


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    note: str = ""  # why the list may be incomplete (the base could not be read)

    def __len__(self) -> int:
        return len(self.added) + len(self.changed) + len(self.removed)

    def markdown(self, title: str = "Pages this change touches") -> str:
        lines = [f"### {title} ({len(self)})", ""]
        if self.note:
            lines += [self.note, ""]
        for label, urls in (("added", self.added), ("changed", self.changed), ("removed", self.removed)):
            if urls:
                lines.append(f"**{label}** ({len(urls)}): " + ", ".join(f"`/{url}`" for url in urls))
                lines.append("")
        if not len(self):
            lines.append("No page changes.")
        return "\n".join(lines) + "\n"


def url_of(src: str) -> str:
    """``regions/asan.md`` → ``regions/asan/``; ``index.md`` → ``''``; ``en/index.md`` → ``en/``."""
    stem = src[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def rendered_pages(root: Path) -> dict[str, str]:
    """Every page's source by URL: the generated pages' Markdown and the hand-written pages' files."""
    atlas = load_atlas(root)
    pages = SitePages(atlas, root, root / "site_templates/pages", None, default_map_options()).render_all()
    out = {url_of(src): markdown for src, markdown in pages.items()}
    content = root / "content"
    for path in sorted(content.rglob("*.md")) if content.is_dir() else []:
        url = url_of(path.relative_to(content).as_posix())
        out[url] = out.get(url, "") + "\n<!-- hand-written -->\n" + path.read_text(encoding="utf-8", errors="replace")
    return out


def checkout(root: Path, revision: str, dest: Path) -> Path:
    """The project's parts as ``revision`` has them, written under ``dest``."""
    done = subprocess.run(["git", "archive", "--format=tar", revision, "--", *PARTS], cwd=root, capture_output=True)
    if done.returncode != 0:
        raise ValueError(done.stderr.decode("utf-8", "replace").strip() or f"git archive {revision} failed")
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        if hasattr(tarfile, "data_filter"):  # Python 3.10.12+, 3.11.4+: nothing outside dest, no links out
            archive.extractall(dest, filter="data")
        else:  # pragma: no cover - older Pythons; the archive is git's own, of this repository
            archive.extractall(dest)
    return dest


def pages_changed(root: Path | str, base: str) -> Changes:
    root = Path(root)
    head = rendered_pages(root)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            before = rendered_pages(checkout(root, base, Path(tmp)))
        except (ValueError, AtlasError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            return Changes(added=sorted(head), note=f"The base revision {base} could not be read ({first}): "
                                                    "every page is listed.")
    changes = Changes(added=sorted(head.keys() - before.keys()),
                      changed=sorted(url for url in head.keys() & before.keys() if head[url] != before[url]),
                      removed=sorted(before.keys() - head.keys()))
    theme = subprocess.run(["git", "diff", "--quiet", base, "--", "mkdocs.yml", "site_templates/overrides"], cwd=root)
    if theme.returncode == 1:
        changes.note = "The theme or the site's configuration changed too: every page may look different."
    return changes
