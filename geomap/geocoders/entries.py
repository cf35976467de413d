"""Online answers as gazetteer entries, so resolution ranks them like offline places.

Each service describes a place its own way: Nominatim's ``addresstype``/``type``/
``class``, ``place_rank``, ``address`` (with ``addressdetails=1``) and ``extratags``;
Photon's GeoJSON ``properties`` (``osm_value``, ``countrycode``, ``state``,
``extent``). Resolution's context features need the country code, region and
feature type of every candidate, so they are read here per service; other services
get a generic reading of the address.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from geopy.location import Location

from geomap.records import GazetteerEntry

__all__ = ["entry_from_location", "feature_type_of"]

_TYPES = {
    "country": "country",
    "state": "admin1", "province": "admin1", "region": "admin1", "oblast": "admin1",
    "state_district": "region", "county": "region", "district": "region",
    "administrative": "region",
    "city": "city", "town": "city", "village": "city", "hamlet": "city",
    "municipality": "city", "suburb": "city", "borough": "city", "city_district": "city",
    "quarter": "city", "neighbourhood": "city", "locality": "city",
    "isolated_dwelling": "city", "settlement": "city", "populated place": "city",
    "island": "island", "islet": "island", "archipelago": "island",
    "peninsula": "peninsula", "cape": "peninsula",
    "sea": "sea", "bay": "sea", "strait": "sea", "ocean": "sea", "gulf": "sea",
    "lake": "lake", "reservoir": "lake", "water": "lake", "lagoon": "lake",
    "river": "river", "stream": "river", "canal": "river", "riverbank": "river",
    "aerodrome": "airport", "airport": "airport",
    "harbour": "port", "port": "port", "ferry_terminal": "port",
}  # fmt: skip
_ADMIN1_KEYS = ("state", "province", "region", "state_district")
_DIGITS = re.compile(r"\d+")
_MOST_PEOPLE = 10**10
"""No place holds more people: larger figures are errors (and overflow 64-bit columns)."""


def entry_from_location(location: Location, service: str) -> GazetteerEntry:
    """The :class:`GazetteerEntry` for one answer of ``service`` (nominatim, photon, ...).

    Answers are untrusted: a field of the wrong type is read as missing. (The point
    itself was checked by geopy: finite, latitude within 90 degrees.)
    """
    raw = location.raw if isinstance(location.raw, Mapping) else {}
    if isinstance(raw.get("properties"), Mapping):  # Photon and other GeoJSON answers
        return _from_geojson(location, raw, service)
    return _from_nominatim_like(location, raw, service)


def feature_type_of(*kinds: Any) -> str:
    """The first of the service's type words that maps to a geomap feature type."""
    for kind in kinds:
        if isinstance(kind, str) and (t := _TYPES.get(kind.lower().replace("-", "_"))):
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
        bbox=bbox if ftype != "city" else None,
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
        bbox=bbox if ftype != "city" else None,
    )


def _by_rank(rank: Any, default: str) -> str:
    """Nominatim's place_rank for administrative boundaries: 4 country, 5-9 state."""
    try:
        r = int(rank)
    except (TypeError, ValueError):
        return default
    return "country" if r <= 4 else "admin1" if r <= 9 else "region" if r <= 12 else "city"


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
