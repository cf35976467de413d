"""Geoparsing JSON Lines corpora: one article record in, one toponym record out.

Input records are ``{"id", "text"}`` (``title``, ``date``, ``url``, ``domain`` used when present;
``toponyms`` with ``start``/``end`` when resolving given spans). Output records are
``{"id", "toponyms": [{"start", "end", "name", "lat", "lon", "geonameid",
"feature_type", "country_code", "place", "score"}]}``, the format the evaluation scorer
reads; a name no gazetteer holds that the article puts in or beside a known place also has
``"near"`` (that place's name) and its point (:mod:`geomap.geoparse.approximate`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from geopy.geocoders.base import Geocoder

from geomap.errors import GeomapError
from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse.collector import collector_paused
from geomap.geoparse.scoring import Weights
from geomap.records import Article, Mention, Resolution

__all__ = ["CorpusRecord", "geoparse_records", "read_records", "toponym_record"]


@dataclass(frozen=True, slots=True)
class CorpusRecord:
    article: Article
    spans: tuple[tuple[int, int], ...] | None
    """The record's own toponym spans, when it has them."""
    source: str | None = None
    """The record's ``url``, or failing that its ``domain``: who published it."""


def read_records(lines: Iterable[str], *, source: str = "-") -> list[CorpusRecord]:
    """Parse and check every line first, so a bad line stops the run before any output.

    Every value must have its type: ``id`` a string or an integer, ``text``, ``title``,
    ``date``, ``url`` and ``domain`` strings (or null), spans integer offsets into the text.
    """
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except RecursionError:
            raise GeomapError(f"{source}: line {n}: not valid JSON: nested too deeply") from None
        except ValueError as e:  # JSONDecodeError, or an integer of thousands of digits
            raise GeomapError(f"{source}: line {n}: not valid JSON: {getattr(e, 'msg', e)}"
                              ) from None  # fmt: skip
        if not isinstance(rec, dict) or "text" not in rec or "id" not in rec:
            raise GeomapError(f'{source}: line {n}: a record needs "id" and "text"')
        _check_types(rec, f"{source}: line {n}")
        article = _article(rec)
        domain = rec.get("domain") if isinstance(rec.get("domain"), str) else None
        out.append(CorpusRecord(article, _spans(rec, n, source), article.url or domain))
    return out


def geoparse_records(
    records: Iterable[CorpusRecord],
    *,
    given_spans: bool = False,
    index: GazetteerIndex | None = None,
    geocoder: Geocoder | None = None,
    weights: Weights | None = None,
) -> Iterator[dict[str, Any]]:
    """One output record per input record, in order.

    The records are resolved as one batch (:mod:`geomap.geoparse.batch`): articles from
    the same outlet inform each other about the outlet's home area.
    """
    from geomap.geoparse.batch import BatchItem, resolve_batch
    from geomap.geoparse.recognize import find_mentions_many, mentions_from_spans

    index = index if index is not None else GazetteerIndex.open()
    if geocoder is None:
        from geomap.gazetteer.geocoder import GazetteerGeocoder

        geocoder = GazetteerGeocoder(index=index)
    records = list(records)
    with collector_paused():
        if given_spans:
            found: Iterable[list[Mention]] = (
                mentions_from_spans(r.article.text, r.spans or (), index) for r in records
            )
        else:
            found = find_mentions_many((r.article.text for r in records), index)
        items = [BatchItem(rec.article, mentions, rec.source)
                 for rec, mentions in zip(records, found, strict=True)]  # fmt: skip
        batch = resolve_batch(items, geocoder, weights=weights)
    for it, resolutions in zip(items, batch, strict=True):
        yield {"id": it.article.id, "toponyms": [toponym_record(r) for r in resolutions]}


def toponym_record(r: Resolution) -> dict[str, Any]:
    """The scorer's record of one mention. A mention no place was chosen for that the
    wording puts in or beside a known place carries that place's point, its country and
    ``"near"``, the place's name (no GeoNames id, type or ``"place"``: it is not that
    place)."""
    e = r.entry
    out = {
        "start": r.mention.start,
        "end": r.mention.end,
        "name": r.mention.text,
        "lat": e.lat if e else None,
        "lon": e.lon if e else None,
        "geonameid": e.geonameid if e else None,
        "feature_type": e.feature_type if e else None,
        "country_code": e.country_code if e else None,
        "place": e.name if e else None,
        "score": round(r.score, 4),
    }
    if e is None and r.near is not None:
        near = r.near
        out.update(lat=near.lat, lon=near.lon, country_code=near.country_code, near=near.name)
    return out


def _check_types(rec: dict[str, Any], where: str) -> None:
    record_id = rec["id"]
    if isinstance(record_id, bool) or not isinstance(record_id, str | int):
        raise GeomapError(f'{where}: "id" must be a string or an integer')
    if not isinstance(rec["text"], str):
        raise GeomapError(f'{where}: "text" must be a string')
    for name in ("title", "date", "url", "domain"):
        if rec.get(name) is not None and not isinstance(rec[name], str):
            raise GeomapError(f'{where}: "{name}" must be a string (or null)')


def _article(rec: dict[str, Any]) -> Article:
    date = None
    if rec.get("date"):
        try:
            date = dt.date.fromisoformat(rec["date"][:10])
        except ValueError:
            date = None
    return Article(id=str(rec["id"]), text=rec["text"], title=rec.get("title"),
                   url=rec.get("url"), date=date)  # fmt: skip


def _spans(rec: dict[str, Any], n: int, source: str) -> tuple[tuple[int, int], ...] | None:
    toponyms = rec.get("toponyms")
    if toponyms is None:
        return None
    text_len = len(rec["text"])
    needs = f'{source}: line {n}: each toponym needs integer "start" and "end"'
    if not isinstance(toponyms, list):
        raise GeomapError(f'{source}: line {n}: "toponyms" must be a list')
    spans = []
    for t in toponyms:
        start, end = (t.get("start"), t.get("end")) if isinstance(t, dict) else (None, None)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
            raise GeomapError(needs)
        if not 0 <= start < end <= text_len:
            raise GeomapError(f"{source}: line {n}: toponym span {_clip(start)}-{_clip(end)}"
                              f" is not inside the text ({text_len} characters)")  # fmt: skip
        spans.append((start, end))
    return tuple(spans)


def _clip(offset: int) -> str:
    """An offset as the message shows it: an absurd one is not printed in full."""
    return str(offset) if abs(offset) < 10**12 else ("-" if offset < 0 else "") + "huge"
