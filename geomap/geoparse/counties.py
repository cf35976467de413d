"""US counties and parishes as candidates for "X County" mentions.

GeoNames cities500 (the gazetteer's source for populated places) has no counties,
yet US local news names them all the time; this table (derived from the Census
Bureau's boundaries, see ``_derive_data.py``) supplies a point inside each one until
the gazetteer carries them itself.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from geomap.gazetteer.names import normalize
from geomap.records import GazetteerEntry

__all__ = ["COUNTY_WORDS", "county_entries"]

COUNTY_WORDS = {"county": "County", "parish": "Parish", "borough": "Borough"}
_TABLE = Path(__file__).with_name("data") / "us_counties.csv"


@cache
def _by_name() -> dict[str, tuple[GazetteerEntry, ...]]:
    table: dict[str, list[GazetteerEntry]] = {}
    with _TABLE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            word = "Parish" if row["state"] == "Louisiana" else "County"
            if row["state"] == "Alaska":
                word = "Borough"
            entry = GazetteerEntry(
                id=f"us-county:{row['fips']}",
                name=f"{row['name']} {word}",
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                feature_type="region",
                country_code="US",
                admin1=row["state"],
                source="us-atlas-counties",
                feature_code="ADM2",
            )
            table.setdefault(normalize(row["name"]), []).append(entry)
    return {k: tuple(v) for k, v in table.items()}


def county_entries(name: str) -> tuple[GazetteerEntry, ...]:
    """Counties called ``name`` ("Laurel County", "Rapides Parish"), in every state."""
    words = name.split()
    if len(words) < 2 or words[-1].lower() not in COUNTY_WORDS:
        return ()
    return _by_name().get(normalize(" ".join(words[:-1])), ())
