"""Dating an incident its own sentences do not date, or date by another clause's day: a
later sentence that says when it happened ("The incident occurred on Friday", "Police
were called ... on Saturday"), the day it was reported, the story's dateline, the
section's last date, the day of a lede in the present perfect, else the week before
publication."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from geomap.event_types import CUES, FAMILIES, classify
from geomap.incidents.dates import IT_BEGAN, RECENT_DAYS
from geomap.incidents.references import days_before
from geomap.incidents.sentences import LOOK_BACK, Sentence, dated_where_named, same_thing

if TYPE_CHECKING:
    from geomap.incidents.triggers import Draft

__all__ = ["date_undated"]


_DAYS_OWN = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day['\u2019]s\s+(?:[\w-]+\s+)?$"
_DEFINITE = re.compile(rf"\b(?:(?:the|this|that|its|their)\s+(?:[\w-]+\s+)?$|{_DAYS_OWN})",
                       re.IGNORECASE)
"""A later sentence that dates an undated incident speaks of it ("the strike happened on
Monday", "Monday's explosion also injured 50"), not of its kind in general ("drone strikes
have been a feature since 2022")."""
_DAYS_OWN_CUE = re.compile(rf"\b{_DAYS_OWN}", re.IGNORECASE)
"""A day's possessive before the incident's noun ("Monday's explosion"): the day it
happened, also for one whose toll rose on another day."""


_NIGHT_DAYS = 1
"""How many days a period may span and still date an incident told after it ("overnight",
"Saturday night")."""


_DAYS_BEFORE_TOLD = 2
"""How far before its own sentence's day a later "the incident occurred on Friday" may
date an incident ("Police hunted on Saturday for an assailant hours after he killed
three"): the hunt's day is not the killing's."""


def _happened_the_day_before(draft: Draft, sentences: Sequence[Sentence],
                             story: range) -> None:
    """A later sentence of the story that says when the incident happened, a day or two
    before the day its own sentence gives, dates it."""
    assert draft.first is not None
    for index in story:
        later = sentences[index]
        if later.heading or not later.dates:
            continue
        began = IT_BEGAN.search(later.text)
        if began is not None and draft.last is not None:
            # "a brush fire was contained by Friday night" ... "The fire started Thursday,
            # died down and flared again Friday": it ran from the day it began
            start = later.span[0] + began.end()
            days = [d.date for d in later.dates if 0 <= d.start - start <= 12]
            if days and 0 < (draft.first - min(days)).days <= _DAYS_BEFORE_TOLD:
                draft.first = min(days)
                return
        if index in draft.sentences:
            continue
        if _IT_HAPPENED.search(later.text):
            days = [d.date for d in later.dates]
            if all(0 < (draft.first - day).days <= _DAYS_BEFORE_TOLD for day in days):
                draft.first, draft.last = min(days), max(days)
            return


def date_undated(
    draft: Draft,
    sentences: Sequence[Sentence],
    published: dt.date | None,
    story: range = range(0),
) -> None:
    """An incident its own sentences do not date takes, in turn: a date a later sentence
    of its story gives it ("the attack happened Monday night", "Police were called ... on
    Saturday", "before Friday's blaze"), the day its own sentence says it was reported
    ("police said Tuesday"), the day the story was filed (its dateline), the closest
    earlier date of its section, the day the story's lede says it was reported, the
    publication day for a lede in the present perfect ("has killed 13 soldiers"), else
    the week before publication (UCDP precision 3).  History stays undated."""
    if draft.status == "background":
        return
    if draft.first is not None and not draft.toll_day:
        if _dated_only_by_a_later_period(draft, sentences) and (
                day := _day_next_to_the_last(draft, sentences)) is not None:
            # "A day earlier, two villagers died in Puge county", then "flooding has
            # affected 390,000 people this week": the day before the last one told
            draft.first = draft.last = day
            return
        _happened_the_day_before(draft, sentences, story)
        return
    if (day := _day_next_to_the_last(draft, sentences)) is not None:
        draft.first = draft.last = day
        return
    if draft.toll_day and (day := _days_own(draft, sentences)) is not None:
        draft.first = draft.last = day
        return
    for index in range(0) if draft.aside else story:
        later = sentences[index]
        if index in draft.sentences or later.heading:
            continue
        if (later.dates and draft.first is None and index <= max(draft.sentences) + _RESPONSE_GAP
                and _RESPONDED.search(later.text)):
            # "One woman has died after being struck by a car" ... "Police were called to
            # the intersection just after 5 p.m. on Saturday": the day help came
            draft.first = min(d.date for d in later.dates)
            draft.last = max(d.date for d in later.dates)
            return
        if _IT_HAPPENED.search(later.text) and (later.dates or later.told):
            # "The incidents were said to have occurred on Friday": the day it happened,
            # however the sentence reports it
            days = [d.date for d in (later.dates or later.told)]
            if draft.first is None or max(days) <= draft.first:
                draft.first, draft.last = min(days), max(days)
            return
        if not later.dates or draft.first is not None:
            continue  # (a day its toll rose on moves only for the day it happened)
        if (day := _day_of_its_kind(draft, later)) is not None:
            draft.first = draft.last = day  # "... shut off just before Friday's blaze"
            return
        hit = classify(later.text)
        if IT_BEGAN.search(later.text) or same_thing(later, sentences[draft.sentence]) or (
                hit is not None and (
            hit.weak
            or (FAMILIES.get(hit.event_type) == draft.family
            and _DEFINITE.search(later.text, max(0, hit.start - 24), hit.start))
        )):
            draft.first = min(d.date for d in later.dates)
            draft.last = max(d.date for d in later.dates)
            if hit is not None and (gap := _AFTER_IT.search(later.text, 0, hit.start)):
                # "told of her death on March 23, about two days after the fire": the day
                # the sentence gives is that many days after the incident's
                shift = dt.timedelta(days=days_before(gap.group("gap") + " after") or 0)
                draft.first, draft.last = draft.first - shift, draft.last - shift
            return
    named = [d.date for d in dated_where_named(sentences, min(draft.sentences))]
    told = [d.date for i in draft.sentences for d in sentences[i].told]
    filed = [d.date for s in sentences[: min(draft.sentences) + 1] for d in s.filed]
    for found in (named, told, filed):
        if found:
            draft.first, draft.last = min(found), max(found)
            return
    first_sentence = min(draft.sentences)
    for index in range(first_sentence - 1, max(first_sentence - 1 - LOOK_BACK, -1), -1):
        earlier = sentences[index]
        if earlier.heading:
            break
        # a night the sentence before names ("sent dozens of drones overnight") is a day too
        days = [ref.date for ref in earlier.dates] + [
            p.first for p in earlier.periods if (p.last - p.first).days <= _NIGHT_DAYS]
        recent = [day for day in days
                  if published is None or day >= published - dt.timedelta(days=RECENT_DAYS)]
        if recent:
            draft.first = draft.last = max(recent)
            return
    lede = _lede_day(sentences, first_sentence, published)
    if lede is not None:
        draft.first = draft.last = lede
        return
    reported = [d.date for s in sentences[story.start : first_sentence] for d in s.told]
    if reported:
        # the day the story's lede says it was reported ("Thirty-seven people were hurt in
        # Shiraz, state media reported on Saturday"), before its incident is named
        draft.first, draft.last = min(reported), max(reported)
        return
    if published is not None and _news_of_the_day(sentences, first_sentence):
        draft.first = draft.last = published
        return
    if published is not None:
        draft.first, draft.last = published - dt.timedelta(days=6), published


_PRESENT_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:(?:now|just|reportedly|also)\s+)?(?:been\s+)?(?:[a-z]+ed|struck|hit|"
    r"left|torn|swept|shot|stabbed|burnt|blown|broken|caught|fallen|driven|thrown|taken|"
    r"beaten|stolen|found|sunk|spread|shaken|slain|fought|brought)\b")
"""A lede that tells its event in the present perfect ("A car bomb has killed 13
soldiers", "One woman has died after being struck by a car"): news of the day."""


def _news_of_the_day(sentences: Sequence[Sentence], index: int) -> bool:
    """Whether the incident's sentence is the report's lede (no sentence before it but a
    headline) and tells its event in the present perfect: a report gives its day's news
    so, and says "on Friday" of an earlier day."""
    before = [s for s in sentences[:index] if not s.heading]
    return (len(before) <= 1 and not any(s.dates or s.periods for s in before)
            and _PRESENT_PERFECT.search(sentences[index].text) is not None)


_RESPONSE_GAP = 2
"""How many sentences after its own a sentence of help arriving may date an incident."""
_RESPONDED = re.compile(
    r"\b(?:police|officers|deputies|troopers|firefighters|fire\s+crews|crews|paramedics|"
    r"emergency\s+(?:services|crews|workers)|rescuers|ambulances?)\b[^.;]{0,40}?"
    r"\b(?:(?:were|was)\s+(?:called|dispatched|summoned|alerted|sent)|responded|arrived)\b",
    re.IGNORECASE,
)
""""Police were called to the intersection just after 5 p.m. on Saturday", "Firefighters
responded at 2 a.m. Sunday": help came the day it happened."""
_AFTER_IT = re.compile(
    r"\b(?P<gap>(?:a|an|one|two|three|four|five|six|seven|\d+)\s+(?:days?|weeks?))\s+after\s+"
    r"(?:the|this|that|its|their)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
""""on March 23, about two days after the fire": the incident is that many days before."""


_NEXT_TO = re.compile(
    r"\b(?:the\s+(?P<before>previous|preceding)|the\s+(?P<after>next|following))\s+"
    r"(?:day|morning|afternoon|evening|night)\b|\b(?:the\s+day|a\s+day|one\s+day)\s+"
    r"(?:(?P<before2>before|earlier)|(?P<after2>after|later))\b(?!\s+(?:the|a|an|its|their)\b)",
    re.IGNORECASE,
)


_DAY_BEFORE_NOUN = re.compile(
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day['\u2019]s\s+(?P<noun>[\w-]+)(?:\s+(?P<then>[\w-]+))?")


def _day_of_its_kind(draft: Draft, later: Sentence) -> dt.date | None:
    """The day of a day's possessive before a word the event table types the incident's
    kind by ("a fire destroyed the building" ... "just before Friday's blaze"), in a later
    sentence of its story: the day it happened (a word whose cue needs more context, as
    "blaze" needs a building, still names the incident told before)."""
    for found in _DAY_BEFORE_NOUN.finditer(later.text):
        words = [w for w in found.group("noun", "then") if w]  # "Friday's deadly blaze"
        if not any(c.pattern.fullmatch(word) for word in words for c in CUES
                   if (c.event_type, c.sub_event_type) == draft.kind):
            continue
        offset = later.span[0] + found.start()
        days = [d.date for d in later.dates if d.start == offset]
        if days:
            return days[0]
    return None


def _days_own(draft: Draft, sentences: Sequence[Sentence]) -> dt.date | None:
    """The day a later sentence of the section gives the incident by its possessive
    ("Monday's explosion also left 50 injured"), for one whose own sentence dates only
    its rising toll ("the toll rose to 11 on Tuesday"): the day it happened."""
    for later in sentences[max(draft.sentences) + 1:]:
        if later.heading:
            return None
        hit = classify(later.text)
        if (hit is None or FAMILIES.get(hit.event_type) != draft.family
                or not _DAYS_OWN_CUE.search(later.text, max(0, hit.start - 24), hit.start)):
            continue
        days = [d.date for d in later.dates if d.start < later.span[0] + hit.start]
        if days:
            return max(days)
    return None


def _dated_only_by_a_later_period(draft: Draft, sentences: Sequence[Sentence]) -> bool:
    """Whether the incident's own first sentence states no day or period, and it is dated
    to a stretch of days (by a later sentence it took in)."""
    own = sentences[min(draft.sentences)]
    return draft.first != draft.last and not own.dates and not own.periods


def _day_next_to_the_last(draft: Draft, sentences: Sequence[Sentence]) -> dt.date | None:
    """"On Sunday, August 25, a video showing the corpses circulated. The previous
    morning, gunmen machine-gunned the civilians": the day before (or after, "the next
    day") the last day the story stated before the incident's sentence."""
    for index in sorted(set(draft.sentences)):
        sentence = sentences[index]
        found = _NEXT_TO.search(sentence.text)
        if found is None:
            continue
        offset = sentence.span[0] + found.start()
        step = -1 if (found.group("before") or found.group("before2")) else 1
        for back in range(index, max(index - LOOK_BACK - 1, -1), -1):
            told = [d for d in sentences[back].dates if d.start < offset]
            if told:
                return max(told, key=lambda d: d.start).date + dt.timedelta(days=step)
            if sentences[back].heading:
                break
        return None
    return None


def _lede_day(
    sentences: Sequence[Sentence], before: int, published: dt.date | None
) -> dt.date | None:
    """The one recent day the report's first dated sentence gives, when no sentence
    between it and ``before`` gives another ("Israeli strikes on three villages had
    killed 15 people Saturday" ... "two dead in an Israeli strike on Deir Billa"): a
    report of one day's events."""
    for sentence in sentences[:before]:
        if sentence.heading or not sentence.dates:
            continue
        days = {ref.date for ref in sentence.dates}
        if len(days) != 1 or any(s.dates and {r.date for r in s.dates} != days
                                 for s in sentences[sentence.index + 1 : before]):
            return None
        day = days.pop()
        if published is not None and not (
                published - dt.timedelta(days=RECENT_DAYS) <= day <= published):
            return None
        return day
    return None


_IT_HAPPENED = re.compile(
    r"\b(?:it|(?:the|these|those|this|that)\s+(?:incidents?|attacks?|abductions?|kidnappings?|"
    r"killings?|raids?|explosions?|blasts?|shootings?|accident|crash|act|assault|ambush|"
    r"massacre|bombing|strikes?|collapse|facts|events))\s+(?:was|were|is|are|had)?\s*"
    r"(?:(?:said|reported|believed|thought)\s+to\s+have\s+)?"
    r"(?:occurred|happened|taken\s+place|took\s+place)\b",
    re.IGNORECASE,
)
""""The incidents were said to have occurred on Friday", "These facts occurred at about
9:30 p.m. this Thursday" (news translated from Spanish, "los hechos ocurrieron"): the day
a story's incident happened, told later in the story."""
