"""Dates as search words: one key per day, month and year, whatever way a reader writes them.

Pages print dates in ISO 8601 (``2025-11-20``), which the index splits into ``2025``, ``11``,
``20``; readers type ``2025년 11월``, ``2025.11``, ``2025-11-20``, ``2025년 11월 20일``,
``11월 20일``, ``November 2025``. The worker (``workers/atlas-search.js``) reads such a query
as a date and asks for its key, exactly:

=========== =============== ==========================================
 precision   key              typed as
=========== =============== ==========================================
 day         ``20251120``     2025-11-20, 2025.11.20, 2025년 11월 20일
 month       ``202511``       2025-11, 2025.11, 2025년 11월, Nov 2025
 year        ``2025``         2025, 2025년
 month-day   ``m1120``        11월 20일, 11.20
=========== =============== ==========================================

Keys carry ``OTHER_MARK`` (``20251120_``), so that only a date query meets them. An event's page
holds the keys of its dates in its boosted ``names`` field (the event ranks first for its date);
any document holds the keys of the dates in its text in ``keywords`` (the timeline, a region's
events, a source), with the Korean words of each date (``2025년 11월 20일``) so that a query in
Korean words finds the pages that print the date in ISO form.
"""
from __future__ import annotations

import datetime
import re

from .words import OTHER_MARK

MAX_RANGE_DAYS = 366  # an event of more days gets the keys of its months, not of each day

# ISO (2025-11, 2025-11-20) or Korean (2025년 11월, 2025년 11월 20일): one pass over a text
_DATE = re.compile(r"(?<![0-9])([12][0-9]{3})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?(?![0-9])"
                   r"|년\s*(1[0-2]|0?[1-9])월(?:\s*(3[01]|[12][0-9]|0?[1-9])일)?)")


def date_keys(year: str, month: str | None = None, day: str | None = None) -> list[str]:
    """The keys of a date (``OTHER_MARK`` added) — year, and month and day where known."""
    keys = [year]
    if month:
        month = month.zfill(2)
        keys.append(year + month)
        if day:
            day = day.zfill(2)
            keys += [year + month + day, "m" + month + day]
    return [key + OTHER_MARK for key in keys]


def korean_words(year: str, month: str | None = None, day: str | None = None) -> list[str]:
    """A date as Korean writes it, word by word: ``2025년``, ``11월``, ``20일``."""
    out = [f"{year}년"]
    if month:
        out.append(f"{int(month)}월")
        if day:
            out.append(f"{int(day)}일")
    return out


def dates_in(text: str) -> tuple[set[str], set[str]]:
    """The keys and the Korean words of every date a plain text writes (ISO or Korean)."""
    keys: set[str] = set()
    korean: set[str] = set()
    for year, iso_month, iso_day, month, day in set(_DATE.findall(text)):
        month, day = iso_month or month, iso_day or day or None
        keys.update(date_keys(year, month, day))
        korean.update(korean_words(year, month, day))
    return keys, korean


def _parts(value: str) -> tuple[str, str | None, str | None]:
    parts = str(value).split("-")
    return parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None


def span_keys(start: str, end: str | None = None, days: bool = True) -> set[str]:
    """The keys of an event's date (ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) or of every day
    from it to its ``end_date`` (every month, for a long event); ``days=False``: its months and years."""
    first, last = _parts(start), _parts(end or start)
    if not days:
        first, last = first[:2] + (None,), last[:2] + (None,)
    keys = set(date_keys(*first)) | set(date_keys(*last))
    if first[2] and last[2]:
        day, until = datetime.date.fromisoformat(str(start)), datetime.date.fromisoformat(str(end or start))
        if (until - day).days <= MAX_RANGE_DAYS:
            while day <= until:
                keys.update(date_keys(f"{day.year:04d}", f"{day.month:02d}", f"{day.day:02d}"))
                day += datetime.timedelta(days=1)
            return keys
    if first[1] and last[1]:
        year, month = int(first[0]), int(first[1])
        while (year, month) <= (int(last[0]), int(last[1])):
            keys.update(date_keys(f"{year:04d}", f"{month:02d}"))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys
