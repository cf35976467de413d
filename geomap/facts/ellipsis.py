"""Figures that leave out what they count, read after a figure that says it: "28 people
were killed in A, another 20 in B and three more in C", "killed six soldiers and injured
another 28", "one policeman was killed and another wounded", "one person had died in Pemba
and another in Macomia"."""

from __future__ import annotations

import calendar
import re

from geomap.facts.nouns import CASUALTY_NOUNS
from geomap.records import Count

__all__ = ["OTHERS", "another_hurt", "another_without_a_figure", "elliptical"]

OTHERS = re.compile(r"\s+(?:other|others|more)\b")
""""... and 14 others", "three more": a figure that says it counts more of the same."""
_ANOTHER = re.compile(r"\b(?:another|a\s+further|a\s+total\s+of\s+another)\s+$", re.IGNORECASE)
_ELLIPSIS_GAP = re.compile(r"[^.;!?]{1,120}")
_AND_BEFORE = re.compile(r"(?:\band|,|\bwhile|\bwhereas|\bincluding|:|[\u2013\u2014])\s+$",
                         re.IGNORECASE)
"""What opens a breakdown's share ("... and five in Badakhshan"), its first one too ("six
deaths, including three in Carroll County", "nine died: four in Lee County")."""
_AT_A_PLACE = re.compile(
    r"(?:\s+(?:have|has|had|were|was)(?:\s+been)?\s+(?:recovered|found|killed|confirmed\s+dead|"
    r"reported\s+dead))?"
    r"\s+(?:in|at)\s+(?:the\s+)?(?:(?:village|town|city|community|district|area)\s+of\s+)?"
    r"(?:(?:neighbou?ring|nearby|adjacent|adjoining|northern|"
    r"southern|eastern|western|central|(?:north|south)(?:-?(?:east|west))?(?:ern)?)\s+)?"
    r"(?-i:[A-Z])",
    re.IGNORECASE,
)
_DAY_WORD = re.compile(
    rf"\b(?:{'|'.join(calendar.day_name)}|yesterday|today|tonight|overnight|\d{{1,2}}\s+"
    rf"(?:{'|'.join(calendar.month_name[1:])})|(?:{'|'.join(calendar.month_name[1:])})\s+\d{{1,2}})\b",
    re.IGNORECASE,
)


_OTHER_OUTCOME = re.compile(
    r"\s+(?:(?:have|has|had|were|was|are|been|being|also|now)\s+){0,3}"
    r"(?:displaced|evacuated|rescued|arrested|detained|affected|stranded|relocated|"
    r"left\s+homeless|made\s+homeless|forced\s+(?:to\s+flee|from)|fled|sheltering)\b",
    re.IGNORECASE,
)
"""What follows an elliptical figure when it counts people of another outcome."""
_OTHER_OUTCOME_BEFORE = re.compile(
    r"\b(?:evacuat(?:ed|ing|ion)|displac(?:ed|ing|ement)|rescu(?:ed|ing|e)|arrest(?:ed|ing|s)?|"
    r"detain(?:ed|ing)|relocat(?:ed|ing|ion))\s+(?:of\s+)?(?:another\s+|a\s+further\s+)?$",
    re.IGNORECASE,
)
"""The same, said right before it: "forced the evacuation of 200 more"."""
_OUTCOME_BEFORE = re.compile(r"\b(killed|injured|wounded|hurt)\s+(?:another|a\s+further)\s+$",
                             re.IGNORECASE)
"""The casualty verb right before an elliptical figure ("and injured another 28")."""
_OWN_VERB = re.compile(
    r"\s+(?:\w+ly\s+)?(?:managed|escaped|survived|fled|walked|got|returned|remain(?:ed|s)?|"
    r"could|did)\b",
    re.IGNORECASE,
)
"""A verb of its own after a figure that left out what it counts: what those people did
is not the outcome the figure before it counted."""


def elliptical(text: str, match: re.Match[str], value: int, counts: list[Count]) -> Count | None:
    """A figure that leaves out what it counts, after a casualty figure of the same
    sentence: "28 people were killed in A, another 20 in B and three more in C" states
    20 and 3 more dead."""
    end = match.end()
    others = OTHERS.match(text, end)
    if (others is None and not _ANOTHER.search(text, max(0, match.start() - 16), match.start())
            and not (_AND_BEFORE.search(text, max(0, match.start() - 12), match.start())
                     and _AT_A_PLACE.match(text, end))):
        # "Eight died in Takhar and five in Badakhshan": a breakdown by place counts too
        return None
    before = counts[-1] if counts else None
    if (
        before is None
        or before.noun not in _ELLIPSIS_NOUNS
        or not _ELLIPSIS_GAP.fullmatch(text, before.end, match.start())
    ):
        return None
    end = others.end() if others is not None else end
    qualifier = match.group("qual")
    if (outcome := _OTHER_OUTCOME.match(text, end)) is not None:
        # "15 killed and another 2,000 displaced": more people, another outcome.
        return Count(match.start(), outcome.end(), text[match.start() : outcome.end()], value,
                     "person", re.sub(r"\s+", " ", qualifier.lower()) if qualifier else None)
    if _OWN_VERB.match(text, end):
        return None  # "11 were injured, while 58 others managed to get out": not more hurt
    if _OTHER_OUTCOME_BEFORE.search(text, before.end, match.start()):
        # "buried 44 people and forced the evacuation of 200 more": more people, evacuated
        return Count(match.start(), end, text[match.start() : end], value, "person",
                     re.sub(r"\s+", " ", qualifier.lower()) if qualifier else None)
    verb = _OUTCOME_BEFORE.search(text, before.end, match.start())
    if verb is not None and CASUALTY_NOUNS[verb.group(1).lower()] != before.noun:
        # "killed six soldiers and injured another 28": 28 hurt, not more dead
        return Count(match.start(), end, text[match.start() : end], value,
                     CASUALTY_NOUNS[verb.group(1).lower()],
                     re.sub(r"\s+", " ", qualifier.lower()) if qualifier else None)
    # "27 on Saturday and another 20 on Sunday": another day's toll, not more of this one.
    other_day = _DAY_WORD.search(text, before.end, match.start()) is not None
    return Count(match.start(), end, text[match.start() : end], value, before.noun,
                 re.sub(r"\s+", " ", qualifier.lower()) if qualifier else None,
                 more=not other_day)  # fmt: skip


_ELLIPSIS_NOUNS = frozenset({*CASUALTY_NOUNS.values(), "arrested", "detained", "abducted",
                             "kidnapped"})
"""Figures a later one may leave out what it counts after: casualties, and people taken
("arrested 17 protesters on Saturday night and 14 others on Sunday night")."""


_ANOTHER_AT = re.compile(
    r"\b(?:and|,)\s+another(?:\s+one)?(?=\s+(?:in|at|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?"
    r"(?-i:[A-Z]))",
    re.IGNORECASE,
)


def another_without_a_figure(text: str, counts: list[Count]) -> list[Count]:
    """"one person had died in Pemba city and another in hard-hit Macomia district": one
    more of the casualty figure before it, at a place of its own."""
    found: list[Count] = []
    for match in _ANOTHER_AT.finditer(text):
        if (last := _casualty_just_before(text, counts, match.start())) is not None:
            start = match.end() - len(match.group(0).split()[-1])
            # (a breakdown by place: not more than a total told before it)
            found.append(Count(start, match.end(), text[start : match.end()], 1, last.noun,
                               None))
    return found


def _casualty_just_before(text: str, counts: list[Count], at: int) -> Count | None:
    """The last figure before ``at`` when it counts casualties and only a clause's words
    lie between (the figure an "another" goes on from)."""
    before = [c for c in counts if c.end <= at]
    if not before:
        return None
    last = max(before, key=lambda c: c.end)
    if last.noun in CASUALTY_NOUNS.values() and _ELLIPSIS_GAP.fullmatch(text, last.end, at + 1):
        return last
    return None


def another_hurt(text: str, counts: list[Count]) -> list[Count]:
    """"one policeman was killed and another wounded": one more casualty, of the outcome
    its own verb names (read after the victims without a figure, who are often the one
    before it)."""
    found: list[Count] = []
    for match in _ANOTHER_HURT.finditer(text):
        if _casualty_just_before(text, counts, match.start()) is not None:
            start = match.start("another")
            if any(c.start < match.end() and start < c.end for c in counts):
                continue  # already counted, with a figure or a noun of its own
            found.append(Count(start, match.end(), text[start : match.end()], 1,
                               CASUALTY_NOUNS[match.group("what").lower()], None))
    return found


_ANOTHER_HURT = re.compile(
    r"\b(?:and|,|while)\s+(?P<another>another)(?:\s+one)?\s+(?:(?:was|has\s+been|had\s+been|"
    r"is|also|later)\s+){0,2}(?:(?:critically|seriously|severely|gravely|badly|slightly|"
    r"lightly)\s+)?(?P<what>killed|died|dead|injured|wounded|hurt)\b",
    re.IGNORECASE,
)
"""The "another" of :func:`another_hurt`, with its verb."""
