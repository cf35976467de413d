"""Dates and periods the article states, resolved with dateparser against its
publication date: "January 3, 2024", "on Wednesday", "yesterday", "last year", "since
2022", "in February 2022"."""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re

import dateparser
from dateutil import easter

from geomap.facts.numbers import NUMBER_WORD, non_overlapping, number_value
from geomap.geoparse.vehicle_models import makes
from geomap.records import EARLIEST_DATE, LATEST_DATE, DateRef, Period

__all__ = ["ABSOLUTE_DATES", "MONTH", "find_dates", "find_periods", "parse_date"]

MONTH = (
    "(?:"
    + "|".join(
        [*calendar.month_name[1:], *(rf"{abbr}\.?" for abbr in calendar.month_abbr[1:]), r"Sept\.?"]
    )
    + ")"
)
_WEEKDAY = "(?:" + "|".join(calendar.day_name) + ")"
_DAY_INDEX = {name: k for k, name in enumerate(calendar.day_name)}
_TODAY = re.compile(r"\bthis\s+(?:morning|afternoon|evening)|\btoday\b", re.IGNORECASE)
"""A part of the day of publication: "this morning", "earlier this afternoon"."""
ORDINAL = r"(?:st|nd|rd|th)?"
ABSOLUTE_DATES = (
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(rf"\b{MONTH}\s+\d{{1,2}}{ORDINAL}(?:,?\s+\d{{4}})?\b"),
    re.compile(rf"\b\d{{1,2}}{ORDINAL}\s+(?:of\s+)?{MONTH}(?:,?\s+\d{{4}})?\b"),
)
_RELATIVE_DATES = (
    re.compile(rf"\b(?P<prefix>next\s+|this\s+coming\s+|(?P<last>[Ll]ast\s+))?{_WEEKDAY}\b"),
    re.compile(
        r"\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night|"
        r"last\s+evening|(?:early\s+|earlier\s+)?this\s+(?:morning|afternoon|evening)|"
        r"earlier\s+today|"
        rf"(?:\d+|{NUMBER_WORD})\s+days?\s+ago)\b",
        re.IGNORECASE,
    ),
)
_HOLIDAY = re.compile(
    r"\b(?P<holiday>Easter\s+(?:Sunday|Monday|Day)|Good\s+Friday|Christmas\s+(?:Day|Eve)|"
    r"New\s+Year['\u2019]s\s+(?:Day|Eve)|Boxing\s+Day)\b"
)
"""A holiday that is a day: "the Easter Sunday bombings", "on Christmas Eve"."""
_HOLIDAY_DAYS = 14
"""How long after a holiday a report names it as the day of its news without "on"."""
_ON_BEFORE = re.compile(r"\b(?:on|since|until|over|during|before|after)\s+$", re.IGNORECASE)
_NAMED_AFTER_HOLIDAY = re.compile(r"\s+(?:Agreement|Accord|Offensive|Uprising|Rising)\b")
_DAY_OF_MONTH = re.compile(
    r"\b(?:[Oo]n|[Ss]ince|[Uu]ntil|[Bb]y)\s+the\s+(?:(?:morning|afternoon|evening|night)\s+of\s+"
    r"the\s+)?(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)\b(?=\s*(?:[,.;:)]|at\b|and\b|$))"
)
""""On the morning of the 29th, at 9:03 AM", "on the 29th.": a day of the month with
neither month nor year, as reports translated from Korean or Japanese write a date."""
_HAS_YEAR = re.compile(r"\d{4}")
_NAME_BEFORE_DAY = re.compile(
    r"\b(?:Good|Black|Super|Ash|Cyber|Holy|Easter|Bloody|Maundy|Shrove|Giving|USA|Psychology)"
    r"\s+$"
)
_NAME_AFTER_DAY = re.compile(
    r"\s+(?:School|Night|Times|Mail|Telegraph|Herald|Post|Mass|Service|Show|Club)\b"
)
_DATE_AFTER_DAY = re.compile(rf",?\s+(?:{MONTH}\s+\d|\d{{1,2}}{ORDINAL}\s+{MONTH})")
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:;\"\u201c\u2018(\n]\s*)$")
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|shall|scheduled|expected|due|plans?|planned|set\s+to|upcoming)\b[^.!?]{0,40}$",
    re.IGNORECASE,
)


def find_dates(text: str, published: dt.date | None) -> list[DateRef]:
    """Dates the text states, resolved with dateparser.

    Relative expressions (weekdays, "yesterday", "3 days ago") and a day and
    month without a year need ``published``; without it they are skipped.
    A bare weekday is the latest such day on or before publication: news
    writes "said Wednesday" on the Wednesday itself.
    """
    found: list[DateRef] = []
    for match in non_overlapping(p.finditer(text) for p in ABSOLUTE_DATES):
        phrase = match.group(0)
        if _HAS_YEAR.search(phrase):
            date = parse_date(phrase, base=None, prefer="past")
            relative = False
        elif published is not None:
            date = _nearest(phrase, published)
            relative = True
        else:
            continue
        if date is not None:
            found.append(DateRef(match.start(), match.end(), phrase, date, relative))
    taken_starts = [ref.start for ref in found]  # sorted and non-overlapping
    taken_ends = [ref.end for ref in found]
    if published is not None:
        for match in non_overlapping(p.finditer(text) for p in (_HOLIDAY, _DAY_OF_MONTH)):
            k = bisect.bisect_left(taken_starts, match.end()) - 1
            if k >= 0 and taken_ends[k] > match.start():
                continue
            holiday = match.re is _HOLIDAY
            date = (_holiday(match.group("holiday"), published) if holiday
                    else _day_of_month(int(match.group("day")), published))
            if holiday and date is not None and (
                    _NAMED_AFTER_HOLIDAY.match(text, match.end())
                    or ((published - date).days > _HOLIDAY_DAYS
                        and not _ON_BEFORE.search(text, max(0, match.start() - 12),
                                                  match.start()))):
                continue  # "the Good Friday Agreement", "the Good Friday march" of last year
            if date is not None:
                start = match.start() if holiday else match.start("day")
                found.append(DateRef(start, match.end(), text[start : match.end()], date, True))
        found.sort(key=lambda ref: ref.start)
        taken_starts = [ref.start for ref in found]
        taken_ends = [ref.end for ref in found]
        for match in non_overlapping(p.finditer(text) for p in _RELATIVE_DATES):
            # The only absolute date that can overlap is the last one starting before it ends.
            k = bisect.bisect_left(taken_starts, match.end()) - 1
            if (k >= 0 and taken_ends[k] > match.start()) or _is_name(text, match):
                continue
            date = _resolve_relative(text, match, published)
            if date is not None:
                found.append(DateRef(match.start(), match.end(), match.group(0), date, True))
    return sorted((_local_day(text, ref) for ref in found), key=lambda ref: ref.start)


_GMT_BEFORE_DAY = re.compile(
    r"\b(?P<local>\d{1,2})(?:[:.]\d{2})?\s*(?P<half>[ap])\.?\s?m\b\.?(?:\s+local\s+time)?\s*"
    r"\(\s*(?P<gmt>\d{1,2})[:.]?\d{2}\s*(?:hrs\s+)?(?:GMT|UTC)\s*,?\s*(?:on\s+)?$",
    re.IGNORECASE,
)
_CLOSES = re.compile(r"\s*\)")


def _local_day(text: str, ref: DateRef) -> DateRef:
    """"The landslide hit the village at around 6 am (2200 GMT Friday)": a day given in
    brackets for Greenwich time is the local day one earlier or later when the local
    clock time before it is on the other side of midnight (no zone is more than 14 hours
    from Greenwich)."""
    found = _GMT_BEFORE_DAY.search(text, max(0, ref.start - 60), ref.start)
    if found is None or not _CLOSES.match(text, ref.end):
        return ref
    local = int(found.group("local")) % 12 + (12 if found.group("half").lower() == "p" else 0)
    gap = local - int(found.group("gmt"))
    shift = 1 if gap < -12 else -1 if gap > 14 else 0
    if shift == 0:
        return ref
    return DateRef(ref.start, ref.end, ref.text, ref.date + dt.timedelta(days=shift),
                   ref.relative)


def _holiday(name: str, published: dt.date) -> dt.date | None:
    """The latest such holiday on or before publication (news tells of a holiday past)."""
    words = " ".join(name.split()).replace("\u2019", "'").lower()
    for year in (published.year, published.year - 1):
        if words.startswith("easter") or words == "good friday":
            sunday = easter.easter(year)
            day = sunday + dt.timedelta(days={"easter monday": 1, "good friday": -2}.get(words, 0))
        elif words.startswith("christmas"):
            day = dt.date(year, 12, 24 if words.endswith("eve") else 25)
        elif words == "boxing day":
            day = dt.date(year, 12, 26)
        elif words.endswith("eve"):  # New Year's Eve
            day = dt.date(year, 12, 31)
        else:
            day = dt.date(year, 1, 1)
        if day <= published:
            return day
    return None


def _day_of_month(day: int, published: dt.date) -> dt.date | None:
    """The latest date with this day of the month on or before publication."""
    year, month = published.year, published.month
    for _ in range(2):
        if day <= calendar.monthrange(year, month)[1]:
            date = dt.date(year, month, day)
            if date <= published:
                return date
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def _is_name(text: str, match: re.Match[str]) -> bool:
    """ "Good Friday", "Sunday School", "USA Today"; or a weekday the next words date."""
    before = text[max(0, match.start() - 20) : match.start()]
    if _NAME_BEFORE_DAY.search(before) or _NAME_AFTER_DAY.match(text, match.end()):
        return True
    if match.re is _RELATIVE_DATES[0]:
        return _DATE_AFTER_DAY.match(text, match.end()) is not None
    return match.group(0)[0].isupper() and not _SENTENCE_OPENING.search(before)


def _resolve_relative(text: str, match: re.Match[str], published: dt.date) -> dt.date | None:
    phrase = match.group(0)
    if match.re is _RELATIVE_DATES[0]:
        future = _FUTURE_BEFORE.search(text, max(0, match.start() - 60), match.start())
        if match.group("last"):
            # "was killed there last Sunday": the day before publication would be
            # "yesterday", so "last" names one at least two days back
            day = published - dt.timedelta(days=2)
            return day - dt.timedelta(days=(day.weekday() - _DAY_INDEX[phrase.split()[-1]]) % 7)
        if match.group("prefix") or future:
            # The next such day on or after publication.
            return parse_date(phrase, base=published - dt.timedelta(days=1), prefer="future")
        # Base one day later, so that a weekday equal to publication's is that day.
        return parse_date(phrase, base=published + dt.timedelta(days=1), prefer="past")
    if phrase.lower() in {"tonight", "today"} or _TODAY.search(phrase):
        return published  # "in the early hours of this morning", "earlier today"
    if re.fullmatch(r"last\s+evening", phrase, re.IGNORECASE):
        return published - dt.timedelta(days=1)  # (which dateparser does not read)
    return parse_date(phrase, base=published, prefer="past")


def _nearest(phrase: str, published: dt.date) -> dt.date | None:
    """A day and month without a year: the occurrence closest to publication."""
    options = [parse_date(phrase, base=published, prefer=way) for way in ("past", "future")]
    dates = [date for date in options if date is not None]
    return min(dates, key=lambda date: abs(date - published)) if dates else None


_READABLE = (EARLIEST_DATE - dt.timedelta(days=366), LATEST_DATE + dt.timedelta(days=366))
"""Dates read from text: a year around the publication dates geomap accepts, so that
"Tuesday" in an article of 1 January 1800 is still a day, and year 1 or 9999 is none."""


@functools.lru_cache(maxsize=4096)
def parse_date(phrase: str, *, base: dt.date | None, prefer: str) -> dt.date | None:
    """dateparser's reading of ``phrase``; remembered, as a report repeats its dates and
    dateparser is most of the time spent on facts."""
    settings: dict[str, object] = {"PREFER_DATES_FROM": prefer}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time())
    try:
        parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    except (OverflowError, ValueError):  # "1 January 0001": dateparser's arithmetic overflows
        return None
    if parsed is None or not _READABLE[0] <= parsed.date() <= _READABLE[1]:
        return None
    return parsed.date()


# --- periods ---------------------------------------------------------------------

_PERIOD_LEAD = r"(?P<lead>\b(?:in|since|during|from|by|throughout|until|through)\s+)?"
_HALF = r"(?:(?P<half>first|second|latter)\s+half\s+of\s+)"
_NOT_A_CLOCK = (
    r"(?!\s*(?:GMT|UTC|IST|EST|EDT|CET|CEST|BST|PST|PDT|EAT|WAT|CAT|hrs|hours|local\s+time)\b)"
)
"""A 24-hour time is no year: "just after 4:00 p.m. (2000 GMT)", "at 1900 hours"."""
_NOT_A_MODEL_YEAR = rf"(?!\s+(?-i:{'|'.join(map(re.escape, sorted(makes())))})\b)"
"""Nor is a car's model year: "struck a 2003 Honda Accord", "driving a 2000 Mercury"."""
_PERIODS = (
    re.compile(
        rf"{_PERIOD_LEAD}(?P<earlier>earlier\s+)?(?:the\s+)?{_HALF}?(?:(?P<rel>last|this|next|the\s+past)\s+"
        rf"(?P<unit>year|month|week)|(?P<year>(?:19|20)\d\d)(?![-/]\d){_NOT_A_CLOCK}{_NOT_A_MODEL_YEAR})\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"{_PERIOD_LEAD}(?:(?:early|late|mid-?)\s*)?(?P<month>{MONTH})\s+"
        rf"(?P<myear>(?:19|20)\d\d)\b",
    ),
    re.compile(
        rf"\b(?P<n>\d+|{NUMBER_WORD})\s+(?P<agounit>years?|months?)\s+ago\b", re.IGNORECASE
    ),
    re.compile(
        r"\b(?:(?:at|over|during|on)\s+the|this|last|the\s+past)\s+(?P<weekend>weekend)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?P<overnight>overnight)\b", re.IGNORECASE),
    re.compile(
        rf"\b(?P<lead>(?:[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Tt]hroughout)\s+)"
        rf"(?:(?:early|late|mid-?)\s*)?(?P<bare>{MONTH})\b(?!\s*\d|,\s*(?:19|20)\d\d\b)",
    ),
    re.compile(
        rf"{_PERIOD_LEAD}(?:(?:early|late|mid-?)\s*)?\b[Ll]ast\s+(?P<lastmonth>{MONTH})\b"
        rf"(?!\s*\d)",
    ),
)
"""The last pattern: a month without a year after "in", "since" ("In April, the military
bombed ...", "In September, 59 people died": not "September 5" nor "September, 2024"):
the latest such month up to publication; it needs ``published``.  "Early last December"
is the latest such month before publication's."""


def find_periods(text: str, published: dt.date | None) -> list[Period]:
    """Stretches of time longer than a day: years, months, weeks, halves of a year.

    "since 2022" opens a period that runs to publication.  "last year" and
    other relative periods need ``published``; without it they are skipped.
    """
    found: list[Period] = []
    for match in non_overlapping(p.finditer(text) for p in _PERIODS):
        bounds = _period_bounds(match, published)
        if bounds is None:
            continue
        first, last = bounds
        if match.groupdict().get("earlier") and published is not None and first < published:
            # "Earlier this month": before the day the report tells of
            last = min(last, published - dt.timedelta(days=1))
        lead = (match.groupdict().get("lead") or "").strip().lower()
        open_start = lead in {"since", "from"}
        if open_start and published is not None and published > last:
            last = published
        start = match.start("lead") if match.groupdict().get("lead") else match.start()
        found.append(Period(start, match.end(), match.group(0).strip(), first, last, open_start))
    return found


def _period_bounds(
    match: re.Match[str], published: dt.date | None
) -> tuple[dt.date, dt.date] | None:
    groups = match.groupdict()
    if groups.get("month"):
        parsed = parse_date(f"{groups['month']} {groups['myear']}", base=None, prefer="past")
        if parsed is None:
            return None
        last_day = calendar.monthrange(parsed.year, parsed.month)[1]
        return parsed.replace(day=1), parsed.replace(day=last_day)
    if groups.get("bare"):
        if published is None:
            return None
        parsed = parse_date(f"{groups['bare']} {published.year}", base=None, prefer="past")
        if parsed is None:
            return None
        year = published.year - (parsed.month > published.month)
        last_day = calendar.monthrange(year, parsed.month)[1]
        return dt.date(year, parsed.month, 1), dt.date(year, parsed.month, last_day)
    if groups.get("lastmonth"):
        if published is None:
            return None
        parsed = parse_date(f"{groups['lastmonth']} {published.year}", base=None, prefer="past")
        if parsed is None:
            return None
        year = published.year - (parsed.month >= published.month)
        last_day = calendar.monthrange(year, parsed.month)[1]
        return dt.date(year, parsed.month, 1), dt.date(year, parsed.month, last_day)
    if groups.get("weekend"):
        if published is None:
            return None
        # the latest Saturday and Sunday up to publication ("killed ... at the weekend",
        # reported on Monday)
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        return saturday, min(saturday + dt.timedelta(days=1), published)
    if groups.get("overnight"):
        if published is None:
            return None
        # "drones struck Kharkiv overnight", reported in the morning: the night before
        return published - dt.timedelta(days=1), published
    if groups.get("agounit"):
        if published is None:
            return None
        value = number_value(groups["n"])
        if value is None:
            return None
        back = int(value) * (12 if groups["agounit"].lower().startswith("year") else 1)
        month_index = published.year * 12 + published.month - 1 - back
        year, month = divmod(month_index, 12)
        if groups["agounit"].lower().startswith("year"):
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        return dt.date(year, month + 1, 1), dt.date(
            year, month + 1, calendar.monthrange(year, month + 1)[1]
        )
    if groups.get("year"):
        year = int(groups["year"])
    else:
        if published is None:
            return None
        rel = re.sub(r"\s+", " ", groups["rel"].lower())
        unit = groups["unit"].lower()
        shift = {"last": -1, "the past": -1, "this": 0, "next": 1}[rel]
        if unit == "week":
            if rel == "the past":
                return published - dt.timedelta(days=7), published
            monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=shift)
            return monday, monday + dt.timedelta(days=6)
        if unit == "month":
            if rel == "the past":
                return published - dt.timedelta(days=30), published
            month_index = published.year * 12 + published.month - 1 + shift
            year, month = divmod(month_index, 12)
            month += 1
            return dt.date(year, month, 1), dt.date(
                year, month, calendar.monthrange(year, month)[1]
            )
        if rel == "the past":
            return published - dt.timedelta(days=365), published
        year = published.year + shift
    half = (groups.get("half") or "").lower()
    if half == "first":
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    if half in {"second", "latter"}:
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)

