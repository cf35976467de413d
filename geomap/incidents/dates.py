"""When an incident happened: the dates of its main clause, "since" ranges, the
section's last date for an undated one, and whether a clause recalls history
(``background``) or states something not yet happened."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from geomap.event_types import FAMILIES, classify
from geomap.incidents.happened import ranks_an_event
from geomap.incidents.sentences import LOOK_BACK, Sentence, clauses, dated_where_named, same_thing
from geomap.records import DateRef, Period

if TYPE_CHECKING:
    from geomap.incidents.triggers import Draft

__all__ = ["RECENT_DAYS", "TOLL_ROSE_ON", "date_precision", "date_undated", "dates_in",
           "is_background", "is_future", "participle_dates", "sentence_dates"]  # fmt: skip

RECENT_DAYS = 45
"""A date or period ending this long before publication is history, not news."""


_BACKGROUND = re.compile(
    r"\b(?:historic(?:al)?|fought\s+in|had\s+been\s+(?:held|detained|captured|imprisoned)(?:\s+captive)?\s+(?:since|for)\b|"
    r"years?\s+ago|decades?\s+ago|(?:two|three|four|five|six|several|\d+)\s+years\s+(?:earlier|before)|anniversary|in\s+the\s+past(?!\s+(?:[\w-]+\s+)?(?:years?|months?|weeks?|days?|hours?|decades?)\b)|previously|back\s+in|"
    r"(?:(?:First|Second)\s+World\s+War|World\s+War\s+(?:I|II|One|Two|1|2))"
    r"(?!\s*(?:-era\s+|era\s+)?(?:bombs?|shells?|ordnance|munitions?|mines?|grenades?))|"
    r"remembered|commemorat\w+|"
    r"memorial|since\s+then|(?:the\s+)?(?:most\s+recent|previous|last)\s+(?:major\s+|big\s+|"
    r"deadly\s+|similar\s+|large\s+)+(?:earthquake|quake|flood|storm|attack|bombing|blast))\b",
    re.IGNORECASE,
)


_PRESENT_OCCASION = re.compile(
    r"\b(?:during|at|near|outside|attending|attended|marking|to\s+mark)\s+"
    r"(?:(?:a|an|the|this|this\s+year's|its|their)\s+)?(?:[\w'\u2019-]+\s+){0,2}?$",
    re.IGNORECASE,
)
""""Twin explosions occurred during a memorial ceremony", "a rally marking the anniversary":
a remembrance held now is where today's event happened, not the history it recalls."""


_GATHERING_AFTER = re.compile(
    r"\s+(?:ceremony|ceremonies|service|services|procession|event|gathering|march|rally|"
    r"parade|mass|prayers?|vigil|celebrations?)\b", re.IGNORECASE)
"""A remembrance held as an event ("ripped through a memorial ceremony")."""


def _recalls_history(clause: str) -> bool:
    """Whether a cue of history ("memorial", "anniversary", "years ago") is in the clause,
    other than a present occasion the event happened at."""
    for cue in _BACKGROUND.finditer(clause):
        word = cue.group().lower()
        occasion = word.startswith(("memorial", "commemorat", "anniversary"))
        if not (occasion and (_PRESENT_OCCASION.search(clause, max(0, cue.start() - 60),
                                                       cue.start())
                              or _GATHERING_AFTER.match(clause, cue.end()))):
            return True
    return False


_YEAR_EVENT = re.compile(
    r"\b(?:the|a|an|its|their|his|her|since|after|before|despite)\s+(?:\w+\s+){0,2}?"
    r"(?P<year>(?:19|20)\d\d)(?:'s)?\s+(?:[A-Z][\w-]*\s+){0,2}(?:\w+\s+)?"
    r"(?:earthquakes?|quakes?|tsunamis?|floods?|flooding|hurricanes?|cyclones?|typhoons?|"
    r"storms?|eruptions?|fires?|wildfires?|blasts?|explosions?|bombings?|attacks?|"
    r"massacres?|wars?|uprising|revolt|revolution|coup|invasion|offensive|crash|disaster|"
    r"deal|agreement|accord|ceasefire|truce|protests?|riots?|derailment|collapse)\b"
)
"""An event named by its year, as one names history: "the 2005 Kashmir earthquake"."""
_SINCE_BEFORE = re.compile(r"\b(?:since|from)\s+(?:last\s+)?$", re.IGNORECASE)


def is_future(sentence: Sentence, start: int, end: int, published: dt.date | None) -> bool:
    """Whether the clause is dated after publication ("next week"): not yet an incident."""
    if published is None:
        return False
    dated = [p.first for p in sentence.periods if start <= p.start < end]
    dated += [d.date for d in sentence.dates if start <= d.start < end]
    return bool(dated) and min(dated) > published


_MONTHS = "|".join(calendar.month_name[1:])
_FRONTED_PAST = re.compile(
    rf"^\W*(?:(?:[Bb]ack\s+)?[Ii]n|[Ee]arlier\s+in|[Bb]y)\s+(?:(?:early|late|mid-?)\s*)?"
    rf"(?:(?:{_MONTHS})(?:\s+(?:19|20)\d\d)?|(?:19|20)\d\d|the\s+(?:previous|preceding|prior)"
    rf"\s+(?:month|year))\s*,",
)
"""A sentence that opens on a month or year: "In October 2017, ...", "In April, ..."."""


def is_background(
    clause: str, start: int, end: int, sentence: Sentence, published: dt.date | None
) -> bool:
    """Whether a clause (with reference clauses blanked) recalls the past."""
    if _recalls_history(clause):
        return True
    if _YEAR_EVENT.search(clause):
        return True  # "the 2005 Kashmir earthquake", "despite a 2015 peace deal": history
    if not sentence.article_dated and sentence.index >= 2 and _FRONTED_PAST.match(sentence.text):
        # "In October 2017, at least 300 people were killed": without a publication date
        # to measure it by, a month or year set before a later sentence is a recollection
        return True
    if published is None:
        return False
    horizon = published - dt.timedelta(days=RECENT_DAYS)
    for item in [*sentence.periods, *sentence.dates]:
        if not (start <= item.start < end) or clause[item.start - start] == " ":
            continue
        last = item.last if isinstance(item, Period) else item.date
        if isinstance(item, Period):
            if item.open_start or ranks_an_event(sentence.text, item.start - sentence.span[0]):
                continue  # "the third flood to hit the valley in the past year": a ranking
            if (item.last - item.first).days > 31 and item.last < published:
                return True  # "last year", "the second half of 2023"
            if item.first.day == 1 and item.last < published.replace(day=1) and (
                    item.last + dt.timedelta(days=1)).day == 1:
                return True  # "In August, a massive fire near Marathon", told in September
        if last < horizon:
            return True
    return False


def sentence_dates(
    sentence: Sentence,
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
        (a, b) for a, b in clauses(sentence)
        if (a, b) != main
        and not is_background(masked[a:b], base + a, base + b, sentence, published)
    ]  # fmt: skip
    for spans in ([main], other_spans):

        def usable(item, spans=spans) -> bool:
            offset = item.start - base
            return any(a <= offset < b for a, b in spans) and masked[offset] != " "

        found = dates_in(
            sentence,
            [r for r in sentence.dates if usable(r)],
            [p for p in sentence.periods if usable(p)
             and not ranks_an_event(sentence.text, p.start - base)],
            published,
        )
        if found[0] is not None:
            return _since_it_began(sentence, masked, found)
    return None, None


def _since_it_began(
    sentence: Sentence, masked: str, found: tuple[dt.date | None, dt.date | None]
) -> tuple[dt.date | None, dt.date | None]:
    """"The attack began Thursday, but police were still battling gang members on
    Monday": the incident runs from the day the sentence says it began."""
    began = _IT_BEGAN.search(masked)
    first, last = found
    if began is None or first is None:
        return found
    base = sentence.span[0]
    days = [d.date for d in sentence.dates if 0 <= d.start - base - began.end() <= 12]
    if days and min(days) < first:
        return min(days), last
    return found


_PARTICIPLE = re.compile(r"\s*(?:after|before|while|when|by)\s+[a-z]+ing\b", re.IGNORECASE)


def participle_dates(
    sentence: Sentence,
    masked: str,
    main: tuple[int, int],
    published: dt.date | None,
) -> tuple[dt.date | None, dt.date | None, bool]:
    """(first, last, whether history) of the clause right after the main one when it is
    a participle of the same subject ("took control of Gezira after seizing the capital
    Wad Madani in December 2023"): its date is the main clause's act's too."""
    base = sentence.span[0]
    spans = clauses(sentence)
    k = spans.index(main) if main in spans else -1
    if k < 0 or k + 1 >= len(spans):
        return None, None, False
    a, b = spans[k + 1]
    if not _PARTICIPLE.match(masked, a):
        return None, None, False

    def usable(item) -> bool:
        return a <= item.start - base < b and masked[item.start - base] != " "

    first, last = dates_in(sentence, [r for r in sentence.dates if usable(r)],
                           [p for p in sentence.periods if usable(p)], published)  # fmt: skip
    if first is None:
        return None, None, False
    return first, last, is_background(masked[a:b], base + a, base + b, sentence, published)


def dates_in(
    sentence: Sentence,
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


_DEFINITE = re.compile(r"\b(?:the|this|that|its|their)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
"""A later sentence that dates an undated incident speaks of it ("the strike happened on
Monday"), not of its kind in general ("drone strikes have been a feature since 2022")."""


_NIGHT_DAYS = 1
"""How many days a period may span and still date an incident told after it ("overnight",
"Saturday night")."""


def date_undated(
    draft: Draft,
    sentences: Sequence[Sentence],
    published: dt.date | None,
    story: range = range(0),
) -> None:
    """An incident its own sentences do not date takes, in turn: a date a later sentence
    of its story gives it ("the attack happened Monday night"), the day its own
    sentence says it was reported ("police said Tuesday"), the day the story was filed
    (its dateline), the closest earlier date of its section, else the week before
    publication (UCDP precision 3).  History stays undated."""
    if draft.status == "background" or (draft.first is not None and not draft.toll_day):
        return
    if (day := _day_next_to_the_last(draft, sentences)) is not None:
        draft.first = draft.last = day
        return
    for index in range(0) if draft.aside else story:
        later = sentences[index]
        if index in draft.sentences or later.heading:
            continue
        if _IT_HAPPENED.search(later.text) and (later.dates or later.told):
            # "The incidents were said to have occurred on Friday": the day it happened,
            # however the sentence reports it
            days = [d.date for d in (later.dates or later.told)]
            if draft.first is None or max(days) <= draft.first:
                draft.first, draft.last = min(days), max(days)
            return
        if not later.dates or draft.first is not None:
            continue  # (a day its toll rose on moves only for the day it happened)
        hit = classify(later.text)
        if _IT_BEGAN.search(later.text) or same_thing(later, sentences[draft.sentence]) or (
                hit is not None and (
            hit.weak
            or (FAMILIES.get(hit.event_type) == draft.family
            and _DEFINITE.search(later.text, max(0, hit.start - 24), hit.start))
        )):
            draft.first = min(d.date for d in later.dates)
            draft.last = max(d.date for d in later.dates)
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
    if published is not None:
        draft.first, draft.last = published - dt.timedelta(days=6), published


_NEXT_TO = re.compile(
    r"\b(?:the\s+(?P<before>previous|preceding)|the\s+(?P<after>next|following))\s+"
    r"(?:day|morning|afternoon|evening|night)\b|\b(?:the\s+day|a\s+day|one\s+day)\s+"
    r"(?:(?P<before2>before|earlier)|(?P<after2>after|later))\b(?!\s+(?:the|a|an|its|their)\b)",
    re.IGNORECASE,
)


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


TOLL_ROSE_ON = re.compile(
    r"\btoll\b[^.;]{0,100}?\b(?:rose|risen|climbed|reached|increased|jumped)\b[^.;]{0,60}?"
    r"\b(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b",
    re.IGNORECASE,
)
""""The death toll from a coal mine explosion rose to at least 40 people Saturday": the
day the toll rose, not the day the explosion happened."""
_IT_HAPPENED = re.compile(
    r"\b(?:it|the\s+(?:incidents?|attacks?|abductions?|kidnappings?|killings?|raids?|"
    r"explosions?|blasts?|shootings?|accident|crash|act|assault|ambush|massacre|bombing|"
    r"strikes?|collapse))\s+(?:was|were|is|are|had)?\s*"
    r"(?:(?:said|reported|believed|thought)\s+to\s+have\s+)?"
    r"(?:occurred|happened|taken\s+place|took\s+place)\b",
    re.IGNORECASE,
)
""""The incidents were said to have occurred on Friday": the day a story's incident
happened, told later in the story."""
_IT_BEGAN = re.compile(
    r"\b(?:it|the\s+(?:fire|blaze|wildfire|flooding|floods?|fighting|storm|outbreak|"
    r"eruption|siege|offensive|protests?|unrest|riots?|attacks?|assault|clashes))\s+"
    r"(?:first\s+)?(?:began|started|"
    r"broke\s+out|erupted|ignited|sparked)\b",
    re.IGNORECASE,
)
""""Since it began Thursday, the fire has swept through 35,711 acres": the day a story's
incident started, told later in the story."""


def date_precision(first: dt.date | None, last: dt.date | None) -> int | None:
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
