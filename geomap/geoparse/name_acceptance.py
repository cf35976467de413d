"""Whether a gazetteer name found in an article reads as a place where it is written.

A run of words that is some place's name is a place mention only if its sentence reads
it as one: capitalisation where it can be trusted, how common its words are in ordinary
English, whether a first name or surname it also is stands alone, whether a speech verb
follows ("Gladkov said"), whether the sentence puts it in its region ("Perry, Iowa") or
calls it a town ("the city of Larissa"), and how well known the place is. Mixed into the
recogniser (``recognize._Recognizer``), which asks ``_accept_name`` of every name it
finds, longest first.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from geomap.gazetteer.names import normalize
from geomap.geoparse.matches import MAJOR_TYPES, RecognizerState, glued, joined, spaced
from geomap.geoparse.tokens import Token
from geomap.geoparse.vehicle_models import vehicle_name
from geomap.geoparse.written_forms import SMALL_PLACE, prominent
from geomap.records import GazetteerEntry

__all__ = ["NameAcceptance"]

_SPEECH_VERBS = frozenset(
    ["said", "says", "told", "added", "explained", "wrote", "stated", "noted", "according",
     "asked", "argued", "claimed", "insisted", "warned", "replied", "tweeted"]
)  # fmt: skip
_PREPOSITIONS = frozenset(
    ["in", "of", "from", "near", "at", "to", "into", "outside", "across", "between", "toward",
     "towards", "through", "around", "throughout", "within", "via", "and"]
)  # fmt: skip
_PLACE_LEADS = frozenset(["in", "at", "near", "from", "outside", "of"])
"""Words after which a name is read as a place before anything else."""
_TOWN_WORDS = r"(?:city|town|village|hamlet|suburb)"
_CALLED_BEFORE = re.compile(rf"\b{_TOWN_WORDS} of $")
_CALLED_AFTER = re.compile(rf" {_TOWN_WORDS}\b|, (?:a|an|the) (?:[a-z-]+ ){{0,3}}{_TOWN_WORDS}\b")
"""What calls the name before (or after) it a town: "the village of Banks", "Larissa
city", "Jasper, a mountain town"."""
_TOWN_WORD = re.compile(rf"\b{_TOWN_WORDS}\b")
_NAME_AFTER = re.compile(r" of ([A-Z][\w'\u2019-]+)(?! [A-Z])")
_NAME_BEFORE = re.compile(
    r"(?<![\w'\u2019-])([A-Z][\w'\u2019-]+)(?: |, (?:a|an) (?:[a-z-]+ ){0,3})$"
)
_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w'\u2019-]* $")
"""Where an article calls a one-word name a town anywhere (see ``_towns_said``): "the
town of Jasper", "Jasper town", "Jasper, a mountain town"; not "Moe Tarr Lay village",
which says nothing of "Lay"."""
_SAINT = re.compile(r"(?:St\.?|Saint|Sts\.?|Saints)\s", re.IGNORECASE)
_DEDICATED_BEFORE = re.compile(
    r"\b(?:church|cathedral|chapel|basilica|monastery|abbey|shrine|parish|convent|feast|"
    r"order|brotherhood|sisters)\s+of\s+(?:the\s+)?(?:(?:St\.?|Saint)\s+[A-Z][\w'-]*\s+"
    r"and\s+)?$",
    re.IGNORECASE,
)
_DEDICATED_AFTER = re.compile(
    r"(?:\s+and\s+(?:St\.?|Saint)\s+[A-Z][\w'-]*)?(?:\s+[A-Z][\w'-]*){0,3}?\s+(?:Church|"
    r"Cathedral|Chapel|Basilica|Monastery|Abbey|Shrine|Parish)\b"
)
""""the church of St. Peter and St. Paul", "the Saint Peter and Saint Paul Coptic Orthodox
Church", "the Feast of Saint Nicholas": the saints a church or a feast is dedicated to,
not the towns named after them."""
_TOWN_TYPES = frozenset(["city", "village"])


class NameAcceptance(RecognizerState):
    """The rules mixed into the recogniser that accept or reject a name found."""

    if TYPE_CHECKING:  # provided by the other rule sets of the recogniser

        def _direction_compound(self, i: int, j: int) -> bool: ...
        def _accept_lowercase(self, i: int, j: int, norm: str, zipfs: list[float]) -> bool: ...
        def _accept_acronym(self, norm: str, *, trusted: bool) -> bool: ...
        def _generic_alone(self, i: int, j: int) -> bool: ...
        def _acronym_not_place(self, i: int, j: int) -> bool: ...
        def _part_of_longer_name(
            self, i: int, j: int, entry: GazetteerEntry, norm: str
        ) -> bool: ...
        def _ocean_by_short_name(self, i: int, entry: GazetteerEntry) -> bool: ...
        def _name_kinds(self, norm: str) -> frozenset[str]: ...

    def _accept_name(self, i: int, j: int, norm: str, *, variant: bool = False) -> bool:
        """Whether the name i..j reads as a place here; ``variant``: judge a spelling the
        gazetteer holds only as an alternate name as if it were the place's own."""
        toks = self.tokens
        lex = self.lex
        words = toks[i:j]
        if norm in lex.not_places:
            return False
        if vehicle_name(toks, i, j):
            return False  # "a 2006 Dodge Dakota truck": a car, not the state
        single = j - i == 1
        if single and norm in self.person_names:
            entry = self._top(norm)
            return entry is not None and entry.feature_type == "country"
        lower = not words[0].cap
        upper = all(w.upper for w in words)
        trusted = words[0].trusted_case and not upper
        zipfs = [lex.zipf(w.text) for w in words]
        common = min(zipfs) >= 3.0
        if self._direction_compound(i, j):
            return False  # "Centre-nord", "Haut-Uele": one region's name, not its part
        if lower:
            return self._accept_lowercase(i, j, norm, zipfs)
        if upper and single and len(words[0].text.replace(".", "")) <= 3:
            return self._accept_acronym(norm, trusted=words[0].trusted_case)
        entry = self._top(norm)
        if entry is None:
            return False
        if _SAINT.match(self.text, words[0].start) and (
                _DEDICATED_BEFORE.search(self.text, max(0, words[0].start - 80), words[0].start)
                or _DEDICATED_AFTER.match(self.text, words[-1].end)):
            return False  # "the church of St. Peter": a saint, not Saint Peter, Minnesota
        if self._generic_alone(i, j) or self._acronym_not_place(i, j):
            return False
        if single and common and not upper and self._abbreviation_of(norm, entry):
            return False  # "Contact Us", "About Us": the pronoun, not "US"
        if (single and entry.feature_type in _TOWN_TYPES and self._whole_run(i, j)
                and (self._said_to_be_a_town(i) or norm in self._towns_said())):
            # "the village of Banks": however common the word or first name, a town here,
            return True  # and wherever else the article writes it ("Jasper Mayor ...")
        if not self.caseless and self._part_of_longer_name(i, j, entry, norm):
            return False
        if single and self._speaker(j) and not prominent(entry, 300_000):
            prev = self._prev_word(i)
            if prev is None or prev.text.lower() not in _PLACE_LEADS:
                return False  # "Gladkov said", but "the ministry in Ramallah said"
        if single and not self._single_word_ok(i, norm, entry, variant=variant):
            return False
        if not common:
            return True
        z = max(zipfs)
        if trusted:
            # a capitalised common word mid-sentence: a place if it is a known one
            if not single:
                # "in Sulphur Springs": after a preposition even a small town reads as one
                prev = self._prev_word(i)
                after_preposition = prev is not None and prev.text.lower() in _PREPOSITIONS
                return prominent(entry, 1_000 if after_preposition else 20_000)
            if z >= 4.5:
                return prominent(entry, 200_000) or self._ocean_by_short_name(i, entry)
            return prominent(entry, 10_000)
        # sentence start, headline, all-caps: the capital says nothing
        if not single:
            return prominent(entry, 50_000)
        if z >= 5.5:
            return False
        if z >= 4.5:
            return entry.feature_type in MAJOR_TYPES
        return prominent(entry, 1_000_000)

    def _single_word_ok(
        self, i: int, norm: str, entry: GazetteerEntry, *, variant: bool = False
    ) -> bool:
        """One capitalised word that names only a small place (or names a big one only in
        another language) is more often a person or a brand: "Moore", "Patrick"."""
        word = self.tokens[i].text
        # "Magwe" is another spelling of a town of 97,000 and of its region: the region
        # makes the name well known
        big = prominent(entry, SMALL_PLACE) or any(
            c.entry.feature_type in MAJOR_TYPES for c in self.index.candidates(norm)
        )
        if not variant and self._name_kinds(norm) == {"alt"}:
            return big and (word not in self.lex.first_names or self._said_to_be_a_town(i))
        if big or self._followed_by_its_region(i, norm):
            return True  # "in Perry, Iowa": a name the sentence puts in its state
        if word in self.lex.first_names:
            return self._said_to_be_a_town(i)  # "Honduras' Tamara town", not "Tamara said"
        if word in self.lex.surnames:
            prev = self._prev_word(i)
            return prev is not None and prev.text.lower() in _PREPOSITIONS
        return True

    def _followed_by_its_region(self, i: int, norm: str) -> bool:
        """ "Perry, Iowa", "Salvatierra, Guanajuato": a name followed by the first-level
        region one of its places lies in is that place, however common a first name."""
        toks = self.tokens
        if i + 2 >= len(toks) or toks[i + 1].text != ",":
            return False
        words = []
        for tok in toks[i + 2 : i + 5]:
            if not (tok.is_word and tok.cap):
                break
            words.append(tok.text)
        if not words:
            return False
        regions = {normalize(" ".join(words[:n])) for n in range(1, len(words) + 1)}
        return any(c.entry.admin1 and normalize(c.entry.admin1) in regions
                   for c in self.index.candidates(norm))

    def _said_to_be_a_town(self, i: int) -> bool:
        """ "the city of Larissa", "Larissa city", "the village of Maria", "Jasper, a
        mountain town": a first name or a common word the sentence calls a town."""
        tok = self.tokens[i]
        before = self.text[max(0, tok.start - 12) : tok.start].lower()
        after = self.text[tok.end : tok.end + 40]
        return _CALLED_BEFORE.search(before) is not None or _CALLED_AFTER.match(after) is not None

    def _abbreviation_of(self, norm: str, entry: GazetteerEntry) -> bool:
        """Whether ``norm`` names ``entry`` only as its abbreviation ("us" for the United
        States): an abbreviation is written in capitals, so a common word that is one,
        written otherwise ("Us", "Ill"), is the word."""
        kinds = {c.name_kind for c in self.index.candidates(norm) if c.entry.id == entry.id}
        return kinds == {"abbr"}

    def _whole_run(self, i: int, j: int) -> bool:
        """Whether i..j is a whole capitalised run: no capitalised word joined before or
        after it ("Lay" in "Moe Tarr Lay", "Al" in "Al Kamlin", "Zorgho" in "Zorgho-Nord"
        are words of a name) but a title ("Jasper Mayor Richard Ireland": the town's
        mayor)."""
        toks = self.tokens

        def name_word(k: int) -> bool:
            return 0 <= k < len(toks) and toks[k].is_word and toks[k].cap

        def hyphened(dash: int, word: int) -> bool:  # "Zorgho-Nord": one name
            return (0 <= dash < len(toks) and toks[dash].text in ("-", "\u2010", "\u2011")
                    and glued(toks[dash]) and name_word(word) and glued(toks[word]))

        before = (name_word(i - 1) and spaced(toks[i])) or (
            glued(toks[i]) and hyphened(i - 1, i - 2))
        after = (name_word(j) and spaced(toks[j]) and toks[j].text.lower() not in self.lex.titles
                 ) or hyphened(j, j + 1)
        return not (before or after)

    def _towns_said(self) -> frozenset[str]:
        """The one-word names the article calls a town somewhere ("the town of Jasper",
        "Jasper, a mountain town"): one name keeps one sense in one article, so its other
        mentions, which say nothing of what it is ("the beauty of Jasper"), are the town
        too, unless a person's name was found in them (``person``, ``person_names``)."""
        found = getattr(self, "_towns_said_memo", None)
        if found is None:
            text = self.text
            names = set()
            for word in _TOWN_WORD.finditer(text):  # a scan for the word, then a look around
                after = _NAME_AFTER.match(text, word.end())
                if after is not None:
                    names.add(normalize(after.group(1)))
                before = _NAME_BEFORE.search(text, max(0, word.start() - 60), word.start())
                if before is not None and not _CAPITALISED_BEFORE.search(
                    text, max(0, before.start() - 40), before.start()
                ):
                    names.add(normalize(before.group(1)))
            found = self._towns_said_memo = frozenset(names)
        return found

    def _small_variant(self, i: int, j: int, norm: str) -> bool:
        """A capitalised word the gazetteer holds only as another spelling of a small place
        ("Kupiansk", "Graivoron"): recognised only where the article supports it."""
        if j - i != 1 or not self.tokens[i].cap or self._name_kinds(norm) != {"alt"}:
            return False
        entry = self._top(norm)
        return (
            entry is not None
            and not prominent(entry, SMALL_PLACE)
            and self.lex.zipf(self.tokens[i].text) < 3.0
        )

    # ------------------------------------------------------------------ helpers

    def _speaker(self, j: int) -> bool:
        """Whether the word after a name is a speech verb: "Gladkov said"."""
        if j >= len(self.tokens):
            return False
        t = self.tokens[j]
        return t.is_word and joined(t) and t.text.lower() in _SPEECH_VERBS

    def _prev_word(self, i: int) -> Token | None:
        return self.tokens[i - 1] if i > 0 and self.tokens[i - 1].is_word else None
