"""Sentences of a story that tell another event than the one they would join: an act
of another kind told as a new one that followed ("Hours later, a shootout ..."),
arrests told with how many they befell, deaths far from the incident's places, the
disaster that "also occurred in" a place of its own.  Read by
:func:`geomap.incidents.merge.merge_target`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from geomap.event_types import COUNTED_APART
from geomap.incidents.ground import UNIT_TYPES, contains, distinct, nearby, same_ground
from geomap.incidents.records import CASUALTIES
from geomap.incidents.sentences import Sentence
from geomap.incidents.triggers import Draft
from geomap.records import GazetteerEntry

if TYPE_CHECKING:
    from geomap.incidents.merge import Drafts

__all__ = ["ALSO_AT", "another_act_later", "away_from", "counted_apart", "deaths_of_its_own"]


_LATER = re.compile(
    r"\W*(?:(?:(?:\w+|a\s+few)\s+)?hours?\s+later|later\s+(?:that|on)\s+(?:day|morning|evening|"
    r"night)|shortly\s+(?:after(?:wards)?|afterwards)|soon\s+after(?:wards)?)\b",
    re.IGNORECASE,
)


def another_act_later(drafts: Drafts, draft: Draft, sentence: Sentence) -> Draft | None:
    """"Gunmen stormed a gold panning camp, killing seven workers" ... "Hours later, a
    two-hour shootout took place between security forces and the rebels": an act of
    another kind, told as a new one that followed, is another event (ACLED codes the
    attack on the workers and the battle with the troops apart).  The act it followed,
    or None."""
    if draft.weak or not draft.indefinite or not _LATER.match(sentence.text):
        return None
    told = [d for d in drafts.of_kind(draft) if not d.aside]
    if not told or any(d.kind == draft.kind for d in told):
        return None
    return max(told, key=lambda d: d.sentences[-1])


def counted_apart(draft: Draft) -> bool:
    """"So far, 33 persons have been arrested for the violence": a consequence told with
    how many it befell is an event of its own (the table's ``counted_apart``)."""
    noun = COUNTED_APART.get(draft.kind)
    return noun is not None and any(c.noun == noun and c.value > 1 for c in draft.counts)


def deaths_of_its_own(draft: Draft, incident: Draft) -> bool:
    """Whether a disaster's sentence tells casualties at a place of its own, more than
    25 km from the incident's places and neither inside nor around them ("two died
    crossing a river in Masinga", after a flood at Karati): one event per place, so
    that place is an incident of its own (the annotation guide's rule)."""
    if not incident.scenes or not any(c.noun in CASUALTIES for c in draft.counts):
        return False
    return away_from(draft, incident)


def away_from(draft: Draft, incident: Draft) -> bool:
    """Whether the draft names a place (not a country or a sea) more than 25 km from the
    incident's places and neither inside nor around them; a district beside the
    incident's district is away however close their centres lie."""
    own = [s for s in distinct(draft.scenes) if s.entry.feature_type != "country"
           and s.entry.country_code]  # (not a sea or a continent's region)
    where = distinct(incident.scenes)

    def close(p: GazetteerEntry, s: GazetteerEntry) -> bool:
        other_unit = (p.feature_type == s.feature_type and p.feature_type in UNIT_TYPES
                      and not same_ground(p, s))  # fmt: skip
        return contains(s, p) or contains(p, s) or (nearby(p, s) and not other_unit)

    return bool(own) and bool(where) and not any(
        close(p.entry, s.entry) for p in own for s in where)


ALSO_AT = re.compile(r"\balso\s+(?:occurred|happened|hit|struck|affected|took\s+place|"
                     r"swept|buried|destroyed|killed|broke\s+out|erupted)\b",
                     re.IGNORECASE)  # fmt: skip
""""The landslides also occurred in Kesenji village, ..., Sironko District", "wildfires
also broke out in the southern Peloponnese region": the event told again at a place of
its own."""
