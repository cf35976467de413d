"""Derive the committed gazetteer files in ``data/gazetteer/`` from the raw shared data.

Run at development time only (``python -m geomap.gazetteer.build_data``); the package
never reads the raw data. The hand-written inputs (``country_variants.csv``,
``demonyms.csv``, ``curated.csv``) live beside the outputs and are read, not written.

This module is the command and the order of the steps; each step is its own module
(``build_countries``, ``build_admin1``, ``build_features``, ``build_places``,
``build_katottg``, ``build_wof``, ``build_airports``; the polygon archive is
:func:`geomap.gazetteer.shapes.write_store`). Steps that need an optional package
(the ``data`` extra) import it only when they run.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from geomap.gazetteer.build_admin1 import build_admin1
from geomap.gazetteer.build_countries import build_countries
from geomap.gazetteer.build_features import build_features
from geomap.gazetteer.build_places import build_places

__all__ = ["build", "main"]

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "data" / "gazetteer"


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
    "features": build_features,
    "admin1": build_admin1,
    "polygons": _polygons,
    "places": build_places,
    "katottg": _katottg,
    "wof": _wof,
    "airports": _airports,
}
"""In dependency order: later steps read the countries, admin-1 and features files (admin-1
reads the countries and features files: WOF's region names those bear are not added)."""


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
