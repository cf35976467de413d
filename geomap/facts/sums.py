"""Tolls told in parts: "six men and two women were killed" (eight dead), "killed 12
villagers and seven policemen" (19), "injuring four female and two male employees" (six).
Read by :func:`geomap.facts.counts.find_counts` once it has found every figure; and the
people a toll names among its own ("killed 12, including five children"), which are no
more people than the toll."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from geomap.facts.nouns import CASUALTY_NOUNS, PERSON_NOUNS, TITLES
from geomap.facts.numbers import NUMBER
from geomap.records import Count

__all__ = ["among_tolls", "sum_after_verb", "sum_parts", "tolls_place_by_place"]


_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)", re.IGNORECASE)


def sum_parts(text: str, counts: list[Count]) -> list[Count]:
    """"six men and two women were killed": the people counted before a casualty figure,
    joined to it by "and" or commas, are its parts, and the casualty is their sum."""
    out: list[Count] = []
    for count in counts:
        parts = [count]
        while (
            count.noun in CASUALTY_NOUNS.values()
            and not _VERB_FIRST.match(count.text)  # "two soldiers and wounding dozens"
            and out
            and out[-1].noun in PERSON_NOUNS.values()
            and _JOIN.fullmatch(text, out[-1].end, parts[0].start)
        ):
            parts.insert(0, out.pop())
        one = (_one_person_before().search(text, max(0, parts[0].start - 80), parts[0].start)
               if count.noun in ("dead", "injured") and not _VERB_FIRST.match(parts[0].text)
               else None)  # fmt: skip
        if one is not None and _VERB_BEFORE.search(text, max(0, one.start() - 30), one.start()):
            one = None  # "killing one person and injuring 30": the one is another toll's
        if len(parts) == 1 and one is None:
            out.append(count)
            continue
        first = parts[0]
        start = one.start() if one is not None else first.start
        out.append(Count(start, count.end, text[start : count.end],
                         sum(p.value for p in parts) + (one is not None), count.noun,
                         first.qualifier, update=count.update, parts=tuple(parts)))  # fmt: skip
    return out


_VERB_BEFORE = re.compile(
    r"\b(?:killed|killing|kills|kill|injured|injuring|wounded|wounding|shot|stabbed|"
    r"murdered|left|leaving)\s+$", re.IGNORECASE)


@functools.cache
def _one_person_before() -> re.Pattern[str]:
    """"A local security secretary and 12 police officers were killed": one more person,
    written without a figure, before the figure of the toll (13 dead)."""
    singular = {k for k, v in PERSON_NOUNS.items() if k == v} | set(TITLES)
    people = "|".join(sorted(singular, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:an?|one)\s+(?:[\w'\u2019-]+\s+){{0,3}}?(?:{people})"
                      rf"\s*,?\s+and\s+$", re.IGNORECASE)


_VERB_FIRST = re.compile(r"(?:killed|killing|kills|kill|injured|injuring|wounded|wounding)\b",
                         re.IGNORECASE)  # fmt: skip


_PEOPLE_END = re.compile(r"\b(?:people|persons|others)$", re.IGNORECASE)
_ENDS_WITH_FIGURE = re.compile(rf"\b(?:{NUMBER})$", re.IGNORECASE)
_SHARED_NOUN_JOIN = re.compile(
    r"\s+(?!(?:and|or|in|on|at|of)\b)[\w-]+\s*(?:,\s*(?:and\s+)?|and\s+)", re.IGNORECASE)
""""injuring four female and two male employees": the first figure's word before "and"
shares the noun the second figure counts (six injured)."""


def sum_after_verb(text: str, counts: list[Count]) -> list[Count]:
    """"killed 12 villagers and seven policemen": the people counted right after a
    casualty figure that its verb opens, joined to it by "and" or commas, are its parts
    too, and the casualty is their sum (19)."""
    out: list[Count] = []
    k = 0
    while k < len(counts):
        count = counts[k]
        parts = [count]
        while (
            count.noun in ("dead", "injured")
            and _VERB_FIRST.match(count.text)
            and not _PEOPLE_END.search(count.text)  # "killing 3 people, 2 children and ..."
            and k + 1 < len(counts)
            and counts[k + 1].noun in PERSON_NOUNS.values()
            and (_JOIN.fullmatch(text, parts[-1].end, counts[k + 1].start)
                 or (len(parts) == 1 and _ENDS_WITH_FIGURE.search(count.text)
                     and _SHARED_NOUN_JOIN.fullmatch(text, count.end, counts[k + 1].start)))
        ):
            k += 1
            parts.append(counts[k])
        k += 1
        one = None
        if count.noun in ("dead", "injured") and _VERB_FIRST.match(count.text) and (
                not _PEOPLE_END.search(count.text) or len(parts) > 1):
            # "killing 14 women and one man": one more person, written without a figure
            one = _one_person_after().match(text, parts[-1].end)
        if len(parts) == 1 and one is None:
            out.append(count)
            continue
        end = one.end() if one is not None else parts[-1].end
        out.append(Count(count.start, end, text[count.start : end],
                         sum(p.value for p in parts) + (one is not None), count.noun,
                         count.qualifier, update=count.update, parts=tuple(parts)))  # fmt: skip
    return out


_PLACED_THEN_AND = re.compile(
    r"[^.;!?\n]{0,80}?\b(?:in|at)\s+[^.;!?\n]{1,80}?\s*(?:,\s*)?"
    r"(?:\band|,|\bas\s+well\s+as|\balong\s+with|\bplus)\s+$",
    re.IGNORECASE,
)
""""killed 20 people in Luzon and ", "... in the central part of the country, as well as
": a toll's place, then the words that join the next toll to it."""
_AT_ITS_PLACE = re.compile(r"\s+(?:in|at)\s+(?:the\s+)?[^.;,\n]{0,60}", re.IGNORECASE)
_OWN_VERB = re.compile(r"\b(?:were|was|are|is|have|has|had|been|being)\b", re.IGNORECASE)


def tolls_place_by_place(text: str, counts: list[Count]) -> list[Count]:
    """"killed 20 people in Luzon and five people in Vietnam", "as well as five people in
    Vietnam": people counted after a placed toll, joined to it and at a place of their
    own with no verb of their own, are more of that toll (five dead in Vietnam), not
    people the event touched in some other way."""
    out: list[Count] = []
    people = frozenset(PERSON_NOUNS.values())
    for count in counts:
        before = out[-1] if out else None
        after = _AT_ITS_PLACE.match(text, count.end)
        if (before is not None and before.noun in CASUALTY_NOUNS.values()
                and count.noun in people and not count.parts
                and _PLACED_THEN_AND.fullmatch(text, before.end, count.start)
                and after is not None and not _OWN_VERB.search(after.group())):
            count = Count(count.start, count.end, count.text, count.value, before.noun,
                          count.qualifier, more=True)
        out.append(count)
    return out


@functools.cache
def _one_person_after() -> re.Pattern[str]:
    people = "|".join(sorted(set(PERSON_NOUNS.values()), key=len, reverse=True))
    return re.compile(rf"\s*,?\s*and\s+(?:an?|one)\s+(?:[\w-]+\s+)?"
                      rf"(?:{people})\b", re.IGNORECASE)


def among_tolls(text: str, counts: Sequence[Count], base: int = 0) -> set[int]:
    """The ids of the figures of people a toll names among its own: inside its words
    ("9 civilians, including 3 children and 5 women, died") or right after them
    ("killed 12 people, including five children and two women", "wounded 30, among them
    four policemen").  They say who the dead or wounded were, not people the event
    affected besides.  ``counts`` are in the order of ``text``, whose first character is
    at offset ``base``."""
    tolls = frozenset(CASUALTY_NOUNS.values())
    people = frozenset(PERSON_NOUNS.values())
    found: set[int] = set()
    last: Count | None = None  # the toll, or the last of its people, just before
    part = False
    for count in counts:
        if count.noun in people and last is not None:
            inside = last.start <= count.start and count.end <= last.end and not part
            gap = text[last.end - base : count.start - base]
            if inside or _AMONG.fullmatch(gap) or (part and _AND.fullmatch(gap)):
                found.add(id(count))
                if not inside:
                    last, part = count, True
                continue
        last, part = (count, False) if count.noun in tolls else (None, False)
    return found


_AMONG = re.compile(
    r"[^\S\n]*,?[^\S\n]*(?:including|among[^\S\n]+(?:them|whom)|of[^\S\n]+(?:whom|them))"
    r"[^\S\n]+",
    re.IGNORECASE,
)
"""Between a toll and the first people it names among its own: ", including "."""
_AND = re.compile(r"[^\S\n]*(?:,[^\S\n]*)?(?:and[^\S\n]+)?")
"""Between two of those people: " and ", ", "."""
