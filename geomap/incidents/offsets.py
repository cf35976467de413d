"""Scenes a stated distance gives: "40 kilometres northwest of Herat" is the point that
far along that bearing (geodesic, pyproj), at UCDP precision 2 with the distance as its
uncertainty; a distance that only says where a town lies ("the bar in Jaral del Progreso,
35 km south of Salamanca") leaves the town the scene."""

from __future__ import annotations

import re
from collections.abc import Sequence

from geomap.incidents.ground import UNIT_TYPES, WGS84, contains, geo_precision, spot
from geomap.incidents.sentences import Sentence
from geomap.incidents.setting import Scene, Setting
from geomap.incidents.triggers import Draft
from geomap.place_roles import RoledMention
from geomap.records import Distance, GazetteerEntry

__all__ = ["offset", "offset_scene"]


_MAX_OFFSET_M = 300_000
"""Farther than this, a stated distance says where a place lies, not where it happened."""


def offset_scene(draft: Draft, scenes: Sequence[RoledMention], setting: Setting) -> Scene | None:
    """"40 kilometres northwest of Herat": the point that far from the place, at UCDP
    precision 2, with the distance as its uncertainty — when the place is a scene of the
    incident or lies within one ("an earthquake in Afghanistan ... 40 km northwest of
    Herat")."""
    story = setting.extents.get(id(draft), range(0))
    for index in [*sorted(set(draft.sentences)), *(i for i in story if i not in draft.sentences)]:
        sentence = setting.sentences[index]
        for distance in sentence.distances:
            anchor = next((r for r in sentence.roled if r.mention.start == distance.anchor), None)
            if anchor is None or anchor.role not in ("location", "context"):
                continue
            if distance.metres > _MAX_OFFSET_M:
                continue  # "965 km southeast of the capital": where a place lies, not a scene
            if _says_where_a_town_lies(sentence, distance):
                continue
            # "The vessel capsized about 45 miles east of Fort Pierce Inlet, ... midway
            # between Miami and Cape Canaveral": a distance the event's own sentence puts
            # before any place is where it happened
            first = index in draft.sentences and not any(
                r.role == "location" and r.mention.start < distance.start
                for r in sentence.roled)  # fmt: skip
            spots = [s for s in scenes if spot(s)]
            if spots and not first and not any(s.entry.id == anchor.entry.id for s in spots):
                continue  # the town the incident names stays its scene
            # a wreck "off the Libyan coast" or in the Mediterranean lies off the coast town
            # it is measured from: a scene at sea holds the offset
            inside = any(s.entry.id == anchor.entry.id or contains(s.entry, anchor.entry)
                         or ((s.entry.feature_type == "country" or index in draft.sentences)
                             and s.entry.country_code == anchor.entry.country_code)
                         or geo_precision(s.entry) == 7
                         for s in draft.scenes)  # fmt: skip
            if (scenes and not inside) or (not scenes and index not in draft.sentences):
                continue
            return Scene(anchor, 2, point=offset(anchor.entry, distance),
                         uncertainty_m=distance.metres,
                         note=_of(distance.text, anchor))  # fmt: skip
    return None


def _of(words: str, anchor: RoledMention) -> str:
    """The note of an offset scene: the stated distance with the place it is measured
    from ("40 km southeast of Jurm")."""
    name = anchor.mention.text
    return words if name in words else f"{words} {name}"


def offset(entry: GazetteerEntry, distance: Distance) -> tuple[float, float]:
    """The point ``distance`` from ``entry`` along its bearing (on the ellipsoid), or the
    place's own point when no bearing is stated ("some 50 km from Kismayo")."""
    if distance.bearing is None:
        return entry.lat, entry.lon
    lon, lat, _ = WGS84.fwd(entry.lon, entry.lat, distance.bearing, distance.metres)
    return round(lat, 5), round(lon, 5)


_APPOSITION_GAP = re.compile(
    r"(?:\s+(?:islands?|village|town|city|port|camp))?"
    r"[\s,(\u2013\u2014-]*(?:(?-i:[A-Z])[\w.'\u2019-]*(?:\s(?-i:[A-Z])[\w.'\u2019-]*){0,2}[\s,]+)?"
    r"(?:the\s+(?:[\w-]+\s+){0,3}?(?:capital|city|town|port|seat)[\s,]+)?"
    r"(?:(?:which\s+is|located|lying|situated)\s+)?(?:about|some|around|"
    r"roughly|nearly|approximately|just|only)?\s*",
    re.IGNORECASE,
)


_THE_TOWN_BEFORE = re.compile(
    r"\bthe\s+(?:town|village|city|port|camp)\s*,?\s+(?:which\s+(?:is|lies)\s+(?:\w+\s+)?|"
    r"that\s+(?:is|lies)\s+(?:\w+\s+)?|located\s+|lying\s+|situated\s+)"
    r"(?:about|some|around|roughly|nearly|approximately|just|only)?\s*$",
    re.IGNORECASE,
)
"""Before a distance: "the town, which is situated about": the distance says where a town
the story has named lies (the words refer back to it), not where something happened. "a
village located 20 km north of X" names no place: there the computed point stands."""


def _says_where_a_town_lies(sentence: Sentence, distance: Distance) -> bool:
    """"the bar, located in Jaral del Progreso, about 35 kilometers south of Salamanca":
    a distance set right after a town (or a district) says where it lies; it is the scene,
    not a point computed from the other one. So it does after a town that is no scene
    ("the weather office in Springfield, Missouri, about 45 miles north of Branson"; the
    town's state or country may stand between), or after where a journey began or ended
    ("after it left the Bahamas' Bimini islands, about 50 miles east of Miami"), or after
"the town, which is" (the town told before)."""
    base = sentence.span[0]
    if _THE_TOWN_BEFORE.search(sentence.text, max(0, distance.start - base - 80),
                               distance.start - base):
        return True  # "the town, which is situated about 50 km away from Bhopal"
    return any(
        r.mention.end <= distance.start
        and r.mention.start != distance.anchor
        and (spot(r) or r.entry.feature_type in UNIT_TYPES - {"admin1"}
             or r.role in ("origin", "destination"))
        and _APPOSITION_GAP.fullmatch(sentence.text[r.mention.end - base : distance.start - base])
        for r in sentence.roled
    )  # fmt: skip
