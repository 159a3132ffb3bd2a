"""Institutions, events and programme targets as CSV tables.

Each table is declared once, as columns (name, Table Schema type, description,
value): the CSV writer and ``datapackage.json`` read the same declaration, so the
file and its description cannot drift apart.

Encoding: UTF-8 **with** a byte-order mark, CRLF line ends (RFC 4180). Excel on a
Korean Windows opens a CSV without a BOM as CP949 and shows the Hangul as
mojibake; with the BOM it opens as UTF-8. pandas (``read_csv``), R and the
``frictionless`` tools skip the BOM. Lists inside a cell are joined with ``;``.

Text cells that a spreadsheet would read as a formula (``=HYPERLINK(…)``, ``+``, ``-``, ``@``, a tab
or a carriage return first) are written with a leading apostrophe (``atlas.formats.csv_cell``, as
OWASP advises): Excel shows them as text. Number columns are never changed.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Callable

from ..formats import csv_cell
from ..graph import Atlas
from ..models import Model
from ..targets import programme_statuses
from .records import coordinate, number
from .urls import absolute, entry_json_path, page_url

LIST_SEPARATOR = ";"
ORGANISER_ROLES = ("organiser", "host", "co-organiser")
DATE_NOTE = "ISO 8601: YYYY-MM-DD, or YYYY-MM / YYYY when the source gives no more"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, number, integer, boolean
    description: str
    value: Callable[..., object]


@dataclass(frozen=True)
class Table:
    name: str  # resource name in datapackage.json
    path: str
    title: dict[str, str]
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    rows: Callable[[Atlas, dt.date], list]  # the things each row is made from, in order (on a reference date)

    def schema(self) -> dict:
        return {
            "fields": [{"name": c.name, "type": c.type, "description": c.description} for c in self.columns],
            "primaryKey": list(self.primary_key),
            "missingValues": [""],
        }


def _list(values) -> str:
    return LIST_SEPARATOR.join(values)


def _ko(text) -> str:
    return text.ko if text else ""


def _en(text) -> str:
    return (text.en or "") if text else ""


def _url(site_url, entry: Model) -> str:
    return absolute(site_url, page_url(entry.type, entry.slug))


def _json(site_url, entry: Model) -> str:
    return absolute(site_url, entry_json_path(entry.type, entry.slug))


def _str(name: str, description: str, value: Callable[..., object]) -> Column:
    return Column(name, "string", description, value)


INSTITUTIONS = Table(
    name="institutions",
    path="data/institutions.csv",
    title={"ko": "기관", "en": "Institutions"},
    description="One row per institution: kind, regions, memberships, WGS84 location, sources.",
    columns=(
        _str("slug", "identifier (permanent; the page is institutions/<slug>/)", lambda a, s, u, e: e.slug),
        _str("name_ko", "name in Korean", lambda a, s, u, e: e.name.ko),
        _str("name_en", "name in English (empty if not yet translated)", lambda a, s, u, e: _en(e.name)),
        _str("kind", "university, research-institute, public-agency, company, government, legislature, council, "
             "association, hospital or industrial-complex", lambda a, s, u, e: e.kind),
        _str("parent", "slug of the institution it is part of", lambda a, s, u, e: e.parent or ""),
        _str("regions", "slugs of its regions, separated by ';'", lambda a, s, u, e: _list(e.regions)),
        _str("member_of", "slugs of the councils or bodies it belongs to, separated by ';'",
             lambda a, s, u, e: _list(m.of for m in e.member_of)),
        Column("lat", "number", "latitude, WGS84 degrees", lambda a, s, u, e: coordinate(e.location.lat)),
        Column("lon", "number", "longitude, WGS84 degrees", lambda a, s, u, e: coordinate(e.location.lon)),
        _str("address_ko", "address in Korean", lambda a, s, u, e: _ko(e.location.address)),
        _str("address_en", "address in English", lambda a, s, u, e: _en(e.location.address)),
        _str("district_code", "today's official code of the city, county or district (sigungu) its location lies "
             "in, found from the coordinates", lambda a, s, u, e: _district(a, e).code),
        _str("district_name", "today's name of that district", lambda a, s, u, e: _district(a, e).name),
        _str("website", "its own website", lambda a, s, u, e: e.website or ""),
        _str("sources", "slugs of the sources cited for it, separated by ';'", lambda a, s, u, e: _list(e.sources)),
        _str("updated", "date the entry last changed", lambda a, s, u, e: u.get(e.slug, "")),
        _str("url", "its page in the atlas", lambda a, s, u, e: _url(s, e)),
        _str("json", "its JSON record", lambda a, s, u, e: _json(s, e)),
    ),
    primary_key=("slug",),
    rows=lambda atlas, reference: [atlas.institutions[k] for k in sorted(atlas.institutions)],
)

class _NoDistrict:
    code = name = ""


def _district(atlas, entry):
    """Today's district of an institution (``atlas.geo.check`` derives it from the coordinates)."""
    return atlas.districts.get(entry.slug) or _NoDistrict


EVENTS = Table(
    name="events",
    path="data/events.csv",
    title={"ko": "사건·행사", "en": "Events"},
    description="One row per event, oldest first: date, kind, regions, venue, organisers and participants.",
    columns=(
        _str("slug", "identifier (permanent; the page is events/<slug>/)", lambda a, s, u, e: e.slug),
        _str("date", DATE_NOTE, lambda a, s, u, e: e.date),
        _str("end_date", "last day, for events over several days (" + DATE_NOTE + ")",
             lambda a, s, u, e: e.end_date or ""),
        _str("kind", "forum, council-meeting, committee-launch, mou-signing, designation, vision-proclamation, "
             "festival or strategy-announcement", lambda a, s, u, e: e.kind),
        _str("name_ko", "name in Korean", lambda a, s, u, e: e.name.ko),
        _str("name_en", "name in English (empty if not yet translated)", lambda a, s, u, e: _en(e.name)),
        _str("regions", "slugs of its regions, separated by ';'", lambda a, s, u, e: _list(e.regions)),
        _str("venue", "slug of the institution where it took place", lambda a, s, u, e: e.venue or ""),
        _str("part_of", "slug of the event it took place at", lambda a, s, u, e: e.part_of or ""),
        _str("organisers", "slugs of organisers, hosts and co-organisers, separated by ';'",
             lambda a, s, u, e: _list(dict.fromkeys(p.institution for p in e.participants if p.role in ORGANISER_ROLES))),
        _str("participants", "every participant as slug:role, separated by ';'",
             lambda a, s, u, e: _list(f"{p.institution}:{p.role}" for p in e.participants)),
        Column("attendance", "number", "number of people attending, as reported",
               lambda a, s, u, e: number(e.attendance.value) if e.attendance else ""),
        Column("attendance_approximate", "boolean", "whether the attendance is an approximate figure",
               lambda a, s, u, e: ("true" if e.attendance.approximate else "false") if e.attendance else ""),
        _str("industries", "slugs of the industries concerned, separated by ';'", lambda a, s, u, e: _list(e.industries)),
        _str("programmes", "slugs of the programmes announced or discussed, separated by ';'",
             lambda a, s, u, e: _list(e.programmes)),
        _str("summary_ko", "summary in Korean", lambda a, s, u, e: " ".join(e.summary.ko.split())),
        _str("summary_en", "summary in English", lambda a, s, u, e: " ".join(_en(e.summary).split())),
        _str("sources", "slugs of the sources cited for it, separated by ';'", lambda a, s, u, e: _list(e.sources)),
        _str("updated", "date the entry last changed", lambda a, s, u, e: u.get(e.slug, "")),
        _str("url", "its page in the atlas", lambda a, s, u, e: _url(s, e)),
        _str("json", "its JSON record", lambda a, s, u, e: _json(s, e)),
    ),
    primary_key=("slug",),
    rows=lambda atlas, reference: atlas.events_in_order(),
)


def _target_rows(atlas: Atlas, reference: dt.date) -> list:
    """(programme, number from 1, target, its status on the reference date, that date), by programme and number."""
    return [(atlas.programmes[slug], i, target, status, reference)
            for slug in sorted(atlas.programmes)
            for i, (target, status) in enumerate(zip(atlas.programmes[slug].targets,
                                                      programme_statuses(atlas.programmes[slug], reference)), start=1)]


def _latest(row, field: str):
    latest = row[3].latest
    if latest is None:
        return ""
    return number(latest.value) if field == "value" else getattr(latest, field)


TARGETS = Table(
    name="targets",
    path="data/targets.csv",
    title={"ko": "전략·계획의 목표", "en": "Programme targets"},
    description="One row per dated numeric target of a programme (strategy or plan).",
    columns=(
        _str("programme", "slug of the programme", lambda a, s, u, row: row[0].slug),
        Column("target", "integer", "number of the target within its programme, from 1",
               lambda a, s, u, row: str(row[1])),
        _str("programme_name_ko", "programme name in Korean", lambda a, s, u, row: row[0].name.ko),
        _str("programme_name_en", "programme name in English", lambda a, s, u, row: _en(row[0].name)),
        _str("metric_ko", "what is measured, in Korean", lambda a, s, u, row: row[2].metric.ko),
        _str("metric_en", "what is measured, in English", lambda a, s, u, row: _en(row[2].metric)),
        Column("value", "number", "the target value", lambda a, s, u, row: number(row[2].value)),
        _str("unit_ko", "unit of the value, in Korean", lambda a, s, u, row: row[2].unit.ko),
        _str("unit_en", "unit of the value, in English", lambda a, s, u, row: _en(row[2].unit)),
        _str("by", "when the target is due (" + DATE_NOTE + ")", lambda a, s, u, row: row[2].by),
        Column("baseline", "number", "the starting value, where the source gives one",
               lambda a, s, u, row: number(row[2].baseline)),
        _str("source", "slug of the source of this target",
             lambda a, s, u, row: row[2].source or row[0].sources[0]),
        _str("direction", "increase (met when a value reaches at least the target) or decrease (at most); "
             "written, or decrease when the baseline is above the target", lambda a, s, u, row: row[3].direction),
        _str("regions", "slugs of the regions the target names (empty: the programme's), separated by ';'",
             lambda a, s, u, row: _list(row[2].regions)),
        Column("reports", "integer", "number of reported outcomes", lambda a, s, u, row: str(len(row[2].reported))),
        Column("latest_value", "number", "the latest reported value known on status_as_of (empty: none)",
               lambda a, s, u, row: _latest(row, "value")),
        _str("latest_as_of", "the day that value describes (YYYY-MM-DD)", lambda a, s, u, row: _latest(row, "as_of")),
        _str("latest_source", "slug of the source that reports it", lambda a, s, u, row: _latest(row, "source")),
        _str("status", "met, missed, due, behind, on-track, reported or no-report: computed on status_as_of by "
             "the rules on the site's targets page (atlas/targets.py)", lambda a, s, u, row: row[3].status),
        _str("status_as_of", "the reference date of the status (the build's: its last commit)",
             lambda a, s, u, row: row[4].isoformat()),
        _str("url", "the programme's page in the atlas", lambda a, s, u, row: _url(s, row[0])),
    ),
    primary_key=("programme", "target"),
    rows=_target_rows,
)

TABLES = (INSTITUTIONS, EVENTS, TARGETS)


def csv_bytes(header: list[str], text: list[bool], rows) -> bytes:
    """CSV as the atlas writes it: UTF-8 with a BOM, CRLF, text cells neutralised (``csv_cell``);
    ``text`` says which columns are text (numbers are written as they are)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(value) if is_text else value for is_text, value in zip(text, row)])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def to_csv(table: Table, atlas: Atlas, site_url: str | None, updated: dict[str, str], reference: dt.date) -> bytes:
    return csv_bytes([c.name for c in table.columns], [c.type == "string" for c in table.columns],
                     ([c.value(atlas, site_url, updated, row) for c in table.columns]
                      for row in table.rows(atlas, reference)))


def csv_files(atlas: Atlas, site_url: str | None, updated: dict[str, str], reference: dt.date) -> dict[str, bytes]:
    return {t.path: to_csv(t, atlas, site_url, updated, reference) for t in TABLES}
