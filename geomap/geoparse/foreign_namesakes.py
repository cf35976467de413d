"""Small towns abroad that an article about one country names by accident.

A report from Kerala names "the small town of Mala", and the gazetteer's only Malas lie
in Peru, China, Sweden and Spain; a report from Mali names "Baye", and the gazetteer's
only Baye is a French village. Ranking has nothing better to offer, and the town the
report means is missing. A pin on the namesake puts the report's incident on another
continent, so such a pick is left unplaced (the incident then stays at the smallest
known unit the article names):

- every place resolution is sure of lies in one country;
- the pick lies in another country, which the article does not name (no mention of it,
  of its demonym, or of any place resolution put there with confidence);
- the pick is a town or village (no country, region, district, county or natural
  feature) of fewer than ``SMALL_TOWN`` people, resolution is not sure of it either,
  and it lies over ``FAR_KM`` from every place resolution is sure of.

A US local story that names "Haditha, Iraq" names Iraq, so Haditha stays; a story from
London, Ontario, about a hockey game in Erie keeps Erie, which is near.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from geomap.distance import equirectangular_km
from geomap.geoparse.candidates import unit_level
from geomap.records import Resolution

__all__ = ["SMALL_TOWN", "drop_foreign_namesakes"]

SURE = 0.5
"""How sure resolution must be of a place for it to say which country the article is in."""
SMALL_TOWN = 100_000
"""A town this big abroad is named for itself, not by accident."""
FAR_KM = 1500.0
"""Farther than this from all the article's sure places, a small town is not a neighbour
across a border."""


def drop_foreign_namesakes(resolutions: Sequence[Resolution]) -> list[Resolution]:
    """``resolutions`` without the picks of small towns abroad (see the module)."""
    out = list(resolutions)
    sure_places = [r.entry for r in out if r.entry is not None and r.score >= SURE]
    sure = {e.country_code for e in sure_places}
    if len(sure) != 1 or None in sure:
        return out  # no country, or several: the article is not about one
    named = {
        r.entry.country_code
        for r in out
        if r.entry is not None and (r.mention.demonym or unit_level(r.entry) == 0)
    }
    for k, r in enumerate(out):
        e = r.entry
        if (
            e is not None
            and r.score < SURE
            and e.country_code is not None
            and e.country_code not in sure
            and e.country_code not in named
            and unit_level(e) >= 4
            and e.population < SMALL_TOWN
            and all(equirectangular_km(e.lat, e.lon, p.lat, p.lon) > FAR_KM for p in sure_places)
        ):
            out[k] = replace(r, entry=None)
    return out
