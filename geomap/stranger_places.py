"""Places alone in a country a story names nowhere else: words the gazetteer shares with a
far town, not where the story's incidents happened (read by :mod:`geomap.place_roles`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from geomap.records import GazetteerEntry

__all__ = ["STRANGER_POPULATION", "stranger_places"]

_SETTLED = frozenset({"city", "village", "neighbourhood", "admin1", "admin2", "admin3"})
"""Towns and administrative units: the places that lie in one country (a lake, a river
or a range two countries share lies in both: "Lake Kivu" in a report from Goma)."""
STRANGER_POPULATION = 500_000
"""A town this big, or a capital, is known without its country: "Tokyo", "Nice" alone
in a story from elsewhere are those places. A smaller one is not (see ``stranger_places``)."""


def stranger_places(entries: Sequence[GazetteerEntry], mentions: Sequence[int]) -> set[int]:
    """The places (indices) in a country the article names nowhere else, while most of its
    place names lie in one other country: "Casino's sprinklers were off" in a Joliet story
    (a town in Australia), "Northland apartments" in a Kansas City one (a region of New
    Zealand).
    A place abroad that a story is about comes with its country or other places of it
    ("in the Japanese city of Sakai"), or is well known (``STRANGER_POPULATION``); one
    that comes alone is more often a word the gazetteer shares with a far place. Such a
    place stays on the map, but is no incident's scene. (Measured on LGL and TR-News:
    of the 152 mentions this marks, 132 are no annotated toponym, 13 are one placed
    elsewhere, 7 are the annotated place.)"""
    weight: Counter[str] = Counter()
    for entry, count in zip(entries, mentions, strict=True):
        if entry.country_code:
            weight[entry.country_code] += count
    top = weight.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return set()  # no one country the story is in
    home = top[0][0]
    by_country = Counter(e.country_code for e in entries if e.country_code)
    return {
        index for index, entry in enumerate(entries)
        if entry.country_code and entry.country_code != home
        and by_country[entry.country_code] == 1 and entry.feature_type in _SETTLED
        and entry.population < STRANGER_POPULATION
        and not (entry.feature_code or "").startswith("PPLC")
    }  # fmt: skip
