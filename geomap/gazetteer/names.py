"""Name normalisation shared by the gazetteer index and recognition.

Both sides must fold names the same way, or a name written "Dnipro" in an article
would miss "Dnipró" in GeoNames; so there is exactly one ``normalize``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "COMMON_WORDS",
    "JOINED_KEY_MIN",
    "is_latin",
    "joined_key",
    "normalize",
    "token_count",
    "usable_alternate",
]

# Letters NFKD does not decompose into a base letter plus marks.
_FOLD = str.maketrans(
    {
        "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "\u0131": "i", "þ": "th", "Þ": "th",
        "ħ": "h", "Ħ": "h", "ŧ": "t", "ŋ": "n", "ƒ": "f",
    }
)  # fmt: skip
# Apostrophes and quote-like marks vanish ("Donets'k" ~ "Donetsk", "Côte d'Ivoire").
_APOSTROPHES = re.compile("['\"`\u2018\u2019\u00b4\u02bc\u02bb\u02b9\u2032\u201c\u201d]")
# Dots vanish so "St. Louis" ~ "St Louis" and "U.S." ~ "US".
_DOTS = re.compile(r"\.")
# Any other run of non-alphanumerics (hyphens, commas, brackets, slashes) is one space.
_SEPARATORS = re.compile(r"[^\w]+|_+")
# The same folding for an ASCII name in one C call: case folded, apostrophes and dots
# dropped, every other character that is not a letter or digit a space.
_ASCII_FOLD = str.maketrans(
    {chr(c): (None if chr(c) in "'\"`." else chr(c).lower() if chr(c).isalnum() else " ")
     for c in range(128)}
)  # fmt: skip


_FOLDED = re.compile(f"[{''.join(chr(c) for c in _FOLD)}]")
"""Any letter ``_FOLD`` replaces: most names have none, and a search costs less than
a translation, which looks every character up."""
_LATIN_MARKS = re.compile(
    "[" + "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))) + "]+"
)
"""The combining marks of the Latin accents (not U+034F, the grapheme joiner: no mark)."""
_PLAIN = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*").fullmatch
"""A name that is already its own key once lower-cased (most names)."""


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Fold a place name to its lookup key: no accents, no case, no punctuation.

    ``normalize("Kyiv") == "kyiv"``, ``normalize("St. Louis") == normalize("st louis")``,
    ``normalize("Ivano-Frankivsk") == "ivano frankivsk"``; ``"Kyiv's"`` folds to
    ``"kyivs"`` (possessives are recognition's business, not a name variant).
    """
    if name.isascii():  # most names: nothing to fold but case and punctuation
        return _ascii_key(name)
    if _FOLDED.search(name):
        name = name.translate(_FOLD)
    # the accents of Latin letters go in one C call, any other mark one by one
    text = _LATIN_MARKS.sub("", unicodedata.normalize("NFKD", name))
    if not text.isascii():
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold()
    if text.isascii():  # "Dnipró" is "dnipro" now: the rest is as for an ASCII name
        return _ascii_key(text)
    text = _APOSTROPHES.sub("", text)
    text = _DOTS.sub("", text)
    return " ".join(_SEPARATORS.sub(" ", text).split())


def _ascii_key(name: str) -> str:
    lower = name.lower()
    if _PLAIN(lower):
        return lower
    return " ".join(name.translate(_ASCII_FOLD).split())


# The Arabic article as a name's first word, each way news and GeoNames write it, and the
# one form a joined key gives it: "El Wak", "Al Wak" and "Elwak" share the key "alwak",
# "Ed Damer" and "Addamer" the key "addamer". Longest forms first.
_PARTICLES = (
    ("edh", "adh"), ("esh", "ash"), ("eth", "ath"), ("adh", "adh"), ("ash", "ash"),
    ("ath", "ath"), ("el", "al"), ("il", "al"), ("ul", "al"), ("al", "al"), ("ed", "ad"),
    ("ad", "ad"), ("en", "an"), ("an", "an"), ("er", "ar"), ("ur", "ar"), ("ar", "ar"),
    ("es", "as"), ("as", "as"), ("et", "at"), ("at", "at"), ("ez", "az"), ("az", "az"),
)  # fmt: skip
_PARTICLE_FORM = dict(_PARTICLES)
JOINED_KEY_MIN = 5
"""Shortest joined key kept or asked about: shorter ones join ordinary words by chance."""


def joined_key(normalized: str) -> str:
    """The key an already normalised name shares with its spellings that join or split
    its words differently: no spaces, and a leading Arabic article in one form.

    ``joined_key("el wak") == joined_key("elwak") == "alwak"``,
    ``joined_key("beled weyne") == "beledweyne"``. Hyphens need nothing here: ``normalize``
    already reads "Bool-Kiiba" as "bool kiiba". A one-word name's article is found by its
    letters ("Elwak"), so the key of a one-word name is only worth asking about where
    the name itself names nothing.
    """
    words = normalized.split()
    if not words:
        return ""
    first = words[0]
    if len(words) > 1:
        words[0] = _PARTICLE_FORM.get(first, first)
        return "".join(words)
    for particle, form in _PARTICLES:
        if first.startswith(particle) and len(first) - len(particle) >= 3:
            return form + first[len(particle) :]
    return first


def token_count(normalized: str) -> int:
    """Number of words in an already normalised name."""
    return normalized.count(" ") + 1 if normalized else 0


_OUTSIDE_LATIN = re.compile("[^\u0000-\u024f\u1e00-\u1eff\u2000-\u206f]")


def is_latin(name: str) -> bool:
    """True when every letter is Latin script (GeoNames alternates mix in every script).

    Called for every alternate name of every place while the index is built, so the
    common cases (plain ASCII, no letter outside the Latin blocks) are one C call each."""
    if name.isascii():
        return True
    return not any(ch.isalpha() for ch in _OUTSIDE_LATIN.findall(name))


# Lowercase English words that GeoNames lists as alternate names of some place; as
# alternates they would turn ordinary prose into place mentions.
_COMMON_WORDS_TEXT = """
    about above after again against all also along among and any april are area around
    august back bad bank bay beach bear before begin being below best big bird black blue
    board body border both bridge brown but call camp can cape capital care castle cat
    center central centre change church city clear close coast cold come common corner
    could country county court cross day dead deal december deep did does dog door down
    each early earth east eight end even every fair fall false far farm february field
    fifth fine first five fort forth four free friday from front full game gap garden gate
    give glen going gold good grand great green grove ground group hall hand happy harbor
    harbour has have head heart heights help here high hill his hold home hope horse hot
    house how hub island its january join joy july june just keep key kind king lake land
    large last late left liberty light like line little long lord love low main make man
    many march mark market may mill miles mine monday more most mount mountain much must
    name near new news next nice nine noon north not november now oak october off old once
    one only open other our out over own paradise park part pass peace pine place plain
    point pond pool port post power prince queen rain range red rest rich ridge right ring
    river road rock rose round run saint saturday say school sea second see september
    seven shore side silver six small snow some south spring square star state station
    still stone street strong summer sun sunday table take ten than that the their them
    then there these they thing third this three thursday time today top tower town
    tuesday two under union unity upper valley very victory view village wall war was water
    way wednesday well west what when where which white who why will wind winter with wood
    work world year yes you young
"""
COMMON_WORDS = frozenset(_COMMON_WORDS_TEXT.split())


def usable_alternate(alternate: str) -> bool:
    """Whether a GeoNames alternate name is worth indexing.

    GeoNames alternates include codes ("IEV"), scraps ("Ko"), lowercase
    romanisations of other scripts ("kheiyf") and common words: none of them helps
    find a place in English news, and each one is a false mention waiting to happen.
    """
    if not alternate or not alternate[0].isupper() or not is_latin(alternate):
        return False
    if any(ch.isdigit() for ch in alternate) or "(" in alternate:
        return False
    key = normalize(alternate)
    if len(key.replace(" ", "")) < 3 or token_count(key) > 6 or key in COMMON_WORDS:
        return False
    # Short all-capital strings are codes (airports, stations), not names.
    return not (alternate.isupper() and len(alternate) <= 5)
