"""The ``atlas`` command line: check entries, build the site.

    atlas validate            check every entry; print file:line: field: message
    atlas build               validate, then build the site into site/ (atomically)
    atlas new TYPE SLUG       a new entry file with every field explained
    atlas schema              write the JSON Schemas of the entry types (for editors)
    atlas linkcheck [SITE]    check every internal link of the built site (LinkChecker, offline)
    atlas urls [--write]      check (or extend) published-urls.txt: no published URL may break

``atlas build`` runs MkDocs in a child process, so this library never imports
it: the renderer can be replaced without touching the data or the checks.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import click

from .link import load_atlas
from .models import ENTRY_MODELS
from .problems import AtlasError


def _project_root(path: str) -> Path:
    root = Path(path).resolve()
    if not (root / "data").is_dir():
        raise click.ClickException(f"{root} has no data/ folder; run this in the project root or pass --root")
    return root


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="korea-innovation-atlas")
def main() -> None:
    """Korea Innovation Atlas (지역혁신 아틀라스): curated entries → a static site."""


@main.command()
@click.option("--root", default=".", show_default=True, help="Project root (the folder holding data/).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "github"]), default=None,
    help="Output format. 'github' also prints ::error annotations; the default is 'github' inside GitHub Actions, else 'text'.",
)
def validate(root: str, fmt: str | None) -> None:
    """Check every entry in data/ and report all problems as file:line: field: message."""
    project = _project_root(root)
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    started = time.perf_counter()
    try:
        atlas = load_atlas(project)
    except AtlasError as exc:
        for problem in exc.problems:
            click.echo(str(problem))
            if fmt == "github":
                click.echo(problem.github_annotation())
        n = len(exc.problems)
        click.echo(f"{n} problem{'s' if n != 1 else ''} found.", err=True)
        sys.exit(1)
    counts = ", ".join(
        f"{len(table)} {name}"
        for name, table in (
            ("regions", atlas.regions), ("institutions", atlas.institutions), ("events", atlas.events),
            ("programmes", atlas.programmes), ("sources", atlas.sources), ("industries", atlas.industries),
        )
    )
    click.echo(f"OK: {counts} ({time.perf_counter() - started:.2f} s)")


@main.command()
@click.option("--root", default=".", show_default=True, help="Project root (the folder holding mkdocs.yml and data/).")
@click.option("--site-dir", "-d", default=None,
              help="Where to write the site (default: site/ from mkdocs.yml); never a folder of the sources.")
@click.option("--strict/--no-strict", default=True, show_default=True, help="Fail on any warning (broken link, ...).")
def build(root: str, site_dir: str | None, strict: bool) -> None:
    """Validate the entries, then build the site; the previous site stays if anything fails.

    Two builds into the same folder take turns (the second waits). A full disk or a read-only
    folder is reported in one line."""
    from .output_dir import output_dir_problem

    project = _project_root(root)
    if site_dir:
        problem = output_dir_problem(project, site_dir)
        if problem:
            raise click.ClickException(problem)
    try:
        load_atlas(project)
    except AtlasError as exc:
        for problem in exc.problems:
            click.echo(str(problem))
        raise click.ClickException(f"{len(exc.problems)} problem(s) found; the site was not built.")
    # MkDocs runs in a child process (this library never imports it), through the plugin package's runner
    command = [sys.executable, "-m", "atlas_mkdocs.runner", "-f", str(project / "mkdocs.yml"),
               "--strict" if strict else "--no-strict"]
    if site_dir:
        command += ["--site-dir", str(Path(site_dir).resolve())]
    completed = subprocess.run(command, cwd=project)
    if completed.returncode != 0:
        raise click.ClickException("the site build failed; the previous site was left in place.")


@main.command()
@click.argument("entry_type", metavar="TYPE", type=click.Choice(sorted(ENTRY_MODELS)))
@click.argument("slug")
@click.option("--root", default=".", show_default=True, help="Project root (the folder holding data/).")
def new(entry_type: str, slug: str, root: str) -> None:
    """Create data/<folder>/SLUG.yml: a new entry of TYPE with every field explained.

    Fill in the blank values, delete the optional fields you do not use, then run
    `atlas validate`.
    """
    from .scaffold import ScaffoldError, create

    project = _project_root(root)
    try:
        path = create(project, entry_type, slug)
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from None
    rel = path.relative_to(project).as_posix()
    click.echo(f"Created {rel}: fill in the blank values, then run `atlas validate`.")


@main.command()
@click.option("--root", default=".", show_default=True, help="Project root (schemas are written to ROOT/schemas/).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a schema file differs from the models.")
def schema(root: str, check: bool) -> None:
    """Write the JSON Schema of every entry type to schemas/<type>.schema.json (for editors)."""
    from .schema import stale_schemas, write_schemas

    project = Path(root).resolve()
    if check:
        stale = stale_schemas(project)
        for rel in stale:
            click.echo(f"{rel}: differs from the models; run `atlas schema` and commit the result")
        sys.exit(1 if stale else 0)
    changed = write_schemas(project)
    click.echo(f"Wrote {', '.join(changed)}" if changed else "Schemas are up to date.")


from .export.urls_command import urls  # noqa: E402  `atlas urls`: the list of published URLs

main.add_command(urls)


@main.command()
@click.argument("site_dir", default="site", required=False)
def linkcheck(site_dir: str) -> None:
    """Check every internal link of a built site (default: site/) with LinkChecker, offline."""
    from .linkcheck import LinkCheckUnavailable, check_links

    try:
        result = check_links(site_dir)
    except (FileNotFoundError, LinkCheckUnavailable) as exc:
        raise click.ClickException(str(exc)) from None
    if result.returncode != 0:
        raise click.ClickException("broken links found (see above)")


if __name__ == "__main__":  # pragma: no cover
    main()
