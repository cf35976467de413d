"""Where an article's source writes about: its web domain's country, and an outlet's home.

A local paper names its own town without the state ("Paris", "Columbus"); a reader
knows which one from the paper. Two signals stand in for that knowledge, both learned
from no labels:

* the domain's country-code TLD (``.co.uk`` -> GB, ``.ca`` -> CA); ``.com`` says nothing;
* an outlet's home area, from a batch of its articles: the places a first pass
  resolves confidently, pooled over the outlet's OTHER articles (so an article never
  votes for itself), give shares per country and region and a density of places near
  each candidate.

Both become resolution features (:data:`geomap.geoparse.scoring.FEATURES`), so training
learns how far to trust them. A single article or an unknown domain simply has none.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from geomap.feature_types import OUTLINED_TYPES
from geomap.gazetteer.names import normalize
from geomap.records import GazetteerEntry

__all__ = ["OutletTally", "SourcePrior", "domain_of", "outlet_key", "outlet_priors", "tld_country"]

_PSEUDO = 3.0
"""Pseudo-count added to an outlet's total: a few confident places say little yet."""
_CELL_DEG = 1.0
_DIRECT_CELLS = 2
"""A tally of at most this many cells is summed where asked, without its box."""
_MIN_PICK = 0.5
"""Softmax probability a first-pass pick needs to count as the outlet's evidence."""
_GENERIC_CC = frozenset({
    "ai", "am", "cc", "co", "fm", "gg", "io", "ly", "me", "nu", "tk", "to", "tv", "ws", "eu",
    "su", "ac", "sh", "gl", "la", "ms", "vc", "ag", "bz", "im", "is", "it",
})  # fmt: skip
"""Country codes sold worldwide as vanity domains: no country follows from them."""
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go",
                           "gv", "nic", "ltd", "plc", "sch", "news"})  # fmt: skip
_HOST = re.compile(r"^[a-z0-9.-]+$")


@lru_cache(maxsize=4096)
def domain_of(url_or_domain: str | None) -> str | None:
    """The lower-case host name of a URL or bare domain, without ``www.`` (kept per
    process: a batch asks it of each article's source several times)."""
    if not url_or_domain:
        return None
    text = url_or_domain.strip().lower()
    host = urlsplit(text if "//" in text else f"//{text}").hostname or ""
    host = re.sub(r"^www\d*\.", "", host.rstrip("."))
    return host if "." in host and _HOST.match(host) else None


def outlet_key(domain: str | None) -> str | None:
    """The registrable part of a domain, so ``news.example.com`` is ``example.com``."""
    if not domain:
        return None
    labels = domain.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def tld_country(domain: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code of a country-code TLD (``uk`` is GB), else None."""
    if not domain:
        return None
    tld = domain.rsplit(".", 1)[-1]
    if len(tld) != 2 or not tld.isalpha() or tld in _GENERIC_CC:
        return None
    return "GB" if tld == "uk" else tld.upper()


@dataclass(slots=True)
class OutletTally:
    """Confident places, summed by country, region and 1-degree cell (weights = probability)."""

    total: float = 0.0
    local_total: float = 0.0
    country: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    admin1: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    cells: dict[tuple[int, int], float] = field(default_factory=lambda: defaultdict(float))
    _box: dict[tuple[int, int], float] | None = field(default=None, repr=False, compare=False)

    def box(self) -> dict[tuple[int, int], float]:
        """Per cell, the weight in it and its eight neighbours (built once, when asked)."""
        if self._box is None:
            box: dict[tuple[int, int], float] = defaultdict(float)
            for (i, j), p in self.cells.items():
                for di in (-1, 0, 1):
                    for dj in (-1, 0, 1):
                        box[(i + di, j + dj)] += p
            self._box = dict(box)
        return self._box

    def near(self, cell: tuple[int, int], default: float = 0.0) -> float:
        """``box().get(cell, default)`` summed from the cells themselves, in the same
        order: for a tally of a cell or two (one name's place) building the box costs
        more than the few cells it would be asked about."""
        i0, j0 = cell
        total = 0.0
        found = False
        for (i, j), p in self.cells.items():
            if -1 <= i - i0 <= 1 and -1 <= j - j0 <= 1:
                total += p
                found = True
        return total if found else default

    def near_lookup(self) -> Callable[[tuple[int, int], float], float]:
        """The cheaper of :meth:`near` and the box's ``get`` for this tally."""
        return self.near if len(self.cells) <= _DIRECT_CELLS else self.box().get

    def add(self, e: GazetteerEntry, p: float) -> None:
        self._box = None
        self.total += p
        if e.country_code:
            self.country[e.country_code] += p
            key = _admin1_key(e)
            if key is not None:
                self.admin1[key] += p
        if e.feature_type not in OUTLINED_TYPES:
            self.local_total += p
            self.cells[_cell(e.lat, e.lon)] += p

    def merge(self, other: OutletTally) -> None:
        self._box = None
        self.total += other.total
        self.local_total += other.local_total
        for cc, p in other.country.items():
            self.country[cc] += p
        for key, p in other.admin1.items():
            self.admin1[key] += p
        for cell, p in other.cells.items():
            self.cells[cell] += p


_EMPTY = OutletTally()


@dataclass(frozen=True, slots=True)
class SourcePrior:
    """What an article's source says about where its places are.

    ``outlet`` holds the whole batch's tally for the outlet, ``own`` this article's part
    of it, and ``*_by_name`` the same split by the name that was resolved. A candidate
    for a name is judged by the outlet's OTHER articles and OTHER names only, so a
    first pass's mistake about "London" cannot vouch for itself.
    """

    tld_country: str | None = None
    label: str = ""
    """The outlet's domain without its suffix, letters only ("parisbeacon")."""
    outlet: OutletTally | None = None
    own: OutletTally | None = None
    outlet_by_name: Mapping[str, OutletTally] = field(default_factory=dict)
    own_by_name: Mapping[str, OutletTally] = field(default_factory=dict)

    @classmethod
    def from_url(cls, url_or_domain: str | None) -> SourcePrior:
        domain = domain_of(url_or_domain)
        return cls(tld_country=tld_country(domain), label=_label(outlet_key(domain)))

    @property
    def has_outlet(self) -> bool:
        return self.outlet is not None and self.outlet.total - _total(self.own) > 1e-9

    def features(self, e: GazetteerEntry, name: str | None = None) -> dict[str, float]:
        """The source features of candidate ``e`` for a mention of (normalised) ``name``."""
        return self.features_many([e], name)[0]

    def features_many(
        self, entries: Sequence[GazetteerEntry], name: str | None = None
    ) -> list[dict[str, float]]:
        """The source features of each of a mention's candidates (see :meth:`features`)."""
        tld = self.tld_country
        if self.outlet is None:
            return [_features(float(tld is not None and e.country_code == tld)) for e in entries]
        terms = [(self.outlet, 1.0), (self.own or _EMPTY, -1.0)]
        if name is not None:
            if name in self.outlet_by_name:
                terms.append((self.outlet_by_name[name], -1.0))
            if name in self.own_by_name:
                terms.append((self.own_by_name[name], 1.0))
        total = sum(sign * t.total for t, sign in terms)
        if total <= 1e-9:
            return [_features(float(tld is not None and e.country_code == tld)) for e in entries]
        total += _PSEUDO
        local = sum(sign * t.local_total for t, sign in terms) + _PSEUDO
        # papers are named after their towns: "Paris" in parisbeacon.com is the Paris
        # among the paper's other places
        home = name is not None and len(letters := _letters(name)) >= 4 and letters in self.label
        countries = [(t.country, sign) for t, sign in terms]
        admins = [(t.admin1, sign) for t, sign in terms]
        boxes = [(t.near_lookup(), sign) for t, sign in terms]
        out = []
        for e in entries:
            cc = e.country_code
            tld_match = float(tld is not None and cc == tld)
            if not cc:
                out.append(_features(tld_match))
                continue
            # each share summed term by term in the terms' order (as sum() would), and
            # clipped to [0, 1] as min(1.0, max(0.0, x)) would (NaN and -0.0 to 0.0)
            share = 0.0
            for c, sign in countries:
                share += sign * c.get(cc, 0.0)
            share /= total
            country = share if 0.0 < share < 1.0 else 1.0 if share >= 1.0 else 0.0
            admin1 = near = 0.0
            key = _admin1_key(e)
            if key is not None:
                share = 0.0
                for a, sign in admins:
                    share += sign * a.get(key, 0.0)
                share /= total
                admin1 = share if 0.0 < share < 1.0 else 1.0 if share >= 1.0 else 0.0
            if e.feature_type not in OUTLINED_TYPES:
                cell = _cell(e.lat, e.lon)
                share = 0.0
                for near_weight, sign in boxes:
                    share += sign * near_weight(cell, 0.0)
                share /= local
                near = share if 0.0 < share < 1.0 else 1.0 if share >= 1.0 else 0.0
            out.append(_features(tld_match, country, admin1, near, near if home else 0.0))
        return out


def _features(
    tld_country: float, country: float = 0.0, admin1: float = 0.0, near: float = 0.0,
    home: float = 0.0,
) -> dict[str, float]:  # fmt: skip
    """A candidate's source features, always in this order (scores sum them in order)."""
    return {"source_tld_country": tld_country, "source_country": country,
            "source_admin1": admin1, "source_near": near, "source_home": home}  # fmt: skip


def outlet_priors(
    sources: Sequence[str | None],
    picks: Sequence[Iterable[tuple[str, GazetteerEntry, float]]],
) -> list[SourcePrior]:
    """Each article's prior from the batch: its TLD country and its outlet's other places.

    :param sources: per article, its URL or domain (None when unknown).
    :param picks: per article, a first pass's (normalised name, chosen place,
        probability); a name's place counts once per article, and only when its
        probability is at least one half.
    """
    outlets: dict[str, OutletTally] = defaultdict(OutletTally)
    outlet_names: dict[str, dict[str, OutletTally]] = defaultdict(lambda: defaultdict(OutletTally))
    keys: list[str | None] = []
    own: list[tuple[OutletTally, dict[str, OutletTally]]] = []
    for src, chosen in zip(sources, picks, strict=True):
        key = outlet_key(domain_of(src))
        keys.append(key)
        best: dict[str, tuple[GazetteerEntry, float]] = {}
        for name, e, p in chosen:
            if p >= _MIN_PICK and p > best.get(name, (e, 0.0))[1]:
                best[name] = (e, p)
        tally, by_name = OutletTally(), {}
        for name, (e, p) in best.items():
            tally.add(e, p)
            by_name[name] = OutletTally()
            by_name[name].add(e, p)
        own.append((tally, by_name))
        if key is not None:
            outlets[key].merge(tally)
            for name, t in by_name.items():
                outlet_names[key][name].merge(t)
    return [
        SourcePrior.from_url(src)
        if key is None
        else SourcePrior(
            tld_country=tld_country(domain_of(src)),
            label=_label(key),
            outlet=outlets[key],
            own=tally,
            outlet_by_name=outlet_names[key],
            own_by_name=by_name,
        )
        for src, key, (tally, by_name) in zip(sources, keys, own, strict=True)
    ]


_NOT_LETTERS = re.compile(r"[^a-z]")


def _letters(text: str) -> str:
    return _NOT_LETTERS.sub("", text.lower())


def _label(key: str | None) -> str:
    """The outlet key without its public suffix, letters only."""
    if not key:
        return ""
    labels = key.split(".")
    return _letters("".join(labels[: -2 if len(labels) >= 3 else -1]))


def _total(tally: OutletTally | None) -> float:
    return tally.total if tally is not None else 0.0


def _admin1_key(e: GazetteerEntry) -> tuple[str, str] | None:
    if not e.country_code or e.feature_type == "country":
        return None
    name = (e.admin1 or e.name) if e.feature_type == "admin1" else e.admin1
    return (e.country_code, normalize(name)) if name else None


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return (math.floor(lat / _CELL_DEG), math.floor(lon / _CELL_DEG))

