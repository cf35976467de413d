"""The incident being assembled: a :class:`Draft` gathers the sentences, scenes, counts
and dates that the incidents stage finds for one event before it becomes a record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from geomap.event_types import DISTINCT_SUB_TYPES, FAMILIES, has_flag
from geomap.place_roles import RoledMention
from geomap.records import Count, Radius

__all__ = ["Draft"]


@dataclass
class Draft:
    """An incident being assembled from one or more sentences."""

    event_type: str
    sub_event_type: str
    status: str
    weak: bool
    sentence: int
    sentences: list[int]
    first: dt.date | None
    last: dt.date | None
    dated: bool
    scenes: list[RoledMention]
    roled: list[RoledMention] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    radii: list[Radius] = field(default_factory=list)
    score: int = 0
    location_note: str | None = None
    rank: int = 100
    """Rank of the cue that typed it (lower: a more specific way of saying what happened);
    when sentences about one incident type it differently, the most specific wins."""
    separate: bool = False
    """The sentence says it is another incident ("In a separate incident, ...")."""
    aside: bool = False
    """Another incident named in passing ("... came days after gunmen attacked X"): the
    story's later sentences are about its own incident, not this one."""
    indefinite: bool = False
    """Its event is told as a new one ("when an air strike hit ..."), not referred back to
    ("the strike")."""
    definite: bool = False
    """Its event is referred back to ("injured in the blast"), not told as a new one."""
    another: bool = False
    """Told as another event than the one before ("another attack"), however weak its word."""
    ordinal: bool = False
    """Told with an ordinal ("the first strike", "a second drone"): one of a series."""
    several: bool = False
    """Told as several events at once ("killed in multiple suspected attacks"): a total
    the report may then tell event by event."""
    same_place: bool = False
    """Named in passing as at the story's own place ("in the same neighbourhood where")."""
    in_the_town: bool = False
    """Placed by "inside the city", "in the town": in the town itself, not near it."""
    place_of: Draft | None = None
    """The incident whose place this one's is ("had attacked the same camp in March"), when
    that incident's place is not named in its own sentences but found later."""
    days_before: int | None = None
    """For an incident named in passing, how many days before the story's it happened
    ("The attacks came a day after jihadists killed 92 soldiers in Chad": 1)."""
    cue: str = ""
    """The words that typed it, lower-cased ("clashes")."""
    toll_day: bool = False
    """Its only day is the one its toll rose on ("The death toll ... rose to at least 40
    people Saturday"): a later sentence may give the day it happened."""
    clause: str = ""
    """Its main clause as written, lower-cased: what a later "the clashes" may refer to."""
    town_toll: bool = False
    """A record the report made of a toll at a town of its own ("Four children died in
    Francisco Morato"): the report is counting town by town."""
    nationwide: bool = False
    """A measure over the whole country ("a nationwide curfew"): its scene is the country,
    not the towns its sentence names for the unrest it answers."""

    @property
    def kind(self) -> tuple[str, str]:
        """Its (event type, sub-event type): the key of the event table's kind lists
        (ONE_EVENT, CONSEQUENCES, JOINS, PARTS, ...)."""
        return (self.event_type, self.sub_event_type)

    @property
    def aggregate(self) -> bool:
        """A tally over many places ("clashes have killed nearly 70 across various parts
        of South Sudan"): it sums the incidents a report then tells one by one."""
        return self.several or (bool(self.scenes) and all(s.across for s in self.scenes))

    @property
    def family(self) -> str:
        """What sentences about one incident must agree on: the event type's family,
        or its sub-type where sub-types are different events (the table's ``distinct``)."""
        if has_flag(self.event_type, "distinct") or (
                self.kind in DISTINCT_SUB_TYPES):
            return f"{self.event_type}/{self.sub_event_type}"
        return FAMILIES.get(self.event_type, self.event_type)
