"""Stated numbers of people, buildings, weapons and casualties ("about 600 residents",
"killing 5", "40 injured"), each with the noun it counts and its qualifier."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from geomap.facts.casualties import ACTIVE_OBJECT_AFTER, casualty
from geomap.facts.dates import ABSOLUTE_DATES
from geomap.facts.ellipsis import OTHERS, another_hurt, another_without_a_figure, elliptical
from geomap.facts.nouns import CASUALTY_NOUNS, NOUNS, PERSON_NOUNS
from geomap.facts.numbers import NUMBER, QUALIFIER, non_overlapping, number_value, words
from geomap.facts.structures import structures_without_a_figure
from geomap.facts.sums import sum_after_verb, sum_parts, tolls_place_by_place
from geomap.facts.victims import one_before_others, victims_without_a_figure
from geomap.records import Count

__all__ = ["find_counts"]

_STOP = words(
    "and or of were was is are be been being have has had to in on at the a an for from "
    "with by said that which who whom whose this these those their its our his her them as "
    "than while but if when where after before into onto over under about per "
    "day days week weeks month months year years time times hour hours minute minutes "
    "night nights morning mornings evening evenings"
)
_STOP_WORDS = frozenset(_STOP)
_DETERMINER = r"(?:the|their|its|our|his|her|them|those|these|whom|which)"
_OF_DETERMINER = re.compile(rf"\s+of\s+{_DETERMINER}\b")
_NEXT_WORD = re.compile(r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*(?=[a-z]))([A-Za-z][\w'\u2019-]*)")
"""The next word, on this line or on the next when the line is wrapped inside a sentence
("two other northern\nmountain provinces"): a line that goes on in lower case."""
_MODIFIERS_BEFORE_NOUN = 3
_INVARIANT = frozenset({"aircraft", "police", "crew", "staff", "personnel", *CASUALTY_NOUNS})
_OTHER_NOUN = re.compile(r"\s+(?:other|more)\s+[a-z]", re.IGNORECASE)
VAGUE = {"dozens": 12, "scores": 24, "hundreds": 100, "thousands": 1000}
VAGUE_WORDS = re.compile(rf"\b(?:{'|'.join(VAGUE)})\b", re.IGNORECASE)
"""ACLED's values for vague figures: "dozens of people were killed" is 12, "hundreds"
100.  "Several" and "many" stay no figure: any number would be invented."""
_COUNT_NUMBER = re.compile(
    rf"(?<![\w$€£¥#.,:/-])(?:(?P<qual>{QUALIFIER})\s+)?"
    rf"(?:(?P<num>{NUMBER})|(?P<vague>{'|'.join(VAGUE)})(?:\s+of|(?=\s+(?:(?:more|others?)\s+)?"
    rf"(?:(?:have|had|were|are)\s+(?:been\s+)?)?(?:killed|injured|wounded|died|dead|hurt))))\b"
    rf"(?![%:/-]|\.\d|\s*(?:percent|per\s+cent|per)\b)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_NO_ONE = re.compile(r"\b(?:no|any|every|not)\s+$", re.IGNORECASE)
_FELT_BY = re.compile(
    r"\b(?:felt|heard|seen|watched|followed)\b[^.;]{0,120}?\bby\s+(?:some|about|around|"
    r"nearly|almost|over|roughly|an\s+estimated|more\s+than|up\s+to)?\s*$",
    re.IGNORECASE,
)
""""The quake was felt ... by some 285 million people": who noticed it, not its victims."""
_POPULATION_OF = re.compile(
    r"\b(?:population\s+of|populated\s+by|home\s+to|inhabited\s+by|(?:archipelago|country|"
    r"nation|city|town|island|islands|region|state|province|county|district|capital|"
    r"metropolis|village|municipality)\s+of)\s+(?:an\s+estimated\s+|some\s+|about\s+|"
    r"around\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+|roughly\s+)?$",
    re.IGNORECASE,
)
""""the archipelago of 320,000 people", "a city of 2 million", "home to 1.5 million
people": who live there, not the event's victims."""
_MAY_BE = re.compile(
    r"\s+(?:(?:who|that)\s+)?(?:could|may|might|would|will|are\s+likely\s+to|were\s+likely\s+to)"
    r"\s+(?:still\s+|yet\s+|also\s+)?(?:be|have|need|face|lose|require)\b",
    re.IGNORECASE,
)
_CARRIED_BEFORE = re.compile(
    r"\b(?:bring|brought|bringing|take|took|taking|rush(?:ed|ing)?|carr(?:y|ied|ying)|"
    r"airlift(?:ed|ing)?|transport(?:ed|ing)?|ferr(?:y|ied|ying)|evacuat(?:e|ed|ing))\s+$",
    re.IGNORECASE,
)
_TO_HOSPITAL = re.compile(
    r"\s+to\s+(?:a\s+|the\s+|local\s+|nearby\s+|two\s+|several\s+){0,2}hospitals?\b",
    re.IGNORECASE,
)
""""brought 17 people to hospital": the active voice of "were taken to hospital", the
injured (docs/incidents-annotation.md)."""
_RANGE_FROM = re.compile(
    rf"\b(?:between|ranging\s+from|ranges\s+from|ranged\s+from)\s+(?:{QUALIFIER}\s+)?"
    rf"(?P<low>{NUMBER})\s+(?:and|to)\s+$",
    re.IGNORECASE,
)
"""The lower end of a stated range before a figure: ACLED codes the lower one (not
when the scale is said once for both: "between 2 and 3 million")."""
_SCALE = re.compile(r"million|billion|thousand|lakh|crore", re.IGNORECASE)
_PERPETRATORS = re.compile(
    r"(?:\s+(?:on|in|with|armed|riding|aboard|wielding|carrying|dressed|wearing)\b[^,.;:]{0,40}?)?"
    r"\s+(?:(?:opened|open)\s+fire|went\s+on\s+a\s+(?:\w+\s+)?rampage|(?:machine-?gunned|"
    r"gunned\s+down|shot|killed|attacked|stormed|raided|ambushed|abducted|kidnapped|torched|"
    r"burned|burnt|looted|massacred|overran|besieged|invaded|hacked|stabbed|targeted)"
    r"(?=\s+(?!(?:in|at|on|by|during|after|when|while|as|near|and|or|from|with|for|to|over|"
    r"overnight|yesterday|today|last|this|early|late)\b)[\w\u2019']))",
    re.IGNORECASE,
)
""""dozens of men on motorcycles machine-gunned these civilians", "five men stormed the
bar": a figure of people who did the harm (an active verb with its object after it), not
of people it harmed."""





_QUOTE_MARKS = re.compile("[\"\u201c\u201d]")
_WRAPPED = re.compile(r"(?<=[\w,])[^\S\n]*\n(?=[^\S\n]*[a-z])")
"""A line break inside a sentence ("another twenty-three\\nvillagers were wounded"): text
copied with its lines hard-wrapped.  A count reads on across it; a figure at the end of a
heading line does not take the next line's first word (that one starts a sentence)."""


def find_counts(text: str) -> list[Count]:
    """Stated numbers of people, buildings, weapons and casualties.

    Years, ordinals, percentages, money, times and numbers inside names
    ("Su-34", "Tochka-U") are not counts; neither is a number with no counted
    noun after it unless it is a casualty figure ("killing 5", "40 injured").
    """
    written = text
    text = _QUOTE_MARKS.sub(" ", text)  # 'has killed "up to 100" people': the words, not the quote
    text = _WRAPPED.sub(lambda m: " " * len(m.group(0)), text)
    dates = [m.span() for m in non_overlapping(p.finditer(text) for p in ABSOLUTE_DATES)]
    date_starts = [start for start, _ in dates]
    counts: list[Count] = []
    for match in _COUNT_NUMBER.finditer(text):
        if match.group("vague"):
            count = _count_at(text, match, VAGUE[match.group("vague").lower()])
            if count is not None:
                counts.append(count)
            continue
        number = match.group("num")
        k = bisect.bisect_right(date_starts, match.start("num")) - 1
        if (
            _YEAR.fullmatch(number)
            or _NO_ONE.search(text, max(0, match.start() - 8), match.start())
            or _FELT_BY.search(text, max(0, match.start() - 140), match.start())
            or _POPULATION_OF.search(text, max(0, match.start() - 40), match.start())
            or (k >= 0 and match.start("num") < dates[k][1])
        ):
            continue
        value = number_value(number)
        if _DOTTED_THOUSANDS.fullmatch(number):
            value = float(number.replace(".", ""))  # "33.000 people": a European 33,000
        if (low := _RANGE_FROM.search(text, max(0, match.start() - 40), match.start())) and (
                (low_value := number_value(low.group("low"))) is not None and value is not None
                and 0 < low_value < value and not _SCALE.search(number)):
            value = low_value  # "between 100 and 200 people were killed": ACLED's lower figure
        if value is None or value != int(value) or value <= 0:
            continue
        count = _count_at(text, match, int(value))
        if count is None:
            count = elliptical(text, match, int(value), counts)
        if count is not None:
            counts.append(count)
    counts.extend(another_without_a_figure(text, counts))
    counts.extend(victims_without_a_figure(text, counts))
    counts.extend(structures_without_a_figure(text, counts))
    counts.extend(another_hurt(text, counts))
    counts = one_before_others(text, counts)
    counts.sort(key=lambda c: c.start)
    found = sum_after_verb(text, sum_parts(text, _outermost(counts)))
    found = tolls_place_by_place(text, found)
    if written == text:
        return found
    return [_as_written(count, written) for count in found]


def _as_written(count: Count, written: str) -> Count:
    """The count with its words as the article writes them, quotation marks included
    (they were read as spaces)."""
    return replace(count, text=written[count.start : count.end],
                   parts=tuple(_as_written(part, written) for part in count.parts))  # fmt: skip


def _outermost(counts: list[Count]) -> list[Count]:
    """Without a casualty figure inside another's span: in "nine workers, including five
    women were killed" the five are among the nine, not more dead.  One sweep in text
    order: a report with thousands of figures costs time linear in them."""
    inside: set[int] = set()
    reach: dict[str, Count] = {}  # per noun, the count reaching furthest so far
    for count in sorted(counts, key=lambda c: (c.start, -c.end)):
        outer = reach.get(count.noun)
        if outer is not None and count.end <= outer.end and (outer.start, outer.end) != (
            count.start, count.end
        ):
            inside.add(id(count))
        if outer is None or count.end > outer.end:
            reach[count.noun] = count
    return [c for c in counts if id(c) not in inside]


_ELSEWHERE_AFTER = re.compile(r"[^.;,]{0,30}?\belsewhere\b", re.IGNORECASE)


_WOUNDED_DIED = re.compile(
    r"(?:\s+[\w-]+){0,3}?\s+(?:who\s+)?(?:later\s+|also\s+|have\s+|had\s+|has\s+)?"
    r"(?:succumbed|died)\b",
    re.IGNORECASE,
)
"""After "two more wounded": the wounded died ("... police officers succumbed to their
injuries")."""


_SUBSET = re.compile(
    r"\s+of\s+(?:the\s+(?:injured|wounded|dead|victims|casualties|killed)|those|them)\b"
    r"(?!\s+(?:(?:were|was|are|had|have|has|later)\s+)?(?:been\s+)?"
    r"(?:killed|injured|wounded|dead|died|drowned|perished|succumbed))",
    re.IGNORECASE,
)
"""Part of a toll already counted: "Three of the injured have gunshot wounds", "three of
those suffered bullet injuries" (not "two of them were killed" or "one of the victims
died in Peru", figures of their own)."""


_DWELLERS = frozenset({"resident", "inhabitant", "person", "citizen", "population"})
_POSSESSIVE_BEFORE = re.compile(r"['\u2019]s?\s+$")
"""A figure of people after a place's possessive counts those who live there, not
those an event touched (no field of an incident)."""


_OF_A_FIGURE = re.compile(rf"\s+of\s+(?:the|those|these|all)\s+(?:{QUALIFIER}\s+)?{NUMBER}\b",
                          re.IGNORECASE)
""""Four of the 14 passengers who died": part of a figure told right after it (the 14 are
the toll; the four are some of them)."""


def _count_at(text: str, match: re.Match[str], value: int) -> Count | None:
    start, end = match.start(), match.end()
    if _SUBSET.match(text, end) or _OF_A_FIGURE.match(text, end):
        return None
    noun: str | None = None
    update = False
    if (found := _counted_noun(text, end, value)) is not None:
        noun, end = found
        if (noun in CASUALTY_NOUNS.values() and " " in text[match.end() : end].strip()
                and ACTIVE_OBJECT_AFTER.match(text, end)):
            return None  # "two communities killed five people": who killed, not the dead
    elif (others := OTHERS.match(text, end)) is not None:
        noun, end = "other", others.end()
    if noun == "injured" and (died := _WOUNDED_DIED.match(text, end)) is not None:
        noun, end = "dead", died.end()  # "two more wounded officers succumbed": deaths
    elif noun in CASUALTY_NOUNS.values():
        pass
    elif noun is None or noun == "other" or noun in PERSON_NOUNS.values():
        victim, start, end, update = casualty(text, start, end)
        if victim is not None:
            noun = victim
        elif _CARRIED_BEFORE.search(text, max(0, start - 40), start) and _TO_HOSPITAL.match(
                text, end):
            noun = "injured"  # "locals managed to bring 17 people to hospital"
        elif noun in {None, "other"}:
            return None
        elif _PERPETRATORS.match(text, end):
            return None  # "dozens of men on motorcycles machine-gunned these civilians"
        elif _MAY_BE.match(text, end):
            return None  # "116,000 people could be affected": a forecast, not a tally
    if value == 1 and noun not in CASUALTY_NOUNS.values():
        return None  # "one man arrived", "one family": narrative, not a tally
    if noun in _DWELLERS and _POSSESSIVE_BEFORE.search(text, max(0, start - 3), start):
        noun = "population"  # "Mayotte's 320,000 residents": how many live there
    qualifier = match.group("qual") or match.group("vague")
    return Count(
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        noun=noun,
        qualifier=re.sub(r"\s+", " ", qualifier.lower()) if qualifier else None,
        update=update,
        # "three other guests"; not "two more deaths elsewhere", which are another place's
        more=_OTHER_NOUN.match(text, match.end()) is not None
        and _ELSEWHERE_AFTER.match(text, end) is None,
    )


_GROUP_NAME = re.compile(
    r"(?:[^\S\n]+(?-i:[A-Z][\w'\u2019.-]*)){1,5}(?:[^\S\n]+\((?-i:[A-Z][\w-]{1,11})\))?")
"""The name of a group, force or nation before what a figure counts: "12 Boko Haram
militants", "three Rapid Support Forces (RSF) fighters"."""


def _counted_noun(text: str, position: int, value: int) -> tuple[str, int] | None:
    """(lemma, end) of the counted noun after a number, skipping a few modifiers.

    The noun must agree in number with the figure, so in "six high school
    seniors" the singular "school" is a modifier, not the thing counted.
    "one of the ..." is a way of speaking, not a count.
    """
    if value != 1 and (of := _OF_DETERMINER.match(text, position)) is not None:
        position = of.end()
    if (name := _GROUP_NAME.match(text, position)) is not None and (
            found := _counted_noun(text, name.end(), value)) is not None:
        return found  # "four New People's Army (NPA) fighters": whose, then the noun
    for _ in range(_MODIFIERS_BEFORE_NOUN + 1):
        word = _NEXT_WORD.match(text, position)
        if word is None:
            return None
        surface = word.group(1)
        lemma = NOUNS.get(surface) or NOUNS.get(surface.lower())
        if lemma is not None and _agrees(surface.lower(), lemma, value):
            return lemma, word.end()
        if surface.lower() in _STOP_WORDS or (
                surface.lower() not in _SCALE_WORDS and number_value(surface) is not None):
            return None  # "two communities left seven people": the people are seven's
        position = word.end()
    return None


_SCALE_WORDS = frozenset({"hundred", "thousand", "million", "billion", "lakh", "crore", "dozen"})


def _agrees(surface: str, lemma: str, value: int) -> bool:
    return surface in _INVARIANT or (surface != lemma) == (value != 1)

