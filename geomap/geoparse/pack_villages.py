"""Villages the index lacks, placed from the packs geomap carries, where the article
says where they are.

Recognition takes a name the gazetteer does not know as a place only where the
sentence says so ("the village of X", "X village in Y province", "in X, Y county": see
:mod:`geomap.geoparse.village_context`), and resolution then has no candidate for it.
The village is very often in one of the packs that ship with geomap but are not
installed (:mod:`geomap.gazetteer.pack_lookup`). This step looks such a name up there,
after resolution, when the wording says it is a small place: the article calls it a
village, hamlet, settlement, locality, neighbourhood, town or kebele (Ethiopia's
smallest unit), or writes it inside a place below the country ("in X, Y county", "X in
Y province", "at X, near Y"). "X area", "X district" or "in X, Sudan" do not: that may
be a region. Among the villages
of the countries the article's confident places are in, one is kept only when it is
the only one that fits the article:

- inside the places the wording puts the name in, when the article names any;
- else within ``NEAR_KM`` of one of the article's confident places, or in a first-level
  region the article names (or a town of it), as recognition admits villages.

Two villages of the name that fit (beyond a few kilometres apart) leave the name
unplaced, as before: the incident stays at the smallest unit the article names; inside
a stated region, the one within ``NEAR_KM`` of the article's towns is taken when only
one is. A spelling the pack holds in another romanisation is found as resolution finds
one in the index (:func:`~geomap.geoparse.candidates.romanisations`), also when the
name as written finds villages elsewhere only. A unit named after its seat town that no
gazetteer holds ("Tilin Township", "Mabayi commune", "Irumu territory") is placed at
the pack's town of its exact name, as a unit (precision 3), not as the town. Of two
villages that fit, the one right beside a place the article names is taken
("the village of Khiam" by Marjayoun, not the El Khiam of Mount Lebanon); where no sure
place lets one fit, the places resolution is unsure of in a country the article names
are asked. A village the wording puts in a town ("X village in the region of Fada
N'Gourma") may lie within ``NEAR_KM`` of it when none lies in the town's few kilometres.
A town listed with others ("the villages of Tiahynka and Vesele") that resolution is
unsure of and that lies beyond ``NEAR_KM`` of all of them gives way to the one pack
village of its name near them. A mention
the gazetteer has places for is left alone, except one the wording put in a region
where none of those places lies
(:func:`~geomap.geoparse.containment.drop_outside_containers`), or a town placed outside
the region the wording names, which a pack village there replaces; a village the index
already offers (its pack is installed) is not taken from the pack file again, so
nothing is counted twice. Only the offline path does this: with a hybrid geocoder the
online service answers for such names.

Weaker wording asks too (:mod:`geomap.geoparse.pack_cues`), but only the packs of the
countries the article names (as countries, regions or districts): a locative in a
sentence about an event ("massacred at Seytenga"), "community of X", a list beside
places resolution is sure of, a distance from a sure place ("Deir Billa, some 15
kilometres from the town of Batroun": the village at about that distance). After a
locative in an event's sentence, a name no village near the article fits takes the one
village of its name in the article's one country. Of two villages near the article's
places, the one near a place of the name's own sentence is taken ("a strike on
Maaysra, ... north of Beirut"). A bare name the article also names as a unit
("buildings in Jajarkot" beside "Jajarkot district") is that unit.

A name written before "in"/"of" and a district with its unit word ("Osara in Adavi
LGA", "Akucieng Village of Manyang-Ngok Payam") is asked first, as recognition admits
it: the one pack village of the name the pack puts in that district (its ``parent``,
compared without unit words), else, of those, or of all of the name where none is, the
one inside the unit the district resolved to (:func:`in_named_district`).

This module decides when a name is asked and where the article says it is; which of
the pack's rows it then means is :mod:`geomap.geoparse.pack_choice` (recognition asks
that too).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from geopy.geocoders.base import Geocoder

from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.index import GazetteerIndex
from geomap.gazetteer.names import normalize
from geomap.geoparse.candidates import Candidate, unit_level
from geomap.geoparse.containment import inside
from geomap.geoparse.pack_choice import (
    as_unit,
    closest,
    fitting,
    in_named_district,
    one_place,
    one_village,
)
from geomap.geoparse.pack_cues import (
    MOST_COUNTRIES,
    SURE,
    agrees,
    at_about,
    district_after,
    event_locative,
    points_of,
    sentence_places,
    stated_anchor,
    weakly_cued,
)
from geomap.geoparse.pack_spellings import seat_word
from geomap.geoparse.structure import Relations
from geomap.geoparse.village_context import Support, near, near_or_in_region, support_of
from geomap.records import GazetteerEntry, Resolution

__all__ = ["PACK_SCORE", "SURE", "place_pack_villages"]

PACK_SCORE = 0.8
"""The confidence given a village placed this way: the article's wording and places
agree on it, but no ranking of candidates chose it."""
_SMALL = r"(?:villages?|hamlets?|settlements?|locality|neighbou?rhoods?|town|kebeles?)"
_CUE_BEFORE = re.compile(rf"\b{_SMALL}\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_CUE_AFTER = re.compile(
    rf"\s+{_SMALL}\b|,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?{_SMALL}\b", re.IGNORECASE
)
_INSIDE_LEAD = re.compile(r"\b(?:in|at|near|outside)\s+$", re.IGNORECASE)
_INSIDE_GAP = re.compile(r",\s+(?:near\s+)?")
_BIG_TOWN = 100_000
"""A town this big, listed with villages far from it, is named for itself."""


def place_pack_villages(
    text: str,
    resolutions: Sequence[Resolution],
    relations: Relations,
    ranked: Sequence[Sequence[Candidate]],
    geocoder: Geocoder,
    undone: frozenset[int] = frozenset(),
) -> list[Resolution]:
    """``resolutions`` of the article ``text`` with the unplaced names it says are
    villages placed on the one pack village that fits it (every mention of the name).
    ``undone``: mentions whose only candidates lay far from the article's places that the
    wording ties them to (:mod:`geomap.geoparse.far_namesakes`), looked up as the names
    the gazetteer lacks."""
    out = list(resolutions)
    unplaced: dict[str, list[int]] = {}
    pulled: dict[int, list[tuple[float, float]]] = {}  # mention -> its list siblings' points
    for k, r in enumerate(out):
        if r.mention.demonym:
            continue
        if (r.entry is None and (not ranked[k] or k in undone
                                 or _containers(k, out, relations))) or (
            _misplaced(k, out, relations)
        ):
            unplaced.setdefault(normalize(r.mention.name), []).append(k)
        elif (siblings := _far_from_siblings(k, out, relations)) is not None:
            pulled[k] = siblings
            unplaced.setdefault(normalize(r.mention.name), []).append(k)
    wanted = []
    weakly: set[int] = set()  # the names only a weaker cue asks for (pack_cues)
    for ks in unplaced.values():
        if any(k in undone or k in pulled or _stated(text, k, out)
               or _inside_unit(k, out, relations)
               or district_after(text, out[k].mention.end) for k in ks):  # fmt: skip
            wanted.append(ks)
        elif any(weakly_cued(text, k, out, relations) for k in ks):
            weakly.add(ks[0])
            wanted.append(ks)
    if not wanted:
        return out  # the usual article: nothing is read
    asked = {k for ks in wanted for k in ks}
    sure = [r.entry for k, r in enumerate(out)
            if r.entry is not None and r.score >= SURE and k not in asked]  # fmt: skip
    if not sure:
        return out
    support = support_of(sure)
    # the points of the places named that are no country or region
    points = support_of(e for e in sure if unit_level(e) not in (0, 1)).points
    # a country named alone supports no village of it (see village_context)
    countries = {e.country_code for e in sure if e.country_code and e.feature_type != "country"}
    # a weaker cue asks only the packs of the countries the article names, or of whose
    # regions or districts it names one: a US story that mentions Baghdad reads no pack
    named = {e.country_code for e in sure if e.country_code and unit_level(e) in (0, 1, 2)}
    index = geocoder.index if type(geocoder) is GazetteerGeocoder else None
    weak = _weak_support(out, asked, sure)
    for ks in wanted:
        village = _in_written_district(text, ks, out, countries, index)
        if village is not None:
            # "Osara in Adavi LGA": the one village of the name the pack puts there
            for k in ks:
                out[k] = replace(out[k], entry=village, score=PACK_SCORE)
            continue
        unit = _unit_of_the_name(text, ks, out)
        if unit is not None:
            # "buildings in Jajarkot" where the article names "Jajarkot district"
            for k in ks:
                out[k] = replace(out[k], entry=unit.entry, score=unit.score)
            continue
        containers = [c for k in ks for c in _containers(k, out, relations)]
        mention = out[ks[0]].mention
        where = {c.country_code for c in containers if c.country_code} if containers else countries
        if ks[0] in weakly:
            where &= named
            if len(where) > MOST_COUNTRIES:
                continue
        near_siblings = [p for k in ks for p in pulled.get(k, ())]
        if near_siblings:
            # "the villages of Tiahynka and Vesele": the namesake near the list's others
            where = {out[k].entry.country_code for k in ks if out[k].entry is not None} - {None}
            fits, seat = fitting(mention, where, index,
                                  lambda e, ps=near_siblings: near(e, ps))  # fmt: skip
            village = one_place(fits)
        elif containers:
            fits, seat = fitting(
                mention, where, index, lambda e, cs=containers: all(inside(e, c) > 0 for c in cs)
            )
            if not fits and all(unit_level(c) == 4 for c in containers):
                # "Namoungou village in the region of Fada N'Gourma": a town's region
                # reaches past the town's own few kilometres
                fits, seat = fitting(mention, where, index,
                                      lambda e, cs=containers: near(e, _points(cs)))  # fmt: skip
            # two of the name in the region: the one that bears it as its own name (not
            # as another's alternate), else the one near the article's other places
            village = (
                one_place(fits)
                or one_place([e for e in fits if normalize(e.name) == normalize(mention.name)])
                or one_place([e for e in fits if near(e, points)])
            )
        else:
            fits, seat, village = [], False, None
            anchored = next((a for k in ks if (a := stated_anchor(text, k, out))), None)
            if anchored is not None:
                # "Deir Billa, some 15 kilometres from the town of Batroun"
                fits, seat = fitting(mention, {anchored[0].country_code or ""}, index,
                                      lambda e, a=anchored: at_about(e, *a))  # fmt: skip
                village = one_place(fits)
            in_sentence = sentence_places(text, ks, out, asked)
            if village is None:
                fits, seat = fitting(mention, where, index,
                                      lambda e: near_or_in_region(e, support))  # fmt: skip
                village = one_village(fits, support.points, points_of(in_sentence))
            if not fits and _event_cued(text, ks, out):
                # "86 people were massacred at Seytenga" in a report of one country:
                # the one village of the name in that country, unless its sentence
                # names places elsewhere
                one = {r.entry.country_code for j, r in enumerate(out)
                       if j not in asked and r.entry is not None and r.score >= SURE
                       and not r.mention.demonym and r.entry.country_code}  # fmt: skip
                if len(one) == 1:
                    fits, seat = fitting(mention, one, index, lambda e: True)
                    village = one_place(fits)
                    if village is not None and not agrees(village, in_sentence):
                        village = None
            if not fits and weak is not None:
                # no sure place says where: the places resolution is unsure of, in a
                # country the article names, decide between namesakes ("the village of
                # Khiam" with Marjayoun in a report from southern Lebanon)
                fits, seat = fitting(mention, weak[0], index,
                                      lambda e: near_or_in_region(e, weak[1]))  # fmt: skip
                village = one_place(fits) or one_place(closest(fits, weak[1].points))
        if village is None:
            continue
        word = seat_word(mention)
        if seat and word is not None:
            village = as_unit(village, word)
        for k in ks:
            out[k] = replace(out[k], entry=village, score=PACK_SCORE)
    return out


def _unit_of_the_name(text: str, ks: Sequence[int], out: Sequence[Resolution]) -> Resolution | None:
    """The sure resolution of another mention of the same name that is a unit ("Jajarkot
    district", "Irumu territory"), when no mention of ``ks`` carries a type word or is
    called a village: the bare name then means that unit, not a pack village of its name
    (often the unit's seat)."""
    if any(out[k].mention.qualifier or _stated(text, k, out) for k in ks):
        return None
    name = normalize(out[ks[0]].mention.name)
    return next((r for j, r in enumerate(out)
                 if j not in ks and r.entry is not None and r.score >= SURE
                 and not r.mention.demonym
                 and name in (normalize(r.mention.name), normalize(r.mention.text))
                 and 1 <= unit_level(r.entry) <= 3), None)  # fmt: skip


def _in_written_district(
    text: str,
    ks: Sequence[int],
    out: Sequence[Resolution],
    countries: set[str],
    index: GazetteerIndex | None,
) -> GazetteerEntry | None:
    """The pack village a mention of ``ks`` names where the district is written after it
    ("Osara in Adavi LGA"; :func:`in_named_district`), in the country of the place the
    district resolved to, else in the article's countries."""
    for k in ks:
        found = district_after(text, out[k].mention.end)
        if found is None:
            continue
        name, start = found
        unit = next((r.entry for r in out if r.mention.start == start and r.entry is not None
                     and r.score >= SURE and 1 <= unit_level(r.entry) <= 3), None)  # fmt: skip
        where = {unit.country_code} if unit is not None and unit.country_code else countries
        village = in_named_district(out[k].mention, where, name, unit, index)
        if village is not None:
            return village
    return None


def _event_cued(text: str, ks: Sequence[int], out: Sequence[Resolution]) -> bool:
    """Whether a mention of ``ks`` without a type word is written after a locative in a
    sentence about an event (see :mod:`geomap.geoparse.pack_cues`)."""
    return any(
        out[k].mention.qualifier is None and event_locative(text, out[k].mention.start)
        for k in ks
    )


def _points(places: Sequence[GazetteerEntry]) -> list[tuple[float, float]]:
    return [(e.lat, e.lon) for e in places]


def _far_from_siblings(
    k: int, out: Sequence[Resolution], relations: Relations
) -> list[tuple[float, float]] | None:
    """The points of the towns listed with mention ``k`` ("the villages of Tiahynka and
    Vesele") when resolution is unsure of ``k``'s town and it lies beyond ``NEAR_KM`` of
    every one of them: a pack village near them is then the one meant. None otherwise."""
    e = out[k].entry
    if e is None or out[k].score >= SURE or unit_level(e) < 4 or e.population >= _BIG_TOWN:
        return None
    points = [
        (s.lat, s.lon)
        for members in relations.lists if k in members
        for j in members
        if j != k and (s := out[j].entry) is not None and unit_level(s) >= 4
        and normalize(out[j].mention.name) != normalize(out[k].mention.name)
    ]  # fmt: skip
    if not points or near(e, points):
        return None
    return points


def _weak_support(
    out: Sequence[Resolution], asked: set[int], sure: Sequence[GazetteerEntry]
) -> tuple[set[str], Support] | None:
    """The countries and support of every place the article's other mentions were given,
    however unsure, that lies in a country a sure place of the article is in (a
    country named alone counts here), or None when there is none."""
    named = {e.country_code for e in sure if e.country_code}
    places = [r.entry for k, r in enumerate(out)
              if r.entry is not None and k not in asked and not r.mention.demonym
              and r.entry.country_code in named and unit_level(r.entry) not in (0, 1)]  # fmt: skip
    if not places:
        return None
    return {e.country_code for e in places if e.country_code}, support_of(places)


def _misplaced(k: int, out: Sequence[Resolution], relations: Relations) -> bool:
    """Whether mention ``k`` is placed on a town outside the region the wording puts it in
    ("the village of Pervomaiske, Kherson region" on a Crimean Pervomayske, which the
    region's box holds): a pack village there, if one fits, is meant instead."""
    e = out[k].entry
    if e is None or unit_level(e) < 4:
        return False
    return any(
        c.feature_type == "admin1" and inside(e, c) == 0 for c in _containers(k, out, relations)
    )


def _stated(text: str, k: int, out: Sequence[Resolution]) -> bool:
    """Whether the wording says mention ``k`` is a village: "the village of X", "X
    village", "X, a small village", or "in X, Y" / "at X, near Y" with Y a place
    resolution is sure of. "X area" and "X district" do not: an area may be a region,
    and a district is no village."""
    m = out[k].mention
    if _CUE_BEFORE.search(text, max(0, m.start - 40), m.start) or _CUE_AFTER.match(text, m.end):
        return True
    if k + 1 >= len(out) or not _INSIDE_LEAD.search(text, max(0, m.start - 10), m.start):
        return False
    after = out[k + 1]
    return (
        after.entry is not None
        and after.score >= SURE
        and unit_level(after.entry) != 0  # "in Kordofan, Sudan" may be a region
        and _INSIDE_GAP.fullmatch(text, m.end, after.mention.start) is not None
    )


def _inside_unit(k: int, out: Sequence[Resolution], relations: Relations) -> bool:
    """Whether the wording puts mention ``k`` inside a region, district or town ("X in
    Y province"): a place inside a country alone may be a region of it."""
    return any(unit_level(c) > 0 for c in _containers(k, out, relations))


def _containers(k: int, out: Sequence[Resolution], relations: Relations) -> list[GazetteerEntry]:
    """The places the wording puts mention ``k`` in, that resolution is sure of."""
    found = []
    for inner, outer in relations.containment:
        if inner != k:
            continue
        r = out[outer]
        if r.entry is None or r.score < SURE or r.mention.demonym:
            continue
        if unit_level(r.entry) in (0, 1, 2, 3, 4):
            found.append(r.entry)
    return found
