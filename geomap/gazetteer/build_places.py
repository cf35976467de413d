"""The build's ``places`` step: ``places.csv.gz``, Natural Earth's ranks for GeoNames cities.

GeoNames says where a city is; Natural Earth says which cities a world map labels
(capitals, world cities, label ranks). The index reads these ranks to prefer the
city a reader most likely means among namesakes.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geomap.gazetteer.build_geometry import read_valid_geojson
from geomap.gazetteer.build_output import write_csv

__all__ = ["build_places"]


def build_places(shared: Path, out: Path) -> pd.DataFrame:
    """Natural Earth's ranks for GeoNames cities: capitals, world cities, label ranks."""
    src = read_valid_geojson(shared / "naturalearth" / "ne_10m_populated_places.json.gz")
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
    write_csv(out / "places.csv.gz", table)
    return table
