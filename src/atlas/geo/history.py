"""The official administrative codes with their history: which codes are valid today, what they
are called, and which codes replaced an abolished one.

Two tables in ``atlas/geo/data/`` (provenance in the README beside them):

* ``codes.csv`` — derived from 행정안전부's 법정동코드 table (up to 2022-09-01) by
  ``tools/make_code_table.py``: every sido (2 digits), sigungu (5) and emd (8) code current then
  or abolished since 2000, with its own name, a romanised English name, its dates and (for an
  abolished code) its successors;
* ``code_changes.csv`` — later changes, written by hand, each citing its official source
  (``change_sources.csv``): ``old`` → ``new`` renumbers ``old`` and every code under it
  (Gangwon 42 → 51, Gunwi 47720 → 27720); a row with no ``old`` creates a code (Bucheon's
  districts, 2024).

``code_table()`` reads both once per process.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files

LEVEL_BY_LENGTH = {2: "sido", 5: "sigungu", 8: "emd"}


@dataclass(frozen=True)
class Code:
    """One administrative code, current or abolished."""

    code: str
    name: str  # its own name: 충청북도 / 청주시 청원구 / 오창읍 (Sejong's 36110 has none of its own)
    name_en: str  # romanised (sido: the form of the official English addresses)
    created: str  # ISO date
    abolished: str = ""  # ISO date, or "" while current
    successors: tuple[str, ...] = ()  # codes that took over its area when it was abolished
    source: str = ""  # key in change_sources.csv for a change after the official table; "" for the table

    @property
    def level(self) -> str:
        return LEVEL_BY_LENGTH[len(self.code)]

    @property
    def current(self) -> bool:
        return not self.abolished


@dataclass(frozen=True)
class Change:
    """One hand-written row of ``code_changes.csv``."""

    date: str
    old: str
    new: str
    name: str
    name_en: str
    source: str


def read_data_csv(name: str) -> list[dict[str, str]]:
    """The rows of a table in atlas/geo/data/ (a CSV file with a header)."""
    text = (files("atlas.geo") / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def read_changes() -> list[Change]:
    return [Change(**{k: (v or "").strip() for k, v in row.items()}) for row in read_data_csv("code_changes.csv")]


def read_sources() -> dict[str, dict[str, str]]:
    return {row["source"]: row for row in read_data_csv("change_sources.csv")}


def apply_change(codes: dict[str, Code], change: Change) -> None:
    """Apply one change to ``codes`` (in place): renumber ``old`` and the codes under it, or create ``new``."""
    if not change.old:
        codes[change.new] = Code(change.new, change.name, change.name_en, change.date, source=change.source)
        return
    if len(change.old) == 8:  # one emd: no need to look further
        moved = [c for c in [codes.get(change.old)] if c is not None and c.current and c.created <= change.date]
    else:
        moved = [c for c in codes.values()
                 if c.code.startswith(change.old) and c.current and c.created <= change.date]
    for old in moved:
        new_code = change.new + old.code[len(change.old):]
        renamed = old.code == change.old and change.name
        codes[new_code] = Code(new_code, change.name if renamed else old.name,
                               change.name_en if renamed and change.name_en else old.name_en,
                               change.date, source=change.source)
        codes[old.code] = replace(old, abolished=change.date, successors=(new_code,), source=change.source)


class CodeTable:
    """Every code the atlas knows, with its history (``code_table()`` for the shared one)."""

    def __init__(self, codes: dict[str, Code]):
        self.codes = codes
        self._today: dict[str, tuple[str, ...]] = {}

    def get(self, code: str) -> Code | None:
        return self.codes.get(code)

    def current(self, code: str) -> bool:
        found = self.codes.get(code)
        return found is not None and found.current

    def today(self, code: str) -> tuple[str, ...]:
        """The current codes that hold the area of ``code`` today: itself if current, else its
        successors' (followed until current); () for a code the table does not know."""
        found = self._today.get(code)
        if found is None:
            entry = self.codes.get(code)
            if entry is None:
                found = ()
            elif entry.current:
                found = (code,)
            else:
                self._today[code] = ()  # a cycle in the data would end here
                found = tuple(sorted({t for s in entry.successors for t in self.today(s)}))
            self._today[code] = found
        return found

    def _parts(self, code: str) -> list[Code]:
        parts = [self.codes.get(code[:n]) for n in (2, 5, 8) if n <= len(code)]
        return [p for p in parts if p is not None]

    def full_name(self, code: str) -> str:
        """``충청북도 청주시 청원구 오창읍``: the names of the code and of the codes above it."""
        return " ".join(p.name for p in self._parts(code) if p.name)

    def full_name_en(self, code: str) -> str:
        """``Ochang-eup, Cheongwon-gu, Cheongju-si, Chungcheongbuk-do`` (smallest first, as English
        addresses are written)."""
        words = []
        for part in self._parts(code):
            if not part.name_en:
                continue
            units = part.name_en.split()  # "Cheongju-si Cheongwon-gu": two units; "Gangwon State": one name
            words.extend(units if all("-" in u for u in units) else [part.name_en])
        return ", ".join(reversed(words))

    def own_name(self, code: str) -> str:
        entry = self.codes.get(code)
        return entry.name if entry else ""

    @lru_cache(maxsize=None)
    def parent_cities(self) -> dict[str, tuple[str, ...]]:
        """Today's cities with districts of their own: {"43110": ("43111", "43112", "43113", "43114"), …}."""
        current = [c for c in self.codes.values() if c.current and c.level == "sigungu"]
        out: dict[str, tuple[str, ...]] = {}
        for city in current:
            if not city.name or " " in city.name:
                continue
            districts = tuple(sorted(c.code for c in current if c.code != city.code and c.code[:4] == city.code[:4]
                                     and c.name.startswith(city.name + " ")))
            if districts:
                out[city.code] = districts
        return out


def build_table(rows: list[dict[str, str]], changes: list[Change]) -> CodeTable:
    codes: dict[str, Code] = {}
    for row in rows:
        successors = tuple(s for s in row["successors"].split(";") if s)
        codes[row["code"]] = Code(row["code"], row["name"], row["name_en"], row["created"], row["abolished"],
                                  successors)
    for change in sorted(changes, key=lambda c: c.date):
        apply_change(codes, change)
    return CodeTable(codes)


@lru_cache(maxsize=1)
def code_table() -> CodeTable:
    """The bundled table with the hand-written changes applied (read once per process)."""
    return build_table(read_data_csv("codes.csv"), read_changes())
