"""Place names used for something else than the place: modifiers and look-alikes.

Split from :mod:`geomap.geoparse.name_context` (names that contain a place name): here
the name stands alone but the words around it say it is not where anything is. It
modifies the next word ("Iran-backed", "English-speaking", "Fano militants", "Athens
Police Department": :mod:`geomap.geoparse.organisations`), names a people or a language
service ("African American", "BBC Burmese"), a time zone after a clock time ("20:01
Moscow time", "1:00 a.m. EST") or a bearing after a distance ("170km South East of").
"""

from __future__ import annotations

from geomap.feature_types import FEATURE_TYPES
from geomap.gazetteer.names import normalize
from geomap.geoparse.matches import RecognizerState, glued, spaced
from geomap.geoparse.organisations import organisation_end
from geomap.geoparse.tokens import Token

__all__ = ["PlaceModifiers"]

_COMMON_WORD_TOWN = 10_000
"""A town named by an ordinary word ("Concord Police") may name an organisation; a region
so named ("Maritime" in Togo) is only a word of the organisation's name."""
_HYPHENS = frozenset("-\u2010")
_CLOCK_MARKS = frozenset({"a.m.", "p.m.", "am", "pm", "a.m", "p.m", "hrs", "hours", "h"})
"""Words written after a clock time, before its time zone."""
_GROUP_NOUNS = frozenset(
    {"militants", "militia", "militias", "militiamen", "fighters", "rebels", "insurgents",
     "separatists", "jihadists", "guerrillas", "guerillas"}
)
"""Nouns of armed groups that a name before them ("Fano militants") names."""
_HOMELAND_TYPES = frozenset(t for t, row in FEATURE_TYPES.items()
                            if row.extent in ("country", "region") or row.admin_level == 2)
"""What an armed group is named after ("Papua separatists", "Tigray forces"): a country,
a region (:data:`geomap.feature_types.REGION_TYPES`) or a district, not a municipality,
a town or an island (whose name more likely is the group's own)."""
_DISTANCE_UNITS = frozenset({"km", "kms", "kilometres", "kilometers", "miles", "mi"})


class PlaceModifiers(RecognizerState):
    """Rules mixed into the recogniser (through ``NameContext``) that tell a place from
    a place name used as a modifier or a look-alike."""

    def _in_organisation(self, i: int, j: int) -> bool | None:
        """Whether the match i..j begins an organisation's name ("Athens Police
        Department", "New York Times"): None when it does not; True when the match is a
        place the organisation is named after (kept, as a modifier); False when it is an
        ordinary word of the name ("Maritime" in "UK Maritime Trade Operations")."""
        toks = self.tokens
        if organisation_end(toks, j, self.lex) is None:
            return None
        if j - i > 1 or self.lex.zipf(toks[i].text) < 3.0:
            return True
        norm = normalize(toks[i].text)
        entry = self._top(norm)
        return entry is not None and (
            entry.feature_type == "country"
            or (entry.feature_type == "city" and entry.population >= _COMMON_WORD_TOWN)
        )

    def _compound_modifier(self, j: int) -> bool:
        """Whether the match ending at ``j`` is the first half of an adjectival compound
        ("Iran-backed", "Britain-based", "U.S.-made")."""
        toks = self.tokens
        return (
            j + 1 < len(toks)
            and toks[j].text in _HYPHENS
            and glued(toks[j])
            and glued(toks[j + 1])
            and toks[j + 1].text.lower() in self.lex.compound_suffixes
        )

    def _language_compound(self, i: int) -> bool:
        """Whether the word at ``i`` is the language of a compound ("English-speaking",
        "French-language"): a tongue, not a place, whatever country it is named after."""
        toks = self.tokens
        return (
            i + 2 < len(toks)
            and toks[i + 1].text in _HYPHENS
            and glued(toks[i + 1])
            and glued(toks[i + 2])
            and toks[i + 2].text.lower() in self.lex.language_suffixes
        )

    def _group_after(self, j: int) -> bool:
        """Whether the match ending at ``j`` names an armed group: "Fano militants",
        "Amhara fighters" (a place is then its name, not where anything happened)."""
        toks = self.tokens
        return (j < len(toks) and spaced(toks[j])
                and toks[j].text.lower() in _GROUP_NOUNS)  # fmt: skip

    def _names_an_area(self, surface: str) -> bool:
        """Whether a place the name could be is a country or a region ("Papua
        separatists", "Tigray forces": named after the area they fight for)."""
        return any(e.feature_type in _HOMELAND_TYPES for e in self.index.lookup(normalize(surface)))

    def _clock_zone(self, i: int, j: int) -> bool:
        """Whether the match i..j names a time zone after a clock time ("at 20:01 Moscow
        time", "07:10 Cyprus time")."""
        toks = self.tokens
        if j >= len(toks) or toks[j].text != "time" or not spaced(toks[j]):
            return False
        return any(any(c.isdigit() for c in t.text) for t in toks[max(0, i - 3) : i])

    def _people_or_service(self, i: int) -> bool:
        """Whether the demonym at ``i`` names a people or a language service, not its
        country: a continent's demonym with another after it ("African American", "Asian
        Canadian": both words), or a demonym after an outlet's letters ("BBC Burmese",
        "VOA Somali"). "Iraqi Kurdish" keeps its country."""
        toks = self.tokens
        if not self._demonyms(normalize(toks[i].text)):
            return False
        prev = toks[i - 1] if i > 0 and spaced(toks[i]) else None
        nxt = toks[i + 1] if i + 1 < len(toks) and spaced(toks[i + 1]) else None
        if prev is not None and prev.upper and prev.text.lower() in self.lex.broadcasters:
            return True
        if nxt is not None and self._continent_demonym(toks[i]) and self._demonym_word(nxt):
            return True
        return prev is not None and self._continent_demonym(prev)

    def _demonym_word(self, tok: Token) -> bool:
        return tok.is_word and tok.cap and bool(self._demonyms(normalize(tok.text)))

    def _continent_demonym(self, tok: Token) -> bool:
        """ "African", "Asian", "European": the demonym of a continent."""
        if not self._demonym_word(tok):
            return False
        return any(e.feature_code == "CONT" for e in self._demonyms(normalize(tok.text)))

    def _zone_letters(self, i: int) -> bool:
        """Whether the capitals at ``i`` are a time zone after a clock time ("1:00 a.m.
        EST", "03:07 pm IST", "20:01 GMT"): letters that spell some place elsewhere."""
        toks = self.tokens
        if not toks[i].upper or not spaced(toks[i]) or i == 0:
            return False
        prev = toks[i - 1].text.lower()
        if prev in _CLOCK_MARKS:
            return i >= 2 and any(c.isdigit() for c in toks[i - 2].text)
        # "20:01 GMT"; never "March 30, 2009 NEWARK --", a dateline's year and town
        return prev.isdigit() and i >= 3 and toks[i - 2].text == ":"

    def _compass_offset(self, i: int, j: int) -> bool:
        """Whether the match i..j is a bearing after a distance ("170km South East of
        Galkayo", "20 miles North-West from"): a direction, not the region named so."""
        toks = self.tokens
        if j >= len(toks) or toks[j].text.lower() not in ("of", "from"):
            return False
        words = [t.text.lower() for t in toks[i:j] if t.is_word]
        if not words or any(w not in self.lex.directions for w in words):
            return False
        return any(
            any(c.isdigit() for c in t.text) or t.text.lower() in _DISTANCE_UNITS
            for t in toks[max(0, i - 3) : i]
        )
