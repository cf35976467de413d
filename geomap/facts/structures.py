"""Buildings written without a figure: "an Israeli drone targeted a house", "a landslide
destroyed their house", "the monastery hall was completely destroyed".

A report that says one building was hit states a count of one, as it would state one
victim ("a man was killed"); the annotation convention counts it in
``structures_affected``.  Read by :func:`geomap.facts.counts.find_counts` once the
figures are found, so a building a figure already counts ("two apartment buildings")
is not counted again.
"""

from __future__ import annotations

import re

from geomap.count_fields import COUNT_TABLE
from geomap.facts.numbers import overlaps
from geomap.records import Count

__all__ = ["structures_without_a_figure"]

_BUILDINGS = tuple(sorted(COUNT_TABLE["structures_affected"].nouns, key=len, reverse=True))
"""The structure nouns of the count-field table (home, house, building, school ...)."""
_NOUN = rf"(?:{'|'.join(_BUILDINGS)})"
_ONE = r"(?:a|an|the|their|his|her|its|one)\s+(?:[\w'\u2019-]+\s+){0,2}?"
_HARMED = (r"(?:destroyed|damaged|hit|hits|struck|strikes|bombed|shelled|flattened|razed|"
           r"levelled|leveled|buried|gutted|torched|targeted|demolished|collapsed|burned|burnt|"
           r"(?:blasted|blew|tore|ripped|punched|smashed)\s+(?:a\s+)?(?:[\w-]+\s+)?holes?\s+"
           r"(?:in|into|through))")
""""hit a house", "a drone hits an apartment building" (a headline's present), "blasted a
hole in an apartment building": what harms a building."""
_ONE_BUILDING = re.compile(
    rf"\b{_HARMED}\s+{_ONE}(?P<object>{_NOUN})\b(?!\s+(?:of|in)\s+(?-i:[A-Z]))(?![\w-])"
    rf"|\b{_ONE}(?P<subject>{_NOUN})(?:\s+(?:in|at|near)(?:\s+[\w'\u2019.-]+){{1,5}}?)?"
    rf"\s+(?:hall\s+|block\s+)?(?:was|has\s+been|had\s+been)\s+(?:left\s+)?"
    rf"(?:\w+ly\s+)?"
    rf"{_HARMED}\b"
    rf"|\b{_ONE}(?P<fallen>{_NOUN})\s+(?:collapsed|caved\s+in|burned\s+down|burnt\s+down)\b",
    re.IGNORECASE,
)
""""bombed a house", "destroyed their house", "the monastery hall was completely
destroyed", "the family's home in the village was left buried by mud", "a four-storey
building collapsed"; not a named building ("hit the Hospital of Gaza")."""


def structures_without_a_figure(text: str, counts: list[Count]) -> list[Count]:
    """One building harmed, where no stated figure already covers it."""
    taken = [(c.start, c.end) for c in counts]
    found = []
    for match in _ONE_BUILDING.finditer(text):
        if overlaps(taken, match.start(), match.end()):
            continue
        noun = next(n for n in match.groupdict().values() if n).lower()
        found.append(Count(match.start(), match.end(), match.group(0), 1, noun))
    return found
