"""Incidents: what happened, where, when and how many, as ACLED-like records.

Each sentence is cut into clauses; a clause is typed by cue words
(:mod:`geomap.event_types`), dated by the dates and periods it states
(:mod:`geomap.facts`), and marked ``background`` when it recalls the past
("historic battles", "fought in", "had been held since 2022", a period that
ended well before publication).  Sentences about the same incident are merged:
the same type, overlapping dates and compatible places, or a breakdown of
weapons that adds up to an incident's stated total.  Weak cues ("an attack",
"was hit", "a power line was cut") only add to an incident already found.  A
headline restating a later incident of its kind is that incident's support; a
natural disaster's later towns in the same country support it; a bare toll
("Two people were killed in X.") adds to the latest incident, or is a record of
its kind when X is in another country.  A record never carries a count another
record carries: an incident at several towns gives each count to one of them.

Where: the places the evidence names as scenes (not actors, mediators or
context, :mod:`geomap.place_roles`), the most specific one, one record per
distinct scene.  With none, the place a stated radius is drawn around, then a
place of the kind the sentence refers to ("one of its southern regions") in
the next or previous sentences, then the closest earlier sentence's scene.
Nothing is invented: an incident whose place or date the article does not give
keeps None there, and a background incident with no place is dropped.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from geomap.event_types import classify
from geomap.facts import (
    SPECIFICITY,
    extract_facts,
    find_counts,
    find_dates,
    find_periods,
    find_radii,
    specificity,
)
from geomap.place_roles import RoledMention, assign_roles
from geomap.records import (
    Article,
    Count,
    DateRef,
    GazetteerEntry,
    Incident,
    Mention,
    Period,
    Place,
    PlaceFacts,
    Radius,
    Source,
)
from geomap.text import excerpt, sentence_index, sentence_spans

__all__ = ["GEO_PRECISION", "extract_incidents", "geo_precision"]

GEO_PRECISION: dict[str, int] = {
    "landmark": 1,
    "airport": 1,
    "port": 1,
    "city": 1,
    "island": 1,
    "admin1": 4,
    "region": 5,
    "peninsula": 5,
    "lake": 5,
    "river": 5,
    "country": 6,
    "sea": 7,
}
"""UCDP where_prec of an incident placed at a feature of this type."""

_LARGE_ISLAND_DEG2 = 1.0
"""An island whose box is bigger than this (Sicily, Borneo) is a region, not a spot."""
_LOOK_BACK = 4
_RECENT_DAYS = 45
"""A date or period ending this long before publication is history, not news."""

_BACKGROUND = re.compile(
    r"\b(?:historic(?:al)?|fought\s+in|had\s+been\s+(?:held|detained|captured|imprisoned)|"
    r"years?\s+ago|decades?\s+ago|anniversary|in\s+the\s+past|previously|back\s+in|"
    r"(?:(?:First|Second)\s+World\s+War|World\s+War\s+(?:I|II|One|Two|1|2))"
    r"(?!\s*(?:-era\s+|era\s+)?(?:bombs?|shells?|ordnance|munitions?|mines?|grenades?))|"
    r"remembered|commemorat\w+|"
    r"memorial|since\s+then)\b",
    re.IGNORECASE,
)
_REFERENCE_SINCE = re.compile(
    r"\bsince\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){0,5}?(?:(?:invasion|war|conflict|fighting|"
    r"offensive|crisis|pandemic)(?:\s+(?:began|started|broke\s+out|erupted))?|began|started|"
    r"broke\s+out|erupted|invaded)\b(?:\s+in\s+(?:\w+\s+)?\d{4})?",
    re.IGNORECASE,
)
_NOT_HAPPENED = re.compile(
    r"\b(?:will|would|could|might|shall|plans?\s+to|planning\s+to|threaten(?:s|ed)?\s+to|"
    r"vow(?:s|ed)?\s+to|promised|promises|intends?\s+to|expected\s+to|if)\b"
)
_WILL = re.compile(r"\b(?:will|shall|is\s+(?:expected|forecast|due)\s+to)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:while|whereas|but|although)\b|\s(?:while|whereas|after|before|although)\s"
    r"|,\s+(?:who|which)\s",
    re.IGNORECASE,
)
_SINCE_BEFORE = re.compile(r"\b(?:since|from)\s+(?:last\s+)?$", re.IGNORECASE)
_ANAPHORA = {
    "admin1": re.compile(
        r"\b(?:one\s+of\s+(?:its|their|the)\s+(?:\w+\s+)?(?:regions|provinces|oblasts|states)|"
        r"the\s+(?:region|province|oblast|state|prefecture))\b",
        re.IGNORECASE,
    ),
    "city": re.compile(r"\b(?:the|that)\s+(?:city|town|village|port)\b", re.IGNORECASE),
}
_DATELINE = re.compile(
    r"^[A-Z][A-Z.' -]{1,40}(?:,[\w.,' ]{1,40}?)?\s*(?:\([^()]{1,30}\)\s*)?[-\u2013\u2014]+\s"
)
_TOLD_ON = re.compile(
    r"\b(?:said|says|told|announced|reported|confirmed|added|stated)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_HEADING_WORDS = 8
_TERMINAL = re.compile(r"[.!?:\"'\u201d\u2019)\]]$")

_WEAPONS = frozenset({"missile", "drone", "rocket", "shell", "bomb", "projectile", "grenade"})
_AIRCRAFT = frozenset({"aircraft", "plane", "jet", "helicopter"})
_STRUCTURES = frozenset({
    "home", "house", "building", "apartment", "flat", "structure", "dwelling", "household",
    "school", "hospital", "shelter", "business", "shop", "bridge", "church", "mosque",
})  # fmt: skip
_NOT_PEOPLE = _WEAPONS | _AIRCRAFT | _STRUCTURES | {
    "dead", "injured", "missing", "casualty", "other", "vehicle", "car", "truck", "bus",
    "train", "ship", "boat", "vessel", "tank", "village", "town", "settlement", "city",
    "animal", "family",
}  # fmt: skip
_HARMLESS = frozenset({"Strategic developments", "Evacuation", "Protests"})
"""Incidents a later toll is not about: "declared an emergency ... Two people were killed"."""
_CASUALTIES = frozenset({"dead", "injured", "missing", "casualty"})
_COUNT_PLACE = re.compile(r"[^,;.]*?\b(?:in|at|near|on|from|outside)\s+(?:the\s+)?", re.IGNORECASE)
_WIDE_TYPES = frozenset({"Natural disaster"})
"""Incidents that cover many towns at once, so later towns of one country add to them."""
_COMBAT_TYPES = frozenset({"Explosions/Remote violence", "Battles"})
_WEAPON_TYPES = frozenset({"Explosions/Remote violence", "Strategic developments"})


@dataclass
class _Draft:
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


@dataclass(frozen=True, slots=True)
class _Sentence:
    index: int
    span: tuple[int, int]
    text: str
    heading: bool
    roled: list[RoledMention]
    counts: list[Count]
    dates: list[DateRef]
    periods: list[Period]
    radii: list[Radius]


def extract_incidents(
    article: Article,
    places: Sequence[Place],
    *,
    facts: Sequence[PlaceFacts] | None = None,
) -> list[Incident]:
    """Every incident the article reports or recalls, in the order it first states them.

    ``facts`` (from :func:`geomap.facts.extract_facts`) tells which place a stated
    radius belongs to; it is computed when not given.
    """
    text = article.text
    spans = sentence_spans(text)
    if not spans:
        return []
    facts = list(facts) if facts is not None else extract_facts(article, places)
    sentences = _sentences(article, places, spans)
    drafts = _Drafts()
    headline: _Draft | None = None
    for sentence in sentences:
        if sentence.heading:
            continue
        draft = _draft(sentence, article.date)
        if draft is None:
            _casualties(drafts, sentence, article.date)
            continue
        if _is_headline(sentence, sentences):
            headline = draft  # restated by the lede, if one of its kind follows
            continue
        target = _merge_target(drafts, draft, sentence)
        if target is not None:
            _absorb(target, draft)
            drafts.touched(target, sentence.index)
        elif not draft.weak:
            drafts.add(draft)
    if headline is not None:
        same = next((d for d in drafts.all if _same_kind(d, headline)), None)
        if same is not None:
            same.sentences.append(headline.sentence)
        elif not headline.weak:
            drafts.all.insert(0, headline)
    source = Source(article.title, article.url, article.date, article.id)
    radius_owner = {
        (radius.start, radius.end): item.place for item in facts for radius in item.radii
    }
    incidents: list[Incident] = []
    scene_keys = {r.entry.id for s in sentences for r in s.roled if r.role == "location"}
    for draft in drafts.all:
        _date(draft, sentences, article.date)
        located = _locations(draft, sentences, radius_owner, scene_keys)
        shares = _share_counts(draft, located, text)
        for rank, ((scene, precision), share) in enumerate(zip(located, shares, strict=True)):
            if scene is None and draft.status == "background":
                continue
            location = scene if not isinstance(scene, RoledMention) else places[scene.place_index]
            focus = scene.mention if isinstance(scene, RoledMention) else None
            record = _incident(draft, location, precision, sentences, source, share,
                               primary=rank == 0, focus=focus)  # fmt: skip
            incidents.append(record)
    return incidents


def geo_precision(entry: GazetteerEntry, *, near: bool = False) -> int:
    """UCDP where_prec for an incident at ``entry``; ``near`` when only close to it."""
    precision = GEO_PRECISION.get(entry.feature_type, 5)
    if entry.feature_type == "island" and entry.bbox is not None:
        west, south, east, north = entry.bbox
        if (east - west) * (north - south) > _LARGE_ISLAND_DEG2:
            precision = 5
    if precision == 1 and near:
        return 2
    return precision


# --- sentences ------------------------------------------------------------------


def _sentences(
    article: Article, places: Sequence[Place], spans: list[tuple[int, int]]
) -> list[_Sentence]:
    text = article.text
    starts = [start for start, _ in spans]

    def bucket(items):
        grouped: list[list] = [[] for _ in spans]
        for item in items:
            grouped[sentence_index(starts, item.start)].append(item)
        return grouped

    named: list[list[tuple]] = [[] for _ in spans]
    for index, place in enumerate(places):
        for mention in place.mentions:
            sentence = sentence_index(starts, mention.start)
            named[sentence].append((mention, place.entry, index))
    counts = bucket(find_counts(text))
    dates = bucket(find_dates(text, article.date))
    periods = bucket(find_periods(text, article.date))
    radii = bucket(find_radii(text))
    result = []
    for index, span in enumerate(spans):
        sentence_text = text[span[0] : span[1]]
        heading = (
            index > 0
            and len(sentence_text.split()) <= _HEADING_WORDS
            and not _TERMINAL.search(sentence_text)
        )
        stated = dates[index]
        # "ANKARA, Feb 7 - ... on Monday", "... on Tuesday, officials said on January 8":
        # when the story was filed or told, not when it happened, if another date says so.
        dateline = _DATELINE.match(sentence_text)
        happened = [
            d for d in stated
            if (dateline is None or d.start >= span[0] + dateline.end())
            and not _TOLD_ON.search(text, max(span[0], d.start - 30), d.start)
        ]  # fmt: skip
        if happened or periods[index]:
            stated = happened
        result.append(
            _Sentence(
                index=index,
                span=span,
                text=sentence_text,
                heading=heading,
                roled=assign_roles(text, span, named[index]),
                counts=counts[index],
                dates=stated,
                periods=periods[index],
                radii=radii[index],
            )
        )
    return result


def _clauses(sentence: _Sentence) -> list[tuple[int, int]]:
    """(start, end) of each clause, relative to the sentence, reference clauses blanked."""
    cuts = [0, *(m.start() for m in _CLAUSE_BREAK.finditer(sentence.text)), len(sentence.text)]
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def _draft(sentence: _Sentence, published: dt.date | None) -> _Draft | None:
    """The incident one sentence states, typed by its main clause, or None."""
    masked = _REFERENCE_SINCE.sub(lambda m: " " * len(m.group(0)), sentence.text)
    base = sentence.span[0]
    chosen: tuple[int, int, object, bool] | None = None
    background_hit = None
    weak_hit = None
    for start, end in _clauses(sentence):
        clause = masked[start:end]
        hit = classify(clause, sentence=masked)
        if (
            hit is None
            or _NOT_HAPPENED.search(clause[: hit.start])
            or _WILL.search(clause)
            or _future(sentence, base + start, base + end, published)
        ):
            continue
        past = _is_background(clause, base + start, base + end, sentence, published)
        if hit.weak:
            weak_hit = weak_hit or (start, end, hit, past)
        elif past:
            background_hit = background_hit or (start, end, hit, past)
        else:
            chosen = (start, end, hit, past)
            break
    chosen = chosen or background_hit or weak_hit
    if chosen is None:
        return None
    start, end, hit, past = chosen
    first, last = _sentence_dates(sentence, masked, (start, end), published)
    scenes = [r for r in sentence.roled if r.role == "location"]
    in_main = [r for r in scenes if base + start <= r.mention.start < base + end]
    scenes = in_main or scenes
    return _Draft(
        event_type=hit.event_type,
        sub_event_type=hit.sub_event_type,
        status="background" if past else "new",
        weak=hit.weak,
        sentence=sentence.index,
        sentences=[sentence.index],
        first=first,
        last=last,
        dated=first is not None,
        scenes=scenes,
        roled=list(sentence.roled),
        counts=list(sentence.counts),
        radii=list(sentence.radii),
        score=_informativeness(sentence),
    )


def _future(sentence: _Sentence, start: int, end: int, published: dt.date | None) -> bool:
    """Whether the clause is dated after publication ("next week"): not yet an incident."""
    if published is None:
        return False
    dated = [p.first for p in sentence.periods if start <= p.start < end]
    dated += [d.date for d in sentence.dates if start <= d.start < end]
    return bool(dated) and min(dated) > published


def _is_background(
    clause: str, start: int, end: int, sentence: _Sentence, published: dt.date | None
) -> bool:
    """Whether a clause (with reference clauses blanked) recalls the past."""
    if _BACKGROUND.search(clause):
        return True
    if published is None:
        return False
    horizon = published - dt.timedelta(days=_RECENT_DAYS)
    for item in [*sentence.periods, *sentence.dates]:
        if not (start <= item.start < end) or clause[item.start - start] == " ":
            continue
        last = item.last if isinstance(item, Period) else item.date
        if isinstance(item, Period):
            if item.open_start:
                continue
            if (item.last - item.first).days > 31 and item.last < published:
                return True  # "last year", "the second half of 2023"
        if last < horizon:
            return True
    return False


def _sentence_dates(
    sentence: _Sentence,
    masked: str,
    main: tuple[int, int],
    published: dt.date | None,
) -> tuple[dt.date | None, dt.date | None]:
    """(first, last) day the sentence dates its incident to.

    Dates of the main clause first; else those of the other clauses that are
    not background ("after the deals stalled in the second half of 2023").
    """
    base = sentence.span[0]
    other_spans = [
        (a, b) for a, b in _clauses(sentence)
        if (a, b) != main
        and not _is_background(masked[a:b], base + a, base + b, sentence, published)
    ]  # fmt: skip
    for spans in ([main], other_spans):

        def usable(item, spans=spans) -> bool:
            offset = item.start - base
            return any(a <= offset < b for a, b in spans) and masked[offset] != " "

        found = _dates_in(
            sentence,
            [r for r in sentence.dates if usable(r)],
            [p for p in sentence.periods if usable(p)],
            published,
        )
        if found[0] is not None:
            return found
    return None, None


def _dates_in(
    sentence: _Sentence,
    dates: list[DateRef],
    periods: list[Period],
    published: dt.date | None,
) -> tuple[dt.date | None, dt.date | None]:
    base = sentence.span[0]
    since = [
        ref for ref in dates
        if _SINCE_BEFORE.search(sentence.text[max(ref.start - base - 12, 0) : ref.start - base])
    ]  # fmt: skip
    if since:
        first = min(ref.date for ref in since)
        later = [ref.date for ref in dates if ref not in since and ref.date >= first]
        return first, max(later) if later else (published or first)
    if dates:
        return min(ref.date for ref in dates), max(ref.date for ref in dates)
    if periods:
        return min(p.first for p in periods), max(p.last for p in periods)
    return None, None


def _informativeness(sentence: _Sentence) -> int:
    return (
        2 * bool(sentence.dates or sentence.periods)
        + min(len(sentence.counts), 3)
        + bool([r for r in sentence.roled if r.role == "location"])
        + 2 * bool(sentence.radii)
    )


# --- merging ----------------------------------------------------------------------


def _merge_target(drafts: _Drafts, draft: _Draft, sentence: _Sentence) -> _Draft | None:
    """The earlier incident this sentence adds to, if any (latest first)."""
    weapons = _weapons(draft.counts)
    if weapons is not None and draft.event_type in _WEAPON_TYPES:
        for other in drafts.recent(sentence.index - _LOOK_BACK - 2):
            total = _weapons(other.counts)
            if (
                other is not draft
                and other.event_type in _WEAPON_TYPES
                and total is not None
                and total.value == weapons.value
                and len([c for c in draft.counts if c.noun in _WEAPONS]) > 1
            ):
                return other
    if draft.weak:
        for other in drafts.recent(sentence.index - _LOOK_BACK):
            if (
                other.event_type in _COMBAT_TYPES
                and other.status == "new"
                and _compatible(other, draft)
            ):
                return other
        return None
    for other in drafts.of_kind(draft):
        if _compatible(other, draft, wide=draft.event_type in _WIDE_TYPES):
            return other
    return None


class _Drafts:
    """The incidents being assembled, indexed so that placing each sentence costs time
    bounded by what it can join, not by the length of the article."""

    MAX_SAME_KIND = 64
    """Earlier incidents of a sentence's kind it may join (latest first); an article
    with more of one kind than this is a collection of reports, not one report."""

    def __init__(self) -> None:
        self.all: list[_Draft] = []
        self._kinds: dict[tuple[str, str, str], list[_Draft]] = {}
        self._touched: list[tuple[int, _Draft]] = []
        """(sentence index, draft) each time a sentence adds to a draft, in order."""

    def add(self, draft: _Draft) -> None:
        self.all.append(draft)
        key = (draft.event_type, draft.sub_event_type, draft.status)
        self._kinds.setdefault(key, []).append(draft)
        self.touched(draft, draft.sentence)

    def touched(self, draft: _Draft, sentence: int) -> None:
        self._touched.append((sentence, draft))

    def of_kind(self, draft: _Draft) -> list[_Draft]:
        key = (draft.event_type, draft.sub_event_type, draft.status)
        return self._kinds.get(key, [])[: -self.MAX_SAME_KIND - 1 : -1]

    def recent(self, since: int) -> list[_Draft]:
        """Drafts a sentence at or after ``since`` added to, the latest first."""
        found: dict[int, _Draft] = {}
        for sentence, draft in reversed(self._touched):
            if sentence < since:
                break
            found.setdefault(id(draft), draft)
        return list(found.values())


def _compatible(a: _Draft, b: _Draft, *, wide: bool = False) -> bool:
    """Same dates (when both are dated) and the same ground; ``wide`` events (a quake,
    a flood) cover several towns of one country, so the same country is enough."""
    if (
        a.first is not None
        and b.first is not None
        and (a.first > (b.last or b.first) or b.first > (a.last or a.first))
    ):
        return False
    if a.scenes and b.scenes:
        if wide and {x.entry.country_code for x in a.scenes} & {
            y.entry.country_code for y in b.scenes
        } - {""}:
            return True
        return any(_same_ground(x.entry, y.entry) for x in a.scenes for y in b.scenes)
    return True


def _has_town(scenes: Sequence[RoledMention]) -> bool:
    """Whether an incident already has a town-sized scene, which later mentions of other
    towns ("buildings collapsed in A, B and C") support rather than replace."""
    return any(specificity(s.entry) <= SPECIFICITY["island"] for s in scenes)


def _same_kind(a: _Draft, b: _Draft) -> bool:
    return (a.event_type, a.sub_event_type, a.status) == (b.event_type, b.sub_event_type, b.status)


def _is_headline(sentence: _Sentence, sentences: Sequence[_Sentence]) -> bool:
    """The article's first line when it is a headline (no closing stop) over a body."""
    return sentence.index == 0 and len(sentences) > 1 and not _TERMINAL.search(sentence.text)


def _casualties(drafts: _Drafts, sentence: _Sentence, published: dt.date | None) -> None:
    """A sentence with a toll and no event word ("Two people were killed in X.") reports
    casualties of the latest incident: in the same country it adds to that incident,
    elsewhere it is a record of the same kind at its own place. Each count once."""
    tolls = [c for c in sentence.counts if c.noun in _CASUALTIES]
    if not tolls:
        return
    harmful = [d for d in drafts.recent(sentence.index - _LOOK_BACK)
               if d.event_type not in _HARMLESS]  # fmt: skip
    if not harmful:
        return
    latest = max(harmful, key=lambda d: d.sentences[-1])
    if (
        latest.weak
        or latest.status != "new"
        or sentence.index - latest.sentences[-1] > _LOOK_BACK
        or _is_background(sentence.text, *sentence.span, sentence, published)
    ):
        return
    scenes = _distinct([r for r in sentence.roled if r.role == "location"])
    countries = {s.entry.country_code for s in latest.scenes if s.entry.country_code}
    elsewhere = bool(scenes and countries) and not any(
        s.entry.country_code in countries for s in scenes
    )
    if not elsewhere:
        latest.sentences.append(sentence.index)
        latest.counts.extend(sentence.counts)
        drafts.touched(latest, sentence.index)
        return
    first, last = _dates_in(sentence, sentence.dates, sentence.periods, published)
    drafts.add(
        _Draft(
            event_type=latest.event_type,
            sub_event_type=latest.sub_event_type,
            status="new",
            weak=False,
            sentence=sentence.index,
            sentences=[sentence.index],
            first=first if first is not None else latest.first,
            last=last if first is not None else latest.last,
            dated=first is not None,
            scenes=[r for r in sentence.roled if r.role == "location"],
            roled=list(sentence.roled),
            counts=list(sentence.counts),
            radii=list(sentence.radii),
            score=_informativeness(sentence),
            location_note="casualties of the incident the article reports before",
        )
    )


def _share_counts(
    draft: _Draft,
    located: Sequence[tuple[RoledMention | Place | None, int | None]],
    text: str,
) -> list[frozenset[tuple[int, int]]]:
    """Which of the draft's counts each record carries: a count stated with its own
    place ("3 killed in A and 2 in B") goes to that record, any other to the first.
    Never to two records, so that a sum over records does not count it twice."""
    keys = [(c.start, c.end) for c in draft.counts]
    if len(located) < 2:
        return [frozenset(keys)] * len(located)
    # Scenes by where they are named, to find the one written right after a count.
    named = sorted((scene.mention.start, rank) for rank, (scene, _) in enumerate(located)
                   if isinstance(scene, RoledMention))  # fmt: skip
    starts = [start for start, _ in named]
    shares: list[set[tuple[int, int]]] = [set() for _ in located]
    for count in draft.counts:
        owner = 0
        k = bisect.bisect_left(starts, count.end)
        while k < len(named) and named[k][0] - count.end <= 40:
            start, rank = named[k]
            if _COUNT_PLACE.fullmatch(text[count.end : start]):
                owner = rank
                break
            k += 1
        shares[owner].add((count.start, count.end))
    return [frozenset(share) for share in shares]


def _same_ground(a: GazetteerEntry, b: GazetteerEntry) -> bool:
    if a.id == b.id:
        return True
    return _contains(a, b) or _contains(b, a)


def _contains(outer: GazetteerEntry, inner: GazetteerEntry) -> bool:
    if outer.feature_type == "country":
        return bool(inner.country_code) and inner.country_code == outer.country_code
    if outer.feature_type == "admin1":
        if outer.admin1_code and inner.admin1_code:
            return outer.admin1_code == inner.admin1_code
        if outer.bbox is not None:
            west, south, east, north = outer.bbox
            return west <= inner.lon <= east and south <= inner.lat <= north
    return False


def _absorb(target: _Draft, draft: _Draft) -> None:
    target.sentences.append(draft.sentence)
    if not draft.weak:
        target.roled.extend(draft.roled)
    target.counts.extend(draft.counts)
    target.radii.extend(draft.radii)
    if not draft.weak and draft.scenes and not _has_town(target.scenes):
        finer = [
            d for d in draft.scenes
            if any(_contains(t.entry, d.entry) for t in target.scenes)
        ]  # fmt: skip
        if not target.scenes or finer:
            target.scenes = finer or draft.scenes  # "Ishikawa" then "Wajima": the town
    if target.first is None and draft.first is not None:
        target.first, target.last, target.dated = draft.first, draft.last, True
    if draft.score > target.score and not draft.weak:
        target.sentence, target.score = draft.sentence, draft.score
        if draft.first is not None:
            target.first, target.last = draft.first, draft.last


# --- dates and places -----------------------------------------------------------------


def _date(draft: _Draft, sentences: Sequence[_Sentence], published: dt.date | None) -> None:
    """An undated incident takes the closest earlier date of its section, else the week
    before publication (UCDP precision 3); history stays undated."""
    if draft.first is not None or draft.status == "background":
        return
    first_sentence = min(draft.sentences)
    for index in range(first_sentence - 1, max(first_sentence - 1 - _LOOK_BACK, -1), -1):
        earlier = sentences[index]
        if earlier.heading:
            break
        recent = [
            ref.date for ref in earlier.dates
            if published is None or ref.date >= published - dt.timedelta(days=_RECENT_DAYS)
        ]  # fmt: skip
        if recent:
            draft.first = draft.last = max(recent)
            return
    if published is not None:
        draft.first, draft.last = published - dt.timedelta(days=6), published


def _locations(
    draft: _Draft,
    sentences: Sequence[_Sentence],
    radius_owner: dict[tuple[int, int], Place],
    scene_keys: set[str],
) -> list[tuple[RoledMention | Place | None, int | None]]:
    """[(scene, geo precision)]: one per distinct scene, or [(None, None)].
    ``scene_keys`` are the places any sentence names as a scene."""
    scenes = _distinct(draft.scenes)
    if scenes:
        return [(scene, geo_precision(scene.entry, near=scene.near)) for scene in scenes]
    for radius in draft.radii:
        owner = radius_owner.get((radius.start, radius.end))
        if owner is not None and owner.entry.id in scene_keys:
            draft.location_note = "the place the stated radius is drawn around"
            return [(owner, geo_precision(owner.entry, near=True))]
    main = sentences[draft.sentence]
    for kind, pattern in _ANAPHORA.items():
        if not pattern.search(main.text):
            continue
        for index in (draft.sentence + 1, draft.sentence - 1, draft.sentence + 2):
            if not 0 <= index < len(sentences):
                continue
            found = [
                r for r in sentences[index].roled
                if r.entry.feature_type == kind and r.role == "location"
            ]  # fmt: skip
            if found:
                draft.location_note = f"'{pattern.search(main.text).group(0)}', named nearby"
                return [(found[0], geo_precision(found[0].entry))]
    for index in range(
        min(draft.sentences) - 1, max(min(draft.sentences) - 1 - _LOOK_BACK, -1), -1
    ):
        earlier = sentences[index]
        found = _distinct([r for r in earlier.roled if r.role == "location"])
        if found and not earlier.heading:
            scene = found[0]
            draft.location_note = "named in an earlier sentence"
            return [(scene, geo_precision(scene.entry, near=True))]
        if earlier.heading:
            if found:
                draft.location_note = "named in the section heading"
                return [(found[0], geo_precision(found[0].entry, near=True))]
            break
    return [(None, None)]


def _distinct(scenes: Sequence[RoledMention]) -> list[RoledMention]:
    """The most specific scenes, one per place, without the ones containing another."""
    unique: dict[str, RoledMention] = {}
    for scene in scenes:
        unique.setdefault(scene.entry.id, scene)
    holds = _holds_another([s.entry for s in unique.values()])
    kept = [s for s, outer in zip(unique.values(), holds, strict=True) if not outer]
    if not kept:
        return []
    best = min(specificity(s.entry) for s in kept)
    top = [s for s in kept if specificity(s.entry) == best]
    if best <= SPECIFICITY["island"]:
        # Several towns or islands: one record each.
        return [s for s in kept if specificity(s.entry) <= SPECIFICITY["island"]]
    return top[:1]


def _holds_another(entries: Sequence[GazetteerEntry]) -> list[bool]:
    """For each entry, whether it contains another of ``entries`` (:func:`_contains`),
    in time linear in their number for countries: an article may list thousands of towns."""
    codes = Counter(e.country_code for e in entries if e.country_code)
    admin1_codes = Counter(e.admin1_code for e in entries if e.admin1_code)
    lon = np.array([e.lon for e in entries], dtype=float)
    lat = np.array([e.lat for e in entries], dtype=float)
    coded = np.array([bool(e.admin1_code) for e in entries], dtype=bool)
    result = []
    for k, e in enumerate(entries):
        if e.feature_type == "country":
            result.append(bool(e.country_code) and codes[e.country_code] > 1)
        elif e.feature_type == "admin1":
            if e.admin1_code and admin1_codes[e.admin1_code] > 1:
                result.append(True)
                continue
            if e.bbox is None:
                result.append(False)
                continue
            west, south, east, north = e.bbox
            others = ~coded if e.admin1_code else np.ones(len(entries), dtype=bool)
            others[k] = False
            inside = others & (lon >= west) & (lon <= east) & (lat >= south) & (lat <= north)
            result.append(bool(inside.any()))
        else:
            result.append(False)
    return result


# --- records -------------------------------------------------------------------------


def _incident(
    draft: _Draft,
    location: Place | None,
    precision: int | None,
    sentences: Sequence[_Sentence],
    source: Source,
    share: frozenset[tuple[int, int]],
    *,
    primary: bool = True,
    focus: Mention | None = None,
) -> Incident:
    main = sentences[draft.sentence]
    ordered = [draft.sentence, *sorted(i for i in set(draft.sentences) if i != draft.sentence)]
    counts = _unique_counts([
        c for i in ordered for c in draft.counts
        if _in(c, sentences[i].span) and (c.start, c.end) in share
    ])  # fmt: skip
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
    ])  # fmt: skip
    return Incident(
        # surrogatepass: an id from a file name that is not UTF-8 still hashes
        id="inc:" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:12],
        event_type=draft.event_type,
        sub_event_type=draft.sub_event_type,
        date_start=draft.first,
        date_end=draft.last if draft.last is not None else draft.first,
        date_precision=_date_precision(draft.first, draft.last),
        temporal_status=draft.status,
        location=location,
        geo_precision=precision,
        evidence=_quote(main, focus),
        evidence_span=main.span,
        source=source,
        actors=tuple(actors),
        mediators=tuple(mediators),
        fatalities=_first(counts, {"dead"}),
        injured=_first(counts, {"injured"}),
        people_affected=next((c for c in counts if c.noun not in _NOT_PEOPLE), None),
        structures_affected=_first(counts, _STRUCTURES),
        weapons_count=_weapons(counts) if draft.event_type in _WEAPON_TYPES else None,
        radius=radius,
        radius_qualifier=_radius_qualifier(radius),
        counts=tuple(counts),
        support_spans=tuple(sentences[i].span for i in ordered[1:]),
        support=tuple(_quote(sentences[i], focus) for i in ordered[1:]),
        location_note=draft.location_note,
    )


def _quote(sentence: _Sentence, focus: Mention | None) -> str:
    """The sentence as evidence, a very long one quoted around the scene it names."""
    base = sentence.span[0]
    inside = focus is not None and sentence.span[0] <= focus.start < sentence.span[1]
    around = (focus.start - base, focus.end - base) if inside and focus is not None else None
    return excerpt(sentence.text, None, around)


def _in(count: Count, span: tuple[int, int]) -> bool:
    return span[0] <= count.start < span[1]


def _unique_counts(counts: list[Count]) -> list[Count]:
    seen: set[tuple[int, int]] = set()
    result = []
    for count in counts:
        if (count.start, count.end) not in seen:
            seen.add((count.start, count.end))
            result.append(count)
    return result


def _first(counts: Sequence[Count], nouns: set[str] | frozenset[str]) -> Count | None:
    return next((c for c in counts if c.noun in nouns), None)


def _weapons(counts: Sequence[Count]) -> Count | None:
    """The stated number of weapons: the first figure, or the sum of a sentence's parts
    ("six Tochka-U ... and six guided missiles") when no figure is their total."""
    weapons = [c for c in counts if c.noun in _WEAPONS]
    if not weapons:
        return None
    first = weapons[0]
    same_breath = [c for c in weapons if c.start - first.end < 120 and c.start >= first.start]
    if len(same_breath) < 2:
        return first
    total = sum(c.value for c in same_breath)
    if len(same_breath) > 2 and any(2 * c.value == total for c in same_breath):
        return first  # one figure is the total of the others
    qualifier = next((c.qualifier for c in same_breath if c.qualifier), None)
    nouns = "+".join(dict.fromkeys(c.noun for c in same_breath))
    return Count(
        first.start,
        same_breath[-1].end,
        "; ".join(c.text for c in same_breath),
        total,
        nouns,
        qualifier,
    )


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

    countries = shapes.countries()
    return dict(zip(countries["iso_a2"], countries["name"], strict=True))


def _date_precision(first: dt.date | None, last: dt.date | None) -> int | None:
    if first is None:
        return None
    days = ((last or first) - first).days
    if days == 0:
        return 1
    if days <= 5:
        return 2
    if days <= 7:
        return 3
    if days <= 31:
        return 4
    return 5
