"""The words that call a name the gazetteer does not know a place.

Split from :mod:`geomap.geoparse.unknown_names`, which decides whether such a name is
a place: this module only reads the cue, so the patterns (and the caches that build
them from ``place_cues.txt``) sit in one place. A cue stands before the name ("the
village of Sousian", "the river Shitalakhya", "the towns of X, Y and"), after it
("Namoungou village", "the Al-Taji industrial area", "Ponnar Village" with a capital
that ends the name), in an apposition (", a remote village in"), after a list the name
is in ("the Kawot and Molale districts"), or is a distance measured from or to it
("Apakolu, about 25 kilometres northwest of", "25 km north of Apakolu").
"""

from __future__ import annotations

import re
from functools import cache

from geomap.geoparse.matches import RecognizerState

__all__ = ["SMALL_CUES", "UnknownNameCues"]

SMALL_CUES = frozenset(["village", "villages", "hamlet", "hamlets"])
"""Cue words that call even a name ending in an English word a place ("Moe Tarr Lay
village")."""
_CUE_ADJECTIVES = frozenset(["industrial", "residential", "rural", "tribal", "border",
                             "remote", "coastal", "farming", "mountainous", "cattle",
                             "displacement", "refugee", "military", "army", "railway",
                             "railroad", "police"])  # fmt: skip
"""Words news puts between a name and its cue word: "the Al-Taji industrial area", "the
Abu Shouk displacement camp", "Motiganj and Jhilahi railway stations"."""
_CUE_MODIFIES = frozenset(["store", "stores"])
"""Nouns after a cue word that make it describe something else: "the X department store"."""
_CAPITAL_AFTER = re.compile(r" [A-Z]")
_KIND_BEFORE = re.compile(r"\bthe (river|lake|village|town|hamlet) $")
"""The kind of place written before its name without "of": "the river Shitalakhya"."""
_KIND_ENDINGS = ("river ", "lake ", "village ", "town ", "hamlet ")
"""How the text before a name ends where ``_KIND_BEFORE`` may match."""
_LISTING_ENDINGS = ("of ", "the ", ", ", "and ", "or ")
"""How the text before a name ends where ``_plural_cue_before`` may match."""
_UNITS = r"(?:km|kms|kilomet(?:re|er)s|miles)"
_DISTANCE_AFTER = re.compile(
    r",\s+(?:(?:about|some|around|nearly|roughly|approximately|just|only)\s+)?\d[\d.,]*"
    rf"\s*-?\s*{_UNITS}\b"
)
"""A distance in apposition after a name: ", about 25 kilometres northwest of"."""
_DISTANCE_BEFORE = re.compile(
    rf"\d\s*-?\s*{_UNITS}\s+(?:\([^)]{{1,20}}\)\s+)?"
    r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+)?(?:of|from)\s+$"
)
"""A distance measured from the name: "25 km northwest of ", "30 kilometers (18 miles) from "."""
_APPOSITION_NEXT = (
    r"(?=\s(?:in|of|near|about|on|some|located|around|outside|close|just|north|south|east"
    r"|west)\b|[,.;:])"
)


class UnknownNameCues(RecognizerState):
    """Rules mixed into the recogniser (through ``UnknownNames``) that find the cue
    word calling a name a place."""

    def _qualifier_before(self, i: int) -> str | None: ...  # provided by unit_names

    def _place_cue(self, i: int, j: int) -> str | None:
        """The cue word that says tokens i..j name a place: "X village", "the village of
        X", "X, a locality in"; None when there is none."""
        before = self._qualifier_before(i)
        if before is not None and before.split()[-1] in self.lex.place_cues:
            return before.split()[-1]
        text = self.text
        start = self.tokens[i].start
        # each pattern before the name is searched only where the text right before it
        # ends as the pattern must (most names have none of these words before them)
        found = (
            _KIND_BEFORE.search(text, max(0, start - 20), start)
            if _ends_with(text, start, _KIND_ENDINGS)
            else None
        )
        if found is not None:
            return found.group(1)  # "the river Shitalakhya", "the village Kfar Kila"
        after, apposition, listed = _cue_patterns(self.lex.place_cues)
        found = (
            _plural_cue_before(self.lex.place_cues).search(text, max(0, start - 120), start)
            if _ends_with(text, start, _LISTING_ENDINGS)
            else None
        )
        if found is not None:  # "the villages of Dungur and Kukawa", "the towns of X, Y"
            return found.group(1).removesuffix("s")
        end = self.tokens[j - 1].end
        found = after.match(self.text, end)
        if found is not None:
            word = found.group(1)
            nxt = found.group(2) or ""
            if word[0].isupper() and not self._capital_cue(word, found.end(1)):
                pass  # "Kinnaur District Hospital", "Laurel County"
            elif (
                nxt not in self.lex.role_nouns
                and nxt not in self.lex.org_heads
                and nxt not in _CUE_MODIFIES
            ):
                return word.lower()  # not "Fulton district attorney"
        found = apposition.match(self.text, end)
        if found is not None:
            return found.group(1)
        found = listed.match(self.text, end)  # "the Kawot and Molale districts"
        if found is not None:
            return found.group(1).removesuffix("s")
        # "Apakolu, about 25 kilometres northwest of Eringeti", "25 km north of Apakolu":
        # a distance is measured from or to a place
        if _DISTANCE_AFTER.match(text, end) or (
            _ends_with_word(text, max(0, start - 60), start, ("of", "from"))
            and _DISTANCE_BEFORE.search(text, max(0, start - 60), start)
        ):
            return ""
        return None


    def _cue_word_ends_run(self, j: int) -> bool:
        """Whether the capitalised token ``j`` is a place cue written with a capital
        ("Ponnar Village in Tilin", "Molale District."): a type word that news writes
        outside the name, ending it, and not the head of another name ("Kinnaur
        District Hospital"). "County" and "Township" are the name's own
        (``place_types.tsv``: in span when capitalised)."""
        tok = self.tokens[j]
        word = tok.text.lower()
        if word not in self.lex.place_cues or not self._capital_cue(tok.text, tok.end):
            return False
        # "Pibor Administrative Area", "the Special Economic Zone": the words before
        # are English, the type word is theirs; a village's name may still end in one
        return word in SMALL_CUES or self.lex.zipf(self.tokens[j - 1].text) < 3.0

    def _capital_cue(self, word: str, end: int) -> bool:
        """Whether a cue ``word`` written with a capital, ending at ``end``, is the type
        word after a name: not one news keeps in the name, no capitalised word after."""
        ptype = self.lex.place_types.get(word.lower())
        if ptype is not None and ptype.in_span:
            return False
        return _CAPITAL_AFTER.match(self.text, end) is None


def _ends_with(text: str, end: int, endings: tuple[str, ...]) -> bool:
    """Whether ``text[:end]`` ends with one of ``endings``, or does before a line break
    that ends it (where a pattern's ``$`` also matches)."""
    return text.endswith(endings, 0, end) or (
        end > 0 and text.startswith("\n", end - 1) and text.endswith(endings, 0, end - 1)
    )


def _ends_with_word(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """Whether ``text[start:end]`` ends with one of ``words`` and then white space."""
    k = end
    while k > start and text[k - 1].isspace():
        k -= 1
    return k < end and text.endswith(words, start, k)


@cache
def _plural_cue_before(cues: frozenset[str]) -> re.Pattern[str]:
    """A plural cue word and "of" before a list of names that ends where a name starts:
    "the villages of ", "the towns of Intezayane, Bakorat, ", "villages of Dungur and "."""
    plurals = "|".join(
        re.escape(c) for c in sorted(cues, key=len, reverse=True) if c[:-1] in cues
    )  # "villages" for "village"
    name = r"[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*){0,3}"
    return re.compile(rf"\b({plurals}) of (?:the )?(?:{name}, ){{0,6}}(?:{name},? (?:and|or) )?$")


@cache
def _cue_patterns(cues: frozenset[str]) -> tuple[re.Pattern[str], ...]:
    """The cue word right after a name (" village"), in an apposition after it (", a
    remote village in"), and a plural one after the list the name starts (" and Molale
    districts")."""
    words = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    capitalised = "|".join(re.escape(c.capitalize()) for c in sorted(cues, key=len, reverse=True))
    adjective = "|".join(sorted(_CUE_ADJECTIVES))
    after = re.compile(rf" (?:(?:{adjective}) )?({words}|{capitalised})\b(?!-)(?: ([a-z]+))?")
    apposition = re.compile(rf",\s(?:a|an)\s(?:[a-z-]+\s){{0,2}}?({words}){_APPOSITION_NEXT}")
    plurals = "|".join(
        re.escape(c) for c in sorted(cues, key=len, reverse=True) if c[:-1] in cues
    )  # "villages" for "village"
    name = r"[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*){0,3}"
    listed = re.compile(
        rf"(?:, {name}){{0,6}},? (?:and|or) {name} (?:(?:{adjective}) )?({plurals})\b"
    )
    return after, apposition, listed
