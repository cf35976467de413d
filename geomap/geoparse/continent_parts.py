"""A direction before a continent, an ocean or a demonym: "South Asia", "East Africa",
"South Pacific", "South American"; and an ocean named as a modifier ("the Pacific coast").

Split from :mod:`geomap.geoparse.name_context`: these rules make one region's name out
of two words (the span the direction and the name, the place the part the gazetteer
holds, else the continent or ocean itself), where the others keep or drop a match.
"""

from __future__ import annotations

from geomap.gazetteer.names import normalize
from geomap.geoparse.matches import Match, RecognizerState, joined, spaced
from geomap.records import GazetteerEntry

__all__ = ["ContinentParts"]

_NOT_NOUNS = frozenset(
    ["and", "or", "but", "in", "on", "at", "of", "to", "from", "by", "with", "for", "as",
     "is", "was", "were", "are", "has", "had", "have", "will", "would", "where", "which",
     "that", "who", "since", "during", "after", "before", "near", "off", "into"]
)  # fmt: skip
"""Words after an ocean's name that leave it a place, not a modifier of the next word."""
_LEADS = frozenset({"the", "a", "an", "in", "on", "at", "of", "to", "from", "across", "into"})
"""Words that may stand capitalised before a name without being part of it."""
_WHOLE_REGIONS = frozenset({"CONT", "OCN"})
"""GeoNames codes of the places a direction word divides into named regions."""


class ContinentParts(RecognizerState):
    """Rules mixed into the recogniser (through ``NameContext``) for the parts of
    continents and oceans a direction word names."""

    def _part_of_continent(self, i: int) -> Match | None:
        """A direction before a continent or an ocean ("South Asia", "East Africa", "South
        Pacific"): one region's name, the span the direction and the name, the place the
        part the gazetteer holds ("South Pacific Ocean"), else the continent or ocean
        itself (it holds no "South Asia"). A pair the gazetteer
        knows ("Central Africa", "North America"), a country after the direction ("South
        Sudan", "Northern Nigeria") or a longer capitalised run is left to the others."""
        toks = self.tokens
        if i + 1 >= len(toks) or toks[i].text.lower() not in self.lex.directions:
            return None
        nxt = toks[i + 1]
        if not (nxt.is_word and nxt.cap and spaced(nxt)):
            return None
        after = toks[i + 2] if i + 2 < len(toks) else None
        if after is not None and after.is_word and after.cap and joined(after):
            return None  # "South Pacific Forum": a longer name
        if self._has_name(normalize(f"{toks[i].text} {nxt.text}")):
            return None
        entry = self._top(normalize(nxt.text))
        if entry is None or entry.country_code or entry.feature_code not in _WHOLE_REGIONS:
            return None
        part = f"{toks[i].text} {entry.name}"  # "South Pacific Ocean": a part it holds
        name = part if self._has_name(normalize(part)) else nxt.text
        return Match(i, i + 2, name, demonym=self._ocean_modifies(i + 2, entry))

    def _ocean_modifies(self, j: int, entry: GazetteerEntry) -> bool:
        """Whether the ocean named before token ``j`` modifies the noun there ("the
        Pacific coast", "a South Pacific nation"): a modifier, as a demonym is ("an
        Iran-backed militia"), so no incident is placed at sea; "in the Pacific and"
        is the ocean itself."""
        toks = self.tokens
        if entry.feature_code != "OCN" or j >= len(toks):
            return False
        nxt = toks[j]
        return (nxt.is_word and spaced(nxt) and not nxt.cap
                and nxt.text.lower() not in _NOT_NOUNS)  # fmt: skip

    def _ocean_by_short_name(self, i: int, entry: GazetteerEntry) -> bool:
        """ "the Pacific coast", "a Pacific nation": an ocean by the word news writes for
        it, an ordinary English word otherwise; not a word of a longer name ("Union
        Pacific", "Pacific Decadal Oscillation")."""
        toks = self.tokens
        if entry.feature_code != "OCN" or entry.country_code:
            return False
        prev = toks[i - 1] if i > 0 and spaced(toks[i]) else None
        nxt = toks[i + 1] if i + 1 < len(toks) and spaced(toks[i + 1]) else None
        before = prev is not None and prev.cap and prev.text.lower() not in _LEADS
        return not (before or (nxt is not None and nxt.is_word and nxt.cap))

    def _region_demonym(self, i: int) -> tuple[int, str] | bool | None:
        """A direction before a demonym: "South American" is South America when the
        gazetteer knows it; never the country of the bare demonym ("American")."""
        toks = self.tokens
        if not toks[i].cap or toks[i].text.lower() not in self.lex.directions:
            return None
        if i + 1 >= len(toks):
            return None
        nxt = toks[i + 1]
        if not (nxt.is_word and nxt.cap and spaced(nxt)) or not self._demonyms(
            normalize(nxt.text)
        ):
            return None
        for j in range(min(len(toks), i + 5), i + 2, -1):
            longer = self.text[toks[i].start : toks[j - 1].end]
            if toks[j - 1].cap and self._has_name(normalize(longer)):
                return None  # "Central African Republic": a longer name, not the region
        word = nxt.text
        for stem in (word[:-1], word[:-2], word[:-2] + "e", word[:-3]):
            name = f"{toks[i].text} {stem}"
            if len(stem) > 2 and self._has_name(normalize(name)):
                return i + 2, name
        self.skip_to = max(self.skip_to, i + 2)
        return False
