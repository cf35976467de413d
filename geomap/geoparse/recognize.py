"""Finding the spans of an article that name places (recognition), driven by the gazetteer.

No statistical NER model is available offline, so recognition matches the longest
word n-grams that are gazetteer names and then asks whether each match reads as a
place in its sentence: capitalisation where it can be trusted, how common the word is
in ordinary English, whether a person's name or title surrounds it, and how well known
the place is. Spans follow the news-corpus convention: possessives stay outside
("Ukraine's" -> "Ukraine"), a capitalised "County"/"Parish" is inside ("Laurel
County"), a lower-case type word is a qualifier outside the span ("Belgorod region").
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from geomap.gazetteer.names import normalize
from geomap.geoparse.lexicon import Lexicon, lexicon
from geomap.geoparse.name_context import NameContext
from geomap.geoparse.tokens import Token, tokenize
from geomap.records import GazetteerEntry, Mention

__all__ = ["NameIndex", "find_mentions"]

MAX_TOKENS = 6
"""Longest n-gram tried; longer gazetteer names are rare in running text."""
_CONNECTORS = frozenset(
    [
        "of",
        "de",
        "del",
        "la",
        "le",
        "les",
        "des",
        "du",
        "da",
        "do",
        "dos",
        "das",
        "upon",
        "on",
        "the",
        "al",
        "el",
        "y",
        "sur",
        "am",
        "an",
        "der",
        "den",
        "di",
        "van",
    ]
)
_SPEECH_VERBS = frozenset(
    [
        "said",
        "says",
        "told",
        "added",
        "explained",
        "wrote",
        "stated",
        "noted",
        "according",
        "asked",
        "argued",
        "claimed",
        "insisted",
        "warned",
        "replied",
        "tweeted",
    ]
)
_QUALIFIER_LEAD = frozenset(
    ["port", "capital", "border", "coastal", "seaside", "resort", "frontline"]
)
_MAJOR_TYPES = frozenset({"country", "admin1"})
_BIG_BY_LETTERS = 10_000_000
"""An entity this populous is known by its letters too ("EU")."""
_NATURAL_TYPES = frozenset({"region", "sea", "island", "peninsula", "lake", "river"})
_HYPHENS = frozenset("-\u2010")
_CONTRACTION = re.compile(r"['\u2019](?:re|ve|ll|d|m|t)$", re.IGNORECASE)
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)$")
_PREPOSITIONS = frozenset(
    [
        "in",
        "of",
        "from",
        "near",
        "at",
        "to",
        "into",
        "outside",
        "across",
        "between",
        "toward",
        "towards",
        "through",
        "around",
        "throughout",
        "within",
        "via",
        "and",
    ]
)
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "in",
        "on",
        "at",
        "of",
        "and",
        "or",
        "but",
        "for",
        "to",
        "from",
        "by",
        "with",
        "as",
        "our",
        "their",
        "his",
        "her",
        "its",
        "my",
        "your",
        "we",
        "they",
        "he",
        "she",
        "it",
        "if",
        "when",
        "while",
        "after",
        "before",
        "new",
        "old",
    ]
)
SMALL_PLACE = 100_000
"""Below this population a one-word name needs more than capitals to be a place."""
_INITIAL_LEN = 2  # "D." as a middle initial


class NameIndex(Protocol):
    """What recognition needs from the gazetteer (``GazetteerIndex`` provides it)."""

    def has_name(self, normalized: str) -> bool: ...
    def name_kinds(self, normalized: str) -> frozenset[str]: ...
    def lookup(self, name: str, *, limit: int | None = None) -> list[GazetteerEntry]: ...
    def demonym(self, normalized: str) -> list[GazetteerEntry]: ...


@dataclass(frozen=True, slots=True)
class _Match:
    start_tok: int
    end_tok: int  # exclusive
    name: str
    demonym: bool = False
    qualifier: str | None = None


def find_mentions(text: str, index: NameIndex) -> list[Mention]:
    """Place-name spans of ``text``, left to right, never overlapping; a headline in the
    text is recognised from its title case, wherever it is."""
    lex = lexicon()
    tokens = tokenize(text, abbreviations=lex.keeps_period)
    recognizer = _Recognizer(text, tokens, _memo(index), lex)
    return recognizer.run()


_T = TypeVar("_T")


class _MemoIndex:
    """Answers of the index kept for the process: articles ask about the same words."""

    MAX_KEYS = 500_000

    def __init__(self, index: NameIndex) -> None:
        self._index = index
        self._has: dict[str, bool] = {}
        self._kinds: dict[str, frozenset[str]] = {}
        self._demonyms: dict[str, list[GazetteerEntry]] = {}
        self._top: dict[str, list[GazetteerEntry]] = {}

    def has_name(self, normalized: str) -> bool:
        return _remember(self._has, normalized, self._index.has_name, self.MAX_KEYS)

    def name_kinds(self, normalized: str) -> frozenset[str]:
        return _remember(self._kinds, normalized, self._index.name_kinds, self.MAX_KEYS)

    def demonym(self, normalized: str) -> list[GazetteerEntry]:
        return _remember(self._demonyms, normalized, self._index.demonym, self.MAX_KEYS)

    def lookup(self, name: str, *, limit: int | None = None) -> list[GazetteerEntry]:
        if limit != 1:
            return self._index.lookup(name, limit=limit)
        return _remember(
            self._top, name, lambda n: self._index.lookup(n, limit=1), self.MAX_KEYS
        )


def _remember(
    store: dict[str, _T], key: str, compute: Callable[[str], _T], limit: int
) -> _T:
    """``store[key]``, computed once; the store is emptied when it grows past ``limit``."""
    found = store.get(key)
    if found is None:
        if len(store) > limit:
            store.clear()
        found = store[key] = compute(key)
    return found


_MEMOS: weakref.WeakKeyDictionary[object, _MemoIndex] = weakref.WeakKeyDictionary()


def _memo(index: NameIndex) -> NameIndex:
    if isinstance(index, _MemoIndex):
        return index
    try:
        memo = _MEMOS.get(index)
        if memo is None:
            memo = _MEMOS[index] = _MemoIndex(index)
    except TypeError:  # not weak-referenceable: no memo
        return index
    return memo


class _Recognizer(NameContext):
    def __init__(self, text: str, tokens: list[Token], index: NameIndex, lex: Lexicon) -> None:
        self.text = text
        self.tokens = tokens
        self.index = index
        self.lex = lex
        self.person = [False] * len(tokens)
        """Words of a name that is not a place: a person's, a storm's."""
        self.person_names: set[str] = set()
        self.caseless = not any(t.trusted_case for t in tokens)
        self.skip_to = 0
        """Where matching resumes after a rejected multi-word name."""

    # ------------------------------------------------------------------ driver

    def run(self) -> list[Mention]:
        self._mark_named_things()
        self._mark_people()
        mentions: list[Mention] = []
        i = 0
        n = len(self.tokens)
        while i < n:
            tok = self.tokens[i]
            if not tok.is_word or self.person[i]:
                i += 1
                continue
            match = self._match_at(i)
            if match is None:
                i = max(i + 1, self.skip_to)
                continue
            mentions.append(self._mention(match))
            i = match.end_tok
        return mentions

    def _mention(self, m: _Match) -> Mention:
        start = self.tokens[m.start_tok].start
        end = self.tokens[m.end_tok - 1].end
        qualifier = m.qualifier or self._qualifier_before(m.start_tok)
        last = self.tokens[m.end_tok - 1].text.lower()
        if qualifier is None and m.end_tok - m.start_tok > 1 and last in self.lex.place_types:
            ptype = self.lex.place_types[last]
            qualifier = ptype.qualifier if ptype.in_span else None  # "Lamar County" in the index
        return Mention(
            start=start,
            end=end,
            text=self.text[start:end],
            name=m.name,
            qualifier=qualifier,
            demonym=m.demonym,
        )

    # ------------------------------------------------------------------ people

    def _mark_people(self) -> None:
        """Mark words that belong to people's names: after a title, or first name + surname."""
        toks = self.tokens
        lex = self.lex
        for i, tok in enumerate(toks):
            if not tok.is_word or not tok.cap:
                continue
            word = tok.text.rstrip(".")
            if word.lower() in lex.titles and not self._is_place_type(i + 1):
                j = self._name_run(i + 1)
                if j > i + 1 and not self._multiword_place(i + 1, j):
                    self._set_person(i + 1, j)
                continue
            if word in lex.first_names and not self.person[i]:
                j = self._name_run(i)
                if j - i >= 2 and self._looks_like_person(i, j):
                    self._set_person(i, j)

    def _name_run(self, i: int) -> int:
        """End (exclusive) of the run of capitalised words or initials from ``i``."""
        toks = self.tokens
        j = i
        while j < len(toks) and j - i < 5:
            t = toks[j]
            if not (t.is_word and t.cap) or (j > i and not _joined(t)):
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

    def _multiword_place(self, i: int, j: int) -> bool:
        """Whether some prefix of tokens i..j (two words or more) is a gazetteer name."""
        for k in range(j, i + 1, -1):
            if self.index.has_name(
                normalize(self.text[self.tokens[i].start : self.tokens[k - 1].end])
            ):
                return True
        return False

    def _set_person(self, i: int, j: int) -> None:
        for k in range(i, j):
            self.person[k] = True
        last = self.tokens[j - 1].text
        if len(last) > _INITIAL_LEN:
            self.person_names.add(normalize(last))

    # ------------------------------------------------------------------ matching

    def _match_at(self, i: int) -> _Match | None:
        toks = self.tokens
        tok = toks[i]
        lex = self.lex
        abbreviation = lex.abbreviations.get(tok.text)
        if abbreviation is not None and self._abbreviation_ok(i):
            return _Match(i, i + 1, abbreviation.full_name, self._compound_modifier(i + 1))
        article = self._article_match(i)
        if article is not None:
            return _Match(i, *article) if article else None
        if self._after_article(i):
            return None
        regional = self._region_demonym(i)
        if regional is not None:
            return _Match(i, *regional, demonym=True) if regional else None
        if not tok.cap and tok.trusted_case and (len(tok.text) < 4 or lex.zipf(tok.text) >= 3.0):
            return None  # an ordinary lower-case word never starts a name
        if _CONTRACTION.search(tok.text) or tok.text.rstrip(".").lower() in lex.titles:
            return None
        suffixed = self._suffix_match(i) if tok.cap else None
        best: _Match | None = None
        for j in range(self._run_end(i), i, -1):
            last = toks[j - 1]
            if not last.is_word or (tok.cap and not last.cap):
                continue
            surface = self.text[tok.start : last.end]
            norm = normalize(surface)
            if not norm:
                continue
            if tok.cap and j - i <= 2:
                demonyms = self.index.demonym(norm)
                if demonyms and self._accept_demonym(i, j):
                    best = _Match(i, j, demonyms[0].name, demonym=True)
                    break
            if self.index.has_name(norm):
                if self._accept_name(i, j, norm):
                    best = _Match(i, j, surface)
                    break
                if tok.cap and j - i >= 2:
                    # a capitalised name judged not a place here ("the Sulphur Springs
                    # brand"): its words are not places either
                    self.skip_to = j
                    break
        if best is not None and not best.demonym:
            best = self._with_type_word(best)
            if self._compound_modifier(best.end_tok) or self._clock_zone(
                best.start_tok, best.end_tok
            ):  # "Iran-backed", "07:10 Cyprus time": the place modifies something else
                best = _Match(best.start_tok, best.end_tok, best.name, demonym=True)
            if self._in_organisation(best.start_tok, best.end_tok) is False:
                return None  # "UK Maritime Trade Operations": a word of the name
        if suffixed is not None and (best is None or suffixed.end_tok > best.end_tok):
            return suffixed
        return best

    def _run_end(self, i: int) -> int:
        """End (exclusive) of the longest token run from ``i`` that could be one name:
        capitalised words joined by spaces, hyphens or connectors ("Rostov-on-Don",
        "Bay of Islands"), or lower-case words for a lower-case start."""
        toks = self.tokens
        lower_mode = not toks[i].cap
        j = i + 1
        limit = min(len(toks), i + MAX_TOKENS + 2)
        while j < limit:
            t = toks[j]
            if t.gap_before == "" and t.text in _HYPHENS:
                if j + 1 < len(toks) and toks[j + 1].gap_before == "" and toks[j + 1].is_word:
                    j += 2
                    continue
                break
            if not t.is_word or not _joined(t) or self.person[j]:
                break
            if lower_mode and t.cap:
                break
            if not lower_mode and not t.cap and t.text.lower() not in _CONNECTORS:
                break
            j += 1
        return j

    def _suffix_match(self, i: int) -> _Match | None:
        """Capitalised words before a capitalised type word: "Licking County", "Darby
        Street", "Neches River", whether or not the gazetteer knows them."""
        toks = self.tokens
        first = toks[i]
        if not first.cap or first.text.lower() in _FUNCTION_WORDS or self.person[i]:
            return None
        j = i
        while j < len(toks) and j - i < 3:
            t = toks[j]
            if j > i and not _joined(t):
                return None
            if self._is_place_type(j) and j > i:
                break
            if not t.is_word or self.person[j] or not (t.cap or _ORDINAL.match(t.text)):
                return None
            j += 1
        if j == i or not self._is_place_type(j) or not toks[j].cap:
            return None
        ptype = self.lex.place_types[toks[j].text.lower()]
        if not ptype.in_span:
            return None
        surface = self.text[first.start : toks[j].end]
        if normalize(self.text[first.start : toks[j - 1].end]) in self.lex.not_places:
            return None
        return _Match(i, j + 1, surface, qualifier=ptype.qualifier)

    def _accept_name(self, i: int, j: int, norm: str) -> bool:
        toks = self.tokens
        lex = self.lex
        words = toks[i:j]
        if norm in lex.not_places:
            return False
        single = j - i == 1
        if single and norm in self.person_names:
            entry = self._top(norm)
            return entry is not None and entry.feature_type == "country"
        lower = not words[0].cap
        upper = all(w.upper for w in words)
        trusted = words[0].trusted_case and not upper
        zipfs = [lex.zipf(w.text) for w in words]
        common = min(zipfs) >= 3.0
        if lower:
            return self._accept_lowercase(i, j, norm, zipfs)
        if upper and single and len(words[0].text.replace(".", "")) <= 3:
            return self._accept_acronym(norm, trusted=words[0].trusted_case)
        entry = self._top(norm)
        if entry is None:
            return False
        if self._generic_alone(i, j) or self._acronym_not_place(i, j):
            return False
        if not self.caseless and self._part_of_longer_name(i, j, entry, norm):
            return False
        if single and self._speaker(j) and not _prominent(entry, 300_000):
            return False
        if single and not self._single_word_ok(i, norm, entry):
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
                return _prominent(entry, 1_000 if after_preposition else 20_000)
            if z >= 4.5:
                return _prominent(entry, 200_000)
            return _prominent(entry, 10_000)
        # sentence start, headline, all-caps: the capital says nothing
        if not single:
            return _prominent(entry, 50_000)
        if z >= 5.5:
            return False
        if z >= 4.5:
            return entry.feature_type in _MAJOR_TYPES
        return _prominent(entry, 1_000_000)

    def _single_word_ok(self, i: int, norm: str, entry: GazetteerEntry) -> bool:
        """One capitalised word that names only a small place (or names a big one only in
        another language) is more often a person or a brand: "Moore", "Patrick"."""
        word = self.tokens[i].text
        big = _prominent(entry, SMALL_PLACE)
        if self.index.name_kinds(norm) == {"alt"}:
            return big and word not in self.lex.first_names
        if big:
            return True
        if word in self.lex.first_names:
            return False
        if word in self.lex.surnames:
            prev = self._prev_word(i)
            return prev is not None and prev.text.lower() in _PREPOSITIONS
        return True

    def _accept_lowercase(self, i: int, j: int, norm: str, zipfs: list[float]) -> bool:
        """A lower-case name: in a text written all in lower case, or a well-known place
        written carelessly ("kyiv"); never an ordinary English word."""
        if max(zipfs) >= 3.0 or len(norm) < 4:
            return False
        entry = self._top(norm)
        if entry is None:
            return False
        if not self.tokens[i].trusted_case:  # a caseless text: names are as usual
            return _prominent(entry, 10_000)
        return _prominent(entry, 500_000) and normalize(entry.name) == norm

    def _accept_acronym(self, norm: str, *, trusted: bool) -> bool:
        """ "US", "UK", "UAE", "EU": countries, regions and unions by their letters; "IN" or
        "ME" in a headline are words."""
        if not trusted and self.lex.zipf(norm) >= 3.0:
            return False
        entry = self._top(norm)
        return entry is not None and (
            entry.feature_type in _MAJOR_TYPES or entry.population >= _BIG_BY_LETTERS
        )

    def _accept_demonym(self, i: int, j: int) -> bool:
        words = self.tokens[i:j]
        if not words[0].cap or any(self.person[k] for k in range(i, j)):
            return False
        return words[0].trusted_case or self.lex.zipf(words[0].text) < 5.0

    def _abbreviation_ok(self, i: int) -> bool:
        """ "Ky." after "Paris," or "in"; dotted ones ("N.J.", "U.S.") anywhere."""
        tok = self.tokens[i]
        if tok.text.count(".") >= 2:
            return True
        if i > 0 and self.tokens[i - 1].text == ",":
            return True
        prev = self._prev_word(i)
        return prev is not None and prev.text.lower() in {"in", "of", "from", "near", "to"}

    def _with_type_word(self, m: _Match) -> _Match:
        """Take in a following "County" (span) or "region" / "province" (qualifier)."""
        j = m.end_tok
        if not self._is_place_type(j):
            return m
        tok = self.tokens[j]
        ptype = self.lex.place_types[tok.text.lower()]
        if tok.cap and ptype.in_span:
            longer = self.text[self.tokens[m.start_tok].start : tok.end]
            # the whole "Laurel County" is the name; resolution falls back to "Laurel"
            return _Match(m.start_tok, j + 1, longer, qualifier=ptype.qualifier)
        if tok.cap and self.index.has_name(normalize(f"{m.name} {tok.text}")):
            return m  # "Kansas City" is its own name, found as the longer match
        return _Match(m.start_tok, m.end_tok, m.name, qualifier=ptype.qualifier)

    def _qualifier_before(self, i: int) -> str | None:
        """ "the port city of Mariupol" -> "port city"; "the town of Bucha" -> "town"."""
        toks = self.tokens
        k = i - 1
        if k < 1 or toks[k].text.lower() != "of" or not _joined(toks[i]):
            return None
        kind = toks[k - 1]
        word = kind.text.lower()
        if not kind.is_word or word not in self.lex.place_types:
            return None
        lead = toks[k - 2] if k >= 2 else None
        if lead is not None and lead.is_word and lead.text.lower() in _QUALIFIER_LEAD:
            return f"{lead.text.lower()} {word}"
        return self.lex.place_types[word].qualifier

    # ------------------------------------------------------------------ helpers

    def _top(self, norm: str) -> GazetteerEntry | None:
        found = self.index.lookup(norm, limit=1)
        return found[0] if found else None

    def _has_name(self, norm: str) -> bool:
        return self.index.has_name(norm)

    def _demonyms(self, norm: str) -> list[GazetteerEntry]:
        return self.index.demonym(norm)

    def _is_place_type(self, j: int) -> bool:
        if j >= len(self.tokens):
            return False
        t = self.tokens[j]
        return t.is_word and _joined(t) and t.text.lower() in self.lex.place_types

    def _speaker(self, j: int) -> bool:
        """Whether the word after a name is a speech verb: "Gladkov said"."""
        if j >= len(self.tokens):
            return False
        t = self.tokens[j]
        return t.is_word and _joined(t) and t.text.lower() in _SPEECH_VERBS

    def _prev_word(self, i: int) -> Token | None:
        return self.tokens[i - 1] if i > 0 and self.tokens[i - 1].is_word else None


def _joined(tok: Token) -> bool:
    """Whether only plain spaces separate ``tok`` from the token before it."""
    return tok.gap_before in (" ", "")


def _prominent(entry: GazetteerEntry, population: int) -> bool:
    """Well known enough: a country, region or capital, a natural feature (when the bar
    is not set for big cities), or a city of at least ``population``."""
    if entry.feature_type in _MAJOR_TYPES or (entry.feature_code or "").startswith("PPLC"):
        return True
    if entry.feature_type in _NATURAL_TYPES:
        return population <= SMALL_PLACE
    return entry.population >= population


def mentions_from_spans(
    text: str, spans: Sequence[tuple[int, int]], index: NameIndex
) -> list[Mention]:
    """Mentions for given (start, end) spans (e.g. a corpus's own toponyms), with the
    name, demonym and type word recognition would have given them."""
    lex = lexicon()
    out = []
    for start, end in spans:
        surface = text[start:end]
        name, qualifier, demonym = surface, None, False
        words = surface.split()
        if surface in lex.abbreviations:
            name = lex.abbreviations[surface].full_name
        elif surface[:1].isupper() and (found := index.demonym(normalize(surface))):
            name, demonym = found[0].name, True
        if words and words[-1].lower() in lex.place_types and len(words) > 1:
            qualifier = lex.place_types[words[-1].lower()].qualifier
        else:
            after = text[end : end + 30].split(maxsplit=2)
            if after and after[0].lower() in lex.place_types and after[0].islower():
                qualifier = lex.place_types[after[0]].qualifier
        out.append(Mention(start=start, end=end, text=surface, name=name,
                           qualifier=qualifier, demonym=demonym))  # fmt: skip
    return out
