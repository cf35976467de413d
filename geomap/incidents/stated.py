"""Sentences that say where the story's incident happened without an event word of
their own: "in the same neighbourhood where", "stormed a centre in the city", "the
attack took place in X", "The Shahed drone blew out a wall ... in Sumy"."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from geomap.event_types import has_flag
from geomap.incidents.dates import dates_in
from geomap.incidents.ground import UNIT_TYPES, contains, countries_of, distinct
from geomap.incidents.merge import Drafts
from geomap.incidents.sentences import LOOK_BACK, Sentence, same_thing
from geomap.incidents.triggers import TOWN_TYPES
from geomap.place_roles import RoledMention

__all__ = ["POINTS_BACK", "SAME_PLACE", "THE_CITY", "same_unit", "stated_scene", "the_city"]


SAME_PLACE = re.compile(
    r"\b(?:the|that)\s+same\s+(?:[\w-]+\s+){0,2}?(?:neighbou?rhood|area|village|town|city|"
    r"district|market|street|road|junction|place|site|spot|building|camp|school|hospital|"
    r"mosque|church|bridge|(?:military\s+|army\s+)?base|outpost|checkpoint|barracks|"
    r"(?:police\s+)?station|prison|airport|port|mine|factory|plant|hotel|compound|"
    r"location|address|house|home|residence|property|intersection|corner|stretch)\b",
    re.IGNORECASE,
)
""""at the same junction": the place the story's incident happened at; local news says
"a fire at a home at that same location", "a crash at the same intersection"."""
POINTS_BACK = re.compile(
    r"\b(?:in|of|from|to|near)\s+the\s+(?:area|territory|locality|vicinity|same\s+area)\b",
    re.IGNORECASE,
)
"""A sentence that names no place but points back to one already told ("in the area")."""
_SAME_UNIT = re.compile(
    r"\b(?:in|of|across)\s+(?:the|that)\s+same\s+(?P<unit>region|province|state|oblast|"
    r"prefecture|governorate|district|county|department)\b",
    re.IGNORECASE,
)
_FIRST_LEVEL = frozenset({"region", "province", "state", "oblast", "prefecture", "governorate"})


def same_unit(drafts: Drafts, sentences: Sequence[Sentence], text: str) -> list[RoledMention]:
    """"at the Kiral gold mine in the same region", after "an attack on Fambita village
    in the Tillaberi region": the unit the story's latest incident lay in, as named
    beside it (not that incident's own village), or [] when the story named none."""
    said = _SAME_UNIT.search(text)
    if said is None or not drafts.all:
        return []
    told = drafts.all[-1]
    kinds = {"admin1"} if said.group("unit").lower() in _FIRST_LEVEL else UNIT_TYPES - {"admin1"}
    units = [r for i in sorted(set(told.sentences)) for r in sentences[i].roled
             if r.entry.feature_type in kinds and r.role in ("location", "context")
             and any(s.entry.id == r.entry.id or contains(r.entry, s.entry)
                     for s in told.scenes)]  # fmt: skip
    return [replace(units[0], role="location")] if units else []


THE_CITY = re.compile(
    r"\b(?:in|at|near|inside|within)\s+(?:the\s+(?:city|town)\b(?!\s+of\b)"
    r"|(?-i:[A-Z])[\w-]+(?:\s+(?-i:[A-Z])[\w-]+){0,2}['\u2019]s\s+(?:[\w-]+\s+){0,3}?"
    r"(?:city|town|urban\s+cent(?:er|re)|metropolis)\b(?!\s*,?\s+(?-i:[A-Z])))",
    re.IGNORECASE,
)
""""in the city", "in Colombia's third-largest urban center" (no town named after it):
the town the story is about, named before."""


def the_city(sentences: list[Sentence], index: int) -> list[RoledMention]:
    """The town "the city" refers back to: one its own sentence named before it ("Odesa
    regional governor said three people had been injured in the city"), else the latest
    one the story named as a scene."""
    sentence = sentences[index]
    said = THE_CITY.search(sentence.text)
    if said is not None:
        before = [r for r in sentence.roled if r.entry.feature_type in TOWN_TYPES
                  and r.mention.end - sentence.span[0] <= said.start()
                  and r.role in ("location", "context")]  # fmt: skip
        if before:
            return before[-1:]
    for earlier in range(index - 1, max(index - 1 - LOOK_BACK, -1), -1):
        named = [r for r in sentences[earlier].roled
                 if r.role == "location" and r.entry.feature_type != "country"]  # fmt: skip
        if named:
            towns = [r for r in named if r.entry.feature_type in TOWN_TYPES]
            # "a village west of Aleppo" ... "Inside the city": the town itself
            return [replace(r, near=False) for r in towns[:1]] or named[:1]
    return []


_SCENE_STATEMENT = re.compile(
    r"\b(?:where|in\s+which)\s+the\s+(?:\w+\s+)?(?:incident|attack|strike|shelling|blast|"
    r"explosion|accident|crash|collision|shooting|bombing|fire|landslide|tragedy)\s+"
    r"(?:occurred|happened|took\s+place|struck)\b|\b(?:the|this)\s+(?:\w+\s+)?(?:incident|"
    r"attack|strike|shelling|blast|explosion|accident|crash|collision|shooting|bombing|fire|"
    r"landslide|tragedy)\s+(?:(?:which|that)\s+)?(?:occurred|happened|took\s+place)\s+(?:\w+\s+){0,8}?"
    r"(?:in|at|near|outside|on)\b"
    r"|^\W*(?:the|this|that)\s+(?:\w+\s+)?(?:attack|strike|shelling|blast|explosion|"
    r"accident|crash|shooting|bombing|massacre|ambush|raid)\s+(?:in|at)\s+(?:the\s+)?"
    r"(?:(?:village|town|city|district)\s+of\s+)?(?-i:[A-Z])",
    re.IGNORECASE,
)
""""The village of Suzemka, where the incident occurred, ...", "The accident happened
in a remote area near the town of Pagar Alam", "The attack in Namoungou village on Friday
is being investigated": the report says where its incident was."""


def stated_scene(
    drafts: Drafts, sentence: Sentence, now: dt.date | None, sentences: Sequence[Sentence]
) -> None:
    """Give the latest incident the places a sentence says it happened at, when they lie in
    its country (or it has no place yet), and the day it says, when it has none: the
    report's own word beats any inference.  So does a sentence that goes on about the
    thing the incident's sentence introduced ("A Russian drone blasted a hole in an
    apartment building in north-eastern Ukraine" ... "The Shahed drone blew out a wall
    ... in Sumy")."""
    if not drafts.all:
        return
    named = [r for r in distinct([r for r in sentence.roled if r.role == "location"])
             if r.entry.feature_type != "country"]  # fmt: skip
    recent = [d for d in drafts.recent(sentence.index - 2 * LOOK_BACK)
              if d.status == "new" and not has_flag(d.event_type, "harmless")]  # fmt: skip
    if not named or not recent:
        return
    latest = max(recent, key=lambda d: d.sentences[-1])
    if not _SCENE_STATEMENT.search(sentence.text) and not (
        latest.sentences[-1] == sentence.index - 1
        and same_thing(sentence, sentences[latest.sentence])
    ):
        return
    countries = countries_of(latest.scenes)
    if countries and not any(r.entry.country_code in countries for r in named):
        return
    latest.scenes = named + [s for s in latest.scenes if s.entry.feature_type == "country"]
    if not latest.dated and sentence.dates:
        latest.first, latest.last = dates_in(sentence, sentence.dates, sentence.periods, now)
        latest.dated = True
    latest.sentences.append(sentence.index)
    drafts.touched(latest, sentence.index)
