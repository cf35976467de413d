"""Where an incident happened: the most specific places its sentences name as scenes
(not actors, speakers or context), one record per distinct scene; else the place a
stated radius is drawn around, a place the sentence refers to, or the scene of an
earlier sentence; with UCDP precision from the feature-type table."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from geomap.event_types import LOCAL, ONE_EVENT, has_flag
from geomap.incidents.ground import (
    UNIT_TYPES,
    contains,
    distinct,
    geo_precision,
    rank,
    spot,
    unit_around,
    units_beside_towns,
    units_listed_with_towns,
)
from geomap.incidents.intercepted import defended_country
from geomap.incidents.measures import MEASURE, covered, nationwide_scene
from geomap.incidents.offsets import offset_scene
from geomap.incidents.parts import (
    country_of_the_report,
    direction_alone,
    part_scene,
    part_scene_of,
)
from geomap.incidents.sentences import FORECAST, LOOK_BACK, sentence_at
from geomap.incidents.setting import NO_SCENE, Scene, Setting
from geomap.incidents.stated import POINTS_BACK
from geomap.incidents.town_units import named_as_unit, units_holding_towns
from geomap.incidents.triggers import Draft
from geomap.incidents.unlisted import (
    beside_unit,
    names_an_unknown_place,
    near_its_town,
    note_of,
    unknown_village,
    unlisted_scenes,
)
from geomap.place_roles import RoledMention

__all__ = ["Scene", "Setting", "locations"]


_ANAPHORA = {
    "admin1": re.compile(
        r"\b(?:one\s+of\s+(?:its|their|the)\s+(?:\w+\s+)?(?:regions|provinces|oblasts|states)|"
        r"the\s+(?:region|province|oblast|state|prefecture)|regional|provincial)\b",
        re.IGNORECASE,
    ),
    # (not "the town of Fo": a town named, which the gazetteer lacks)
    "city": re.compile(r"\b(?:the|that)\s+(?:city|town|village|port)\b(?!\s+of\s+(?-i:[A-Z]))",
                       re.IGNORECASE),
}


def locations(draft: Draft, setting: Setting) -> list[Scene]:
    """One scene per distinct place the incident happened at, or [no scene]; and for a
    disaster, the other countries the story gives a toll of their own ("72 died in West
    Bengal state, India, and 10 in neighboring Bangladesh": Bangladesh's own incident)."""
    if draft.nationwide and (country := nationwide_scene(draft, setting)) is not None:
        return [country]  # "a nationwide curfew": the country, wherever the unrest was
    located = _located(draft, setting)
    if not has_flag(draft.event_type, "wide"):
        return located
    countries = {s.place.entry.country_code for s in located
                 if isinstance(s.place, RoledMention)}  # fmt: skip
    abroad = [Scene(r, geo_precision(r.entry)) for r in _tolls_abroad(draft, setting)
              if r.entry.country_code not in countries]  # fmt: skip
    return [*located, *abroad] if countries and abroad else located


_TOLL_AT = re.compile(
    r"\s+(?:people\s+|others?\s+|more\s+)?(?:(?:died|were\s+killed|dead)\s+)?(?:in|at)\s+"
    r"(?:the\s+)?(?:(?:neighbou?ring|nearby|adjacent|adjoining)\s+)?$",
    re.IGNORECASE,
)
"""Between a toll and the place it was counted at: "10 in neighboring ", "two in "."""


def _tolls_abroad(draft: Draft, setting: Setting) -> list[RoledMention]:
    """The draft's country scenes that a death or injury figure is stated right before
    ("and 10 in neighboring Bangladesh"), one per country."""
    found: dict[str, RoledMention] = {}
    for r in draft.scenes:
        if r.entry.feature_type != "country" or r.entry.country_code in found:
            continue
        sentence = sentence_at(setting.sentences, r.mention.start)
        if sentence is None:
            continue
        base = sentence.span[0]
        if any(c.noun in ("dead", "injured") and 0 <= r.mention.start - c.end <= 40
               and _TOLL_AT.fullmatch(sentence.text, c.end - base, r.mention.start - base)
               for c in draft.counts):  # fmt: skip
            found[r.entry.country_code or ""] = r
    return list(found.values())


def _located(draft: Draft, setting: Setting) -> list[Scene]:
    sentences = setting.sentences
    if draft.kind == MEASURE and len(
            places := covered(draft.scenes)) > 1:
        return [Scene(p, geo_precision(p.entry)) for p in places]  # a curfew in A and B
    scenes = units_holding_towns(distinct(draft.scenes), draft, setting)
    if draft.kind in ONE_EVENT:
        scenes = scenes[:1]  # a quake is one incident, at the first place named for it
    elif draft.kind in LOCAL and not draft.several:
        # "The blaze broke out near A, spreading to villages like B and C": one fire,
        # where it was first placed
        scenes = scenes[:1]
    elif has_flag(draft.event_type, "wide") and any(spot(s) for s in scenes):
        scenes = [*scenes, *units_beside_towns(draft.scenes, scenes)]
    elif any(spot(s) for s in scenes):
        scenes = [*scenes, *units_listed_with_towns(draft.scenes, scenes)]
    offset = offset_scene(draft, scenes, setting)
    if offset is not None:
        return [offset]
    if (scenes and all(geo_precision(s.entry) >= 4 for s in scenes)
            and draft.kind != MEASURE):  # (a region's curfew: there)
        finer = _finer_scene(draft, scenes, setting)
        if finer is not None:
            unknown = unknown_village(draft, setting.sentences)
            if unknown is not None and finer.precision >= 3 and finer.note is None:
                finer = dataclasses.replace(finer, note=unknown)
            return [finer]
    if scenes:
        located = [part_scene_of(Scene(s, _precision(s, draft, setting)), setting) for s in scenes]
        if all(scene.precision >= 3 for scene in located):
            inside = [_in_the_finest_unit(r, scenes) for r in unlisted_scenes(
                draft, [s.entry for s in scenes], setting.unlisted, setting.sentences)]
            if len(inside) > 1:
                # "stormed Kudodo, Galapai and Dnalgwa communities": one record per
                # village, each at the known unit it lies in
                kind = next((r.mention.qualifier for r in inside if r.mention.qualifier), None)
                precisions = [_stand_in_precision(r, scenes, draft, setting) for r in inside]
                return [Scene(r, p, note=note_of(r, kind, p), unlisted=r.mention.name)
                        for r, p in zip(inside, precisions, strict=True)]  # fmt: skip
        unknown = unknown_village(draft, setting.sentences)
        if unknown is not None and all(scene.precision >= 3 for scene in located):
            located = [dataclasses.replace(s, note=unknown) for s in located]
        return near_its_town(located, draft, setting) if unknown is not None else located
    unlisted = unlisted_scenes(draft, (), setting.unlisted, setting.sentences,
                               listed_only=False)
    main = sentences[draft.sentence]
    direction = direction_alone(main.text)
    if unlisted and not (direction is not None and all(
            r.entry.id != unlisted[0].entry.id for r in main.roled)):
        # "attacked a military base in Ba'adweyne town" (unknown, in Mudug): the unit (not
        # one named before, when the sentence says which part of the country: "in the
        # town of Fo in the west")
        first = unlisted[0]
        return [beside_unit(first, setting)]
    for radius in draft.radii:
        owner = setting.radius_owner.get((radius.start, radius.end))
        if owner is not None and owner.entry.id in setting.scene_keys:
            return [Scene(owner, geo_precision(owner.entry, near=True),
                          note="the place the stated radius is drawn around")]  # fmt: skip
    for kind, pattern in _ANAPHORA.items():
        found_words = pattern.search(main.text)
        if found_words is None:
            continue
        nearby = (draft.sentence + 1, draft.sentence - 1, draft.sentence + 2)
        earlier = range(draft.sentence - 2, max(draft.sentence - 2 - LOOK_BACK, -1), -1)
        for index in (*nearby, *earlier):
            if not 0 <= index < len(sentences):
                continue
            found = [
                r for r in sentences[index].roled
                if r.entry.feature_type == kind and r.role == "location"
            ]  # fmt: skip
            if found:
                return [Scene(found[0], geo_precision(found[0].entry),
                              note=f"'{found_words.group(0)}', named nearby")]  # fmt: skip
    if draft.status == "background":
        return [NO_SCENE]  # history is placed only by its own words ("In 2003, ... Bam")
    if draft.sub_event_type == "Disrupted weapons use" and (
            defended := defended_country(main)) is not None:
        return [defended]  # "Israel's army intercepted a missile from Yemen": over Israel
    if direction is not None:
        # "44 civilians were killed in two villages in the northeast, near the Niger
        # border": that part of the country the report is about
        country = country_of_the_report(setting)
        if country is not None and isinstance(country.place, RoledMention):
            part = part_scene(country.place, direction)
            if part is not None:
                unknown = unknown_village(draft, sentences)  # "in the town of Fo in the west"
                return [part if unknown is None
                        else dataclasses.replace(part, note=f"{unknown}; {part.note}")]
    story = setting.extents.get(id(draft), range(0))
    if POINTS_BACK.search(main.text):
        # "residents of the territory protested ... in the area": a place told before,
        # not one a later sentence names for the story's other events
        story = range(0)
    if names_an_unknown_place(main):
        # "after a separate attack in Keng": a place the gazetteer lacks, so the unit the
        # story has named so far, not a town it names later for another reason
        story = range(0)
    for index in story:
        later = setting.sentences[index]
        found = distinct([r for r in later.roled if r.role == "location"])
        if found and index not in draft.sentences and not later.heading:
            if geo_precision(found[0].entry) >= 4:
                # "a fuel tanker exploded in Tanzania" ... "in Morogoro": the finer place
                finer = _finer_scene(draft, found[:1], setting)
                if finer is not None:
                    return [finer]
            return [Scene(found[0], geo_precision(found[0].entry),
                          note="named later in the report")]  # fmt: skip
    for index in range(draft.sentence - 1, max(draft.sentence - 1 - LOOK_BACK, -1), -1):
        earlier = sentences[index]
        found = distinct([r for r in earlier.roled if r.role == "location"])
        if found and not earlier.heading:
            # "wounded in another attack overnight", after shelling in Nikopol: not
            # Nikopol's incident, so the unit holding Nikopol
            others = setting.owners.get(found[0].entry.id, set()) - {id(draft)}
            if draft.another and spot(found[0]) and others and (
                    unit := unit_around(found[0], earlier.roled)) is not None:
                return [Scene(unit, geo_precision(unit.entry), note="another incident "
                              f"than {found[0].entry.name}'s, in the unit named before")]
            return [Scene(found[0], geo_precision(found[0].entry),
                          note="named in an earlier sentence")]  # fmt: skip
        if earlier.heading:
            if found:
                return [Scene(found[0], geo_precision(found[0].entry),
                              note="named in the section heading")]  # fmt: skip
            break
    country = None if has_flag(draft.event_type, "harmless") else country_of_the_report(setting)
    if country is None and draft.sub_event_type != "Agreement":
        # "Bengaluru, July 19 -- Five people ... have been arrested": a report that names
        # no place for its incident and no country is filed from near where it happened
        # (not an exchange of prisoners, agreed far from any newsroom)
        dateline = next((r for s in sentences[:2] for r in s.roled if r.role == "dateline"),
                        None)  # fmt: skip
        if dateline is not None:
            return [Scene(dateline, geo_precision(dateline.entry, near=True),
                          note="no place stated for it: the place the report is filed from")]
    return [country] if country is not None else [NO_SCENE]


def _in_the_finest_unit(stand_in: RoledMention, scenes: Sequence[RoledMention]) -> RoledMention:
    """A village no gazetteer knows, placed at the province its sentence names or the
    article is about, lies in the one finer unit of the incident inside it ("stormed four
    villages in Kanam area" ... "20 bodies in the village of Gyambau": Kanam, not
    Plateau State)."""
    finer = {s.entry.id: s for s in scenes
             if s.entry.feature_type in UNIT_TYPES and s.entry.id != stand_in.entry.id
             and contains(stand_in.entry, s.entry)
             and geo_precision(s.entry) < geo_precision(stand_in.entry)}  # fmt: skip
    if len(finer) != 1:
        return stand_in
    unit = next(iter(finer.values()))
    return dataclasses.replace(stand_in, entry=unit.entry, place_index=unit.place_index)


def _stand_in_precision(stand_in: RoledMention, scenes: Sequence[RoledMention], draft: Draft,
                        setting: Setting) -> int:
    """UCDP precision of a village no gazetteer knows, placed at the unit it lies in: a
    town's point is where the village is near (2), or the unit around it (3) when the
    story names the town so ("in Bokkos local government area")."""
    precision = geo_precision(stand_in.entry)
    if not spot(stand_in):
        return precision
    as_unit = any(s.entry.id == stand_in.entry.id and named_as_unit(s, draft, setting)
                  for s in scenes)  # fmt: skip
    return 3 if as_unit else max(precision, 2)


_AT_SEA_BEFORE = re.compile(
    r"\b(?:off(?:\s+the)?(?:\s+(?:\w+\s+)?coast(?:line)?\s+of)?|in\s+the\s+waters\s+off)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""Where a wreck lies off a place: at sea (UCDP 7), not in it."""
_AREA_AFTER = re.compile(r"\s+(?:area|region|outskirts|vicinity|surroundings)\b", re.IGNORECASE)


def _precision(scene: RoledMention, draft: Draft, setting: Setting) -> int:
    """UCDP precision of a scene the story names: 2 when any sentence of the story puts
    the incident near it ("on the outskirts of the city of Manbij", "in Gagaran area"),
    3 when it is named as the unit around a town ("Quetame municipality")."""
    precision = geo_precision(scene.entry, near=scene.near)
    sentence = sentence_at(setting.sentences, scene.mention.start) or setting.sentences[-1]
    before = sentence.text[: scene.mention.start - sentence.span[0]][-40:]
    if _AT_SEA_BEFORE.search(before):
        return 7  # "capsized off the coast of Libya": at sea, off that place
    if precision != 1:
        return precision
    if named_as_unit(scene, draft, setting):
        return 3
    story = set(draft.sentences) | set(setting.extents.get(id(draft), range(0)))
    for index in story:
        sentence = setting.sentences[index]
        for other in sentence.roled:
            if other.entry.id != scene.entry.id:
                continue
            after = sentence.text[other.mention.end - sentence.span[0] :][:30]
            if other.near or _AREA_AFTER.match(after):
                return 2
    return precision


def _finer_scene(draft: Draft, scenes: Sequence[RoledMention], setting: Setting) -> Scene | None:
    """The story's dateline, when it lies inside the incident's province or country and
    is not its capital; else a town or site there that the sentences telling the story
    name ("derailed in northern India" ... "the coaches near Pukhrayan")."""
    dateline = _dateline_scene(draft, scenes, setting)
    if dateline is not None:
        return dateline
    best: Scene | None = None
    within = list(scenes)
    for index in setting.extents.get(id(draft), range(0)):
        sentence = setting.sentences[index]
        if sentence.heading or (index not in draft.sentences and FORECAST.search(sentence.text)):
            continue  # (not a town the weather to come may reach)
        quiet = has_flag(draft.event_type, "wide") and not sentence.counts
        inside = [
            r for r in sentence.roled
            if r.role == "location" and any(
                contains(s.entry, r.entry)
                and (spot(r) or geo_precision(r.entry) < geo_precision(s.entry))
                for s in within)
            # (a town another incident happened at is its; a province may hold two
            # attacks, but a disaster's toll by province is each province's, and a
            # measure over a country is not one of its provinces')
            # (not the capital a storm's story names unharmed: "The capital, Taipei,
            # was unusually quiet")
            and not (quiet and (r.entry.feature_code or "").startswith("PPLC"))
            and ((not spot(r) and not has_flag(draft.event_type, "wide")
                  and not has_flag(draft.event_type, "harmless"))
                 or not setting.owners.get(r.entry.id, set()) - {id(draft)})
        ]  # fmt: skip
        if inside:
            # "the fires in the Valparaíso region" ... "around the city of Viña del Mar":
            # each finer place the story names inside the last one refines it.
            found = min(inside, key=rank)
            note = None if index in draft.sentences else "named later in the report"
            best = Scene(found, _precision(found, draft, setting), note=note)
            if spot(found):
                break
            within = [found]
    return best


_FROM_HERE = re.compile(r"\b(?:km|kms|kilomet(?:er|re)s?|miles)\s+(?:away\s+)?from\s+here\b",
                        re.IGNORECASE)  # fmt: skip


_DATELINE_NEWS = 4
"""How many sentences after its dateline an incident its sentence dates with a year may
start and still be the news the reporter filed from there."""
_A_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")


def _dateline_scene(
    draft: Draft, scenes: Sequence[RoledMention], setting: Setting
) -> Scene | None:
    """The story's dateline as its scene: reporters file from the scene ("ACAPULCO,
    Mexico —" over a hurricane on Mexico's coast), but also from capitals far from it
    ("CAIRO —" over Sudan): only a dateline that is not a capital and lies inside the
    incident's province or country counts."""
    if unknown_village(draft, setting.sentences) is not None:
        return None  # "in Rohtrung village": a village the gazetteer lacks, not the town
    story = setting.sentences[: max(setting.extents.get(id(draft), range(1)).stop, 1)]
    if any(_FROM_HERE.search(sentence.text) for sentence in story):
        return None  # "..., 250 km from here": the scene is far from where it was filed
    own = setting.sentences[draft.sentence] if draft.sentence < len(setting.sentences) else None
    yeared = own is not None and any(_A_YEAR.search(d.text) for d in own.dates)
    for sentence in story:
        if sentence.datelined and yeared and draft.sentence - sentence.index > _DATELINE_NEWS:
            # "On December 2, 2018, rebels killed 31 workers", told paragraphs after the
            # dateline: the dateline files today's news, not the history a story recalls
            return None
        for r in sentence.datelined:
            if (r.entry.feature_code or "").startswith("PPLC") or not spot(r):
                continue
            if any(contains(s.entry, r.entry) for s in scenes):
                precision = _precision(r, draft, setting)
                if r.entry.id not in setting.scene_keys:
                    # The story never says it happened there: filed from the town,
                    # about its surroundings ("KADUNA — ... in Kaduna state").
                    precision = max(precision, 2)
                return Scene(r, precision, note="the report's dateline")
    return None


