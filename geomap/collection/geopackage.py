"""A collection kept in one GeoPackage file, written with the standard library's sqlite3.

Writers take turns through SQLite's ``BEGIN IMMEDIATE``; commits go through a
write-ahead log while the collection is open for writing, and the file is left
self-contained (no ``-wal`` beside it) when it closes.  SQLite's errors (a read-only,
damaged or foreign file, a full disk) become one-line
:class:`~geomap.errors.GeomapError` messages naming the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from geomap.collection.fixes import FIX_COLUMNS
from geomap.collection.gpkg import create_layer, from_blobs, init_geopackage, update_extents
from geomap.collection.schema import (
    ARTICLE_COLUMNS,
    CORRECTABLE,
    CORRECTED,
    FIXES_SQL,
    KEYS,
    LAYERS,
    REPORTS_SQL,
)
from geomap.collection.sql_store import SqlStore
from geomap.collection.store import chunks, guarded
from geomap.errors import GeomapError

__all__ = ["GeoPackageStore", "is_collection_file"]

_IN_CHUNK = 500
"""Values per ``IN (...)`` list: well under SQLite's limit on parameters."""


class GeoPackageStore(SqlStore):
    """An open collection file; use :meth:`open`."""

    _param = "?"
    _geom = "geom"
    _report_id = "rowid"

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.label = str(path)
        self.name = path.stem
        self._conn = conn
        self._changed = False
        self._wal = False

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> GeoPackageStore:
        """Open (or create) the GeoPackage at ``path``; a missing file without ``create``
        and a file that is not a collection are one-line errors."""
        p = Path(path)
        if not p.exists() and not create:
            raise GeomapError(f"{p}: no such collection (create it with geomap add)")
        if p.exists() and not p.is_file():
            raise GeomapError(f"{p}: not a geomap collection (not a regular file)")
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise GeomapError(f"{p.parent}: cannot make the folder ({e.strerror})") from None
        try:
            conn = sqlite3.connect(p, isolation_level=None, timeout=60)
        except sqlite3.Error as e:
            raise _problem(p, e) from None
        try:
            if not _is_collection(conn):
                if p.stat().st_size:
                    raise GeomapError(f"{p}: not a geomap collection (a file of other data)")
                with _transaction(conn):
                    init_geopackage(conn)
                    for layer in LAYERS.values():
                        create_layer(conn, layer)
                    for statement in REPORTS_SQL.split(";"):
                        conn.execute(statement)
                    conn.execute(FIXES_SQL)
            elif _needs_upgrade(conn):
                with _transaction(conn):
                    _upgrade(conn)
        except sqlite3.DatabaseError as e:
            conn.close()
            if any(words in str(e) for words in ("readonly", "unable to open", "malformed")):
                raise _problem(p, e) from None
            raise GeomapError(f"{p}: not a geomap collection ({e})") from None
        except BaseException:
            conn.close()
            raise
        return cls(p, conn)

    def close(self) -> None:
        """Record each layer's extent and leave a single self-contained file (best
        effort: the articles are committed already)."""
        try:
            if self._changed:
                with _transaction(self._conn):
                    update_extents(self._conn)
            if self._wal:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._conn.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.Error:
            pass  # another process has it open (it tidies up when it closes), or a full disk
        self._conn.close()

    @guarded
    def start_writing(self) -> None:
        """Ready the file for adding articles, or say now (before any parsing) that it
        cannot be written.  Commits then go through a write-ahead log: each article
        still commits on its own, without a sync to disk per article."""
        if not self._wal:
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError as e:
                raise GeomapError(f"{self.path}: cannot write to the collection ({e}; is the "
                                  "file or its folder read-only?)") from None  # fmt: skip
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._wal = True

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as e:
            raise _problem(self.path, e) from None

    # ------------------------------------------------------------------ reading

    @guarded
    def backup(self, target: sqlite3.Connection) -> None:
        """Copy the whole file, as of its last commit, into ``target``."""
        self._conn.backup(target)

    @guarded
    def geopackage_bytes(self) -> bytes:
        copy = sqlite3.connect(":memory:")
        try:
            self._conn.backup(copy)
            copy.execute("DROP TABLE IF EXISTS geomap_reports")
            copy.execute("DROP TABLE IF EXISTS geomap_fixes")
            copy.commit()
            copy.execute("VACUUM")
            return copy.serialize()
        finally:
            copy.close()

    def _columns(self, names: Sequence[str]) -> str:
        return ", ".join(names)

    def _in_tests(self, values: Sequence[Any]) -> Iterator[tuple[str, list[Any]]]:
        for chunk in chunks(values, _IN_CHUNK):
            yield f"IN ({', '.join('?' * len(chunk))})", chunk

    def _geometries(self, stored: Sequence[Any]) -> np.ndarray:
        return from_blobs(stored)

    # ------------------------------------------------------------------ primitives

    def _write(self) -> Any:
        return _transaction(self._conn)

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        self._conn.execute("BEGIN")  # a read transaction: one state until it ends
        try:
            yield
        finally:
            self._conn.execute("COMMIT")

    def _insert_article(self, fid: int | None, fields: dict[str, Any]) -> int:
        cur = self._conn.execute(
            f"INSERT INTO articles (fid, {', '.join(ARTICLE_COLUMNS)}) "
            f"VALUES (?, {', '.join('?' * len(ARTICLE_COLUMNS))})",
            [fid, *(fields.get(n) for n in ARTICLE_COLUMNS)],
        )
        assert cur.lastrowid is not None
        return cur.lastrowid

    def _delete_article(self, fid: int) -> dict[str, set[str]]:
        touched: dict[str, set[str]] = {}
        for layer, key in self._conn.execute(
            "SELECT layer, key FROM geomap_reports WHERE article_fid = ?", (fid,)
        ):
            touched.setdefault(layer, set()).add(key)
        self._conn.execute("DELETE FROM geomap_reports WHERE article_fid = ?", (fid,))
        self._conn.execute("DELETE FROM articles WHERE fid = ?", (fid,))
        return touched

    def _insert_reports(self, rows: list[tuple[int, str, str, str, Any]]) -> None:
        self._conn.executemany("INSERT INTO geomap_reports VALUES (?, ?, ?, ?, ?)", rows)

    def _upsert(self, layer: str, rows: list[list[Any]]) -> None:
        names = LAYERS[layer].column_names
        self._conn.executemany(
            f'INSERT INTO "{layer}" (geom, {", ".join(names)}) '
            f"VALUES (?, {', '.join('?' * len(names))}) "
            f"ON CONFLICT({KEYS[layer]}) DO UPDATE SET geom = excluded.geom, "
            + ", ".join(f"{n} = excluded.{n}" for n in names if n != KEYS[layer]),
            rows,
        )

    def _delete_rows(self, layer: str, keys: list[str]) -> None:
        self._conn.executemany(f'DELETE FROM "{layer}" WHERE {KEYS[layer]} = ?',
                               [(k,) for k in keys])  # fmt: skip

    def _touch(self) -> None:
        self._changed = True
        self._conn.execute(
            "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now')"
        )

    def _insert_fix(self, cells: list[Any]) -> int:
        cur = self._conn.execute(f"INSERT INTO geomap_fixes ({', '.join(FIX_COLUMNS[1:])}) "
                                 f"VALUES ({', '.join('?' * len(cells))})", cells)  # fmt: skip
        assert cur.lastrowid is not None
        return cur.lastrowid

    def _delete_fixes(self, fix_ids: list[int]) -> None:
        self._conn.executemany("DELETE FROM geomap_fixes WHERE fix_id = ?",
                               [(i,) for i in fix_ids])  # fmt: skip

    def _update_fix_anchors(self, fix_id: int, anchors: str) -> None:
        self._conn.execute("UPDATE geomap_fixes SET anchors = ? WHERE fix_id = ?",
                           (anchors, fix_id))  # fmt: skip

    def _storage_problems(self) -> list[str]:
        return [r for (r,) in self._conn.execute("PRAGMA integrity_check") if r != "ok"]


def is_collection_file(path: str | Path) -> bool:
    """True when ``path`` is a collection's file (which an output must not replace)."""
    p = Path(path)
    if not p.is_file():
        return False
    try:
        conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return _is_collection(conn)
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _is_collection(conn: sqlite3.Connection) -> bool:
    """True for a file this module made (then opening it writes nothing)."""
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    return {"gpkg_contents", "geomap_reports", *LAYERS} <= tables


def _needs_upgrade(conn: sqlite3.Connection) -> bool:
    """True for a collection made before corrections (no ``geomap_fixes`` table)."""
    return conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'geomap_fixes'"
                        ).fetchone()[0] == 0  # fmt: skip


def _upgrade(conn: sqlite3.Connection) -> None:
    """Give an older collection the corrections' table and column (its rows unchanged)."""
    for layer in CORRECTABLE:
        columns = {row[1] for row in conn.execute(f'PRAGMA table_info("{layer}")')}
        if CORRECTED not in columns:
            conn.execute(f'ALTER TABLE "{layer}" ADD COLUMN "{CORRECTED}" TEXT')
    conn.execute(FIXES_SQL)


def _problem(path: Path, error: sqlite3.Error) -> GeomapError:
    """What went wrong with the file, in words a user can act on."""
    text = str(error)
    if "readonly" in text:
        return GeomapError(f"{path}: cannot write to the collection (the file or its folder "
                           "is read-only)")  # fmt: skip
    if "malformed" in text or "not a database" in text:
        return GeomapError(f"{path}: the collection file is damaged ({text}); restore it "
                           "from a copy, or add the articles to a new collection")  # fmt: skip
    if "unable to open" in text:
        return GeomapError(f"{path}: cannot open the collection ({text}; can its folder be "
                           "read and written?)")  # fmt: skip
    if "locked" in text:
        return GeomapError(f"{path}: another program holds the collection ({text}); try "
                           "again when it has finished")  # fmt: skip
    return GeomapError(f"{path}: {text}")


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
