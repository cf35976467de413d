"""Acronyms an article defines: "the Federal Capital Territory (FCT), Abuja" makes every
"FCT" of the article that place, not the Islamabad Capital Territory the gazetteer also
abbreviates so. A definition is a resolved name followed by its initials in brackets;
the initials must be the first letters of the name's words ("Federal Capital
Territory" -> FCT), so "Kenya (AFP)" defines nothing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from geomap.records import Resolution

__all__ = ["defined_acronyms"]

_BRACKETED = re.compile(r"\s*\(\s*([A-Z]{2,6})\s*\)")
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "al", "el"})


def defined_acronyms(text: str, resolutions: Sequence[Resolution]) -> list[Resolution]:
    """``resolutions`` with every mention of an acronym the article defines after a
    resolved name placed where that name is."""
    defined: dict[str, Resolution] = {}
    for r in resolutions:
        if r.entry is None:
            continue
        bracket = _BRACKETED.match(text, r.mention.end)
        if bracket is not None and bracket.group(1) == _initials(r.mention.text):
            defined.setdefault(bracket.group(1), r)
    if not defined:
        return list(resolutions)
    out = []
    for r in resolutions:
        source = defined.get(r.mention.text)
        if source is not None and source is not r and r.entry is not source.entry:
            r = replace(r, entry=source.entry, score=max(r.score, source.score), near=None)
        out.append(r)
    return out


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _SMALL_WORDS]
    return "".join(w[0] for w in words).upper()
