"""A region on another continent picked for a name whose namesake city lies among the
article's places.

A first-level region's population feature is the largest there is (regions carry no
population), so a region abroad can edge out the city the article means when context
is thin: "the war began in Gaza" in a report from the Golan Heights picked Mozambique's
Gaza province, 6,000 km from every place of the report, over Gaza city 200 km away,
by a hair of the linear score. The ranking's margin there says nothing; the distance
says everything. So a region or first-level unit picked in a country none of the
article's other places is in, farther than ``FAR_KM`` from every confident place of
the article, gives way to the mention's best candidate within ``NEAR_KM`` of one of
them, when that candidate's score is within ``MARGIN`` of the pick's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from geomap.distance import equirectangular_km
from geomap.gazetteer.names import normalize
from geomap.geoparse.candidates import Candidate
from geomap.records import GazetteerEntry, Resolution

__all__ = ["FAR_KM", "MARGIN", "NEAR_KM", "prefer_near_namesakes"]

FAR_KM = 2000.0
"""A region this far from every confident place of the article is on another map."""
NEAR_KM = 500.0
"""A namesake this near one of the article's places is on the article's map."""
MARGIN = 1.0
"""How much lower (in linear score) the near namesake may rank: a close call, not a
region the context or the wording clearly chose."""
SURE = 0.5
"""How sure resolution must be of a place for it to say where the article is."""
_AREAS = frozenset({"admin1", "region"})
_NOT_ANCHORS = frozenset({"country", "sea", "region"})


def prefer_near_namesakes(
    resolutions: Sequence[Resolution], ranked: Sequence[Sequence[Candidate]]
) -> list[Resolution]:
    """``resolutions`` with each region abroad that edges out a namesake among the
    article's places replaced by that namesake (see the module)."""
    out = list(resolutions)
    picks = [(k, r.entry) for k, r in enumerate(out)
             if r.entry is not None and r.entry.feature_type in _AREAS]  # fmt: skip
    if not picks:
        return out  # the usual article: nothing to check
    anchors = [(k, r.entry) for k, r in enumerate(out)
               if r.entry is not None and r.score >= SURE and not r.mention.demonym
               and r.entry.feature_type not in _NOT_ANCHORS]  # fmt: skip
    for k, pick in picks:
        name = normalize(out[k].mention.name)
        others = [e for j, e in anchors if normalize(out[j].mention.name) != name]
        if not others or _country_named(out, k, pick):
            continue
        if min(_km(pick, e) for e in others) <= FAR_KM:
            continue
        own = max((c.linear for c in ranked[k] if c.entry.id == pick.id), default=None)
        near = [c for c in ranked[k] if c.entry.id != pick.id
                and min(_km(c.entry, e) for e in others) <= NEAR_KM]  # fmt: skip
        best = max(near, key=lambda c: c.linear, default=None)
        if own is None or best is None or own - best.linear > MARGIN:
            continue
        out[k] = replace(out[k], entry=best.entry, score=1.0 / (1.0 + math.exp(-best.linear)))
    return out


def _country_named(out: Sequence[Resolution], k: int, pick: GazetteerEntry) -> bool:
    """Whether another of the article's places lies in the pick's country."""
    name = normalize(out[k].mention.name)
    return any(r.entry is not None and r.entry.country_code == pick.country_code
               and normalize(r.mention.name) != name for r in out)  # fmt: skip


def _km(a: GazetteerEntry, b: GazetteerEntry) -> float:
    return equirectangular_km(a.lat, a.lon, b.lat, b.lon)
