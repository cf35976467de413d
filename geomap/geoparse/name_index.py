"""What recognition asks the gazetteer, and a per-process memo of the answers.

Recognition probes every n-gram of every article, and articles ask about the same
words, so the answers of the index are kept for the process (bounded).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Protocol, TypeVar

from geomap.gazetteer.schema import Candidate
from geomap.records import GazetteerEntry

__all__ = ["NameIndex", "memo"]


class NameIndex(Protocol):
    """What recognition needs from the gazetteer (``GazetteerIndex`` provides it)."""

    def has_name(self, normalized: str) -> bool: ...
    def name_kinds(self, normalized: str) -> frozenset[str]: ...
    def lookup(self, name: str, *, limit: int | None = None) -> list[GazetteerEntry]: ...
    def demonym(self, normalized: str) -> list[GazetteerEntry]: ...
    def candidates(self, name: str) -> list[Candidate]: ...


_T = TypeVar("_T")


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

    def has_name(self, normalized: str) -> bool:
        return _remember(self._has, normalized, self._index.has_name, self.MAX_KEYS)

    def name_kinds(self, normalized: str) -> frozenset[str]:
        return _remember(self._kinds, normalized, self._index.name_kinds, self.MAX_KEYS)

    def demonym(self, normalized: str) -> list[GazetteerEntry]:
        return _remember(self._demonyms, normalized, self._index.demonym, self.MAX_KEYS)

    def candidates(self, name: str) -> list[Candidate]:
        return _remember(self._candidates, name, self._index.candidates, self.MAX_KEYS // 10)

    def lookup(self, name: str, *, limit: int | None = None) -> list[GazetteerEntry]:
        if limit == 1:
            return _remember(
                self._top, name, lambda n: self._index.lookup(n, limit=1), self.MAX_KEYS
            )
        if limit is None:
            return _remember(self._all, name, self._index.lookup, self.MAX_KEYS // 10)
        return self._index.lookup(name, limit=limit)


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
