"""Writing the index's SQLite file: entries and name rows in batches, then the tables.

Entries and name rows go straight into SQLite as they are read (names into a staging
table, deduplicated by one sorted INSERT at the end), so memory stays bounded however
many places the data files hold: what Python keeps is one id and one prominence per
entry. What each source contributes is ``build_steps.py``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from geomap.gazetteer.names import JOINED_KEY_MIN, joined_key
from geomap.gazetteer.schema import (
    ENTRY_COLUMNS,
    INDEX_SCHEMA,
    INDEX_VERSION,
    POST_SCHEMA,
    SHADOWED_ALT_PENALTY,
    name_rows,
)

__all__ = ["IndexWriter", "Report"]

Report = Callable[[float, "str | None"], None]
"""How a step says how far it is: the fraction done (0 to 1) and, if any, at what."""

_BATCH = 20_000
_STAGE = """
CREATE TEMP TABLE names_stage (
    norm TEXT NOT NULL, entry_id TEXT NOT NULL, kind TEXT NOT NULL, score REAL NOT NULL,
    tokens INTEGER NOT NULL
);
"""

class IndexWriter:
    """An index being written: rows added by the build steps, written out by ``write``."""

    def __init__(self, path: Path, data_dir: Path, min_city_population: int) -> None:
        self.data_dir = data_dir
        self.min_city_population = min_city_population
        path.unlink(missing_ok=True)
        self.conn = sqlite3.connect(path)
        self.conn.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=FILE;"
            + INDEX_SCHEMA
            + _STAGE
        )
        self.prominence: dict[str, float] = {}
        """Every entry's id and ranking score: what later files need to add names."""
        self.entry_rows: list[tuple] = []
        self.name_rows: list[tuple] = []
        self.demonyms: set[tuple[str, str]] = set()
        self.admin1_by_gn_code: dict[str, tuple[str, str]] = {}
        self.admin1_by_id: dict[str, tuple[str, str | None]] = {}
        self.by_geonameid: dict[int, str] = {}
        self.admin1_labels: dict[str, str] = {}
        self.country_names: dict[str, str] = {}
        self.report: Report = _unheard
        """Told how far the current step is (``builder.BuildProgress.within``)."""

    def _address(self, *parts: str | None) -> str:
        """Join name parts, the last being a country code, skipping repeats and blanks."""
        *names, country = parts
        out: list[str] = []
        for part in [*names, self.country_names.get(country or "", country or "")]:
            if part and part not in out:
                out.append(part)
        return ", ".join(out)

    def _add(
        self,
        values: dict,
        alternates: Iterable[str],
        abbreviations: Iterable[str] = (),
        *,
        filter_alternates: bool = False,
    ) -> None:
        entry_id = values["id"]
        if entry_id in self.prominence:
            return  # the first entry with an id wins, as a dict keyed by id did
        self.prominence[entry_id] = values["prominence"]
        self.entry_rows.append(tuple(values.get(c) for c in ENTRY_COLUMNS))
        if values.get("geonameid"):
            self.by_geonameid.setdefault(int(values["geonameid"]), entry_id)
        self._add_names(
            entry_id, values["name"], alternates, abbreviations, filter_alternates=filter_alternates
        )

    def _add_names(
        self,
        entry_id: str,
        primary: str,
        alternates: Iterable[str],
        abbreviations: Iterable[str] = (),
        *,
        filter_alternates: bool = False,
    ) -> None:
        rows = name_rows(
            entry_id,
            self.prominence[entry_id],
            primary,
            alternates,
            abbreviations,
            filter_alternates=filter_alternates,
        )
        self.name_rows.extend(rows.values())
        if len(self.name_rows) >= _BATCH or len(self.entry_rows) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        placeholders = ", ".join("?" for _ in ENTRY_COLUMNS)
        self.conn.executemany(f"INSERT INTO entries VALUES ({placeholders})", self.entry_rows)
        self.conn.executemany("INSERT INTO names_stage VALUES (?, ?, ?, ?, ?)", self.name_rows)
        self.entry_rows.clear()
        self.name_rows.clear()

    def write(self, key: str) -> None:
        self._flush()
        conn = self.conn
        # One row per (name, entry): the first one added wins, as it always did.
        # (The fractions reported are each statement's share of the step's time.)
        self.report(0.0, "names")
        conn.execute(
            "INSERT OR IGNORE INTO names SELECT norm, entry_id, kind, score, tokens"
            " FROM names_stage ORDER BY norm, entry_id, rowid"
        )
        conn.execute("DROP TABLE names_stage")
        # Each name of several words under its joined key ("el wak" as "alwak"), so a
        # name written with its words run together ("Elwak") finds it (names.joined_key)
        conn.create_function("joined_key", 1, joined_key, deterministic=True)
        conn.execute(
            "INSERT INTO joined_names SELECT k, norm FROM (SELECT joined_key(norm) AS k, norm"
            " FROM names WHERE tokens > 1 GROUP BY norm) WHERE length(k) >= ? ORDER BY k, norm",
            (JOINED_KEY_MIN,),
        )
        conn.executemany("INSERT INTO demonyms VALUES (?, ?)", sorted(self.demonyms))
        self.report(0.3, "indexes")
        conn.executescript(POST_SCHEMA)
        self.report(0.4, "ranking shadowed names")
        # A GeoNames town's alternate that a place in another country bears as its main
        # name ranks lower still (Hong Kong's old name "Victoria" vs Victoria, BC).
        conn.execute(
            "UPDATE names SET score = round(score - ?, 4) WHERE kind = 'alt'"
            " AND entry_id IN (SELECT id FROM entries WHERE source = ?)"
            " AND EXISTS (SELECT 1 FROM names p JOIN entries pe ON pe.id = p.entry_id"
            "   WHERE p.norm = names.norm AND p.kind = 'primary' AND COALESCE(pe.country_code, '')"
            "   != COALESCE((SELECT country_code FROM entries e WHERE e.id = names.entry_id), ''))",
            (SHADOWED_ALT_PENALTY, f"geonames-cities{self.min_city_population}"),
        )
        conn.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("input_key", key),
                ("index_version", str(INDEX_VERSION)),
                ("min_city_population", str(self.min_city_population)),
            ],
        )
        conn.commit()
        self.report(0.65, "compacting")
        conn.execute("VACUUM")
        self.report(1.0, None)

    def close(self) -> None:
        self.conn.close()


def _unheard(fraction: float, detail: str | None = None) -> None:
    """The report of a build nobody watches."""
