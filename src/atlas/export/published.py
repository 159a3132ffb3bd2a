"""The list of published URLs: every address the site has ever served must keep working.

``published-urls.txt`` (at the project root, committed) holds one site-relative
URL per line: every page (``/regions/asan/``), every data download and feed
(``/data/atlas.json``, ``/feeds/events.xml``). A build must still serve each of
them — as the page itself, or as a redirect page left by ``redirect_from`` — so
renaming a slug without a redirect fails the tests, naming the lost addresses.

New URLs are added with ``atlas urls --write``; it never removes one. Dropping a
URL on purpose means editing the file by hand, where a reviewer sees it.

A contributor adding entries need not touch the list: the URLs of an entry (its pages in both
languages, its JSON record, a region's feeds) follow from its file's path (``entry_urls``), so a
build may serve those unlisted. And each pull request is checked against the entries its base
branch had (``atlas urls --since origin/main``): an entry removed or renamed without a redirect
fails, listed or not.
"""
from __future__ import annotations

from pathlib import Path

LIST_FILE = "published-urls.txt"
ENTRY_FOLDERS = ("regions", "institutions", "events", "programmes", "sources", "industries")
#: top-level folders of the built site whose every file is a published download
FILE_FOLDERS = ("data", "feeds")
HEADER = """\
# Published URLs of the Korea Innovation Atlas, one per line, relative to the site root.
# Every one must keep working: tests fail if a build no longer serves one (as a page or as a
# redirect from an entry's `redirect_from`). Add new ones with `atlas urls --write`; never
# delete a line unless the address was never announced.
"""


def site_urls(site_dir: Path | str) -> list[str]:
    """Every page (as its directory URL) and every file under data/ and feeds/ of a built site."""
    root = Path(site_dir)
    urls = set()
    for path in root.rglob("index.html"):
        rel = path.parent.relative_to(root).as_posix()
        urls.add("/" if rel == "." else f"/{rel}/")
    for folder in FILE_FOLDERS:
        for prefix in ("", "en/"):
            base = root / prefix / folder
            if base.is_dir():
                urls.update("/" + p.relative_to(root).as_posix() for p in base.rglob("*") if p.is_file())
    return sorted(urls)


def entry_urls(data_path: str) -> list[str]:
    """The URLs an entry file gives the site: ``data/regions/asan.yml`` → its pages (Korean and
    English), its JSON record and, for a region, its feeds. Empty for a path that is not an entry's."""
    parts = data_path.split("/")
    if len(parts) != 3 or parts[0] != "data" or parts[1] not in ENTRY_FOLDERS or not parts[2].endswith(".yml"):
        return []
    folder, slug = parts[1], parts[2][: -len(".yml")]
    urls = [f"/{folder}/{slug}/", f"/en/{folder}/{slug}/", f"/data/{folder}/{slug}.json"]
    if folder == "regions":
        urls += [f"/feeds/regions/{slug}.xml", f"/en/feeds/regions/{slug}.xml"]
    return urls


def served(site_dir: Path | str, url: str) -> bool:
    root = Path(site_dir)
    path = url.lstrip("/")
    target = root / path
    if url.endswith("/"):
        target = target / "index.html"
    return target.is_file()


def read_list(path: Path | str) -> list[str]:
    path = Path(path)
    if not path.is_file():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def missing(listed: list[str], site_dir: Path | str) -> list[str]:
    return [url for url in listed if not served(site_dir, url)]


def write_list(path: Path | str, urls: list[str]) -> None:
    Path(path).write_text(HEADER + "".join(f"{url}\n" for url in sorted(set(urls))), encoding="utf-8")


def lost_message(lost: list[str], list_file: str = LIST_FILE) -> str:
    shown = "\n".join(f"  {url}" for url in lost)
    return (f"{len(lost)} published URL{'s' if len(lost) != 1 else ''} listed in {list_file} "
            f"{'are' if len(lost) != 1 else 'is'} no longer served:\n{shown}\n"
            "If an entry was renamed, list its old slug under `redirect_from:` in the entry's file, "
            "so the old address redirects to the new one.")
