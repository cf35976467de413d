"""A report's totals and its incidents told place by place: a tally over many places the
report then tells incident by incident, a toll that sums the others', a country's toll
told again town by town, a unit's record that only repeats a finer one.  Read by
:mod:`geomap.incidents` once the drafts are assembled and once the records are made."""

from __future__ import annotations

import itertools

from geomap.event_types import FAMILIES
from geomap.incidents.ground import contains, same_ground
from geomap.incidents.merge import same_kind
from geomap.incidents.triggers import TOWN_TYPES, Draft
from geomap.records import Incident

__all__ = ["drop_summaries", "parts_of_a_total", "without_coarse_repeats",
           "without_totals_of_parts"]


_MOST_PARTS = 8
"""Other incidents whose tolls may add up to a report's total (2**8 sums at most)."""


def without_coarse_repeats(incidents: list[Incident]) -> list[Incident]:
    """Without a record at a unit that holds another record's place of the same kind,
    day and status, when it says nothing the finer one does not ("Flash floods hit ...
    the Maidan Wardak and Ghazni provinces" ... "in the Jalrez district of Maidan Wardak
    province, killing 12"): one event told twice, coarse then fine."""
    def key(i: Incident) -> tuple:
        return (i.event_type, i.sub_event_type, i.date_start, i.date_end, i.temporal_status)

    def says_nothing(i: Incident) -> bool:
        return all(c is None for c in (i.fatalities, i.injured, i.people_affected,
                                       i.structures_affected))

    placed = [i for i in incidents if i.location is not None]
    return [i for i in incidents if not (
        i.location is not None and says_nothing(i) and (i.geo_precision or 0) >= 3
        and any(o is not i and key(o) == key(i) and o.location is not None
                and o.location.entry.id != i.location.entry.id
                and contains(i.location.entry, o.location.entry) for o in placed))]


def without_totals_of_parts(incidents: list[Incident]) -> list[Incident]:
    """Without a record at a country or region whose death toll is the sum of the tolls
    of two or more records of its kind at places inside it ("Two people were killed ...
    in eastern Nepal", then one "in Sankhuwasabha district" and another "in neighbouring
    Taplejung district"): the report's total, told again place by place."""
    def dead(i: Incident) -> int:
        return i.fatalities.value if i.fatalities is not None else 0

    kept = []
    for total in incidents:
        parts = [o for o in incidents if o is not total and o.location is not None
                 and total.location is not None and (total.geo_precision or 0) >= 4
                 and FAMILIES.get(o.event_type) == FAMILIES.get(total.event_type)
                 and o.temporal_status == total.temporal_status == "new"
                 and o.location.entry.id != total.location.entry.id
                 and contains(total.location.entry, o.location.entry) and dead(o) > 0]
        if len(parts) < 2 or not (sum(dead(o) for o in parts) == dead(total)
                                  or _partly_placed(total, parts)):
            kept.append(total)
    return kept


def _partly_placed(total: Incident, parts: list[Incident]) -> bool:
    """"At least six people were killed" in a country, then one in A, another in B and three
    in C: a country's toll told place by place, all but a few of its dead placed, is the
    report's total, not an event of its own (the places carry the event, one per place)."""
    placed = sum(o.fatalities.value for o in parts if o.fatalities is not None)
    return (total.geo_precision == 6 and total.fatalities is not None
            and total.fatalities.value - len(parts) < placed < total.fatalities.value
            and all(c is None for c in (total.injured, total.people_affected,
                                        total.structures_affected)))


def parts_of_a_total(drafts: list[Draft]) -> None:
    """"killed at least 27 people in two separate attacks" ... "15 ... at Bourasso" ...
    "Twelve people died in a separate attack at Namissiguima": when an incident's first
    toll is the sum of a later toll of its own and the tolls of the report's other
    incidents of its kind, the first was the report's total, and its own is the part."""
    for draft in drafts:
        kin = [o for o in drafts if o is not draft and same_kind(o, draft)]
        for noun in ("dead", "injured"):  # "Three people were hurt in Kharkiv Oblast" too
            tolls = sorted((c for c in draft.counts if c.noun == noun and not c.update),
                           key=lambda c: c.start)  # fmt: skip
            if len(tolls) < 2:
                continue
            total = tolls[0]
            # the other incidents' tolls, all or some ("13 killed" in two countries, then
            # "four in Afghanistan", "nine in northwest Pakistan", "two in Laghman" of
            # the four)
            theirs = [t for t in (_first_toll(o, noun) for o in kin[:_MOST_PARTS]) if t > 0]
            sums = {sum(part) for k in range(1, len(theirs) + 1)
                    for part in itertools.combinations(theirs, k)}
            if any(c.value + others == total.value for c in tolls[1:] for others in sums):
                draft.counts.remove(total)


def _first_toll(draft: Draft, noun: str) -> int:
    """The first toll of ``noun`` (dead, injured) a draft states, or 0."""
    return next((c.value for c in sorted(draft.counts, key=lambda c: c.start)
                 if c.noun == noun), 0)  # fmt: skip


def _outside_the_town(incident: Draft, tally: Draft) -> bool:
    """"A rocket strike on a village west of Aleppo killed two farmers" then "Inside the
    city, a wave of rocket strikes killed nine": strikes counted together in one town are
    one event there, and an event near the town, not in it, is none of them."""
    return (tally.in_the_town and bool(incident.scenes) and all(s.near for s in incident.scenes)
            and bool(tally.scenes) and all(not s.near and s.entry.feature_type in TOWN_TYPES
                                           for s in tally.scenes))


def drop_summaries(drafts: list[Draft]) -> None:
    """Remove tallies over many places that the report then tells incident by incident
    ("nearly 70 killed across South Sudan this week ... 14 killed in a raid in Duk
    County"): counting both would count the same dead twice."""
    summaries = [
        d for d in drafts
        if d.aggregate and any(
            o is not d and not o.aggregate and o.family == d.family and o.status == d.status
            and any(same_ground(s.entry, t.entry) for s in d.scenes for t in o.scenes)
            and not _outside_the_town(o, d)
            for o in drafts
        )
    ]  # fmt: skip
    for summary in summaries:
        drafts.remove(summary)
