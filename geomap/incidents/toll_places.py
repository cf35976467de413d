"""Where a bare toll was counted: the place named after it ("2 died ... in Masinga"),
inside its own words, opening its sentence, just before "there", or the country that
reports it; the places listed with a toll's place ("in A, B and C"); and a toll dated
before the incident it follows (another event at its place).  Read by
:mod:`geomap.incidents.tolls`."""

from __future__ import annotations

import bisect
import re

from geomap.event_types import has_flag
from geomap.geoparse.lexicon import lexicon
from geomap.incidents.ground import UNIT_TYPES, contains
from geomap.incidents.sentences import Sentence
from geomap.incidents.triggers import TOWN_TYPES, Draft
from geomap.records import GazetteerEntry

__all__ = ["counted_a_day_before", "is_town_by_town", "listed_units", "placed_tolls",
           "with_listed"]


_UNIT_WORDS = "|".join(sorted({*lexicon().place_types, "area", "territory", "raion", "hromada"}))
_WHERE_IN_IT = (
    r"northern|southern|eastern|western|central|(?:north|south)-?(?:east|west)ern|"
    r"neighbou?ring|nearby|remote"
)
"""The words that say where a place lies before its name ("in northern Takhar", "in
neighbouring Badakhshan"), which every toll-place pattern reads past."""
_TOLL_PLACE = re.compile(
    rf"[^,;.]{{0,40}}?\b(?:in|at|near|on|outside)\s+(?:the\s+)?(?:(?:[\w-]+\s+){{0,4}}"
    rf"(?:{_UNIT_WORDS})s?(?:\s+of\s+|,\s+))?(?:(?:{_WHERE_IN_IT}|adjacent|"
    rf"(?:hard|worst|badly)-hit)\s+)?$",
    re.IGNORECASE,
)
""""20 people were reported dead in northern Takhar province", "two in neighbouring
Badakhshan", "another in hard-hit Mananjary district", "18 also died in two other
provinces, Kunar and Laghman": the words between a toll and the place it was counted at."""
_JOINED = re.compile(r"[^,;.]{0,30}?\s+and\s+", re.IGNORECASE)
"""Between a toll and the next one of another kind it is joined to ("killed on the spot
and")."""
_NOT_WHERE_IT_HAPPENED = re.compile(r"\b(?:hospitals?|clinics?|morgues?|mortuary|camps?)\b",
                                    re.IGNORECASE)  # fmt: skip


_BEFORE_A_UNIT = rf"(?:(?:{_WHERE_IN_IT}|(?-i:[A-Z][a-z]+))\s+){{1,3}}(?=(?:{_UNIT_WORDS})\s+of\s)"
""""remote eastern Afghan ", "northeastern Indian ": the words before a unit word that
say where it lies and in which country."""
_IN_BEFORE = re.compile(
    rf"\b(?:in|at)\s+(?:the\s+)?(?:{_BEFORE_A_UNIT}|(?:{_WHERE_IN_IT})\s+)?"
    rf"(?:(?:{_UNIT_WORDS})\s+of\s+)?$",
    re.IGNORECASE,
)
_OPENS_WITH = re.compile(
    rf"\W*(?:in|at)\s+(?:the\s+)?(?:{_BEFORE_A_UNIT}|(?:{_WHERE_IN_IT}|hard-hit|worst-hit)\s+)?"
    rf"(?:(?:{_UNIT_WORDS})\s+of\s+)?",
    re.IGNORECASE,
)
""""In the remote eastern Afghan province of Nuristan, ...": the words a sentence opens
with before the place its tolls were counted at."""
_LISTED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)$")


def with_listed(places: list, named: list, sentence: Sentence) -> list:
    """"two men were killed in Pokrovsk and Kostiantynivka": the places listed with a
    toll's place are the toll's places too."""
    base = sentence.span[0]
    found = list(places)
    for r in sorted(named, key=lambda r: r.mention.start):
        if r in found:
            continue
        last = found[-1]
        gap = sentence.text[last.mention.end - base : r.mention.start - base]
        if r.mention.start > last.mention.end and _LISTED.match(gap):
            found.append(r)
    return found


def listed_units(named: list, sentence: Sentence) -> list:
    """"18 also died in two other provinces, Kunar and Laghman": the provinces or
    districts a toll is counted over, listed together, none inside another (one event per
    place); [] unless two or more."""
    units = [r for r in named if r.entry.feature_type in UNIT_TYPES and not r.near]
    listed = with_listed(units[:1], units, sentence)
    if len({r.entry.id for r in listed}) < 2 or any(
            contains(a.entry, b.entry) for a in listed for b in listed if a is not b):
        return []
    return listed


def placed_tolls(tolls: list, scenes: list, sentence: Sentence) -> list:
    """(toll, scene) for each toll stated with a place of its own ("2 died ... in
    Masinga"), the first such place after it; not where victims were taken ("taken to
    hospital in X")."""
    base = sentence.span[0]
    found = []
    for toll in tolls:
        # "28 killed in A, another 20 in B": a place after another figure of the same
        # kind is that one's ("7 killed and 71 injured in C": both are C's).
        starts = sorted(c.start for c in tolls if c.noun == toll.noun)
        for scene in sorted(scenes, key=lambda s: s.mention.start):
            if toll.end > scene.mention.start or scene.mention.start - toll.end > 80:
                continue
            k = bisect.bisect_left(starts, toll.end)
            if k < len(starts) and starts[k] < scene.mention.start:
                break
            gap = sentence.text[toll.end - base : scene.mention.start - base]
            if _TOLL_PLACE.fullmatch(gap) and not _NOT_WHERE_IT_HAPPENED.search(gap):
                found.append((toll, scene))
                break
    placed = {id(toll) for toll, _ in found}
    for toll in sorted(tolls, key=lambda c: -c.start):
        # "a 69-year-old woman was killed on the spot and a 70-year-old woman suffered
        # gunshot wounds in the town of K": the dead joined to the hurt told at a place are
        # that place's too
        joined = next((p for t, p in found if t.noun != toll.noun and t.start >= toll.end
                       and _JOINED.fullmatch(sentence.text, toll.end - base, t.start - base)),
                      None)  # fmt: skip
        if id(toll) not in placed and joined is not None:
            found.append((toll, joined))
            placed.add(id(toll))
    for toll in tolls:
        if id(toll) in placed:
            continue
        # "A worker at a project on the Hewa River in Sankhuwasabha district was found
        # dead": a place inside the toll's own words; "In neighbouring Taplejung district
        # another person died": a place the sentence opens with, before its tolls
        inside = [s for s in scenes if toll.start <= s.mention.start < toll.end
                  and _IN_BEFORE.search(sentence.text, 0, s.mention.start - base)]
        opening = [s for s in scenes if s.mention.end <= toll.start and _OPENS_WITH.fullmatch(
            sentence.text, 0, s.mention.start - base)]
        if inside or opening:
            found.append((toll, (inside or opening)[-1]))
            placed.add(id(toll))
    countries = sorted((r for r in sentence.roled if r.entry.feature_type == "country"
                        and r.role != "actor"), key=lambda r: r.mention.start)  # fmt: skip
    for toll in tolls:
        if id(toll) in placed:
            continue
        if _THERE.match(sentence.text, toll.end - base):
            # "residents on Ibo island said two people died there": the place named before
            earlier = [s for s in scenes if s.mention.end <= toll.start]
            if earlier and toll.start - earlier[-1].mention.end <= 80:
                found.append((toll, max(earlier, key=lambda s: s.mention.start)))
                continue
        # "Malawi's government said 190 were killed, while authorities in Mozambique
        # reported 20 deaths and 24 injured": the country that reports a toll is its place.
        before = [r for r in countries if r.mention.end <= toll.start]
        if before:
            reporter = before[-1]
            gap = sentence.text[reporter.mention.end - base : toll.start - base]
            if _REPORTED_GAP.fullmatch(gap):
                found.append((toll, reporter))
    return found + _told_on(tolls, found, scenes, sentence)


def _told_on(tolls: list, found: list, scenes: list, sentence: Sentence) -> list:
    """"A worker ... in Dolakha district was found dead, while 12 other workers were
    missing": a toll told right after a placed one, in the same clause chain and with no
    place named between them, was counted at that place."""
    base = sentence.span[0]
    placed = sorted(found, key=lambda pair: pair[0].end)
    out = []
    for toll in tolls:
        if toll.update or any(t is toll for t, _ in found):
            continue
        before = [(t, p) for t, p in placed if t.end <= toll.start]
        if not before:
            continue
        told, place = before[-1]
        between = sentence.text[told.end - base : toll.start - base]
        if (_ON_GAP.fullmatch(between)
                and not any(told.end <= s.mention.start < toll.start for s in scenes)):
            out.append((toll, place))
    return out


_ON_GAP = re.compile(r"[^;.:]{0,60}?(?:,\s*|\s+)(?:while|and|as|with|whereas)\s+[^;.:]{0,20}",
                     re.IGNORECASE)
""""..., while ", " and ": the words joining a toll to the one before it in one clause
chain."""


_THERE = re.compile(r"\s+there\b")
_REPORTED_GAP = re.compile(
    r"(?:['\u2019]s)?\s+[^;,.]{0,50}?\b(?:said|says|reported|reports|confirmed|recorded|"
    r"announced|counted)\s+(?:that\s+)?[^;]{0,60}",
    re.IGNORECASE,
)


_BREAKDOWN = 3
"""How many towns with a toll each make a sentence a breakdown of the toll by town."""


def is_town_by_town(placed: list, where: list) -> bool:
    """Whether the sentence breaks a toll down place by place (``_BREAKDOWN`` places or
    more, each with its own figure), none of them a place the incident is at: towns
    inside the incident's wider places (a province, a country), or units ("three in
    Carroll County, two in Monroe County and one in Humphreys County") whatever towns the
    story went through: one event per place."""
    ids = {p.entry.id for _, p in placed}
    if len(ids) < _BREAKDOWN or not where or any(s.entry.id in ids for s in where):
        return False
    towns = {p.entry.id for _, p in placed if p.entry.feature_type in TOWN_TYPES}
    if towns == ids:
        return all(s.entry.feature_type not in TOWN_TYPES for s in where)
    return all(_is_unit(p.entry) for _, p in placed)


def _is_unit(entry: GazetteerEntry) -> bool:
    """An administrative unit below the country (a county the gazetteer files as a
    region still has its ADM code)."""
    return entry.feature_type in UNIT_TYPES or (entry.feature_code or "").startswith("ADM")


def counted_a_day_before(latest: Draft, sentence: Sentence) -> bool:
    """Whether a toll's sentence dates its dead to a day before the one the incident it
    follows is dated to (an attack or a strike, not a disaster told day by day)."""
    return bool(latest.dated and latest.first is not None and latest.scenes
                and not has_flag(latest.event_type, "wide") and sentence.dates
                and all(d.date < latest.first for d in sentence.dates))
