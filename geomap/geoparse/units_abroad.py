"""A town abroad picked for a name the article writes with a unit word.

"Gunmen attacked villages in Kanam area of Plateau state": the gazetteer's only town
called Kanam lies in India, and its Kanam Local Government Area (one of whose names is
"Kanam District") in Nigeria, where every other place of the article lies. A name
written with a unit word after it ("local government area", "LGA", "district", "payam",
"tehsil", "area") names a unit or the town it is named after, and a town of a country
the article names no other place in is a namesake. Where the article's other places
all lie in one other country, the mention takes that country's admin-2 or admin-3 unit
of that name, looked up under the names ``unit_names`` gives it; with none, it is left
unplaced (an incident there stays at the smallest unit the article names) rather than
pinned on another continent. Its other mentions placed at the same town follow it. A
name so written that resolution left unplaced (the namesake abroad was dropped, or the
name alone is no gazetteer name: "Adavi LGA" given as the span "Adavi") takes that
unit too, where the gazetteer holds one.

"Area" says less than a unit's word: a town picked for "X area" is undone only when it
is small (under ``SMALL_TOWN``) or was found under another of its names ("Karati area"
in a Kenyan report is no Karachi); "the Tokyo area" keeps Tokyo.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from geopy.geocoders.base import Geocoder

from geomap.feature_types import DISTRICT_TYPES
from geomap.gazetteer.names import normalize
from geomap.geoparse.candidates import candidates_for, unit_level
from geomap.geoparse.foreign_namesakes import SMALL_TOWN
from geomap.geoparse.lexicon import PlaceType, lexicon
from geomap.geoparse.unit_names import GAZETTEER_UNIT_WORDS, unit_names
from geomap.records import GazetteerEntry, Mention, Resolution

__all__ = ["place_units_at_home"]

_AREA = "area"
_TOWN_LEVEL = 4
"""``unit_level`` of a town or village."""
_UNIT_SCORE = 0.5
"""The confidence given to a unit put in place of a town abroad: the wording and the
article's country, not the ranking, chose it."""


@cache
def _unit_after() -> re.Pattern[str]:
    """A unit word right after a name: a type word of admin-2 or admin-3 units, a type
    phrase ("local government area", "L.G.A."), or "area"."""
    lex = lexicon()
    words = [w for w, p in lex.place_types.items() if DISTRICT_TYPES & set(p.feature_types)]
    phrases = [r"\s*".join(re.escape(t) for t in key) for key in lex.type_phrases]
    alternatives = "|".join(sorted([*map(re.escape, words), *phrases, _AREA], key=len,
                                   reverse=True))  # fmt: skip
    return re.compile(rf"\s+({alternatives})(?!\w)", re.IGNORECASE)


def _unit_word(text: str, mention: Mention) -> tuple[str, PlaceType | None] | None:
    """The unit word written after ``mention`` (singular) and its type; "area" has none."""
    found = _unit_after().match(text, mention.end)
    if found is None:
        return None
    written = re.sub(r"\s+", "", found.group(1).lower())
    if written == _AREA:
        return _AREA, None
    lex = lexicon()
    phrases = {"".join(key): word for key, word in lex.type_phrases.items()}
    return lex.singular_type(phrases.get(written, written))


def _unit_at_home(
    geocoder: Geocoder, mention: Mention, word: str, ptype: PlaceType | None, home: str
) -> GazetteerEntry | None:
    """The admin-2 or admin-3 unit of country ``home`` that the mention's name with its
    unit word names, if the gazetteer holds one; one whose own name begins with the
    written name first (an alternate name may be shared by a neighbouring unit)."""
    if ptype is None:
        names = [f"{mention.name} {w}" for w in GAZETTEER_UNIT_WORDS.values()]
        levels = DISTRICT_TYPES
    else:
        names = unit_names(mention.name, word, ptype)
        levels = DISTRICT_TYPES & set(ptype.feature_types)
    written = normalize(mention.name)
    for name in names:
        units = [e for e in candidates_for(replace(mention, name=name), geocoder)
                 if e.feature_type in levels and e.country_code == home]  # fmt: skip
        if units:
            return min(units, key=lambda e: not normalize(e.name).startswith(written))
    return None


def place_units_at_home(
    text: str, resolutions: Sequence[Resolution], geocoder: Geocoder
) -> tuple[list[Resolution], frozenset[int]]:
    """``resolutions`` with each town abroad picked for a name written with a unit word
    put at the unit of the article's country, or unplaced, and each such name left
    unplaced put at that unit (see the module); and the mentions unplaced so, which the
    packs and the wording may still place (as names the gazetteer lacks)."""
    out = list(resolutions)
    unplaced: set[int] = set()
    for r in out:  # a mention moved with an earlier one is seen moved
        e = r.entry
        if r.mention.demonym or (e is not None and (e.country_code is None
                                                    or unit_level(e) < _TOWN_LEVEL)):
            continue  # a unit or a country already, or no place written so
        found = _unit_word(text, r.mention)
        if found is None:
            continue
        word, ptype = found
        written = normalize(r.mention.name)
        if e is None and (written in lexicon().directions or written in lexicon().generic_words):
            continue  # "the Central area": no name of its own
        if (e is not None and word == _AREA and e.population >= SMALL_TOWN
                and normalize(e.name) == written):
            continue  # "the Tokyo area"
        others = {  # "Asia", a sea: in no country
            o.entry.country_code
            for o in out
            if o.entry is not None and o.entry.country_code and normalize(o.mention.name) != written
        }
        if len(others) != 1 or (e is not None and e.country_code in others):
            continue
        (home,) = others
        unit = _unit_at_home(geocoder, r.mention, word, ptype, home)
        if e is None and unit is None:
            continue
        for q, s in enumerate(out):
            same = s.entry.id == e.id if s.entry is not None and e is not None else s.entry is e
            if same and normalize(s.mention.name) == written and not s.mention.demonym:
                out[q] = replace(s, entry=unit, score=_UNIT_SCORE if unit is not None else 0.0)
                if unit is None:
                    unplaced.add(q)
    return out, frozenset(unplaced)
