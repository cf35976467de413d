"""Places whose official name adds the region they lie in, written without it.

Haiti's commune of Petite-Rivière-de-l'Artibonite is "Petite Rivière" in the news, in a
report that names the Artibonite region in the next paragraph; Colombia's San José del
Guaviare is "San José" in a report about Guaviare. The packs hold the official name
(:mod:`geomap.gazetteer.pack_lookup`), and the name as written finds either nothing or
half a dozen namesakes across the country. So a name left unplaced is also looked up
as "<name> de <region>", "<name> del <region>" and the like, for each first-level
region the article names and is sure of; the one village found so that lies in that
region is the place. No cue word is needed: the region's name in the village's own name
is the article's context.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from geomap.distance import equirectangular_km
from geomap.gazetteer.names import normalize
from geomap.gazetteer.pack_lookup import has_village_pack, pack_villages
from geomap.gazetteer.schema import default_data_dir
from geomap.records import GazetteerEntry, Resolution

__all__ = ["place_region_suffixed"]

LINKS = ("de ", "de l'", "de la ", "du ", "des ", "del ", "de los ", "de las ", "do ", "da ",
         "dos ", "das ")  # fmt: skip
"""What French, Spanish and Portuguese names put before the region's name."""
_SURE = 0.5
_SCORE = 0.8
"""The confidence given such a place: the region's name in it agrees with the article."""
_SAME_PLACE_KM = 10.0
"""Rows of the name this close are one place (two sources list some twice)."""


def place_region_suffixed(resolutions: Sequence[Resolution]) -> list[Resolution]:
    """``resolutions`` with each unplaced name placed on the one pack place of its name
    followed by a region the article names surely, lying in that region."""
    out = list(resolutions)
    unplaced = [k for k, r in enumerate(out) if r.entry is None and not r.mention.demonym]
    if not unplaced:
        return out
    regions = {(r.entry.country_code, normalize(r.entry.name)): r.entry for r in out
               if r.entry is not None and r.entry.feature_type == "admin1"
               and r.score >= _SURE and r.entry.country_code}  # fmt: skip
    if not regions:
        return out
    folder = default_data_dir()
    found: dict[str, GazetteerEntry | None] = {}
    for k in unplaced:
        name = normalize(out[k].mention.name)
        if name not in found:
            found[name] = _one(name, regions.values(), folder)
        place = found[name]
        if place is not None:
            out[k] = replace(out[k], entry=place, score=_SCORE, near=None)
    return out


def _one(name: str, regions: Iterable[GazetteerEntry], folder: Path) -> GazetteerEntry | None:
    """The one pack place called "<name> <link> <region>" that lies in that region."""
    hits: list[GazetteerEntry] = []
    for region in regions:
        if not has_village_pack(region.country_code or "", data_dir=folder):
            continue  # no pack: none of the names below is in one (most news regions)
        where = normalize(region.admin1 or region.name)
        for link in LINKS:
            full = normalize(f"{name} {link}{region.name}")
            hits += [e for e in pack_villages(full, region.country_code or "", data_dir=folder)
                     if normalize(e.admin1 or "") == where]  # fmt: skip
    first = hits[0] if hits else None
    if first is None or any(
        equirectangular_km(e.lat, e.lon, first.lat, first.lon) > _SAME_PLACE_KM for e in hits
    ):
        return None
    return first
