"""What a sentence reports: its main clause typed by the event-type table's cues
(:mod:`geomap.event_types`), unless it is negated, hypothetical or future; the incident
draft that sentence opens (:class:`geomap.incidents.draft.Draft`, re-exported here)."""

from __future__ import annotations

import datetime as dt
import itertools
import re

from geomap.event_types import (
    CONSEQUENCES,
    TypeHit,
    classify,
    has_flag,
)
from geomap.incidents.dates import (
    TOLL_ROSE_ON,
    is_background,
    is_future,
    participle_dates,
    sentence_dates,
)
from geomap.incidents.draft import Draft
from geomap.incidents.ground import UNIT_TYPES
from geomap.incidents.happened import attacks_since, happened, tally_over_months
from geomap.incidents.references import (
    ANOTHER_PLACE,
    ATTRIBUTION,
    FOLLOWED_BY,
    FRONTED_CAUSE,
    OTHER_EARLIER,
    REFERENCE_SINCE,
    SEPARATE,
    SEVERAL_EVENTS,
    days_before,
    earlier_at_same_place,
    toll_of_another,
    without_references,
)
from geomap.incidents.sentences import Sentence, clauses
from geomap.incidents.surnames import without_people
from geomap.place_roles import RoledMention
from geomap.records import Count

__all__ = ["EARLIER_FRAME", "TOWN_TYPES", "Draft", "clause_draft", "draft_of",
           "informativeness", "separate", "unreferenced"]

_DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that)\s+$", re.IGNORECASE)
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an|another)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_ANOTHER_EVENT = re.compile(
    r"\b(?:another|a\s+(?:second|third|fourth|further|separate|previous|similar)|an\s+earlier)"
    r"\b,?\s+"
    r"(?:[\w-]+,?\s+){0,2}$",
    re.IGNORECASE,
)
_IN_ANOTHER_EVENT = re.compile(
    r"\b(?:in|during)\s+(?:a\s+(?:separate|second|third|further)|another|an\s+unrelated)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:attacks?|incidents?|strikes?|raids?|ambush(?:es)?|assaults?|"
    r"explosions?|blasts?|bombings?|clash(?:es)?|shootings?)\b",
    re.IGNORECASE,
)
""""two soldiers were also killed in a separate attack": the clause's verb is the toll's,
and the words after it say the toll is another event's."""
EARLIER_FRAME = re.compile(
    r"\W*(?:last\s+(?:week|month)|earlier\s+(?:this|last)\s+(?:week|month)|"
    r"the\s+(?:previous|prior)\s+(?:week|month))\b",
    re.IGNORECASE,
)
""""Last week, 44 civilians were reported killed in two villages": an earlier event with
a toll of its own, not more of the story's."""
_ORDINAL_BEFORE = re.compile(
    r"\b(?:the|a)\s+(?:first|second|third|fourth|fifth)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
"""An ordinal before the word that types the event: one of a series told one by one."""
_CAUSE_AFTER = re.compile(r"\W*(?:after|when|as)\b", re.IGNORECASE)
"""The words that open a clause telling what caused the one before it."""
_WILL = re.compile(r"\b(?:will|shall|(?:is|are|was|were)\s+(?:expected|forecast|due|set|"
                   r"scheduled)\s+to)\b", re.IGNORECASE)  # fmt: skip


def _future_of(clause: str, hit: TypeHit) -> bool:
    """Whether the clause tells its event as to come: "will" or "is expected to" before
    the cue or as its own verb ("Cyclone Chido will make landfall"), not in a later part
    ("... battered the territory, with officials warning it will take days to know the
    full toll")."""
    for will in _WILL.finditer(clause):
        if will.start() < hit.start or "," not in clause[hit.end : will.start()]:
            return True
    return False


def draft_of(sentence: Sentence, published: dt.date | None) -> Draft | None:
    """The incident one sentence states, typed by its main clause, or None."""
    masked = without_people(without_references(sentence.text), sentence.people)
    masked = ATTRIBUTION.sub(lambda m: " " * len(m.group(0)), masked)
    fronted = FRONTED_CAUSE.match(masked)
    if fronted is not None and happened(masked[fronted.end() :], masked) is not None:
        masked = " " * fronted.end() + masked[fronted.end() :]
    base = sentence.span[0]
    referenced = [(base + m.start(), base + m.end())
                  for m in REFERENCE_SINCE.finditer(sentence.text)]  # fmt: skip
    same_place = earlier_at_same_place(masked)
    earlier = OTHER_EARLIER.search(masked) or same_place
    if earlier is not None:
        # "The strike came only days after the RSF struck a mosque in the city, killing
        # 70": the sentence tells another, earlier incident; its own is only named.
        found = happened(masked[earlier.end() :], masked)
        if found is not None:
            hit, begin = found
            start = earlier.end() + begin
            draft = clause_draft(sentence, masked, (start, len(masked)), hit, False, published,
                           referenced, other=True)  # fmt: skip
            draft.same_place = same_place is not None and earlier is same_place
            draft.days_before = days_before(earlier.group(0))
            return draft
    followed = FOLLOWED_BY.search(masked)
    before = classify(masked[: followed.start()], sentence=masked) if followed else None
    if followed is not None and before is not None:
        # "the shelling was followed by airstrikes that hit areas west of Idlib city": the
        # sentence tells a later event of its own (not "It was followed by aftershocks")
        found = happened(masked[followed.end() :], masked)
        if found is not None and not found[0].weak and (
                found[0].sub_event_type != before.sub_event_type):
            hit, begin = found
            start = followed.end() + begin
            draft = clause_draft(sentence, masked, (start, len(masked)), hit, False, published,
                           referenced)  # fmt: skip
            draft.separate = True
            return draft
    chosen: tuple[int, int, object, bool, int] | None = None
    background_hit = None
    weak_hit = None
    for start, end in clauses(sentence):
        opened = start
        if is_future(sentence, base + start, base + end, published):
            continue
        found = happened(masked[start:end], masked, sentence.text[start:end])
        if found is None or _future_of(masked[start:end], found[0]):
            continue
        hit, begin = found
        cue_at = start + hit.start
        start += begin
        clause = masked[start:end]
        past = is_background(clause, base + start, base + end, sentence, published)
        if hit.weak:
            weak_hit = weak_hit or (start, end, hit, past, cue_at)
        elif past:
            background_hit = background_hit or (start, end, hit, past, cue_at)
        elif chosen is not None:
            if not has_flag(hit.event_type, "harmless") and _CAUSE_AFTER.match(
                    masked, opened):
                # "80 residents were evacuated after a Russian drone hit a fuel depot": the
                # evacuation is the consequence, the strike the incident
                chosen = (start, end, hit, past, cue_at)
            break
        else:
            chosen = (start, end, hit, past, cue_at)
            if hit.kind not in CONSEQUENCES:
                break
    chosen = chosen or background_hit or weak_hit
    if chosen is None:
        return None
    start, end, hit, past, cue_at = chosen
    draft = clause_draft(sentence, masked, (start, end), hit, past, published, referenced)
    draft.indefinite = _INDEFINITE_BEFORE.search(masked, max(0, cue_at - 12), cue_at) is not None
    draft.definite = _DEFINITE_BEFORE.search(masked, max(0, cue_at - 12), cue_at) is not None
    if _ANOTHER_EVENT.search(masked, max(0, cue_at - 40), cue_at) is not None or (
            _IN_ANOTHER_EVENT.search(masked, cue_at, end) is not None) or (
            EARLIER_FRAME.match(masked) and any(c.noun == "dead" for c in draft.counts)):
        # "another attack in the same region on Monday", "another, smaller-scale attack
        # had taken place in Gayeri": the report says it is not the incident before.
        draft.another = True
    cue = masked[cue_at : cue_at + hit.end - hit.start]
    draft.cue, draft.clause = cue.lower(), masked[start:end].lower()
    draft.several = SEVERAL_EVENTS.search(masked) is not None or (
        # "Russian attacks on Kharkiv, Dnipro and Odesa killed two": a toll of plural
        # events at several towns
        cue.lower().endswith("s") and any(c.noun in ("dead", "injured") for c in draft.counts)
        and len({s.entry.id for s in draft.scenes if s.entry.feature_type in TOWN_TYPES}) > 1
        and not _toll_per_town(sentence, draft))
    if draft.weak and (not cue.lower().endswith("s") or (draft.dated and draft.scenes)) and (
            _armed_by_a_state(sentence, cue_at)):
        # "an Israeli strike", "a Russian attack": a military one; so are "Russian strikes"
        # on a day at a place ("In the region of Kharkiv, Russian strikes damaged a hangar
        # early Wednesday")
        draft.weak = False
    draft.ordinal = _ORDINAL_BEFORE.search(masked, max(0, cue_at - 30), cue_at) is not None
    return draft


_PART_BREAK = re.compile(r";|,?\s+(?:and|while|whereas)\s+(?=\w+\s+(?:[\w-]+\s+){0,6}?"
                         r"(?:in|on|at)\b)|,\s+(?:and|while|but|whereas)\s", re.IGNORECASE)


def _toll_per_town(sentence: Sentence, draft: Draft) -> bool:
    """Whether the sentence gives each of its towns a toll of its own, part by part
    ("Airstrikes killed a medic in Borj Rahal, and strikes on Kfartebnit killed one medic
    and injured four"): strikes on two towns told one by one, not one toll over both."""
    base = sentence.span[0]
    cuts = [0, *(m.start() for m in _PART_BREAK.finditer(sentence.text)), len(sentence.text)]
    with_toll = 0
    for a, b in itertools.pairwise(cuts):
        towns = [r for r in draft.scenes if r.entry.feature_type in TOWN_TYPES
                 and a <= r.mention.start - base < b]  # fmt: skip
        tolls = [c for c in draft.counts if c.noun in ("dead", "injured")
                 and a <= c.start - base < b]  # fmt: skip
        if towns and not tolls:
            return False
        with_toll += bool(towns)
    return with_toll > 1


def _armed_by_a_state(sentence: Sentence, cue_at: int) -> bool:
    """Whether a country's adjective comes right before the cue ("an Israeli enemy
    strike", "a Russian drone attack"): then a weak word names a military attack."""
    base = sentence.span[0]
    for r in sentence.roled:
        if r.mention.demonym and r.entry.feature_type == "country":
            gap = sentence.text[r.mention.end - base : cue_at]
            if 0 <= len(gap) <= 16 and _STATE_GAP.fullmatch(gap):
                return True
    return False


_STATE_GAP = re.compile(r"[\s\"'\u201c\u201d\u2018\u2019]*(?:(?:enemy|army|military|air|drone|"
                        r"missile|artillery|forces?')\s+)?", re.IGNORECASE)  # fmt: skip


def clause_draft(
    sentence: Sentence,
    masked: str,
    main: tuple[int, int],
    hit: TypeHit,
    past: bool,
    published: dt.date | None,
    referenced: list[tuple[int, int]],
    *,
    other: bool = False,
) -> Draft:
    """The draft a sentence's ``main`` clause types; ``other``: the clause tells another
    incident than the story's ("... came days after gunmen attacked X"), a record of its
    own with only its part's places and counts."""
    start, end = main
    base = sentence.span[0]
    first, last = sentence_dates(sentence, masked, main, published)
    if first is None and not other:
        # "took control of Gezira after seizing the capital Wad Madani in December 2023":
        # the day of the act a participle tells is the day of the main clause's own act
        first, last, history = participle_dates(sentence, masked, main, published)
        past = past or history
    toll_day = first is not None and first == last and TOLL_ROSE_ON.search(
        masked, start, end) is not None
    counts = _own_counts(sentence, masked, past, published, hit)
    if other:
        counts = [c for c in counts if c.start >= base + start]
    # A continent ("south-eastern Africa") is no incident's scene, nor is the place of
    # the history a reference recalls ("since the 2005 earthquake killed 73,000 in Pakistan").
    scenes = [r for r in sentence.roled if r.role == "location"
              and (r.entry.country_code or r.entry.feature_type != "region")
              and not any(a <= r.mention.start < b for a, b in referenced)]  # fmt: skip
    in_main = [r for r in scenes if base + start <= r.mention.start < base + end]
    where = None if other else _where_the_toll_is(sentence, scenes, counts)
    # "... across the island of Taiwan, where it left three dead": there
    scenes = [where] if where is not None else _one_country(in_main if in_main or other
                                                            else scenes)
    named = [r for m in _NAMED_BATTLE.finditer(masked, start, end) for r in sentence.roled
             if r.mention.start == base + m.end()]  # fmt: skip
    scenes = named or scenes  # "captured at the Battle of Richmond": at Richmond
    # "Mogadishu, which was attacked by al-Shabab in July 2019": history the clause
    # dates and places is an incident of its own, however weakly it is worded.
    dated_history = past and bool(scenes) and any(
        base + start <= d.start < base + end for d in (*sentence.dates, *sentence.periods)
    )
    return Draft(
        event_type=hit.event_type,
        sub_event_type=hit.sub_event_type,
        status="background" if past else "new",
        weak=hit.weak and not other and not dated_history,
        sentence=sentence.index,
        sentences=[sentence.index],
        first=first,
        last=last,
        dated=first is not None,
        scenes=scenes,
        roled=list(sentence.roled),
        counts=counts,
        radii=list(sentence.radii),
        score=informativeness(sentence),
        rank=hit.rank,
        separate=other or separate(sentence),
        aside=other,
        toll_day=toll_day,
    )


_NAMED_BATTLE = re.compile(r"\bBattle\s+of\s+(?:the\s+)?")
"""A battle known by its name is fought at the place it is named after, whatever other
places its sentence names ("a pass through Union lines at Louisville and a parole for a
soldier captured at the Battle of Richmond")."""
_WHERE = re.compile(r"\s*,\s*where\s")
_TOLL_NOUNS = frozenset({"dead", "injured"})


def _where_the_toll_is(
    sentence: Sentence, scenes: list[RoledMention], counts: list[Count]
) -> RoledMention | None:
    """"Typhoon Gaemi swept up the western Pacific, intensifying rains in the
    Philippines, where the death toll climbed to 22": the place a "where" clause that
    holds all the sentence's tolls opens on is where they were counted."""
    tolls = [c for c in counts if c.noun in _TOLL_NOUNS]
    if len(scenes) < 2 or not tolls:
        return None
    for r in reversed(scenes):
        opened = _WHERE.match(sentence.text, r.mention.end - sentence.span[0])
        if opened is not None and all(c.start >= r.mention.end for c in tolls):
            return r
    return None


TOWN_TYPES = frozenset({"city", "village", "neighbourhood"})
"""Feature types of a town-sized place (a clause's towns, the town "the city" means)."""


_LISTED_GAP = 6
"""Characters between two names of one list (", " or " and ")."""


def _one_country(scenes: list[RoledMention]) -> list[RoledMention]:
    """Without the towns of another country than the one region or district the clause
    names ("floods at Karati area in ... Nakuru County", with Karati taken for a city
    abroad): a clause places its event in one country, and a unit named with its type
    word is surer than a town's namesake."""
    unit_names = [r.entry.name.lower() for r in scenes if r.entry.feature_type in UNIT_TYPES]
    named = [r for r in scenes if r.entry.feature_type == "country" and r.entry.country_code
             and not any(n.startswith(r.mention.text.lower()) for n in unit_names)]
    if len({r.entry.country_code for r in named}) == 1:
        # "an attack on a military base in Mali, ... in West Africa's restive Sahel
        # region": a unit of another country than the one the clause names is a namesake
        # (not one listed with it: "between Niger and Kebbi state" names two units; nor
        # when the country's name is a unit's of the clause: "Niger" beside "Niger state")
        scenes = [r for r in scenes if r.entry.feature_type not in UNIT_TYPES
                  or r.entry.country_code == named[0].entry.country_code
                  or any(abs(r.mention.start - c.mention.end) <= _LISTED_GAP
                         or abs(c.mention.start - r.mention.end) <= _LISTED_GAP
                         for c in named)]  # fmt: skip
    units = {r.entry.country_code for r in scenes
             if r.entry.feature_type in UNIT_TYPES and r.entry.country_code}  # fmt: skip
    if len(units) != 1:
        return scenes
    return [r for r in scenes
            if r.entry.feature_type not in TOWN_TYPES or r.entry.country_code in units]  # fmt: skip


def _own_counts(
    sentence: Sentence, masked: str, past: bool, published: dt.date | None,
    hit: TypeHit | None = None,
) -> list[Count]:
    """The sentence's counts that are about its incident: not those of a clause that
    recalls other history ("..., the deadliest since an earthquake in 2010 left more than
    400 dead"), unless the incident itself is history, nor the toll of another kind of
    event the sentence names ("riots ... after a knife attack that killed three")."""
    base = sentence.span[0]
    if past:
        return list(sentence.counts)
    kept = []
    spans = clauses(sentence)
    for count in sentence.counts:
        offset = count.start - base
        if toll_of_another(masked, offset, hit):
            continue
        if masked[offset : offset + 1] == " " and sentence.text[offset : offset + 1] != " ":
            continue  # inside a reference clause ("since the war began ...")
        clause = next(((a, b) for a, b in spans if a <= offset < b), None)
        if clause is not None and is_background(
            masked[clause[0] : clause[1]], base + clause[0], base + clause[1], sentence, published
        ):
            continue
        if clause is not None and (tally_over_months(_part_around(masked, offset, clause))
                                   or attacks_since(masked[clause[0] : clause[1]])):
            continue  # "..., taking the toll in the territory to over 300 during the war"
        kept.append(count)
    return kept


def _part_around(text: str, offset: int, clause: tuple[int, int]) -> str:
    """The comma-delimited part of a clause around an offset."""
    start = text.rfind(", ", clause[0], offset)
    end = text.find(", ", offset, clause[1])
    return text[start + 1 if start >= 0 else clause[0] : end if end >= 0 else clause[1]]


def separate(sentence: Sentence) -> bool:
    """Whether the sentence says it tells another incident ("In a separate incident"), or
    puts it at another place than the story's ("in a village about 15 kilometres away")."""
    return (SEPARATE.match(sentence.text) is not None
            or ANOTHER_PLACE.search(sentence.text) is not None)  # fmt: skip


def unreferenced(sentence: Sentence, counts: list[Count]) -> list[Count]:
    """The counts outside the sentence's references to other history ("the worst since
    an earthquake in 2010 left more than 400 dead")."""
    base = sentence.span[0]
    spans = [(base + m.start(), base + m.end()) for m in REFERENCE_SINCE.finditer(sentence.text)]
    return [c for c in counts if not any(a <= c.start < b for a, b in spans)]


def informativeness(sentence: Sentence) -> int:
    return (
        2 * bool(sentence.dates or sentence.periods)
        + min(len(sentence.counts), 3)
        + bool([r for r in sentence.roled if r.role == "location"])
        + 2 * bool(sentence.radii)
    )
