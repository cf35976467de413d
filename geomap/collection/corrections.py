"""The part of a collection's store that keeps fixes: record, drop, follow a re-parse.

:class:`Corrections` is a base of :class:`~geomap.collection.store.Store`: it resolves
the id an analyst gave to merged rows, stores the fix with its anchors, and merges the
rows it touches again. Storage itself (the ``geomap_fixes`` table) is each store's,
through the few abstract methods at the end.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from geomap.collection.fix_anchors import anchor, reanchor
from geomap.collection.fix_index import FixIndex
from geomap.collection.fixes import Change, Fix, id_kind, now, type_value
from geomap.collection.parse import merged_incident_id
from geomap.collection.schema import KEYS, text_cell
from geomap.errors import GeomapError

if TYPE_CHECKING:
    from geomap.collection.parse import ArticleResult

__all__ = ["Corrections"]


class Corrections(ABC):
    """What :class:`~geomap.collection.store.Store` does with fixes: record, drop, follow
    a re-parsed article.  The storage primitives are each store's (``_fix_rows``...);
    the rest (``_write``, ``_reports``, ``_remerge``...) are the store's own."""

    label: str
    name: str
    _guard: Any
    _write: Any
    _reports: Any
    _remerge: Any
    _touch: Any
    start_writing: Any

    _fixes: FixIndex = FixIndex()
    """The stored fixes, read at the start of each write (and check)."""

    def fixes(self) -> list[Fix]:
        """Every stored correction, oldest first."""
        with self._guard():
            return self._load_fixes().fixes

    def _load_fixes(self) -> FixIndex:
        return FixIndex(Fix.from_row(row) for row in self._fix_rows())

    def record_fix(self, target: str, change: Change) -> Fix:
        """Attach ``change`` to the incident or place ``target`` (an id as ``list`` and
        exports show it) and correct its merged rows now; a fix of the same kind on the
        same row is replaced."""
        self.start_writing()
        with self._guard(), self._write():
            self._fixes = self._load_fixes()
            layer, keys = self._resolve(target)
            value = change.value
            if change.kind == "type" and "type" in value:
                value = type_value(layer, value["type"])
            if layer == "incidents":
                reports = self._reports(layer, sorted(keys))
                hashes = self._article_hashes(sorted({r.article_id for rs in reports.values()
                                                      for r in rs}))  # fmt: skip
                marks = [anchor(hashes[r.article_id], r.props, key)
                         for key, rs in reports.items() for r in rs]  # fmt: skip
                marks += [{"article": None, "key": k} for k in keys if k not in reports]
            else:
                marks = [{"key": k} for k in sorted(keys)]
            fix = Fix(0, layer, target, change.kind, value, marks, now())
            replaced = [f for f in self._fixes.fixes
                        if f.layer == layer and f.kind == fix.kind and f.keys & fix.keys]
            self._delete_fixes([f.fix_id for f in replaced])
            fix = dataclasses.replace(fix, fix_id=self._insert_fix(fix.row()))
            self._refresh([fix, *replaced])
        return fix

    def undo_fixes(self, target: str) -> list[Fix]:
        """Drop every fix on ``target`` (what it was given as, or the row it resolves
        to): its rows are merged again as the parser made them."""
        self.start_writing()
        with self._guard(), self._write():
            self._fixes = self._load_fixes()
            mine = [f for f in self._fixes.fixes if f.target == target]
            if not mine:
                layer, keys = self._resolve(target)
                mine = [f for f in self._fixes.fixes if f.layer == layer and f.keys & keys]
            self._delete_fixes([f.fix_id for f in mine])
            self._refresh(mine)
        return mine

    def _refresh(self, changed: list[Fix]) -> None:
        """Merge again the rows ``changed`` fixes touch (a place's incidents with it)."""
        self._fixes = self._load_fixes()
        touched: dict[str, set[str]] = {layer: set() for layer in KEYS}
        for fix in changed:
            touched[fix.layer] |= fix.keys
            if fix.layer == "places":  # its incidents, and any placed by a fix of their own
                for place_id in fix.keys:
                    touched["incidents"] |= set(self._find_keys("incidents", "place_id",
                                                                place_id))  # fmt: skip
                touched["incidents"] |= {k for f in self._fixes.fixes
                                         if f.layer == "incidents" for k in f.keys}  # fmt: skip
        for layer, keys in touched.items():
            self._remerge(layer, sorted(keys))
        self._touch()

    def _resolve(self, target: str) -> tuple[str, set[str]]:
        """The layer and merged keys ``target`` names (a removed row through its fix)."""
        kind = id_kind(target)
        if kind == "merged":
            layer = "incidents"
            keys = set(self._find_keys(layer, "incident_id", target))
            keys |= {k for f in self._fixes.fixes if f.layer == layer for k in f.keys
                     if merged_incident_id(k) == target}  # fmt: skip
        elif kind == "report":
            layer, keys = "incidents", set(self._report_keys_of(target))
        else:
            layer = "places"
            keys = set(self._find_keys(layer, "place_id", target))
            keys |= {k for f in self._fixes.fixes if f.layer == layer for k in f.keys
                     if k == target}  # fmt: skip
        if not keys:
            what = "incident" if layer == "incidents" else "incident or place"
            raise GeomapError(f"{self.label}: no {what} {target!r} (geomap list {self.name} "
                              "--incidents shows incident ids; exports show place ids)")
        return layer, keys

    def _follow_fixes(self, digest: str, result: ArticleResult,
                      remerge: dict[str, set[str]]) -> None:  # fmt: skip
        """A re-parsed article's incidents take the fixes anchored in it."""
        reports = [(text_cell(key), props) for key, props, _ in result.incidents]
        moved = reanchor(self._fixes, digest, reports)
        for fix in moved:
            self._update_fix_anchors(fix.fix_id, fix.row()[4])
            remerge["incidents"] |= fix.keys
        if moved:
            self._fixes = self._load_fixes()

    @abstractmethod
    def _fix_rows(self) -> list[tuple[Any, ...]]:
        """Every row of ``geomap_fixes`` (:data:`~geomap.collection.fixes.FIX_COLUMNS`),
        oldest first."""

    @abstractmethod
    def _insert_fix(self, cells: list[Any]) -> int:
        """A new fix (its cells after ``fix_id``); its id."""

    @abstractmethod
    def _delete_fixes(self, fix_ids: list[int]) -> None: ...

    @abstractmethod
    def _update_fix_anchors(self, fix_id: int, anchors: str) -> None: ...

    @abstractmethod
    def _find_keys(self, layer: str, column: str, value: str) -> list[str]:
        """Keys of the merged rows whose ``column`` is ``value``."""

    @abstractmethod
    def _report_keys_of(self, report_id: str) -> list[str]:
        """Keys of the incident reports whose own id (one article's) is ``report_id``."""

    @abstractmethod
    def _article_hashes(self, article_ids: Sequence[str]) -> dict[str, str]:
        """article id -> content hash."""
