"""Words the maps use, in Korean and English (a map is built for one language)."""
from __future__ import annotations

from ..geo.codes import CREDIT

STRINGS: dict[str, dict[str, str]] = {
    "map": {"ko": "지도", "en": "Map"},
    "map_of": {"ko": "{name} 지도", "en": "Map of {name}"},
    "overview_title": {"ko": "클러스터 지도", "en": "Map of the clusters"},
    "place_title": {"ko": "기관 위치 지도", "en": "Location map"},
    "place_of": {"ko": "{name} 위치 지도", "en": "Where {name} is"},
    "outlines": {"ko": "경계", "en": "Boundaries"},
    "institutions": {"ko": "기관", "en": "Institutions"},
    "venues": {"ko": "행사 장소", "en": "Event venues"},
    "clusters": {"ko": "클러스터", "en": "Clusters"},
    "open_profile": {"ko": "기관 정보 보기", "en": "Open its page"},
    "open_region": {"ko": "지역 정보 보기", "en": "Open its page"},
    "events_here": {"ko": "이곳에서 열린 행사", "en": "Events held here"},
    "legend": {"ko": "범례", "en": "Legend"},
    "filter": {"ko": "유형별로 보기 (끄고 켜기)", "en": "Show by type (switch on and off)"},
    "venue": {"ko": "행사 장소", "en": "Event venue"},
    "cluster": {"ko": "클러스터", "en": "Cluster"},
    "union": {"ko": "광역 연합", "en": "Regional union"},
    "fullscreen": {"ko": "전체 화면", "en": "Full screen"},
    "exit_fullscreen": {"ko": "전체 화면 끝내기", "en": "Exit full screen"},
    "open_alone": {"ko": "지도만 크게 보기", "en": "Open the map on its own"},
    "noscript": {
        "ko": "이 지도는 자바스크립트가 있어야 보입니다. 지도에 표시된 내용은 지도 옆 목록에 있습니다.",
        "en": "This map needs JavaScript. The list next to the map gives everything it shows.",
    },
    "noscript_page": {"ko": "목록이 있는 페이지", "en": "The page with the list"},
    "licence": {"ko": "항목 CC BY 4.0", "en": "entries CC BY 4.0"},
    "load_failed": {
        "ko": "경계 자료를 불러오지 못했습니다. 지도 옆 목록을 보세요.",
        "en": "The boundaries could not be loaded; see the list next to the map.",
    },
    "on_map": {"ko": "지도에 표시된 것", "en": "On this map"},
    "outline_item": {"ko": "경계", "en": "Outline"},
    "child_outlines": {"ko": "안에 그린 하위 지역", "en": "Regions drawn inside"},
    "n_institutions": {"ko": "기관 {n}곳", "en": "{n} institutions"},
    "n_venues": {"ko": "행사 장소 {n}곳", "en": "{n} event venues"},
    "n_clusters": {"ko": "클러스터·광역연합 {n}곳 (경계와 중심점, 목록은 아래)",
                   "en": "{n} clusters and unions (outline and centre point; listed below)"},
    "place_item": {"ko": "위치", "en": "Location"},
    "codes": {"ko": "행정구역 코드", "en": "administrative codes"},
    "none": {"ko": "없음", "en": "none"},
    "credit": CREDIT,
}

#: one or two letters drawn inside each marker, so that types differ by more than colour
GLYPHS: dict[str, dict[str, str]] = {
    "university": {"ko": "대", "en": "U"},
    "research-institute": {"ko": "연", "en": "R"},
    "public-agency": {"ko": "공", "en": "P"},
    "company": {"ko": "기", "en": "C"},
    "government": {"ko": "정", "en": "G"},
    "legislature": {"ko": "의", "en": "L"},
    "council": {"ko": "협", "en": "Co"},
    "association": {"ko": "회", "en": "A"},
    "hospital": {"ko": "병", "en": "H"},
    "industrial-complex": {"ko": "산", "en": "I"},
    "venue": {"ko": "행", "en": "E"},
    "cluster": {"ko": "★", "en": "★"},
    "union": {"ko": "◆", "en": "◆"},
}


def t(key: str, lang: str, **values: object) -> str:
    text = STRINGS[key].get(lang) or STRINGS[key]["ko"]
    return text.format(**values) if values else text


def glyph(kind: str, lang: str) -> str:
    names = GLYPHS.get(kind, {})
    return names.get(lang) or names.get("ko", "•")
