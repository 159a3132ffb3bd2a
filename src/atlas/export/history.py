"""When each entry last changed: the date of the last commit touching its data file.

One ``git log`` for the whole ``data/`` folder (not one per file). An entry whose
file git does not know (no repository, git missing, a new uncommitted file) gets
the newest date among its sources instead, so the answer never depends on the
clock and two builds of the same input agree.
"""
from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path

from ..graph import Atlas
from ..link import references
from ..models import Model


def commit_dates(root: Path | str, folder: str = "data") -> dict[str, str]:
    """{path relative to root: YYYY-MM-DD of the newest commit touching it} (empty without git)."""
    try:
        out = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--relative", "--", folder],
            cwd=root, capture_output=True, text=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    date = ""
    for line in out.splitlines():
        if line.startswith("\x00"):
            date = line[1:].strip()
        elif line.strip() and date:
            dates.setdefault(line.strip(), date)  # newest first: keep the first date seen
    return dates


def source_date(atlas: Atlas, entry: Model) -> str:
    """The newest published/updated date among the sources an entry cites (its own, for a source)."""
    if entry.type == "source":
        return max(d for d in (entry.published, entry.updated) if d)
    # every source the entry names, its own list and those of single statements
    slugs = {ref for _, ref, target in references(entry) if target == "source"}
    dates = [d for s in slugs if s in atlas.sources for d in (atlas.sources[s].published, atlas.sources[s].updated) if d]
    return max(dates) if dates else ""


def last_updated(root: Path | str, atlas: Atlas) -> dict[str, str]:
    """{slug: YYYY-MM-DD (or YYYY-MM / YYYY from a source)} for every entry."""
    committed = commit_dates(root)
    out = {}
    for entry in atlas.all_entries():
        path = atlas.paths.get(entry.slug)
        out[entry.slug] = committed.get(path) or source_date(atlas, entry)
    return out


def pin_build_date(root: Path | str) -> None:
    """Dates a renderer writes (sitemap, page footers) come from the last commit, not the clock, so
    the same input gives the same bytes: ``SOURCE_DATE_EPOCH`` (reproducible-builds.org), unless set."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return
    if out.stdout.strip().isdigit():
        os.environ["SOURCE_DATE_EPOCH"] = out.stdout.strip()


def reference_date(root: Path | str, atlas: Atlas) -> datetime.date:
    """The day a build states things "as of" (targets' statuses): the same input, the same day.

    ``SOURCE_DATE_EPOCH`` when set (reproducible-builds.org; a build sets it from the last commit),
    else the date of the last commit of ``root``, else the newest date the entries give (a source's
    publication or revision, a reported outcome) — never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=root, capture_output=True, text=True,
                             check=True).stdout.strip()
        return datetime.date.fromisoformat(out)
    except (OSError, subprocess.CalledProcessError, ValueError):
        pass
    dates = [d for s in atlas.sources.values() for d in (s.published, s.updated) if d]
    dates += [r.as_of for p in atlas.programmes.values() for t in p.targets for r in t.reported]
    return _last_day(max(dates)) if dates else datetime.date(1970, 1, 1)


def _last_day(partial: str) -> datetime.date:
    from ..targets import last_day

    return last_day(partial)
