"""Merging what several articles say about one place, incident or area into one row.

A merged row is a fold over the articles that report its key, oldest first: it
starts from the first report and takes in each article's reports in turn
(:func:`merge_article`).  Adding an article therefore costs only its own rows: its
reports are folded into the stored merged row, whatever number of articles that
row already sums up.  Removing an article (to parse it again) folds the remaining
reports anew (:func:`merge`); ``geomap list --check`` does the same for every key
and compares, so the stored rows always equal a fold of their reports.

Every count is exact however many articles report a key (``mentions``,
``n_articles``, ``n_sources``, each figure's maximum), but the lists a row carries
for reading (its sources, articles, report ids, actors, counts, supporting
sentences) keep the first :data:`MAX_LISTED` entries: a feed of 10,000 reports of
one event does not make one cell of 10,000 sources, rewritten on every add.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from geomap.collection.parse import merged_incident_id

__all__ = ["MAX_LISTED", "MAX_SENTENCES", "Report", "merge", "merge_article"]

MAX_SENTENCES = 20
"""Sentences kept per merged place: enough for a popup, bounded for a busy place."""
MAX_LISTED = 50
"""Entries kept in each list of a merged row (the earliest); counts stay exact."""
_COUNT_FIELDS = ("fatalities", "injured", "people_affected", "structures_affected",
                 "weapons_count", "radius_m")  # fmt: skip
_INCIDENT_LISTS = ("actors", "mediators", "counts", "support")


@dataclass(frozen=True, slots=True)
class Report:
    """One article's row for a key."""

    article_id: str
    props: dict[str, Any]
    geom: bytes | None


def merge(layer: str, key: str, reports: Sequence[Report]) -> tuple[dict[str, Any], bytes | None]:
    """The merged row of ``key`` from all its reports, oldest article first (an article's
    reports together)."""
    first = reports[0]
    props = _START[layer](key, first.props)
    for _, group in _by_article(reports):
        _FOLD[layer](props, list(group))
    return props, first.geom


def merge_article(layer: str, merged: dict[str, Any],
                  reports: Sequence[Report]) -> dict[str, Any]:  # fmt: skip
    """``merged`` (a stored merged row's properties) with one more article's reports
    folded in: the same row :func:`merge` makes from all reports."""
    props = {k: list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v
             for k, v in merged.items()}  # fmt: skip
    _FOLD[layer](props, list(reports))
    return props


def _by_article(reports: Sequence[Report]) -> Iterator[tuple[str, Iterator[Report]]]:
    return groupby(reports, key=lambda r: r.article_id)


def _extend(kept: list[Any], values: Sequence[Any] | None, limit: int = MAX_LISTED) -> None:
    """Append the values not yet kept, while fewer than ``limit`` are: the first
    ``limit`` distinct values, whether taken in all at once or one article at a time."""
    for value in values or []:
        if len(kept) >= limit:
            return
        if value not in kept:
            kept.append(value)


def _count_article(props: dict[str, Any], article_id: str, count: str | None) -> None:
    """Each article is folded in once per key (its id is unique in the collection)."""
    if len(props["articles"]) < MAX_LISTED:
        props["articles"].append(article_id)
    if count:
        props[count] = (props.get(count) or 0) + 1


# ------------------------------------------------------------------------- places


def _start_place(key: str, first: dict[str, Any]) -> dict[str, Any]:
    return {**first, "place_id": key, "mentions": 0, "sentences": [], "score": None,
            "counts": [], "dates": [], "articles": [], "n_articles": 0}  # fmt: skip


def _fold_place(props: dict[str, Any], reports: list[Report]) -> None:
    """Mentions summed, the best score, dates as a sorted set, each article listed once."""
    for report in reports:
        r = report.props
        props["mentions"] = (props["mentions"] or 0) + int(r.get("mentions") or 0)
        _extend(props["sentences"], r.get("sentences"), MAX_SENTENCES)
        score = float(r.get("score") or 0.0)
        props["score"] = score if props["score"] is None else max(props["score"], score)
        _extend(props["counts"], r.get("counts"))
        props["dates"] = sorted({*props["dates"], *(r.get("dates") or [])})
    _count_article(props, reports[0].article_id, "n_articles")


# ---------------------------------------------------------------------- incidents


def _start_incident(key: str, first: dict[str, Any]) -> dict[str, Any]:
    props = {**first, "incident_id": merged_incident_id(key), "merge_key": key,
             "qualifiers": dict(first.get("qualifiers") or {}), "date_end": None,
             "date_precision": None, "sources": [], "n_sources": 0, "articles": [],
             "report_ids": []}  # fmt: skip
    for name in _COUNT_FIELDS:
        props[name] = None
    for name in _INCIDENT_LISTS:
        props[name] = []
    return props


def _fold_incident(props: dict[str, Any], reports: list[Report]) -> None:
    """One incident however many articles report it.

    A figure is the highest any report states (later reports usually revise tolls
    upward; the earliest of equal figures keeps its qualifier); the date range spans
    every report's range, at the best precision stated.
    """
    qualifiers = props["qualifiers"]
    sources: list[dict[str, Any]] = []
    for report in reports:
        r = report.props
        for name in _COUNT_FIELDS:
            value = r.get(name)
            if value is not None and (props[name] is None or value > props[name]):
                props[name] = value
                qualifier = (r.get("qualifiers") or {}).get(name)
                if qualifier:
                    qualifiers[name] = qualifier
                else:
                    qualifiers.pop(name, None)
        end = r.get("date_end")
        if end and (props["date_end"] is None or end > props["date_end"]):
            props["date_end"] = end
        precision = r.get("date_precision")
        if precision and (props["date_precision"] is None or precision < props["date_precision"]):
            props["date_precision"] = precision
        if r.get("temporal_status") == "new":
            props["temporal_status"] = "new"
        for name in _INCIDENT_LISTS:
            _extend(props[name], r.get(name))
        _extend(sources, [{"title": r.get("source_title"), "url": r.get("source_url"),
                           "date": r.get("source_date"), "article_id": report.article_id}])
        if len(props["report_ids"]) < MAX_LISTED:
            props["report_ids"].append(r["incident_id"])
    _extend(props["sources"], sources)
    props["n_sources"] = (props["n_sources"] or 0) + len(sources)
    _count_article(props, reports[0].article_id, None)


# -------------------------------------------------------------------------- areas


def _start_area(key: str, first: dict[str, Any]) -> dict[str, Any]:
    return {**first, "area_id": key, "incident_id": None, "articles": [], "n_articles": 0}


def _fold_area(props: dict[str, Any], reports: list[Report]) -> None:
    """One radius around one place: the first incident it belongs to, every article."""
    for report in reports:
        if props["incident_id"] is None and report.props.get("incident_id"):
            props["incident_id"] = report.props["incident_id"]
    _count_article(props, reports[0].article_id, "n_articles")


_START: dict[str, Callable[[str, dict[str, Any]], dict[str, Any]]] = {
    "places": _start_place, "incidents": _start_incident, "areas": _start_area,
}  # fmt: skip
_FOLD: dict[str, Callable[[dict[str, Any], list[Report]], None]] = {
    "places": _fold_place, "incidents": _fold_incident, "areas": _fold_area,
}  # fmt: skip
