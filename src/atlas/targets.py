"""Targets against outcomes: the status of a programme's target on a reference date.

One rule table, here and nowhere else. The reference date is passed in (a build uses its own
deterministic date, ``atlas.export.history.reference_date``: never the clock).

Terms, for a target of a programme on the reference date R:

* **deadline** D: the last day of ``by`` (``2030`` → 2030-12-31, ``2030-06`` → 2030-06-30).
* **direction**: ``increase`` (met when a value is at least the target) or ``decrease`` (at most);
  the target's ``direction`` when written, else ``decrease`` if its ``baseline`` is above its
  ``value``, else ``increase``.
* **reports**: its ``reported`` outcomes dated on or before R (later ones are not known on R), by date.
* **path**: a straight line from a starting point to (D, target value). The start is
  (the programme's ``start``, first day, and the ``baseline``) when both are given and the start is
  before D; otherwise (the first report's day and value) when there are two reports or more and the
  first is before D; otherwise there is no path.

Statuses, the first rule that applies:

=============  =================================================================================
``met``        a report dated on or before D reaches the target (a value reached only after the
               deadline does not count: the promise was "by D")
``missed``     R is after D and there are reports, none of them meeting the target by D
``no-report``  R is after D and there is no report (whether it was met is unknown)
``due``        D is at most ``DUE_WITHIN_DAYS`` (365) days after R: the deadline is near
``no-report``  there is no report yet
``on-track``   the latest report reaches the path's value on its day
``behind``     the latest report falls short of the path's value on its day
``reported``   reports, but no path to judge them against (no baseline or start, one report)
=============  =================================================================================
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Optional

from .models import Programme, Report, Target

#: how close the deadline must be for a target to be ``due``
DUE_WITHIN_DAYS = 365
#: every status, in the order pages sort and count them (most settled first)
STATUSES = ("met", "missed", "due", "behind", "on-track", "reported", "no-report")


def first_day(partial: str) -> dt.date:
    """The first day of an ISO date, month or year (``2020`` → 2020-01-01)."""
    parts = [int(p) for p in partial.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(partial: str) -> dt.date:
    """The last day of an ISO date, month or year (``2030`` → 2030-12-31, ``2030-02`` → 2030-02-28)."""
    parts = [int(p) for p in partial.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    month = parts[1] if len(parts) == 2 else 12
    return dt.date(parts[0], month, calendar.monthrange(parts[0], month)[1])


def direction(target: Target) -> str:
    if target.direction:
        return target.direction
    if target.baseline is not None and target.baseline > target.value:
        return "decrease"
    return "increase"


def reaches(value: float, goal: float, way: str) -> bool:
    return value >= goal if way == "increase" else value <= goal


@dataclass(frozen=True)
class TargetStatus:
    status: str  # one of STATUSES
    deadline: dt.date
    direction: str
    latest: Optional[Report]  # the latest report known on the reference date
    expected: Optional[float] = None  # the path's value on the latest report's day (on-track / behind)


def target_status(target: Target, start: Optional[str], reference: dt.date) -> TargetStatus:
    """The status of ``target`` on ``reference``; ``start``: its programme's ``start`` (or None)."""
    deadline = last_day(target.by)
    way = direction(target)
    known = sorted((r for r in target.reported if first_day(r.as_of) <= reference),
                   key=lambda r: r.as_of)  # (sorted is stable: reports of one day keep their order)
    latest = known[-1] if known else None

    def result(status: str, expected: Optional[float] = None) -> TargetStatus:
        return TargetStatus(status, deadline, way, latest, expected)

    if any(first_day(r.as_of) <= deadline and reaches(r.value, target.value, way) for r in known):
        return result("met")
    if reference > deadline:
        return result("missed" if known else "no-report")
    if (deadline - reference).days <= DUE_WITHIN_DAYS:
        return result("due")
    if latest is None:
        return result("no-report")
    path = _path_start(target, start, known, deadline)
    if path is None:
        return result("reported")
    expected = _on_path(path, (deadline, target.value), first_day(latest.as_of))
    return result("on-track" if reaches(latest.value, expected, way) else "behind", expected)


def _path_start(target: Target, start: Optional[str], known: list[Report],
                deadline: dt.date) -> Optional[tuple[dt.date, float]]:
    if target.baseline is not None and start and first_day(start) < deadline:
        return first_day(start), target.baseline
    if len(known) >= 2 and first_day(known[0].as_of) < deadline:
        return first_day(known[0].as_of), known[0].value
    return None


def _on_path(start: tuple[dt.date, float], end: tuple[dt.date, float], day: dt.date) -> float:
    """The straight line from ``start`` to ``end`` (day, value) at ``day`` (held at its ends)."""
    span = (end[0] - start[0]).days
    share = min(1.0, max(0.0, (day - start[0]).days / span))
    return start[1] + (end[1] - start[1]) * share


def programme_statuses(programme: Programme, reference: dt.date) -> list[TargetStatus]:
    """The status of each of a programme's targets, in their order."""
    return [target_status(t, programme.start, reference) for t in programme.targets]


def count_by_status(statuses) -> dict[str, int]:
    """``{status: how many}`` over ``STATUSES`` (zeros included), for panels and charts."""
    counts = dict.fromkeys(STATUSES, 0)
    for status in statuses:
        counts[status.status if isinstance(status, TargetStatus) else status] += 1
    return counts
