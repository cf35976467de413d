"""Parquet archives as ``geomap add`` inputs: one article per row, like a JSON Lines record.

A Parquet file (``*.parquet``) has an ``id`` and a ``text`` column, and may have
``title``, ``date``, ``url``, ``site`` and ``domain``; each row is read exactly as the
JSON Lines record with those fields would be (the same checks, dates and sites), so
an archive converted from JSON Lines adds the same articles.  Rows are read a batch
at a time.  Reading Parquet needs ``pyarrow``, part of the scale extra.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from geomap.collection.store import SCALE_EXTRA
from geomap.errors import GeomapError
from geomap.sources import SourcedArticle, read_input, read_jsonl

__all__ = ["COLUMNS", "read_parquet", "read_parquet_or_inputs"]

COLUMNS = ("id", "text", "title", "date", "url", "site", "domain")
"""The columns read; others are ignored."""
_BATCH_ROWS = 1024


def read_parquet_or_inputs(inputs: Sequence[str], *, date: dt.date | None = None,
                           **options: Any) -> Iterator[SourcedArticle]:  # fmt: skip
    """Every article of ``inputs`` in order: Parquet files here, the rest as
    :func:`geomap.sources.read_input` reads them."""
    for spec in inputs:
        if spec.lower().endswith(".parquet") and "://" not in spec:
            yield from read_parquet(Path(spec), date=date, **options)
        else:
            yield from read_input(spec, date=date, **options)


def read_parquet(path: Path, *, date: dt.date | None = None, timeout: float = 20.0,
                 allow_private: bool = False, **_: Any) -> Iterator[SourcedArticle]:  # fmt: skip
    """The articles of one Parquet file; a bad file or row is one line naming it."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise GeomapError(f"{path}: reading Parquet needs the scale extra "
                          f"({SCALE_EXTRA})") from None  # fmt: skip
    if not path.is_file():
        raise GeomapError(f"{path}: no such file" if not path.exists() else
                          f"{path}: not a regular file")  # fmt: skip
    try:
        archive = pq.ParquetFile(path)
        names = set(archive.schema_arrow.names)
    except (OSError, pa.ArrowException) as e:
        raise GeomapError(f"{path}: not a readable Parquet file ({_short(e)})") from None
    missing = [c for c in ("id", "text") if c not in names]
    if missing:
        raise GeomapError(f"{path}: a Parquet archive needs the columns id and text "
                          f"(missing: {', '.join(missing)})")  # fmt: skip
    columns = [c for c in COLUMNS if c in names]
    row = 0
    try:
        for batch in archive.iter_batches(batch_size=_BATCH_ROWS, columns=columns):
            for record in batch.to_pylist():
                row += 1
                yield from _row(record, path, row, date, timeout, allow_private)
    except (OSError, pa.ArrowException) as e:
        raise GeomapError(f"{path}: cannot read row {row + 1} ({_short(e)})") from None


def _row(record: dict[str, Any], path: Path, row: int, date: dt.date | None, timeout: float,
         allow_private: bool) -> Iterator[SourcedArticle]:  # fmt: skip
    where = f"{path}: row {row}"
    fields = {name: _json_value(value, where, name) for name, value in record.items()
              if value is not None}  # fmt: skip
    origin = f"{path}#{row}"
    try:
        for item in read_jsonl(json.dumps(fields, ensure_ascii=False), origin=origin, date=date,
                               timeout=timeout, allow_private=allow_private):  # fmt: skip
            yield dataclasses.replace(item, origin=origin)
    except GeomapError as e:
        raise GeomapError(str(e).replace(f"{origin}:1", where, 1)) from None


def _json_value(value: Any, where: str, name: str) -> Any:
    """A cell as the JSON Lines record would hold it (dates as ISO text)."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str | int | float | bool):
        return value
    raise GeomapError(f'{where}: "{name}" should be text, not {type(value).__name__}')


def _short(error: BaseException) -> str:
    return " ".join(str(error).split())[:200] or type(error).__name__
