"""Where a weapon was stopped: "Israel's army said it intercepted an incoming missile from
Yemen", "Ukrainian air defences shot down 40 drones launched from Russia".  A sentence that
names only where the weapon came from (an origin, never a scene) and whose defences
stopped it has its scene in the defenders' country (ACLED codes an interception where it
happened, over the defended country), not in a town an earlier sentence named for
another event."""

from __future__ import annotations

import re

from geomap.incidents.ground import geo_precision
from geomap.incidents.sentences import Sentence
from geomap.incidents.setting import Scene

__all__ = ["defended_country"]

_DEFENCES_AFTER = re.compile(
    r"(?:['\u2019]s)?\s+(?:[\w-]+\s+){0,2}?(?:army|military|air\s+force|air\s+defen[cs]es?|"
    r"(?:defen[cs]e|armed)\s+forces|defen[cs]e\s+ministry|navy|forces)\b",
    re.IGNORECASE,
)
""""Israel's army", "Ukrainian air defences", "the Saudi air defence forces": who stopped it."""


def defended_country(sentence: Sentence) -> Scene | None:
    """The country whose defences the sentence says stopped a weapon coming from
    elsewhere, as the scene at country precision; None when it names none."""
    origins = {r.entry.country_code for r in sentence.roled if r.role == "origin"}
    if not origins:
        return None
    base = sentence.span[0]
    for r in sentence.roled:
        if (r.role in ("actor", "context") and r.entry.feature_type == "country"
                and r.entry.country_code not in origins
                and _DEFENCES_AFTER.match(sentence.text, r.mention.end - base)):
            return Scene(r, geo_precision(r.entry),
                         note="the country whose defences stopped the weapon")
    return None
