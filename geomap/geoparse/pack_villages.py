"""Villages the index lacks, placed from the packs geomap carries, where the article
says where they are.

Recognition takes a name the gazetteer does not know as a place only where the
sentence says so ("the village of X", "X village in Y province", "in X, Y county": see
:mod:`geomap.geoparse.village_context`), and resolution then has no candidate for it.
The village is very often in one of the packs that ship with geomap but are not
installed (:mod:`geomap.gazetteer.pack_lookup`). This step looks such a name up there,
after resolution, when the wording says it is a small place: the article calls it a
village, hamlet, settlement, locality, neighbourhood or town, or writes it inside a
place below the country ("in X, Y county", "X in Y province", "at X, near Y"). "X
area", "X district" or "in X, Sudan" do not: that may be a region. Among the villages
of the countries the article's confident places are in, one is kept only when it is
the only one that fits the article:

- inside the places the wording puts the name in, when the article names any;
- else within ``NEAR_KM`` of one of the article's confident places, or in a first-level
  region the article names (or a town of it), as recognition admits villages.

Two villages of the name that fit (beyond a few kilometres apart) leave the name
unplaced, as before: the incident stays at the smallest unit the article names. A
spelling the pack holds in another romanisation is found as resolution finds one in
the index (:func:`~geomap.geoparse.candidates.romanisations`). A mention the gazetteer
has places for is left alone, except one the wording put in a region where none of
those places lies (:func:`~geomap.geoparse.structure.drop_outside_containers`); a
village the index already offers (its pack is installed) is not taken from the pack
file again, so nothing is counted twice. Only the offline path does this: with a
hybrid geocoder the online service answers for such names.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

from geopy.geocoders.base import Geocoder

from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.index import GazetteerIndex
from geomap.gazetteer.names import normalize
from geomap.gazetteer.pack_lookup import pack_villages
from geomap.geoparse.candidates import (
    Candidate,
    prior_features,
    romanisations,
    spelling_variant,
    unit_level,
)
from geomap.geoparse.structure import Relations, inside
from geomap.geoparse.village_context import near_or_in_region, support_of
from geomap.records import GazetteerEntry, Mention, Resolution

__all__ = ["PACK_SCORE", "SURE", "place_pack_villages"]

SURE = 0.5
"""How sure resolution must be of a place for it to say where the article is."""
PACK_SCORE = 0.8
"""The confidence given a village placed this way: the article's wording and places
agree on it, but no ranking of candidates chose it."""
_SMALL = r"(?:villages?|hamlets?|settlements?|locality|neighbou?rhoods?|town)"
_CUE_BEFORE = re.compile(rf"\b{_SMALL}\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_CUE_AFTER = re.compile(
    rf"\s+{_SMALL}\b|,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?{_SMALL}\b", re.IGNORECASE
)
_INSIDE_LEAD = re.compile(r"\b(?:in|at|near|outside)\s+$", re.IGNORECASE)
_INSIDE_GAP = re.compile(r",\s+(?:near\s+)?")
_SAME_PLACE_KM = 5.0
"""Pack rows of one name this close are one village (two sources list some twice)."""


def place_pack_villages(
    text: str,
    resolutions: Sequence[Resolution],
    relations: Relations,
    ranked: Sequence[Sequence[Candidate]],
    geocoder: Geocoder,
) -> list[Resolution]:
    """``resolutions`` of the article ``text`` with the unplaced names it says are
    villages placed on the one pack village that fits it (every mention of the name)."""
    out = list(resolutions)
    unplaced: dict[str, list[int]] = {}
    for k, r in enumerate(out):
        if (
            r.entry is None
            and not r.mention.demonym
            and (not ranked[k] or _containers(k, out, relations))
        ):
            unplaced.setdefault(normalize(r.mention.name), []).append(k)
    wanted = [
        ks for ks in unplaced.values()
        if any(_stated(text, k, out) or _inside_unit(k, out, relations) for k in ks)
    ]  # fmt: skip
    if not wanted:
        return out  # the usual article: nothing is read
    sure = [r.entry for r in out if r.entry is not None and r.score >= SURE]
    if not sure:
        return out
    support = support_of(sure)
    # a country named alone supports no village of it (see village_context)
    countries = {e.country_code for e in sure if e.country_code and e.feature_type != "country"}
    index = geocoder.index if type(geocoder) is GazetteerGeocoder else None
    for ks in wanted:
        containers = [c for k in ks for c in _containers(k, out, relations)]
        mention = out[ks[0]].mention
        where = {c.country_code for c in containers if c.country_code} if containers else countries
        found = [e for e in _villages(mention, where) if not _installed(e, index)]
        if containers:
            fits = [e for e in found if all(inside(e, c) > 0 for c in containers)]
        else:
            fits = [e for e in found if near_or_in_region(e, support)]
        village = _one_place(fits)
        if village is None:
            continue
        for k in ks:
            out[k] = replace(out[k], entry=village, score=PACK_SCORE)
    return out


def _stated(text: str, k: int, out: Sequence[Resolution]) -> bool:
    """Whether the wording says mention ``k`` is a village: "the village of X", "X
    village", "X, a small village", or "in X, Y" / "at X, near Y" with Y a place
    resolution is sure of. "X area" and "X district" do not: an area may be a region,
    and a district is no village."""
    m = out[k].mention
    if _CUE_BEFORE.search(text, max(0, m.start - 40), m.start) or _CUE_AFTER.match(text, m.end):
        return True
    if k + 1 >= len(out) or not _INSIDE_LEAD.search(text, max(0, m.start - 10), m.start):
        return False
    after = out[k + 1]
    return (
        after.entry is not None
        and after.score >= SURE
        and unit_level(after.entry) != 0  # "in Kordofan, Sudan" may be a region
        and _INSIDE_GAP.fullmatch(text, m.end, after.mention.start) is not None
    )


def _inside_unit(k: int, out: Sequence[Resolution], relations: Relations) -> bool:
    """Whether the wording puts mention ``k`` inside a region, district or town ("X in
    Y province"): a place inside a country alone may be a region of it."""
    return any(unit_level(c) > 0 for c in _containers(k, out, relations))


def _containers(k: int, out: Sequence[Resolution], relations: Relations) -> list[GazetteerEntry]:
    """The places the wording puts mention ``k`` in, that resolution is sure of."""
    found = []
    for inner, outer in relations.containment:
        if inner != k:
            continue
        r = out[outer]
        if r.entry is None or r.score < SURE or r.mention.demonym:
            continue
        if unit_level(r.entry) in (0, 1, 2, 3, 4):
            found.append(r.entry)
    return found


def _villages(mention: Mention, countries: set[str]) -> list[GazetteerEntry]:
    """The pack villages of ``countries`` the mention's name may mean, of a kind its type
    word allows ("X district" is no village); other romanisations only when the name
    as written finds none."""
    found = _of_kind(mention, _lookup(normalize(mention.name), countries))
    if found:
        return found
    for variant in romanisations(mention.name):
        found = [
            e for e in _lookup(normalize(variant), countries)
            if spelling_variant(mention.name, e.name)
        ]  # fmt: skip
        found = _of_kind(mention, found)
        if found:
            return found
    return []


def _lookup(normalized: str, countries: set[str]) -> list[GazetteerEntry]:
    return [e for cc in sorted(countries) for e in pack_villages(normalized, cc)]


def _of_kind(mention: Mention, entries: list[GazetteerEntry]) -> list[GazetteerEntry]:
    return [e for e in entries if prior_features(mention, e, 0)["qualifier_fit"] >= 0]


def _installed(e: GazetteerEntry, index: GazetteerIndex | None) -> bool:
    """Whether the index already offers this village (its pack is installed): then
    resolution has weighed it already."""
    return index is not None and any(x.id == e.id for x in index.lookup(e.name))


def _one_place(fits: list[GazetteerEntry]) -> GazetteerEntry | None:
    """The one village ``fits`` holds (rows a few kilometres apart are one village, the
    most populous row standing for it), or None when it holds none or several."""
    if not fits:
        return None
    first = fits[0]
    if any(_km(first, e) > _SAME_PLACE_KM for e in fits[1:]):
        return None
    return max(fits, key=lambda e: e.population)


def _km(a: GazetteerEntry, b: GazetteerEntry) -> float:
    x = math.radians(b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return 6371.0 * math.hypot(x, math.radians(b.lat - a.lat))
