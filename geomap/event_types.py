"""What kind of incident a clause reports: ACLED's types plus our own non-conflict ones.

ACLED codes political violence and strategic developments in six event types and
25 sub-event types (ACLED Codebook, 2023).  Incident news also reports disasters,
accidents, evacuations and unexploded ordnance, which ACLED does not code; those
get types of our own in the same two-level shape.

The types and the cue words that report them are one table,
``geomap/data/event_types.toml``: adding a type or a way of saying it is rows there.
A clause is typed by cue words: each :class:`Cue` is a pattern, optionally with
words that must also appear (``needs``: "missiles" is an attack only next to
"fired", "struck", "killed"...; ``needs_in_sentence``: anywhere in the sentence, not only
the clause) or must not (``unless``).  Weak cues ("an
attack", "was hit") never open an incident of its own: they only add a
sentence to an incident already found.  When several cues match, the one with
the lowest ``rank`` wins; ties go to the cue stated first.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = [
    "ACLED_TYPES",
    "CONSEQUENCES",
    "COUNTED_APART",
    "CUES",
    "DISTINCT_SUB_TYPES",
    "EVENT_TYPES",
    "FAMILIES",
    "JOINS",
    "ONE_EVENT",
    "OWN_TYPES",
    "PARTS",
    "RETYPES",
    "TYPE_FLAGS",
    "WITHOUT_TOLL",
    "Cue",
    "Retype",
    "TypeHit",
    "classify",
    "has_flag",
]


@functools.cache
def _table() -> dict[str, Any]:
    path = resources.files("geomap").joinpath("data", "event_types.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


ACLED_TYPES: dict[str, tuple[str, ...]] = {
    row["event_type"]: tuple(row["sub_event_types"])
    for row in _table()["types"] if not row.get("own")
}  # fmt: skip
"""ACLED's six event types and their 25 sub-event types, in the codebook's order."""

OWN_TYPES: dict[str, tuple[str, ...]] = {
    row["event_type"]: tuple(row["sub_event_types"])
    for row in _table()["types"] if row.get("own")
}  # fmt: skip
"""Our types for incidents ACLED does not code: disasters, accidents, evacuations, UXO."""

EVENT_TYPES: dict[str, tuple[str, ...]] = ACLED_TYPES | OWN_TYPES
"""Every event type and its sub-types, in legend order."""

FAMILIES: dict[str, str] = {row["event_type"]: row["family"] for row in _table()["types"]}
DISTINCT_SUB_TYPES: frozenset[tuple[str, str]] = frozenset(
    (row["event_type"], sub) for row in _table()["types"]
    for sub in row.get("distinct_sub_types", ())
)
"""(type, sub-type) that are events of their own, not of their family's story."""
"""Event type -> family: types that readers tell apart differently (an attack on a
village: a battle, or violence against civilians?) share one."""

TYPE_FLAGS: dict[str, frozenset[str]] = {
    row["event_type"]: frozenset(row["flags"]) for row in _table()["types"]
}
"""What merging and counting need to know of each event type (see the table)."""


def has_flag(event_type: str, flag: str) -> bool:
    return flag in TYPE_FLAGS.get(event_type, frozenset())


CONSEQUENCES: frozenset[tuple[str, str]] = frozenset(
    (row["event_type"], sub) for row in _table()["types"] for sub in row.get("consequences", ())
)
"""(type, sub-type) that, told after a harmful incident, are part of its story."""

COUNTED_APART: dict[tuple[str, str], str] = {
    (row["event_type"], sub): noun for row in _table()["types"]
    for sub, noun in row.get("counted_apart", {}).items()
}  # fmt: skip
"""(type, sub-type) of a consequence -> the count noun that, stated with more than one
person, makes it an event of its own ("33 persons have been arrested for the violence"),
not a line of the harmful incident's story ("the captain was detained")."""

ONE_EVENT: frozenset[tuple[str, str]] = frozenset(
    (row["event_type"], sub) for row in _table()["types"] for sub in row.get("one_event", ())
)
"""(type, sub-type) that are one incident however many places they reach."""

LOCAL: frozenset[tuple[str, str]] = frozenset(
    (row["event_type"], sub) for row in _table()["types"] for sub in row.get("local", ())
)
"""(type, sub-type) of a ``wide`` type that burn or fall at one place: two wildfires in one
country are two fires, not one disaster felt in two towns."""


def is_wide(event_type: str, sub_event_type: str) -> bool:
    """Whether one incident of this kind covers many towns of a country (a flood, a storm)."""
    return has_flag(event_type, "wide") and (event_type, sub_event_type) not in LOCAL


WITHOUT_TOLL: frozenset[tuple[str, str]] = frozenset(
    (row["event_type"], sub) for row in _table()["types"] for sub in row.get("without_toll", ())
)
"""(type, sub-type) that kill or wound no one: a curfew declared "after clashes killed five"
carries no toll of its own."""


@dataclass(frozen=True, slots=True)
class Cue:
    """Words that report one sub-event type."""

    event_type: str
    sub_event_type: str
    pattern: re.Pattern[str]
    rank: int
    """Lower wins when one clause matches several cues."""
    needs: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None
    weak: bool = False
    needs_in_sentence: bool = False
    """``needs`` is looked for in the whole sentence ("58 died after heavy rains hit X":
    the toll stands before the clause of the rain)."""


@dataclass(frozen=True, slots=True)
class TypeHit:
    """The type chosen for a clause and where its cue word stands."""

    event_type: str
    sub_event_type: str
    start: int
    end: int
    weak: bool
    rank: int = 100
    """The cue's rank: lower is the more specific way of saying what happened."""

    @property
    def kind(self) -> tuple[str, str]:
        """Its (event type, sub-event type), as a draft's ``kind``."""
        return (self.event_type, self.sub_event_type)


def _re(words: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


_PATTERNS: dict[str, re.Pattern[str]] = {
    name: _re(words) for name, words in _table()["patterns"].items()
}
_UXO = _PATTERNS["uxo"]
_HAZMAT = _PATTERNS["hazmat"]


def _pattern(words: str | None) -> re.Pattern[str] | None:
    """A cue's words, where ``@name`` stands for the words of a pattern of the table's
    [patterns] ("@protest|police\\s+shot")."""
    if words is None:
        return None
    if re.fullmatch(r"@\w+", words):
        return _PATTERNS[words[1:]]
    patterns = _table()["patterns"]
    return _re(re.sub(r"@(\w+)", lambda m: f"(?:{patterns[m.group(1)]})", words))


def _cues() -> tuple[Cue, ...]:
    cues = []
    for row in _table()["cues"]:
        if row["sub_event_type"] not in EVENT_TYPES.get(row["event_type"], ()):
            raise ValueError(f"event_types.toml: unknown type {row['event_type']!r} / "
                             f"{row['sub_event_type']!r}")  # fmt: skip
        pattern = _pattern(row["words"])
        assert pattern is not None
        cues.append(Cue(row["event_type"], row["sub_event_type"], pattern, row["rank"],
                        needs=_pattern(row.get("needs")), unless=_pattern(row.get("unless")),
                        weak=row.get("weak", False),
                        needs_in_sentence=row.get("needs_in_sentence", False)))  # fmt: skip
    return tuple(cues)


CUES: tuple[Cue, ...] = _cues()


@dataclass(frozen=True, slots=True)
class Retype:
    """A type the record's own words change (the table's [[retypes]])."""

    source: tuple[str, str]
    target: tuple[str, str]
    victims: re.Pattern[str] | None
    """Who the dead are, read right after their figure; None: any dead."""
    targets: re.Pattern[str] | None
    """What was attacked, anywhere in the record's sentences; None: no target retypes."""
    story: re.Pattern[str] | None = None
    """Words the record's sentences must also say (what followed, what it was part of);
    with neither ``victims`` nor ``targets``, these alone retype."""
    wounded: re.Pattern[str] | None = None
    """Who the wounded are, read as ``victims`` is, for a record with no dead; None: the
    wounded never retype."""


RETYPES: tuple[Retype, ...] = tuple(
    Retype(tuple(row["from"]), tuple(row["to"]),
           _re(row["victims"]) if "victims" in row else None,
           _re(row["targets"]) if "targets" in row else None,
           _re(row["story"]) if "story" in row else None,
           _re(row["wounded"]) if "wounded" in row else None)
    for row in _table().get("retypes", ())
)  # fmt: skip


JOINS: dict[tuple[str, str], tuple[str, str]] = {
    tuple(row["from"]): tuple(row["to"]) for row in _table().get("joins", ())
}  # fmt: skip
"""(type, sub-type) -> the (type, sub-type) whose story it joins (the table's [[joins]])."""


PARTS: dict[tuple[str, str], frozenset[str]] = {
    tuple(row["from"]): frozenset(row["of"]) for row in _table().get("parts", ())
}  # fmt: skip
"""(type, sub-type) -> the event types whose incident it is part of when told in their
story with no place of its own (the table's [[parts]])."""


_CAUSED_BY = re.compile(
    r"\s+(?:(?:that\s+|which\s+)?(?:was\s+|were\s+)?)?(?:caused|triggered|set\s+off|sparked|"
    r"unleashed|brought\s+on|generated)\s+by\s+(?:the\s+|a\s+|an\s+)?(?:[\w.-]+\s+){0,2}?",
    re.IGNORECASE,
)


def classify(clause: str, *, sentence: str | None = None) -> TypeHit | None:
    """The incident type a clause reports, or None.

    An evacuation takes its cause as sub-type (unexploded ordnance, hazardous
    material), looked for in the whole ``sentence`` ("evacuated 40 homes after
    a bomb was found"), unless the cause is itself a disaster or accident,
    which then is the incident and the evacuation one of its consequences.
    """
    context = sentence if sentence is not None else clause
    hits: list[tuple[int, int, Cue, re.Match[str]]] = []
    for cue in CUES:
        match = cue.pattern.search(clause)
        if match is None:
            continue
        if cue.needs is not None and not cue.needs.search(
                context if cue.needs_in_sentence else clause):
            continue
        if cue.unless is not None and cue.unless.search(clause):
            continue
        hits.append((cue.rank, match.start(), cue, match))
    if not hits:
        return None
    _, _, cue, match = min(hits, key=lambda hit: (hit[0], hit[1]))
    cause = _CAUSED_BY.match(clause, match.end())
    if cause is not None:
        # "landslides caused by the earthquake": the incident is its cause.
        causes = [hit for hit in hits if hit[3].start() == cause.end()]
        if causes:
            _, _, cue, match = causes[0]
    sub = cue.sub_event_type
    if cue.event_type == "Evacuation":
        if _UXO.search(context):
            sub = "Unexploded ordnance"
        elif _HAZMAT.search(context):
            sub = "Hazardous material"
        elif re.search(
            r"\bbomb\s+threat|security\s+threat|suspicious\s+(?:package|object)",
            context,
            re.IGNORECASE,
        ):
            sub = "Security threat"
    if cue.event_type == "Unexploded ordnance" and re.search(r"\bevacuat", clause, re.IGNORECASE):
        return TypeHit("Evacuation", "Unexploded ordnance", match.start(), match.end(), cue.weak,
                       cue.rank)  # fmt: skip
    return TypeHit(cue.event_type, sub, match.start(), match.end(), cue.weak, cue.rank)
