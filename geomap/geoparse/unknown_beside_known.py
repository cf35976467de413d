"""Names the gazetteer does not know, set by the sentence beside places it does know.

Split from :mod:`geomap.geoparse.unknown_names`: where no cue word calls a name a place
(:mod:`geomap.geoparse.unknown_name_cues`), the places written around it may: "in
Masinga, Machakos county" (a name placed inside a known place), "in Lilong Nungei of
the state's Thoubal district" (a name "of" a unit), "Markoye, in Oudalan province, is
..." (a sentence's first name set beside its unit), "between Baye and Pissa" (joined
to a known place by "between ... and"), "Kudodo, Galapai and Dnalgwa communities" (a
list of three names or more before "communities"), or a list of known towns the name
is one item of (:mod:`geomap.geoparse.place_lists`, asked with ``_known_town``).
"""

from __future__ import annotations

import re

from geomap.feature_types import ADMIN_UNIT_TYPES, SETTLEMENT_TYPES
from geomap.gazetteer.names import normalize
from geomap.geoparse.matches import RecognizerState

__all__ = ["UnknownBesideKnown"]

_LISTED_TYPES = ADMIN_UNIT_TYPES | SETTLEMENT_TYPES
"""The kinds of known place that make the unknown names listed with them places: the
units below a country and the settlements."""
_INSIDE_LEADS = frozenset(["in", "at", "near", "outside", "from"])
"""Words before "X, Y" that make X a place inside the place Y ("in Masinga, Machakos")."""
_SENTENCE_ENDS = frozenset(".!?")
_CAPITALISED = r"[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*){0,2}"
_APPOSED_UNIT = re.compile(rf", in (?:the )?({_CAPITALISED}) ([a-z]+),")
"""A unit set in commas after a name: ", in Oudalan province,"."""
_OF_UNIT = re.compile(
    rf" of (?:the (?:state|country|province|region)['\u2019]s )?({_CAPITALISED}) ([a-z]+)\b"
)
"""A unit a name is said to be part of: " of the state's Thoubal district"."""
_BETWEEN_BEFORE = re.compile(rf"\bbetween ({_CAPITALISED}) and $")
_AND_AFTER = re.compile(rf" and ({_CAPITALISED})\b(?![\w'\u2019-])")
_NAME = r"[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*){0,3}"
_COMMUNITY_LIST = re.compile(rf"{_NAME}(?:, {_NAME}){{1,8}},? (?:and|or) {_NAME} communities\b")
"""A list of three names or more before "communities"."""
_LIST_ITEM = re.compile(_NAME)


class UnknownBesideKnown(RecognizerState):
    """Rules mixed into the recogniser (through ``UnknownNames``) that read the known
    places written beside a name the gazetteer does not know."""

    unknown_names: dict[str, str]
    """Names the article has said are places (see ``UnknownNames``)."""

    def _run_end(self, i: int) -> int: ...  # provided by the recogniser
    def _type_phrase(self, k: int) -> tuple[str, int] | None: ...  # by unit_names

    def _known_town(self, i: int, j: int) -> bool:
        """Whether tokens i..j name a settlement or a unit the gazetteer knows, and not
        an English word, a person's name or a people."""
        toks = self.tokens
        surface = self.text[toks[i].start : toks[j - 1].end]
        norm = normalize(surface)
        if (norm in self.lex.not_places or norm in self.person_names
                or self.lex.zipf(toks[i].text) >= 3.0
                or (j - i == 1 and (surface in self.lex.first_names
                                    or surface in self.lex.surnames))):  # fmt: skip
            return False
        entry = self._top(norm)
        return entry is not None and entry.feature_type in _LISTED_TYPES


    def _inside_named_place(self, i: int, j: int, *, unit_only: bool = False) -> bool:
        """ "in Masinga, Machakos county", "at Pissele, near Bourzanga", "at Bourasso in
        Kossi province", "in Namsiguia, in the Centre-nord region", "from Chimwankhunda
        in Blantyre": after a place preposition, a name followed by a known place (or
        "near" one, or "in" one) is a place in it; so is one followed by a name the type
        word after it says is a unit ("in Juer in the Alabek payam", "in Tungan Magajiya,
        Rijau local government area"), the only reading ``unit_only`` accepts."""
        toks = self.tokens
        prev = toks[i - 1] if i > 0 else None
        if prev is None or not prev.is_word or prev.text.lower() not in _INSIDE_LEADS:
            return False
        if j + 1 >= len(toks) or toks[j].text not in (",", "in"):
            return False
        k = j + 1
        inside = toks[j].text == "in"
        if not inside and toks[k].text == "in" and k + 1 < len(toks):
            k, inside = k + 1, True  # "in Namsiguia, in the Centre-nord region"
        word = toks[k].text.lower() if toks[k].is_word else ""
        if word == ("the" if inside else "near") and k + 1 < len(toks):
            k += 1
        while (inside and k + 1 < len(toks) and not toks[k].cap
               and toks[k].text.lower() in self.lex.directions):  # fmt: skip
            k += 1  # "at Jangebe in northwest Nigeria's Zamfara state"
        nxt = toks[k]
        if not (nxt.is_word and nxt.cap) or self.person[k]:
            return False
        end = self._run_end(k)
        while end > k + 1 and not toks[end - 1].cap:
            end -= 1  # "in North Darfur on the": a connector ends no name
        # "in Blantyre on Tuesday": the known name may be the run's first words only
        runs = (self.text[nxt.start : toks[e - 1].end] for e in range(end, k, -1)
                if toks[e - 1].cap)  # fmt: skip
        if not unit_only and (nxt.text in self.lex.abbreviations
                              or any(self.index.has_name(normalize(r)) for r in runs)):
            return True
        # "in the Alabek payam", ", Rijau local government area": a unit the gazetteer
        # need not know either
        after = toks[end] if end < len(toks) else None
        if after is None or not after.is_word or not (inside or self._type_phrase(end)):
            return False
        return after.text in self.lex.place_cues or self._type_phrase(end) is not None

    def _of_named_unit(self, i: int, j: int) -> bool:
        """ "in Lilong Nungei of the state's Thoubal district", "near Pasarlapudi of
        Mamidikuduru block": after a place preposition, a name written "of" a unit (known,
        or a name no English word opens before a unit word) is a place in it."""
        toks = self.tokens
        prev = toks[i - 1] if i > 0 else None
        if prev is None or not prev.is_word or prev.text.lower() not in _INSIDE_LEADS:
            return False
        found = _OF_UNIT.match(self.text, toks[j - 1].end)
        if found is None or found.group(2) not in self.lex.place_cues:
            return False
        unit, first = found.group(1), found.group(1).split()[0]
        return self.index.has_name(normalize(unit)) or (
            found.group(2) not in self.lex.facility_cues
            and self.lex.zipf(first) < 3.0
            and first not in self.lex.first_names
            and first not in self.lex.surnames
        )

    def _apposed_unit(self, i: int, j: int) -> bool:
        """ "Markoye, in Oudalan province, is ...": a name opening a sentence, with the
        unit it lies in set beside it in commas (a known name and its type word) is a
        place in it."""
        toks = self.tokens
        if i > 0 and toks[i - 1].text not in _SENTENCE_ENDS and "\n" not in self.text[
            toks[i - 1].end : toks[i].start
        ]:
            return False
        found = _APPOSED_UNIT.match(self.text, toks[j - 1].end)
        if found is None or found.group(2).lower() not in self.lex.place_types:
            return False
        return self.index.has_name(normalize(found.group(1)))

    def _between_places(self, i: int, j: int) -> bool:
        """ "a detachment between Markoye and Tokabangou", "a road between Baye and
        Pissa": a name joined by "between ... and" to a name the article or the
        gazetteer knows as a place is a place too."""
        text = self.text
        start, end = self.tokens[i].start, self.tokens[j - 1].end
        other = None
        if text.endswith(" and ", 0, start):
            found = _BETWEEN_BEFORE.search(text, max(0, start - 60), start)
            other = found.group(1) if found else None
        elif text.endswith("between ", 0, start):
            found = _AND_AFTER.match(text, end)
            other = found.group(1) if found else None
        if other is None:
            return False
        if other in self.unknown_names:
            return True
        words = other.split()
        if len(words) == 1 and (other in self.lex.first_names or other in self.lex.surnames):
            return False  # "between Smith and X": people
        norm = normalize(other)
        return (
            norm not in self.lex.not_places
            and norm not in self.person_names
            and self.lex.zipf(words[0]) < 3.0
            and self.index.has_name(norm)
        )

    def _community_list(self, i: int, j: int) -> bool:
        """ "Gunmen stormed Kudodo, Galapai, Dnakpala Makera and Dnalgwa communities": a
        list of three names or more that "communities" ends names places (news in
        Nigeria calls villages so), but not one name ("the Muslim community", "Latino
        communities") nor a list of peoples the gazetteer knows ("Hausa, Tiv and ...")."""
        text = self.text
        start, end = self.tokens[i].start, self.tokens[j - 1].end
        if "communities" not in text[end : end + 300]:
            return False
        for found in _COMMUNITY_LIST.finditer(text, max(0, start - 200), end + 300):
            if found.start() > start:
                break
            if found.end() < end:
                continue
            items = _LIST_ITEM.findall(found.group(0))
            if text[start:end] not in items:
                return False
            return not any(self.index.demonym(normalize(item)) for item in items)
        return False
