"""The spellings under which the shipped packs may hold a name the article writes.

A pack row is found by its normalised name or any of its alternates
(:mod:`geomap.gazetteer.pack_lookup`); the article may write the name otherwise. These
are the forms asked, in order (:func:`spellings`): as written, its other romanisations
(:func:`~geomap.geoparse.candidates.romanisations`, kept where the consonants agree),
with Arabic's article before it ("El Khiyam" for "Khiam"), with its vowels written
otherwise ("Sarjah" for "Sarja", "Fu'a" for "Fuaa"), and for a unit named after its
seat town ("Tilin Township") the seat's own name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from geomap.gazetteer.names import normalize
from geomap.gazetteer.pack_lookup import pack_villages
from geomap.gazetteer.schema import default_data_dir
from geomap.geoparse.candidates import prior_features, romanisations, spelling_variant
from geomap.records import GazetteerEntry, Mention

__all__ = ["SEAT_UNITS", "seat_word", "spellings"]

SEAT_UNITS = {"township": "admin3", "tehsil": "admin3", "commune": "admin3",
              "municipality": "admin3", "district": "admin2", "county": "admin2",
              "territory": "admin2"}  # fmt: skip
"""Type words of units often named after their seat town ("Tilin Township", Congo's
"Irumu territory", Burundi's "Mabayi commune"), and the kind of unit each is: such a
unit is placed at its seat, as UCDP does (precision 3)."""


def spellings(
    mention: Mention, countries: set[str]
) -> Iterator[tuple[list[GazetteerEntry], bool]]:
    """The pack villages of ``countries`` the mention's name may mean, one spelling at a
    time, of a kind its type word allows ("X district" is no village): the name as
    written, its other romanisations, with Arabic's article before them (the pack's "El
    Khiyam" for "Khiam"), with its vowels written otherwise ("Sarjah" for "Sarja"), then
    for a unit named after its seat ("Tilin Township", "Molale district") the seat's own
    name."""
    # found once, not for every spelling and country (it resolves paths and stats files)
    folder = default_data_dir() if countries else None
    yield _of_kind(mention, _lookup(normalize(mention.name), countries, folder)), False
    for variant in romanisations(mention.name):
        yield _of_kind(mention, [
            e for e in _lookup(normalize(variant), countries, folder)
            if spelling_variant(mention.name, e.name)
        ]), False  # fmt: skip
    for form in _article_forms(mention.name):
        yield _of_kind(mention, _lookup(normalize(form), countries, folder)), False
    for form in _vowel_forms(mention.name):
        yield _of_kind(mention, _lookup(normalize(form), countries, folder)), False
    if seat_word(mention) is not None:
        words = mention.name.split()
        bare = " ".join(words[:-1]) if words[-1].lower() in SEAT_UNITS else mention.name
        # the seat bears the unit's name as its own ("Khaibar", also called Khyber, is
        # no seat of Khyber district)
        yield [
            e for e in _lookup(normalize(bare), countries, folder)
            if e.feature_type in ("village", "city") and normalize(e.name) == normalize(bare)
        ], True  # fmt: skip


_SUN_LETTERS = re.compile(r"(th|dh|sh|[tdrzsn])", re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"(?:[ae]l|a(?:th|dh|sh|[tdrzsn]))[\s-](?=\w)", re.IGNORECASE)


def _article_forms(name: str) -> list[str]:
    """The name with Arabic's article before it, as packs from Arabic sources hold many
    villages ("El Khiyam" for "the village of Khiam"): "al", "el", and the article
    assimilated to a sun letter ("as Sanamayn"), also before the name's other
    romanisations; a name written with "al" or "el" with the other one ("al-Khiyam"
    finds "El Khiyam"). Never without its article: "al-Asriya" is no village whose name
    only ends so ("Al Qaryah al 'Asriyah")."""
    lead = _LEADING_ARTICLE.match(name)
    if lead:
        article = lead.group(0)[:2].lower()
        other = {"al": "el", "el": "al"}.get(article)
        return [other + name[2:]] if other else []
    sun = _SUN_LETTERS.match(name)
    articles = ["al", "el"] + ([f"a{sun.group(1).lower()}"] if sun else [])
    return [f"{a} {form}" for form in (name, *romanisations(name)) for a in articles]


_DOUBLED_VOWEL = re.compile(r"([aeiou])\1", re.IGNORECASE)
_OPEN_END = re.compile(r"[^aeiouy\W]a$", re.IGNORECASE)
_AH_END = re.compile(r"[^aeiouy\W]ah$", re.IGNORECASE)


def _vowel_forms(name: str) -> list[str]:
    """The name as romanisations of Arabic write its vowels otherwise: a long vowel
    doubled or single ("Fuaa" finds Al Fu`ah, also written "Fua"), the feminine ending
    with or without its h ("Sarja" finds "Sarjah", "Sarjah" finds "Sarja"). The
    consonants stay as written."""
    out = []
    single = _DOUBLED_VOWEL.sub(r"\1", name)
    if single != name:
        out.append(single)
    if _OPEN_END.search(name):
        out.append(name + "h")
    elif _AH_END.search(name):
        out.append(name[:-1])
    return out


def seat_word(mention: Mention) -> str | None:
    """The type word ("township") of a unit named after its seat town that the mention
    names ("Tilin Township", "Molale district"), else None."""
    words = mention.name.split()
    last = words[-1].lower() if len(words) > 1 else ""
    word = last if last in SEAT_UNITS else (mention.qualifier or "").lower()
    return word if word in SEAT_UNITS else None


def _lookup(normalized: str, countries: set[str], folder: Path | None) -> list[GazetteerEntry]:
    return [e for cc in sorted(countries) for e in pack_villages(normalized, cc, data_dir=folder)]


def _of_kind(mention: Mention, entries: list[GazetteerEntry]) -> list[GazetteerEntry]:
    return [e for e in entries if prior_features(mention, e, 0)["qualifier_fit"] >= 0]
