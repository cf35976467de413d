"""One sentence, two incidents: "militiamen killed 27 people on Saturday and another 20 on
Sunday" (another day), "curfew was imposed after a clash which left seven injured" (a
harmless measure and the harmful event that caused it), "attacked in July 2019 and again
in January 2023" (the same place on a day of its own), "a soldier died in a shootout in
A, one day after five soldiers were killed in an ambush in B" (an earlier event named in
passing, at a place of its own).  Each function returns the second
incident's draft, or None; :func:`geomap.incidents.triggers.draft_of` made the first."""

from __future__ import annotations

import datetime as dt
import itertools
import re

from geomap.event_types import has_flag
from geomap.incidents.ground import distinct, same_ground
from geomap.incidents.happened import DAY, happened
from geomap.incidents.references import days_before, without_references
from geomap.incidents.sentences import Sentence
from geomap.incidents.triggers import Draft, clause_draft

__all__ = [
    "again_on",
    "another_day",
    "cause_of",
    "dated_before_the_day_told",
    "earlier_in_passing",
    "told_that_day",
]

_ON_DAY_AFTER = re.compile(rf"\s+(?:(?:on|early|late)\s+){{0,2}}{DAY.pattern}", re.IGNORECASE)
_ANOTHER_BEFORE = re.compile(r"\b(?:another|a\s+further)\s+$", re.IGNORECASE)
_OTHERS_END = re.compile(r"\s(?:others|more)$", re.IGNORECASE)
""""... and 14 others on Sunday": a later figure that says it counts more of the same."""
_BY_DAY = frozenset({"dead", "injured", "arrested", "detained", "abducted", "kidnapped"})
"""The figures a sentence may give day by day ("arrested 17 on Saturday and 14 others on
Sunday"), each day's another incident."""


def another_day(draft: Draft, sentence: Sentence) -> Draft | None:
    """"Militiamen killed 27 people on Saturday and another 20 on Sunday", "arrested 17
    protesters Saturday night and 14 others on Sunday night": a toll of another day is
    another incident (one event per place and day).  The draft keeps what
    comes before; the returned draft has the later day's figures and date."""
    text, base = sentence.text, sentence.span[0]
    tolls = sorted((c for c in draft.counts if c.noun in _BY_DAY), key=lambda c: c.start)
    for before, later in itertools.pairwise(tolls):
        gap = text[before.end - base : later.start - base]
        if (
            later.noun != before.noun
            or not (_ANOTHER_BEFORE.search(text, max(0, later.start - base - 12),
                                           later.start - base)
                    or _OTHERS_END.search(later.text))
            or not DAY.search(gap)
            or not _ON_DAY_AFTER.match(text, later.end - base)
        ):
            continue
        day = next((d for d in sentence.dates if d.start >= later.end), None)
        draft.counts = [c for c in draft.counts if c.start < later.start]
        ahead = next((d for d in sentence.dates if before.end <= d.start < later.start), None)
        if ahead is not None:
            draft.first = draft.last = ahead.date
        return Draft(
            event_type=draft.event_type, sub_event_type=draft.sub_event_type,
            status=draft.status, weak=False, sentence=sentence.index,
            sentences=[sentence.index], first=day.date if day else None,
            last=day.date if day else None, dated=day is not None, scenes=list(draft.scenes),
            roled=list(draft.roled), counts=[c for c in tolls if c.start >= later.start],
            radii=[], score=draft.score, rank=draft.rank, separate=True,
        )
    return None


def told_that_day(drafts: list[Draft], later: Draft) -> Draft | None:
    """The incident the story already told on the later day's date at its place, of its
    family ("turned violent on Saturday night and again on Sunday night" ... "arrested
    17 protesters Saturday night and 14 others on Sunday night": the 14 are Sunday's
    riot's); the later day's figures join it (one event per place and day).  A later
    day told with no place is at the story's."""
    if later.first is None:
        return None
    places = distinct(later.scenes)
    same = [d for d in drafts if d.family == later.family and d.status == later.status
            and d.first == later.first and (d.last or d.first) == (later.last or later.first)
            and (not places or any(same_ground(a.entry, b.entry)
                                   for a in distinct(d.scenes) for b in places))]
    return max(same, key=lambda d: d.sentences[-1]) if same else None


_AFTER_AN_EVENT = re.compile(r"\b(?:after|following)\s+(?=(?:an?|the)\s)", re.IGNORECASE)
_MEASURE_AFTER = re.compile(
    r",?\s+(?:as|and|while|prompting|leading)\s+(?:[\w-]+\s+){0,3}?(?:to\s+)?"
    r"(?:declared?|imposed?|announced?|ordered?|declaring|imposing|announcing|ordering)\b",
    re.IGNORECASE,
)
""""More than 300 people were killed in flash floods ..., as authorities declared a
state of emergency": the measure told after the harmful event it answers."""


def cause_of(draft: Draft, sentence: Sentence, published: dt.date | None) -> Draft | None:
    """"Curfew was imposed in Raisen after a clash between two communities which left
    seven persons injured": a measure that harms no one, told with the harmful event that
    caused it, is two incidents; this returns the cause's (its own part's counts)."""
    if not has_flag(draft.event_type, "harmless") or draft.weak:
        return None
    masked = without_references(sentence.text)
    base = sentence.span[0]
    after = _AFTER_AN_EVENT.search(masked)
    if after is None:
        measure = _MEASURE_AFTER.search(masked)
        if measure is None:
            return None
        return _cause_before(draft, sentence, masked, measure.start(), published)
    found = happened(masked[after.end() :], masked)
    if found is None or found[0].weak or has_flag(found[0].event_type, "harmless"):
        return None
    hit, begin = found
    start = after.end() + begin
    cause = clause_draft(sentence, masked, (start, len(masked)), hit, False, published, [],
                   other=True)  # fmt: skip
    cause.aside = False  # the story goes on about it ("the clash saw shops torched")
    if not any(c.noun in {"dead", "injured"} and c.start >= base + start for c in cause.counts):
        return None  # "imposed after the clashes": the cause is told elsewhere, if at all
    draft.counts = [c for c in draft.counts if c.start < base + start]
    if not cause.scenes:
        cause.scenes = list(draft.scenes)  # the clash that left seven injured: in Raisen
    return cause


def _cause_before(draft: Draft, sentence: Sentence, masked: str, end: int,
                  published: dt.date | None) -> Draft | None:
    """The harmful event told before the measure that answers it ("300 were killed in
    flash floods, as authorities declared a state of emergency"), with that part's
    counts and places; the measure keeps the rest."""
    found = happened(masked[:end], masked)
    if found is None or found[0].weak or has_flag(found[0].event_type, "harmless"):
        return None
    base = sentence.span[0]
    cause = clause_draft(sentence, masked, (0, end), found[0], False, published, [])
    cause.counts = [c for c in cause.counts if c.start < base + end]
    if not any(c.noun in {"dead", "injured"} for c in cause.counts):
        return None
    draft.counts = [c for c in draft.counts if c.start >= base + end]
    return cause


_AND_AGAIN = re.compile(r"\band\s+again\s+(?:in|on|last|this|early|late)\b", re.IGNORECASE)


def again_on(draft: Draft, sentence: Sentence) -> Draft | None:
    """"Mogadishu, which was attacked by al-Shabab in July 2019 ... and again in January
    2023": the same kind of event at the same place on a day of its own is another
    incident (one event per place and day)."""
    again = _AND_AGAIN.search(sentence.text)
    if again is None or draft.first is None:
        return None
    base = sentence.span[0]
    after = base + again.start()
    days = [(d.date, d.date) for d in sentence.dates if after <= d.start <= after + 40]
    days += [(p.first, p.last) for p in sentence.periods if after <= p.start <= after + 40]
    if not days or days[0][0] == draft.first:
        return None
    first, last = days[0]
    if draft.last is not None and draft.last >= first > draft.first:
        # "turned into riots on Friday night and again on Saturday night": the first
        # night's event ends before the second's day
        before = [d.date for d in sentence.dates if d.start < after and d.date < first]
        draft.last = max(before, default=draft.first)
    return Draft(
        event_type=draft.event_type, sub_event_type=draft.sub_event_type,
        status=draft.status, weak=False, sentence=sentence.index,
        sentences=[sentence.index], first=first, last=last, dated=True,
        scenes=list(draft.scenes), roled=list(draft.roled), counts=[], radii=[],
        score=draft.score, rank=draft.rank, separate=True,
    )


_DAYS_AFTER = re.compile(
    r",\s+(?:(?:just|only|barely|exactly)\s+)?(?:(?:a|an|one|two|three|four|five|six|seven|\d+)\s+)"
    r"(?:days?|weeks?)\s+after\s+", re.IGNORECASE)
"""", one day after ...", ", two weeks after ...": the clause after it tells an earlier
event than the sentence's own."""


def earlier_in_passing(draft: Draft, sentence: Sentence,
                       published: dt.date | None) -> Draft | None:
    """"A soldier died in a shootout in Guanajuato, one day after five soldiers were killed
    in an ambush in Sinaloa": an event the sentence's own one came days after, told with
    a toll and a place of its own, is another incident (an aside of the story), dated
    that many days before the draft's day.  The draft keeps what comes before it."""
    if draft.weak or draft.status != "new":
        return None
    # typing the sentence blanked the reference; here it is read, if it says enough
    after = _DAYS_AFTER.search(sentence.text)
    if after is None:
        return None
    masked = without_references(sentence.text[: after.start()])
    masked += sentence.text[after.start() :]
    base = sentence.span[0]
    if any(r.mention.start >= base + after.start() for r in draft.scenes):
        return None  # the sentence's own place is named after it: not an aside
    found = happened(masked[after.end() :], masked)
    if found is None or found[0].weak or has_flag(found[0].event_type, "harmless"):
        return None
    hit, begin = found
    start = after.end() + begin
    earlier = clause_draft(sentence, masked, (after.end(), len(masked)), hit, False, published,
                           [], other=True)  # fmt: skip
    own = [s for s in earlier.scenes if s.mention.start >= base + after.end()]
    if not own or not any(c.noun in {"dead", "injured"} and c.start >= base + start
                          for c in earlier.counts):
        return None  # "one day after the attack": named, not told
    earlier.scenes = own
    earlier.counts = [c for c in earlier.counts if c.start >= base + after.end()]
    draft.counts = [c for c in draft.counts if c.start < base + after.start()]
    earlier.aside = earlier.separate = True
    gap = days_before(after.group(0))
    own_day = any(d.start >= base + after.end() for d in sentence.dates)
    if gap is not None and draft.dated and draft.first is not None and not own_day:
        earlier.first = earlier.last = draft.first - dt.timedelta(days=gap)
        earlier.dated = True
    return earlier


_DAYS_AFTER = re.compile(
    r",?\s+(?:(?:only|just)\s+)?(?P<gap>the\s+day|(?:a|one|two|three|four|five|six|seven|\d+)"
    r"\s+days?)\s+after\s+",
    re.IGNORECASE,
)


def dated_before_the_day_told(draft: Draft, sentence: Sentence) -> None:
    """"... outside the nursery on October 7, 2022, the day after a former police officer
    killed 37 people in a mass shooting there": an event told after "the day after" a
    stated date happened that many days before it, not on it."""
    if not draft.dated or draft.first != draft.last or not draft.cue:
        return
    base = sentence.span[0]
    for ref in sentence.dates:
        if ref.date != draft.first:
            continue
        found = _DAYS_AFTER.match(sentence.text, ref.end - base)
        if found is None or sentence.text.lower().find(draft.cue, found.end()) < 0:
            continue
        gap = found.group("gap").lower()
        days = 1 if gap.startswith("the") else days_before(f"{gap} after")
        if days:
            draft.first = draft.last = ref.date - dt.timedelta(days=days)
        return
