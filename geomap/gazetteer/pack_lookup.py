"""The villages of the committed packs, found by name without installing the packs.

Every copy of geomap carries the villages and neighbourhoods of 48 countries as packs
(``packs.py``), but the index holds them only after ``geomap gazetteer install``. A
report that says in so many words that a name is a village ("the village of X in Y
province") should not need that step to put its incident on the village: resolution
asks here for the villages of the countries the article is about
(:mod:`geomap.geoparse.pack_villages`), and decides with the article which one, if any,
is meant.

Most names asked are in no pack. A country's villages are looked up in a SQLite file
of its names built once, the first time that country is ever asked, in the cache folder
beside the gazetteer index (:mod:`geomap.gazetteer.pack_names`): a process then reads no
pack, a miss costs one look in an index, and a village found reads its own rows.
Nothing is read for an article that names no such place, and nothing is downloaded.
Names fold with the gazetteer's own ``normalize``, so a name matches here exactly when
it would match an installed pack.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from geomap.errors import GeomapError
from geomap.gazetteer.pack_names import CountryNames, open_country
from geomap.gazetteer.packs import admin1_regions, village_countries, village_packs
from geomap.gazetteer.schema import (
    CACHE_ENV,
    DATA_ENV,
    default_cache_dir,
    default_data_dir,
)
from geomap.records import GazetteerEntry

__all__ = ["has_village_pack", "pack_village_parents", "pack_villages"]

T = TypeVar("T")
_LOCK = threading.Lock()
_COUNTRIES: dict[tuple[Path, Path, str], CountryNames] = {}
"""Each country's names opened by this process, by (data folder, cache folder, code)."""
_PID = os.getpid()
"""The process the files were opened in: a forked child opens its own (SQLite
connections must not cross a fork)."""
_WITH_PACKS: dict[Path, frozenset[str]] = {}
"""The countries that have village packs, by data folder."""
_REGIONS: dict[Path, dict[str, tuple[str, str | None]]] = {}
_FOLDERS: dict[tuple[object, ...], tuple[Path, Path]] = {}
"""The folders of ``_folders``, by its arguments and the environment variables."""


def pack_villages(
    normalized: str,
    country_code: str,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> list[GazetteerEntry]:
    """The villages and neighbourhoods of ``country_code``'s packs called ``normalized``
    (an already normalised name), as an installed pack would give them (source
    ``pack:<name>``), in the packs' order; none for a country without a pack.

    :param cache_dir: Where the countries' name files are kept; default
        ``$GEOMAP_CACHE_DIR`` or the user cache directory, as the gazetteer index.
    """
    return _ask(lambda names: names.entries(normalized), country_code, data_dir, cache_dir) or []


def pack_village_parents(
    normalized: str,
    country_code: str,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> list[tuple[GazetteerEntry, str]]:
    """As :func:`pack_villages`, each village with the name of the district its pack
    puts it in (the pack's ``parent``: "Adavi" for Osara, Nigeria; "" where the pack
    gives none): a report that writes "Osara in Adavi LGA" says which village it means."""
    return _ask(lambda names: names.entries_with_parents(normalized), country_code, data_dir,
                cache_dir) or []  # fmt: skip


def has_village_pack(
    country_code: str, *, data_dir: str | os.PathLike[str] | None = None
) -> bool:
    """Whether ``country_code`` has a pack of villages: where it has none,
    :func:`pack_villages` finds nothing whatever the name, so a caller about to ask
    about many names of one country (a name with each of a dozen links) asks this once
    instead."""
    folder, _ = _folders(data_dir, None)
    with _LOCK:
        return country_code.upper() in _pack_countries(folder)


def _pack_countries(folder: Path) -> frozenset[str]:
    """The countries with village packs in ``folder`` (read once; call with ``_LOCK``)."""
    countries = _WITH_PACKS.get(folder)
    if countries is None:
        countries = _WITH_PACKS[folder] = village_countries(folder)
    return countries


def _ask(
    read: Callable[[CountryNames], list[T]],
    country_code: str,
    data_dir: str | os.PathLike[str] | None,
    cache_dir: str | os.PathLike[str] | None,
) -> list[T] | None:
    """``read`` of ``country_code``'s names (None for a country without a pack); a file
    damaged since it was built is built again once."""
    folder, cache = _folders(data_dir, cache_dir)
    code = country_code.upper()
    with _LOCK:
        if code not in _pack_countries(folder):
            return None
        names = _country(folder, cache, code)
        try:
            return read(names)
        except sqlite3.DatabaseError as e:  # the file was damaged since it was built
            if names.path is None or isinstance(e, sqlite3.ProgrammingError):
                raise
            names.close()
            names = _COUNTRIES[folder, cache, code] = _open(folder, cache, code, rebuild=True)
            try:
                return read(names)
            except sqlite3.DatabaseError as again:
                raise GeomapError(f"cannot read {names.path}: {again}; delete it to have it"
                                  " built again") from None  # fmt: skip


def _folders(
    data_dir: str | os.PathLike[str] | None, cache_dir: str | os.PathLike[str] | None
) -> tuple[Path, Path]:
    """The data and cache folders asked about, the same objects each time for the same
    arguments and environment: resolution asks thousands of times a batch, mostly about
    countries without a pack, and a new ``Path`` each time cost more than the answer
    (building it, then hashing it to find the country's names)."""
    key = (data_dir, cache_dir, os.environ.get(DATA_ENV), os.environ.get(CACHE_ENV))
    found = _FOLDERS.get(key)
    if found is None:
        folder = Path(data_dir or default_data_dir())
        cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        if len(_FOLDERS) > 64:
            _FOLDERS.clear()
        found = _FOLDERS[key] = (folder, cache)
    return found


def _country(folder: Path, cache: Path, code: str) -> CountryNames:
    global _PID
    if os.getpid() != _PID:  # forked: the parent's connections are not this process's
        _COUNTRIES.clear()
        _PID = os.getpid()
    names = _COUNTRIES.get((folder, cache, code))
    if names is None:
        names = _COUNTRIES[folder, cache, code] = _open(folder, cache, code)
    return names


def _open(folder: Path, cache: Path, code: str, *, rebuild: bool = False) -> CountryNames:
    def regions() -> dict[str, tuple[str, str | None]]:
        found = _REGIONS.get(folder)
        if found is None:
            found = _REGIONS[folder] = admin1_regions(folder)
        return found

    packs = village_packs(code, folder)
    return open_country(cache, folder, code, packs, regions, rebuild=rebuild)
