"""``atlas urls``: check or extend the committed list of published URLs (published-urls.txt)."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import click

from .published import LIST_FILE, entry_urls, lost_message, missing, read_list, site_urls, write_list


def _build(project: Path, site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "atlas", "build", "--site-dir", str(site_dir)],
                            cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise click.ClickException("the site build failed:\n" + result.stdout + result.stderr)


@click.command("urls")
@click.option("--root", default=".", show_default=True, help="Project root (holding mkdocs.yml and data/).")
@click.option("--site-dir", "-d", default=None,
              help="A built site to read; by default the site is built into a temporary folder first.")
@click.option("--write", "mode", flag_value="write",
              help=f"Add every URL the site serves to {LIST_FILE} (never removes one; refuses if one is lost).")
@click.option("--check", "mode", flag_value="check", default=True,
              help=f"Exit 1, naming them, if URLs listed in {LIST_FILE} are no longer served (the default).")
@click.option("--since", "since", default=None, metavar="REF",
              help="Also check the URLs of every entry that git revision REF had (e.g. origin/main): a pull "
                   "request may not drop an entry's address without a redirect, listed or not.")
def urls(root: str, site_dir: str | None, mode: str, since: str | None) -> None:
    """Every URL the site ever published must keep working, as a page or as a redirect."""
    project = Path(root).resolve()
    if not (project / "data").is_dir():
        raise click.ClickException(f"{project} has no data/ folder; run this in the project root or pass --root")
    list_path = project / LIST_FILE
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(site_dir).resolve() if site_dir else Path(tmp) / "site"
        if not site_dir:
            _build(project, site)
        listed = read_list(list_path)
        checked = sorted(set(listed) | set(_entry_urls_at(project, since))) if since else listed
        lost = missing(checked, site)
        if lost:
            raise click.ClickException(lost_message(lost))
        current = site_urls(site)
        new = sorted(set(current) - set(listed))
        if mode == "write":
            write_list(list_path, listed + current)
            click.echo(f"{LIST_FILE}: {len(set(listed + current))} URLs ({len(new)} added).")
        else:
            click.echo(f"OK: all {len(checked)} published URLs are served"
                       + (f" (the list's, and those of every entry at {since})." if since else "."))
            if new:
                click.echo(f"{len(new)} URL(s) are not yet listed; run `atlas urls --write` to add them.")


def _entry_urls_at(project: Path, revision: str) -> list[str]:
    """The URLs of every entry file that git revision ``revision`` had under data/."""
    done = subprocess.run(["git", "ls-tree", "-r", "--name-only", revision, "--", "data"], cwd=project,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise click.ClickException(f"cannot list the entries of {revision}: {done.stderr.strip()}")
    return [url for path in done.stdout.splitlines() for url in entry_urls(path)]
