"""Cue words of the event table that an article uses as a person's name: "Flood said",
"author Ann Flood answers a question". Where the article has its Flood speak, the
capitalised word is that person in every sentence, the headline too ("Flood uses Lincoln
portrayer to illustrate talk"), and names no event; the lower-case word still does."""

from __future__ import annotations

import re

__all__ = ["people_named_as_cues", "without_people"]

_SPEAKS = re.compile(
    r"\b(?P<name>Flood|Storm|Battle|Blaze|Fire|Riot)\s+(?:said|says|told|tells|asked|asks|"
    r"added|adds|wrote|writes|explained|explains|answered|answers|replied|replies|recalled|"
    r"recalls|noted|notes|spoke|speaks|argued|argues)\b"
)
"""A person speaking: no flood or storm says, asks or answers."""


def people_named_as_cues(text: str) -> frozenset[str]:
    """The cue words ``text`` uses as someone's name ("Flood" where "Flood said")."""
    return frozenset(m.group("name") for m in _SPEAKS.finditer(text))


def without_people(text: str, names: frozenset[str]) -> str:
    """``text`` with those names, as written (capitalised), blanked by spaces, so that
    offsets into it are offsets into ``text``."""
    if not names:
        return text
    pattern = r"\b(?:" + "|".join(sorted(names)) + r")\b"
    return re.sub(pattern, lambda m: " " * len(m.group(0)), text)
