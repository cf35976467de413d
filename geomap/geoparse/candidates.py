"""The places a mention may refer to, and what each one is on its own (before context).

Candidates come through the geopy ``Geocoder`` interface, so the offline gazetteer or
any online geocoder can supply them; the gazetteer's own geocoder is read directly
(its entries need no round trip through geopy ``Location`` objects). Each candidate's
*prior* features say how well known it is, what kind of place it is, whether its main
name is the name written and whether its type fits the article's type word ("the port
city of"); see :mod:`geomap.geoparse.scoring` for every feature.
"""

from __future__ import annotations

import math
import re
import weakref
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby

from geopy.geocoders.base import Geocoder

from geomap.feature_types import (
    ADMIN_LEVELS,
    ADMIN_UNIT_TYPES,
    DISTRICT_TYPES,
    FEATURE_TYPES,
    SETTLEMENT_TYPES,
)
from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.names import normalize
from geomap.geocoders.entries import entry_from_location
from geomap.geoparse.lexicon import lexicon
from geomap.records import GazetteerEntry, Mention

__all__ = [
    "Candidate",
    "candidates_for",
    "capital_namesake_features",
    "geocoder_name",
    "mark_capital_namesakes",
    "name_features",
    "prior_features",
    "skeleton",
    "spelling_variant",
    "unit_level",
]

_CITY_CODES_SEAT = ("PPLA", "PPLA2")
_LARGE_CODES = frozenset({"CONT", "OCN", "SEA"})  # continents, oceans, seas
_TYPICAL_DISTRICT = math.log10(100_000 + 1) / 7.0
"""The population feature of a district of 100,000 people."""
_OTHER_TYPES = frozenset(FEATURE_TYPES) - SETTLEMENT_TYPES - ADMIN_UNIT_TYPES - {"country"}
"""Every other row of the feature-type table (sea, island, airport, dam, camp...): a kind
of place added to the table is one of these without a change here."""
# a type word's places beyond the lexicon's own list: the units below a region
_QUALIFIER_EXTRA = {
    "port": ("port", "city"),
    "capital": ("city",),
    "district": ("admin2", "admin3"),
    "county": ("admin2",),
    "municipality": ("admin3",),
    "region": ("admin2",),
    "town": ("village",),
    "village": ("village",),
    "settlement": ("village",),
    "city": ("neighbourhood",),
}
_CODE_LEVELS = {"ADM1": 1, "ADM2": 2, "ADM3": 3, "PPLX": 5}


@dataclass(slots=True)
class Candidate:
    """One place a mention may refer to, with its features and current score."""

    entry: GazetteerEntry
    rank: int
    features: dict[str, float]
    linear: float = 0.0
    region: tuple[str, str] | None = None
    """(country code, normalised admin1) of a place inside a region, for context."""
    variant: bool = False
    """Matched by an alternate name that spells its main name another way (Derna for
    Darnah, Kupyansk for Kupiansk): see :func:`spelling_variant`."""


# geocoder -> {query: entries}; names repeat across articles, geocoding them is the cost
_CACHES: weakref.WeakKeyDictionary[Geocoder, dict[str, list[GazetteerEntry]]] = (
    weakref.WeakKeyDictionary()
)


def candidates_for(mention: Mention, geocoder: Geocoder) -> list[GazetteerEntry]:
    """The geocoder's places for a mention's name, falling back to shorter forms.

    A word for an administrative unit that recognition joined to a name
    ("Shevchenkivskyi district", "Kupianskyi raion") is not part of the place's own
    name: a gazetteer holds "X district" for some such places and only "X" for others,
    so both are looked up, the bare name's places kept where they are of a type the word
    names ("Kharkiv Oblast" is not the city), and the wording decides between them. A
    word that belongs to the name ("Laurel County", "Harbor City") is looked up bare
    only when the full name finds nothing.
    """
    queries = [mention.name]
    head, _, _ = mention.name.partition(",")
    if head != mention.name:
        queries.append(head)
    words = mention.name.split()
    ptype = lexicon().place_types.get(words[-1].lower()) if len(words) > 1 else None
    bare = " ".join(words[:-1])
    if ptype is not None and ptype.in_span:
        if not ptype.head_lookup:
            return _geocode(geocoder, mention.name)  # "Main Street" is not "Main"
        queries.append(bare)  # "Laurel County" -> "Laurel"
    elif (
        ptype is not None
        and ptype.head_lookup
        and head == mention.name
        and ADMIN_UNIT_TYPES & set(ptype.feature_types)
    ):
        found = _geocode(geocoder, mention.name)
        known = {e.id for e in found}
        fits = set(_qualifier_types(ptype.qualifier))
        return found + [e for e in _geocode(geocoder, bare)
                        if e.id not in known and e.feature_type in fits]  # fmt: skip
    pair = _hyphened_pair(mention.name)
    if pair is not None:
        queries.append(pair)  # looked up only where the name as written finds nothing
    for q in queries:
        found = _geocode(geocoder, q)
        if found:
            return found
    for variant in romanisations(mention.name):
        # "Graivoron" for the gazetteer's "Grayvoron": another romanisation, used only
        # for a name the gazetteer does not know as written
        found = [e for e in _geocode(geocoder, variant)
                 if spelling_variant(mention.name, e.name) or _same_consonants(variant, e.name)]
        if found:
            return found
    return []


_PAIR = re.compile(r"([A-Z][\w']+)[-\u2010]([A-Z][\w']+)")


def _hyphened_pair(name: str) -> str | None:
    """ "Sistan and Baluchestan" for "Sistan-Baluchestan": a unit named after two places
    or peoples is written with "and" in the gazetteer and often with a hyphen in the
    news (two capitalised words joined by one hyphen, nothing else)."""
    found = _PAIR.fullmatch(name)
    return f"{found.group(1)} and {found.group(2)}" if found else None


_ROMANISATIONS = (("ai", "ay"), ("ay", "ai"), ("ei", "ey"), ("ey", "ei"), ("oi", "oy"),
                  ("oy", "oi"), ("iy", "i"), ("yi", "i"), ("ia", "ya"), ("ya", "ia"),
                  ("iu", "yu"), ("yu", "iu"), ("oye", "oe"), ("ts", "tz"), ("ou", "u"))  # fmt: skip
"""(written, other): letters one romanisation writes where another writes the other."""
_MAX_ROMANISATIONS = 6


def romanisations(name: str) -> list[str]:
    """Other ways of writing a transliterated name, one common difference between
    romanisations at a time ("Graivoron" -> "Grayvoron", "Rakitnoye" -> "Rakitnoe")."""
    out: list[str] = _arabic_articles(name)
    lower = name.lower()
    for written, other in _ROMANISATIONS:
        at = lower.find(written, 1)
        if at < 1:
            continue
        variant = name[:at] + other + name[at + len(written) :]
        if variant not in out:
            out.append(variant)
        if len(out) >= _MAX_ROMANISATIONS:
            break
    return out


_ARTICLE = re.compile(r"(?<=\w[\s-])([ae]l)([\s-])(th|dh|sh|[tdrzsnl])", re.IGNORECASE)
"""Arabic's "al" before a sun letter, which some romanisations write as it is said:
"Maarat al Numan" is "Maarat an Numan", "al-Sham" is "ash-Sham"."""


def _arabic_articles(name: str) -> list[str]:
    """The name with each such article written the other way ("al Numan" <-> "an Numan")
    and "el" for "al"."""
    out = []
    for found in _ARTICLE.finditer(name):
        article, _, letter = found.groups()
        start, end = found.span(1)
        for other in (article[0] + letter.lower(), "al" if article.lower() == "el" else "el"):
            variant = name[:start] + other + name[end:]
            if variant != name and variant not in out:
                out.append(variant)
    for found in re.finditer(r"(?<=\w[\s-])a(th|dh|sh|[tdrzsn])(?=[\s-]\1)", name, re.IGNORECASE):
        variant = name[: found.start()] + "al" + name[found.end() :]
        if variant not in out:
            out.append(variant)  # "an Numan" -> "al Numan"
    return out


def _geocode(geocoder: Geocoder, query: str) -> list[GazetteerEntry]:
    cache = _CACHES.setdefault(geocoder, {})
    key = normalize(query)
    if key not in cache:
        if len(cache) > 50_000:
            cache.clear()
        if type(geocoder) is GazetteerGeocoder:
            cache[key] = geocoder.index.lookup(query)
        else:
            found = geocoder.geocode(query, exactly_one=False) or []
            name = geocoder_name(geocoder)
            cache[key] = [entry_from_location(loc, name) for loc in found]
    return cache[key]


def geocoder_name(geocoder: Geocoder) -> str:
    name = type(geocoder).__name__
    return "gazetteer" if name == "GazetteerGeocoder" else name.lower()


_SOUNDLESS = re.compile(r"[aeiouyh\W\d_]+")
_LIKE_SOUNDS = str.maketrans({"c": "k", "q": "k", "w": "v", "j": "y"})
_DOUBLED = re.compile(r"(.)\1+")
_ASCII_SKELETON = str.maketrans(
    {chr(c): None for c in range(128) if not chr(c).isalpha() or chr(c) in "aeiouyh"}
    | {"c": "k", "q": "k", "w": "v", "j": None}  # "j" is "y", and "y" goes
)
"""``_LIKE_SOUNDS`` then ``_SOUNDLESS`` of an ASCII name in one table: every character
but the consonants (and the capitals, which the pattern keeps) dropped."""


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """A name's consonants: vowels and the letters romanisations add to them (y, h)
    dropped, like sounds one letter, doubled letters single: "Darnah" and "Derna" are
    both "drn". (An ASCII key takes one translation and a walk over its letters, a
    third of the two substitutions' time: resolution asks for thousands of names a
    batch; tested against them on every name of the index.)"""
    text = normalize(name)
    if text.isascii():
        text = text.translate(_ASCII_SKELETON)
        return "".join(letter for letter, _ in groupby(text))
    return _DOUBLED.sub(r"\1", _SOUNDLESS.sub("", text.translate(_LIKE_SOUNDS)))


def _same_consonants(variant: str, main_name: str) -> bool:
    """An Arabic article written as said ("an Numan" for "al Numan") changes a consonant:
    the variant's, not the written name's, must agree with the place's name."""
    a = skeleton(variant)
    return len(a) >= 2 and a == skeleton(main_name)


def spelling_variant(written: str, main_name: str) -> bool:
    """Whether ``written`` is another romanisation of ``main_name`` (Kupyansk, Kupiansk;
    Izyum, Izium; Mocha, Mokha; Zaporozhye, Zaporizhzhia), not another name altogether
    ("New York" for New York City, "Karati" for Karachi)."""
    a, b = skeleton(written), skeleton(main_name)
    return len(a) >= 2 and a == b and normalize(written) != normalize(main_name)


def unit_level(e: GazetteerEntry) -> int:
    """How deep in the administrative tree a place is (country 0, region 1, district 2,
    municipality 3, town 4, neighbourhood 5); -1 for what is no unit (a sea, an island)."""
    by_code = _CODE_LEVELS.get(e.feature_code or "")
    if by_code is not None and e.feature_type in ("region", "admin2", "admin3", "city"):
        return by_code
    return ADMIN_LEVELS.get(e.feature_type, -1)


def prior_features(
    m: Mention, e: GazetteerEntry, rank: int, qualifier: str | None = None
) -> dict[str, float]:
    """What a candidate is on its own: the features no other mention changes.

    :param qualifier: The type word the article attaches to the mention, when another
        than its own (a list's "provinces").
    """
    ftype = e.feature_type
    code = e.feature_code or ""
    f = {
        "rank": 1.0 / (1.0 + rank),
        # countries and regions carry no population in every source: count them as large
        "population": 1.0
        if (ftype in ("country", "admin1") or code in _LARGE_CODES) and not e.population
        else min(1.0, math.log10(e.population + 1) / 7.0),
        "is_country": float(ftype == "country"),
        "is_admin1": float(ftype == "admin1"),
        "is_district": float(ftype in DISTRICT_TYPES),
        "is_capital": float(code == "PPLC"),
        "is_admin_seat": float(code in _CITY_CODES_SEAT),
        "is_city": float(ftype in SETTLEMENT_TYPES),
        "is_other_type": float(ftype in _OTHER_TYPES),
        "name_exact": float(normalize(e.name) == normalize(m.name)),
        "demonym_country": float(m.demonym and ftype == "country"),
        "qualifier_fit": 0.0,
        "container": 0.0,
        "area_cue": 0.0,
    }
    qualifier = qualifier or m.qualifier
    if qualifier:
        wanted = _qualifier_types(qualifier)
        if wanted:
            f["qualifier_fit"] = 1.0 if ftype in wanted else -1.0
    if f["qualifier_fit"] > 0 and ftype in DISTRICT_TYPES and not e.population:
        # "Migori County": a district the article names with its type word, from a
        # source that gives districts no population, counts as a typical district
        f["population"] = _TYPICAL_DISTRICT
    return f


def name_features(n_candidates: int) -> dict[str, float]:
    """How distinctive the mention's name is (the scoring module's MENTION_FEATURES)."""
    return {"sole_candidate": float(n_candidates == 1)}


def mark_capital_namesakes(cands: list[Candidate]) -> None:
    """Flag regions named after their own main city ("Kharkiv", "Belgorod"): written
    without "region" the name usually means the city."""
    for c, f in zip(cands, capital_namesake_features([c.entry for c in cands]), strict=True):
        c.features.update(f)


def capital_namesake_features(entries: list[GazetteerEntry]) -> list[dict[str, float]]:
    """Per candidate of one mention, the features :func:`mark_capital_namesakes` sets."""
    cities = {
        (e.country_code, normalize(e.admin1 or ""))
        for e in entries
        if e.feature_type == "city" and e.population >= 100_000
    }
    regions = {(e.country_code, normalize(e.name)) for e in entries if e.feature_type == "admin1"}
    out = []
    for e in entries:
        key = (e.country_code, normalize(e.admin1 or ""))
        named_after = e.feature_type == "admin1" and (e.country_code, normalize(e.name)) in cities
        out.append({
            "region_named_after_city": float(named_after),
            "city_names_its_region": float(
                e.feature_type == "city"
                and key in regions
                and key in cities
                and e.population >= 100_000
            ),
        })  # fmt: skip
    return out


@lru_cache(maxsize=1024)
def _qualifier_types(qualifier: str) -> tuple[str, ...]:
    words = qualifier.lower().split()
    types: list[str] = []
    ptypes = lexicon().place_types
    if len(words) > 1:  # a type's own qualifier of several words: "local government area"
        whole = next((p for p in ptypes.values() if p.qualifier == qualifier.lower()), None)
        if whole is not None:
            return whole.feature_types
    for word in words:
        if word in ptypes:
            types.extend(ptypes[word].feature_types)
        types.extend(_QUALIFIER_EXTRA.get(word, ()))
    return tuple(types)
