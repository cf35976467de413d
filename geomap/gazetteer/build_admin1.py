"""The build's ``admin1`` step: ``admin1.csv.gz`` and ``admin1.geojson.gz``.

Natural Earth's admin-1 regions, keyed by their ISO 3166-2 code where it has a unique
one. News names a region in more ways than Natural Earth's primary name: with its type
("Belgorod Oblast", "Sumy region"), in English or locally, and in the transliterations
Who's On First gathers for the same region ("Lower Shabelle" for Natural Earth's "Lower
Shebelle": ``build_admin1_wof``), so each row carries those as alternate names for the
index.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geomap.gazetteer.build_admin1_wof import TYPE_WORDS, wof_region_names
from geomap.gazetteer.build_geometry import bounds_columns, read_valid_geojson, simplify
from geomap.gazetteer.build_output import pipe_names, write_csv, write_geojson
from geomap.gazetteer.names import normalize, usable_alternate

__all__ = ["build_admin1"]

ADMIN1_TOLERANCE = 0.01

# Type words worth appending to a region's name ("Belgorod" -> "Belgorod Oblast").
_TYPE_SUFFIXES = {
    "oblast",
    "province",
    "state",
    "region",
    "governorate",
    "prefecture",
    "county",
    "krai",
    "kray",
    "republic",
    "district",
    "department",
    "territory",
    "canton",
    "voivodeship",
    "emirate",
    "division",
    "autonomous region",
}


_TYPE_WORDS = {"oblast", "region", "province", "state", "krai", "kray", "okrug", "respublika"}


def build_admin1(shared: Path, out: Path) -> dict[str, int]:
    """Write the admin-1 regions' table and polygons; the counts (rows, WOF names joined)."""
    src = read_valid_geojson(
        shared / "naturalearth-admin1" / "ne_10m_admin_1_states_provinces.geojson.gz"
    )
    iso = src["iso_3166_2"].fillna("")
    valid_iso = iso.str.match(r"^[A-Z]{2}-[A-Z0-9]+$") & ~iso.duplicated(keep=False)
    fallback = src["adm1_code"].astype(str).str.replace(r"[^A-Za-z0-9-]+", "", regex=True)
    ids = np.where(valid_iso, "ne-admin1:" + iso, "ne-admin1:" + fallback)
    country = np.where(iso.str.match(r"^[A-Z]{2}-"), iso.str[:2], src["iso_a2"].fillna(""))
    ne_names = [_ne_names(row) for _, row in src.iterrows()]
    wof_names, counts = wof_region_names(shared, src, country, ne_names, out)
    alt_names = []
    for (_, row), names, extra in zip(src.iterrows(), ne_names, wof_names, strict=True):
        # sorted: the names come out in the same order on every build (a set's order
        # depends on the interpreter's hash seed)
        bases = {row["name"], row["name_en"], *str(row["name_alt"] or "").split("|")}
        kinds = sorted(k for k in {row["type"], row["type_en"]} if isinstance(k, str))
        names = [*names, *_with_kinds(sorted(b for b in bases if isinstance(b, str)), kinds)]
        # WOF's spellings after Natural Earth's, each also with the region's type word
        # where it has none of its own ("Lower Shabelle Region")
        plain = [n for n in extra if not set(normalize(n).split()) & TYPE_WORDS]
        names += [*extra, *_with_kinds(plain, kinds)]
        alt_names.append(
            pipe_names(
                [n for n in names if isinstance(n, str) and usable_alternate(n)]
                + [n for n in names[:2] if isinstance(n, str)],
                exclude=_primary(row),
            )
        )
    geoms = simplify(src.geometry, ADMIN1_TOLERANCE)
    table = pd.DataFrame(
        {
            "id": ids,
            "iso_3166_2": iso.where(valid_iso, ""),
            "country_code": country,
            "name": [_primary(row) for _, row in src.iterrows()],
            "alt_names": alt_names,
            "type": src["type"].fillna(""),
            "type_en": src["type_en"].fillna(""),
            "lat": src["latitude"].round(4),
            "lon": src["longitude"].round(4),
            "geonameid": src["gn_id"].where(src["gn_id"] > 0).astype("Int64"),
            "gn_a1_code": src["gn_a1_code"].fillna(""),
            "scalerank": src["scalerank"],
        }
    )
    table = pd.concat(
        [table, bounds_columns(gpd.GeoDataFrame(geometry=geoms))], axis=1
    ).sort_values("id")
    write_csv(out / "admin1.csv.gz", table)
    poly = gpd.GeoDataFrame(
        {
            "id": ids,
            "iso_3166_2": table["iso_3166_2"].reindex(src.index),
            "name": table["name"].reindex(src.index),
            "country_code": country,
            "type": src["type_en"].fillna(""),
        },
        geometry=geoms,
        crs=4326,
    ).sort_values("id")
    write_geojson(out / "admin1.geojson.gz", poly)
    return {"rows": len(table), **counts}


def _with_kinds(bases: list[str], kinds: list[str]) -> list[str]:
    """Each name with each of the region's type words news writes after it ("Belgorod
    Oblast"), unless it has one already."""
    return [
        f"{base} {kind.rstrip(chr(39))}"
        for base in bases
        if base
        for kind in kinds
        if normalize(kind) in _TYPE_SUFFIXES
        and not any(w in normalize(base).split() for w in _TYPE_WORDS)
    ]


def _ne_names(row: pd.Series) -> list:
    """Natural Earth's names of a region: English, local (these two first, missing ones
    as NaN), GeoNames', alternates, WOE's."""
    names = [row["name_en"], row["name"], row["gn_name"]]
    names += str(row["name_alt"] or "").split("|")
    names.append(str(row.get("woe_label") or "").split(",")[0].strip())
    return names


def _primary(row: pd.Series) -> str:
    """English name where Natural Earth has one that is a plain name, else the local one."""
    name_en, name = row["name_en"], row["name"]
    if isinstance(name_en, str) and name_en and "(" not in name_en:
        return name_en
    return name if isinstance(name, str) else str(row["adm1_code"])
