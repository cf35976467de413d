"""Packs: committed place lists too large for every index, installed on demand.

A pack is one places file (``geomap.gazetteer.places_tsv``) under ``packs/`` in the
gazetteer data folder: ``wof-np`` holds the villages and neighbourhoods of Nepal from
Who's On First, ``katottg-ua`` Ukraine's villages from KATOTTG, ``airports-us-ca`` the
civil airfields of the US and Canada. ``geomap gazetteer install wof-np`` loads one into
the user places beside the index (``user_places.py``), so the index itself stays small
and fast to build, a rebuild never loses an installed pack, and lookups see the pack's
places as candidates like any other (a place the index already holds under the same
name and GeoNames id is not shown twice).

Why villages are packs (measured with benchmarks/accuracy.py): recognition today takes
any capitalised name the index holds for a place, so with the villages of 48 countries
in every index, English news finds villages in its words ("Kuchava", "Nasrin") and
recognition precision on LGL drops; the 965,000 villages would also make the index
several times larger and slower to build. Once recognition accepts a village only with
context (its country or region named nearby), installing the packs of the countries one
follows is the way to have them.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from geomap.errors import GeomapError
from geomap.gazetteer.places_tsv import read_places
from geomap.gazetteer.schema import default_data_dir
from geomap.gazetteer.user_places import ImportReport, UserPlaces

__all__ = [
    "PACKS_DIR", "Pack", "admin1_regions", "available", "install", "pack_source", "place_values",
    "village_countries", "village_packs",
]  # fmt: skip

PACKS_DIR = "packs"
_SUFFIX = ".tsv.gz"
_VILLAGE_SOURCES = ("wof", "katottg")
"""Packs named "<source>-<country code>" hold a country's villages and neighbourhoods."""


@dataclass(frozen=True, slots=True)
class Pack:
    name: str
    """What ``geomap gazetteer install`` takes: "wof-ua"."""
    path: Path
    size: int
    """Bytes of the compressed file."""


def pack_source(name: str) -> str:
    """The user places source an installed pack is kept under."""
    return f"pack:{name}"


def available(data_dir: str | os.PathLike[str] | None = None) -> list[Pack]:
    """The packs in the data folder, by name."""
    folder = Path(data_dir or default_data_dir()) / PACKS_DIR
    if not folder.is_dir():
        return []
    return [
        Pack(p.name.removesuffix(_SUFFIX), p, p.stat().st_size)
        for p in sorted(folder.glob(f"*{_SUFFIX}"))
    ]


def village_countries(data_dir: str | os.PathLike[str] | None = None) -> frozenset[str]:
    """The country codes (upper case) that have packs of villages."""
    return frozenset(
        country.upper()
        for source, _, country in (p.name.partition("-") for p in available(data_dir))
        if source in _VILLAGE_SOURCES
    )


def village_packs(country_code: str, data_dir: str | os.PathLike[str] | None = None) -> list[Pack]:
    """The packs of one country's villages and neighbourhoods ("wof-ua", "katottg-ua");
    the airfields pack is no such pack."""
    names = {f"{source}-{country_code.lower()}" for source in _VILLAGE_SOURCES}
    return [p for p in available(data_dir) if p.name in names]


def install(
    name: str,
    *,
    cache_dir: str | os.PathLike[str] | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Load pack ``name`` into the user places (again: its places are replaced)."""
    packs = {p.name: p for p in available(data_dir)}
    pack = packs.get(name.lower().removesuffix(_SUFFIX))
    if pack is None:
        known = ", ".join(packs) or "none"
        raise GeomapError(f"no pack called {name!r} (packs: {known})")
    regions = admin1_regions(Path(data_dir or default_data_dir()))
    source = pack_source(pack.name)
    with UserPlaces.open(cache_dir) as places:
        return places.load(source, pack.path, "pack", _rows(pack.path, source, regions),
                           progress=progress)  # fmt: skip


def admin1_regions(data_dir: Path) -> dict[str, tuple[str, str | None]]:
    """(name, ISO 3166-2 code) of each admin-1 entry, by the id a pack row refers to it by.

    Read as plain rows, three columns of sixteen kept: a dict per row (``read_csv_rows``)
    took half the time of a lookup's first village."""
    rows = csv.reader(io.StringIO(gzip.decompress((data_dir / "admin1.csv.gz").read_bytes())
                                  .decode("utf-8")))  # fmt: skip
    header = next(rows)
    at_id, at_name, at_iso = (header.index(c) for c in ("id", "name", "iso_3166_2"))
    return {r[at_id]: (r[at_name], r[at_iso] or None) for r in rows if r}


def _rows(
    path: Path, source: str, regions: dict[str, tuple[str, str | None]]
) -> Iterator[tuple[tuple, list[str]]]:
    try:
        for r in read_places(path):
            yield place_values(r, source, regions), [a for a in r["alt_names"].split("|") if a]
    except (OSError, EOFError, ValueError) as e:
        raise GeomapError(f"{path}: the pack is damaged ({e}); reinstall geomap") from None


def place_values(
    row: Mapping[str, str], source: str, regions: Mapping[str, tuple[str, str | None]]
) -> tuple:
    """One pack row as the user places hold it: the columns of a ``GazetteerEntry`` up to
    ``feature_code`` (``GazetteerEntry(*values[:12])``), then the GeoNames admin-1 code
    (none). Raises ValueError for a damaged row."""
    admin1, admin1_code = regions.get(row["admin1_id"], (None, None))
    return (
        row["id"], row["name"], float(row["lat"]), float(row["lon"]), row["feature_type"],
        row["country_code"] or None, admin1, admin1_code, int(row["population"] or 0),
        int(row["geonameid"]) if row["geonameid"] else None, source,
        row["feature_code"] or None, None,
    )  # fmt: skip
