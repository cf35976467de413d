"""Stated distances: radii around a place ("within a 500-metre (550-yard) radius") and
offsets from one ("40 nautical miles east of Aden"), in metres via PROJ's unit table."""

from __future__ import annotations

import re

import pyproj

from geomap.facts.numbers import NUMBER, non_overlapping, number_value
from geomap.records import Distance, Radius

__all__ = ["LENGTH_UNITS", "find_distances", "find_radii"]

_PROJ_UNITS = pyproj.get_units_map()
LENGTH_UNITS: dict[str, float] = {
    "metre": _PROJ_UNITS["metre"].conv_factor,
    "kilometre": _PROJ_UNITS["kilometre"].conv_factor,
    "mile": _PROJ_UNITS["Statute mile"].conv_factor,
    "nautical mile": _PROJ_UNITS["nautical mile"].conv_factor,
    "yard": _PROJ_UNITS["yard"].conv_factor,
    "foot": _PROJ_UNITS["foot"].conv_factor,
}
"""Metres per unit, from PROJ's unit table."""

_UNIT_WORDS: dict[str, str] = {
    r"nautical\s+miles?|nmi": "nautical mile",
    r"kilomet(?:re|er)s?|kms?": "kilometre",
    r"met(?:re|er)s?|m": "metre",
    r"miles?|mi": "mile",
    r"yards?|yds?": "yard",
    r"feet|foot|ft": "foot",
}
_UNIT = "(?:" + "|".join(_UNIT_WORDS) + ")"
_RADIUS_NUMBER = rf"(?:half\s+an?|half|an?\s+half|an?\s+quarter|quarter\s+of\s+an?|{NUMBER}|an?)"
_QUANTITY = (
    rf"(?P<num>{_RADIUS_NUMBER})\s*-?\s*(?P<unit>{_UNIT})\b(?![²³/]|\s*(?:per|an?\s+hour)\b)"
)
_PAREN = r"(?:\s*\([^()]{0,40}\))?"
_ZONE = (
    r"(?:(?:exclusion|evacuation|safety|security|no-go|buffer|danger|restricted|"
    r"quarantine|cordon(?:ed)?(?:-off)?)[\s-]+)?(?:radius|zone|perimeter|cordon|buffer)"
)
_APPROX = r"(?:(?:about|around|roughly|approximately|some|nearly|up\s+to)\s+)?"
_RADIUS_PATTERNS = (
    re.compile(
        rf"\b(?:within|inside)\s+(?:(?:a|an|the)\s+)?(?:radius\s+of\s+)?{_APPROX}"
        rf"{_QUANTITY}{_PAREN}(?:\s+{_ZONE})?",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?:radius|perimeter|cordon|zone)\s+of\s+{_APPROX}{_QUANTITY}", re.IGNORECASE),
    re.compile(rf"(?<![\w.,-]){_QUANTITY}{_PAREN}\s+{_ZONE}\b", re.IGNORECASE),
)


def _unit_metres(unit: str) -> float:
    for pattern, name in _UNIT_WORDS.items():
        if re.fullmatch(pattern, unit, re.IGNORECASE):
            return LENGTH_UNITS[name]
    raise ValueError(unit)


def _radius_value(words: str) -> float | None:
    normalized = re.sub(r"\s+", " ", words.lower())
    if normalized.startswith(("half", "a half", "an half")):
        return 0.5
    if "quarter" in normalized:
        return 0.25
    if normalized in {"a", "an"}:
        return 1.0
    return number_value(words)


def find_radii(text: str) -> list[Radius]:
    """Stated distances around a place ("within a 500-meter (550-yard) radius").

    The first figure wins: a parenthetical conversion is not a second radius.
    """
    found: list[Radius] = []
    for match in non_overlapping(p.finditer(text) for p in _RADIUS_PATTERNS):
        value = _radius_value(match.group("num"))
        if not value:
            continue
        metres = value * _unit_metres(match.group("unit"))
        found.append(Radius(match.start(), match.end(), match.group(0), round(metres, 3)))
    return found


_BEARINGS = {
    "north": 0.0, "north-east": 45.0, "northeast": 45.0, "east": 90.0, "south-east": 135.0,
    "southeast": 135.0, "south": 180.0, "south-west": 225.0, "southwest": 225.0,
    "west": 270.0, "north-west": 315.0, "northwest": 315.0,
    "north-northeast": 22.5, "east-northeast": 67.5, "east-southeast": 112.5,
    "south-southeast": 157.5, "south-southwest": 202.5, "west-southwest": 247.5,
    "west-northwest": 292.5, "north-northwest": 337.5,
}  # fmt: skip
"""Compass words and their bearings, degrees clockwise from north."""
_DIRECTION = "|".join(sorted((re.escape(k).replace("\\-", "[\\s-]") for k in _BEARINGS),
                             key=len, reverse=True))
"""A bearing, its parts joined by a hyphen or a space ("South East of Galkayo")."""
_SETTLEMENT = r"(?:city|town|village|port|capital|hub|centre|center)"
"""What a place is called between a distance and its name ("200km west of the coastal
city and economic hub Dar es Salaam")."""
_DISTANCE = re.compile(
    rf"(?:(?:about|around|roughly|approximately|some|nearly|almost|more\s+than|over|"
    rf"less\s+than|under|up\s+to)\s+)?{_QUANTITY}{_PAREN}\s+"
    rf"(?:(?P<dir>{_DIRECTION})(?:ward)?\s+of|(?:away\s+)?from|off(?:\s+the\s+coast\s+of)?|"
    rf"outside(?:\s+of)?)\s+(?:the\s+)?(?:(?:[a-z-]+\s+){{0,2}}?{_SETTLEMENT}"
    rf"(?:\s+and\s+(?:[a-z-]+\s+){{0,2}}?{_SETTLEMENT})?\s+(?:of\s+)?)?"
    rf"(?-i:(?=[A-Z]))",
    re.IGNORECASE,
)


def find_distances(text: str) -> list[Distance]:
    """Stated offsets from a named place: "40 nautical miles east of Aden", "10 km from
    Goma", "about 80 km off the coast of Libya".  The place must follow (capitalised):
    "5 km from the front line" is no offset from a place."""
    found = []
    for match in _DISTANCE.finditer(text):
        value = _radius_value(match.group("num"))
        if not value:
            continue
        metres = value * _unit_metres(match.group("unit"))
        direction = re.sub(r"\s+", "-", (match.group("dir") or "").lower())
        bearing = _BEARINGS.get(direction) if direction else None
        found.append(Distance(match.start(), match.end(), match.group(0).strip(),
                              round(metres, 3), bearing, match.end()))  # fmt: skip
    return found
