"""The typed records that the pipeline stages hand to each other.

Every record that comes from the article keeps character offsets into
``Article.text`` so any answer on the map can be traced back to its words.
Stages import these records, never each other's internals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from geomap.count_fields import COUNT_FIELDS

__all__ = [
    "COUNT_FIELDS",
    "EARLIEST_DATE",
    "LATEST_DATE",
    "Article",
    "Count",
    "DateRef",
    "Distance",
    "GazetteerEntry",
    "Incident",
    "Mention",
    "Period",
    "Place",
    "PlaceFacts",
    "Radius",
    "Resolution",
    "Source",
]


EARLIEST_DATE, LATEST_DATE = dt.date(1800, 1, 1), dt.date(2200, 12, 31)
"""The span of publication dates geomap reasons about: date arithmetic near year 1 or
9999 overflows, and no news report is dated outside it."""



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
    near: GazetteerEntry | None = None
    """Where no place is chosen: the place the article's wording puts the mention in or
    beside ("the village of X in Y province"), its approximate location
    (:mod:`geomap.geoparse.approximate`)."""


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
class Distance:
    """A stated offset from a place: "40 nautical miles east of Aden", "10 km from Goma"."""

    start: int
    end: int
    text: str
    metres: float
    bearing: float | None
    """Degrees clockwise from north ("east of" is 90); None when no direction is given."""
    anchor: int
    """Offset where the place it is measured from is named (right after "of"/"from")."""


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
    update: bool = False
    """A toll the article says has changed ("the death toll rose to 20"): the latest
    such figure is the incident's."""
    parts: tuple[Count, ...] = ()
    """The figures this one adds up ("six men and two women were killed": 8)."""
    more: bool = False
    """A figure that adds to the one before it ("28 were killed in A, another 20 in B")."""


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


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of time the article names: "last year", "in February 2022", "since 2022"."""

    start: int
    end: int
    text: str
    first: dt.date
    last: dt.date
    """Inclusive; for "since 2022" the publication date (or the end of 2022 without one)."""
    open_start: bool = False
    """True for "since ...": the period runs from ``first`` up to now."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where an incident was reported: the article's title, URL and publication date."""

    title: str | None
    url: str | None
    date: dt.date | None
    article_id: str = ""


@dataclass(frozen=True, slots=True)
class Incident:
    """One thing that happened, where and when, as the article states it (ACLED-like).

    Every count is None when the article does not state it (which is not 0); a
    stated count keeps its qualifier ("more than", "about") in its ``Count``.
    """

    id: str
    """Stable: derived from the article id, the evidence span, the type and the place."""
    event_type: str
    """One of ACLED's six event types or our own (``geomap.event_types.EVENT_TYPES``)."""
    sub_event_type: str
    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: int | None
    """UCDP date_prec: 1 day, 2 a 2-6 day range, 3 a week, 4 a month, 5 a year."""
    temporal_status: str
    """"new" (what the news reports) or "background" (history it recalls)."""
    location: Place | None
    """Where it happened; None when the article does not say."""
    geo_precision: int | None
    """UCDP where_prec: 1 exact, 2 near a named place, 3 admin-2, 4 admin-1, 5 larger
    region, 6 country, 7 sea or airspace."""
    evidence: str
    """The sentence that states the incident best."""
    evidence_span: tuple[int, int]
    source: Source
    actors: tuple[str, ...] = ()
    mediators: tuple[str, ...] = ()
    fatalities: Count | None = None
    injured: Count | None = None
    people_affected: Count | None = None
    structures_affected: Count | None = None
    weapons_count: Count | None = None
    radius: Radius | None = None
    radius_qualifier: str | None = None
    counts: tuple[Count, ...] = ()
    """Every count stated in the incident's sentences, contradictory ones included."""
    support_spans: tuple[tuple[int, int], ...] = ()
    """Other sentences about the same incident."""
    support: tuple[str, ...] = ()
    """The text of each of ``support_spans``."""
    location_note: str | None = None
    """How the location was chosen when the evidence does not name it plainly."""
    scene_point: tuple[float, float] | None = None
    """(lat, lon) of the scene when it is not the location's own point: a stated offset
    ("40 nautical miles east of Aden") computed on the ellipsoid."""
    uncertainty_m: float | None = None
    """Metres within which the scene lies, when the article says (an offset's distance)."""
