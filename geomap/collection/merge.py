"""Merging what several articles say about one place, incident or area into one row.

Pure functions over the per-article rows (JSON properties with the article that
reported them, oldest report first), so the merged layers can always be derived
again from the reports: after an article is added, re-parsed or removed, only the
keys it touched are merged anew.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from geomap.collection.parse import merged_incident_id

__all__ = ["Report", "merge_area", "merge_incident", "merge_place"]

MAX_SENTENCES = 20
"""Sentences kept per merged place: enough for a popup, bounded for a busy place."""
_COUNT_FIELDS = ("fatalities", "injured", "people_affected", "structures_affected",
                 "weapons_count", "radius_m")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Report:
    """One article's row for a key."""

    article_id: str
    props: dict[str, Any]
    geom: bytes | None


def _unique(values: Sequence[Any]) -> list[Any]:
    seen: list[Any] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def merge_place(reports: Sequence[Report]) -> tuple[dict[str, Any], bytes | None]:
    """One place: mentions summed over articles, each article listed once."""
    first = reports[0]
    props = dict(first.props)
    props["mentions"] = sum(int(r.props.get("mentions") or 0) for r in reports)
    sentences = _unique([s for r in reports for s in r.props.get("sentences") or []])
    props["sentences"] = sentences[:MAX_SENTENCES]
    props["score"] = max(float(r.props.get("score") or 0.0) for r in reports)
    props["counts"] = _unique([c for r in reports for c in r.props.get("counts") or []])
    props["dates"] = sorted({d for r in reports for d in r.props.get("dates") or []})
    props["articles"] = _unique([r.article_id for r in reports])
    props["n_articles"] = len(props["articles"])
    return props, first.geom


def merge_incident(key: str, reports: Sequence[Report]) -> tuple[dict[str, Any], bytes | None]:
    """One incident however many articles report it; every report stays a source.

    A figure is the highest any report states (later reports usually revise tolls
    upward); the date range spans every report's range, at the best precision stated.
    """
    first = reports[0]
    props = dict(first.props)
    props["incident_id"] = merged_incident_id(key)
    props["merge_key"] = key
    qualifiers = dict(props.get("qualifiers") or {})
    for name in _COUNT_FIELDS:
        stated = [r for r in reports if r.props.get(name) is not None]
        if not stated:
            continue
        best = max(stated, key=lambda r, n=name: r.props[n])
        props[name] = best.props[name]
        qualifier = (best.props.get("qualifiers") or {}).get(name)
        if qualifier:
            qualifiers[name] = qualifier
        else:
            qualifiers.pop(name, None)
    props["qualifiers"] = qualifiers
    ends = [r.props["date_end"] for r in reports if r.props.get("date_end")]
    props["date_end"] = max(ends) if ends else None
    precisions = [r.props["date_precision"] for r in reports if r.props.get("date_precision")]
    props["date_precision"] = min(precisions) if precisions else None
    if any(r.props.get("temporal_status") == "new" for r in reports):
        props["temporal_status"] = "new"
    for name in ("actors", "mediators", "counts", "support"):
        props[name] = _unique([v for r in reports for v in r.props.get(name) or []])
    sources = _unique(
        [
            {
                "title": r.props.get("source_title"),
                "url": r.props.get("source_url"),
                "date": r.props.get("source_date"),
                "article_id": r.article_id,
            }
            for r in reports
        ]
    )
    props["sources"] = sources
    props["n_sources"] = len(sources)
    props["articles"] = _unique([r.article_id for r in reports])
    props["report_ids"] = [r.props["incident_id"] for r in reports]
    return props, first.geom


def merge_area(reports: Sequence[Report]) -> tuple[dict[str, Any], bytes | None]:
    """One radius around one place, listing every article that states it."""
    first = reports[0]
    props = dict(first.props)
    props["incident_id"] = next(
        (r.props["incident_id"] for r in reports if r.props.get("incident_id")), None
    )
    props["articles"] = _unique([r.article_id for r in reports])
    props["n_articles"] = len(props["articles"])
    return props, first.geom
