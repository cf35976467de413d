"""Incident records from drafts: the counts each record carries (never one count on two
records), the evidence quoted around the scene, actors and mediators, weapons totals."""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from collections.abc import Sequence

from geomap.event_types import ONE_EVENT, RETYPES, WITHOUT_TOLL, has_flag
from geomap.incidents.dates import date_precision
from geomap.incidents.figures import (
    STRUCTURES,
    WEAPONS,
    people_affected,
    starts_in,
    structures,
    toll,
    toll_of_none,
    weapons_count,
)
from geomap.incidents.sentences import Sentence, sentence_at
from geomap.incidents.setting import Scene
from geomap.incidents.triggers import Draft
from geomap.place_roles import RoledMention
from geomap.records import Count, GazetteerEntry, Incident, Mention, Place, Radius, Source
from geomap.text import excerpt

__all__ = [
    "CASUALTIES",
    "STRUCTURES",
    "WEAPONS",
    "incident_record",
    "share_counts",
    "weapons_count",
]

CASUALTIES = frozenset({"dead", "injured", "missing", "casualty"})


_COUNT_PLACE = re.compile(
    r"[^,;.]*?\b(?:in|at|near|on|from|outside)\s+(?:the\s+)?"
    r"(?:(?:village|town|community|settlement|hamlet)\s+of\s+)?",
    re.IGNORECASE,
)


def share_counts(
    draft: Draft, located: Sequence[Scene], text: str
) -> list[frozenset[tuple[int, int]]]:
    """Which of the draft's counts each record carries: a count stated with its own
    place ("3 killed in A and 2 in B") goes to that record, any other to the first.
    Never to two records, so that a sum over records does not count it twice."""
    keys = [(c.start, c.end) for c in draft.counts]
    if len(located) < 2:
        return [frozenset(keys)] * len(located)
    # Scenes by where they are named, to find the one written right after a count.
    named = sorted((scene.place.mention.start, rank) for rank, scene in enumerate(located)
                   if isinstance(scene.place, RoledMention))  # fmt: skip
    # every mention of a scene's place ("in central Gaza" ... "In Gaza City, a strike")
    # (not a stand-in's: villages no gazetteer knows share the unit they lie in)
    rank_of = {scene.place.entry.id: rank for rank, scene in enumerate(located)
               if isinstance(scene.place, RoledMention) and not scene.unlisted}  # fmt: skip
    seen = {start for start, _ in named}
    named = sorted([*named, *((r.mention.start, rank_of[r.entry.id]) for r in draft.roled
                              if r.entry.id in rank_of and r.mention.start not in seen)])
    starts = [start for start, _ in named]
    shares: list[set[tuple[int, int]]] = [set() for _ in located]
    placed: list[Count] = []
    unplaced: list[tuple[Count, int]] = []
    for count in draft.counts:
        owner = None
        k = bisect.bisect_left(starts, count.end)
        while k < len(named) and named[k][0] - count.end <= 40:
            start, rank = named[k]
            if _COUNT_PLACE.fullmatch(text[count.end : start]):
                owner = rank
                break
            k += 1
        if owner is not None:
            placed.append(count)
            shares[owner].add((count.start, count.end))
        else:
            unplaced.append((count, _in_its_clause(count, named, starts, text)))
    for count, owner in unplaced:
        parts = [c.value for c in placed if c.noun == count.noun]
        if len(parts) > 1 and sum(parts) == count.value:
            continue  # "killing 26" over "20 bodies in A while six in B": their total
        shares[owner].add((count.start, count.end))
    together = {(c.start, c.end): _named_together(c, named, draft.counts, text)
                for c in draft.counts}  # fmt: skip
    for count in draft.counts:
        places = together[(count.start, count.end)]
        if len(places) > 1 and any(
                c.noun == count.noun and len(together[(c.start, c.end)]) == 1
                and (c.start, c.end) in shares[rank]
                for c in draft.counts for rank in places):  # fmt: skip
            # "15 killed in attacks on A and B" over "13 ... in B": A's and B's total
            for share in shares:
                share.discard((count.start, count.end))
    return [frozenset(share) for share in shares]


_CLAUSE_BREAK = re.compile(r"[.;!?]\s|,\s+(?:and|while|but|as|whereas)\s|\n")
_CLAUSE_REACH = 150


_SENTENCE_BREAK = re.compile(r"[.!?][\"'\u201d\u2019]?(?:\s+|(?=[A-Z]))|\n")
_SENTENCE_REACH = 300
_LIST_GAP = 60
_LISTED = re.compile(r",|\band\b|\bor\b|&")


def _named_together(
    count: Count, named: Sequence[tuple[int, int]], counts: Sequence[Count], text: str
) -> set[int]:
    """The records whose scenes a count is stated with as one list ("15 were killed in
    attacks on A and the B camp", "bombed homes in A and B, killing 15"), no other figure
    of its kind between ("five in A and three in B" are two): with more than one, the
    count is their total, not one place's."""
    counts = [c for c in counts if c.noun == count.noun]
    after = sorted((s, r) for s, r in named if s >= count.end)
    before = sorted(((s, r) for s, r in named if s < count.start), reverse=True)
    return max(_chain(count.end, after, counts, text),
               _chain(count.start, before, counts, text), key=len)


def _chain(
    edge: int, places: Sequence[tuple[int, int]], counts: Sequence[Count], text: str
) -> set[int]:
    """The ranks of the places, nearest first, that follow one another from ``edge``
    with short gaps, no figure and no sentence break between."""
    ranks: set[int] = set()
    for start, rank in places:
        low, high = sorted((edge, start))
        if (high - low > (_SENTENCE_REACH if not ranks else _LIST_GAP)
                or _SENTENCE_BREAK.search(text, low, high)
                or any(low <= c.start < high for c in counts)
                or (ranks and not _LISTED.search(text, low, high))):
            break  # "Kayapa in central Luzon" is one place, not a list of two
        ranks.add(rank)
        edge = start
    return ranks


def _in_its_clause(
    count: Count, named: Sequence[tuple[int, int]], starts: Sequence[int], text: str
) -> int:
    """The record of the scene named in the same clause as a count ("Eight people were
    killed when a strike hit a house in the Nuseirat camp, and five others died in a
    strike ... west of Khan Younis": each its own; "In Gaza City, a strike on a school
    killed seven": Gaza City's), the place after it first; else the first record."""
    k = bisect.bisect_left(starts, count.end)
    if k < len(named) and named[k][0] - count.end <= _CLAUSE_REACH and not _CLAUSE_BREAK.search(
            text, count.end, named[k][0]):
        return named[k][1]
    if k > 0 and count.start - named[k - 1][0] <= _CLAUSE_REACH and not _CLAUSE_BREAK.search(
            text, named[k - 1][0], count.start):
        return named[k - 1][1]
    return 0


def _retyped(
    draft: Draft, counts: Sequence[Count], sentences: Sequence[Sentence]
) -> tuple[str, str]:
    """The record's type once its own words are read (the table's [[retypes]]): an attack
    whose dead are soldiers ("killing four army auxiliaries"), or on an army post, is a
    battle; so is a suicide bombing that opened a gunfight.  Who the dead are is read
    from their figure up to the next comma ("killed
    12 people, including two policemen" stays an attack on civilians); the wounded count
    only where no one was killed, and only troops (police officers hurt stopping a
    knifeman do not make his attack a battle)."""
    kind = draft.kind
    own = [sentences[i] for i in set(draft.sentences)]
    told = [*own, sentences[draft.sentence]]  # where the record's counts are
    for rule in RETYPES:
        if kind != rule.source:
            continue
        if rule.story is not None:
            if not any(rule.story.search(s.text) for s in own):
                continue
            if rule.victims is None and rule.targets is None:
                kind = rule.target
                continue
        if _dead_are(rule.victims, rule.wounded, counts, told) or (
                rule.targets is not None and any(rule.targets.search(s.text) for s in own)):
            kind = rule.target
    return kind


def _dead_are(
    victims: re.Pattern[str] | None, wounded: re.Pattern[str] | None,
    counts: Sequence[Count], told: Sequence[Sentence],
) -> bool:
    """Whether the record's dead are ``victims`` (any dead, when None); in a record with
    no dead, whether its wounded are ``wounded`` ("attacked the same base in June,
    wounding seven soldiers": an assault on troops, a battle)."""
    hurt = "dead"
    if wounded is not None and not any(c.noun == "dead" for c in counts):
        hurt, victims = "injured", wounded
    for count in counts:
        if count.noun != hurt:
            continue
        sentence = next((s for s in told if starts_in(count, s.span)), None)
        if sentence is None:
            continue
        if victims is None:
            return True
        base = sentence.span[0]
        who = _UP_TO_COMMA.match(sentence.text, count.start - base).group(0)
        armed = victims.search(who)
        if armed is not None and not _CIVILIANS.search(who, 0, armed.start()):
            return True
    return False


_CIVILIANS = re.compile(
    r"\b(?:civilians?|students?|pupils?|children|child|villagers?|worshippers?|passengers?|"
    r"residents?|women|people|persons|shoppers?|farmers?|traders?|teachers?|patients?)\b",
    re.IGNORECASE,
)
""""left eight students and one security guard dead": civilians named first make the
dead civilians, whoever else died with them."""


_UP_TO_COMMA = re.compile(
    r"[^,;.:]{0,80}?(?=\s+(?:in|by|during|when|after|as|while|near|at(?!\s+(?:least|most)\b)|on"
    r"|from)\b|[,;.:]|$)"
    r"|[^,;.:]{0,80}"
)
"""The words of a figure up to its clause's end or the first phrase saying where, how or
by whom ("Scores have been killed in a paramilitary attack": the dead are not the
paramilitaries; "killing at least 15 police officers" reads past "at least")."""


def incident_record(
    draft: Draft,
    scene: Scene,
    places: Sequence[Place],
    sentences: Sequence[Sentence],
    source: Source,
    share: frozenset[tuple[int, int]],
    *,
    primary: bool = True,
) -> Incident:
    """The record of a draft at one of its scenes; ``share`` are the counts it carries
    (:func:`share_counts`), ``primary`` says whether it is the draft's first record (the
    one a stated radius belongs to)."""
    named = scene.place if isinstance(scene.place, RoledMention) else None
    location = places[named.place_index] if named is not None else scene.place
    assert location is None or isinstance(location, Place)
    precision = scene.precision
    focus = named.mention if named is not None else None
    main = sentences[draft.sentence]
    ordered = [draft.sentence, *sorted(i for i in set(draft.sentences) if i != draft.sentence)]
    counts = _unique_counts([
        c for i in ordered for c in draft.counts
        if starts_in(c, sentences[i].span) and (c.start, c.end) in share
    ])  # fmt: skip
    if draft.kind not in ONE_EVENT:
        # (a quake is one event: "killing at least 31 people", then "Bogo, where at least
        # 14 residents died", near its epicentre, is a part of its toll)
        counts = _told_at_its_place(counts, named, ordered, sentences)
    roles = {"actor": [], "mediator": []}
    for roled in draft.roled:
        if roled.role in roles:
            roles[roled.role].append(_agent_name(roled.entry))
    mediators = list(dict.fromkeys(roles["mediator"]))
    actors = [name for name in dict.fromkeys(roles["actor"]) if name not in mediators]
    radius = draft.radii[0] if draft.radii and primary else None
    key = "|".join([
        source.article_id, draft.event_type, draft.sub_event_type, str(main.span),
        location.entry.id if location else "-",
        # a village the gazetteer lacks stands at its unit: its own name keeps it apart
        *([scene.unlisted] if scene.unlisted else []),
    ])  # fmt: skip
    # one event, one type: a raid on four villages that killed 11 and abducted four is an
    # attack at each village, whichever record carries the toll
    event_type, sub_event_type = _retyped(draft, _unique_counts(list(draft.counts)), sentences)
    harmless = (event_type, sub_event_type) in WITHOUT_TOLL
    return Incident(
        # surrogatepass: an id from a file name that is not UTF-8 still hashes
        id="inc:" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:12],
        event_type=event_type,
        sub_event_type=sub_event_type,
        date_start=draft.first,
        date_end=draft.last if draft.last is not None else draft.first,
        date_precision=date_precision(draft.first, draft.last),
        temporal_status=draft.status,
        location=location,
        geo_precision=precision,
        evidence=_quote(main, focus),
        evidence_span=main.span,
        source=source,
        actors=tuple(actors),
        mediators=tuple(mediators),
        fatalities=None if harmless else toll(
            counts, "dead", sentences, armed=has_flag(event_type, "combat")) or toll_of_none(
            "dead", draft, sentences),
        injured=None if harmless else toll(counts, "injured", sentences) or toll_of_none(
            "injured", draft, sentences),
        people_affected=people_affected(counts, [sentences[i] for i in ordered]),
        structures_affected=structures(counts),
        weapons_count=weapons_count(counts) if has_flag(draft.event_type, "weapons") else None,
        radius=radius,
        radius_qualifier=_radius_qualifier(radius),
        counts=tuple(counts),
        support_spans=tuple(sentences[i].span for i in ordered[1:]),
        support=tuple(_quote(sentences[i], focus) for i in ordered[1:]),
        location_note=scene.note or draft.location_note,
        scene_point=scene.point,
        uncertainty_m=scene.uncertainty_m,
    )


def _told_at_its_place(
    counts: list[Count],
    named: RoledMention | None,
    ordered: Sequence[int],
    sentences: Sequence[Sentence],
) -> list[Count]:
    """"Floods killed at least 33 people in northern Afghanistan" ... "In Baghlan
    province, 20 people were killed": a record placed at a province or town takes the
    toll told with its place first, before a toll its lede told for the whole country."""
    if named is None or named.entry.feature_type == "country":
        return counts
    held = sentence_at(sentences, named.mention.start)
    home = held.index if held is not None and held.index in ordered else None
    if home is None or home == ordered[0]:
        return counts
    lede = sentences[ordered[0]]
    if any(r.role == "location" and r.entry.feature_type != "country" for r in lede.roled):
        return counts  # the lede placed its toll below the country: it is this record's
    here = [c for c in counts if starts_in(c, sentences[home].span)]
    if not any(c.noun == "dead" for c in here):
        return counts
    return here + [c for c in counts if c not in here]


def _quote(sentence: Sentence, focus: Mention | None) -> str:
    """The sentence as evidence, a very long one quoted around the scene it names."""
    base = sentence.span[0]
    inside = focus is not None and sentence.span[0] <= focus.start < sentence.span[1]
    around = (focus.start - base, focus.end - base) if inside and focus is not None else None
    return excerpt(sentence.text, None, around)


def _unique_counts(counts: list[Count]) -> list[Count]:
    seen: set[tuple[int, int]] = set()
    result = []
    for count in counts:
        if (count.start, count.end) not in seen:
            seen.add((count.start, count.end))
            result.append(count)
    return result


def _radius_qualifier(radius: Radius | None) -> str | None:
    if radius is None:
        return None
    found = re.search(
        r"\b(about|around|roughly|approximately|some|nearly|up\s+to|more\s+than|at\s+least)\b",
        radius.text,
        re.IGNORECASE,
    )
    return re.sub(r"\s+", " ", found.group(1).lower()) if found else None


def _agent_name(entry: GazetteerEntry) -> str:
    if entry.feature_type == "city" and entry.country_code:
        return _country_name(entry.country_code) or entry.name
    return entry.name


def _country_name(code: str) -> str | None:
    return _country_names().get(code)


@functools.cache
def _country_names() -> dict[str, str]:
    from geomap.gazetteer import shapes

    return shapes.country_names()
