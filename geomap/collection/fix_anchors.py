"""How a fix on an incident follows its incident through a re-parse.

An incident's ids are hashes of what the parser decided, so a newer parser can give
the same words another id. A fix therefore keeps an *anchor* per report it covered,
in terms no parse changes: the article's content hash and the incident's evidence
span, with the report's own id, place and type as tie-breakers. When the article is
parsed again, each anchor moves to the new report that matches it best.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from geomap.collection.fix_index import FixIndex
from geomap.collection.fixes import Fix

__all__ = ["anchor", "best_report", "reanchor"]


def anchor(content_hash: str, report: dict[str, Any], key: str) -> dict[str, Any]:
    """Where one report of a corrected incident is, in words no parse changes."""
    return {"article": content_hash, "start": report.get("evidence_start"),
            "end": report.get("evidence_end"), "report": report.get("incident_id"),
            "place_id": report.get("place_id"), "event_type": report.get("event_type"),
            "key": key}  # fmt: skip


def best_report(mark: dict[str, Any],
                reports: Sequence[tuple[str, dict[str, Any]]]) -> str | None:  # fmt: skip
    """The key of the report (``(key, properties)``, from one parse of the anchor's
    article) that is the anchored incident: the same report id, else the same evidence
    span, else the most overlapping span; place and type break ties.  None when no
    report's evidence overlaps the anchor's."""
    start, end = mark.get("start"), mark.get("end")
    best: tuple[Any, ...] | None = None
    found = None
    for key, props in reports:
        same_id = props.get("incident_id") == mark.get("report")
        s, e = props.get("evidence_start"), props.get("evidence_end")
        overlap = 0
        if None not in (start, end, s, e):
            overlap = max(0, min(end, e) - max(start, s))
        if not same_id and not overlap:
            continue
        score = (same_id, (s, e) == (start, end), props.get("place_id") == mark.get("place_id"),
                 props.get("event_type") == mark.get("event_type"), overlap)
        if best is None or score > best:
            best, found = score, key
    return found


def reanchor(fixes: FixIndex, content_hash: str,
             reports: Sequence[tuple[str, dict[str, Any]]]) -> list[Fix]:  # fmt: skip
    """The fixes whose anchors in the article ``content_hash`` moved, with their new
    keys, after the article was parsed again into ``reports`` (``(key, properties)``)."""
    moved = []
    for fix in fixes.fixes:
        if fix.layer != "incidents" or not any(a["article"] == content_hash
                                               for a in fix.anchors):  # fmt: skip
            continue
        anchors = []
        for mark in fix.anchors:
            if mark["article"] == content_hash:
                mark = {**mark, "key": best_report(mark, reports)}
            anchors.append(mark)
        if anchors != fix.anchors:
            moved.append(dataclasses.replace(fix, anchors=anchors))
    return moved
