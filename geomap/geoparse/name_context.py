"""What the words around a gazetteer name say about it: names that contain a place name
without naming the place.

A gazetteer match is not yet a place. "Haram" in "Boko Haram", "Moe" in "Moe Tarr Lay",
"Shabab" in "al-Shabab", "Hurricane" and "Otis" in "Hurricane Otis", "Hassan" in a byline
and "Haq" after "spokesperson" are parts of the names of groups, villages, storms and
people. These rules read the sentence, not lists of cases: capitalised runs, what ends
them, role nouns before them, hyphens and articles around them. The word lists they use
are data (``geomap/geoparse/data``). Two rule sets are mixed in: places used as modifiers
of something else ("Iran" in "Iran-backed", "United States" in "United States Geological
Survey": :mod:`geomap.geoparse.place_modifiers`), and the regions a direction word makes
of continents, oceans and demonyms ("South Asia": :mod:`geomap.geoparse.continent_parts`).
"""

from __future__ import annotations

from geomap.gazetteer.names import normalize
from geomap.geoparse.continent_parts import ContinentParts
from geomap.geoparse.matches import glued, spaced, well_known
from geomap.geoparse.place_modifiers import PlaceModifiers
from geomap.geoparse.unknown_names import name_prefixes
from geomap.records import GazetteerEntry

__all__ = ["NameContext"]

_WELL_KNOWN_CITY = 1_000_000
"""A city this populous stays a place inside a longer capitalised name ("Paris Walmart")."""
_KNOWN_NEIGHBOUR = 100_000
"""A neighbouring name this well known is a place of its own ("Greenville Texas")."""
_RUN_WORDS = 3
_HAMLET = 1_000
_HYPHENS = frozenset("-\u2010")
_STOP = frozenset(
    ["the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "from", "by", "with",
     "as", "is", "was", "were", "be", "this", "that"]
)  # fmt: skip
_ARABIC_PARTICLES = frozenset(["al", "el", "ash", "az", "ez", "ibn", "bin", "bani", "beni",
                               "abu", "umm"])
"""Lower-case Arabic particles inside names; not those that are English words ("Texas at
Austin", "Queens as Brooklyn")."""
_POSITION_WORDS = frozenset(["centre", "center", "central", "nord", "sud", "est", "ouest",
                             "north", "south", "east", "west", "haut", "haute", "bas", "basse",
                             "upper", "lower", "moyen"])  # fmt: skip
_SETTLEMENT_WORDS = frozenset(["village", "town", "hamlet", "settlement", "township", "camp",
                               "locality", "community", "commune"])
_PLACE_PREPOSITIONS = frozenset(["in", "of", "at", "near", "from", "to", "outside"])
_SPEECH = frozenset(
    ["said", "says", "told", "added", "reported", "according", "stated", "wrote", "tweeted",
     "confirmed"]
)  # fmt: skip


class NameContext(PlaceModifiers, ContinentParts):
    """Rules mixed into the recogniser (``recognize._Recognizer``) that tell a place from
    a name containing it."""

    def _capitalised_run(self, i: int) -> int: ...  # provided by people

    def _article_match(self, i: int) -> tuple[int, str] | bool | None:
        """ "al-Bab", "el-Fasher": a name after the Arabic article. Returns (end, name)
        for a place the gazetteer knows with its article (as "al" or "el"), ``None`` when
        ``i`` is no article, and False when the name is not a place ("al-Shabab")."""
        toks = self.tokens
        tok = toks[i]
        if (
            tok.text.lower() not in self.lex.arabic_articles
            or i + 2 >= len(toks)
            or toks[i + 1].text not in _HYPHENS
            or not (glued(toks[i + 1]) and glued(toks[i + 2]))
            or not (toks[i + 2].is_word and toks[i + 2].cap)
        ):
            return None
        if i > 0 and glued(tok) and toks[i - 1].text in _HYPHENS:
            return False  # "Manzoor-ul-Hassan": inside a person's name
        run_end = self._capitalised_run(i + 2)
        for j in range(run_end, i + 2, -1):
            rest = self.text[toks[i + 2].start : toks[j - 1].end]
            for article in (tok.text, "al", "el"):
                name = f"{article} {rest}"
                if self._has_name(normalize(name)):
                    surface = self.text[tok.start : toks[j - 1].end]
                    return j, surface if article == tok.text else name
        bare = normalize(toks[i + 2].text)
        entry = self._top(bare)
        if entry is not None and well_known(entry, bare, _KNOWN_NEIGHBOUR):
            return i + 3, toks[i + 2].text  # "al-Raqqa" where the index spells "Raqqa"
        self.skip_to = max(self.skip_to, run_end)
        return False

    def _after_article(self, i: int) -> bool:
        """Whether ``i`` follows an Arabic article and a hyphen ("al-" + name)."""
        toks = self.tokens
        return (
            i >= 2
            and toks[i - 1].text in _HYPHENS
            and glued(toks[i - 1])
            and glued(toks[i])
            and toks[i - 2].text.lower() in self.lex.arabic_articles
        )

    def _generic_alone(self, i: int, j: int) -> bool:
        """A landform or facility word ("Gulf", "Wadi", "centre") or a direction before a
        name ("Northeastern Libya") standing for a place: only where the text says so
        ("Centre, Cameroon", "the town of Wadi")."""
        if j - i != 1:
            return False
        word = self.tokens[i].text.lower()
        toks = self.tokens
        if word in self.lex.directions:
            nxt = toks[j] if j < len(toks) else None
            return nxt is not None and nxt.is_word and nxt.cap and spaced(nxt)
        if word not in self.lex.generic_words:
            return False
        said_so = (
            j + 1 < len(toks)
            and toks[j].text == ","
            and toks[j + 1].is_word
            and toks[j + 1].cap
            and self._has_name(normalize(toks[j + 1].text))
        )
        named_so = i >= 2 and toks[i - 1].text.lower() == "of" and self._is_place_type(i - 2)
        return not (said_so or named_so)

    def _acronym_not_place(self, i: int, j: int) -> bool:
        """An all-capital word in mixed-case text, mid-line and followed by a word ("SANA
        reported", "FARS news agency", "AMOS GUMULIRA"): an outlet's or a person's name.
        Datelines ("DAMASCUS, Syria", "KABUL. -") are followed by punctuation."""
        toks = self.tokens
        words = toks[i:j]
        if self.caseless or not all(w.upper for w in words):
            return False
        if sum(c.isalpha() for w in words for c in w.text) < 4:
            return False
        if i == 0 or "\n" in toks[i].gap_before:
            return False
        line_start = self.text.rfind("\n", 0, words[0].start) + 1
        line_end = self.text.find("\n", words[0].end) % (len(self.text) + 1)
        if not any(c.islower() for c in self.text[line_start:line_end]):
            return False  # a headline in capitals
        return j < len(toks) and toks[j].is_word and spaced(toks[j])

    def _part_of_longer_name(self, i: int, j: int, entry: GazetteerEntry, norm: str) -> bool:
        """Whether the match i..j is one word of a longer proper name the gazetteer does
        not know: "Boko Haram", "Moe Tarr Lay", "Serhan Aktoprak", "Aung San Suu Kyi".

        A capitalised neighbour joined by a space is part of the same name unless it is
        an ordinary English word ("Huntsville High", "Tana Delta"), an acronym, a title, a
        type, direction or organisation word, a demonym, or a well-known place itself
        ("Paris Texas"). A country, a region or a city of a million keeps its reading."""
        toks = self.tokens
        if i > 0 and spaced(toks[i]) and toks[i - 1].cap and self._name_prefix(i - 1):
            return True  # "Puerto Jordán", "Kafr Hamra": no Jordan, no Hamra
        if well_known(entry, norm, _WELL_KNOWN_CITY):
            return False
        if any(t.upper for t in toks[i:j]):
            return False
        if any(self.lex.zipf(t.text) >= 3.0 for t in toks[i:j]):
            # an ordinary word: the common-word rules judge it, unless it ends a name
            # ("Tana Delta", "Kalka Mail", "Georgia Power")
            return j - i == 1 and toks[i].trusted_case and self._after_proper_name(i)
        left = []
        k = i - 1
        while k >= 0 and len(left) < _RUN_WORDS and spaced(toks[k + 1]) and self._name_part(k):
            left.append(k)
            k -= 1
        right = []
        k = j
        while k < len(toks) and len(right) < _RUN_WORDS and spaced(toks[k]):
            if not self._name_part(k):
                break
            right.append(k)
            k += 1
        if not (left or right):
            return self._settlement_name_tail(i) or self._after_arabic_particle(i)
        if self._after_preposition(i) and entry.population >= _KNOWN_NEIGHBOUR:
            return False  # "the mayor of Marka Abdullahi Waafow": a town, then a name
        if right and right[-1] + 1 < len(toks) and self._org_head(right[-1] + 1):
            return False  # "Hunt Valley Fire Department": an organisation, see below
        surname = toks[right[-1]] if right else toks[j - 1]
        first = toks[left[-1]] if left else toks[i]
        if first.trusted_case and self._given_name(first.text):
            self.person_names.add(normalize(surname.text))  # "Serhan Aktoprak ... Aktoprak"
        return True

    def _name_prefix(self, k: int) -> bool:
        """Whether token ``k`` is a word that begins place names ("Puerto", "Kafr")."""
        return self.tokens[k].text.lower() in name_prefixes()

    def _direction_compound(self, i: int, j: int) -> bool:
        """"Centre-Nord", "Haut-Uele": a name after a word of position and a hyphen is part
        of one region's name, not the place the part names (a compound the gazetteer
        knows, "Nord-Kivu", is matched whole before its parts)."""
        toks = self.tokens

        def joins(h: int, word: int) -> bool:
            return (0 <= word < len(toks) and toks[h].text in _HYPHENS and glued(toks[h])
                    and glued(toks[h + 1]) and toks[word].text.lower() in _POSITION_WORDS)

        return i >= 2 and joins(i - 1, i - 2)  # ("Calgary-North West" names Calgary)

    def _after_arabic_particle(self, i: int) -> bool:
        """"Maarat al Numan", "Jisr al Shughur", "Deir ez Zor": a name after a capitalised
        word and an Arabic particle is the end of one longer name, not a place of its own."""
        toks = self.tokens
        return (
            i >= 2
            and spaced(toks[i])
            and toks[i - 1].text in _ARABIC_PARTICLES
            and spaced(toks[i - 1])
            and toks[i - 2].is_word
            and toks[i - 2].cap
            and not self._hard_stop(i - 2)
        )

    def _settlement_name_tail(self, i: int) -> bool:
        """"the village of Let Yet Kone": after "village of", capitalised words that would
        be ordinary English in lower case are the first words of the village's name, so
        "Kone" alone is not the place."""
        toks = self.tokens
        k = i - 1
        words = 0
        while k >= 0 and words < _RUN_WORDS and spaced(toks[k + 1]):
            tok = toks[k]
            if not (tok.is_word and tok.cap and tok.trusted_case) or self._hard_stop(k):
                break
            words += 1
            k -= 1
        if not words or k < 1:
            return False
        return (toks[k].text.lower() == "of"
                and toks[k - 1].text.lower() in _SETTLEMENT_WORDS)  # fmt: skip

    def _after_proper_name(self, i: int) -> bool:
        """Whether a capitalised proper word (not an ordinary word, acronym, title or
        demonym) comes right before ``i``."""
        toks = self.tokens
        if i == 0 or not spaced(toks[i]):
            return False
        prev = toks[i - 1]
        if not (prev.is_word and prev.cap) or prev.text[:2].isupper() or self._hard_stop(i - 1):
            return False
        norm = normalize(prev.text)
        return (
            bool(norm)
            and self.lex.zipf(prev.text) < 3.0
            and norm not in self.lex.not_places
            and not self._demonyms(norm)
        )

    def _after_preposition(self, i: int) -> bool:
        prev = self.tokens[i - 1] if i > 0 else None
        return prev is not None and prev.text.lower() in _PLACE_PREPOSITIONS

    def _given_name(self, word: str) -> bool:
        """Whether ``word`` reads as a person's first name: a known one that is no town
        of any size ("Omar", not "Alton"), or a word the gazetteer does not know."""
        entry = self._top(normalize(word))
        if entry is None:
            return True
        return word in self.lex.first_names and entry.population < _HAMLET

    def _org_head(self, k: int) -> bool:
        tok = self.tokens[k]
        return tok.is_word and spaced(tok) and tok.text.lower() in self.lex.org_heads

    def _hard_stop(self, k: int) -> bool:
        """A word that ends a capitalised name run (titles, types, function words)."""
        word = self.tokens[k].text.rstrip(".").lower()
        return (
            word in _STOP
            or word in self.lex.titles
            or word in self.lex.role_nouns
            or word in self.lex.directions
            or word in _SPEECH
            or self._is_place_type(k)
        )

    def _name_part(self, k: int) -> bool:
        """Whether the word ``k`` is a capitalised proper name that is no known place
        (not an ordinary word, an acronym, a title, a type or direction word...)."""
        tok = self.tokens[k]
        word = tok.text
        if not (tok.is_word and tok.cap) or word[:2].isupper() or self._hard_stop(k):
            return False
        if any(c.isdigit() for c in word):
            return False
        norm = normalize(word)
        lex = self.lex
        lower = word.lower()
        if (
            not norm
            or lex.zipf(word) >= 3.0
            or norm in lex.not_places
            or lower in lex.org_heads
            or lower in lex.storm_words
            or word in lex.abbreviations
            or self._demonyms(norm)
        ):
            return False
        entry = self._top(norm)
        return entry is None or not well_known(entry, norm, _KNOWN_NEIGHBOUR)
