"""What the recogniser's rule sets share: the match they build, the state they read.

Recognition (``recognize._Recognizer``) is one object made of rule sets, each in its own
module and each about one question: is this capitalised run a person's name
(``people``), a name that only contains a place (``name_context``), a name with its type
word (``unit_names``), a small place the article gives no reason to expect
(``village_context``)? They read the same tokens and marks, declared here once.
"""

from __future__ import annotations

from dataclasses import dataclass

from geomap.feature_types import OUTLINED_TYPES
from geomap.gazetteer.names import normalize
from geomap.geoparse.lexicon import Lexicon
from geomap.geoparse.name_index import NameIndex
from geomap.geoparse.tokens import Token
from geomap.records import GazetteerEntry

__all__ = ["MAJOR_TYPES", "Match", "RecognizerState", "glued", "joined", "spaced", "well_known"]

MAJOR_TYPES = OUTLINED_TYPES
"""Countries and first-level regions (:data:`geomap.feature_types.OUTLINED_TYPES`): a name
that may be one is read as a place on weaker evidence than a town's."""


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate span of tokens and the name it is looked up by."""

    start_tok: int
    end_tok: int  # exclusive
    name: str
    demonym: bool = False
    qualifier: str | None = None


def joined(tok: Token) -> bool:
    """Whether only plain spaces (or nothing) separate ``tok`` from the token before it."""
    return tok.gap_before in (" ", "")


def glued(tok: Token) -> bool:
    return tok.gap_before == ""


def spaced(tok: Token) -> bool:
    return tok.gap_before == " "


class RecognizerState:
    """The attributes and lookups every rule set reads; ``_Recognizer`` provides them."""

    text: str
    tokens: list[Token]
    index: NameIndex
    lex: Lexicon
    person: list[bool]
    """Words that belong to a name that is not a place (a person's, a storm's)."""
    person_names: set[str]
    skip_to: int
    """Where matching resumes after a rejected multi-word name."""
    caseless: bool

    def _top(self, norm: str) -> GazetteerEntry | None:
        found = self.index.lookup(norm, limit=1)
        return found[0] if found else None

    def _has_name(self, norm: str) -> bool:
        return self.index.has_name(norm)

    def _demonyms(self, norm: str) -> list[GazetteerEntry]:
        return self.index.demonym(norm)

    def _is_place_type(self, j: int) -> bool:
        """Whether token ``j`` is a type word ("County", "region") joined to the one before."""
        if j >= len(self.tokens):
            return False
        t = self.tokens[j]
        return t.is_word and joined(t) and t.text.lower() in self.lex.place_types

    def _multiword_place(self, i: int, j: int) -> bool:
        """Whether some prefix of tokens i..j (two words or more) is a gazetteer name."""
        for k in range(j, i + 1, -1):
            if self.index.has_name(
                normalize(self.text[self.tokens[i].start : self.tokens[k - 1].end])
            ):
                return True
        return False


def well_known(entry: GazetteerEntry, norm: str, population: int) -> bool:
    """A country or region, or a city of ``population``, named by its own name (not an
    alternate spelling of a famous place: "Parigi" is Paris only in Italian)."""
    if normalize(entry.name) != norm:
        return False
    return entry.feature_type in MAJOR_TYPES or entry.population >= population
