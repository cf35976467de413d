"""The figures an incident carries, in one table: what each counts, how it is labelled,
and which ACLED column it fills.

The rows are ``geomap/data/count_fields.csv``.  ``nouns`` are the lemmas of
:class:`geomap.records.Count` (``dead``, ``injured``, ``home``...) whose figures fill
the field; ``*`` takes any count of people that no other field claims, except the nouns
written ``-noun``: people affected are the displaced, evacuated, missing, arrested,
abducted, rescued, residents and passengers a report counts, not those who respond or
attack ("hundreds of firefighters", "dozens of gunmen").
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

__all__ = ["COUNT_FIELDS", "COUNT_TABLE", "CountField", "figure_text"]


@dataclass(frozen=True, slots=True)
class CountField:
    name: str
    label: str
    """As shown after a figure on the map: "12 killed"."""
    short: str
    """As shown in the terminal: "killed: 12"."""
    acled_column: str | None
    """The column of ACLED's export it fills, where ACLED has one."""
    nouns: frozenset[str]
    """Count nouns that fill it; ``*`` for people no other field claims."""
    excluded: frozenset[str] = frozenset()
    """With ``*``: counts of people that are not the field's (responders, attackers)."""


@functools.cache
def _table() -> dict[str, CountField]:
    text = resources.files("geomap").joinpath("data", "count_fields.csv").read_text("utf-8")
    return {
        row["field"]: CountField(
            name=row["field"],
            label=row["label"],
            short=row["short"],
            acled_column=row["acled_column"] or None,
            nouns=frozenset(w for w in row["nouns"].split() if not w.startswith("-")),
            excluded=frozenset(w[1:] for w in row["nouns"].split() if w.startswith("-")),
        )
        for row in csv.DictReader(text.splitlines())
    }


COUNT_TABLE: dict[str, CountField] = _table()
COUNT_FIELDS: tuple[str, ...] = tuple(COUNT_TABLE)


def figure_text(value: int, qualifier: str | None) -> str:
    """A figure as stated: "at least 12", or for a vague word and the value it stands for,
    "dozens (12)"."""
    if qualifier and qualifier.endswith("s") and " " not in qualifier:
        return f"{qualifier} ({value:,})"
    return f"{qualifier + ' ' if qualifier else ''}{value:,}"
"""The fields of :class:`geomap.records.Incident` that hold a stated count, in order."""
