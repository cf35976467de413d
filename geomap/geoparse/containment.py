"""Whether one place lies in another, and what resolution does with the wording's
containment: "Paris, Texas", "Graivoron in Belgorod Oblast", "X village in the northern
Y region".

Split from :mod:`geomap.geoparse.structure`, which reads the relations from the wording
(:class:`~geomap.geoparse.structure.Relations`): this module answers them with the
gazetteer. :func:`inside` says how surely a place lies in another (region names,
outlines, distance from a town's point), :func:`add_containers` turns the written
containment into the ``container`` feature of the candidates, and
:func:`drop_outside_containers` leaves unplaced a mention none of whose candidates lies
where the wording puts it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from geomap.distance import haversine_km
from geomap.gazetteer.names import normalize
from geomap.geoparse.candidates import Candidate, unit_level
from geomap.geoparse.foreign_namesakes import drop_foreign_namesakes
from geomap.records import GazetteerEntry, Mention, Resolution

if TYPE_CHECKING:
    from geomap.geoparse.structure import Relations

__all__ = ["add_containers", "drop_outside_containers", "inside"]

_TOWN_KM = 20.0
"""How far from a town's point a place written as inside it may lie (no town outline)."""
_DISTRICT_KM = 40.0
"""The same for a district or municipality the gazetteer has no outline for."""


def inside(inner: GazetteerEntry, outer: GazetteerEntry, *, strict: bool = False) -> float:
    """How surely ``inner`` lies in ``outer``: 1 in its region, district or town (by the
    gazetteer's region names, outlines, or distance from a town's point), 0.7 merely in
    its country, 0 otherwise (and for a place that cannot lie in the other, being of the
    same or a higher level; ``strict``: also a town in a town, or a place that is no
    administrative unit)."""
    if inner.id == outer.id:
        return 0.0
    li, lo = unit_level(inner), unit_level(outer)
    if strict and (li == -1 or lo == -1 or li <= lo):
        return 0.0
    if outer.feature_type == "country":
        return 0.7 if inner.country_code == outer.country_code and li != 0 else 0.0
    if li != -1 and lo != -1 and li <= lo and not (lo == 4 and li == 4):
        return 0.0
    if outer.feature_type == "admin1" and (outer.admin1_code or outer.bbox is None):
        same = (inner.country_code, normalize(inner.admin1 or "")) == (
            outer.country_code,
            normalize(outer.admin1 or outer.name),
        )
        return 1.0 if same and li not in (0, 1) else 0.0
    # a region Natural Earth does not code (Burkina Faso's Centre-Nord): its places carry
    # their province's name, so its box says what lies in it
    if outer.bbox is not None and (lo != -1 or li >= 2):
        x0, y0, x1, y1 = outer.bbox
        return 1.0 if x0 <= inner.lon <= x1 and y0 <= inner.lat <= y1 else 0.0
    if lo in (2, 3, 4) and li != -1:
        reach = _TOWN_KM if lo == 4 else _DISTRICT_KM
        return 1.0 if haversine_km(inner.lat, inner.lon, outer.lat, outer.lon) <= reach else 0.0
    return 0.0


def add_containers(cands: list[list[Candidate]], relations: Relations) -> None:
    """Set ``container`` on every inner candidate lying in one of the outer's candidates."""
    pairs = [(p, False) for p in relations.containment]
    pairs += [(p, True) for p in relations.subdivision]
    for (k_in, k_out), strict in pairs:
        outer = cands[k_out]
        if not outer:
            continue
        for c in cands[k_in]:
            best = max(inside(c.entry, o.entry, strict=strict) for o in outer)
            if best > c.features["container"]:
                # a copy: the dict may be the mention form's, shared by its other mentions
                c.features = {**c.features, "container": best}


def drop_outside_containers(
    text: str,
    resolutions: Sequence[Resolution],
    relations: Relations,
    ranked: Sequence[Sequence[Candidate]],
) -> list[Resolution]:
    """A mention the wording puts inside a region or country ("Fresno, Calif.", "X village
    in the northern Y region") takes its best candidate that lies there, or no place when
    none does: the gazetteer lacks the place the article means, which then stays at the
    stated area (the incident's scene). Then small towns abroad that an article about
    one country names by accident are left unplaced too
    (:mod:`geomap.geoparse.foreign_namesakes`)."""
    out = list(resolutions)
    for k_in, k_out in relations.containment:
        inner, outer = out[k_in].entry, out[k_out].entry
        region = out[k_out].mention.qualifier in _REGION_QUALIFIERS  # "X, Kherson region"
        if (
            inner is None
            or outer is None
            or out[k_out].mention.demonym
            or out[k_out].score < _SURE_OUTER
            or outer.feature_type not in ("country", "admin1", "admin2")
            or unit_level(inner) in (-1, 0)
            or unit_level(inner) <= unit_level(outer)
            or not _surely_outside(inner, outer, said_region=region)
            or _likened(text, out[k_in].mention, out[k_out].mention)
        ):
            continue
        there = [c for c in ranked[k_in] if not _surely_outside(c.entry, outer, said_region=region)
                 and unit_level(c.entry) > unit_level(outer)]  # fmt: skip
        best = max(there, key=lambda c: c.linear, default=None)
        entry = best.entry if best is not None else None
        score = 1.0 / (1.0 + math.exp(-best.linear)) if best is not None else 0.0
        out[k_in] = replace(out[k_in], entry=entry, score=score)
    return drop_foreign_namesakes(out)


_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def _likened(text: str, inner: Mention, outer: Mention) -> bool:
    """"Sochi could become the Nice of Russia": a likeness, not a place inside another
    (while "the Nord region of Burkina Faso" is one)."""
    if text[inner.end : outer.start].strip() != "of":
        return False
    return _THE_BEFORE.search(text, max(0, inner.start - 8), inner.start) is not None


_SURE_OUTER = 0.5
"""How sure the place written around another must be for its word to decide."""


_OUTLINE_MARGIN = 0.1
"""Degrees of slack around a region's bounding box (its outline is simplified)."""
_FAR_FROM_REGION_KM = 400.0
"""Farther than this from a region's point, a place is not in it whatever its box says."""
_FAR_NO_OUTLINE_KM = 1000.0
"""Farther than this from the point of a region without an outline, a place is not in it
(Siberian and Saharan regions reach some 800 km from their points)."""


def _surely_outside(
    inner: GazetteerEntry, outer: GazetteerEntry, *, said_region: bool = False
) -> bool:
    """In another country, or both outside the region's box and far from its point: names
    of regions differ between sources ("Kashmir", "Jammu and Kashmir") and some boxes
    are a data fault, so neither alone is proof. ``said_region``: the wording calls the
    outer place a region ("X, Kherson region"); then a place outside its box that the
    gazetteer puts in a region of another name is outside it, however near."""
    if inner.country_code != outer.country_code:
        return bool(inner.country_code and outer.country_code)
    if outer.feature_type != "admin1":
        return False
    if outer.bbox is None:  # a region with no outline (a province made in 2022): so far
        # from its point that no region reaches, a place is outside it
        return haversine_km(inner.lat, inner.lon, outer.lat, outer.lon) > _FAR_NO_OUTLINE_KM
    west, south, east, north = outer.bbox
    m = _OUTLINE_MARGIN
    in_box = west - m <= inner.lon <= east + m and south - m <= inner.lat <= north + m
    if in_box:
        return False
    # outside the box and said to be in another region, whose name shares no word with
    # this one's ("Autonomous Republic of Crimea" for a village "of Kherson region"):
    # two sources agree, however near
    other = _name_stems(inner.admin1 or "")
    return haversine_km(inner.lat, inner.lon, outer.lat, outer.lon) > _FAR_FROM_REGION_KM or (
        said_region and bool(other) and not other & _name_stems(outer.admin1 or outer.name)
    )


_REGION_QUALIFIERS = frozenset(["region", "oblast", "province", "governorate", "state", "krai",
                                "prefecture"])  # fmt: skip
"""Type words after a name that say it is a first-level region."""
_REGION_WORDS = frozenset(
    ["oblast", "region", "province", "state", "autonomous", "republic", "of", "the", "and",
     "city", "governorate", "district", "county"]
)  # fmt: skip


def _name_stems(name: str) -> set[str]:
    """The first three letters of a region name's own words, so that two sources'
    spellings agree ("Sums'ka Oblast'" and "Sumy" both give "sum"; "Azad Kashmir" and
    "Jammu and Kashmir" share "kas")."""
    return {w[:3] for w in normalize(name).replace("-", " ").split() if w not in _REGION_WORDS}
