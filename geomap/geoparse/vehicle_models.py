"""Names of cars and trucks that are also place names: "a 2006 Dodge Dakota truck", "a
2005 Pontiac Montana", "a 1999 Plymouth". Local news describes the vehicles of a crash
or a fire by model year, make and model, and models (and some makes) are named after
places; read as places, they put an incident in another state.

A name is a vehicle's when it follows a make (geomap/geoparse/data/vehicle_makes.txt)
that follows a model year, or that a vehicle word follows ("a Dodge Dakota pickup"), or
when it is itself a make right after a model year. A year alone before a name ("the 2004
Athens Olympics") says nothing: only a make does.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from geomap.geoparse.tokens import Token

__all__ = ["makes", "vehicle_name"]

_YEAR = re.compile(r"(?:19|20)\d\d")
_VEHICLE_WORDS = frozenset(
    ["truck", "pickup", "pick-up", "suv", "sedan", "van", "minivan", "car", "wagon", "coupe",
     "convertible", "hatchback", "jeep", "crossover"]
)  # fmt: skip


@cache
def makes() -> frozenset[str]:
    """The makes of the data file, as written ("Dodge", "GMC")."""
    path = Path(__file__).parent / "data" / "vehicle_makes.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and line[0] != "#")


def _word(tokens: list[Token], k: int) -> str | None:
    return tokens[k].text if 0 <= k < len(tokens) and tokens[k].is_word else None


def vehicle_name(tokens: list[Token], i: int, j: int) -> bool:
    """Whether the name of tokens i..j is a vehicle's make or model where it stands."""
    known = makes()
    before = _word(tokens, i - 1)
    if _YEAR.fullmatch(before or "") and j - i == 1 and tokens[i].text in known:
        return True  # "a 1999 Plymouth"
    if before not in known:  # the make, right before the model
        return False
    after = (_word(tokens, j) or "").lower()
    return bool(_YEAR.fullmatch(_word(tokens, i - 2) or "")) or after in _VEHICLE_WORDS
