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

A type word written in several words, with dots or in capitals ("local government
area", "L.G.A.", "LGA": ``data/type_phrases.tsv``) stays outside the span in any case
("Tsafe Local Government Area" -> "Tsafe"). A unit the gazetteer does not hold under
the word written is looked for under the words it writes after every second- and
third-level unit's name: "Adavi LGA" is "Adavi Local Government Area", "Kalat tehsil"
would be "Kalat District" (never a town: only a unit of a level the word names counts).
"""

from __future__ import annotations

import re

from geomap.feature_types import DISTRICT_TYPES
from geomap.gazetteer.names import normalize
from geomap.geoparse.lexicon import PlaceType
from geomap.geoparse.matches import Match, RecognizerState, joined, spaced

__all__ = ["GAZETTEER_UNIT_WORDS", "UnitNames", "unit_names"]

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
GAZETTEER_UNIT_WORDS = {"admin2": "district", "admin3": "municipality"}
"""The word the gazetteer writes after every admin-2 and admin-3 unit's name besides its
own ("Kanam District" for Kanam Local Government Area; see ``build_wof``)."""
_LAKE_WORDS = 2
"""Most words of a lake's or a mountain's name after "Lake" or "Mount"."""
_LEAD_WORDS = {"Lake": "lake", "Mount": None}
"""Words written before a name that are part of it, and the qualifier they give it (the
gazetteer has no mountains: "Mount Marapi" is a place with no type to look for)."""
_PHRASE_TOKENS = 3
"""Most tokens of a type phrase ("local government area")."""


def unit_names(surface: str, word: str, ptype: PlaceType) -> list[str]:
    """The names a unit written ``surface`` + ``word`` may bear in the gazetteer: as
    written, with the type's own word ("Adavi LGA" -> "Adavi local government area"),
    then, for a word naming admin-2 or admin-3 units, under the gazetteer's word for
    every unit of that level ("Adavi district"; a commune, admin-3, is never looked up
    as a district)."""
    words = [word, ptype.qualifier]
    words += [w for level, w in GAZETTEER_UNIT_WORDS.items() if level in ptype.feature_types]
    return [f"{surface} {w}" for w in dict.fromkeys(words)]


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
        starts = self.lex.type_phrase_starts
        for k in range(i + 1, j):  # "X Local Govt...": the run ends before a type phrase
            if toks[k].text.lower() in starts and self._type_phrase(k):
                j = k
                break
        if j >= len(toks) or True in self.person[i:j]:
            return None
        lone = toks[i].text.lower()
        if j - i == 1 and lone in self.lex.directions:
            self._hold_direction_region(i)  # "the West region" of Cameroon: maybe a name
            return None  # "Central district", "Northern region": no name of their own
        if j - i == 1 and lone in self.lex.generic_words:
            return None
        found = self._type_after(j)
        if found is None:
            return self._unit_after_type(i, j)
        word, ptype = found
        surface = self.text[toks[i].start : toks[j - 1].end]
        if normalize(surface) in self.lex.not_places:
            return None
        name = self._unit_name(surface, word, ptype)
        if name is None:
            return None
        return Match(i, j, name, qualifier=ptype.qualifier)

    def _hold_direction_region(self, i: int) -> None:
        """ "the West region", "the Northern region": a capitalised direction mid-sentence
        before a lower-case first-level unit word is the name of such a unit in some
        countries (Cameroon's West, Ghana's Northern), held until the article names the
        country (``VillageContext._supported``); "the northern region" is no name."""
        toks = self.tokens
        tok = toks[i]
        if not tok.trusted_case or i + 1 >= len(toks):
            return
        word = toks[i + 1]
        ptype = self.lex.place_types.get(word.text)  # lower case only
        if not (word.is_word and spaced(word)) or ptype is None:
            return
        if "admin1" not in ptype.feature_types:
            return
        name = f"{tok.text} {word.text}"
        if not self._has_name(normalize(name)):
            name = tok.text
        self._hold(Match(i, i + 1, name, qualifier=ptype.qualifier))

    def _unit_name(self, surface: str, word: str, ptype: PlaceType) -> str | None:
        """The first of ``unit_names`` the gazetteer holds: the pair as written, or else
        another of the unit's names that an admin-2 or admin-3 unit bears."""
        names = unit_names(surface, word, ptype)
        if self._has_name(normalize(names[0])):
            return names[0]
        levels = DISTRICT_TYPES & set(ptype.feature_types)
        for name in names[1:]:
            norm = normalize(name)
            if self._has_name(norm) and any(
                c.entry.feature_type in levels for c in self.index.candidates(norm)
            ):
                return name
        return None

    def _type_phrase(self, k: int) -> tuple[str, int] | None:
        """The type word written from token ``k`` in several words, with dots or in
        capitals ("local government area", "L.G.A.", "LGA"), and its number of tokens."""
        toks = self.tokens
        if k >= len(toks) or toks[k].text.lower() not in self.lex.type_phrase_starts:
            return None
        words = []
        for t in toks[k : k + _PHRASE_TOKENS]:
            if not t.is_word or not joined(t):
                break
            words.append(t.text.lower())
        for n in range(len(words), 0, -1):
            word = self.lex.type_phrases.get(tuple(words[:n]))
            if word is not None:
                return word, n
        return None

    def _phrase_outside(self, unit: Match, longer: Match) -> bool:
        """Whether ``longer`` is ``unit`` with the type phrase written after it ("Tsafe
        Local Government Area"): the phrase stays outside the span."""
        phrase = self._type_phrase(unit.end_tok)
        return (phrase is not None and longer.start_tok == unit.start_tok
                and longer.end_tok == unit.end_tok + phrase[1])  # fmt: skip

    def _unit_after_type(self, i: int, j: int) -> Match | None:
        """ "the territory of Beni", "the district of Kandahar": a district-level type
        word written before the name ("the province of X" names the province by itself);
        the longest name from ``i`` before ``j`` the gazetteer holds as that unit."""
        toks = self.tokens
        if i < 3 or toks[i - 1].text.lower() != "of" or toks[i - 3].text.lower() != "the":
            return None
        found = None if toks[i - 2].cap else self.lex.singular_type(toks[i - 2].text)
        if (found is None or found[0] != toks[i - 2].text.lower()
                or not DISTRICT_TYPES & set(found[1].feature_types)):
            return None  # "the municipalities of A, B and C": towns (see town_units)
        word, ptype = found
        for k in range(min(j, i + _ITEM_WORDS), i, -1):
            surface = self.text[toks[i].start : toks[k - 1].end]
            name = self._unit_name(surface, word, ptype)
            if name is not None:
                return Match(i, k, name, qualifier=ptype.qualifier)
        return None

    def _type_after(self, j: int) -> tuple[str, PlaceType] | None:
        """The type word (singular) that applies to a name ending before token ``j``: a
        lower-case one right after it, or a plural one ending the list the name is in."""
        toks = self.tokens
        tok = toks[j]
        phrase = self._type_phrase(j)
        if phrase is not None:
            return self.lex.singular_type(phrase[0])  # "Local Government Area", "LGAs"
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
                if k > start and (not joined(toks[k]) or self._plural_type(toks[k].text)
                                  or self._type_phrase(k)):
                    break
                k += 1
            if k == start or k >= len(toks):
                return None
            tok = toks[k]
            phrase = self._type_phrase(k)
            if phrase is not None and self._plural_type(phrase[0]):
                return self.lex.singular_type(phrase[0])  # "Rijau and Munya LGAs"
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
        phrase = self._type_phrase(j)
        if phrase is not None:  # "Munya local government area": a qualifier in any case
            found = self.lex.singular_type(phrase[0])
            if found is not None:
                return Match(m.start_tok, m.end_tok, m.name, qualifier=found[1].qualifier)
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

    def _word_outside(self, m: Match) -> Match:
        """ "Kogi State", "Marib Governorate": a name the gazetteer holds with a type word
        news keeps outside the span (``PlaceType.outside_always``) is the name alone, with
        the word as its qualifier, when the name alone is a name of the same unit; the
        match keeps the pair as its name, so it resolves to the unit as before. "Niger
        State" stays whole: "Niger" alone is first the country."""
        toks = self.tokens
        last = m.end_tok - 1
        if m.demonym or last <= m.start_tok or not toks[last].cap:
            return m
        ptype = self.lex.place_types.get(toks[last].text.lower())
        if ptype is None or not ptype.outside_always:
            return m
        head = normalize(self.text[toks[m.start_tok].start : toks[last - 1].end])
        unit = self._top(normalize(m.name))
        found = self.index.candidates(head) if head else []
        if (unit is None or not found or found[0].entry.feature_type == "country"
                or all(c.entry.id != unit.id for c in found)):  # fmt: skip
            return m
        return Match(m.start_tok, last, m.name, qualifier=ptype.qualifier)

    def _lake_before(self, i: int) -> Match | None:
        """ "Lake Chapala", "Lake Lanier", "Mount Marapi": "Lake" or "Mount" written before
        a name is part of it (the corpora mark the whole), a lake or a mountain whether or
        not the gazetteer knows it; a run the gazetteer knows whole ("Lake Forest", "Mount
        Vernon") is left to the lookup, and one that goes on into an organisation's name
        ("Mount Sinai Medical Center") is none."""
        toks = self.tokens
        lead = toks[i].text
        if lead not in _LEAD_WORDS or not toks[i].trusted_case or i + 1 >= len(toks):
            return None
        j = i + 1
        while (j < len(toks) and j - i <= _LAKE_WORDS and toks[j].is_word and toks[j].cap
               and spaced(toks[j]) and not self.person[j]
               and self.lex.zipf(toks[j].text) < 3.0):  # fmt: skip
            j += 1
        if j == i + 1 or (j < len(toks) and toks[j].is_word and toks[j].cap and spaced(toks[j])):
            return None  # "Lake Shore Drive", "Lake Hartwell Dam Authority": a longer name
        if any(self._has_name(normalize(self.text[toks[i].start : toks[k - 1].end]))
               for k in range(j, i + 1, -1)):  # fmt: skip
            return None
        # looked up as written: the town after "Lake" ("Chapala") may lie on its shore,
        # but a state ("Lake Vermont") or a namesake abroad more often does not
        return Match(i, j, self.text[toks[i].start : toks[j - 1].end], qualifier=_LEAD_WORDS[lead])

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
                and lead.text.lower() not in _FUNCTION_WORDS
                # (not a country's adjective: "the Ukrainian region of Kharkiv")
                and not self.index.demonym(normalize(lead.text))):  # fmt: skip
            return None  # "the Kupiansk district of Kharkiv Oblast": the district is Kupiansk
        return self.lex.place_types[word].qualifier
