"""Villages the gazetteer lacks, as scenes: "the gunmen stormed Kudodo, Galapai and
Dnalgwa communities", "drove into the villages of Khams Tlol and al-Madina".

Recognition keeps a name it does not know when the sentence says it is a place ("the
village of X", "X village"), with the known unit the article puts it in
(:attr:`~geomap.records.Resolution.near`: "X, in Niger State"). Such a name is no map
pin, but an attack on three of them is three incidents (ACLED's one event per place),
each placed honestly at the unit that holds the village, at that unit's UCDP precision,
with the village's name in ``location_note``. Once the user imports the village
(``geomap gazetteer import``) it is recognised, and the incident moves to it.
"""

from __future__ import annotations

import calendar
import dataclasses
import itertools
import re
from collections.abc import Sequence

from geomap.doc import Doc
from geomap.incidents.ground import UNIT_TYPES, contains, geo_precision, same_ground, spot
from geomap.incidents.offsets import offset
from geomap.incidents.sentences import Sentence, sentence_at
from geomap.incidents.setting import Scene, Setting
from geomap.incidents.triggers import Draft
from geomap.place_roles import RoledMention, assign_roles
from geomap.records import Count, GazetteerEntry, Mention, Place, Resolution

__all__ = ["at_a_town_after_an_unknown_village", "at_another_unknown_village", "beside_unit",
           "names_an_unknown_place", "near_its_town", "note_of", "unit_told_before",
           "unknown_village", "unlisted_places", "unlisted_scenes"]


def unlisted_places(doc: Doc) -> tuple[list[Place], list[list[RoledMention]]]:
    """Stand-in places for the article's unknown named places (the unit each lies in,
    with the unknown name as its mention), numbered after ``doc.places``; and, per
    sentence, their mentions with the role each plays there (read with the sentence's
    known places, as :func:`~geomap.place_roles.assign_roles` reads them)."""
    stand_ins: list[Place] = []
    unknown: list[list[tuple[Mention, GazetteerEntry, int]]] = [[] for _ in doc.sentences]
    for resolution, near in _with_units(doc):
        unknown[doc.sentence_of(resolution.mention.start)].append(
            (resolution.mention, near, len(doc.places) + len(stand_ins)))
        stand_ins.append(Place(near, (resolution.mention,)))
    roled: list[list[RoledMention]] = []
    for index, span in enumerate(doc.sentences):
        if not unknown[index]:
            roled.append([])
            continue
        known = [(r.mention, r.entry, r.place_index) for r in doc.roles[index]]
        first = len(doc.places)
        roled.append([
            r for r in assign_roles(doc.text, span, [*known, *unknown[index]],
                                    datelines=doc.datelines)
            if r.place_index >= first
        ])  # fmt: skip
    return stand_ins, roled


_LIST_GAP = re.compile(r",\s*(?:(?:and|or)\s+)?|,?\s+(?:and|or)\s+")
"""What stands between two names of a list: "Kudodo, Galapai and Dnalgwa"."""


def _with_units(doc: Doc) -> list[tuple[Resolution, GazetteerEntry]]:
    """The article's unknown names with the known unit each lies in.  A name listed
    right after or before one whose unit the wording gave shares it: in "the Idlib
    villages of Sarja and Ehsin" recognition puts Sarja in Idlib, and Ehsin is in the
    same list; one with no unit lies in the unit its sentence, or the one before, has
    just named."""
    unknown = [r for r in doc.resolutions if r.entry is None]
    units: list[GazetteerEntry | None] = [r.near for r in unknown]
    for _ in range(2):  # forwards along a list, then back
        for k, (a, b) in enumerate(itertools.pairwise(unknown)):
            if (units[k] is None) == (units[k + 1] is None) or not _LIST_GAP.fullmatch(
                    doc.text, a.mention.end, b.mention.start):
                continue
            units[k] = units[k] or units[k + 1]
            units[k + 1] = units[k + 1] or units[k]
    for k, resolution in enumerate(unknown):
        if units[k] is None:
            units[k] = _unit_named_just_before(doc, resolution.mention)
    return [(r, near) for r, near in zip(unknown, units, strict=True) if near is not None]


def _unit_named_just_before(doc: Doc, mention: Mention) -> GazetteerEntry | None:
    """The unit this sentence names before the name, or, when it names no known place,
    the last one the sentence before names ("Gunmen who invaded some communities in
    Niger State ... The gunmen stormed Kudodo, Galapai and Dnalgwa communities"): a name
    the wording calls a place, with no unit of its own, lies there."""
    index = doc.sentence_of(mention.start)
    units = [r for r in doc.roles[index] if r.role == "location"
             and r.entry.feature_type in UNIT_TYPES and r.mention.end <= mention.start]
    if units:
        return units[-1].entry
    if index == 0 or doc.roles[index]:
        return None  # "the village of X in central Myanmar": not the last sentence's unit
    units = [r for r in doc.roles[index - 1]
             if r.role == "location" and r.entry.feature_type in UNIT_TYPES]
    return units[-1].entry if units else None


_TOLL_BEFORE = re.compile(
    r"[^,;.]*?\b(?:in|at|near)\s+(?:the\s+)?(?:(?:village|town|community|settlement|hamlet)"
    r"\s+of\s+)?",
    re.IGNORECASE,
)
"""Between a toll and the unknown place it was counted at ("20 bodies have been found in the
village of ")."""
_TOLL_REACH = 60


def unlisted_scenes(
    draft: Draft,
    units: Sequence[GazetteerEntry],
    unlisted: Sequence[Sequence[RoledMention]],
    sentences: Sequence[Sentence],
    *,
    listed_only: bool = True,
) -> list[RoledMention]:
    """The distinct unknown places that the draft's own sentences list as where it
    happened ("stormed Kudodo, Galapai and Dnalgwa communities"), inside one of
    ``units`` (the coarse places it is located at), in the order named.  Only names of
    a list: "near Borispolskoye village in Rakityanskiy district" names a village and
    the district that holds it, one place.  With ``listed_only`` False, any such place
    (for an incident the sentences place nowhere else), inside any unit when ``units``
    is empty."""
    found: dict[str, RoledMention] = {}
    for index in sorted(set(draft.sentences)):
        if index >= len(unlisted):
            continue
        named = sorted(unlisted[index], key=lambda r: r.mention.start)
        sentence, base = sentences[index], sentences[index].span[0]
        listed = set()
        for a, b in itertools.pairwise(named):
            if _LIST_GAP.fullmatch(sentence.text, a.mention.end - base, b.mention.start - base):
                listed.update((id(a), id(b)))
        tolled = _places_of_tolls(named, draft.counts, sentence)
        if len(tolled) > 1:
            listed |= tolled  # "20 bodies were found in the village of A while six ... of B"
        for r in named:
            if ((listed_only and id(r) not in listed) or r.role != "location"
                    or r.mention.name.lower() in found):
                continue
            if not units or any(r.entry.id == unit.id or same_ground(unit, r.entry)
                                for unit in units):
                found[r.mention.name.lower()] = r
    return list(found.values())


def _places_of_tolls(
    named: Sequence[RoledMention], counts: Sequence[Count], sentence: Sentence
) -> set[int]:
    """id() of each unknown place a toll of the sentence is counted at: the first one
    after it ("... were injured in the village of Habour in the Shaqb area" counts at
    Habour, which lies in Shaqb, not at two places)."""
    base = sentence.span[0]
    places: set[int] = set()
    for count in counts:
        if count.noun not in ("dead", "injured"):
            continue
        for r in named:  # in the order the sentence names them
            if 0 <= r.mention.start - count.end <= _TOLL_REACH and _TOLL_BEFORE.fullmatch(
                    sentence.text, count.end - base, r.mention.start - base):
                places.add(id(r))
                break
    return places


def note_of(r: RoledMention, kind: str | None, precision: int | None = None) -> str:
    """The location note of an incident at an unknown place's unit; ``kind`` is the
    word its list is called by ("the villages of A and B")."""
    kind = r.mention.qualifier or kind or "place"
    precision = precision if precision is not None else geo_precision(r.entry)
    return (f"the {kind} of {r.mention.text}, which the gazetteer does not know; "
            f"placed at {r.entry.name} (UCDP precision {precision})")


_NAME = r"[A-Z][\w'\u2019-]+(?:[ -][A-Z][\w'\u2019-]+){0,3}"
_VILLAGE_NAMED = re.compile(
    rf"\b(?P<kind_a>village|hamlet|settlement|locality|town)\s+of\s+(?P<a>{_NAME})"
    rf"|(?P<b>{_NAME})\s+(?P<kind_b>village|town)\b"
)


_IN_A_NAME = re.compile(
    r"\b(?:in|at|near|outside)\s+(?:the\s+(?:village|town|area|locality)\s+of\s+)?"
    r"(?P<name>[A-Z][a-z][\w-]*(?:['\u2019](?!s\b)[\w-]+)*)"
)
"""A capitalised name the event is put in; an apostrophe inside a name ("Ma'rib") but not
a possessive ("in Tuesday's airstrike" is a day, not a place)."""
_NOT_PLACE_WORDS = frozenset(calendar.day_name) | frozenset(calendar.month_name[1:]) | {
    "The", "A", "An", "This", "That", "His", "Her", "Their", "Its",
}


def names_an_unknown_place(sentence: Sentence) -> bool:
    """Whether the sentence puts its event in or at a capitalised name the gazetteer did
    not recognise ("after a separate attack in Keng")."""
    base = sentence.span[0]
    for match in _IN_A_NAME.finditer(sentence.text):
        start, end = base + match.start("name"), base + match.end("name")
        if match.group("name") not in _NOT_PLACE_WORDS and not _recognised(sentence, start, end):
            return True
    return False


def _recognised(sentence: Sentence, start: int, end: int) -> bool:
    """Whether a place mention of the sentence overlaps the article's ``start:end``."""
    return any(r.mention.start < end and start < r.mention.end for r in sentence.roled)


def at_another_unknown_village(draft: Draft, latest: Draft | None,
                               sentences: Sequence[Sentence]) -> bool:
    """"Ukrainian troops attacked the village of Otradnoye ..." then "two fighters had been
    wounded in an attack by a drone on the village of Petrovka": an event told as a new
    one ("an attack"), at a village the gazetteer lacks and the incident it would join
    (``latest``, the last of its kind) never names, happened at another place: one
    event per place, so an incident of its own."""
    if (latest is None or draft.weak or not draft.indefinite or draft.scenes
            or draft.status != "new"):
        return False
    sentence = sentences[draft.sentence]
    names = [match.group(group) for match in _VILLAGE_NAMED.finditer(sentence.text)
             for group in ("a", "b") if match.group(group) and not _recognised(
                 sentence, sentence.span[0] + match.start(group),
                 sentence.span[0] + match.end(group))]  # fmt: skip
    told = " ".join(sentences[i].text for i in latest.sentences)
    return bool(names) and not any(name in told for name in names)


def at_a_town_after_an_unknown_village(draft: Draft, latest: Draft | None,
                                       sentences: Sequence[Sentence]) -> bool:
    """"killed two people in Machava village, in Nangade district" then "an insurgent
    group attacked a neighbourhood of Nangade town itself, where they killed three": an
    event with a toll of its own at a town, after one at a village the gazetteer lacks
    (placed at the unit holding both), happened at another place: one event per place,
    so an incident of its own, not more of the village's."""
    if (latest is None or draft.weak or draft.status != "new" or latest.status != "new"
            or not draft.scenes or not all(spot(s) for s in draft.scenes)
            or not latest.scenes or any(spot(s) for s in latest.scenes)):
        return False
    own = {c.value for c in draft.counts if c.noun == "dead"}
    told = {c.value for c in latest.counts if c.noun == "dead"}
    if not own or not told or own & told or any(c.update for c in draft.counts):
        return False
    if not all(any(contains(unit.entry, town.entry) for unit in latest.scenes)
               for town in draft.scenes):
        return False
    return unknown_village(latest, sentences) is not None


def beside_unit(unknown: RoledMention, setting: Setting) -> Scene:
    """The scene of an incident at a place the gazetteer lacks: the unit it lies in, or,
    when it lies beside a town ("Ba'aadweyne, 170km South East of Galkayo"), the point
    a stated distance from that town gives (UCDP 2, the distance as uncertainty), else
    near the town (UCDP 2), never at it; when its own sentence does not name that town
    (the town another village lay near), the unit named before that holds the town."""
    if not spot(unknown):
        return Scene(unknown, geo_precision(unknown.entry), note=note_of(unknown, None))
    unit = unit_told_before(unknown, setting.sentences)
    if unit is not None:  # "... on the village of Petrovka", after "a Belgorod Region village"
        held = dataclasses.replace(unknown, entry=unit.entry)
        return Scene(unit, geo_precision(unit.entry),
                     note=note_of(held, None, geo_precision(unit.entry)))
    note = note_of(unknown, None, 2)
    sentence = sentence_at(setting.sentences, unknown.mention.start)
    for distance in sentence.distances if sentence is not None else ():
        anchor = next((r for r in sentence.roled if r.mention.start == distance.anchor), None)
        if anchor is None or anchor.entry.id != unknown.entry.id:
            continue
        return Scene(unknown, 2, point=offset(unknown.entry, distance),
                     uncertainty_m=distance.metres,
                     note=f"{note}; {distance.text} {unknown.entry.name}")
    return Scene(unknown, max(geo_precision(unknown.entry), 2), note=note)


def near_its_town(located: list[Scene], draft: Draft, setting: Setting) -> list[Scene]:
    """"an IED targeted the police in Saadouniyah village of Kirkuk": a village the
    gazetteer lacks, put beside a town its sentence names, is near that town (UCDP 2,
    the village's name in the note), never at it."""
    beside = {r.entry.id: r for i in draft.sentences if i < len(setting.unlisted)
              for r in setting.unlisted[i] if spot(r)}  # fmt: skip
    out = []
    for scene in located:
        place = scene.place
        if (isinstance(place, RoledMention) and scene.precision == 1 and scene.point is None
                and place.entry.id in beside):
            scene = dataclasses.replace(scene, precision=2,
                                        note=note_of(beside[place.entry.id], None, 2))
        out.append(scene)
    return out


def unit_told_before(unknown: RoledMention, sentences: Sequence[Sentence]) -> RoledMention | None:
    """"Ukrainian troops attacked the village of Otradnoye near Belgorod" ... "wounded in
    an attack on the village of Petrovka": a village the gazetteer lacks, put beside a
    town its own sentence does not name (the town another village lay near), lies in the
    last unit the sentences before name that holds that town ("A resident of a Belgorod
    Region village died"), not near the town."""
    own = sentence_at(sentences, unknown.mention.start)
    if own is None or any(r.entry.id == unknown.entry.id for r in own.roled):
        return None
    for k in range(own.index - 1, -1, -1):  # (the unit must hold the town: a strict test)
        earlier = sentences[k]
        if earlier.heading:
            break
        units = [r for r in earlier.roled if r.role == "location"
                 and r.entry.feature_type in UNIT_TYPES and contains(r.entry, unknown.entry)]
        if units:
            return units[-1]
    return None


def unknown_village(draft: Draft, sentences: Sequence[Sentence]) -> str | None:
    """"the village of X", where the gazetteer knows no X: the incident stays at the
    smallest unit that is named, and says which village it was (once the user imports
    X with `geomap gazetteer import`, X is recognised and becomes the scene)."""
    for index in sorted(set(draft.sentences)):
        sentence = sentences[index]
        base = sentence.span[0]
        for match in _VILLAGE_NAMED.finditer(sentence.text):
            group = "a" if match.group("a") else "b"
            start, end = base + match.start(group), base + match.end(group)
            if not _recognised(sentence, start, end):
                kind = match.group(f"kind_{group}").lower()
                return f"the {kind} of {match.group(group)}, which the gazetteer does not know"
    return None
