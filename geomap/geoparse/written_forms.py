"""How a name is written: in lower case, in capital letters, as a demonym, abbreviated.

Rules mixed into the recogniser (``recognize._Recognizer``) for names whose written form
decides whether they read as places: "kyiv" written carelessly, "US" and "EU" by their
letters (but "IN" in a headline is a word), "Ukrainian" for Ukraine, "Ky." after a town.
"""

from __future__ import annotations

from geomap.feature_types import NATURAL_TYPES
from geomap.gazetteer.names import normalize
from geomap.geoparse.matches import MAJOR_TYPES, RecognizerState
from geomap.geoparse.tokens import Token
from geomap.records import GazetteerEntry

__all__ = ["SMALL_PLACE", "WrittenForms", "prominent"]

_BIG_BY_LETTERS = 10_000_000
"""An entity this populous is known by its letters too ("EU")."""
SMALL_PLACE = 100_000
"""A place smaller than this is a small one: a one-word name of it needs more than
capitals to be a place, and a natural feature counts as well known below this bar."""


_ENGLISH_SHARE = 0.5
"""Share of an article's lower-case words common in English that makes it English."""
_PROSE_WORDS = 20
"""Fewer lower-case words than this say nothing of the language: taken for English."""


class WrittenForms(RecognizerState):
    """Rules for a name's written form."""

    def _prev_word(self, i: int) -> Token | None: ...  # provided by the recogniser

    def _accept_lowercase(self, i: int, j: int, norm: str, zipfs: list[float]) -> bool:
        """A lower-case name: in a text written all in lower case, or a well-known place
        written carelessly ("kyiv"); never an ordinary English word."""
        if max(zipfs) >= 3.0 or len(norm) < 4:
            return False
        entry = self._top(norm)
        if entry is None:
            return False
        if not self.tokens[i].trusted_case:  # a caseless text: names are as usual
            return prominent(entry, 10_000)
        if not self._english_prose():
            return False  # "la reunión", "para el": words of another language
        return prominent(entry, 500_000) and normalize(entry.name) == norm

    def _english_prose(self) -> bool:
        """Whether the article's lower-case words are English: in another language's
        text a lower-case word that English does not know ("para", "reunión",
        "nacional") is an ordinary word there, not a place written carelessly. English
        news has 0.83 or more of its lower-case words common in English (LGL, TR-News
        and the real reports), a Spanish report 0.16."""
        known = getattr(self, "_english_known", None)
        if known is None:
            zipf = self.lex.zipf
            words = [t.text for t in self.tokens if t.is_word and not t.cap
                     and t.trusted_case and t.text.isalpha()]  # fmt: skip
            known = len(words) < _PROSE_WORDS or (
                sum(zipf(w) >= 3.0 for w in words) >= _ENGLISH_SHARE * len(words)
            )
            self._english_known = known
        return known

    def _accept_acronym(self, norm: str, *, trusted: bool) -> bool:
        """ "US", "UK", "UAE", "EU": countries, regions and unions by their letters; "IN" or
        "ME" in a headline are words."""
        if not trusted and self.lex.zipf(norm) >= 3.0:
            return False
        entry = self._top(norm)
        return entry is not None and (
            entry.feature_type in MAJOR_TYPES or entry.population >= _BIG_BY_LETTERS
        )

    def _accept_demonym(self, i: int, j: int) -> bool:
        """A capitalised demonym, unless it opens a sentence as a common word would
        ("Polish the ..."); before a title it is the country's ("French President
        Macron said", "Dutch Prime Minister")."""
        words = self.tokens[i:j]
        if not words[0].cap or any(self.person[k] for k in range(i, j)):
            return False
        if not all(w.text.isascii() for w in words):
            return False  # "Germán" is a given name; English writes "German" unaccented
        if words[0].trusted_case or self.lex.zipf(words[0].text) < 5.0:
            return True
        nxt = self.tokens[j] if j < len(self.tokens) else None
        return nxt is not None and nxt.cap and nxt.text.lower() in self.lex.titles

    def _abbreviation_ok(self, i: int) -> bool:
        """ "Ky." after "Paris," or "in"; dotted ones ("N.J.", "U.S.") anywhere."""
        tok = self.tokens[i]
        if tok.text.count(".") >= 2:
            return True
        if i > 0 and self.tokens[i - 1].text == ",":
            return True
        prev = self._prev_word(i)
        return prev is not None and prev.text.lower() in {"in", "of", "from", "near", "to"}


def prominent(entry: GazetteerEntry, population: int) -> bool:
    """Well known enough: a country, region or capital, a natural feature (when the bar
    is not set for big cities), or a city of at least ``population``."""
    if entry.feature_type in MAJOR_TYPES or (entry.feature_code or "").startswith("PPLC"):
        return True
    if entry.feature_type in NATURAL_TYPES:
        return population <= SMALL_PLACE
    return entry.population >= population
