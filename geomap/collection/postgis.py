"""A collection kept in PostgreSQL/PostGIS: one schema per collection, one table per layer.

``--store postgresql://USER@HOST/DATABASE`` keeps the collection NAME in the schema
NAME of that database: ``articles``, ``places``, ``incidents`` and ``areas`` with a
``geom`` column in SRID 4326 and a GiST index (QGIS and ``geopandas.read_postgis``
read them), and ``geomap_reports``, each article's own rows.  Lists and objects are
``json`` columns, dates ``date``, the time an article was added ``timestamptz``.

Several writers at once (``add`` processes, or a Dask run beside one) are safe: the
content hash is ``UNIQUE``; every write transaction first takes the collection's
advisory lock, so merged rows are folded in the articles' order and never from a
state another writer is changing; readers see committed states only.  A batch's
articles and reports go in with one ``COPY`` each, in its transaction, rather than a
round trip per row.  Errors (an unreachable server, wrong credentials, a database
without PostGIS, a role that may not write) are one line naming the database without
its password.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import psycopg
import shapely
from psycopg import sql

from geomap.collection.fixes import FIX_COLUMNS
from geomap.collection.gpkg import blob_wkb, create_layer, init_geopackage, to_blobs
from geomap.collection.gpkg import update_extents as update_gpkg_extents
from geomap.collection.schema import (
    ARTICLE_COLUMNS,
    CORRECTABLE,
    CORRECTED,
    JSON_COLUMNS,
    KEYS,
    LAYERS,
)
from geomap.collection.sql_store import SqlStore
from geomap.collection.store import guarded
from geomap.errors import GeomapError

__all__ = ["PostGISStore", "redacted"]

MAX_NAME_BYTES = 63
"""PostgreSQL's limit on a schema's name."""
_TYPES = {"TEXT": "text", "INTEGER": "bigint", "REAL": "double precision", "DATE": "date",
          "DATETIME": "timestamptz"}  # fmt: skip
_GEOMETRY = {"POINT": "geometry(Point, 4326)", "GEOMETRY": "geometry(Geometry, 4326)"}
_CONNECT_TIMEOUT = 10


def redacted(url: str) -> str:
    """``url`` without its password or parameters: what messages may show."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    user = f"{parts.username}@" if parts.username else ""
    return f"{parts.scheme}://{user}{host}{port}{parts.path}"


class PostGISStore(SqlStore):
    """An open collection in a PostGIS database; use :meth:`open`."""

    commit_every = 32
    _param = "%s"
    _geom = "ST_AsBinary(geom)"
    _report_id = "id"

    def __init__(self, conn: psycopg.Connection[Any], url: str, name: str) -> None:
        self._conn = conn
        self.name = name
        self.label = f"{redacted(url)}#{name}"
        self._writable = False
        self._articles_out: list[list[Any]] = []
        self._reports_out: list[tuple[int, str, str, str, Any]] = []
        self._next_fid: int | None = None

    @classmethod
    def open(cls, url: str, name: str, *, create: bool = True) -> PostGISStore:
        """Connect to ``url`` and open (or create) the schema ``name``."""
        where = f"{redacted(url)}#{name}"
        if len(name.encode("utf-8")) > MAX_NAME_BYTES:
            raise GeomapError(f"{where}: a PostgreSQL collection's name has at most "
                              f"{MAX_NAME_BYTES} characters")  # fmt: skip
        if name.lower().startswith("pg_"):
            raise GeomapError(f"{where}: names starting with pg_ are PostgreSQL's own; "
                              "choose another")  # fmt: skip
        conn = _connect(url, where)
        store = cls(conn, url, name)
        try:
            with store._guard():
                store._prepare(create)
        except BaseException:
            conn.close()
            raise
        return store

    def _prepare(self, create: bool) -> None:
        """Check PostGIS and the schema, creating what is missing when ``create``."""
        where = self.label
        (postgis,) = self._conn.execute(
            "SELECT count(*) FROM pg_extension WHERE extname = 'postgis'").fetchone()  # fmt: skip
        if not postgis:
            if not create:
                raise GeomapError(f"{where}: no such collection (the database has no "
                                  "PostGIS extension)")  # fmt: skip
            try:
                self._conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
            except psycopg.Error as e:
                raise GeomapError(
                    f"{where}: the database has no PostGIS extension and geomap could not "
                    f"add it ({_first_line(e)}); its owner can run CREATE EXTENSION postgis"
                ) from None
        search_path = self._conn.execute("SELECT current_setting('search_path')").fetchone()[0]
        schema = sql.Identifier(self.name).as_string(self._conn)
        self._conn.execute("SELECT set_config('search_path', %s, false)",
                           (f"{schema}, {search_path}",))  # fmt: skip
        state = self._state()
        if state == "collection":
            if not self._has_fixes_table():
                with self._write():
                    for statement in _upgrade_sql(self.name):
                        self._conn.execute(statement)
            return
        if state == "other":
            raise GeomapError(f"{where}: not a geomap collection (the schema holds other "
                              "tables)")  # fmt: skip
        if not create:
            raise GeomapError(f"{where}: no such collection (create it with geomap add)")
        with self._write():
            state = self._state()  # another writer may have made it meanwhile
            if state == "other":
                raise GeomapError(f"{where}: not a geomap collection (the schema holds other "
                                  "tables)")  # fmt: skip
            if state != "collection":
                for statement in _schema_sql(self.name):
                    self._conn.execute(statement)

    def _state(self) -> str:
        """'collection', 'empty' (no schema, or one without tables) or 'other'."""
        tables = {name for (name,) in self._conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind IN ('r', 'p', 'v', 'm', 'f')", (self.name,))}
        if {"geomap_reports", *LAYERS} <= tables:
            return "collection"
        return "other" if tables else "empty"

    def _has_fixes_table(self) -> bool:
        """False for a collection made before corrections."""
        return self._conn.execute("SELECT to_regclass(%s) IS NOT NULL", (
            sql.Identifier(self.name, "geomap_fixes").as_string(self._conn),)).fetchone()[0]

    def close(self) -> None:
        self._conn.close()

    @guarded
    def start_writing(self) -> None:
        """Say now when this role or server cannot write (a read-only role or standby)."""
        if self._writable:
            return
        standby, read_only = self._conn.execute(
            "SELECT pg_is_in_recovery(), current_setting('transaction_read_only')").fetchone()
        if standby or read_only == "on":
            raise GeomapError(f"{self.label}: cannot write to the collection (the server or "
                              "session is read-only)")  # fmt: skip
        query = ("SELECT has_table_privilege(%(t)s, 'INSERT') AND has_table_privilege(%(t)s, "
                 "'UPDATE') AND has_table_privilege(%(t)s, 'DELETE')")  # fmt: skip
        tables = (*LAYERS, "geomap_reports", "geomap_fixes")
        denied = [name for name in tables if not self._conn.execute(
            query, {"t": sql.Identifier(self.name, name).as_string(self._conn)}).fetchone()[0]]
        if denied:
            user = self._conn.info.user
            raise GeomapError(f"{self.label}: cannot write to the collection (the user {user} "
                              f"may not change {', '.join(denied)})")  # fmt: skip
        self._writable = True

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except psycopg.Error as e:
            raise _problem(self.label, e) from None

    # ------------------------------------------------------------------ reading

    @guarded
    def geopackage_bytes(self) -> bytes:
        """The layers copied, as of one moment, into a new GeoPackage."""
        copy = sqlite3.connect(":memory:")
        try:
            init_geopackage(copy)
            for layer in LAYERS.values():
                create_layer(copy, layer)
            with self._snapshot():
                names = ARTICLE_COLUMNS
                rows = self._conn.execute(f"SELECT fid, {_select(names)} FROM articles "
                                          "ORDER BY fid").fetchall()  # fmt: skip
                copy.executemany(f"INSERT INTO articles (fid, {', '.join(names)}) VALUES "
                                 f"({', '.join('?' * (len(names) + 1))})", rows)  # fmt: skip
                for name, layer in LAYERS.items():
                    if not layer.geometry_type:
                        continue
                    names = layer.column_names
                    rows = self._conn.execute(
                        f'SELECT fid, ST_AsBinary(geom), {_select(names)} FROM "{name}" '
                        "ORDER BY fid").fetchall()  # fmt: skip
                    blobs = to_blobs(shapely.from_wkb(np.asarray([r[1] for r in rows],
                                                                 dtype=object)))  # fmt: skip
                    copy.executemany(
                        f'INSERT INTO "{name}" (fid, geom, {", ".join(names)}) VALUES '
                        f"({', '.join('?' * (len(names) + 2))})",
                        [(r[0], blob, *r[2:]) for r, blob in zip(rows, blobs, strict=True)])
            update_gpkg_extents(copy)
            copy.commit()
            return copy.serialize()
        finally:
            copy.close()

    def _columns(self, names: Sequence[str]) -> str:
        return _select(names)

    def _in_tests(self, values: Sequence[Any]) -> Iterator[tuple[str, list[Any]]]:
        yield "= ANY(%s)", [list(values)]

    def _geometries(self, stored: Sequence[Any]) -> np.ndarray:
        return shapely.from_wkb(np.asarray([None if g is None else bytes(g) for g in stored],
                                           dtype=object))  # fmt: skip

    # ------------------------------------------------------------------ primitives

    @contextmanager
    def _write(self) -> Iterator[None]:
        try:
            with self._conn.transaction():
                self._conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
                                   (f"geomap:{self.name}",))  # fmt: skip
                yield
                self._flush_writes()
        finally:  # whatever was held back belongs to this transaction only
            self._articles_out.clear()
            self._reports_out.clear()
            self._next_fid = None

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        with self._conn.transaction():
            self._conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield

    def _insert_article(self, fid: int | None, fields: dict[str, Any]) -> int:
        """Held back until :meth:`_flush_writes`; a new article's fid is the next of the
        table's sequence, counted here (the advisory lock keeps other writers out)."""
        if fid is None:
            if self._next_fid is None:
                (self._next_fid,) = self._conn.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'fid'))",
                    (self._articles_table,)).fetchone()  # fmt: skip
            fid = self._next_fid
            self._next_fid += 1
        self._articles_out.append([fid, *(fields.get(n) for n in ARTICLE_COLUMNS)])
        return fid

    @property
    def _articles_table(self) -> str:
        return sql.Identifier(self.name, "articles").as_string(self._conn)

    def _delete_article(self, fid: int) -> dict[str, set[str]]:
        touched: dict[str, set[str]] = {}
        for layer, key in self._conn.execute(
            "DELETE FROM geomap_reports WHERE article_fid = %s RETURNING layer, key", (fid,)
        ):
            touched.setdefault(layer, set()).add(key)
        self._conn.execute("DELETE FROM articles WHERE fid = %s", (fid,))
        return touched

    def _insert_reports(self, rows: list[tuple[int, str, str, str, Any]]) -> None:
        self._reports_out += rows

    def _flush_writes(self) -> None:
        """The held-back articles and reports, each table in one ``COPY`` (a round trip
        per batch, not per row), then the fid sequence moved past the fids used."""
        with self._conn.cursor() as cur:
            if self._articles_out:
                with cur.copy(f"COPY articles (fid, {', '.join(ARTICLE_COLUMNS)}) "
                              "FROM STDIN") as copy:  # fmt: skip
                    for row in self._articles_out:
                        copy.write_row(row)
                self._articles_out.clear()
            if self._next_fid is not None:
                cur.execute("SELECT setval(pg_get_serial_sequence(%s, 'fid'), %s)",
                            (self._articles_table, self._next_fid - 1))  # fmt: skip
                self._next_fid = None
            if self._reports_out:
                with cur.copy("COPY geomap_reports (article_fid, layer, key, props, geom) "
                              "FROM STDIN") as copy:  # fmt: skip
                    for report in self._reports_out:
                        copy.write_row(report)
                self._reports_out.clear()

    def _upsert(self, layer: str, rows: list[list[Any]]) -> None:
        if not rows:
            return
        names = LAYERS[layer].column_names
        values = ", ".join(["ST_GeomFromWKB(%s, 4326)",
                            *("%s::json" if n in JSON_COLUMNS else "%s" for n in names)])
        key = KEYS[layer]
        with self._conn.cursor() as cur:
            cur.executemany(
                f'INSERT INTO "{layer}" (geom, {", ".join(names)}) VALUES ({values}) '
                f"ON CONFLICT ({key}) DO UPDATE SET geom = excluded.geom, "
                + ", ".join(f"{n} = excluded.{n}" for n in names if n != key),
                [[row[0], *(_text(v) for v in row[1:])] for row in rows])  # fmt: skip

    def _delete_rows(self, layer: str, keys: list[str]) -> None:
        if keys:
            self._conn.execute(f'DELETE FROM "{layer}" WHERE {KEYS[layer]} = ANY(%s)', (keys,))

    def _insert_fix(self, cells: list[Any]) -> int:
        (fix_id,) = self._conn.execute(
            f"INSERT INTO geomap_fixes ({', '.join(FIX_COLUMNS[1:])}) VALUES "
            f"({', '.join(['%s'] * len(cells))}) RETURNING fix_id", cells).fetchone()  # fmt: skip
        return fix_id

    def _delete_fixes(self, fix_ids: list[int]) -> None:
        if fix_ids:
            self._conn.execute("DELETE FROM geomap_fixes WHERE fix_id = ANY(%s)", (fix_ids,))

    def _update_fix_anchors(self, fix_id: int, anchors: str) -> None:
        self._conn.execute("UPDATE geomap_fixes SET anchors = %s WHERE fix_id = %s",
                           (anchors, fix_id))  # fmt: skip

    def _geometry_in(self, blob: bytes | None) -> bytes | None:
        return blob_wkb(blob)


def _text(value: Any) -> Any:
    """A merged row's cell: PostgreSQL's text cannot hold NUL characters."""
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


def _select(names: Sequence[str]) -> str:
    """Columns read back as the GeoPackage holds them: JSON and dates as text."""
    out = []
    for name in names:
        kind = _column_type(name)
        if name in JSON_COLUMNS:
            out.append(f"{name}::text")
        elif kind == "date":
            out.append(f"to_char({name}, 'YYYY-MM-DD')")
        elif kind == "timestamptz":
            out.append(f"to_char({name} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
        else:
            out.append(name)
    return ", ".join(out)


def _column_type(name: str) -> str:
    for layer in LAYERS.values():
        for column in layer.columns:
            if column.name == name:
                return "json" if name in JSON_COLUMNS else _TYPES[column.type]
    raise KeyError(name)


def _schema_sql(schema: str) -> list[str]:
    """The collection's tables, indexes and descriptions in ``schema`` (on the search path)."""
    quoted = '"' + schema.replace('"', '""') + '"'
    statements = [f"CREATE SCHEMA IF NOT EXISTS {quoted}"]
    for name, layer in LAYERS.items():
        columns = ["fid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"]
        if layer.geometry_type:
            columns.append(f"geom {_GEOMETRY[layer.geometry_type]}")
        columns += [f"{c.name} {_column_type(c.name)} {c.constraint}".rstrip()
                    for c in layer.columns]  # fmt: skip
        statements.append(f"CREATE TABLE {quoted}.{name} ({', '.join(columns)})")
        if layer.geometry_type:
            statements.append(f"CREATE INDEX {name}_geom ON {quoted}.{name} USING gist (geom)")
        description = layer.description.replace("'", "''")
        statements.append(f"COMMENT ON TABLE {quoted}.{name} IS '{description}'")
    statements += [
        f"CREATE UNIQUE INDEX articles_article_id ON {quoted}.articles (article_id)",
        f"CREATE TABLE {quoted}.geomap_reports (id bigint GENERATED ALWAYS AS IDENTITY "
        "PRIMARY KEY, article_fid bigint NOT NULL REFERENCES "
        f"{quoted}.articles (fid), layer text NOT NULL, key text NOT NULL, "
        "props text NOT NULL, geom bytea)",
        f"CREATE INDEX geomap_reports_key ON {quoted}.geomap_reports (layer, key)",
        f"CREATE INDEX geomap_reports_article ON {quoted}.geomap_reports (article_fid)",
        f"COMMENT ON TABLE {quoted}.geomap_reports IS 'Each article''s own rows, from which "
        "geomap merges the layers'",
        *_fixes_sql(quoted),
    ]
    return statements


def _fixes_sql(quoted: str) -> list[str]:
    return [
        f"CREATE TABLE IF NOT EXISTS {quoted}.geomap_fixes (fix_id bigint GENERATED ALWAYS AS "
        "IDENTITY PRIMARY KEY, layer text NOT NULL, target text NOT NULL, kind text NOT NULL, "
        "value text NOT NULL, anchors text NOT NULL, created text NOT NULL)",
        f"COMMENT ON TABLE {quoted}.geomap_fixes IS 'An analyst''s corrections, applied to "
        "the merged layers'",
    ]


def _upgrade_sql(schema: str) -> list[str]:
    """An older collection's corrections table and column (its rows unchanged)."""
    quoted = '"' + schema.replace('"', '""') + '"'
    return [*(f"ALTER TABLE {quoted}.{layer} ADD COLUMN IF NOT EXISTS {CORRECTED} text"
              for layer in CORRECTABLE), *_fixes_sql(quoted)]  # fmt: skip


def _connect(url: str, where: str) -> psycopg.Connection[Any]:
    options: dict[str, Any] = {"autocommit": True, "application_name": "geomap"}
    if "connect_timeout" not in url and "PGCONNECT_TIMEOUT" not in os.environ:
        options["connect_timeout"] = _CONNECT_TIMEOUT
    try:
        return psycopg.connect(url, **options)
    except psycopg.Error as e:
        raise _problem(where, e) from None


def _first_line(error: BaseException) -> str:
    """The useful part of a libpq message: its first line, without libpq's prefixes."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    for prefix in ("connection failed: ",):
        text = text.removeprefix(prefix)
    return " ".join(text.replace("FATAL:", "").split())


def _problem(where: str, error: psycopg.Error) -> GeomapError:
    """What went wrong with the database, in words a user can act on."""
    detail = _first_line(error)
    text = str(error)
    if "password authentication failed" in text or "no password supplied" in text:
        return GeomapError(f"{where}: wrong user name or password ({detail}; give the "
                           "password in ~/.pgpass or PGPASSWORD)")  # fmt: skip
    if "does not exist" in text and ("database" in text or "role" in text):
        return GeomapError(f"{where}: {detail}")
    if isinstance(error, psycopg.errors.InsufficientPrivilege):
        return GeomapError(f"{where}: permission denied ({detail})")
    if isinstance(error, psycopg.OperationalError):
        connected = "connection to server" in text and "failed" in text
        what = "cannot reach the database server" if connected else "the database failed"
        return GeomapError(f"{where}: {what} ({detail})")
    return GeomapError(f"{where}: {detail}")
