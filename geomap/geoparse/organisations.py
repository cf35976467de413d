"""Organisations named after a place: "United States Geological Survey", "Sudan Doctors'
Union", "Syrian Observatory for Human Rights", "Athens Police Department".

Split from :mod:`geomap.geoparse.name_context` because two stages ask it: recognition
(the place that begins such a name is a modifier, not where anything happened:
:mod:`geomap.geoparse.place_modifiers`) and the roles of an article's places
(:mod:`geomap.place_roles`: the organisation's seat is no scene). The rule reads the
capitalised run after the place name and the head nouns of ``org_heads.txt``.
"""

from __future__ import annotations

from collections.abc import Sequence

from geomap.geoparse.lexicon import Lexicon
from geomap.geoparse.tokens import Token, tokenize

__all__ = ["organisation_end", "organisation_run"]

_APOSTROPHES = frozenset("'\u2019")
_ORG_CONNECTORS = frozenset(["of", "for", "and", "the", "&"])


def organisation_run(text: str, start: int, end: int, lex: Lexicon) -> tuple[int, int] | None:
    """The span of the organisation's name that the place name at ``text[start:end]``
    begins ("United States Geological Survey", "Sudan Doctors' Union", "Syrian
    Observatory for Human Rights", "Athens Police Department"), or None.

    The place is the organisation's seat or namesake: a place the article names, but not
    where its events happen. See ``organisation_end`` for the rule."""
    tokens = tokenize(text[end : end + 160])
    last = organisation_end(tokens, 0, lex)
    return None if last is None else (start, end + tokens[last].end)


def organisation_end(tokens: Sequence[Token], k: int, lex: Lexicon) -> int | None:
    """The last token of the organisation's name whose words start at ``tokens[k]``
    (right after a place name), or None.

    The run is the capitalised words from ``k`` (possessive marks allowed: "Sheriff's");
    it names an organisation when it ends in a head noun (``org_heads.txt``) or a head
    noun in it is followed by "of"/"for" ("Observatory for Human Rights"). A run that
    ends in another noun ("Police Station", "Airport") names a facility."""
    if k >= len(tokens) or tokens[k].gap_before != " ":
        return None
    words: list[int] = []
    n = len(tokens)
    while k < n:
        t = tokens[k]
        if t.is_word and t.cap and (not words or t.gap_before in (" ", "")):
            words.append(k)
            k += 1
        elif t.text in _APOSTROPHES and t.gap_before == "" and words:
            k += 2 if k + 1 < n and tokens[k + 1].text == "s" else 1
        else:
            break
    if not words:
        return None
    last = words[-1]
    if not any(tokens[w].text.lower() in lex.org_heads for w in words):
        return None
    end = last if tokens[last].text.lower() in lex.org_heads else None
    k = last + 1
    extended = False
    while k + 1 < n and tokens[k].text in _ORG_CONNECTORS and tokens[k + 1].cap:
        if not extended and tokens[k].text not in ("of", "for"):
            break  # the name goes on after "of" or "for" only
        extended = True
        k += 1
        while k < n and tokens[k].is_word and tokens[k].cap and tokens[k].gap_before == " ":
            end = k
            k += 1
    return end
