"""A figure beside another, said in words, Census Reporter's way: "about 1.5 times the share in
충청남도", "a third of 충청남도's", in Korean and English.

``ratio_words(here, other, other_name, lang, measure)`` compares ``here`` with ``other``:

* equal: "all of P's" (counts; a part that is the whole), "the same share as in P" (shares);
* more than 1.05 times: "about 1.5 times …" (one decimal under 10; "about twice" for 2.0);
* less: the nearest of the simple fractions below ("two thirds", "a quarter" …), without
  "about" when it is exact (2 of 6 is "a third"); under a tenth: "less than a tenth";
  from 0.95 to 1.05 (not equal): "about the same as";
* zero here: "none, against 3 in P" / "none, against 25% in P"; nothing there to compare: "".

``measure`` is ``"count"`` (numbers of entries) or ``"share"`` (a share of each place's total;
``here`` and ``other`` are then the shares, as fractions of 1). Only plain text comes out: pages
and charts escape it like any other text.
"""
from __future__ import annotations

from fractions import Fraction

#: the fractions words are given for, with their names
FRACTIONS: tuple[tuple[Fraction, str, str], ...] = (
    (Fraction(1, 10), "a tenth", "10분의 1"),
    (Fraction(1, 5), "a fifth", "5분의 1"),
    (Fraction(1, 4), "a quarter", "4분의 1"),
    (Fraction(1, 3), "a third", "3분의 1"),
    (Fraction(2, 5), "two fifths", "5분의 2"),
    (Fraction(1, 2), "half", "절반"),
    (Fraction(3, 5), "three fifths", "5분의 3"),
    (Fraction(2, 3), "two thirds", "3분의 2"),
    (Fraction(3, 4), "three quarters", "4분의 3"),
    (Fraction(4, 5), "four fifths", "5분의 4"),
    (Fraction(9, 10), "nine tenths", "10분의 9"),
)


def with_particle(name: str) -> str:
    """``name`` with the Korean particle 와/과 that its last syllable takes (와(과) after other letters)."""
    last = name[-1:] if name else ""
    if "가" <= last <= "힣":
        return name + ("과" if (ord(last) - 0xAC00) % 28 else "와")
    return name + "와(과)"


def percent(share: float) -> str:
    """A share (0–1) as a whole percentage: ``0.3 → "30%"`` (under 1 % but not zero: ``"<1%"``)."""
    if 0 < share < 0.005:
        return "<1%"
    return f"{round(share * 100)}%"


def _times(ratio: float) -> str:
    rounded = round(ratio, 1) if ratio < 10 else round(ratio)
    return "2" if rounded == 2 else (f"{rounded:g}" if ratio < 10 else f"{rounded:,}")


def ratio_words(here: float, other: float | None, other_name: str, lang: str, measure: str = "count") -> str:
    if other is None or other == 0:
        if here and measure == "share":
            return f"{other_name}에는 없음" if lang == "ko" else f"none in {other_name}"
        return ""
    share = measure == "share"
    if here == 0:
        if share:
            return f"없음 ({other_name} {percent(other)})" if lang == "ko" else f"none, against {percent(other)} in {other_name}"
        return f"없음 ({other_name} {other:,g})" if lang == "ko" else f"none, against {other:,g} in {other_name}"
    exact = Fraction(here).limit_denominator(10**6) / Fraction(other).limit_denominator(10**6)
    ratio = float(exact)
    if exact == 1:
        if share:
            return f"{with_particle(other_name)} 같은 비중" if lang == "ko" else f"the same share as in {other_name}"
        return f"{other_name} 전체" if lang == "ko" else f"all of {other_name}'s"
    if 0.95 <= ratio <= 1.05:
        if share:
            return f"{with_particle(other_name)} 거의 같은 비중" if lang == "ko" else f"about the same share as in {other_name}"
        return f"{with_particle(other_name)} 거의 같음" if lang == "ko" else f"about the same as {other_name}'s"
    if ratio > 1:
        times = _times(ratio)
        if lang == "ko":
            return f"{other_name} 비중의 약 {times}배" if share else f"{other_name}의 약 {times}배"
        said = "twice" if times == "2" else f"{times} times"
        return f"about {said} the share in {other_name}" if share else f"about {said} {other_name}'s"
    if ratio < 0.1:
        if lang == "ko":
            return f"{other_name} 비중의 10분의 1 미만" if share else f"{other_name}의 10분의 1 미만"
        return f"less than a tenth of the share in {other_name}" if share else f"less than a tenth of {other_name}'s"
    fraction, en, ko = min(FRACTIONS, key=lambda f: (abs(float(f[0]) - ratio), f[0]))
    about = fraction != exact
    if lang == "ko":
        return f"{other_name} 비중의 {'약 ' if about else ''}{ko}" if share else f"{other_name}의 {'약 ' if about else ''}{ko}"
    return (f"{'about ' if about else ''}{en} of the share in {other_name}" if share
            else f"{'about ' if about else ''}{en} of {other_name}'s")
