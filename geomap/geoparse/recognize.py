"""Finding the spans of an article that name places (recognition), driven by the gazetteer.

No statistical NER model is available offline, so recognition matches the longest
word n-grams that are gazetteer names (from the word runs of ``word_runs``) and then
asks whether each match reads as a place in its sentence (``name_acceptance``):
capitalisation where it can be trusted, how common the word is in ordinary English,
whether a person's name or title surrounds it (``people``), whether it is a word of a
longer name (``name_context``), and how well known the place is. A name with its
type word ("Kupiansk district", "Duk County") is looked up as the unit it names
(``unit_names``); a name that is only a village or a neighbourhood is kept only where
the article supports it (``village_context``). Spans follow the news-corpus
convention: possessives stay outside ("Ukraine's" -> "Ukraine"), a capitalised
"County"/"Parish" is inside ("Laurel County"), a lower-case type word is a qualifier
outside the span ("Belgorod region").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence

from geomap.gazetteer.names import normalize
from geomap.geoparse.joined_names import JoinedNames
from geomap.geoparse.lexicon import Lexicon, lexicon
from geomap.geoparse.matches import Match
from geomap.geoparse.name_acceptance import NameAcceptance
from geomap.geoparse.name_context import NameContext
from geomap.geoparse.name_index import NameIndex, derived_answers, memo, prefetch
from geomap.geoparse.name_variants import variant_repeats
from geomap.geoparse.pack_named import PackNamed
from geomap.geoparse.people import People
from geomap.geoparse.short_words import spelled_out
from geomap.geoparse.spacing_variants import SpacingVariants
from geomap.geoparse.tokens import Token, tokenize
from geomap.geoparse.unit_names import UnitNames
from geomap.geoparse.unknown_names import UnknownNames
from geomap.geoparse.village_context import VillageContext
from geomap.geoparse.word_runs import _ORDINARY, MAX_TOKENS, WordRuns, _known_ordinary
from geomap.geoparse.written_forms import SMALL_PLACE, WrittenForms
from geomap.records import Mention

__all__ = [
    "MAX_TOKENS",
    "SMALL_PLACE",
    "NameIndex",
    "find_mentions",
    "find_mentions_many",
    "mentions_from_spans",
]

PREFETCH_ARTICLES = 64
"""Texts whose word runs ``find_mentions_many`` asks the index about at once."""
_POSSESSIVE = frozenset({"'s", "\u2019s"})
_CONTRACTION = re.compile(r"['\u2019](?:re|ve|ll|d|m|t)$", re.IGNORECASE)


def find_mentions(text: str, index: NameIndex) -> list[Mention]:
    """Place-name spans of ``text``, left to right, never overlapping; a headline in the
    text is recognised from its title case, wherever it is."""
    lex = lexicon()
    _known_ordinary(lex)
    tokens = tokenize(text, abbreviations=lex.keeps_period)
    recognizer = _Recognizer(text, tokens, memo(index), lex)
    return recognizer.run()


def find_mentions_many(texts: Iterable[str], index: NameIndex) -> Iterator[list[Mention]]:
    """:func:`find_mentions` of each text, in order. The gazetteer is asked about the word
    runs of ``PREFETCH_ARTICLES`` texts in one go: the same answers, in fewer queries
    whose pages stay in cache (on LGL the queries took 0.18-0.22 s CPU a pass asked
    article by article between other work, 0.12-0.15 s so)."""
    lex = lexicon()
    _known_ordinary(lex)
    names = memo(index)
    batch: list[_Recognizer] = []
    for text in texts:
        batch.append(_Recognizer(text, tokenize(text, abbreviations=lex.keeps_period),
                                 names, lex))  # fmt: skip
        if len(batch) == PREFETCH_ARTICLES:
            yield from _run_all(batch)
            batch = []
    yield from _run_all(batch)


def _run_all(recognizers: list[_Recognizer]) -> Iterator[list[Mention]]:
    if recognizers:
        prefetch(recognizers[0].index, [n for r in recognizers for n in r.runs_to_ask()])
    for recognizer in recognizers:
        yield recognizer.run()


class _Recognizer(
    WordRuns, NameAcceptance, People, NameContext, UnitNames, JoinedNames, VillageContext,
    PackNamed, UnknownNames, WrittenForms, SpacingVariants,
):
    """One article's recognition: the rule sets mixed in, each in its own module (word
    runs and name acceptance first: the others declare what of theirs they read)."""

    def __init__(self, text: str, tokens: list[Token], index: NameIndex, lex: Lexicon) -> None:
        self.text = text
        self.tokens = tokens
        self.index = index
        self.lex = lex
        self.person = [False] * len(tokens)
        self.person_names: set[str] = set()
        self.caseless = not any(t.trusted_case for t in tokens)
        self.skip_to = 0
        self.pending: list[Match] = []
        self.joined_pending: list[Match] = []
        self.pack_held = []
        self.unknown_names: dict[str, str] = {}
        known = _ORDINARY.get  # most words are known: no call for them
        self.ordinary = [
            t.trusted_case  # (only a word's case is ever trusted)
            and not t.cap
            and (found if (found := known(t.text)) is not None else self._ordinary_word(t))
            for t in tokens
        ]
        self.name_starts = [i for i, o in enumerate(self.ordinary) if not o and tokens[i].is_word]
        self.run_ends = None
        self.small_only = derived_answers(index, "small_place_only")  # type: ignore[assignment]
        self.large_kinds = derived_answers(index, "large_kinds")  # type: ignore[assignment]

    # ------------------------------------------------------------------ driver

    def run(self) -> list[Mention]:
        """The mentions (the index asked about ``runs_to_ask()`` first, unless it was)."""
        if self.run_ends is None:
            prefetch(self.index, self.runs_to_ask())
        before_people, self.run_ends = self.run_ends, None
        self._mark_named_things()
        self._mark_people()
        self.run_ends = self._runs_still_open(before_people)
        mentions: list[Mention] = []
        person = self.person
        # a walk over every token would pass punctuation and people's words (one step
        # each) and ordinary words (a step, or a jump to ``skip_to``) to reach these
        probes = [i for i in self.name_starts if not person[i]]
        i = k = 0
        while (k := bisect_left(probes, i, k)) < len(probes):
            at = probes[k]
            if self.skip_to > at and any(
                self.ordinary[q] and not person[q] for q in range(i, at)
            ):  # an ordinary word on the way jumps past ``at``
                i = self.skip_to
                continue
            match = self._match_at(at)
            if match is None:
                i = max(at + 1, self.skip_to)
                continue
            mentions.append(self._mention(match))
            i = match.end_tok
        admitted = [self._mention(m) for m in self._admit_pending(mentions)]
        admitted += [self._mention(m) for m in self._admit_pack_named([*mentions, *admitted])]
        admitted += [self._mention(m)
                     for m in self._admit_spacing_variants([*mentions, *admitted])]  # fmt: skip
        admitted += [self._mention(m) for m in self._repeat_unknown([*mentions, *admitted])]
        admitted += [self._mention(m) for m in variant_repeats(
            self.text, self.tokens, self.person, self.unknown_names, [*mentions, *admitted]
        )]  # fmt: skip
        if admitted:
            mentions = sorted([*mentions, *admitted], key=lambda m: m.start)
        return mentions

    def _spelled_out(self, norm: str, surface: str) -> tuple[str, str]:
        """(written name, normalised name): ``surface`` with its short first word
        spelled out where only that form is a gazetteer name, else as written."""
        full = spelled_out(norm, surface)
        if full is None or self.index.has_name(norm) or not self.index.has_name(full[0]):
            return surface, norm
        return full[1], full[0]

    def _mention(self, m: Match) -> Mention:
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

    def _match_at(self, i: int) -> Match | None:
        toks = self.tokens
        tok = toks[i]
        lex = self.lex
        abbreviation = lex.abbreviations.get(tok.text)
        if abbreviation is not None and self._abbreviation_ok(i):
            return Match(i, i + 1, abbreviation.full_name, self._compound_modifier(i + 1))
        # the rules below that open with a test of the word itself are asked only where
        # it holds (an Arabic article, a direction): most probes are neither, and each
        # call cost more than the test
        lower = tok.text.lower()
        article = self._article_match(i) if lower in lex.arabic_articles else None
        if article is not None:
            if article and self._small_place_only(normalize(article[1])):
                self._hold(Match(i, *article))  # "Al-Ahram": a village, or a newspaper
                return None
            # an unknown "Al-Baghail" is a place only where a cue says so ("... area")
            return Match(i, *article) if article else self._unknown_place(i, None)
        if self._after_article(i):
            return None
        if tok.cap and (self._language_compound(i) or self._zone_letters(i)):
            return None  # "English-speaking": a language; "6:26 a.m. EST": a time zone
        if tok.cap and self._people_or_service(i):
            return None  # "African American", "BBC Burmese"
        direction = tok.cap and lower in lex.directions
        if direction and (part := self._part_of_continent(i)) is not None:
            return part  # "South Asia", "East Africa"
        regional = self._region_demonym(i) if direction else None
        if regional is not None:
            return Match(i, *regional, demonym=True) if regional else None
        if not tok.cap and tok.trusted_case and (len(tok.text) < 4 or lex.zipf(tok.text) >= 3.0):
            return None  # an ordinary lower-case word never starts a name
        if _CONTRACTION.search(tok.text):
            return None
        if tok.text.rstrip(".").lower() in lex.titles and not self._titled_place(
            i, self._name_run(i + 1)
        ):
            return None  # "Mayor Jones", but "near Sultan Hamud"
        lake = self._lake_before(i) if tok.cap else None
        if lake is not None:
            return lake  # "Lake Chapala": the lake, not the town
        suffixed = self._suffix_match(i) if tok.cap else None
        unit = self._unit_match(i)
        best: Match | None = None
        if tok.cap:
            run_end = self._run_end(i)
            if run_end + 1 < len(toks) and toks[run_end].text == "and":
                best = self._joined_unit(i)  # "Jammu and Kashmir"
        end = i if best is not None else run_end if tok.cap else self._lower_run_end(i)
        for j in range(end, i, -1):
            last = toks[j - 1]
            if not last.is_word or (tok.cap and not last.cap):
                continue
            surface = self.text[tok.start : last.end]
            norm = normalize(surface)
            if not norm:
                continue
            if tok.cap and j - i >= 2 and self.text[last.end : last.end + 2] not in _POSSESSIVE:
                # "St Vincent", "Mt Kenya": the gazetteer spells the first word out (not
                # "St. Patrick's Day", "St Mary's School": a saint's feast or a building)
                surface, norm = self._spelled_out(norm, surface)
            if tok.cap and j - i <= 2:
                demonyms = self.index.demonym(norm)
                if demonyms and self._accept_demonym(i, j):
                    best = Match(i, j, demonyms[0].name, demonym=True)
                    break
            if self.index.has_name(norm):
                if self._accept_name(i, j, norm):
                    if self._small_place_only(norm):  # a village: only with support
                        self._hold(Match(i, j, surface))
                        break
                    best = Match(i, j, surface)
                    break
                if self._small_variant(i, j, norm) and self._accept_name(
                    i, j, norm, variant=True
                ):  # "Kupiansk" for Kupyansk: as strong as its own name where supported
                    self._hold(Match(i, j, surface))
                    break
                if tok.cap and j - i >= 2:
                    # a capitalised name judged not a place here ("the Sulphur Springs
                    # brand"): its words are not places either
                    self.skip_to = j
                    break
            elif tok.cap:
                found, best = self._spacing_variant(i, j, norm)  # "Elwak" for "El Wak"
                if found and best is None and unit is None and suffixed is None:
                    return None  # held for the article's support
                if found:
                    break
        if best is not None:
            best = self._word_outside(best)  # "Kogi State" -> "Kogi", the state
            ocean = None if best.demonym else self._top(normalize(best.name))
            if ocean is not None and self._ocean_modifies(best.end_tok, ocean):
                best = Match(best.start_tok, best.end_tok, best.name, demonym=True)
        if unit is not None and (best is None or best.end_tok <= unit.end_tok
                                 or self._phrase_outside(unit, best)):
            best = unit  # "Kupiansk district": the raion, not the town
        elif best is not None and not best.demonym:
            best = self._with_type_word(best)
        if best is not None and self._compass_offset(best.start_tok, best.end_tok):
            self.skip_to = max(self.skip_to, best.end_tok)
            return None  # "170km South East of Galkayo": a bearing, not a region
        if best is not None and not best.demonym:
            if self._compound_modifier(best.end_tok) or self._clock_zone(
                best.start_tok, best.end_tok
            ):  # "Iran-backed", "07:10 Cyprus time": the place modifies something else
                best = Match(best.start_tok, best.end_tok, best.name, demonym=True)
            elif self._group_after(best.end_tok) and not self._names_an_area(best.name):
                return None  # "armed Fano militants": the group's name, not a town
            if self._in_organisation(best.start_tok, best.end_tok) is False:
                return None  # "UK Maritime Trade Operations": a word of the name
        if suffixed is not None and (best is None or suffixed.end_tok > best.end_tok):
            return suffixed
        if best is None or (not best.demonym and best.end_tok < self._run_end(i)):
            # "the village of Sousian", "Beu Manyama-Moliso village": a name the gazetteer
            # does not know, where the sentence says it is a place
            return self._unknown_place(i, best) or best
        return best



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
        elif (full := spelled_out(normalize(surface), surface)) is not None and (
            index.has_name(full[0]) and not index.has_name(normalize(surface))
        ):
            name = full[1]  # "St Vincent": Saint Vincent
        if words and words[-1].lower() in lex.place_types and len(words) > 1:
            qualifier = lex.place_types[words[-1].lower()].qualifier
        else:
            after = text[end : end + 30].split(maxsplit=2)
            if after and after[0].lower() in lex.place_types and after[0].islower():
                qualifier = lex.place_types[after[0]].qualifier
        out.append(Mention(start=start, end=end, text=surface, name=name,
                           qualifier=qualifier, demonym=demonym))  # fmt: skip
    return out
