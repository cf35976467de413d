"""Developer script: derive the lists in ``geomap/geoparse/data/`` (not used at run time).

Recognition needs to know which capitalised words are ordinary English words ("Chase",
"Bank", "Reading") and which are people's first names and surnames. The lists are derived
once from packages, then committed as small text files:

- ``common_words.tsv``: words that a US English dictionary (Debian ``wamerican``,
  SCOWL) spells in lower case and whose ``wordfreq`` Zipf frequency is at least 3.0,
  with that frequency.
- ``first_names.txt`` / ``surnames.txt``: the most frequent US census 1990 first names and
  surnames (public domain), as shipped by the PyPI package ``names``.

- ``data/gazetteer/us_counties.csv`` (read by the gazetteer build): US counties and
  parishes (name, state, FIPS, a point inside),
  from the npm package ``us-atlas`` 3 (ISC; U.S. Census Bureau cartographic boundaries),
  so "Laurel County" can be placed although GeoNames cities500 has no counties.

Run: ``pip install wordfreq names && apt-get install wamerican &&
(cd /tmp && npm pack us-atlas && tar xzf us-atlas-*.tgz) &&
python3 -m geomap.geoparse._derive_data /tmp/package``.
"""

from __future__ import annotations

import sys
from pathlib import Path

DATA = Path(__file__).with_name("data")
GAZETTEER_DATA = Path(__file__).resolve().parents[2] / "data" / "gazetteer"
MIN_ZIPF = 3.0
N_FIRST_FEMALE = 1500
N_SURNAMES = 6000


def _census(path: Path, limit: int | None = None) -> list[str]:
    rows = [line.split()[0].capitalize() for line in path.read_text().splitlines() if line]
    return rows[:limit] if limit else rows


def main() -> None:
    import names  # type: ignore[import-not-found]
    from wordfreq import top_n_list, zipf_frequency  # type: ignore[import-not-found]

    dictionary = Path("/usr/share/dict/words").read_text().split()
    lower = {w for w in dictionary if w.islower() and "'" not in w}
    rows = []
    for word in top_n_list("en", 100_000):
        zipf = zipf_frequency(word, "en")
        if word in lower and zipf >= MIN_ZIPF:
            rows.append(f"{word}\t{zipf:.1f}")
    header = (
        "# lower-case English words (wamerican) with wordfreq Zipf >= 3.0; see _derive_data.py\n"
    )
    (DATA / "common_words.tsv").write_text(header + "\n".join(rows) + "\n")

    census = Path(names.__file__).parent
    first = _census(census / "dist.male.first") + _census(
        census / "dist.female.first", N_FIRST_FEMALE
    )
    (DATA / "first_names.txt").write_text(
        "# US census 1990 first names (public domain), via the PyPI package names\n"
        + "\n".join(dict.fromkeys(first))
        + "\n"
    )
    (DATA / "surnames.txt").write_text(
        "# US census 1990 surnames (public domain), via the PyPI package names\n"
        + "\n".join(_census(census / "dist.all.last", N_SURNAMES))
        + "\n"
    )


def us_counties(us_atlas: Path) -> None:
    import geopandas as gpd

    counties = gpd.read_file(us_atlas / "counties-10m.json", layer="counties")
    states = gpd.read_file(us_atlas / "states-10m.json", layer="states")
    state_names = dict(zip(states["id"], states["name"], strict=True))
    # Virginia's independent cities (51510 and up) are not counties
    counties = counties[~((counties["id"].str[:2] == "51") & (counties["id"].str[2:] >= "510"))]
    points = counties.geometry.make_valid().representative_point()
    rows = ["fips,name,state,lat,lon"]
    for fips, name, point in zip(counties["id"], counties["name"], points, strict=True):
        state = state_names.get(fips[:2], "")
        rows.append(f'{fips},"{name}","{state}",{point.y:.4f},{point.x:.4f}')
    (GAZETTEER_DATA / "us_counties.csv").write_text("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
    if len(sys.argv) > 1:
        us_counties(Path(sys.argv[1]))
