"""Units whose name joins two names with "and": "Jammu and Kashmir", "Trinidad and
Tobago", "Turks and Caicos Islands", "Saint Vincent and the Grenadines".

A capitalised run ends at "and" (``recognize._Recognizer._run_end``): "Alberta and
Manitoba" are two places, and so, read that way, were "Jammu and Kashmir" (the city of
Jammu and Natural Earth's Kashmir) and "Trinidad and Tobago" (Tobago alone). Where the
whole "A and B" is the name of a country, region or district the gazetteer holds, it is
that unit: a span the size of the unit's name, looked up as that name. A town of such a
name ("Town and Country", Missouri) is not taken so: "A and B" in running text far more
often lists two names than names one town.
"""

from __future__ import annotations

from geomap.gazetteer.names import normalize
from geomap.geoparse.candidates import unit_level
from geomap.geoparse.matches import Match, RecognizerState, spaced
from geomap.geoparse.short_words import spelled_out

__all__ = ["JoinedNames"]

_UNIT_LEVELS = frozenset({0, 1, 2, 3})
"""Countries, regions, districts, municipalities: the units "A and B" may name."""


class JoinedNames(RecognizerState):
    """The rule mixed into the recogniser for units named "A and B"."""

    def _run_end(self, i: int) -> int: ...  # provided by the recogniser
    def _accept_name(self, i: int, j: int, norm: str, *, variant: bool = False) -> bool: ...

    def _second_name(self, i: int) -> tuple[int, int] | None:
        """(start, end) of the name after the run from ``i`` and its "and" (and "the"),
        when the run is followed so; else None."""
        toks = self.tokens
        end = self._run_end(i)
        if end + 1 >= len(toks) or toks[end].text != "and" or not spaced(toks[end]):
            return None
        k = end + 1
        if toks[k].text == "the" and k + 1 < len(toks) and spaced(toks[k + 1]):
            k += 1
        nxt = toks[k]
        if not (nxt.is_word and nxt.cap and spaced(nxt)) or self.person[k]:
            return None
        return k, self._run_end(k)

    def joined_runs(self, i: int) -> list[str]:
        """The "A and B" names from token ``i`` (for the index to be asked about at once)."""
        second = self._second_name(i)
        if second is None:
            return []
        toks = self.tokens
        start = toks[i].start
        return [normalize(self.text[start : toks[j - 1].end])
                for j in range(second[1], second[0], -1) if toks[j - 1].cap]  # fmt: skip

    def _joined_unit(self, i: int) -> Match | None:
        """The unit named "A and B" from token ``i``, when the gazetteer holds one and the
        sentence reads it as a place."""
        second = self._second_name(i)
        if second is None:
            return None
        toks = self.tokens
        start = toks[i].start
        for j in range(second[1], second[0], -1):
            if not toks[j - 1].cap:
                continue
            surface = self.text[start : toks[j - 1].end]
            norm = normalize(surface)
            if not self.index.has_name(norm):
                full = spelled_out(norm, surface)  # "St Vincent and the Grenadines"
                if full is None or not self.index.has_name(full[0]):
                    continue
                surface, norm = full[1], full[0]
            entry = self._top(norm)
            if entry is None or unit_level(entry) not in _UNIT_LEVELS:
                return None
            return Match(i, j, surface) if self._accept_name(i, j, norm) else None
        return None
