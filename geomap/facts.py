"""Facts an article states near each place: radii, counts, dates and periods.

Finders work on plain text and return records with offsets into it;
``extract_facts`` then hands each fact to the place(s) it is stated about:
the places named in the same sentence or, when that sentence names none, the
most specific place of the closest earlier sentence that does (news
paragraphs are often one sentence long, so this look-back crosses paragraphs).

Decisions worth knowing:

* Vague amounts ("hundreds of prisoners", "dozens of homes") are not counts:
  a number would be invented. "a dozen" is 12.
* A count of one is kept only for casualties ("one person was killed"):
  "one man arrived" is narrative, not a tally.
* A casualty count is recorded with noun ``dead`` or ``injured`` (the thing
  counted is a casualty), so "at least 5 people were killed" gives
  ``Count(5, "dead", "at least")``.
* A radius goes to one place, never to a country, sea or broad region.  A
  radius with its own centre ("within 2 km of the damaged dam") goes to a place
  of its own sentence at most, never to one named earlier, and to no place when
  the centre is a site named after a place ("of the Campotosto dam").
* Weekdays and "yesterday" resolve against the publication date only; with no
  publication date they are dropped, as is a day and month with no year.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import dateparser
import pyproj

from geomap.records import (
    EARLIEST_DATE,
    LATEST_DATE,
    Article,
    Count,
    DateRef,
    GazetteerEntry,
    Mention,
    Period,
    Place,
    PlaceFacts,
    Radius,
)
from geomap.text import sentence_index, sentence_spans

__all__ = [
    "LENGTH_UNITS",
    "SPECIFICITY",
    "extract_facts",
    "find_counts",
    "find_dates",
    "find_periods",
    "find_radii",
    "specificity",
]

# --- numbers -----------------------------------------------------------------


def _words(spaced: str) -> list[str]:
    return spaced.split()


_UNITS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
)
_TENS = _words("twenty thirty forty fifty sixty seventy eighty ninety")
_SMALL_NUMBERS = {word: value for value, word in enumerate(_UNITS)} | {
    word: 10 * (index + 2) for index, word in enumerate(_TENS)
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NUMBER_WORD = r"(?:" + "|".join([*_SMALL_NUMBERS, *_SCALES, "dozen"]) + r")"
_WORD_NUMBER = (
    rf"(?:an?\s+(?:dozen|hundred|thousand|million)|{_NUMBER_WORD})"
    rf"(?:(?:\s+and\s+|[\s-]+){_NUMBER_WORD})*"
)
_DIGIT_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = rf"(?:(?:{_DIGIT_NUMBER})(?:\s+(?:million|billion|thousand))?|{_WORD_NUMBER})"


def _number_value(words: str) -> float | None:
    """Value of "1,200", "2.5 million", "twenty-five", "a dozen", "one hundred and six"."""
    if words[:1].isdigit():
        head, *scales = words.lower().split()
        value = float(head.replace(",", ""))
        for scale in scales:
            value *= _SCALES[scale]
        return value
    tokens = [token for token in re.split(r"[\s-]+", words.lower()) if token]
    total = current = 0
    for token in tokens:
        if token in {"a", "an"}:
            current = max(current, 1)
        elif token == "and":
            continue
        elif token == "dozen":
            current = max(current, 1) * 12
        elif token in _SMALL_NUMBERS:
            current += _SMALL_NUMBERS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in _SCALES:
            total += max(current, 1) * _SCALES[token]
            current = 0
        else:
            return None
    return float(total + current)


_QUALIFIER = (
    r"(?:more\s+than|fewer\s+than|less\s+than|at\s+least|at\s+most|up\s+to|as\s+many\s+as|"
    r"close\s+to|upwards\s+of|an\s+estimated|nearly|almost|about|around|approximately|"
    r"roughly|over|some|under|estimated)"
)

# --- radii -------------------------------------------------------------------

_PROJ_UNITS = pyproj.get_units_map()
LENGTH_UNITS: dict[str, float] = {
    "metre": _PROJ_UNITS["metre"].conv_factor,
    "kilometre": _PROJ_UNITS["kilometre"].conv_factor,
    "mile": _PROJ_UNITS["Statute mile"].conv_factor,
    "nautical mile": _PROJ_UNITS["nautical mile"].conv_factor,
    "yard": _PROJ_UNITS["yard"].conv_factor,
    "foot": _PROJ_UNITS["foot"].conv_factor,
}
"""Metres per unit, from PROJ's unit table."""

_UNIT_WORDS: dict[str, str] = {
    r"nautical\s+miles?|nmi": "nautical mile",
    r"kilomet(?:re|er)s?|kms?": "kilometre",
    r"met(?:re|er)s?|m": "metre",
    r"miles?|mi": "mile",
    r"yards?|yds?": "yard",
    r"feet|foot|ft": "foot",
}
_UNIT = "(?:" + "|".join(_UNIT_WORDS) + ")"
_RADIUS_NUMBER = rf"(?:half\s+an?|half|an?\s+half|an?\s+quarter|quarter\s+of\s+an?|{_NUMBER}|an?)"
_QUANTITY = (
    rf"(?P<num>{_RADIUS_NUMBER})\s*-?\s*(?P<unit>{_UNIT})\b(?![²³/]|\s*(?:per|an?\s+hour)\b)"
)
_PAREN = r"(?:\s*\([^()]{0,40}\))?"
_ZONE = (
    r"(?:(?:exclusion|evacuation|safety|security|no-go|buffer|danger|restricted|"
    r"quarantine|cordon(?:ed)?(?:-off)?)[\s-]+)?(?:radius|zone|perimeter|cordon|buffer)"
)
_APPROX = r"(?:(?:about|around|roughly|approximately|some|nearly|up\s+to)\s+)?"
_RADIUS_PATTERNS = (
    re.compile(
        rf"\b(?:within|inside)\s+(?:(?:a|an|the)\s+)?(?:radius\s+of\s+)?{_APPROX}"
        rf"{_QUANTITY}{_PAREN}(?:\s+{_ZONE})?",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?:radius|perimeter|cordon|zone)\s+of\s+{_APPROX}{_QUANTITY}", re.IGNORECASE),
    re.compile(rf"(?<![\w.,-]){_QUANTITY}{_PAREN}\s+{_ZONE}\b", re.IGNORECASE),
)


def _unit_metres(unit: str) -> float:
    for pattern, name in _UNIT_WORDS.items():
        if re.fullmatch(pattern, unit, re.IGNORECASE):
            return LENGTH_UNITS[name]
    raise ValueError(unit)


def _radius_value(words: str) -> float | None:
    normalized = re.sub(r"\s+", " ", words.lower())
    if normalized.startswith(("half", "a half", "an half")):
        return 0.5
    if "quarter" in normalized:
        return 0.25
    if normalized in {"a", "an"}:
        return 1.0
    return _number_value(words)


def find_radii(text: str) -> list[Radius]:
    """Stated distances around a place ("within a 500-meter (550-yard) radius").

    The first figure wins: a parenthetical conversion is not a second radius.
    """
    found: list[Radius] = []
    for match in _non_overlapping(p.finditer(text) for p in _RADIUS_PATTERNS):
        value = _radius_value(match.group("num"))
        if not value:
            continue
        metres = value * _unit_metres(match.group("unit"))
        found.append(Radius(match.start(), match.end(), match.group(0), round(metres, 3)))
    return found


def _non_overlapping(groups) -> list[re.Match[str]]:
    matches = sorted((m for group in groups for m in group), key=lambda m: (m.start(), -m.end()))
    kept: list[re.Match[str]] = []
    for match in matches:
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


# --- counts ------------------------------------------------------------------


def _lexicon(singulars: str, irregular: dict[str, str] | None = None) -> dict[str, str]:
    table: dict[str, str] = {}
    for word in singulars.split():
        if word.endswith("y") and word[-2] not in "aeiou":
            plural = word[:-1] + "ies"
        elif word.endswith(("s", "sh", "ch", "x")):
            plural = word + "es"
        else:
            plural = word + "s"
        table[word] = table[plural] = word
    return table | (irregular or {})


_PERSON_NOUNS = _lexicon(
    "person resident civilian soldier serviceman child villager inhabitant passenger worker "
    "student tourist migrant refugee firefighter officer miner pilot sailor "
    "victim patient hiker climber driver pedestrian citizen national employee prisoner "
    "captive hostage detainee troop fighter militant evacuee survivor member",
    {
        "people": "person",
        "children": "child",
        "women": "woman",
        "woman": "woman",
        "men": "man",
        "man": "man",
        "fishermen": "fisherman",
        "policemen": "policeman",
        "servicemen": "serviceman",
        "POWs": "prisoner",
    },
)
_THING_NOUNS = _lexicon(
    "home house building apartment flat structure dwelling household family school hospital "
    "shelter vehicle car truck bus train missile drone rocket shell bomb projectile grenade "
    "aircraft plane jet helicopter ship boat vessel tank village town settlement city "
    "business shop bridge church mosque animal",
    {"aircraft": "aircraft", "UAVs": "drone"},
)
_CASUALTY_NOUNS = {
    "dead": "dead",
    "killed": "dead",
    "deaths": "dead",
    "death": "dead",
    "fatalities": "dead",
    "fatality": "dead",
    "bodies": "dead",
    "body": "dead",
    "injured": "injured",
    "wounded": "injured",
    "injuries": "injured",
    "hurt": "injured",
    "missing": "missing",
    "casualties": "casualty",
    "casualty": "casualty",
}
_NOUNS = _PERSON_NOUNS | _THING_NOUNS | _CASUALTY_NOUNS
_STOP = _words(
    "and or of were was is are be been being have has had to in on at the a an for from "
    "with by said that which who whom whose this these those their its our his her them as "
    "than while but if when where after before into onto over under about per "
    "day days week weeks month months year years time times hour hours minute minutes "
    "night nights morning mornings evening evenings"
)
_STOP_WORDS = frozenset(_STOP)
_DETERMINER = r"(?:the|their|its|our|his|her|them|those|these|whom|which)"
_OF_DETERMINER = re.compile(rf"\s+of\s+{_DETERMINER}\b")
_NEXT_WORD = re.compile(r"\s+([A-Za-z][\w'\u2019-]*)")
_MODIFIERS_BEFORE_NOUN = 3
_INVARIANT = frozenset({"aircraft", "police", *_CASUALTY_NOUNS})
_OTHERS = re.compile(r"\s+(?:other|others|more)\b")
_CASUALTY_AFTER = re.compile(
    r"\s+(?:(?:were|was|have|has|had|been|are|is|being|reportedly|reported|confirmed|feared|"
    r"later|also|all)\s+){0,3}(?P<what>killed|dead|died|injured|wounded|hurt|missing)\b",
    re.IGNORECASE,
)
_CASUALTY_BEFORE = re.compile(
    rf"(?:\b(?P<kill>killed|killing|kills|kill|claimed|claiming)|"
    rf"\b(?P<hurt>injured|injuring|wounded|wounding)|"
    rf"\b(?P<toll>death\s+toll)\b[^.;]{{0,40}}?\b(?:to|at|of))\s+(?:{_QUALIFIER}\s+)?$",
    re.IGNORECASE,
)
_CASUALTY_WORDS = {
    "killed": "dead",
    "dead": "dead",
    "died": "dead",
    "injured": "injured",
    "wounded": "injured",
    "hurt": "injured",
    "missing": "missing",
}
_COUNT_NUMBER = re.compile(
    rf"(?<![\w$€£¥#.,:/-])(?:(?P<qual>{_QUALIFIER})\s+)?(?P<num>{_NUMBER})\b"
    rf"(?![%:/-]|\.\d|\s*(?:percent|per\s+cent|per)\b)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_NO_ONE = re.compile(r"\b(?:no|any|every|not)\s+$", re.IGNORECASE)


def find_counts(text: str) -> list[Count]:
    """Stated numbers of people, buildings, weapons and casualties.

    Years, ordinals, percentages, money, times and numbers inside names
    ("Su-34", "Tochka-U") are not counts; neither is a number with no counted
    noun after it unless it is a casualty figure ("killing 5", "40 injured").
    """
    dates = [m.span() for m in _non_overlapping(p.finditer(text) for p in _ABSOLUTE_DATES)]
    counts: list[Count] = []
    for match in _COUNT_NUMBER.finditer(text):
        number = match.group("num")
        if (
            _YEAR.fullmatch(number)
            or _NO_ONE.search(text, max(0, match.start() - 8), match.start())
            or any(start <= match.start("num") < end for start, end in dates)
        ):
            continue
        value = _number_value(number)
        if value is None or value != int(value) or value <= 0:
            continue
        count = _count_at(text, match, int(value))
        if count is not None:
            counts.append(count)
    return counts


def _count_at(text: str, match: re.Match[str], value: int) -> Count | None:
    start, end = match.start(), match.end()
    noun: str | None = None
    if (found := _counted_noun(text, end, value)) is not None:
        noun, end = found
    elif (others := _OTHERS.match(text, end)) is not None:
        noun, end = "other", others.end()
    if noun in _CASUALTY_NOUNS.values():
        pass
    elif noun is None or noun == "other" or noun in _PERSON_NOUNS.values():
        casualty, start, end = _casualty(text, start, end)
        if casualty is not None:
            noun = casualty
        elif noun in {None, "other"}:
            return None
    if value == 1 and noun not in _CASUALTY_NOUNS.values():
        return None  # "one man arrived", "one family": narrative, not a tally
    qualifier = match.group("qual")
    return Count(
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        noun=noun,
        qualifier=re.sub(r"\s+", " ", qualifier.lower()) if qualifier else None,
    )


def _counted_noun(text: str, position: int, value: int) -> tuple[str, int] | None:
    """(lemma, end) of the counted noun after a number, skipping a few modifiers.

    The noun must agree in number with the figure, so in "six high school
    seniors" the singular "school" is a modifier, not the thing counted.
    "one of the ..." is a way of speaking, not a count.
    """
    if value != 1 and (of := _OF_DETERMINER.match(text, position)) is not None:
        position = of.end()
    for _ in range(_MODIFIERS_BEFORE_NOUN + 1):
        word = _NEXT_WORD.match(text, position)
        if word is None:
            return None
        surface = word.group(1)
        lemma = _NOUNS.get(surface) or _NOUNS.get(surface.lower())
        if lemma is not None and _agrees(surface.lower(), lemma, value):
            return lemma, word.end()
        if surface.lower() in _STOP_WORDS:
            return None
        position = word.end()
    return None


def _agrees(surface: str, lemma: str, value: int) -> bool:
    return surface in _INVARIANT or (surface != lemma) == (value != 1)


def _casualty(text: str, start: int, end: int) -> tuple[str | None, int, int]:
    """("dead" | "injured" | "missing" | None, start, end): the span grows to the verb."""
    after = _CASUALTY_AFTER.match(text, end)
    if after is not None:
        return _CASUALTY_WORDS[after.group("what").lower()], start, after.end()
    before = _CASUALTY_BEFORE.search(text, max(0, start - 80), start)
    if before is not None:
        return ("injured" if before.group("hurt") else "dead"), before.start(), end
    return None, start, end


# --- dates -------------------------------------------------------------------

_MONTH = (
    "(?:"
    + "|".join(
        [*calendar.month_name[1:], *(rf"{abbr}\.?" for abbr in calendar.month_abbr[1:]), r"Sept\.?"]
    )
    + ")"
)
_WEEKDAY = "(?:" + "|".join(calendar.day_name) + ")"
_ORDINAL = r"(?:st|nd|rd|th)?"
_ABSOLUTE_DATES = (
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(rf"\b{_MONTH}\s+\d{{1,2}}{_ORDINAL}(?:,?\s+\d{{4}})?\b"),
    re.compile(rf"\b\d{{1,2}}{_ORDINAL}\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?\b"),
)
_RELATIVE_DATES = (
    re.compile(rf"\b(?P<prefix>next\s+|this\s+coming\s+)?{_WEEKDAY}\b"),
    re.compile(
        r"\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night|"
        rf"(?:\d+|{_NUMBER_WORD})\s+days?\s+ago)\b",
        re.IGNORECASE,
    ),
)
_HAS_YEAR = re.compile(r"\d{4}")
_NAME_BEFORE_DAY = re.compile(
    r"\b(?:Good|Black|Super|Ash|Cyber|Holy|Easter|Bloody|Maundy|Shrove|Giving|USA|Psychology)"
    r"\s+$"
)
_NAME_AFTER_DAY = re.compile(
    r"\s+(?:School|Night|Times|Mail|Telegraph|Herald|Post|Mass|Service|Show|Club)\b"
)
_DATE_AFTER_DAY = re.compile(rf",?\s+(?:{_MONTH}\s+\d|\d{{1,2}}{_ORDINAL}\s+{_MONTH})")
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
    for match in _non_overlapping(p.finditer(text) for p in _ABSOLUTE_DATES):
        phrase = match.group(0)
        if _HAS_YEAR.search(phrase):
            date = _parse(phrase, base=None, prefer="past")
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
        for match in _non_overlapping(p.finditer(text) for p in _RELATIVE_DATES):
            # The only absolute date that can overlap is the last one starting before it ends.
            k = bisect.bisect_left(taken_starts, match.end()) - 1
            if (k >= 0 and taken_ends[k] > match.start()) or _is_name(text, match):
                continue
            date = _resolve_relative(text, match, published)
            if date is not None:
                found.append(DateRef(match.start(), match.end(), match.group(0), date, True))
    return sorted(found, key=lambda ref: ref.start)


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
        if match.group("prefix") or future:
            # The next such day on or after publication.
            return _parse(phrase, base=published - dt.timedelta(days=1), prefer="future")
        # Base one day later, so that a weekday equal to publication's is that day.
        return _parse(phrase, base=published + dt.timedelta(days=1), prefer="past")
    if phrase.lower() in {"tonight", "today"}:
        return published
    return _parse(phrase, base=published, prefer="past")


def _nearest(phrase: str, published: dt.date) -> dt.date | None:
    """A day and month without a year: the occurrence closest to publication."""
    options = [_parse(phrase, base=published, prefer=way) for way in ("past", "future")]
    dates = [date for date in options if date is not None]
    return min(dates, key=lambda date: abs(date - published)) if dates else None


@functools.lru_cache(maxsize=4096)
def _parse(phrase: str, *, base: dt.date | None, prefer: str) -> dt.date | None:
    """dateparser's reading of ``phrase``; remembered, as a report repeats its dates and
    dateparser is most of the time spent on facts."""
    settings: dict[str, object] = {"PREFER_DATES_FROM": prefer}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time())
    try:
        parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    except (OverflowError, ValueError):  # "1 January 0001": dateparser's arithmetic overflows
        return None
    if parsed is None or not EARLIEST_DATE <= parsed.date() <= LATEST_DATE:
        return None
    return parsed.date()


# --- periods -------------------------------------------------------------------

_PERIOD_LEAD = r"(?P<lead>\b(?:in|since|during|from|by|throughout|until|through)\s+)?"
_HALF = r"(?:(?P<half>first|second|latter)\s+half\s+of\s+)"
_PERIODS = (
    re.compile(
        rf"{_PERIOD_LEAD}(?:the\s+)?{_HALF}?(?:(?P<rel>last|this|next|the\s+past)\s+"
        rf"(?P<unit>year|month|week)|(?P<year>(?:19|20)\d\d)(?![-/]\d))\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"{_PERIOD_LEAD}(?:(?:early|late|mid-?)\s*)?(?P<month>{_MONTH})\s+"
        rf"(?P<myear>(?:19|20)\d\d)\b",
    ),
    re.compile(
        rf"\b(?P<n>\d+|{_NUMBER_WORD})\s+(?P<agounit>years?|months?)\s+ago\b", re.IGNORECASE
    ),
)


def find_periods(text: str, published: dt.date | None) -> list[Period]:
    """Stretches of time longer than a day: years, months, weeks, halves of a year.

    "since 2022" opens a period that runs to publication.  "last year" and
    other relative periods need ``published``; without it they are skipped.
    """
    found: list[Period] = []
    for match in _non_overlapping(p.finditer(text) for p in _PERIODS):
        bounds = _period_bounds(match, published)
        if bounds is None:
            continue
        first, last = bounds
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
        parsed = _parse(f"{groups['month']} {groups['myear']}", base=None, prefer="past")
        if parsed is None:
            return None
        last_day = calendar.monthrange(parsed.year, parsed.month)[1]
        return parsed.replace(day=1), parsed.replace(day=last_day)
    if groups.get("agounit"):
        if published is None:
            return None
        value = _number_value(groups["n"])
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


# --- attaching facts to places -------------------------------------------------

SPECIFICITY = {
    "landmark": 0,
    "airport": 0,
    "port": 0,
    "city": 1,
    "island": 2,
    "admin1": 3,
    "lake": 4,
    "river": 4,
    "peninsula": 4,
    "region": 5,
    "sea": 6,
    "country": 7,
}
"""Lower is more specific; used to choose the one place a fact is about."""
_NO_RADIUS = frozenset({"country", "sea", "region"})
_LOOK_BACK = 3
"""Sentences to look back for a place when a fact's own sentence names none."""


@dataclass(frozen=True, slots=True)
class _Named:
    place: int
    mention: Mention


def extract_facts(article: Article, places: Sequence[Place]) -> list[PlaceFacts]:
    """One PlaceFacts per place, in the order given, with the facts stated about it."""
    text = article.text
    spans = sentence_spans(text)
    starts = [start for start, _ in spans]
    by_sentence: dict[int, list[_Named]] = {}
    place_sentences: list[set[int]] = [set() for _ in places]
    for index, place in enumerate(places):
        for mention in place.mentions:
            sentence = sentence_index(starts, mention.start)
            place_sentences[index].add(sentence)
            by_sentence.setdefault(sentence, []).append(_Named(index, mention))

    radii: list[list[Radius]] = [[] for _ in places]
    counts: list[list[Count]] = [[] for _ in places]
    dates: list[list[DateRef]] = [[] for _ in places]
    for radius in find_radii(text):
        sentence = sentence_index(starts, radius.start)
        anchor = _radius_anchor(text, radius, by_sentence.get(sentence, []))
        if anchor == _NAMED_AFTER:
            continue
        if anchor is None or anchor == _UNNAMED:
            # Around something the gazetteer lacks ("of a refinery", "of the damaged
            # dam"): a town of its own sentence at most, never one named before it.
            owner = _radius_owner(places, by_sentence, sentence, radius, look_back=anchor is None)
        elif places[anchor].entry.feature_type in _NO_RADIUS:
            owner = None
        else:
            owner = anchor
        if owner is not None:
            radii[owner].append(radius)
    for facts, found in (
        (counts, find_counts(text)),
        (dates, find_dates(text, article.date)),
    ):
        for fact in found:
            for owner in _owners(places, by_sentence, sentence_index(starts, fact.start)):
                facts[owner].append(fact)

    return [
        PlaceFacts(
            place=place,
            sentences=tuple(spans[i] for i in sorted(place_sentences[index]) if spans),
            radii=tuple(radii[index]),
            counts=tuple(counts[index]),
            dates=tuple(dates[index]),
        )
        for index, place in enumerate(places)
    ]


_UNNAMED = -1
"""A radius drawn around something the gazetteer has no place for ("a refinery")."""
_NAMED_AFTER = -2
"""A radius around a site named after a place ("the Campotosto dam"), not the place itself."""
_IN_PLACE = re.compile(r"\b(?:in|at|near|outside)\s+(?:the\s+)?$", re.IGNORECASE)
_ANCHOR_BEFORE = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:radius\s+|zone\s+|perimeter\s+)?"
    r"(?:of|from|around|surrounding)\s+(?=\S)",
    re.IGNORECASE,
)
_ANAPHORIC_ANCHOR = re.compile(
    r"(?:the|that|this)\s+(?:city|town|village|port|settlement|capital|island|area|site|"
    r"scene|region|district|locality|community|municipality)\b|(?:it|there|here)\b",
    re.IGNORECASE,
)
_PLACE_LEAD = re.compile(r"(?:the\s+)?(?:(?:city|town|village|port)\s+of\s+)?", re.IGNORECASE)
_ANCHOR_END = re.compile(
    r"\s*(?:[,;.:()\]\u2014\u2013-]|$|(?:to|and|or|had|has|have|were|was|is|are|be|for|in|on|"
    r"at|after|before|while|until|said|when|where|who|which|because|as|with|by|from)\b)",
    re.IGNORECASE,
)


def _radius_anchor(text: str, radius: Radius, named: Sequence[_Named]) -> int | None:
    """The place a radius names as its centre ("within 5 km of Wajima", "of a site in
    Gdansk"); ``_NAMED_AFTER`` for a site named after a place ("of the Campotosto dam");
    ``_UNNAMED`` when its centre is something else ("of the damaged dam", "around the
    plant"); None when it names no centre or refers back ("of the town")."""
    lead = _ANCHOR_BEFORE.match(text, radius.end)
    if lead is None:
        return None
    anchor = lead.end()
    if _ANAPHORIC_ANCHOR.match(text, anchor):
        return None
    phrase_end = re.compile(r"[,;.()]|$").search(text, anchor).start()
    for item in sorted(named, key=lambda n: n.mention.start):
        mention = item.mention
        if not anchor <= mention.start <= min(phrase_end, anchor + 60):
            continue
        between = text[anchor : mention.start]
        if _IN_PLACE.search(between):
            return item.place  # "of a building site in Gdansk"
        if not _ANCHOR_END.match(text, mention.end):
            return _NAMED_AFTER  # "of the cracked Campotosto dam": not the town itself
        if _PLACE_LEAD.fullmatch(between):
            return item.place  # "of Wajima", "of the town of Suzu"
    return _UNNAMED


def specificity(entry: GazetteerEntry) -> int:
    """``SPECIFICITY`` of the entry's feature type (5, as a region, when not listed)."""
    return SPECIFICITY.get(entry.feature_type, 5)


def _rank(place: Place) -> int:
    return specificity(place.entry)


def _owners(
    places: Sequence[Place], by_sentence: dict[int, list[_Named]], sentence: int
) -> list[int]:
    """Every place of the fact's sentence, else the most specific of the closest before."""
    here = by_sentence.get(sentence, [])
    if here:
        return sorted({named.place for named in here})
    for earlier in range(sentence - 1, max(sentence - 1 - _LOOK_BACK, -1), -1):
        named = by_sentence.get(earlier, [])
        if named:
            best = min(named, key=lambda n: (_rank(places[n.place]), -n.mention.start))
            return [best.place]
    return []


def _radius_owner(
    places: Sequence[Place],
    by_sentence: dict[int, list[_Named]],
    sentence: int,
    radius: Radius,
    *,
    look_back: bool = True,
) -> int | None:
    """The one specific place a radius is drawn around.

    A radius stated in a sentence about a province ("the governor of the X region
    said residents within 500 m were evacuated") is about a town in it: the town
    of that province the article names closest to the radius. Never a province,
    country or sea itself, where a circle would mark the wrong ground.
    """
    for index in range(sentence, max(sentence - 1 - (_LOOK_BACK if look_back else 0), -1), -1):
        named = [
            n
            for n in by_sentence.get(index, [])
            if places[n.place].entry.feature_type not in _NO_RADIUS
        ]
        if not named:
            continue
        best = min(
            named,
            key=lambda n: (_rank(places[n.place]), abs(n.mention.start - radius.start)),
        )
        if _rank(places[best.place]) < SPECIFICITY["admin1"]:
            return best.place
        if places[best.place].entry.feature_type == "admin1":
            return _town_within(places, places[best.place].entry, radius.start)
        return None
    return None


def _town_within(places: Sequence[Place], region: GazetteerEntry, offset: int) -> int | None:
    """The article's town in ``region`` named closest to ``offset``, if any."""
    towns = [
        (min(abs(m.start - offset) for m in place.mentions), index)
        for index, place in enumerate(places)
        if _rank(place) < SPECIFICITY["admin1"] and _inside(place.entry, region)
    ]
    return min(towns)[1] if towns else None


def _inside(entry: GazetteerEntry, region: GazetteerEntry) -> bool:
    if entry.country_code != region.country_code:
        return False
    if entry.admin1_code and region.admin1_code:
        return entry.admin1_code == region.admin1_code
    if entry.admin1 and region.admin1:
        return entry.admin1 == region.admin1
    if region.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = region.bbox
        return min_lon <= entry.lon <= max_lon and min_lat <= entry.lat <= max_lat
    return False
