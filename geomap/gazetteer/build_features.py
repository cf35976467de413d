"""The build's ``features`` step: ``features.csv.gz``, places that are no settlement.

Seas, rivers, lakes, islands, regions, peaks, ports and airports from Natural Earth,
and seas and islands outside any country from GeoNames' ``no-country.txt``. A feature
both sources have becomes one row: GeoNames' id and point (what gold annotations use)
with Natural Earth's extent. A small feature takes the country its label point lies
in; one spanning several countries (a range, a desert, a river) takes none.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geomap.gazetteer.build_geometry import bounds_columns, label_points, read_valid_geojson
from geomap.gazetteer.build_output import pipe_names, slug, write_csv
from geomap.gazetteer.names import normalize, usable_alternate
from geomap.gazetteer.shapes import read_geojson

__all__ = ["FEATURE_COLUMNS", "build_features"]

# Features spanning more square degrees than this get no single country code.
SPAN_LIMIT = 25.0
FEATURE_COLUMNS = [
    "id",
    "name",
    "alt_names",
    "feature_type",
    "feature_code",
    "lat",
    "lon",
    "country_code",
    "geonameid",
    "scalerank",
    "source",
    "min_lon",
    "min_lat",
    "max_lon",
    "max_lat",
]

_MARINE_TYPE = {"river": "river", "reef": "island"}
_REGION_TYPE = {
    "island": "island",
    "island group": "island",
    "pen/cape": "peninsula",
    "peninsula": "peninsula",
    "lake": "lake",
}
# GeoNames feature codes from no-country.txt worth a name lookup (undersea ones are not).
_NO_COUNTRY_TYPE = {
    "SEA": "sea",
    "OCN": "sea",
    "GULF": "sea",
    "STRT": "sea",
    "BAY": "sea",
    "BGHT": "sea",
    "CHN": "sea",
    "CHNM": "sea",
    "CHNN": "sea",
    "INLT": "sea",
    "COVE": "sea",
    "SD": "sea",
    "ISL": "island",
    "ISLS": "island",
    "ATOL": "island",
    "RF": "island",
    "SHOL": "island",
    "PEN": "peninsula",
    "RGN": "region",
    "RGNE": "region",
    "CONT": "region",
}


def _ne_features(shared: Path) -> Iterator[dict]:
    ne = shared / "naturalearth"
    marine = read_valid_geojson(ne / "ne_10m_geography_marine_polys.json.gz")
    marine = marine[marine["name"].notna()]
    marine = marine.dissolve(by="name", as_index=False, aggfunc="min")
    yield from _features_from(
        marine,
        "ne-marine",
        lambda c: _MARINE_TYPE.get(c.lower(), "sea"),
        alt_col="namealt",
        title=True,
    )
    regions = read_valid_geojson(ne / "ne_10m_geography_regions_polys.json.gz")
    regions = regions[regions["name"].notna() & (regions["featurecla"] != "Dragons-be-here")]
    regions = regions.dissolve(by=["name", "featurecla"], as_index=False, aggfunc="min")
    yield from _features_from(
        regions,
        "ne-region",
        lambda c: _REGION_TYPE.get(c.lower(), "region"),
        alt_col="namealt",
        title=True,
    )
    points = read_valid_geojson(ne / "ne_10m_geography_regions_points.json.gz")
    yield from _features_from(
        points[points["name"].notna()],
        "ne-point",
        lambda c: _REGION_TYPE.get(c.lower(), "landmark"),
        alt_col="name_alt",
    )
    peaks = read_valid_geojson(ne / "ne_10m_geography_regions_elevation_points.json.gz")
    peaks = peaks[peaks["name"].notna() & peaks["featurecla"].isin(["mountain", "pass"])]
    yield from _features_from(peaks, "ne-peak", lambda c: "landmark", alt_col="name_alt")
    lakes = read_valid_geojson(ne / "ne_10m_lakes.json.gz")
    lakes = lakes[lakes["name"].notna()].dissolve(by="name", as_index=False, aggfunc="min")
    yield from _features_from(lakes, "ne-lake", lambda c: "lake", alt_col="name_alt")
    rivers = read_valid_geojson(ne / "ne_10m_rivers_lake_centerlines.json.gz")
    rivers = rivers[rivers["name"].notna() & (rivers["featurecla"] != "Lake Centerline")]
    rivers = rivers.dissolve(by="name", as_index=False, aggfunc="min")
    yield from _features_from(rivers, "ne-river", lambda c: "river", alt_col="name_alt")
    ports = read_valid_geojson(ne / "ne_10m_ports.json.gz")
    ports = ports[ports["name"].notna()]
    for row in _features_from(ports, "ne-port", lambda c: "port"):
        row["alt_names"] = pipe_names([f"Port of {row['name']}"], exclude=row["name"])
        yield row
    airports = read_valid_geojson(ne / "ne_10m_airports.json.gz")
    airports = airports[airports["name"].notna()]
    for row in _features_from(airports, "ne-airport", lambda c: "airport"):
        base = re.sub(r"\s*Int'l$", "", row["name"]).strip()
        full = base if re.search(r"\b(Airport|Airfield|Air Base)\b", base) else f"{base} Airport"
        intl = f"{base} International Airport" if row["name"].endswith("Int'l") else None
        row["name"] = intl or full
        row["alt_names"] = pipe_names([full, intl], exclude=row["name"])
        yield row


def _features_from(
    frame: gpd.GeoDataFrame, prefix: str, kind, *, alt_col: str | None = None, title: bool = False
) -> Iterator[dict]:
    has_area = frame.geometry.geom_type.isin(
        ["Polygon", "MultiPolygon", "LineString", "MultiLineString"]
    )
    lat, lon = label_points(frame.geometry)
    bounds = bounds_columns(frame)
    for i, (_, row) in enumerate(frame.iterrows()):
        name = " ".join(str(row["name"]).split())
        if title and name.isupper():
            name = _title(name)
        alts = row.get(alt_col) if alt_col else None
        alts = alts if isinstance(alts, str) else ""
        alts = [_title(a) if title and a.isupper() else a for a in alts.split("|")]
        if not usable_alternate(name) and not name[:1].isupper():
            continue
        b = bounds.iloc[i]
        ftype = kind(str(row.get("featurecla", "")))
        alts += [d for n in [name, *alts] for d in _derived_names(n, ftype)]
        yield {
            "id": f"{prefix}:{slug(name)}",
            "name": name,
            "alt_names": pipe_names(alts, exclude=name),
            "feature_type": ftype,
            "feature_code": "",
            "lat": lat[i],
            "lon": lon[i],
            "country_code": "",
            "geonameid": None,
            "scalerank": row.get("scalerank"),
            "source": f"naturalearth-{prefix.removeprefix('ne-')}",
            **({k: b[k] for k in b.index} if has_area.iloc[i] else {}),
        }


def _derived_names(name: str, feature_type: str) -> list[str]:
    """How news writes names that Natural Earth abbreviates or types differently."""
    out = []
    if name.startswith("Mt. "):
        out.append("Mount " + name[4:])
    if name.endswith(" Desert"):
        out.append(name.removesuffix(" Desert"))
    if feature_type == "river" and "river" not in name.lower():
        out += [f"{name} River", f"River {name}"]
    return out


_SMALL_WORDS = {"of", "the", "and", "de", "la", "du", "des", "el", "al"}


def _title(text: str) -> str:
    words = text.lower().split()
    return " ".join(w if (i and w in _SMALL_WORDS) else w.capitalize() for i, w in enumerate(words))


def _no_country(shared: Path) -> Iterator[dict]:
    """Seas, straits, reefs and islands outside any country, with their GeoNames ids."""
    columns = ["geonameid", "name", "asciiname", "alternatenames", "lat", "lon", "fclass", "fcode"]
    frame = pd.read_csv(
        shared / "geonames" / "no-country.txt",
        sep="\t",
        header=None,
        usecols=range(8),
        names=columns,
        dtype=str,
        keep_default_na=False,
        quoting=csv.QUOTE_NONE,
    )
    for row in frame.itertuples():
        kind = _NO_COUNTRY_TYPE.get(row.fcode)
        if not kind:
            continue
        alts = [a for a in row.alternatenames.split(",") if usable_alternate(a)]
        yield {
            "id": f"gn:{row.geonameid}",
            "name": row.name,
            "alt_names": pipe_names([row.asciiname, *alts], exclude=row.name),
            "feature_type": kind,
            "feature_code": row.fcode,
            "lat": round(float(row.lat), 4),
            "lon": round(float(row.lon), 4),
            "country_code": "",
            "geonameid": int(row.geonameid),
            "scalerank": None,
            "source": "geonames-no-country",
        }


def _country_at(out: Path, lat: np.ndarray, lon: np.ndarray) -> list[str]:
    """ISO alpha-2 of the country polygon each point lies in ('' at sea)."""
    shapes = read_geojson(out / "countries.geojson.gz")
    tree = shapely.STRtree(shapes.geometry.values)
    point_idx, shape_idx = tree.query(shapely.points(lon, lat), predicate="intersects")
    codes = [""] * len(lat)
    for p, c in zip(point_idx.tolist(), shape_idx.tolist(), strict=True):
        codes[p] = codes[p] or shapes["iso_a2"].iloc[c]
    return codes


def build_features(shared: Path, out: Path) -> pd.DataFrame:
    """Write the features' table; the table."""
    ne = pd.DataFrame(list(_ne_features(shared)))
    gn = pd.DataFrame(list(_no_country(shared)))
    # A Natural Earth sea that GeoNames also has becomes one record: GeoNames' id and
    # point (what gold annotations use) with Natural Earth's extent.
    gn_keys: dict[tuple[str, str], int] = {}
    for i, row in gn.iterrows():
        for n in [row["name"], *filter(None, row["alt_names"].split("|"))]:
            gn_keys.setdefault((normalize(n), row["feature_type"]), i)
    drop = []
    for i, row in ne.iterrows():
        j = gn_keys.get((normalize(row["name"]), row["feature_type"]))
        if j is None:
            continue
        g = gn.loc[j]
        ne.loc[i, ["geonameid", "feature_code", "lat", "lon"]] = [
            g["geonameid"],
            g["feature_code"],
            g["lat"],
            g["lon"],
        ]
        ne.loc[i, "alt_names"] = pipe_names(
            [*row["alt_names"].split("|"), g["name"], *g["alt_names"].split("|")],
            exclude=row["name"],
        )
        ne.loc[i, "source"] = f"{row['source']}+geonames-no-country"
        drop.append(j)
    table = pd.concat([ne, gn.drop(index=drop)], ignore_index=True)
    codes = _country_at(out, table["lat"].to_numpy(float), table["lon"].to_numpy(float))
    # A label point names the country of a small feature; a range, desert or river
    # crossing several countries would get whichever one its label happens to be in.
    area = (table["max_lon"] - table["min_lon"]) * (table["max_lat"] - table["min_lat"])
    local = table["feature_type"].isin(["port", "airport", "landmark"]) | ~(area > SPAN_LIMIT)
    table["country_code"] = np.where(local, codes, "")
    table = table.drop_duplicates(subset="id").reindex(columns=FEATURE_COLUMNS)
    table["geonameid"] = table["geonameid"].astype("Int64")
    table = table.sort_values("id")
    write_csv(out / "features.csv.gz", table)
    return table
