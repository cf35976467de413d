"""When an incident happened: the dates of its main clause, "since" ranges, and whether
a clause recalls history (``background``) or states something not yet happened (an
incident its own sentences do not date: :mod:`geomap.incidents.undated`)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING

from geomap.incidents.happened import ranks_an_event
from geomap.incidents.sentences import Sentence, clauses
from geomap.records import DateRef, Period

if TYPE_CHECKING:
    pass

__all__ = ["IT_BEGAN", "RECENT_DAYS", "TOLL_ROSE_ON", "date_precision", "dates_in", "is_background",
           "is_future", "participle_dates", "sentence_dates"]  # fmt: skip

RECENT_DAYS = 45
"""A date or period ending this long before publication is history, not news."""


_BACKGROUND = re.compile(
    r"\b(?:historic(?:al)?|fought\s+in|had\s+been\s+(?:held|detained|captured|imprisoned)(?:\s+captive)?\s+(?:since|for)\b|"
    r"years?\s+ago|decades?\s+ago|(?:two|three|four|five|six|several|\d+)\s+years\s+(?:earlier|before)|anniversary|in\s+the\s+past(?!\s+(?:[\w-]+\s+)?(?:years?|months?|weeks?|days?|hours?|decades?)\b)|previously|back\s+in|"
    r"(?:(?:First|Second)\s+World\s+War|World\s+War\s+(?:I|II|One|Two|1|2))"
    r"(?!\s*(?:-era\s+|era\s+)?(?:bombs?|shells?|ordnance|munitions?|mines?|grenades?))|"
    r"remembered|commemorat\w+|"
    # a battle known by its name is history: "captured at the Battle of Richmond"
    r"(?-i:Battle)\s+of\s+(?:the\s+)?(?-i:[A-Z])\w+|"
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
    began = IT_BEGAN.search(masked)
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


IT_BEGAN = re.compile(
    r"\b(?:it|the\s+(?:fire|blaze|wildfire|flooding|floods?|fighting|storm|outbreak|"
    r"eruption|siege|offensive|protests?|unrest|riots?|attacks?|assault|clashes))\s+"
    r"(?:first\s+)?(?:began|started|"
    r"broke\s+out|erupted|ignited|sparked)\b",
    re.IGNORECASE,
)
""""Since it began Thursday, the fire has swept through 35,711 acres": the day a story's
incident started, told later in the story."""


TOLL_ROSE_ON = re.compile(
    r"\btoll\b[^.;]{0,100}?\b(?:rose|risen|climbed|reached|increased|jumped)\b[^.;]{0,60}?"
    r"\b(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b",
    re.IGNORECASE,
)
""""The death toll from a coal mine explosion rose to at least 40 people Saturday": the
day the toll rose, not the day the explosion happened."""
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
