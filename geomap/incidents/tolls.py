"""Bare tolls: a sentence with casualties and no event word ("Two people were killed in
X.") adds them to the latest incident, or is a record of its kind where they were, one
event per place and day; each count once."""

from __future__ import annotations

import datetime as dt
import re

from geomap.event_types import ONE_EVENT, has_flag
from geomap.incidents.dates import dates_in, is_background
from geomap.incidents.figures import same_people
from geomap.incidents.ground import contains, countries_of, distinct, has_town, nearby, same_ground
from geomap.incidents.happened import tally_over_months
from geomap.incidents.merge import Drafts, returned_to
from geomap.incidents.records import CASUALTIES, STRUCTURES
from geomap.incidents.sentences import LOOK_BACK, Sentence
from geomap.incidents.told_before import aside_told_on
from geomap.incidents.toll_places import (
    counted_a_day_before,
    is_town_by_town,
    listed_units,
    placed_tolls,
    with_listed,
)
from geomap.incidents.triggers import (
    TOWN_TYPES,
    Draft,
    informativeness,
    separate,
    unreferenced,
)
from geomap.place_roles import RoledMention
from geomap.role_words import HOME_BEFORE

__all__ = ["casualties"]


_GOES_ON = re.compile(r"(?:Additionally|In\s+addition|Also|Moreover|Furthermore)\b,?",
                      re.IGNORECASE)  # fmt: skip


def casualties(
    drafts: Drafts, sentence: Sentence, published: dt.date | None,
    previous: Sentence | None = None,
) -> None:
    """A sentence with a toll and no event word ("Two people were killed in X.") reports
    casualties of the latest incident: in the same country it adds to that incident,
    elsewhere it is a record of the same kind at its own place. Each count once.

    Not when it counts over months or many events, or goes on with the ``previous``
    sentence's statistics ("82 militant attacks took place in July ...  Additionally,
    199 people were injured").  A toll that names no place, after a sentence that went
    back to an earlier incident's scene, is that incident's."""
    counts = unreferenced(sentence, list(sentence.counts))
    tolls = [c for c in counts if c.noun in CASUALTIES]
    if not counts and _DEATHS_REPORTED.search(sentence.text):
        _deaths_reported(drafts, sentence, published)
        return
    if tally_over_months(sentence.text) or (
            _GOES_ON.match(sentence.text) and previous is not None
            and tally_over_months(previous.text)):
        return
    if not tolls:
        _people_affected(drafts, sentence, counts, published)
        return
    harmful = [d for d in drafts.recent(sentence.index - LOOK_BACK)
               if not has_flag(d.event_type, "harmless")]  # fmt: skip
    # "In addition to the 12 wounded by gunfire, two others ...": a sentence restating a
    # toll of an incident is about it, however far down the story it comes.
    # (not a part of a breakdown that happens to equal a toll: "a further three deaths in
    # A, two in B, one in C" restates no incident's one dead)
    restated = [d for d in drafts.all if d.status == "new" and not d.weak and any(
        c.noun == t.noun and c.value == t.value for c in d.counts for t in tolls
        if not t.more)]  # fmt: skip
    # "..., referring to a shooting on Monday in which a gunman killed five": the story
    # goes on about its own incident, not the one it named in passing
    harmful = [d for d in harmful if not d.aside] or ([] if restated else harmful)
    if (aside := aside_told_on(drafts, sentence)) is not None:
        harmful, restated = [aside], []  # "The operation ... killed 45": the raid's
    if not harmful and not restated and (any(t.update for t in tolls) or not any(
            r.role == "location" for r in sentence.roled)):
        # "Some 45 are now confirmed dead", paragraphs after the capsizing: a changed toll
        # is the story's one incident's, however far down it comes; so is a toll that names
        # no place, in a story of one kind of incident ("Two firefighters reported minor
        # injuries", the last line of a report of a fire): its latest
        told = [d for d in drafts.all if d.status == "new" and not d.weak
                and not has_flag(d.event_type, "harmless")]  # fmt: skip
        one_kind = len({d.kind for d in told}) == 1
        restated = told if len(told) == 1 or (one_kind and not any(
            t.update for t in tolls)) else []
    if not harmful and not restated:
        return
    latest = max(harmful or restated, key=lambda d: d.sentences[-1])
    whole = [d for d in restated if len(tolls) > 1 and all(
        any(c.noun == t.noun and c.value == t.value for c in d.counts) for t in tolls)]
    if whole:
        # "Two bodies have been recovered, but 20 people are missing", after a lede of two
        # killed and 20 missing told place by place: every figure restated is the lede's
        latest = max(whole, key=lambda d: d.sentences[-1])
    if (back := returned_to(drafts, latest, sentence, previous)) is not None:
        latest = back
        restated.append(back)  # however far back the story told it
    if latest.status != "new":
        # "... where a 7.7 quake struck in 1935" then "300 people were injured on
        # Thursday": a toll dated to the day of the report's incident is that incident's.
        days = {d.date for d in sentence.dates}
        same_day = [d for d in harmful if d.status == "new" and d.first in days]
        latest = max(same_day, key=lambda d: d.sentences[-1]) if same_day else latest
    if (
        latest.weak
        or latest.status != "new"
        or (sentence.index - latest.sentences[-1] > LOOK_BACK and latest not in restated)
        or is_background(sentence.text, *sentence.span, sentence, published)
    ):
        return
    # "Police say Tom Roe, 25, of Millbrook, had a gunshot wound": a victim's home town is
    # not where the toll was taken
    named = [r for r in sentence.roled if r.role == "location" and not _home_of(r, sentence)]
    scenes = distinct(named)
    if separate(sentence) or (scenes and latest.several and not any(
            s.entry.id == t.entry.id for s in scenes for t in latest.scenes)):
        # "In a separate incident, two policemen were killed ... in Peshawar"; "15 were
        # killed at Bourasso", after a total over "two separate attacks": its own incident
        # ("In response, youths killed three in a village" no gazetteer knows: there)
        _record_elsewhere(drafts, latest, sentence, scenes, counts, published)
        return
    countries = countries_of(latest.scenes)
    if scenes and len(countries) > 1 and (latest.aggregate or _another_country(named, latest)):
        # "Monsoon floods across India and Nepal killed more than 90" ... "In Nepal,
        # landslides claimed 30 lives in Pokhara": a tally over countries that the report
        # then tells country by country; each part is an incident of its own
        if not _each_unit(drafts, latest, sentence, named, counts, published):
            _record_elsewhere(drafts, latest, sentence, scenes, list(counts), published)
        return
    elsewhere = bool(scenes and countries) and not any(
        s.entry.country_code in countries for s in named
    )
    if latest.scenes and not countries:
        # An incident over a region of several countries ("the storm's second punch to
        # south-eastern Africa"): a toll a country gives is that country's incident,
        # even where the sentence names it only as the one reporting it ("Malawi's
        # government said ...").
        reporting = [r for r in sentence.roled if r.role == "context"
                     and r.entry.feature_type == "country"]  # fmt: skip
        by_country = [s for s in scenes if s.entry.country_code] or reporting
        if by_country:
            elsewhere, scenes = True, by_country
    # "Seven people died ... in Masinga": a toll stated with a town of its own, away from
    # the incident's scenes, is that town's incident (one event per place and day); in
    # "one victim died in Peru, while 14 others died in Ecuador", each toll goes to its own.
    placed = placed_tolls(tolls, named, sentence)
    where = distinct(latest.scenes)  # "Herat in Afghanistan": Herat, not all the country
    # a toll a sentence gives for a province or town of a country-wide incident ("Eight
    # died in Takhar and five in Badakhshan", after floods across Afghanistan) is that
    # place's incident (one event per place); inside a province or town, it is more of it
    # (unless the sentence counts town by town, "31 died in Wajima, 22 in Suzu, five in
    # Nanao": a breakdown, each town its own record, one event per place)
    town_by_town = is_town_by_town(placed, where)
    away = {id(t): p for t, p in placed if where and (town_by_town or not any(
        contains(p.entry, s.entry) or (s.entry.feature_type != "country" and (
            nearby(p.entry, s.entry) or contains(s.entry, p.entry)))
        for s in where))}  # fmt: skip
    by_place: dict[str, tuple[object, list]] = {}
    for toll, place in placed:
        if id(toll) in away:
            by_place.setdefault(place.entry.id, (place, []))[1].append(toll)
    if away and (len(away) < len(tolls) or len(by_place) > 1):
        others = [c for c in counts if c.noun not in CASUALTIES]
        for place, its_tolls in by_place.values():
            if len(away) == len(tolls):
                its_tolls, others = its_tolls + others, []  # the first also has the rest
            _record_elsewhere(drafts, latest, sentence, [place], its_tolls, published)
        if len(away) == len(tolls):
            return
        here = [c for c in counts if id(c) not in away]
        taken = {id(p) for p in away.values()}
        rest = distinct([r for r in sentence.roled if r.role == "location" and id(r) not in taken
                         and r.entry.id not in {p.entry.id for p in away.values()}])  # fmt: skip
        if elsewhere and rest:
            # "In Pakistan, 28 were killed in the tribal areas, and three more in
            # Gilgit-Baltistan": the toll without a place of its own is Pakistan's.
            _record_elsewhere(drafts, latest, sentence, rest, here, published)
            return
        _adds_to(latest, drafts, sentence, here)
        return
    if away:
        elsewhere = True
        scenes = with_listed(list({id(p): p for p in away.values()}.values()), named,
                              sentence)
        if _each_unit(drafts, latest, sentence, scenes, counts, published):
            return
    elif not elsewhere and where and len(scenes) == 1 and (has_town(scenes) or (
            sentence.dates and latest.first is not None
            and all(d.date != latest.first for d in sentence.dates))):
        # "a 69-year-old woman was killed ... in the town of Kostyantynivka", in a report
        # of shelling in Kherson: the one town a toll's sentence names, far from the
        # incident's places, is where those victims were (one event per place); so is a
        # province on another day ("On Monday, a mud flow in Yunnan Province left 11 ...")
        town = scenes[0]
        elsewhere = not any(nearby(town.entry, s.entry) or contains(s.entry, town.entry)
                            or contains(town.entry, s.entry) for s in where)  # fmt: skip
        if latest.town_toll and town.entry.feature_type in TOWN_TYPES:
            # "Four children died in Francisco Morato. Four other people died in Franco da
            # Rocha": a report counting town by town gives the next town its own record,
            # however near (one event per place)
            elsewhere = not any(same_ground(town.entry, s.entry) for s in where)
    if not elsewhere and not scenes and counted_a_day_before(latest, sentence):
        # "Russian strikes damaged a hangar in Kharkiv early Wednesday. On Tuesday, three
        # people were killed there": the day before at that place is another event
        elsewhere, scenes = True, distinct(latest.scenes)
    if not elsewhere:
        _adds_to(latest, drafts, sentence, counts)
        return
    _record_elsewhere(drafts, latest, sentence, scenes, list(counts), published)



def _home_of(place: RoledMention, sentence: Sentence) -> bool:
    """Whether the sentence names ``place`` only as the home of a person it names
    (:data:`~geomap.role_words.HOME_BEFORE`)."""
    start = place.mention.start - sentence.span[0]
    return HOME_BEFORE.search(sentence.text, max(0, start - 80), start) is not None


def _each_unit(drafts: Drafts, latest: Draft, sentence: Sentence, named: list, counts: list,
               published: dt.date | None) -> bool:
    """A record per unit a toll is counted over (:func:`listed_units`), the toll carried
    once, by the first; whether the sentence was read so.  Not a quake's: one incident
    per country it killed in, however many provinces."""
    if latest.kind in ONE_EVENT:
        return False
    units = listed_units(named, sentence)
    for rank, unit in enumerate(units):
        _record_elsewhere(drafts, latest, sentence, [unit], list(counts) if rank == 0 else [],
                          published)
    return bool(units)


_OVER_A_COUNTRY = re.compile(
    r"\b(?:across|throughout|all\s+over)\s+the\s+(?:country|nation|region|state|province)\b|"
    r"\b(?:nationwide|countrywide|in\s+total|in\s+all)\b",
    re.IGNORECASE,
)
""""Across the country, nearly 59,000 people have been affected": a total over a country
or a region, not the people of the incident told at one of its towns."""
_STATUS = frozenset({"displaced", "evacuated", "rescued", "affected"})
"""What befell people an incident did not kill or wound: its people affected."""
_HARMED_AFTER = re.compile(
    r"\s+(?:were|was|have\s+been|had\s+been|are|got)\s+(?:\w+ly\s+|also\s+)?(?:destroyed|"
    r"damaged|buried|swept\s+away|washed\s+away|flattened|razed|gutted|burned|burnt|"
    r"submerged|flooded|collapsed|demolished|levelled|leveled)\b",
    re.IGNORECASE,
)
""""where 20 homes were buried": buildings the sentence says were harmed, not a village's
size."""


def _another_country(scenes: list, latest: Draft) -> bool:
    """"a magnitude 6.5 earthquake that hit Afghanistan and northern Pakistan" ... "At
    least nine people were killed and 44 injured in northwest Pakistan": a toll placed
    in the second country an event spanning two struck is that country's incident (the
    annotation guide: a toll given for another country); the first country named keeps
    the event's own record."""
    first = min(latest.scenes, key=lambda r: r.mention.start).entry.country_code
    named = countries_of(scenes)
    return len(named) == 1 and first not in named


def _people_affected(
    drafts: Drafts, sentence: Sentence, counts: list, published: dt.date | None
) -> None:
    """"Dozens of people were forced to take refuge on the campus", after fighting in
    Tripoli: people displaced, evacuated or rescued (or buildings harmed: "where 20 homes
    were buried") in a sentence with no event word of its own are the latest harmful
    incident's, where the sentence names no place away
    from it; they never make a record of their own."""
    affected = [c for c in counts if c.noun in _STATUS or (
        c.noun in STRUCTURES and _HARMED_AFTER.match(sentence.text, c.end - sentence.span[0]))]
    if (not affected or _OVER_A_COUNTRY.search(sentence.text)
            or is_background(sentence.text, *sentence.span, sentence, published)):
        return
    harmful = [d for d in drafts.recent(sentence.index - LOOK_BACK) if d.status == "new"
               and not d.weak and not d.aside and not has_flag(d.event_type, "harmless")]
    if not harmful:
        return
    latest = same_people(harmful, affected) or max(harmful, key=lambda d: d.sentences[-1])
    where = distinct(latest.scenes)
    named = distinct([r for r in sentence.roled if r.role == "location"])
    if all(any(nearby(p.entry, s.entry) or contains(s.entry, p.entry)
               or contains(p.entry, s.entry) for s in where) for p in named):
        _adds_to(latest, drafts, sentence, affected)


def _adds_to(draft: Draft, drafts: Drafts, sentence: Sentence, counts: list) -> None:
    """The sentence tells more of ``draft``: its figures join the draft's, and the day
    it gives its toll dates a draft nothing dated yet ("The downpours, which began on
    Friday, killed at least 11 people on Sunday": Sunday)."""
    draft.sentences.append(sentence.index)
    draft.counts.extend(counts)
    drafts.touched(draft, sentence.index)
    if not draft.scenes:
        # "Cyclone Amphan made landfall on Wednesday. At least 72 people died in West
        # Bengal": an incident told nowhere is where its toll is counted
        draft.scenes = [r for r in sentence.roled if r.role == "location"]
        draft.roled.extend(sentence.roled)
    if draft.dated or draft.status != "new":
        return
    tolls = [c for c in counts if c.noun in CASUALTIES]
    base = sentence.span[0]
    day = next((d for c in tolls for d in sentence.dates if 0 <= d.start - c.end <= _TOLD_NEAR
                and not _BY.search(sentence.text, c.end - base, d.start - base)),
               None)  # fmt: skip
    if day is None and len(sentence.dates) == 1 and tolls and not _BY.search(
            sentence.text, 0, sentence.dates[0].start - base):
        day = sentence.dates[0]
    if day is not None:
        draft.first = draft.last = day.date
        draft.dated = True


_BY = re.compile(r"\b(?:by|until|as\s+of)\b", re.IGNORECASE)
"""'"14 bodies have been found" by lunchtime on Tuesday': when a count stood, not when
its victims died."""
_TOLD_NEAR = 60
"""How far after a toll's figure the day it gives may stand ("killed 11 people on
Sunday")."""


_DEATHS_REPORTED = re.compile(
    r"\b(?:deaths|fatalities|casualties|victims|killings)\s+(?:also\s+)?(?:were|have\s+been|"
    r"had\s+been)\s+(?:also\s+)?reported\s+(?:also\s+)?(?:in|at)\b",
    re.IGNORECASE,
)
""""Deaths also were reported in Ribeirao Preto and Jau", "More killings were reported in
the villages of Dungur and Kukawa": more places of the story's incident with dead of their
own and no figure."""


def _deaths_reported(drafts: Drafts, sentence: Sentence, published: dt.date | None) -> None:
    """Each place a sentence reports deaths at with no figure, away from the latest
    incident's places, is a record of that incident's kind (one event per place), with no
    toll: the figure is not told."""
    harmful = [d for d in drafts.recent(sentence.index - LOOK_BACK)
               if d.status == "new" and not d.weak and not d.aside
               and not has_flag(d.event_type, "harmless")]  # fmt: skip
    if not harmful:
        return
    latest = max(harmful, key=lambda d: d.sentences[-1])
    where = distinct(latest.scenes)
    named = distinct([r for r in sentence.roled if r.role == "location"])
    if not named:
        # villages no gazetteer knows: places of the incident itself (its stand-ins)
        latest.sentences.append(sentence.index)
        return
    for place in named:
        if place.entry.feature_type != "country" and not any(
                nearby(place.entry, s.entry) or contains(s.entry, place.entry) for s in where):
            _record_elsewhere(drafts, latest, sentence, [place], [], published)


def _record_elsewhere(
    drafts: Drafts,
    latest: Draft,
    sentence: Sentence,
    scenes: list,
    counts: list,
    published: dt.date | None,
) -> None:
    """A record of the latest incident's kind at ``scenes``, carrying ``counts``; the one
    such record already at those places takes them instead ("At least 51 people were
    killed in Pakistan", then "In Pakistan, 28 people have been killed in the tribal areas,
    another 20 in the north-west": one place, one event)."""
    if _restated_finer(drafts, latest, sentence, scenes, counts):
        return
    first, last = dates_in(sentence, sentence.dates, sentence.periods, published)
    ids = {s.entry.id for s in distinct(scenes)}
    for draft in reversed(drafts.all):
        if (draft is not latest and draft.family == latest.family and draft.status == "new"
                and {s.entry.id for s in distinct(draft.scenes)} == ids
                and (first is None or draft.first is None or draft.first <= first <= (
                    draft.last or draft.first))):
            _adds_to(draft, drafts, sentence, counts)
            return
    drafts.add(
        Draft(
            event_type=latest.event_type,
            sub_event_type=latest.sub_event_type,
            status="new",
            weak=False,
            sentence=sentence.index,
            sentences=[sentence.index],
            first=first if first is not None else latest.first,
            last=last if first is not None else latest.last,
            dated=first is not None,
            scenes=list(scenes),
            roled=list(sentence.roled),
            counts=list(counts),
            radii=list(sentence.radii),
            score=informativeness(sentence),
            location_note="casualties of the incident the article reports before",
            town_toll=has_town(scenes),
        )
    )


def _restated_finer(
    drafts: Drafts, latest: Draft, sentence: Sentence, scenes: list, counts: list
) -> bool:
    """"One of the victims died in Peru" ... "a 4-year-old girl died ... in the Tumbes
    region": the same toll again, at a place inside the province or country an earlier
    record of the kind has, is that record's victims told more exactly — it moves there."""
    tolls = {(c.noun, c.value) for c in counts if c.noun in CASUALTIES}
    if not tolls:
        return False
    for draft in reversed(drafts.all):
        where = distinct(draft.scenes)
        if (
            draft is latest
            or draft.family != latest.family
            or draft.status != "new"
            or not where
            or any(s.entry.feature_type not in _WIDE_TYPES for s in where)
        ):
            continue
        inside = all(any(contains(w.entry, s.entry) and w.entry.id != s.entry.id for w in where)
                     for s in scenes)  # fmt: skip
        if inside and tolls <= {(c.noun, c.value) for c in draft.counts}:
            draft.scenes = list(scenes) + list(draft.scenes)
            draft.sentences.append(sentence.index)
            drafts.touched(draft, sentence.index)
            return True
    return False


_WIDE_TYPES = frozenset({"country", "admin1"})
