"""Any geopy ``Location`` as a gazetteer entry, so resolution ranks every answer alike.

This is the one converter from a geopy answer to a :class:`GazetteerEntry`. A location
that carries an entry already (the offline :class:`~geomap.gazetteer.geocoder.
GazetteerGeocoder`'s, or an online answer the hybrid geocoder has read once) gives it
back. Otherwise each service describes a place its own way: Nominatim's
``addresstype``/``type``/``class``, ``place_rank``, ``address`` (with
``addressdetails=1``) and ``extratags``; Photon's GeoJSON ``properties``
(``osm_value``, ``countrycode``, ``state``, ``extent``). Resolution's context features
need the country code, region and feature type of every candidate, so they are read
here per service; other services get a generic reading of the address. The service's
words for a kind of place map onto the rows of geomap's feature-type table
(:mod:`geomap.feature_types`), so an OSM county is an ``admin2`` like a gazetteer
district and a hamlet a ``village`` like a pack's.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from typing import Any

from geopy.location import Location

from geomap.feature_types import FEATURE_TYPES, SETTLEMENT_TYPES
from geomap.records import GazetteerEntry

__all__ = ["OSM_TYPES", "entry_from_location", "feature_type_of"]

_WORDS_BY_TYPE: dict[str, tuple[str, ...]] = {
    "country": ("country",),
    "admin1": ("state", "province", "region", "oblast"),
    "admin2": ("state_district", "county", "district", "raion"),
    "admin3": ("municipality", "hromada", "commune"),
    "city": ("city", "town", "settlement", "populated place"),
    "village": ("village", "hamlet", "isolated_dwelling", "locality", "farm"),
    "neighbourhood": ("suburb", "borough", "city_district", "quarter", "neighbourhood",
                      "city_block", "residential"),
    "island": ("island", "islet", "archipelago"),
    "peninsula": ("peninsula", "cape"),
    "sea": ("sea", "bay", "strait", "ocean", "gulf"),
    "lake": ("lake", "reservoir", "water", "lagoon"),
    "river": ("river", "stream", "canal", "riverbank"),
    "airport": ("aerodrome", "airport"),
    "airbase": ("airfield", "military_airfield", "airbase"),
    "port": ("harbour", "port", "ferry_terminal"),
    "dam": ("dam", "weir"),
    "power_plant": ("plant", "power_plant", "generator"),
    "bridge": ("bridge",),
    "factory": ("works", "factory"),
    "camp": ("refugee_camp", "camp"),
    "region": ("administrative",),
}  # fmt: skip
"""The service's type words (OSM ``place``/``boundary``/``addresstype`` values, Photon's
``osm_value``) for each row of the feature-type table; a word not listed is a landmark."""
OSM_TYPES: dict[str, str] = {
    word: ftype for ftype, words in _WORDS_BY_TYPE.items() for word in words
}
_missing = set(_WORDS_BY_TYPE) - set(FEATURE_TYPES)
if _missing:  # a row renamed in the table must be renamed here
    raise ImportError(f"feature types not in geomap/data/feature_types.csv: {_missing}")
_GENERIC = "administrative"
_ENTRY_FIELDS = frozenset(f.name for f in dataclasses.fields(GazetteerEntry))
_ENTRY_KEYS = frozenset({"id", "name", "lat", "lon", "feature_type"})
_ADMIN1_KEYS = ("state", "province", "region", "state_district")
_DIGITS = re.compile(r"\d+")
_MOST_PEOPLE = 10**10
"""No place holds more people: larger figures are errors (and overflow 64-bit columns)."""


def entry_from_location(location: Location, service: str) -> GazetteerEntry:
    """The :class:`GazetteerEntry` for one answer of ``service`` (gazetteer, nominatim,
    photon, ...).

    Answers are untrusted: a field of the wrong type is read as missing. (The point
    itself was checked by geopy: finite, latitude within 90 degrees.)
    """
    raw = location.raw if isinstance(location.raw, Mapping) else {}
    if raw.keys() >= _ENTRY_KEYS and (carried := _carried(raw)) is not None:
        return carried
    if isinstance(raw.get("properties"), Mapping):  # Photon and other GeoJSON answers
        return _from_geojson(location, raw, service)
    return _from_nominatim_like(location, raw, service)


def _carried(raw: Mapping[str, Any]) -> GazetteerEntry | None:
    """The entry a location carries as its ``raw`` (extra keys, such as the geocoder's
    name, ignored); None when a field has the wrong type, so an answer that only looks
    like an entry is read as the service's."""
    data = {k: v for k, v in raw.items() if k in _ENTRY_FIELDS}
    texts = [data.get(k) for k in ("id", "name", "feature_type")]
    optional = [data.get(k) for k in ("source", "country_code", "admin1", "admin1_code",
                                      "feature_code")]  # fmt: skip
    box = data.get("bbox")
    if not (
        all(isinstance(v, str) for v in texts)
        and all(v is None or isinstance(v, str) for v in optional)
        and all(_number(data.get(k)) for k in ("lat", "lon"))
        and _whole(data.get("population", 0))
        and (data.get("geonameid") is None or _whole(data["geonameid"]))
        and (box is None or (isinstance(box, list | tuple) and len(box) == 4
                             and all(_number(v) for v in box)))
    ):  # fmt: skip
        return None
    if box is not None:
        data["bbox"] = tuple(float(v) for v in box)
    if data.get("source") is None:
        data.pop("source", None)
    return GazetteerEntry(**data)


def feature_type_of(*kinds: Any) -> str:
    """The first of the service's type words that maps to a geomap feature type; OSM's
    generic ``administrative`` only when no other word says which level."""
    words = [k.lower().replace("-", "_") for k in kinds if isinstance(k, str)]
    for word in sorted(words, key=lambda w: w == _GENERIC):
        if t := OSM_TYPES.get(word):
            return t
    return "landmark"


def _from_nominatim_like(
    location: Location, raw: Mapping[str, Any], service: str
) -> GazetteerEntry:
    address = raw.get("address") if isinstance(raw.get("address"), Mapping) else {}
    kinds = [raw.get("addresstype"), raw.get("type"), raw.get("class")]
    ftype = feature_type_of(*kinds)
    if ftype in ("landmark", "region") and raw.get("class") == "boundary":
        ftype = _by_rank(raw.get("place_rank"), ftype)
    name = raw.get("name") or _mapping(raw.get("namedetails")).get("name")
    name = str(name or str(location.address).split(",")[0]).strip()
    country_code = address.get("country_code") or raw.get("country_code")
    admin1 = name if ftype == "admin1" else _first(address, _ADMIN1_KEYS)
    bbox = None
    box = raw.get("boundingbox")
    if isinstance(box, list | tuple) and len(box) == 4:
        s, n, w, e = (_float(v) for v in box)
        bbox = _bbox(w, s, e, n)
    extratags = _mapping(raw.get("extratags"))
    admin1_code = address.get("ISO3166-2-lvl4") or (
        extratags.get("ISO3166-2") if ftype == "admin1" else None
    )
    return GazetteerEntry(
        id=f"{service}:{_osm_id(raw) or _point_id(location)}",
        name=name,
        lat=float(location.latitude),
        lon=float(location.longitude),
        feature_type=ftype,
        country_code=_country(country_code),
        admin1=admin1,
        admin1_code=admin1_code if isinstance(admin1_code, str) else None,
        population=_population(raw.get("population") or extratags.get("population")),
        source=service,
        # a settlement's service box is its outline, not an area to draw or contain
        bbox=bbox if ftype not in SETTLEMENT_TYPES else None,
    )


def _from_geojson(location: Location, raw: Mapping[str, Any], service: str) -> GazetteerEntry:
    props: Mapping[str, Any] = raw["properties"]
    ftype = feature_type_of(props.get("osm_value"), props.get("type"), props.get("osm_key"))
    name = str(props.get("name") or str(location.address).split(",")[0]).strip()
    country_code = props.get("countrycode") or props.get("country_code")
    bbox = None
    extent = props.get("extent")
    if isinstance(extent, list | tuple) and len(extent) == 4:
        w, n, e, s = (_float(v) for v in extent)  # Photon: [minlon, maxlat, maxlon, minlat]
        bbox = _bbox(w, s, e, n)
    state = props.get("state")
    return GazetteerEntry(
        id=f"{service}:{_osm_id(props) or _point_id(location)}",
        name=name,
        lat=float(location.latitude),
        lon=float(location.longitude),
        feature_type=ftype,
        country_code=_country(country_code),
        admin1=name if ftype == "admin1" else state if isinstance(state, str) else None,
        population=_population(
            props.get("population") or _mapping(props.get("extra")).get("population")
        ),
        source=service,
        bbox=bbox if ftype not in SETTLEMENT_TYPES else None,
    )


def _by_rank(rank: Any, default: str) -> str:
    """Nominatim's place_rank for administrative boundaries: 4 country, 5-9 state, 10-12
    county or district, 13-15 municipality, then towns."""
    try:
        r = int(rank)
    except (TypeError, ValueError):
        return default
    if r <= 4:
        return "country"
    return "admin1" if r <= 9 else "admin2" if r <= 12 else "admin3" if r <= 15 else "city"


def _osm_id(raw: Mapping[str, Any]) -> str | None:
    osm_type, osm_id = raw.get("osm_type"), raw.get("osm_id")
    if osm_id is not None:
        return f"{str(osm_type or '')[:1].upper()}{osm_id}"
    ident = raw.get("place_id") or raw.get("id")
    return str(ident) if ident is not None else None


def _point_id(location: Location) -> str:
    return f"{location.latitude:.5f},{location.longitude:.5f}"


def _first(mapping: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if mapping.get(key):
            return str(mapping[key])
    return None


def _population(value: Any) -> int:
    """A head count from a number or text ("1 234 000"); 0 when there is none."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, float) and not math.isfinite(value):
        return 0
    if isinstance(value, int | float):
        return min(max(0, int(value)), _MOST_PEOPLE)
    digits = "".join(_DIGITS.findall(str(value or "").split(".")[0]))
    if len(digits) > len(str(_MOST_PEOPLE)):  # and int() refuses over 4,300 digits
        return _MOST_PEOPLE
    return min(int(digits), _MOST_PEOPLE) if digits else 0


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _float(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _bbox(
    w: float | None, s: float | None, e: float | None, n: float | None
) -> tuple[float, float, float, float] | None:
    """A bounding box on the Earth, south below north, or None."""
    if w is None or s is None or e is None or n is None:
        return None
    if max(abs(w), abs(e)) > 180 or max(abs(s), abs(n)) > 90:
        return None
    return (w, min(s, n), e, max(s, n))


def _country(value: Any) -> str | None:
    """An ISO 3166-1 alpha-2 code, upper case, or None."""
    return value.upper() if isinstance(value, str) and len(value) == 2 and value.isalpha() else None
