"""The five seed articles are in the atlas: clusters, events, programmes, institutions, sources.

These tests check that the seed's facts are present, never how many entries the atlas holds: a
contributor who adds an entry, a source or a member must not turn them red."""
from __future__ import annotations

import unicodedata

from atlas.models import KOREA_LAT, KOREA_LON


def test_clusters_and_chungcheong_members(atlas):
    for slug in ("asan", "ansan-science-valley", "daedeok", "chungcheong-union"):
        assert slug in atlas.regions
    assert set(atlas.children["chungcheong-union"]) >= {"chungbuk", "chungnam", "daejeon", "sejong"}
    assert atlas.regions["asan"].parent == "chungnam"
    assert atlas.regions["daedeok"].parent == "daejeon"
    assert "44200" in atlas.regions["asan"].admin_codes.sigungu
    assert set(atlas.regions["chungcheong-union"].admin_codes.sido) >= {"30", "36", "43", "44"}


def test_issue_events_are_present_with_their_dates(atlas):
    dates = {e.date for e in atlas.events.values()}
    for date in ("2025-11-20", "2025-10-01", "2025-09-22", "2025-11-01", "2020-11-25", "2017-07-31",
                 "2017-06-08", "2017-07-24", "2025-03-27"):
        assert date in dates, date
    festival = atlas.events["asv-science-festival-2025"]
    assert festival.end_date == "2025-11-02"
    mous = [e for e in atlas.events.values() if e.kind == "mou-signing"]
    assert {e.date for e in mous} >= {"2025-11-20", "2020-11-25", "2017-07-24"}


def test_all_nine_asv_members(atlas):
    members = [slug for slug, role in atlas.institution_members["asv-heads-council"] if role == "member"]
    chair = [slug for slug, role in atlas.institution_members["asv-heads-council"] if role == "chair"]
    assert "ansan-city" in chair
    for slug in ("gyeonggi-technopark", "hanyang-university-erica", "kitech", "ktl", "keri",
                 "lg-innotek-ansan-rnd-campus", "krc-rural-research-institute", "korea-university-ansan-hospital",
                 "sbti"):
        assert slug in members


def test_daejeon_sensor_strategy_targets(atlas):
    prog = atlas.programmes["daejeon-advanced-sensor-strategy-2020-2025"]
    by_value = {t.value: t for t in prog.targets}
    assert set(by_value) >= {8.5, 450, 97000}
    assert by_value[8.5].unit.ko.startswith("조")   # 8.5 trillion won (85,000억 원)
    assert all(by_value[v].by.startswith("2030") for v in (8.5, 450, 97000))
    assert prog.declared.strategies == 4 and prog.declared.tasks == 12
    assert len(prog.strategies) >= 4


def test_daejeon_4ir_plan(atlas):
    prog = atlas.programmes["daejeon-4ir-special-city-plan-2017"]
    assert prog.declared.strategies == 4 and prog.declared.tasks == 17
    assert len(prog.strategies) >= 4


def test_ansan_dong_is_not_ansan_city(atlas):
    complex_ = atlas.institutions["ansan-defence-industrial-complex"]
    assert "ansan-science-valley" not in complex_.regions and "ansan" not in complex_.regions
    assert 36.2 < complex_.location.lat < 36.5 and 127.2 < complex_.location.lon < 127.5  # Daejeon


def test_every_institution_has_real_coordinates_and_description(atlas):
    for inst in atlas.institutions.values():
        assert KOREA_LAT[0] < inst.location.lat < KOREA_LAT[1]
        assert KOREA_LON[0] < inst.location.lon < KOREA_LON[1]
        assert inst.description.ko


def test_the_five_seed_articles_are_sources_and_cited(atlas):
    published = {source.published for source in atlas.sources.values()}
    assert {"2025-11-21", "2020-11-25", "2017-08-01"} <= published
    urls = {source.url for source in atlas.sources.values()}
    assert "http://www.amenews.kr/news/view.php?idx=43773" in urls
    for source in atlas.sources.values():
        assert atlas.source_citations[source.slug], f"{source.slug} is cited by nothing"


def test_korean_text_the_atlas_holds_is_nfc(atlas):
    """Files may arrive decomposed (macOS); what the atlas holds, and so every page, is composed."""
    for entry in atlas.all_entries():
        text = entry.model_dump_json()
        assert unicodedata.normalize("NFC", text) == text, entry.slug
