"""Towns named as the units around them: "Quetame municipality", "the municipalities of
Suarez and Cajibio", "the Gada Local Government area", "Dibis town in Kirkuk".  Such a
town is the unit (UCDP 3), and no second scene beside a town of the incident that lies
in it (ACLED's one event per place)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from geomap.incidents.ground import WGS84, spot
from geomap.incidents.sentences import sentence_at
from geomap.incidents.setting import Setting
from geomap.incidents.triggers import Draft
from geomap.place_roles import RoledMention

__all__ = ["named_as_unit", "units_holding_towns"]

_UNIT_QUALIFIERS = frozenset({
    "district", "municipality", "county", "township", "commune", "constituency", "raion",
    "parish", "borough", "tehsil", "hromada",
})  # fmt: skip
"""Words that make a town's name the unit around it ("Quetame municipality"): UCDP 3."""
_UNIT_AFTER = re.compile(
    r"\s+(?:local\s+government\s+area|(?-i:LGA)|local\s+government|payam|upazila|woreda|"
    r"cercle|territory|department)\b",
    re.IGNORECASE,
)
"""Unit words written after a town's name that the recogniser keeps no qualifier for
("Maru local government area", "Beni territory"): the unit around the town, UCDP 3."""
_UNIT_WORD_AFTER = re.compile(
    r"\s+(?:district|municipality|county|tehsil|township|commune|raion)\b"
    r"(?!\s+(?:hospital|headquarters|court|police|jail|prison|offices?|officials?|administration|"
    r"council|commissioner|collector|magistrate|chief|town|city|capital|seat)\b|"
    r"\s+of\s+(?!the\s+(?:[\w-]+\s+){1,3}(?:region|province|state|division)\b))",
    re.IGNORECASE,
)
"""A unit word right after the scene's own name when the recogniser kept no qualifier
("the Reasi district of the Jammu region", the gazetteer holding only the town): the
unit around the town, UCDP 3 (not "the Reasi district hospital", a building in the town,
nor "the Sheikh Radwan district of Gaza City", a part of a city)."""
_UNITS_OF_BEFORE = re.compile(
    r"\b(?:(?:municipality|district|township|commune|county|tehsil|local\s+government\s+area)"
    r"\s+of\s+(?:the\s+)?|(?:municipalities|districts|townships|communes|counties|tehsils|"
    r"local\s+government\s+areas)\s+of\s+(?:(?:the\s+)?(?-i:[A-Z])[\w'\u2019-]*"
    r"(?:\s+(?-i:[A-Z])[\w'\u2019-]*)*(?:,\s*(?:and\s+)?|\s+and\s+))*)$",
    re.IGNORECASE,
)
""""attacked police stations in the municipalities of Buenos Aires, Suarez and Cajibio":
towns named as the units around them (UCDP 3)."""
_NAMED_UNIT_OF_BEFORE = re.compile(
    r"(?-i:[A-Z])[\w'\u2019-]*\s+(?:municipality|district|township|commune|county|tehsil)\s+of\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
""""the Sheikh Radwan district of Gaza City": the unit has a name of its own, and the town
after it is the city that holds it, not a unit."""


def named_as_unit(scene: RoledMention, draft: Draft, setting: Setting, *,
                  wider: bool = False) -> bool:
    """Whether the story names a town as the unit around it ("Quetame municipality",
    "the municipalities of Suarez and Cajibio", "the Gada Local Government area"); with
    ``wider``, also as the province or region around it ("Kirkuk province")."""
    sentence = sentence_at(setting.sentences, scene.mention.start) or setting.sentences[-1]
    qualifiers = _UNIT_QUALIFIERS | _WIDER_QUALIFIERS if wider else _UNIT_QUALIFIERS
    before = sentence.text[: max(scene.mention.start - sentence.span[0], 0)]
    if scene.mention.qualifier in qualifiers or (
            _UNITS_OF_BEFORE.search(before) and not _NAMED_UNIT_OF_BEFORE.search(before)):
        return True
    if not wider and _UNIT_WORD_AFTER.match(sentence.text,
                                            scene.mention.end - sentence.span[0]):
        return True
    story = set(draft.sentences) | set(setting.extents.get(id(draft), range(0)))
    for index in story:
        sentence = setting.sentences[index]
        for other in sentence.roled:
            after = sentence.text[other.mention.end - sentence.span[0] :][:30]
            if other.entry.id == scene.entry.id and _UNIT_AFTER.match(after):
                return True
    return False


_IN_AFTER_A_TOWN = re.compile(
    r"(?:\s+(?:town|village|city|area|district))?(?:,\s*|\s+)(?:in|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""What stands between a town and the place that holds it: "Dibis town in Kirkuk"."""


def _holds_a_scene(scene: RoledMention, scenes: Sequence[RoledMention], draft: Draft,
                   setting: Setting) -> bool:
    """Whether the story writes another town of the incident as lying in this one's
    name ("attacked Dibis town in Kirkuk"): this one is then the unit around it."""
    others = {s.entry.id for s in scenes if s.entry.id != scene.entry.id and spot(s)}
    for index in sorted(set(draft.sentences)):
        sentence = setting.sentences[index]
        base = sentence.span[0]
        for mine in sentence.roled:
            if mine.entry.id != scene.entry.id:
                continue
            for other in sentence.roled:
                if (other.entry.id in others and other.mention.end <= mine.mention.start
                        and _IN_AFTER_A_TOWN.fullmatch(
                            sentence.text, other.mention.end - base, mine.mention.start - base)):
                    return True
    return False


_WIDER_QUALIFIERS = frozenset({"province", "governorate", "region", "state", "prefecture",
                               "oblast", "department"})
"""Words that make a town's name the province around it ("Kirkuk province")."""
_UNIT_HOLDS_KM = 40.0
"""How far from a town named as its unit ("the Gada Local Government area") another
town of the incident may lie and be taken to lie in that unit."""


def units_holding_towns(scenes: list[RoledMention], draft: Draft,
                         setting: Setting) -> list[RoledMention]:
    """Without the towns named as the unit around them when another town of the
    incident lies there ("stormed Gidan Bakuso, a remote town in the Gada Local
    Government area": Gidan Bakuso, not also the town of Gada)."""
    if len(scenes) < 2:
        return scenes
    units = [s for s in scenes if spot(s) and (named_as_unit(s, draft, setting, wider=True)
                                               or _holds_a_scene(s, scenes, draft, setting))]
    towns = [s for s in scenes if spot(s) and s not in units]
    held = [u for u in units if any(
        WGS84.inv(u.entry.lon, u.entry.lat, t.entry.lon, t.entry.lat)[2]
        <= _UNIT_HOLDS_KM * 1000 for t in towns)]
    return [s for s in scenes if s not in held] if held else scenes
