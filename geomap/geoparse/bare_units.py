"""A country's name that the article also writes as one of its units with the type word:
in a report that names "Niger state", "Gunmen went haywire across Niger communities" is
that state, not the Republic of Niger next door. Only a mention with no type word of its
own and no wording that makes it a country ("the Republic of", "neighbouring") changes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from geomap.records import Resolution

__all__ = ["units_written_bare"]

_UNIT_WORDS = frozenset({"state", "province", "region", "governorate", "department"})
_COUNTRY_BEFORE = re.compile(
    r"\b(?:republic\s+of|neighbou?ring|bordering|border\s+with|borders?|president\s+of|"
    r"government\s+of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def units_written_bare(text: str, resolutions: Sequence[Resolution]) -> list[Resolution]:
    """``resolutions`` with a country mention that the article also writes as a unit
    ("Niger state") placed at that unit."""
    units = {}
    for r in resolutions:
        if (r.entry is not None and r.entry.feature_type == "admin1"
                and (r.mention.qualifier or "").lower() in _UNIT_WORDS):
            units.setdefault(r.mention.text.lower(), r)
    if not units:
        return list(resolutions)
    out = []
    for r in resolutions:
        unit = units.get(r.mention.text.lower())
        if (unit is not None and r.entry is not None and r.entry.feature_type == "country"
                and r.entry.country_code != unit.entry.country_code
                and not r.mention.qualifier and not r.mention.demonym
                and not _COUNTRY_BEFORE.search(text, max(0, r.mention.start - 30),
                                               r.mention.start)):
            r = replace(r, entry=unit.entry, score=unit.score)
        out.append(r)
    return out
