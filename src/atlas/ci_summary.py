"""Every problem of a check, for the GitHub Actions job summary (``$GITHUB_STEP_SUMMARY``).

GitHub shows at most 10 error annotations per step (50 per job) on a pull request's lines, so a
pull request with more problems would see only some of them. The job summary has no such limit:
``summary_markdown`` writes all of them as one table, each file and line linking to the file as the
pull request has it (the contributor's fork and commit, read from the workflow's event file).

Cells are escaped for the table (``|``, line breaks) and for HTML (``<``, ``>``, ``&``): a file name or
message can neither break the table nor add markup to the summary.
"""
from __future__ import annotations

import html
import json
import os
from typing import Iterable, Mapping
from urllib.parse import quote

from .problems import Problem

MAX_ROWS = 2000  # a summary may hold 1 MiB; beyond this many rows the rest is counted, not listed


def _cell(text: str) -> str:
    text = html.escape(" ".join(str(text).split()), quote=False)
    return text.replace("|", "\\|").replace("`", "\\`")


def blob_base(env: Mapping[str, str] = os.environ) -> str | None:
    """``https://github.com/<owner>/<repo>/blob/<commit>/`` of the files being checked, or None.

    For a pull request: the head repository (a fork, usually) at the head commit, from the event
    file; otherwise the repository at ``GITHUB_SHA``."""
    server = env.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
    repo, sha = env.get("GITHUB_REPOSITORY"), env.get("GITHUB_SHA")
    event_path = env.get("GITHUB_EVENT_PATH")
    if event_path:
        try:
            with open(event_path, encoding="utf-8") as handle:
                head = (json.load(handle).get("pull_request") or {}).get("head") or {}
            repo = (head.get("repo") or {}).get("full_name") or repo
            sha = head.get("sha") or sha
        except (OSError, ValueError, AttributeError):
            pass
    if not repo or not sha:
        return None
    return f"{server}/{quote(repo)}/blob/{quote(sha)}/"


def summary_markdown(problems: Iterable[Problem], base: str | None = None, title: str = "atlas validate") -> str:
    """A Markdown table of every problem: file and line (linked when ``base`` is given), field, message."""
    problems = sorted(set(problems))
    n = len(problems)
    lines = [f"### {_cell(title)}: {n} problem{'s' if n != 1 else ''}", ""]
    if not problems:
        return "\n".join(lines[:1] + ["", "No problems found."]) + "\n"
    lines += ["| file | line | field | message |", "| --- | ---: | --- | --- |"]
    for problem in problems[:MAX_ROWS]:
        where = _cell(problem.path)
        line = str(max(problem.line, 1))
        if base:
            url = base + quote(problem.path, safe="/") + f"#L{line}"
            where, line = f"[{where}]({url})", f"[{line}]({url})"
        lines.append(f"| {where} | {line} | {_cell(problem.field)} | {_cell(problem.message)} |")
    if n > MAX_ROWS:
        lines += ["", f"… and {n - MAX_ROWS} more (run `atlas validate` to see them all)."]
    return "\n".join(lines) + "\n"


def append_summary(text: str, env: Mapping[str, str] = os.environ) -> bool:
    """Append to the job summary file, when running in GitHub Actions; returns whether it did."""
    path = env.get("GITHUB_STEP_SUMMARY")
    if not path:
        return False
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(text)
    return True
