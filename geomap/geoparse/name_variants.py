"""Another spelling, in the same article, of a name it has said is a place.

Reports romanise one name several ways, often within a few lines ("Tungan Magajiya" and
"Tungan Magajia", "Ba'aadweyne" and "Ba'adweyne", "Virudhnagar" and "Virudhunagar"). A
name the gazetteer does not know is recognised where its sentence says it is a place
(``unknown_names``); a capitalised run elsewhere in the article with the same consonants
(``candidates.skeleton``: vowels, y and h dropped, like sounds one letter) and the same
number of words is the same place, looked up by the same name.
"""

from __future__ import annotations

from collections.abc import Iterable

from geomap.gazetteer.names import normalize
from geomap.geoparse.candidates import skeleton
from geomap.geoparse.matches import Match, joined, spaced
from geomap.geoparse.tokens import Token
from geomap.records import Mention

__all__ = ["variant_repeats"]

_MIN_CONSONANTS = 4
"""Shortest consonant key compared: shorter ones ("Lay", "Wah") match too many words."""
_MAX_WORDS = 3


def variant_repeats(
    text: str,
    tokens: list[Token],
    person: list[bool],
    unknown: dict[str, str],
    mentions: Iterable[Mention],
) -> list[Match]:
    """Matches for the other spellings of the ``unknown`` names (surface -> name looked
    up) that no mention covers yet."""
    keys: dict[tuple[int, str], tuple[str, str]] = {}
    for surface, name in unknown.items():
        key = skeleton(surface)
        if len(key) >= _MIN_CONSONANTS:
            keys[(len(surface.split()), key)] = (surface, name)
    if not keys:
        return []
    taken = bytearray(len(text))
    for m in mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    found = []
    n = len(tokens)
    for i, tok in enumerate(tokens):
        if not (tok.is_word and tok.cap) or person[i] or taken[tok.start]:
            continue
        prev = tokens[i - 1] if i > 0 else None
        if prev is not None and prev.is_word and prev.cap and spaced(tok):
            continue  # inside a longer name
        for words in range(1, _MAX_WORDS + 1):
            j = i + words
            if j > n or not all(t.is_word and t.cap and spaced(t) for t in tokens[i + 1 : j]):
                break
            if j < n and tokens[j].is_word and tokens[j].cap and joined(tokens[j]):
                continue  # the run goes on
            end = tokens[j - 1].end
            surface = text[tok.start : end]
            hit = keys.get((words, skeleton(surface)))
            if (hit is None or normalize(hit[0]) == normalize(surface)
                    or hit[0][0].lower() != surface[0].lower()  # "Abu" and "Bu" differ
                    or taken.find(1, tok.start, end) >= 0):  # fmt: skip
                continue
            found.append(Match(i, j, hit[1]))
            taken[tok.start : end] = b"\x01" * (end - tok.start)
            break
    return found
