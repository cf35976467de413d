"""Which pack village a name means, of the rows the shipped packs hold for it.

Split from :mod:`geomap.geoparse.pack_villages` (which decides when a name is asked and
what the article says of where it is), because recognition asks the same questions
(:mod:`geomap.geoparse.pack_named`): the rows of a name's first spelling that has any
(as written, other romanisations, the seat a unit is named after), without the villages
the index already offers; the one that fits the article, rows a few kilometres apart
counting as one village; of several, the one right beside a place the article names;
and the one the pack puts in a district written after the name ("Osara in Adavi LGA").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from geomap.distance import equirectangular_km
from geomap.gazetteer.index import GazetteerIndex
from geomap.gazetteer.names import normalize
from geomap.gazetteer.pack_lookup import pack_village_parents
from geomap.geoparse.candidates import unit_level
from geomap.geoparse.containment import inside
from geomap.geoparse.pack_cues import MOST_COUNTRIES, district_key
from geomap.geoparse.pack_spellings import SEAT_UNITS, spellings
from geomap.geoparse.village_context import near
from geomap.records import GazetteerEntry, Mention

__all__ = ["as_unit", "closest", "fitting", "in_named_district", "one_place", "one_village",
           "pack_fits"]

_CLOSE_KM = 20.0
"""Of two namesakes near the article's places, one this close to one of them is meant."""
_SAME_PLACE_KM = 10.0
"""Pack rows of one name this close are one village: two sources list some twice, a few
kilometres apart (Ethiopia's "Mezezo" is two rows 7 km apart)."""


def pack_fits(
    mention: Mention, countries: set[str], fits: Callable[[GazetteerEntry], bool]
) -> list[GazetteerEntry]:
    """The pack villages of ``countries`` that the mention's name may mean and that
    ``fits`` the article, of its first spelling that has any (recognition asks so)."""
    return fitting(mention, countries, None, fits)[0]


def in_named_district(
    mention: Mention,
    countries: set[str],
    district: str,
    unit: GazetteerEntry | None,
    index: GazetteerIndex | None = None,
) -> GazetteerEntry | None:
    """The one pack village of ``countries`` called as ``mention`` that the pack puts in
    the district written after it ("Osara in Adavi LGA": the pack's ``parent`` is
    "Adavi"); of several there, or where none is, the one inside ``unit``, the place the
    article's district resolved to (its box). None where that leaves none or several."""
    if not countries or len(countries) > MOST_COUNTRIES:
        return None
    rows = [(e, parent) for code in sorted(countries)
            for e, parent in pack_village_parents(normalize(mention.name), code)
            if not _installed(e, index)]  # fmt: skip
    wanted = district_key(district)
    there = [e for e, parent in rows if parent and district_key(parent) == wanted]
    village = one_place(there)
    if village is None and unit is not None and 1 <= unit_level(unit) <= 3:
        village = one_place([e for e in (there or [e for e, _ in rows]) if inside(e, unit) > 0])
    return village


def one_village(
    fits: list[GazetteerEntry],
    points: Sequence[tuple[float, float]],
    in_sentence: Sequence[tuple[float, float]] = (),
) -> GazetteerEntry | None:
    """The one village ``fits`` holds; of several, the one within ``_CLOSE_KM`` of one
    of ``points``, else the one within ``NEAR_KM`` of a place of its own sentence
    (``in_sentence``); None when that leaves none or several."""
    return (
        one_place(fits)
        or one_place(closest(fits, points))
        or one_place([e for e in fits if near(e, in_sentence)])
    )


def closest(
    fits: list[GazetteerEntry], points: Sequence[tuple[float, float]]
) -> list[GazetteerEntry]:
    """The villages of ``fits`` within ``_CLOSE_KM`` of one of ``points``: of two
    namesakes both within reach of the article's places, the one right beside one."""
    return [e for e in fits
            if any(equirectangular_km(e.lat, e.lon, lat, lon) <= _CLOSE_KM for lat, lon in points)]


def fitting(
    mention: Mention,
    where: set[str],
    index: GazetteerIndex | None,
    fits: Callable[[GazetteerEntry], bool],
) -> tuple[list[GazetteerEntry], bool]:
    """The pack villages of the first spelling of the name that has any that ``fits`` the
    article, and whether that spelling is the seat a unit is named after: the name as
    written, then its other romanisations (an exact "Pervomaiske" in other oblasts must
    not hide Kherson's "Pervomays'ke"), then the seat ("Tilin" for "Tilin Township")."""
    for found, seat in spellings(mention, where):
        kept = [e for e in found if not _installed(e, index) and fits(e)]
        if kept:
            return kept, seat
    return [], False


def as_unit(seat: GazetteerEntry, word: str) -> GazetteerEntry:
    """The unit ("Tilin Township") named after the town ``seat``, placed at the seat: a
    place of its own (its own id and kind), not the town."""
    return replace(seat, id=f"{seat.id}:{word}", name=f"{seat.name} {word.capitalize()}",
                   feature_type=SEAT_UNITS[word], population=0, geonameid=None,
                   feature_code=None)  # fmt: skip


def _installed(e: GazetteerEntry, index: GazetteerIndex | None) -> bool:
    """Whether the index already offers this village (its pack is installed): then
    resolution has weighed it already."""
    return index is not None and any(x.id == e.id for x in index.lookup(e.name))


def one_place(fits: list[GazetteerEntry]) -> GazetteerEntry | None:
    """The one village ``fits`` holds (rows a few kilometres apart are one village, the
    most populous row standing for it), or None when it holds none or several."""
    if not fits:
        return None
    first = fits[0]
    far = (equirectangular_km(first.lat, first.lon, e.lat, e.lon) for e in fits[1:])
    if any(km > _SAME_PLACE_KM for km in far):
        return None
    return max(fits, key=lambda e: e.population)
