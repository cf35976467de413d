"""Derive airports, airfields and air bases from the PyPI package ``airportsdata`` (MIT).

Development time only (``python -m geomap.gazetteer.build_data``); writes
``data/gazetteer/airports.tsv.gz``. Air bases ("Saki Air Base", "Engels Air Base") are
the ones conflict reports name; airports matter as places of incidents too.

IATA and ICAO codes are not names here: three capital letters ("ABC", "IDP", "RAF") are
acronyms far more often than airports in news text, and a four-letter ICAO code is
almost never written; the ICAO code is kept in the entry id (``icao:UKBB``) instead.
An airport that Natural Earth already has (within 3 km) only lends it its name.
"""

from __future__ import annotations

import re
from pathlib import Path

import airportsdata

from geomap.distance import equirectangular_km
from geomap.gazetteer.names import normalize
from geomap.gazetteer.places_tsv import write_places
from geomap.gazetteer.schema import read_csv_rows

__all__ = ["build_airports"]

SAME_AIRPORT_KM = 3.0
_PACKED = {"US", "CA"}
_MILITARY = re.compile(r"\b(air ?base|air force|airforce|military|naval air|afb|ab)\b", re.I)
_FIELD = re.compile(r"\b(airfield|airstrip|air strip|landing strip|aerodrome)\b", re.I)
_LEFT_OUT = re.compile(r"\b(heliport|helipad|helistop|seaplane|water aerodrome)\b", re.I)


def _variants(name: str, military: bool) -> list[str]:
    """How news writes the same airport: "Saki air base", "Saki airbase", "Boryspil Airport"."""
    out = []
    base = re.sub(r"\s+(International\s+)?(Airport|Air\s?[Bb]ase|Airfield|Aerodrome)$", "", name)
    if base != name and base:
        if military:
            out += [f"{base} Air Base", f"{base} airbase", f"{base} airfield", f"{base} Airport"]
        else:
            out += [f"{base} Airport", f"{base} airfield"]
    return [o for o in out if normalize(o) != normalize(name)]


def build_airports(out: Path) -> dict[str, int]:
    ne = [
        (r["id"], float(r["lat"]), float(r["lon"]))
        for r in read_csv_rows(out / "features.csv.gz")
        if r["feature_type"] == "airport"
    ]
    rows = []
    for icao, a in sorted(airportsdata.load("ICAO").items()):
        name = " ".join(a["name"].split())
        if not name or _LEFT_OUT.search(name) or not a["country"]:
            continue
        point = (round(a["lat"], 5), round(a["lon"], 5))
        military = bool(_MILITARY.search(name))
        alts = _variants(name, military)
        known = next(
            (i for i, lat, lon in ne if equirectangular_km(*point, lat, lon) <= SAME_AIRPORT_KM),
            None,
        )
        if known:
            rows.append({"id": known, "name": name, "alt_names": "|".join([name, *alts]),
                         "source": "airportsdata"})  # fmt: skip
            continue
        rows.append({
            "id": f"icao:{icao}", "name": name, "alt_names": "|".join(alts),
            "feature_type": "airbase" if military else "airport",
            "feature_code": "AIRB" if military else "AIRF" if _FIELD.search(name) else "AIRP",
            "lat": point[0], "lon": point[1], "country_code": a["country"],
            "admin1_id": "", "parent": a["city"] if a["city"] != name else "",
            "population": None, "geonameid": None, "source": "airportsdata",
        })  # fmt: skip
    rows.sort(key=lambda r: (r["id"], r["name"]))
    # US and Canadian civil airfields (14,000, mostly private strips named after their
    # town: "Manhattan Regional Airport") are a pack: local news there names the town.
    packed = [r.get("country_code") in _PACKED and r.get("feature_type") == "airport" for r in rows]
    pack = [r for r, p in zip(rows, packed, strict=True) if p]
    rest = [r for r, p in zip(rows, packed, strict=True) if not p]
    return {
        "airports.tsv.gz": write_places(out / "airports.tsv.gz", rest),
        "packs/airports-us-ca.tsv.gz": write_places(out / "packs" / "airports-us-ca.tsv.gz", pack),
    }
