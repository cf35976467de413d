"""Where a collection is kept: one interface, a GeoPackage file or a PostGIS schema behind it.

:mod:`geomap.collection.schema` lists the layers.  Each article's own rows live in
``geomap_reports``; the merged layers are folds of them (:mod:`.merge`), updated as
each article arrives from its own rows only.  :class:`Store` holds that logic once;
:class:`~geomap.collection.geopackage.GeoPackageStore` and
:class:`~geomap.collection.postgis.PostGISStore` only say how rows are read and
written (their reads are the same SQL, in :mod:`.sql_store`), so ``add``, ``build``,
``list``, ``export`` and ``watch`` behave the same on both.

Writing happens in transactions that hold the collection's write lock (SQLite's
``BEGIN IMMEDIATE``, a PostgreSQL advisory lock): an article and everything it
changes commit together, and writers take turns, so merged rows are always the fold
of their reports in the articles' order however many processes add at once.  An
article whose words and parser are already stored is left alone, so two writers
given the same article store it once.
"""

from __future__ import annotations

import functools
import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any, Concatenate, Literal, NamedTuple, ParamSpec, TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geomap.collection.corrections import Corrections
from geomap.collection.gpkg import to_blobs
from geomap.collection.merge import Report, merge, merge_article
from geomap.collection.parse import ArticleResult
from geomap.collection.schema import (
    ARTICLE_COLUMNS,
    KEYS,
    LAYERS,
    cell,
    decode,
    storable,
    table,
    text_cell,
)
from geomap.errors import GeomapError

__all__ = ["ARTICLE_COLUMNS", "LAYERS", "Outcome", "Store", "Stored", "StoredArticle", "guarded",
           "open_collection"]  # fmt: skip

Stored = tuple[ArticleResult, str | None, str | None]
"""A parsed article to store, with its origin (file or URL) and site."""

Outcome = Literal["added", "reparsed", "unchanged"]
"""What storing one article did: new, replacing an older parser's reading, or nothing
(the same words read by the same parser were there already, stored by another writer)."""

SCALE_EXTRA = "pip install 'geomap[scale]'"
"""How to get the optional Dask and PostGIS support."""


_S = TypeVar("_S", bound="Store")
_P = ParamSpec("_P")
_R = TypeVar("_R")


def guarded(method: Callable[Concatenate[_S, _P], _R]) -> Callable[Concatenate[_S, _P], _R]:
    """The store's own errors in ``method`` as one line naming the collection."""

    @functools.wraps(method)
    def wrapper(self: _S, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with self._guard():
            return method(self, *args, **kwargs)

    return wrapper


class StoredArticle(NamedTuple):
    fid: int
    parser_version: str
    article_id: str


class Store(Corrections, ABC):
    """An open collection; close it (or use ``with``).

    Subclasses implement the storage primitives (the methods starting with ``_``),
    all called inside :meth:`_write` when they change anything.  Geometries travel
    from the parser as GeoPackage blobs; :meth:`_geometry_in` turns them into what the
    store keeps, and :meth:`_geometries` reads that back.
    """

    label: str
    """How messages name the collection: its file, or its database and schema."""
    name: str
    """The collection's name (NAME on the command line)."""
    commit_every: int = 1
    """New articles per transaction when adding: 1 keeps a killed run's loss to the
    article being written; a database across a network commits a few at a time."""

    # ------------------------------------------------------------------ lifetime

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def start_writing(self) -> None:
        """Say now, before any parsing, when the collection cannot be written."""

    def _guard(self) -> AbstractContextManager[None]:
        """Turns the storage's errors into :class:`GeomapError` lines naming it."""
        return nullcontext()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ reading

    @abstractmethod
    def parsed(self) -> dict[str, str]:
        """content hash -> parser version of every stored article."""

    @abstractmethod
    def articles(self) -> pd.DataFrame:
        """The articles layer without the texts, oldest first."""

    @abstractmethod
    def stored_article(self, content_hash: str) -> dict[str, Any]:
        """One article's stored fields (:data:`ARTICLE_COLUMNS`)."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Rows per layer."""

    @abstractmethod
    def geopackage_bytes(self) -> bytes:
        """The collection's layers, without ``geomap_reports``, as a GeoPackage file."""

    @guarded
    def frame(self, layer: str) -> gpd.GeoDataFrame:
        """A merged layer as a GeoDataFrame (EPSG:4326) with lists and dicts decoded,
        columns as :data:`geomap.enrich` names them plus the collection's own."""
        names = LAYERS[layer].column_names
        rows = self._layer_rows(layer)
        geometry = gpd.GeoSeries(self._geometries([r[0] for r in rows]), crs="EPSG:4326")
        return gpd.GeoDataFrame(table([r[1:] for r in rows], names), geometry=geometry,
                                crs="EPSG:4326")  # fmt: skip

    # ------------------------------------------------------------------ writing

    def add(self, result: ArticleResult, *, origin: str | None = None,
            site: str | None = None) -> Outcome:  # fmt: skip
        """Store one parsed article (replacing an earlier parse of the same words) and
        merge what it reports, in one transaction."""
        return self.add_batch([(result, origin, site)])[0]

    @guarded
    def add_batch(self, items: Sequence[Stored]) -> list[Outcome]:
        """Store parsed articles in one transaction, saying what each did.

        A new article's reports are folded into the stored merged rows (its own rows'
        cost).  A key that loses an earlier parse's reports, or that a re-parsed
        article reports, is merged again from all its reports once per batch, so the
        re-parsed article takes its old place among the articles a row lists.
        """
        self.start_writing()
        with self._write():
            self._fixes = self._load_fixes()
            existing = self._stored_versions([r.article["content_hash"] for r, _, _ in items])
            taken = self._taken_ids([text_cell(r.article["article_id"]) for r, _, _ in items])
            remerge: dict[str, set[str]] = {layer: set() for layer in KEYS}
            folds: dict[str, dict[str, list[list[Report]]]] = {layer: {} for layer in KEYS}
            outcomes: list[Outcome] = []
            for result, origin, site in items:
                digest = result.article["content_hash"]
                old = existing.get(digest)
                if old is not None and old.parser_version == result.article["parser_version"]:
                    outcomes.append("unchanged")
                    continue
                fid = None
                if old is not None:
                    fid = old.fid
                    self._flush_writes()  # the stored article may be among the buffered
                    for layer, keys in self._delete_article(fid).items():
                        remerge[layer] |= keys
                    taken.discard(old.article_id)
                fields = _article_row(result, origin, site)
                if fields["article_id"] in taken:  # "report.txt" from two folders
                    fields["article_id"] = f"{fields['article_id']}-{digest[:8]}"
                taken.add(fields["article_id"])
                fid = self._insert_article(fid, fields)
                if old is not None and self._fixes:
                    self._follow_fixes(digest, result, remerge)
                reports = []
                for layer, rows in (("places", result.places), ("incidents", result.incidents),
                                    ("areas", result.areas)):  # fmt: skip
                    groups: dict[str, list[Report]] = {}
                    for key, props, blob in rows:
                        key = text_cell(key)
                        text, props = storable(props)
                        geom = self._geometry_in(blob)
                        reports.append((fid, layer, key, text, geom))
                        groups.setdefault(key, []).append(Report(fields["article_id"], props,
                                                                 geom))  # fmt: skip
                    for key, group in groups.items():
                        if old is not None:
                            remerge[layer].add(key)
                        else:
                            folds[layer].setdefault(key, []).append(group)
                self._insert_reports(reports)
                existing[digest] = StoredArticle(fid, result.article["parser_version"],
                                                 fields["article_id"])  # fmt: skip
                outcomes.append("added" if old is None else "reparsed")
            self._flush_writes()
            for layer in KEYS:
                for key, groups in folds[layer].items():  # a corrected row is merged anew
                    if self._fixes.affects(layer, key, groups[0][0].props):
                        remerge[layer].add(key)
                self._fold_in(layer, {k: groups for k, groups in folds[layer].items()
                                      if k not in remerge[layer]})  # fmt: skip
                self._remerge(layer, sorted(remerge[layer]))
            if any(outcome != "unchanged" for outcome in outcomes):
                self._touch()
        return outcomes

    @guarded
    def remove(self, content_hash: str) -> bool:
        """Forget one article and what only it reported."""
        self.start_writing()
        with self._write():
            old = self._stored_versions([content_hash]).get(content_hash)
            if old is None:
                return False
            self._fixes = self._load_fixes()
            for layer, keys in self._delete_article(old.fid).items():
                self._remerge(layer, sorted(keys))
            self._touch()
        return True

    def _fold_in(self, layer: str, pending: dict[str, list[list[Report]]]) -> None:
        """Fold new articles' reports (per key, one list per article, in order) into the
        stored merged rows, reading no other article's reports."""
        if not pending:
            return
        stored = self._stored_rows(layer, list(pending))
        rows = []
        for key, groups in pending.items():
            if key in stored:
                props, geom = stored[key]
                rest = groups
            else:
                props, geom = merge(layer, key, groups[0])
                rest = groups[1:]
            for group in rest:
                props = merge_article(layer, props, group)
            rows.append(_row(layer, props, geom))
        self._upsert(layer, rows)

    def _remerge(self, layer: str, keys: list[str]) -> None:
        """Merge ``keys`` again from all their reports, with their fixes; a key left
        without any report, or removed by a fix, goes."""
        if not keys:
            return
        rows = self._merged_rows(layer, keys, self._reports(layer, keys))
        self._delete_rows(layer, [k for k in keys if rows.get(k) is None])
        self._upsert(layer, [row for row in rows.values() if row is not None])

    def _merged_rows(self, layer: str, keys: Sequence[str],
                     reports: dict[str, list[Report]]) -> dict[str, list[Any] | None]:
        """The stored row each key with reports should have: merged, then corrected
        (None for a row a fix removes)."""
        out: dict[str, list[Any] | None] = {}
        for key in keys:
            if key not in reports:
                continue
            props, geom = merge(layer, key, reports[key])
            fixed, point = self._fixes.apply(layer, key, props)
            if point is not None:
                geom = self._geometry_in(to_blobs([point])[0])
            out[key] = None if fixed is None else _row(layer, fixed, geom)
        return out

    # ------------------------------------------------------------------ checking

    @guarded
    def check(self) -> list[str]:
        """Problems found: the storage's own check, reports without an article, and
        merged rows that differ from merging the reports again (empty when consistent)."""
        with self._snapshot():
            self._fixes = self._load_fixes()
            problems = self._storage_problems()
            orphans, miscounted = self._report_problems()
            if orphans:
                problems.append(f"{orphans} reports belong to no article")
            if miscounted:
                problems.append(f"{miscounted} articles lack some of their reports")
            for layer, key_column in KEYS.items():
                index = 1 + LAYERS[layer].column_names.index(key_column)
                stored = {row[index]: row for row in self._layer_rows(layer)}
                keys = self._report_keys(layer)
                differ = len(set(stored) - keys)
                for chunk in chunks(sorted(keys), 500):
                    merged = self._merged_rows(layer, chunk, self._reports(layer, chunk))
                    differ += sum(
                        1 for k in chunk
                        if (k in stored) != (merged[k] is not None)
                        or (k in stored and not self._same_row(stored[k], merged[k]))
                    )  # fmt: skip
                if differ:
                    problems.append(f"{layer}: {differ} rows differ from their reports")
        return problems

    def _same_row(self, stored: Sequence[Any], merged: Sequence[Any]) -> bool:
        if list(stored[1:]) != list(merged[1:]):
            return False
        if stored[0] == merged[0]:
            return True
        a, b = self._geometries([stored[0], merged[0]])
        return a is not None and b is not None and bool(shapely.equals_exact(a, b, 0.0))

    # ------------------------------------------------------------------ primitives

    @abstractmethod
    def _write(self) -> AbstractContextManager[None]:
        """A transaction holding the collection's write lock; rolled back on error."""

    @abstractmethod
    def _snapshot(self) -> AbstractContextManager[None]:
        """Reads that see one consistent state, whatever writers do meanwhile."""

    @abstractmethod
    def _stored_versions(self, hashes: Sequence[str]) -> dict[str, StoredArticle]: ...

    @abstractmethod
    def _taken_ids(self, article_ids: Sequence[str]) -> set[str]:
        """Those of ``article_ids`` that stored articles have."""

    @abstractmethod
    def _insert_article(self, fid: int | None, fields: dict[str, Any]) -> int:
        """Insert the article's row, at ``fid`` when it replaces an earlier parse (so
        re-parsing keeps the articles' order, and the order of merged lists)."""

    @abstractmethod
    def _delete_article(self, fid: int) -> dict[str, set[str]]:
        """Delete an article and its reports: the keys they touched, per layer."""

    @abstractmethod
    def _insert_reports(self, rows: list[tuple[int, str, str, str, Any]]) -> None:
        """(article fid, layer, key, properties as JSON text, geometry) rows."""

    def _flush_writes(self) -> None:
        """Write the articles and reports a store may hold back (PostGIS copies a
        batch's rows in one go); called before they are read back or deleted."""

    @abstractmethod
    def _stored_rows(self, layer: str, keys: list[str]) -> MergedRows:
        """Merged rows of ``keys`` that exist: properties decoded, and geometry."""

    @abstractmethod
    def _reports(self, layer: str, keys: list[str]) -> dict[str, list[Report]]:
        """Every report of ``keys`` (those that have some), oldest article first."""

    @abstractmethod
    def _upsert(self, layer: str, rows: list[list[Any]]) -> None:
        """Insert or replace merged rows: geometry, then the layer's columns."""

    @abstractmethod
    def _delete_rows(self, layer: str, keys: list[str]) -> None: ...

    def _touch(self) -> None:
        """Note that the collection changed (GeoPackage readers look at a date)."""

    @abstractmethod
    def _layer_rows(self, layer: str) -> list[tuple[Any, ...]]:
        """Every merged row as stored, oldest first: geometry, then the layer's columns
        (text, numbers, JSON text and ISO dates, as :func:`~.schema.cell` makes them)."""

    @abstractmethod
    def _report_keys(self, layer: str) -> set[str]: ...

    @abstractmethod
    def _report_problems(self) -> tuple[int, int]:
        """Reports without an article; articles whose reports are not all there."""

    def _storage_problems(self) -> list[str]:
        return []

    def _geometry_in(self, blob: bytes | None) -> Any:
        """A parser's GeoPackage blob as this store keeps geometries."""
        return blob

    @abstractmethod
    def _geometries(self, stored: Sequence[Any]) -> np.ndarray:
        """Shapely geometries (None for NULL) from stored geometries."""


def _article_row(result: ArticleResult, origin: str | None, site: str | None) -> dict[str, Any]:
    import datetime as dt

    fields = {name: text_cell(value) for name, value in result.article.items()}
    fields.update(origin=text_cell(origin), site=text_cell(site),
                  added=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                  n_places=len(result.places), n_incidents=len(result.incidents),
                  n_areas=len(result.areas))  # fmt: skip
    return fields


def _row(layer: str, props: dict[str, Any], geom: Any) -> list[Any]:
    """A merged row as stored: geometry, then the layer's columns."""
    return [geom, *(cell(n, props.get(n)) for n in LAYERS[layer].column_names)]


def chunks(values: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield list(values[start : start + size])


def decode_reports(rows: Sequence[tuple[str, str, str, Any]]) -> dict[str, list[Report]]:
    """(key, article id, properties JSON, geometry) rows, in order, grouped by key."""
    out: dict[str, list[Report]] = {}
    for key, article_id, props, geom in rows:
        out.setdefault(key, []).append(Report(article_id, json.loads(props), geom))
    return out


MergedRows = dict[str, tuple[dict[str, Any], Any]]
"""key -> (properties, geometry) of stored merged rows."""


def decode_stored(layer: str, rows: Sequence[Sequence[Any]]) -> MergedRows:
    """Merged rows (geometry, then the layer's columns) by key, properties decoded."""
    names = LAYERS[layer].column_names
    index = names.index(KEYS[layer])
    return {row[1 + index]: (decode(names, row[1:]), row[0]) for row in rows}


def open_collection(name: str, *, data_dir: str | Path = "data", store: str | None = None,
                    create: bool = True) -> Store:  # fmt: skip
    """The collection ``name``: ``DATA_DIR/NAME.gpkg`` unless ``store`` is a
    ``postgresql://`` URL, in which case it is the schema ``NAME`` of that database."""
    if store is None or store == "gpkg":
        from geomap.collection.geopackage import GeoPackageStore

        return GeoPackageStore.open(Path(data_dir) / f"{name}.gpkg", create=create)
    if is_postgres_url(store):
        try:
            from geomap.collection.postgis import PostGISStore
        except ImportError as e:
            raise GeomapError(f"a PostgreSQL store needs the scale extra ({SCALE_EXTRA}; "
                              f"{e.name or e} is missing)") from None  # fmt: skip
        return PostGISStore.open(store, name, create=create)
    raise GeomapError(f"store {store!r}: give gpkg (files in --data-dir) or a "
                      "postgresql://USER@HOST/DATABASE URL")  # fmt: skip


def is_postgres_url(store: str | None) -> bool:
    return bool(store) and store.split("://", 1)[0].lower() in ("postgresql", "postgres")
