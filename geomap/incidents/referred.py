"""An incident told again: an event referred back to ("the strike", "the clashes") or told
again at its place with its toll, and the days two tellings of one event may lie apart.
Read by :mod:`geomap.incidents.merge`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from geomap.event_types import has_flag
from geomap.incidents.ground import distinct, same_ground, within_km
from geomap.incidents.records import CASUALTIES
from geomap.incidents.sentences import LOOK_BACK, Sentence
from geomap.incidents.triggers import TOWN_TYPES, Draft

if TYPE_CHECKING:
    from geomap.incidents.merge import Drafts

__all__ = ["SAME_STORY_DAYS", "named_again", "placed_later", "places", "referred_back",
           "same_days", "same_story", "told_before", "towns_named"]


SAME_STORY_DAYS = 31
"""How much earlier than an incident's date a sentence of its story may put its start
(the landfall before the funerals); history further back is another event's."""


def same_days(a: Draft, b: Draft) -> bool:
    """Whether two drafts' dates overlap (or either is undated)."""
    return not (
        a.first is not None
        and b.first is not None
        and (a.first > (b.last or b.first) or b.first > (a.last or a.first))
    )


def same_story(a: Draft, b: Draft) -> bool:
    """Whether two drafts' dates lie within one story's days (the landfall, then the
    funerals), or either is undated; a quake of 2003 is not felt in one of 2017."""
    if a.first is None or b.first is None:
        return True
    gap = max(a.first, b.first) - min(a.last or a.first, b.last or b.first)
    return gap.days <= SAME_STORY_DAYS


def referred_back(drafts: Drafts, draft: Draft) -> Draft | None:
    """"CCTV footage showed a cloud of dust as the building crumbled on Monday afternoon",
    after a collapse told with the day its dead were counted: an event referred back to
    ("the building", "the strike") with no place of its own is the story's incident of
    its kind, on a day close to it (the day it happened, where the lede gave a later
    one)."""
    if (not draft.definite or draft.scenes or draft.first is None or draft.status != "new"
            or has_flag(draft.event_type, "wide")):
        return None  # (a disaster's story tells it place by place)
    for other in reversed(drafts.of_kind(draft)):
        if (not other.aside and other.first is not None
                and abs((other.first - draft.first).days) <= _REFERRED_DAYS):
            return other
    return None


def named_again(drafts: Drafts, draft: Draft, sentence: Sentence) -> Draft | None:
    """""nine dead in the morgue following the clashes in Juliaca", after "Clashes in
    Peru between security forces and protesters ... left 12 dead in Juliaca": an event
    referred back to by the word an incident told at that place was told with is that
    incident, whatever type the word alone would give it; so is the same toll told again
    at that place with that word ("12 dead today in Puno during clashes ... near the
    Juliaca airport")."""
    if not draft.scenes or not draft.cue:
        return None
    own = {c.value for c in draft.counts if c.noun == "dead"}
    word = re.compile(r"\b" + re.escape(draft.cue.split()[0].rstrip("s")))
    for other in reversed(drafts.recent(sentence.index - LOOK_BACK)):
        if (other is not draft and not other.aside and other.status == draft.status
                and other.family != draft.family and word.search(other.clause)
                and (draft.definite or own & {c.value for c in other.counts if c.noun == "dead"})
                and same_story(other, draft)
                and any(same_ground(s.entry, t.entry) for s in distinct(draft.scenes)
                        for t in distinct(other.scenes))):  # fmt: skip
            return other
    return None


def placed_later(drafts: Drafts, draft: Draft) -> Draft | None:
    """"An Israeli airstrike that hit a building in a village south of Beirut killed 15"
    then "the airstrike hit an area known as Barja just north of Sidon": the event
    referred back to, with no toll of its own, at a place near the one the incident was
    only placed beside, is that incident, now placed (``absorb`` takes the place)."""
    if draft.status != "new" or any(c.noun in CASUALTIES for c in draft.counts):
        return None
    for other in drafts.of_kind(draft):
        if not other.aside and same_days(other, draft) and places(draft, other):
            return other
    return None


def places(draft: Draft, target: Draft) -> bool:
    """Whether ``draft`` refers back to ``target`` and gives the town it was only put
    beside ("a village south of Beirut" ... "the airstrike hit Barja")."""
    towns = towns_named(draft)
    return (draft.definite and not draft.weak and bool(towns) and bool(target.scenes)
            and all(s.near for s in target.scenes) and not any(s.near for s in towns)
            and all(within_km(s.entry, t.entry, _PLACED_LATER_KM)
                    for s in towns for t in target.scenes))


def towns_named(draft: Draft) -> list:
    """The towns among a draft's most specific places."""
    return [s for s in distinct(draft.scenes) if s.entry.feature_type in TOWN_TYPES]


_PLACED_LATER_KM = 60.0
"""How far the place a later sentence gives may lie from the one the incident was put
beside ("a village south of Beirut": Barja, 28 km from it)."""


_REFERRED_DAYS = 2
"""How far apart the days of an event referred back to and of the incident may lie."""


def told_before(drafts: Drafts, draft: Draft) -> Draft | None:
    """An incident of the kind told before at the same place with the same toll: a
    report's summary box, then its body ("• A woman and her daughter died ... in
    Machakos" ... "A woman and her five-year-old daughter died ... in Machakos")."""
    own = {c.value for c in draft.counts if c.noun == "dead"}
    if not own or not draft.scenes:
        return None
    for other in drafts.of_kind(draft):
        if (not other.aside and own & {c.value for c in other.counts if c.noun == "dead"}
                and same_days(other, draft) and any(
                    s.entry.id == t.entry.id for s in distinct(draft.scenes)
                    for t in distinct(other.scenes))):  # fmt: skip
            return other
    return None
