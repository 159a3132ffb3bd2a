"""The ``atlas`` command line: check entries, build the site.

    atlas validate            check every entry; print file:line: field: message
    atlas build               validate, then build the site into site/ (atomically)
    atlas serve               a live preview that re-renders only the pages an edit changes
    atlas new TYPE SLUG       a new entry file with every field explained
    atlas schema              write the JSON Schemas of the entry types (for editors)
    atlas linkcheck [SITE]    check every internal link of the built site (LinkChecker, offline)
    atlas urls [--write]      check (or extend) published-urls.txt: no published URL may break
    atlas codes NAME          find administrative codes by name (Korean or English), or --at LAT,LON

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

from .ci_summary import append_summary, blob_base, summary_markdown
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
        if fmt == "github":  # all of them in the job summary too: GitHub shows only 10 annotations a step
            append_summary(summary_markdown(exc.problems, blob_base()))
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
@click.option("--root", default=".", show_default=True, help="Project root (the folder holding mkdocs.yml and data/).")
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True, metavar="HOST:PORT",
              help="Where to serve the preview.")
@click.option("--verbose", "-v", is_flag=True, help="Say what each change costs (pages rendered, background work).")
def serve(root: str, dev_addr: str, verbose: bool) -> None:
    """A live preview: the site built once, then only the pages an edit changes rendered again.

    Pages follow an edit in about a second and reload themselves in the browser; the downloads,
    feeds, maps and search catch up a few seconds later. Problems in the entries are printed here
    and shown on every page, which keeps its last good version meanwhile."""
    project = _project_root(root)
    # MkDocs runs in the process this one becomes (this library never imports it)
    command = [sys.executable, "-m", "atlas_mkdocs.work.preview", "-f", str(project / "mkdocs.yml"), "-a", dev_addr]
    if verbose:
        command.append("--verbose")
    sys.stdout.flush()
    sys.stderr.flush()
    os.chdir(project)
    os.execv(sys.executable, command)


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


@main.command()
@click.option("--root", default=".", show_default=True, help="Project root (the folder holding data/).")
@click.option("--base", required=True, metavar="REF", help="The git revision to compare with (e.g. origin/main).")
@click.option("--summary", is_flag=True, help="Also write the list to the GitHub Actions job summary.")
def changes(root: str, base: str, summary: bool) -> None:
    """List the pages whose content differs from revision REF (added, changed, removed)."""
    from .changes import pages_changed

    project = _project_root(root)
    try:
        found = pages_changed(project, base)
    except AtlasError as exc:
        for problem in exc.problems:
            click.echo(str(problem))
        raise click.ClickException(f"{len(exc.problems)} problem(s) found; run `atlas validate`.")
    text = found.markdown()
    click.echo(text, nl=False)
    if summary:
        append_summary(text)


from .export.urls_command import urls  # noqa: E402  `atlas urls`: the list of published URLs

main.add_command(urls)


def _point(value: str) -> tuple[float, float]:
    try:
        lat_text, lon_text = value.split(",")
        return float(lat_text), float(lon_text)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not LAT,LON (e.g. 36.37,127.36)") from None


@main.command()
@click.argument("query", required=False)
@click.option("--at", "point", metavar="LAT,LON", help="The units holding a point (WGS84), e.g. 36.37,127.36.")
@click.option("--audit", is_flag=True, help="List every code of the NGII boundaries whose code, name or extent is "
              "not today's, how today's areas are drawn, and today's codes they cannot draw.")
@click.option("--limit", default=40, show_default=True, help="Print at most this many codes (0: all).")
def codes(query: str | None, point: str | None, audit: bool, limit: int) -> None:
    """Find administrative codes for admin_codes and location.sigungu.

    \b
    atlas codes 유성              codes whose name contains 유성 (or Yuseong, or a code prefix: 302)
    atlas codes --at 36.37,127.36 sido, sigungu and emd holding a point
    atlas codes --audit           what in the bundled boundaries is not today's

    Each line: level, code, today's full name (romanised English name), and in brackets how the
    NGII boundaries (base date 2023-09-15) draw it when that is not by the same code and name.
    """
    from .geo import finder

    if sum(bool(x) for x in (query, point, audit)) != 1:
        raise click.UsageError("give a NAME, or --at LAT,LON, or --audit")
    if audit:
        sections = finder.audit()
        titles = {
            "abolished": "Codes of the NGII boundaries that are no longer valid (today's codes for their area):",
            "renamed": "Codes of the NGII boundaries named differently today:",
            "redrawn": "Today's codes drawn from other units of the NGII boundaries than their own:",
            "missing": "Today's codes the NGII boundaries cannot draw (made from parts of other units):",
        }
        for key, lines in sections.items():
            click.echo(f"{titles[key]} {len(lines)}")
            for line in lines:
                click.echo(f"  {line}")
        return
    lines = finder.at(*_point(point)) if point else finder.find(query)
    if not lines:
        where = f"at {point}" if point else f"matching {query!r}"
        click.echo(f"no administrative unit {where}" + ("" if point else " (try part of the name, or --at LAT,LON)"),
                   err=True)
        sys.exit(1)
    shown = lines if limit <= 0 else lines[:limit]
    for line in shown:
        click.echo(str(line))
    if len(shown) < len(lines):
        click.echo(f"… {len(lines) - len(shown)} more (narrow the query, or --limit 0)", err=True)
    if not point:
        click.echo("English names of districts and neighbourhoods are romanised (Revised Romanization), "
                   "not an official table.", err=True)


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
