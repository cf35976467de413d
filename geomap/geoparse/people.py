"""Capitalised runs that name people and storms, never places.

"Farhan Haq" after "spokesperson", "Xu Wei" after "By", "Otis" after "Hurricane", "John
Smith" (a first name and a surname) and "Mayor Jones" (a title) are names; the words of
such a name are marked so that no place is matched inside them, and the surname is
remembered so that "Smith said" later in the article is not a place either. The word
lists are data (``geomap/geoparse/data``): first names, surnames, titles, role nouns,
storm words.
"""

from __future__ import annotations

from itertools import compress, count
from operator import attrgetter

from geomap.gazetteer.names import normalize
from geomap.geoparse.matches import RecognizerState, glued, joined, spaced, well_known

__all__ = ["People"]

_TEXT = attrgetter("text")
_CAP = attrgetter("cap")
_KNOWN_NEIGHBOUR = 100_000
"""A neighbouring name this well known is a place of its own ("Greenville Texas")."""
_BYLINE_LEADS = frozenset({"reporting", "writing", "editing", "additional", "compiled"})
_HYPHENS = frozenset("-\u2010")
_PLACE_LEADS = frozenset(["in", "at", "near", "from", "outside", "to", "into"])
_INITIAL_LEN = 2  # "D." as a middle initial
_SAINTS = frozenset(["st", "st.", "saint", "ste", "ste.", "sainte"])
_APOSTROPHES = frozenset(["'", "\u2019"])
_SAINT_WORDS = 3
"""Most words of a saint's name after "St"."""
_STOP = frozenset(
    ["the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "from", "by", "with",
     "as", "is", "was", "were", "be", "this", "that"]
)  # fmt: skip


class People(RecognizerState):
    """Rules mixed into the recogniser that mark the words of people's and storms' names."""

    def _mark_named_things(self) -> None:
        """People after role nouns ("spokesperson Farhan Haq") and in bylines ("By Xu
        Wei"), and storms ("Hurricane Otis"): their words are never places."""
        toks = self.tokens
        cues = self.lex.storm_words | self.lex.role_nouns | {"by"}
        # the words that may lead a name, picked out at C speed: most words are none
        for i in compress(count(), map(cues.__contains__, map(str.lower, map(_TEXT, toks)))):
            tok = toks[i]
            if not tok.is_word:
                continue
            word = tok.text.lower()
            if word in self.lex.storm_words:
                self._mark_storm(i)
            elif word in self.lex.role_nouns and not tok.cap:
                self._mark_after_role(i)
            elif word == "by" and self._byline_lead(i):
                self._mark_byline(i + 1)
        for i in compress(count(), map("(".__eq__, map(_TEXT, toks))):
            self._mark_short_name(i)
        for i in compress(count(), map(_SAINTS.__contains__, map(str.lower, map(_TEXT, toks)))):
            self._mark_dedication(i)

    def _mark_dedication(self, i: int) -> None:
        """ "St Anthony's Shrine", "St. Mary's Church", "St Sebastian's Catholic church":
        a saint's name in the possessive before a noun of what is dedicated to a saint
        (``data/dedications.txt``, one word may come between) names a building or a
        feast; neither the saint's name nor the noun is a place."""
        toks = self.tokens
        if not toks[i].cap:
            return
        j = i + 1
        while j < len(toks) and j - i <= _SAINT_WORDS and toks[j].is_word and toks[j].cap:
            if not spaced(toks[j]):
                break
            j += 1
        if (j == i + 1 or j + 2 >= len(toks) or toks[j].text not in _APOSTROPHES
                or not glued(toks[j]) or toks[j + 1].text.lower() != "s"
                or not glued(toks[j + 1])):  # fmt: skip
            return
        for k in range(j + 2, min(j + 4, len(toks))):
            if not (toks[k].is_word and spaced(toks[k])):
                return
            if toks[k].text.lower() in self.lex.dedications:
                for q in range(i, k + 1):
                    self.person[q] = True
                return

    def _mark_short_name(self, i: int) -> None:
        """ "the Yemen News Agency (Saba)": the word in brackets after an organisation's
        name is its short name, and the article may go on with it alone ("Saba
        reported"); neither is a place."""
        toks = self.tokens
        before = toks[i - 1] if i > 0 else None
        if before is None or not before.cap or before.text.lower() not in self.lex.org_heads:
            return
        end = self._capitalised_run(i + 1)
        if end == i + 1 or end - i > 3 or end >= len(toks) or toks[end].text != ")":
            return
        for k in range(i + 1, end):
            self.person[k] = True
        self.person_names.add(normalize(self.text[toks[i + 1].start : toks[end - 1].end]))

    def _mark_storm(self, i: int) -> None:
        """ "Hurricane Otis", "Tropical Storm Alberto", "Cyclone Freddy's": the storm word
        and the one name after it; later mentions of the name alone are not places."""
        toks = self.tokens
        j = i + 1
        if j >= len(toks) or not spaced(toks[j]) or not (toks[j].is_word and toks[j].cap):
            return
        if self._is_place_type(j) or toks[j].text.lower() in self.lex.storm_words:
            return  # "Storm Surge Warning", "Tropical Storm" is handled at "Storm"
        end = j + 1
        while end + 1 < len(toks) and toks[end].text in _HYPHENS and glued(toks[end]):
            end += 2  # a hyphenated name
        for k in range(i, min(end, len(toks))):
            self.person[k] = True
        self.person_names.add(normalize(toks[j].text))

    def _mark_after_role(self, i: int) -> None:
        """ "spokesperson Farhan Haq said", "agency chief Gusti Syaiful Bahri", "his
        daughter, Nduku": a capitalised run right after a lower-case role noun."""
        toks = self.tokens
        j = i + 1
        if j < len(toks) and toks[j].text == "," and j + 1 < len(toks):
            j += 1
        end = self._capitalised_run(j)
        if end == j or self._is_place_name_start(j, end):
            return
        end = self._particle_end(end) or end  # "cameraman Riad al-Hussein"
        for k in range(j, end):
            self.person[k] = True
        self.person_names.add(normalize(toks[end - 1].text))

    def _byline_lead(self, i: int) -> bool:
        """ "By" opening a line, or "Reporting by", "Editing by"."""
        toks = self.tokens
        if i > 0 and toks[i - 1].is_word and toks[i - 1].text.lower() in _BYLINE_LEADS:
            return True
        return toks[i].cap and (i == 0 or "\n" in toks[i].gap_before)

    def _mark_byline(self, i: int) -> None:
        """Names after "By": runs joined by "and" or commas, hyphenated names included
        ("By Manzoor-ul-Hassan", "By Xu Wei and Tong Hao")."""
        toks = self.tokens
        while i < len(toks):
            end = self._byline_name(i)
            if end == i:
                return
            for k in range(i, end):
                self.person[k] = True
            self.person_names.add(normalize(toks[end - 1].text))
            if end < len(toks) and toks[end].text.lower() in {"and", ",", "&"}:
                i = end + 1
                continue
            return

    def _byline_name(self, i: int) -> int:
        toks = self.tokens
        j = i
        while j < len(toks) and j - i < 8:
            t = toks[j]
            if t.is_word and t.cap and (j == i or spaced(t) or glued(t)):
                j += 1
            elif t.text in _HYPHENS and glued(t) and j + 1 < len(toks) and glued(toks[j + 1]):
                j += 2  # "Manzoor-ul-Hassan": particles inside the name may be lower case
            else:
                break
        return j

    def _capitalised_run(self, i: int) -> int:
        """End (exclusive) of the capitalised words from ``i`` joined by single spaces."""
        toks = self.tokens
        j = i
        while j < len(toks) and j - i < 5:
            t = toks[j]
            if not (t.is_word and t.cap) or (j > i and not spaced(t)):
                break
            if self._is_place_type(j) or t.text.lower() in _STOP:
                break
            j += 1
        return j

    def _is_place_name_start(self, i: int, j: int) -> bool:
        """Whether the run i..j reads as a place, a people or a day rather than a name."""
        first = self.tokens[i].text
        norm = normalize(first)
        if first[:2].isupper() or first in self.lex.abbreviations:
            return True  # "U.S.", "UN": a country or an organisation, not a given name
        if norm in self.lex.not_places or self._demonyms(norm):
            return True
        if first.lower() in self.lex.directions or (j - i > 1 and self._multiword_place(i, j)):
            return True
        entry = self._top(norm)
        return entry is not None and well_known(entry, norm, _KNOWN_NEIGHBOUR)

    # ------------------------------------------------------------ given and family names

    def _mark_people(self) -> None:
        """Mark words that belong to people's names: after a title, or first name + surname."""
        toks = self.tokens
        lex = self.lex
        for i in compress(count(), map(_CAP, toks)):  # capitalised words only
            tok = toks[i]
            if not tok.is_word or not tok.cap:
                continue
            word = tok.text.rstrip(".")
            if word.lower() in lex.titles and not self._is_place_type(i + 1):
                # "Gen. Salvador Cienfuegos": an abbreviated title's full stop is no end
                start = i + 2 if i + 1 < len(toks) and toks[i + 1].text == "." else i + 1
                j = self._name_run(start)
                named = j > start and (not self._multiword_place(start, j)
                                       or toks[start].text in lex.first_names
                                       or self._particle_end(start) is not None)  # fmt: skip
                if named and not self._titled_place(i, j):
                    self._set_person(start, j)  # "Defense Minister Pedro Sanchez"
                continue
            if word in lex.first_names and not self.person[i]:
                j = self._before_titled_name(i, self._name_run(i))
                if j - i >= 2 and self._looks_like_person(i, j):
                    self._set_person(i, j)
                    continue
            if not self.person[i] and self._initialled(i):
                self._set_person(i, i + 3)  # "Kosta K.": a name with its surname cut short
                self.person_names.add(normalize(tok.text))

    def _before_titled_name(self, i: int, j: int) -> int:
        """Where the run i..j that a given name begins ends before a title that leads a
        name of its own: "Jasper Mayor Anne Lowry" is the town's mayor, not one person's
        name of four words ("John Major said" has no name after its title)."""
        toks = self.tokens
        for k in range(i + 1, j - 1):
            if toks[k].text.rstrip(".").lower() in self.lex.titles:
                return k
        return j

    def _titled_place(self, i: int, j: int) -> bool:
        """ "near Sultan Hamud", "in General Santos": after a place preposition, a title and
        the name after it that together are a gazetteer name are that place."""
        toks = self.tokens
        prev = toks[i - 1] if i > 0 else None
        if prev is None or not prev.is_word or prev.text.lower() not in _PLACE_LEADS:
            return False
        return self.index.has_name(normalize(self.text[toks[i].start : toks[j - 1].end]))

    def _initialled(self, i: int) -> bool:
        """Whether word ``i`` is followed by one capital letter and a full stop ("Kosta
        K. was arrested", "Mohamed A."): how reports cut a suspect's or a victim's
        surname short. Not "D.C." or "N.Y." (letters go on after the stop), not a well
        known place, and not after a place preposition ("in Jackson, B." is no name)."""
        toks = self.tokens
        if i + 2 >= len(toks) or toks[i + 2].text != "." or not glued(toks[i + 2]):
            return False
        initial = toks[i + 1]
        if not (spaced(initial) and len(initial.text) == 1 and initial.text.isupper()):
            return False
        after = toks[i + 3] if i + 3 < len(toks) else None
        if after is not None and glued(after) and after.is_word:
            return False  # "Washington D.C.", "New York N.Y."
        if i > 0 and toks[i - 1].text.lower() in _PLACE_LEADS:
            return False
        norm = normalize(toks[i].text)
        entry = self._top(norm)
        return entry is None or not well_known(entry, norm, _KNOWN_NEIGHBOUR)

    def _particle_end(self, j: int) -> int | None:
        """End of an Arabic family name at ``j`` ("al-Hassan", "el-Sisi": an article, a
        hyphen and a capitalised word, all glued), or None."""
        toks = self.tokens
        if (
            j + 2 < len(toks)
            and toks[j].text.lower() in self.lex.arabic_articles
            and toks[j + 1].text in _HYPHENS
            and glued(toks[j + 1])
            and glued(toks[j + 2])
            and toks[j + 2].is_word
            and toks[j + 2].cap
        ):
            return j + 3
        return None

    def _name_run(self, i: int) -> int:
        """End (exclusive) of the run of capitalised words or initials from ``i``; an
        Arabic family name goes on it ("Gen. Suheil al-Hassan", "Sheikh al-Sabah")."""
        toks = self.tokens
        j = i
        while j < len(toks) and j - i < 5:
            t = toks[j]
            if j == i or joined(t):
                particle = self._particle_end(j)
                if particle is not None:
                    j = particle
                    continue
            if not (t.is_word and t.cap) or (j > i and not joined(t)):
                break
            if self._is_place_type(j):
                break
            j += 1
        return j

    def _looks_like_person(self, i: int, j: int) -> bool:
        toks = self.tokens
        lex = self.lex
        last = toks[j - 1].text
        if self._multiword_place(i, j):
            return False
        second = toks[i + 1].text
        is_initial = len(second) == _INITIAL_LEN and second.endswith(".")
        if not (last in lex.surnames or is_initial or second in lex.first_names):
            return False
        if j < len(toks) and self._is_place_type(j):
            return False
        # a well-known place before a surname-like common word is an organisation
        # ("Georgia Power"), not a person
        first_norm = normalize(toks[i].text)
        return not (self.index.has_name(first_norm) and lex.zipf(last) >= 3.5)

    def _set_person(self, i: int, j: int) -> None:
        for k in range(i, j):
            self.person[k] = True
        last = self.tokens[j - 1].text
        if len(last) > _INITIAL_LEN:
            self.person_names.add(normalize(last))
