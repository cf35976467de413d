"""The villages of the committed packs, found by name without installing the packs.

Every copy of geomap carries the villages and neighbourhoods of 48 countries as packs
(``packs.py``), but the index holds them only after ``geomap gazetteer install``. A
report that says in so many words that a name is a village ("the village of X in Y
province") should not need that step to put its incident on the village: resolution
asks here for the villages of the countries the article is about
(:mod:`geomap.geoparse.pack_villages`), and decides with the article which one, if any,
is meant.

A country's names are read from its pack files the first time a name is asked of that
country, and kept for the process: nothing is read for an article that names no such
place, and nothing is downloaded. Names fold with the gazetteer's own ``normalize``, so
a name matches here exactly when it would match an installed pack.
"""

from __future__ import annotations

import gzip
import os
import re
import threading
import zlib
from collections import OrderedDict
from pathlib import Path

from geomap.errors import GeomapError
from geomap.gazetteer.names import normalize
from geomap.gazetteer.packs import (
    admin1_regions,
    pack_source,
    place_values,
    village_countries,
    village_packs,
)
from geomap.gazetteer.places_tsv import COLUMNS
from geomap.gazetteer.schema import default_data_dir
from geomap.records import GazetteerEntry

__all__ = ["pack_villages"]

_MAX_COUNTRIES = 8
"""Countries whose names are kept at once (the largest, Pakistan's, holds ~130,000)."""
_fold = normalize.__wrapped__
"""``normalize`` without its cache: a pack's 200,000 names would only push recognition's
names out of it."""
_PLAIN = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*").fullmatch
"""Names ``normalize`` only lower-cases (most of a pack's)."""


def _key(name: str) -> str:
    return name.lower() if _PLAIN(name) else _fold(name)


class _CountryNames:
    """One country's pack villages by normalised name (every name and alternate)."""

    def __init__(self, data_dir: Path, country_code: str) -> None:
        self.lines: list[str] = []
        """Each row's fields joined by tabs, as read (a row is parsed again only when
        its name is asked for: most never are)."""
        self.sources: list[tuple[int, str]] = []
        """(first row, pack source) of each pack read."""
        self.by_name: dict[str, int | list[int]] = {}
        """Row numbers by name: one row (most names) or several."""
        for pack in village_packs(country_code, data_dir):
            self.sources.append((len(self.lines), pack_source(pack.name)))
            try:
                self._read(pack.path)
            except (OSError, EOFError, ValueError, IndexError, zlib.error) as e:
                raise GeomapError(
                    f"{pack.path}: the pack is damaged ({e}); reinstall geomap"
                ) from None

    def _read(self, path: Path) -> None:
        """Every row's names, from the file read in one piece: the columns are those of
        ``read_places`` (checked), but only a matched row is split into them (reading
        every row as a dict would take twice as long, for rows never asked for)."""
        lines = gzip.decompress(path.read_bytes()).decode("utf-8").split("\n")
        if tuple(lines[0].split("\t")) != COLUMNS:
            raise ValueError(f"not a places file (columns {lines[0].split()[:4]}...)")
        by_name = self.by_name
        for line in lines[1:]:
            if not line:
                continue
            k = len(self.lines)
            self.lines.append(line)
            _, name, alternates, _ = line.split("\t", 3)
            names = {_key(name), *(_key(a) for a in alternates.split("|") if a)}
            for key in names:
                found = by_name.get(key)
                if found is None:
                    by_name[key] = k
                elif isinstance(found, int):
                    by_name[key] = [found, k]
                else:
                    found.append(k)

    def entries(
        self, normalized: str, regions: dict[str, tuple[str, str | None]]
    ) -> list[GazetteerEntry]:
        found = self.by_name.get(normalized)
        rows = [] if found is None else [found] if isinstance(found, int) else found
        out = []
        for k in rows:
            source = next(s for first, s in reversed(self.sources) if first <= k)
            row = dict(zip(COLUMNS, self.lines[k].split("\t"), strict=True))
            out.append(GazetteerEntry(*place_values(row, source, regions)[:12]))
        return out


_LOCK = threading.Lock()
_COUNTRIES: OrderedDict[tuple[Path, str], _CountryNames] = OrderedDict()
_REGIONS: dict[Path, dict[str, tuple[str, str | None]]] = {}
_WITH_PACKS: dict[Path, frozenset[str]] = {}
"""The countries that have village packs, by data folder."""


def pack_villages(
    normalized: str, country_code: str, *, data_dir: str | os.PathLike[str] | None = None
) -> list[GazetteerEntry]:
    """The villages and neighbourhoods of ``country_code``'s packs called ``normalized``
    (an already normalised name), as an installed pack would give them (source
    ``pack:<name>``); none for a country without a pack."""
    folder = Path(data_dir or default_data_dir())
    key = (folder, country_code.upper())
    with _LOCK:
        countries = _WITH_PACKS.get(folder)
        if countries is None:
            countries = _WITH_PACKS[folder] = village_countries(folder)
        if key[1] not in countries:
            return []
        names = _COUNTRIES.get(key)
        if names is None:
            names = _COUNTRIES[key] = _CountryNames(folder, country_code)
            if len(_COUNTRIES) > _MAX_COUNTRIES:
                _COUNTRIES.popitem(last=False)
        else:
            _COUNTRIES.move_to_end(key)
        if normalized not in names.by_name:
            return []
        regions = _REGIONS.get(folder)
        if regions is None:
            regions = _REGIONS[folder] = admin1_regions(folder)
        return names.entries(normalized, regions)
