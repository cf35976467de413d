"""Names with their type word: "Laurel County", "Kupiansk district", "Donetska, Kharkivska
and Sumska oblasts", "the town of Bucha".

A type word after a name says what kind of place it is. Where the gazetteer holds the
name together with the word ("Kupiansk district" is a name of Kupianskyi Raion, "Duk
County" of the county, "Donetska oblast" of Donetsk Oblast), the mention is looked up
by that longer name, so it resolves to the unit and not to the town it is named after.

Spans follow the news-corpus convention: a capitalised type word is part of the name
("Duk County", "Belgorod Oblast"); a lower-case one is a qualifier outside the span
("Idlib province" -> "Idlib"), and the mention's name carries it when the gazetteer
knows the pair. A plural type word after a list gives each name of the list its
singular ("Donetska, Kharkivska and Sumska oblasts": three oblasts).
"""

from __future__ import annotations

import re

from geomap.gazetteer.names import normalize
from geomap.geoparse.lexicon import PlaceType
from geomap.geoparse.matches import Match, RecognizerState, joined, spaced

__all__ = ["UnitNames"]

_QUALIFIER_LEAD = frozenset(
    ["port", "capital", "border", "coastal", "seaside", "resort", "frontline"]
)
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)$")
_FUNCTION_WORDS = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "of", "and", "or",
     "but", "for", "to", "from", "by", "with", "as", "our", "their", "his", "her", "its", "my",
     "your", "we", "they", "he", "she", "it", "if", "when", "while", "after", "before", "new",
     "old"]
)  # fmt: skip
_UNIT_ADJECTIVES = frozenset({"tribal", "border", "hill", "mountainous", "remote", "coastal",
                              "restive", "frontier"})
"""Words news puts between a unit's name and its type word: "X tribal district"."""
_LIST_JOINERS = frozenset([",", "and", "or", "&"])
_LIST_ITEMS = 8
"""Most names a list before one plural type word is read across."""
_ITEM_WORDS = 3


class UnitNames(RecognizerState):
    """Rules mixed into the recogniser for type words after (or before) a name."""

    def _run_end(self, i: int) -> int: ...  # provided by the recogniser

    # ------------------------------------------------------------ the pair is a name

    def _unit_match(self, i: int) -> Match | None:
        """ "Kupiansk district", "Kaduna state", "Pokrovska hromada": the capitalised run
        from ``i`` and the type word after it (or after the list the run begins) form a
        name the gazetteer holds. The span is the run; the name is the pair."""
        toks = self.tokens
        if not toks[i].cap or self.person[i]:
            return None
        j = self._run_end(i)
        if j - 1 > i and self._plural_type(toks[j - 1].text):
            j -= 1  # "Sumska Oblasts": the run ends before its plural type word
        if j >= len(toks) or True in self.person[i:j]:
            return None
        lone = toks[i].text.lower()
        if j - i == 1 and (lone in self.lex.directions or lone in self.lex.generic_words):
            return None  # "Central district", "Northern region": no name of their own
        found = self._type_after(j)
        if found is None:
            return None
        word, ptype = found
        surface = self.text[toks[i].start : toks[j - 1].end]
        if normalize(surface) in self.lex.not_places:
            return None
        name = f"{surface} {word}"
        if not self._has_name(normalize(name)):
            return None
        return Match(i, j, name, qualifier=ptype.qualifier)

    def _type_after(self, j: int) -> tuple[str, PlaceType] | None:
        """The type word (singular) that applies to a name ending before token ``j``: a
        lower-case one right after it, or a plural one ending the list the name is in."""
        toks = self.tokens
        tok = toks[j]
        if tok.text in _UNIT_ADJECTIVES and j + 1 < len(toks) and joined(tok):
            after = toks[j + 1]  # "South Waziristan tribal district"
            found = self.lex.singular_type(after.text) if after.is_word and joined(after) else None
            if found is not None and not after.cap and found[0] == after.text.lower():
                return found
        single = self.lex.singular_type(tok.text) if tok.is_word and joined(tok) else None
        if single is not None:
            if not tok.cap or single[0] != tok.text.lower():
                return single  # "district", or "Oblasts" after the last of a list
            return None
        if tok.text.lower() not in _LIST_JOINERS and not (tok.is_word and tok.cap):
            return None  # no list starts here (the loop below would say so more slowly)
        k = j
        for _ in range(_LIST_ITEMS):
            while k < len(toks) and toks[k].text.lower() in _LIST_JOINERS:
                k += 1  # ", ", " and ", ", and "
            start = k
            while k < len(toks) and k - start < _ITEM_WORDS and toks[k].is_word and toks[k].cap:
                if k > start and (not joined(toks[k]) or self._plural_type(toks[k].text)):
                    break
                k += 1
            if k == start or k >= len(toks):
                return None
            tok = toks[k]
            if tok.is_word and joined(tok):
                plural = self.lex.singular_type(tok.text)
                if plural is not None and plural[0] != tok.text.lower():
                    return plural
            if tok.text.lower() not in _LIST_JOINERS:
                return None
        return None

    def _plural_type(self, word: str) -> bool:
        single = self.lex.singular_type(word)
        return single is not None and single[0] != word.lower()

    # ------------------------------------------------------------ the word beside a match

    def _with_type_word(self, m: Match) -> Match:
        """Take in a following "County" (span) or "region" / "province" (qualifier)."""
        j = m.end_tok
        if not self._is_place_type(j):
            return m
        tok = self.tokens[j]
        ptype = self.lex.place_types[tok.text.lower()]
        if tok.cap and ptype.in_span:
            longer = self.text[self.tokens[m.start_tok].start : tok.end]
            # the whole "Laurel County" is the name; resolution falls back to "Laurel"
            return Match(m.start_tok, j + 1, longer, qualifier=ptype.qualifier)
        if tok.cap and self._has_name(normalize(f"{m.name} {tok.text}")):
            return m  # "Kansas City" is its own name, found as the longer match
        return Match(m.start_tok, m.end_tok, m.name, qualifier=ptype.qualifier)

    def _suffix_match(self, i: int) -> Match | None:
        """Capitalised words before a capitalised type word: "Licking County", "Darby
        Street", "Neches River", whether or not the gazetteer knows them."""
        toks = self.tokens
        first = toks[i]
        if not first.cap or first.text.lower() in _FUNCTION_WORDS or self.person[i]:
            return None
        j = i
        while j < len(toks) and j - i < 3:
            t = toks[j]
            if j > i and not joined(t):
                return None
            if j > i and self._is_place_type(j):
                break
            if not t.is_word or self.person[j] or not (t.cap or _ORDINAL.match(t.text)):
                return None
            j += 1
        if j == i or not self._is_place_type(j) or not toks[j].cap:
            return None
        ptype = self.lex.place_types[toks[j].text.lower()]
        if not ptype.in_span:
            return None
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if nxt is not None and nxt.cap and spaced(nxt) and nxt.text.lower() in self.lex.org_heads:
            return None  # "Narayanganj Sadar River Police": an organisation's name
        surface = self.text[first.start : toks[j].end]
        if normalize(self.text[first.start : toks[j - 1].end]) in self.lex.not_places:
            return None
        return Match(i, j + 1, surface, qualifier=ptype.qualifier)

    def _qualifier_before(self, i: int) -> str | None:
        """ "the port city of Mariupol" -> "port city"; "the town of Bucha" -> "town"."""
        toks = self.tokens
        k = i - 1
        if k < 1 or toks[k].text.lower() != "of" or not joined(toks[i]):
            return None
        kind = toks[k - 1]
        word = kind.text.lower()
        if not kind.is_word or word not in self.lex.place_types:
            return None
        lead = toks[k - 2] if k >= 2 else None
        if lead is not None and lead.is_word and lead.text.lower() in _QUALIFIER_LEAD:
            return f"{lead.text.lower()} {word}"
        if (lead is not None and lead.is_word and lead.cap and joined(kind)
                and lead.text.lower() not in _FUNCTION_WORDS):  # fmt: skip
            return None  # "the Kupiansk district of Kharkiv Oblast": the district is Kupiansk
        return self.lex.place_types[word].qualifier
