"""What recognition asks the gazetteer, and a per-process memo of the answers.

Recognition probes every n-gram of every article, and articles ask about the same
words, so the answers of the index are kept for the process (bounded). An index that can
answer many names at once (``GazetteerIndex``: :class:`BatchNameIndex`) is asked about an
article's word runs (and the places of those that are names) in one query before
recognition reads them one by one, and a word that is no demonym is known to
be none without a query.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar, runtime_checkable

from geomap.gazetteer.schema import Candidate
from geomap.records import GazetteerEntry

__all__ = ["BatchNameIndex", "NameIndex", "derived_answers", "memo", "prefetch"]


class NameIndex(Protocol):
    """What recognition needs from the gazetteer (``GazetteerIndex`` provides it)."""

    def has_name(self, normalized: str) -> bool: ...
    def name_kinds(self, normalized: str) -> frozenset[str]: ...
    def lookup(self, name: str, *, limit: int | None = None) -> list[GazetteerEntry]: ...
    def demonym(self, normalized: str) -> list[GazetteerEntry]: ...
    def candidates(self, name: str) -> list[Candidate]: ...
    def joined_names(self, key: str) -> tuple[str, ...]: ...


@runtime_checkable
class BatchNameIndex(Protocol):
    """An index that answers many names in one query (``GazetteerIndex`` does)."""

    def names_kinds(
        self, normalized: Iterable[str], *, with_places: bool = False
    ) -> dict[str, frozenset[str]]: ...
    def demonym_names(self) -> frozenset[str]: ...


_T = TypeVar("_T")
_NO_KINDS: frozenset[str] = frozenset()


class _MemoIndex:
    """Answers of the index kept for the process: articles ask about the same words."""

    MAX_KEYS = 500_000

    def __init__(self, index: NameIndex) -> None:
        self._index = index
        self._has: dict[str, bool] = {}
        self._kinds: dict[str, frozenset[str]] = {}
        self._demonyms: dict[str, list[GazetteerEntry]] = {}
        self._top: dict[str, list[GazetteerEntry]] = {}
        self._all: dict[str, list[GazetteerEntry]] = {}
        self._candidates: dict[str, list[Candidate]] = {}
        self._joined: dict[str, tuple[str, ...]] = {}
        self._batch = index if isinstance(index, BatchNameIndex) else None
        self._demonym_names = self._batch.demonym_names() if self._batch is not None else None
        self.derived: dict[str, dict[str, object]] = {}
        """Answers recognition derives from the index's, by question: they never change
        while the index is open either (see :func:`derived_answers`)."""

    def prefetch(self, normalized: Iterable[str]) -> None:
        """Learn in one query which of these names any place is called, so the
        ``has_name`` and ``name_kinds`` asked of them later need no query each, nor the
        ``lookup`` and ``candidates`` of those that are names."""
        if self._batch is None:
            return
        missing = sorted(set(normalized).difference(self._kinds))
        if not missing:
            return
        if len(self._kinds) + len(missing) > self.MAX_KEYS:
            self._kinds.clear()
            self._has.clear()
        found = self._batch.names_kinds(missing, with_places=True)
        # every name none, then the few thousand found: tens of thousands of names a
        # batch, stored at C speed
        self._kinds.update(dict.fromkeys(missing, _NO_KINDS))
        self._kinds.update(found)
        self._has.update(dict.fromkeys(missing, False))
        self._has.update({norm: bool(kinds) for norm, kinds in found.items()})

    # each answer is read from its store first, inline: recognition asks tens of
    # thousands of times an article batch, and almost always for a name it has asked

    def has_name(self, normalized: str) -> bool:
        found = self._has.get(normalized)
        if found is None:
            found = _remember(self._has, normalized, self._index.has_name, self.MAX_KEYS)
        return found

    def name_kinds(self, normalized: str) -> frozenset[str]:
        found = self._kinds.get(normalized)
        if found is None:
            found = _remember(self._kinds, normalized, self._index.name_kinds, self.MAX_KEYS)
        return found

    def demonym(self, normalized: str) -> list[GazetteerEntry]:
        if self._demonym_names is not None and normalized not in self._demonym_names:
            return []
        return _remember(self._demonyms, normalized, self._index.demonym, self.MAX_KEYS)

    def candidates(self, name: str) -> list[Candidate]:
        found = self._candidates.get(name)
        if found is None:
            found = _remember(self._candidates, name, self._index.candidates,
                              self.MAX_KEYS // 10)  # fmt: skip
        return found

    def joined_names(self, key: str) -> tuple[str, ...]:
        found = self._joined.get(key)
        if found is None:
            found = _remember(self._joined, key, self._index.joined_names, self.MAX_KEYS)
        return found

    def lookup(self, name: str, *, limit: int | None = None) -> list[GazetteerEntry]:
        if limit == 1:
            found = self._top.get(name)
            if found is None:
                found = _remember(self._top, name, self._top_one, self.MAX_KEYS)
            return found
        if limit is None:
            found = self._all.get(name)
            if found is None:
                found = _remember(self._all, name, self._index.lookup, self.MAX_KEYS // 10)
            return found
        return self._index.lookup(name, limit=limit)

    def _top_one(self, name: str) -> list[GazetteerEntry]:
        return self._index.lookup(name, limit=1)


def _remember(
    store: dict[str, _T], key: str, compute: Callable[[str], _T], limit: int
) -> _T:
    """``store[key]``, computed once; the store is emptied when it grows past ``limit``."""
    found = store.get(key)
    if found is None:
        if len(store) > limit:
            store.clear()
        found = store[key] = compute(key)
    return found


_MEMOS: weakref.WeakKeyDictionary[object, _MemoIndex] = weakref.WeakKeyDictionary()


def memo(index: NameIndex) -> NameIndex:
    """The process's memo over ``index`` (the index itself when it cannot be weakly kept)."""
    if isinstance(index, _MemoIndex):
        return index
    try:
        found = _MEMOS.get(index)
        if found is None:
            found = _MEMOS[index] = _MemoIndex(index)
    except TypeError:  # not weak-referenceable: no memo
        return index
    return found


def derived_answers(index: NameIndex, question: str) -> dict[str, object]:
    """The process's store of answers to ``question`` derived from ``index``'s answers
    (by normalised name), kept as long as the index's own (emptied when it grows past
    the same bound); a fresh store for an index no memo keeps."""
    if not isinstance(index, _MemoIndex):
        return {}
    store = index.derived.get(question)
    if store is None or len(store) > _MemoIndex.MAX_KEYS:
        store = index.derived[question] = {}
    return store


def prefetch(index: NameIndex, normalized: Iterable[str]) -> None:
    """Ask ``index`` (a memo from :func:`memo`) about all these names at once, where it can."""
    if isinstance(index, _MemoIndex):
        index.prefetch(normalized)
