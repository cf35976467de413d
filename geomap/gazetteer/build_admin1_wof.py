"""Who's On First's names for Natural Earth's admin-1 regions (part of the ``admin1`` step).

Natural Earth gives a region one English and one local name and a few alternates; news
spells it in more ways ("Lower Shabelle", "Lower Shabeelle" where Natural Earth says
"Lower Shebelle"). WOF's region records (``../shared/data/wof``) carry dozens of names
each, gathered from Wikidata, GeoNames and GeoPlanet. This module joins each WOF region
to one Natural Earth row and returns the names worth adding.

The join must be sure, since a wrong one puts a region's names on its neighbour: the
same GeoNames id where both have one (and the WOF point near the NE region), else the
WOF point inside the NE polygon of its own country AND a name in common. Anything else,
or a join that is not one to one, is skipped.

The names are filtered as ``build_wof`` filters a locality's: Latin script and
``usable_alternate``; a spelling of one of the region's own names (``SPELLING_RATIO``:
"Lower Shabelle" of "Lower Shebelle", not the Italian "Basso Scebeli" or the Finnish
"Luhanskin alue": WOF holds every language's name and English news writes none of them);
not its adjective ("Nuristani": the people, or a fighter from there); at least
``MIN_LETTERS`` letters; no type word but the region's own ("Idlib District" is the
district) and no other language's ("Sahel Bölgesi"); not a name another place bears
(``_taken``: towns, other regions, countries, features, people); not an English word.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geomap.gazetteer.build_wof import (
    _FOREIGN_REGION_WORDS,
    _FOREIGN_TYPE_WORDS,
    _latin,
    _read,
    _Towns,
)
from geomap.gazetteer.names import COMMON_WORDS, normalize
from geomap.gazetteer.schema import read_csv_rows
from geomap.geoparse.lexicon import lexicon

__all__ = ["wof_region_names"]

NEAR_DEGREES = 1.0
"""How far (in degrees) outside its NE region's bounding box a WOF region's point may lie
when the two share a GeoNames id: further, the id is on the wrong record."""
_FOREIGN_WORDS = _FOREIGN_TYPE_WORDS | _FOREIGN_REGION_WORDS
TYPE_WORDS = frozenset({
    "region", "province", "state", "governorate", "oblast", "prefecture", "department",
    "district", "county", "municipality", "city", "territory", "canton", "krai", "kray",
    "okrug", "republic", "division", "emirate", "voivodeship", "commune", "raion", "rayon",
    "gobolka", "muhafazat", "muhafazah", "wilaya", "wilayah", "vilayet",
})  # fmt: skip
"""Words that say what kind of unit a name is. Left out when names are compared ("Hiiran
Region" is "Hiiran"); a WOF name with one that is not the Natural Earth row's own type
names another unit ("Idlib District", "Kyiv Oblast" for the city of Kyiv): skipped."""
LONG_VOWELS_DOUBLED = {
    "SO": "Somali spelling (Hiiraan, Galguduud, Shabeellaha); news: Hiraan, Galgudud",
}
"""Countries whose official romanisation writes a long vowel twice, which English news
often writes once: their regions also get the single-vowel forms of their names."""
_DOUBLED_VOWEL = re.compile(r"([aeiou])(?=\1)", re.IGNORECASE)
_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "the", "of"})
MIN_LETTERS = 5
"""A shorter name WOF adds ("Crim", "Gor", "Ybe") is as often a scrap, a code or a word as
the region's; a shorter name Natural Earth gives ("Bay") stays."""
SPELLING_RATIO = 0.8
"""How alike (difflib's ratio, type words and articles left out) a WOF name must be to one
of the region's Natural Earth names to count as a spelling of it: "Lower Shabelle" of
"Lower Shebelle" (0.93), not "Luhanskin alue" (Finnish) of "Luhansk" (0.67)."""


def wof_region_names(
    shared: Path, src: gpd.GeoDataFrame, country: np.ndarray, ne_names: list[list], out: Path
) -> tuple[list[list[str]], dict[str, int]]:
    """For each Natural Earth row of ``src`` (positionally), the names to add, and counts.

    ``country`` is each row's country code and ``ne_names`` the names the row has already
    (its Natural Earth names, NaN for missing ones); ``out`` holds the countries and
    features files. Besides WOF's spellings, a region of a country that writes long
    vowels doubled gets the forms with one (``LONG_VOWELS_DOUBLED``)."""
    wof_dir = shared / "wof"
    found: list[list[str]] = [[] for _ in range(len(src))]
    if not any(wof_dir.glob("wof_*.tsv.gz")):
        return found, {"wof regions": 0}
    own = [{normalize(n) for n in names if isinstance(n, str) and n} for names in ne_names]
    frame = _read(shared)
    regions = frame[frame["placetype"] == "region"].reset_index(drop=True)
    joined, counts = _join(regions, src, country, own)
    taken = _taken(frame, country, own, out)
    common = lexicon().common.keys() | COMMON_WORDS
    added = 0
    for w, n in joined.items():
        row = regions.iloc[w]
        # not a spelling of a name that is an English word: that is its translation or a
        # typo ("Unità" of Unity, "Northren" of Northern), and "UNITA" is a party
        cores = {c for c in map(_core, own[n]) if c and c not in common}
        kinds = {normalize(k) for k in (src.iloc[n]["type"], src.iloc[n]["type_en"])
                 if isinstance(k, str)}  # fmt: skip
        names = []
        for name in _latin(row["names"].split("|")):
            key = normalize(name)
            words = set(key.split())
            if (
                key in own[n]
                or words & _FOREIGN_WORDS
                or (words & TYPE_WORDS) - kinds
                or not _spelling_of(_core(key), cores)
                or len(_core(key).replace(" ", "")) < MIN_LETTERS
                or (key.endswith("i") and key[:-1] in own[n])
                or taken(country[n], key)
                or key in common
            ):
                continue
            names.append(name)
        found[n] = names
        added += len(names)
    counts["names added"] = added
    counts["regions given names"] = sum(1 for names in found if names)
    singled = 0
    for n, cc in enumerate(country.tolist()):
        if cc not in LONG_VOWELS_DOUBLED:
            continue
        have = own[n] | {normalize(x) for x in found[n]}
        for name in [*(x for x in ne_names[n] if isinstance(x, str)), *found[n]]:
            for form in _single_vowel_forms(name):
                key = normalize(form)
                if key not in have and not taken(cc, key) and key not in common:
                    have.add(key)
                    found[n].append(form)
                    singled += 1
    counts["single-vowel forms"] = singled
    return found, counts


def _single_vowel_forms(name: str) -> list[str]:
    """``name`` with its doubled vowels written once, each and all: "Hiiraan" ->
    "Hiraan", "Hiiran", "Hiran" (at most three doubled vowels, eight forms)."""
    runs = [m.start() for m in _DOUBLED_VOWEL.finditer(name)][:3]
    forms = []
    for mask in range(1, 1 << len(runs)):
        cut = {runs[i] for i in range(len(runs)) if mask >> i & 1}
        forms.append("".join(ch for i, ch in enumerate(name) if i not in cut))
    return forms


def _join(
    regions: pd.DataFrame, src: gpd.GeoDataFrame, country: np.ndarray, own: list[set[str]]
) -> tuple[dict[int, int], dict[str, int]]:
    """WOF region row -> NE row, one to one; and how many joined each way."""
    by_gid: dict[int, list[int]] = defaultdict(list)
    for n, gid in enumerate(src["gn_id"].fillna(0).astype(int).tolist()):
        if gid > 0:
            by_gid[gid].append(n)
    bounds = src.geometry.bounds.to_numpy()
    pts = shapely.points(regions["lon"].to_numpy(), regions["lat"].to_numpy())
    tree = shapely.STRtree(src.geometry.values)
    inside: dict[int, list[int]] = defaultdict(list)
    for w, n in zip(*tree.query(pts, predicate="within"), strict=True):
        if country[n] == regions.at[int(w), "country"]:
            inside[int(w)].append(int(n))
    pairs: dict[int, tuple[int, str]] = {}
    for w, row in enumerate(regions.to_dict("records")):
        gid, cc = int(row["gid"]), row["country"]
        same = [n for n in by_gid.get(gid, []) if country[n] == cc] if gid else []
        if len(same) == 1 and _near(bounds[same[0]], row["lat"], row["lon"]):
            pairs[w] = (same[0], "geonameid")
            continue
        cores = {_core(k) for k in map(normalize, _latin(row["names"].split("|")))} - {""}
        named = [n for n in inside.get(w, []) if cores & {_core(k) for k in own[n]}]
        if len(named) == 1:
            pairs[w] = (named[0], "point and name")
    targets = defaultdict(list)
    for w, (n, _) in pairs.items():
        targets[n].append(w)
    joined = {w: n for w, (n, _) in pairs.items() if len(targets[n]) == 1}
    counts = {"wof regions": len(regions), "joined": len(joined)}
    for how in ("geonameid", "point and name"):
        counts[f"joined by {how}"] = sum(1 for w in joined if pairs[w][1] == how)
    counts["not one to one"] = len(pairs) - len(joined)
    return joined, counts


def _near(box: np.ndarray, lat: float, lon: float) -> bool:
    min_lon, min_lat, max_lon, max_lat = box
    return (
        min_lon - NEAR_DEGREES <= lon <= max_lon + NEAR_DEGREES
        and min_lat - NEAR_DEGREES <= lat <= max_lat + NEAR_DEGREES
    )


def _core(key: str) -> str:
    """A normalised name without type words and articles: "al bayda governorate" ->
    "bayda"."""
    return " ".join(w for w in key.split() if w not in TYPE_WORDS and w not in _ARTICLES)


def _spelling_of(core: str, cores: set[str]) -> bool:
    """Whether ``core`` spells one of ``cores`` (another language's name does not): alike
    and with the same first two letters, as ``build_wof`` asks of a town's extra names
    ("Omran" for 'Amran is a man's name in English text more often than the region)."""
    return bool(core) and any(
        core[:2] == other[:2] and SequenceMatcher(None, core, other).ratio() >= SPELLING_RATIO
        for other in cores
    )


def _taken(
    frame: pd.DataFrame, country: np.ndarray, own: list[set[str]], out: Path
) -> Callable[[str, str], bool]:
    """Whether a name (normalised) names another place than a region of a country: one
    of its GeoNames towns, a WOF locality or unit of it ("Grishk", a town WOF's Helmand
    record also names), another of its NE regions, an NE region of another country, two
    WOF regions anywhere ("Centro", "Oeste"), a country or a feature; or is a person's
    name ("Costa"), a direction or a word the lexicon says names no place."""
    towns = _Towns()
    local: dict[str, set[str]] = defaultdict(set)
    for cc, name in towns.any_name:
        local[cc].add(name)
    for row in frame[frame["placetype"] != "region"][["country", "names"]].itertuples():
        local[row.country] |= {normalize(n) for n in _latin(row.names.split("|"))}
    ne_countries: dict[str, set[str]] = defaultdict(set)
    for n, names in enumerate(own):
        local[country[n]] |= names  # a row's own names are never asked about
        for key in names:
            ne_countries[key].add(country[n])
    everywhere: set[str] = set()
    for source in ("countries.csv", "features.csv.gz"):
        for r in read_csv_rows(out / source):
            everywhere |= {normalize(n) for n in [r["name"], *r["alt_names"].split("|")] if n}
    bearers: dict[str, int] = defaultdict(int)
    for names in frame.loc[frame["placetype"] == "region", "names"]:
        for key in {normalize(n) for n in _latin(names.split("|"))}:
            bearers[key] += 1
    everywhere |= {key for key, times in bearers.items() if times > 1}
    words = lexicon()
    everywhere |= {normalize(n) for n in words.first_names | words.surnames}
    everywhere |= words.not_places | words.generic_words | words.directions

    def taken(cc: str, key: str) -> bool:
        return key in local[cc] or key in everywhere or bool(ne_countries.get(key, set()) - {cc})

    return taken
