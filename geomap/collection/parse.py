"""Parsing one article into the plain rows a collection stores, in this or a worker process.

A worker keeps the gazetteer index, geocoder and boundary polygons open across
articles (opening the index hashes its inputs, which costs more than parsing a
short article) and hands back JSON-ready rows and GeoPackage geometry blobs, so
the process that owns the collection only writes.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geomap.collection.gpkg import to_blobs
from geomap.records import Article

__all__ = [
    "ArticleResult",
    "Parser",
    "article_fields",
    "article_from_fields",
    "content_hash",
    "fresh_index_path",
    "merge_key",
    "merged_incident_id",
    "parser_version",
]


def content_hash(text: str) -> str:
    """Hash of the article's words: the same report re-wrapped or re-fetched is the same."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def merge_key(row: dict[str, Any]) -> str:
    """Reports of the same type at the same place on the same day are one incident."""
    if row.get("place_id") and row.get("date_start"):
        return f"{row['event_type']}|{row['place_id']}|{row['date_start']}"
    return f"only|{row['incident_id']}"


def merged_incident_id(key: str) -> str:
    return "inc:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class ArticleResult:
    """What one article adds to a collection: its metadata and its rows per layer.

    Each row is ``(key, properties, geometry blob)``; properties are JSON data.
    """

    article: dict[str, Any]
    places: list[tuple[str, dict[str, Any], bytes | None]] = field(default_factory=list)
    incidents: list[tuple[str, dict[str, Any], bytes | None]] = field(default_factory=list)
    areas: list[tuple[str, dict[str, Any], bytes | None]] = field(default_factory=list)


class Parser:
    """The pipeline's stages with everything they share opened once."""

    def __init__(self, *, geocoder_name: str = "gazetteer",
                 geocoder_options: tuple[str, ...] = (),
                 index_path: Path | None = None) -> None:  # fmt: skip
        """``index_path``: an index already checked fresh (workers skip re-hashing its
        inputs); by default the index is opened, and built if needed."""
        from geomap.gazetteer.geocoder import GazetteerGeocoder
        from geomap.gazetteer.index import GazetteerIndex

        self.index = GazetteerIndex(index_path) if index_path else GazetteerIndex.open()
        if geocoder_name.strip().lower() == "gazetteer" and not geocoder_options:
            self.geocoder: Any = GazetteerGeocoder(index=self.index)
        else:
            from geomap.geocoders import build_geocoder

            self.geocoder = build_geocoder(geocoder_name, geocoder_options, index=self.index)
        self.version = parser_version(
            index_path=self.index.path, geocoder_name=geocoder_name,
            geocoder_options=geocoder_options,
        )

    def parse(self, article: Article) -> ArticleResult:
        """:func:`geomap.pipeline.run` with the shared index and geocoder, as rows."""
        from geomap.export import json_safe
        from geomap.pipeline import run

        data = run(article, geocoder=self.geocoder, index=self.index)
        result = ArticleResult(article=article_fields(article, self.version))
        for row, blob in _rows(data.places_frame, json_safe):
            result.places.append((row["place_id"], row, blob))
        merged_ids = {}
        for row, blob in _rows(data.incidents_frame, json_safe):
            key = merge_key(row)
            merged_ids[row["incident_id"]] = merged_incident_id(key)
            result.incidents.append((key, row, blob))
        for row, blob in _rows(data.areas_frame, json_safe):
            row["incident_id"] = merged_ids.get(row.get("incident_id"))
            result.areas.append((row["area_id"], row, blob))
        return result


def article_fields(article: Article, version: str) -> dict[str, Any]:
    return {
        "content_hash": content_hash(article.text),
        "article_id": article.id,
        "title": article.title,
        "url": article.url,
        "date": article.date.isoformat() if article.date else None,
        "path": article.path,
        "text": article.text,
        "parser_version": version,
    }


def article_from_fields(fields: dict[str, Any]) -> Article:
    """The stored article, ready to parse again."""
    date = fields.get("date")
    return Article(
        id=fields["article_id"],
        text=fields["text"],
        title=fields.get("title"),
        url=fields.get("url"),
        date=dt.date.fromisoformat(date) if date else None,
        path=fields.get("path"),
    )


def _rows(frame: Any, json_safe: Any) -> list[tuple[dict[str, Any], bytes | None]]:
    if len(frame) == 0:
        return []
    blobs = to_blobs(frame.geometry.to_numpy())
    names = [c for c in frame.columns if c != frame.geometry.name]
    columns = [frame[c].tolist() for c in names]  # faster than to_dict on small frames
    rows = [{n: json_safe(v) for n, v in zip(names, values, strict=True)}
            for values in zip(*columns, strict=True)]  # fmt: skip
    return list(zip(rows, blobs, strict=True))


def fresh_index_path() -> Path:
    """The gazetteer index's file, built first if missing or stale (checked once per
    process and cache directory: the check hashes the index's inputs)."""
    from geomap.gazetteer.index import CACHE_ENV

    return _fresh_index_path(os.environ.get(CACHE_ENV))


@functools.lru_cache(maxsize=4)
def _fresh_index_path(cache_dir: str | None) -> Path:
    from geomap.gazetteer.index import GazetteerIndex

    with GazetteerIndex.open(cache_dir) as index:
        return Path(index.path)


def parser_version(
    *,
    index_path: str | Path | None = None,
    geocoder_name: str = "gazetteer",
    geocoder_options: tuple[str, ...] = (),
) -> str:
    """Changes when anything that decides an article's places changes: geomap's version,
    the gazetteer index's inputs, the resolution weights, the geocoder.  A geocoder other
    than the gazetteer is named after an ``@``, so re-parsing can keep to its articles.

    Opening the index (``index_path`` unset) builds it first if it is missing or stale.
    """
    from geomap import __version__
    from geomap.geoparse.scoring import WEIGHTS_FILE

    if index_path is None:
        index_path = fresh_index_path()
    options = geocoder_options
    digest = hashlib.sha256(f"geomap {__version__}|".encode())
    conn = sqlite3.connect(f"file:{index_path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'input_key'").fetchone()
    finally:
        conn.close()
    digest.update((row[0] if row else "").encode())
    digest.update(hashlib.sha256(WEIGHTS_FILE.read_bytes()).digest())
    name = geocoder_name.strip().lower()
    suffix = ""
    if name != "gazetteer" or options:
        digest.update(f"|{name}|{sorted(options)}".encode())  # options hashed, never stored
        suffix = f"@{name}"
    return f"{__version__}+{digest.hexdigest()[:12]}{suffix}"
