"""The typed records that the pipeline stages hand to each other.

Every record that comes from the article keeps character offsets into
``Article.text`` so any answer on the map can be traced back to its words.
Stages import these records, never each other's internals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = [
    "Article",
    "Count",
    "DateRef",
    "GazetteerEntry",
    "Mention",
    "Place",
    "PlaceFacts",
    "Radius",
    "Resolution",
]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: its text and what we know of where it came from."""

    id: str
    """Stable name used for output files (the input file's stem)."""
    text: str
    title: str | None = None
    url: str | None = None
    date: dt.date | None = None
    """Publication date; relative dates ("Wednesday") are resolved against it."""
    path: str | None = None


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place a name can refer to, from the gazetteer or an online geocoder."""

    id: str
    """Stable id within its source, e.g. ``gn:703448`` or ``ne-admin1:RU-BEL``."""
    name: str
    lat: float
    lon: float
    feature_type: str
    """country, admin1, city, island, peninsula, sea, lake, river, port, airport,
    region or landmark."""
    country_code: str | None = None
    """ISO 3166-1 alpha-2."""
    admin1: str | None = None
    """Name of the first-level region the place lies in (or is, for admin1)."""
    admin1_code: str | None = None
    """ISO 3166-2 code where known."""
    population: int = 0
    geonameid: int | None = None
    source: str = ""
    """Where the record comes from: geonames-cities500, naturalearth-admin1, curated..."""
    feature_code: str | None = None
    """GeoNames feature code (PPLC, ADM1, ISL...) where known."""
    bbox: tuple[float, float, float, float] | None = None
    """(min_lon, min_lat, max_lon, max_lat) of the feature's polygon, where it has one."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the article that names a place (recognition's output)."""

    start: int
    end: int
    text: str
    """Exactly ``article.text[start:end]``."""
    name: str
    """The name to look up: "Belgorod" for "Belgorod region", "Russia" for "Russian"."""
    qualifier: str | None = None
    """A type word the article attaches: region, oblast, island, port city, county..."""
    demonym: bool = False
    """True when the span is an adjective or people-name of a place ("Russian")."""


@dataclass(frozen=True, slots=True)
class Resolution:
    """A mention and the place chosen for it (resolution's output, one per mention)."""

    mention: Mention
    entry: GazetteerEntry | None
    """None when no candidate was good enough."""
    score: float = 0.0
    """Confidence in [0, 1]."""
    geocoder: str = "gazetteer"


@dataclass(frozen=True, slots=True)
class Place:
    """One distinct place the article names, with every mention of it."""

    entry: GazetteerEntry
    mentions: tuple[Mention, ...]
    score: float = 0.0
    geocoder: str = "gazetteer"

    @property
    def key(self) -> str:
        return self.entry.id


@dataclass(frozen=True, slots=True)
class Radius:
    """A stated distance around a place: "within a 500-meter (550-yard) radius"."""

    start: int
    end: int
    text: str
    metres: float


@dataclass(frozen=True, slots=True)
class Count:
    """A stated number of something: "about 600 residents"."""

    start: int
    end: int
    text: str
    value: int
    noun: str
    """What is counted, as written in singular: resident, home, missile, prisoner..."""
    qualifier: str | None = None
    """"more than", "about", "at least"... as stated; None for an exact figure."""


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date the article states, absolute or resolved against its publication date."""

    start: int
    end: int
    text: str
    date: dt.date
    relative: bool = False


@dataclass(frozen=True, slots=True)
class PlaceFacts:
    """The facts the article states near one place."""

    place: Place
    sentences: tuple[tuple[int, int], ...] = ()
    """(start, end) of each sentence that mentions the place."""
    radii: tuple[Radius, ...] = field(default_factory=tuple)
    counts: tuple[Count, ...] = field(default_factory=tuple)
    dates: tuple[DateRef, ...] = field(default_factory=tuple)
