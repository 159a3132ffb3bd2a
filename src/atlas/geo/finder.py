"""``atlas codes``: find administrative codes by name or by point, and audit the snapshot.

* ``find(query)`` — codes whose name (Korean, or the romanised English name; spaces, hyphens
  and case ignored) contains ``query``, or that start with it when it is digits: today's first,
  then abolished ones with what replaced them;
* ``at(lat, lon)`` — today's sido, sigungu and emd holding a point (and the snapshot's units there
  when they differ);
* ``audit()`` — every snapshot code whose code, name or extent is not today's, with how today's
  area is drawn, and today's codes the snapshot cannot draw.

A name of a unit created after the table's last change whose codes could not be verified
(``data/pending_changes.csv``) is answered too: when it came, and which of today's codes stand
for its area until its own are added.

Each answer is a list of ``Line``s; the command prints them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .admin import MISSING, RECODED, REDRAWN, SAME, admin_layer
from .codes import BASE_DATE
from .history import code_table, read_data_csv

LEVELS = ("sido", "sigungu", "emd")


@dataclass(frozen=True)
class Line:
    level: str
    code: str
    name: str
    name_en: str = ""
    note: str = ""

    def __str__(self) -> str:
        en = f" ({self.name_en})" if self.name_en else ""
        note = f"  [{self.note}]" if self.note else ""
        return f"{self.level:<8} {self.code:<9} {self.name}{en}{note}"


def _key(text: str) -> str:
    return re.sub(r"[\s\-·,.()]", "", text).lower()


def _snapshot_note(code: str) -> str:
    """What the snapshot has for today's ``code``, when it is not simply the same unit."""
    layer = admin_layer()
    unit = layer.unit(code)
    if unit is None or unit.status == SAME:
        return ""
    if unit.status == MISSING:
        return f"not in the NGII boundaries ({BASE_DATE}): no outline"
    if unit.status == RECODED:
        (part,) = unit.parts
        return f"NGII boundaries: {part} {layer.snapshot_name(part)}"
    emd = sum(1 for p in unit.parts if len(p) == 8)
    whole = [p for p in unit.parts if len(p) < 8]
    drawn = ", ".join(f"{p} {layer.snapshot_name(p)}" for p in whole)
    if emd:
        drawn = (drawn + " + " if drawn else "") + f"{emd} emd unit{'s' if emd != 1 else ''}"
    return f"NGII boundaries: drawn from {drawn}"


def describe(code: str, snapshot: bool = False) -> Line:
    """One code as ``atlas codes`` prints it (``snapshot``: a code of the NGII boundaries, whose area
    today is found through its emd units)."""
    table = code_table()
    entry = table.get(code)
    level = {2: "sido", 5: "sigungu", 8: "emd"}[len(code)]
    name = table.full_name(code)
    if entry is not None and not entry.current:
        today = admin_layer().today_of_snapshot(code) if snapshot else table.today(code)
        where = ", ".join(today[:4]) + (f" and {len(today) - 4} more" if len(today) > 4 else "")
        note = f"abolished {entry.abolished}" + (f" → today {where}" if today else "")
        return Line(level, code, name, table.full_name_en(code), note)
    return Line(level, code, name, table.full_name_en(code), _snapshot_note(code))


@dataclass(frozen=True)
class Pending:
    """A unit created lately whose codes are not in the table yet (``data/pending_changes.csv``)."""
    name: str
    name_en: str
    effective: str
    stand_in: tuple[str, ...]  # today's codes of the table that cover its area
    basis: str
    url: str


@lru_cache(maxsize=1)
def pending_changes() -> tuple[Pending, ...]:
    return tuple(Pending(row["name"], row["name_en"], row["effective"], tuple(row["stand_in"].split()), row["basis"],
                         row["url"]) for row in read_data_csv("pending_changes.csv"))


def _pending_lines(wanted: str) -> list[Line]:
    table = code_table()
    lines = []
    for unit in pending_changes():
        if wanted in _key(unit.name) or wanted in _key(unit.name_en):
            use = ", ".join(f"{code} {table.full_name(code)}" for code in unit.stand_in)
            lines.append(Line("pending", "", unit.name, unit.name_en,
                              f"since {unit.effective}; its codes are not in the table yet: use {use} ({unit.basis})"))
    return lines


def find(query: str) -> list[Line]:
    """Codes matching a name fragment (Korean or English) or a code prefix: current first; units
    whose codes are pending come after today's sido and sigungu, saying which codes to use."""
    table = code_table()
    wanted = _key(query)
    if not wanted:
        return []
    found = []
    for code, entry in table.codes.items():
        if wanted.isdigit():
            hit = code.startswith(wanted)
        else:
            hit = wanted in _key(table.full_name(code)) or wanted in _key(table.full_name_en(code))
        if hit and (entry.current or entry.level != "emd" or not wanted.isdigit()):
            found.append(entry)
    found.sort(key=lambda e: (_rank(table, e.code, wanted), not e.current, LEVELS.index(e.level), e.code))
    lines = [describe(e.code) for e in found]
    pending = [] if wanted.isdigit() else _pending_lines(wanted)
    if pending:
        cut = next((i for i, (line, e) in enumerate(zip(lines, found)) if e.level == "emd" or not e.current), len(lines))
        lines[cut:cut] = pending
    return lines


def _rank(table, code: str, wanted: str) -> int:
    """0: the unit's own name starts with the query (오창 → 오창읍, Ochang → Ochang-eup); 1: a word of its
    full name does; 2: it is inside a word (Ochang in Geochang). Codes asked for by number are all 0."""
    if wanted.isdigit():
        return 0
    korean, english = table.full_name(code), table.full_name_en(code)
    if _key(korean.split()[-1]).startswith(wanted) or _key(english.split(",")[0]).startswith(wanted):
        return 0
    words = re.split(r"[\s,]+", f"{korean} {english}")
    return 1 if any(_key(word).startswith(wanted) for word in words if word) else 2


def at(lat: float, lon: float) -> list[Line]:
    """Today's units holding a point, and the snapshot's where they differ."""
    from .boundaries import boundaries

    bounds = boundaries()
    layer = admin_layer()
    (emd,) = bounds.emd_at([(lat, lon)])
    today = sorted({t for s in emd for t in layer.today_of_emd(s)})
    lines = []
    seen: set[str] = set()
    for t in today:
        for code in (t[:2], t[:5], t):
            if code in seen or code not in layer.units:
                continue
            seen.add(code)
            cities = code_table().parent_cities()
            for city, districts in cities.items():  # a district's city comes before it
                if code in districts and city not in seen:
                    seen.add(city)
                    lines.append(describe(city))
            lines.append(describe(code))
    for s in emd:
        if s not in seen:
            lines.append(Line("emd", s, layer.snapshot_name(s), "", f"NGII boundaries ({BASE_DATE})"))
    return lines


def audit() -> dict[str, list[Line]]:
    """What in the snapshot is not today's, and how today's areas are drawn from it.

    ``abolished`` — snapshot codes no longer valid, with the codes that hold their area today;
    ``renamed`` — snapshot codes still valid, under another name than the snapshot's;
    ``redrawn`` — today's codes drawn from other snapshot units than their own (new codes,
    codes whose area changed, codes reused for another area);
    ``missing`` — today's codes the snapshot cannot draw (made from parts of other units).
    """
    layer = admin_layer()
    table = code_table()
    out: dict[str, list[Line]] = {"abolished": [], "renamed": [], "redrawn": [], "missing": []}
    for level in LEVELS:
        for code in sorted(layer.snapshot[level]):
            entry = table.get(code)
            if entry is None or not entry.current:
                line = describe(code, snapshot=True) if entry else Line(level, code, layer.snapshot_name(code), "",
                                                          "not in the official code table")
                out["abolished"].append(Line(level, code, f"{layer.snapshot_name(code)} (NGII)", "",
                                             line.note.replace("abolished", f"{line.name}: abolished", 1)))
                continue
            own = layer.snapshot[level][code].get(level) or ""
            if own and _key(own) != _key(table.own_name(code)):
                out["renamed"].append(Line(level, code, table.full_name(code), "", f"NGII boundaries: {own}"))
    for code in sorted(layer.units, key=lambda c: (len(c), c)):
        unit = layer.units[code]
        if unit.status in (REDRAWN, RECODED) and (unit.status == REDRAWN or unit.parts[0] != code):
            out["redrawn"].append(describe(code))
        elif unit.status == MISSING:
            entry = table.get(code)
            out["missing"].append(Line(unit.level, code, unit.name, unit.name_en,
                                       f"created {entry.created}; no snapshot unit lies wholly in it"))
    return out
