"""An article's candidates as the flat arrays context is computed on, built once.

Context (:mod:`geomap.geoparse.context`) is computed over a few rounds per scoring, and
a batch scores an article twice; everything that depends only on the candidates'
places (which mention and name group each belongs to, its country and region, the
selections and cells the shares are summed in, every pair's distance terms) is
computed here once per article, and each round only weighs them with the current
probabilities.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from geomap.geoparse.candidates import Candidate

__all__ = [
    "CONTEXT_WINDOW",
    "EARTH_KM",
    "LOCAL_KM",
    "LOG_HALF_EARTH",
    "MIN_POINT_P",
    "ContextArrays",
    "KeyTable",
    "NamedTable",
    "NearTable",
    "ShareTable",
]

CONTEXT_WINDOW = 100
"""Names (in order of first mention) on each side of a name whose places are its context."""
EARTH_KM = 6371.0088
LOG_HALF_EARTH = math.log1p(20_039.0)
LOCAL_KM = 25.0
MIN_POINT_P = 0.005
"""A candidate less likely than this is no evidence of where the article is."""
_DENSE_CELLS = 1 << 20
"""Up to this many (group, country or region) cells, masses are summed in a dense table."""
_NEAR_PAIRS = 1 << 20
"""Up to this many (candidate, point) pairs, their distance terms are kept."""


@dataclass(frozen=True, slots=True)
class KeyTable:
    """What the shares of one key (country or region) are summed over."""

    sel: np.ndarray
    """The candidates whose mass counts: their group's first mention's, with a key."""
    key_sel: np.ndarray
    n_keys: int
    valid: np.ndarray
    """Per candidate, whether it has a key."""
    key_clip: np.ndarray
    pair: np.ndarray
    """Per candidate, its (group, key) cell."""
    pair_sel: np.ndarray | None
    """The selected candidates' cells, when a dense table of cells is small enough."""
    n_cells: int

    @classmethod
    def of(cls, group: np.ndarray, first: np.ndarray, key: np.ndarray, n_keys: int) -> KeyTable:
        valid = key >= 0
        sel = first & valid
        key_clip = np.maximum(key, 0)
        pair = group * n_keys + key_clip
        n_cells = (int(group.max()) + 1) * n_keys
        dense = n_cells <= _DENSE_CELLS
        return cls(sel, key[sel], n_keys, valid, key_clip, pair,
                   pair[sel] if dense else None, n_cells)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ShareTable:
    """The countries' and the regions' dense tables side by side (the regions' keys and
    cells numbered after the countries'), so a round sums both shares in one pass: each
    key's and each cell's sum adds the same masses in the same order as its own table."""

    sel: np.ndarray
    """Positions of the countries' selected candidates, then the regions'."""
    key_sel: np.ndarray
    n_keys: int
    pair_sel: np.ndarray
    n_cells: int
    key_clip: np.ndarray
    """Per candidate, its country's key; then per candidate, its region's."""
    pair: np.ndarray
    valid: np.ndarray

    @classmethod
    def of(cls, a: KeyTable, b: KeyTable) -> ShareTable | None:
        """None unless both tables are dense."""
        if a.pair_sel is None or b.pair_sel is None:
            return None
        return cls(
            np.concatenate([np.flatnonzero(a.sel), np.flatnonzero(b.sel)]),
            np.concatenate([a.key_sel, b.key_sel + a.n_keys]), a.n_keys + b.n_keys,
            np.concatenate([a.pair_sel, b.pair_sel + a.n_cells]), a.n_cells + b.n_cells,
            np.concatenate([a.key_clip, b.key_clip + a.n_keys]),
            np.concatenate([a.pair, b.pair + a.n_cells]), np.concatenate([a.valid, b.valid]),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class NamedTable:
    """The (group, country) cells of the candidates that are countries themselves."""

    sel: np.ndarray
    uniq: np.ndarray
    at: np.ndarray
    """Per selected candidate, its cell's position in ``uniq``."""
    rows: dict[int, tuple[np.ndarray, np.ndarray]]
    """Per country, the mask of the candidates in it and their groups."""


@dataclass(frozen=True, slots=True)
class NearTable:
    """Every candidate against every candidate that may be a point of evidence (its
    group's first mention's, not a country or region): the terms of ``context_near``
    and ``context_local`` before they are weighed, zero within a group and in the rows
    of countries and regions (nearness means nothing for them)."""

    cols: np.ndarray
    reach: np.ndarray
    """1 - log(1 + km) / log(half the earth), one row per distinct (group, place)."""
    beside: np.ndarray
    """exp(-km / 25), the same rows."""
    rows: np.ndarray
    """Per candidate, its row: a name written again has its first mention's places, and
    their rows are computed once."""


@dataclass(frozen=True, slots=True)
class ContextArrays:
    """An article's candidates, mention after mention, as arrays (built from the
    candidates' places only, so an article scored twice builds them once)."""

    starts: np.ndarray
    """Index of the first candidate of every mention that has candidates."""
    seg: np.ndarray
    """Per candidate, the position of its mention among those with candidates."""
    group: np.ndarray
    """Per candidate, its name group's id (groups numbered in order of first mention)."""
    first: np.ndarray
    """Per candidate, whether it belongs to its group's first mention with candidates."""
    country: np.ndarray
    region: np.ndarray
    is_country: np.ndarray
    local: np.ndarray
    """False for countries and regions: nearness means nothing for them."""
    variant: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    n_groups: int
    n_named_groups: int
    """Groups with candidates."""
    n_countries: int
    n_regions: int
    countries: KeyTable | None
    regions: KeyTable | None
    """The countries' and regions' tables: None in arrays built for a batch, which sums
    the shares of all its articles at once (:meth:`key_tables` builds them)."""
    named: NamedTable | None
    near: NearTable | None
    """None for a long text (more names than ``CONTEXT_WINDOW``, or too many pairs)."""
    in_country: np.ndarray
    """Places in a country (not countries themselves): what another name's country
    counts for."""
    points: np.ndarray
    """Candidates that may be a point of evidence (``local`` ones of a group's first
    mention), before their probability is known."""
    area: np.ndarray
    """``~local``: countries and regions."""
    shares: ShareTable | None
    """``countries`` and ``regions`` side by side, when both are dense."""

    @classmethod
    def of(
        cls, cands: list[list[Candidate]], groups: Sequence[str], *, tables: bool = True
    ) -> ContextArrays:
        """``tables``: False for a batch's context (``context_batch``), which sums the
        shares of all its articles from their keys at once: no key tables are built."""
        ids = {g: k for k, g in enumerate(dict.fromkeys(groups))}
        countries: dict[str, int] = {}
        regions: dict[tuple[str, str], int] = {}
        seen: set[str] = set()
        starts: list[int] = []
        seg: list[int] = []
        group: list[int] = []
        first: list[bool] = []
        every: list[Candidate] = []
        pos = 0
        for cs, g in zip(cands, groups, strict=True):
            if not cs:
                continue
            is_first = g not in seen
            seen.add(g)
            starts.append(len(seg))
            seg += [pos] * len(cs)
            group += [ids[g]] * len(cs)
            first += [is_first] * len(cs)
            every += cs
            pos += 1
        # one column at a time over all the candidates (keys numbered in order of first use)
        entries = [c.entry for c in every]
        country = [countries.setdefault(cc, len(countries)) if (cc := e.country_code) else -1
                   for e in entries]  # fmt: skip
        region = [regions.setdefault(r, len(regions)) if (r := c.region) is not None else -1
                  for c in every]  # fmt: skip
        types = [e.feature_type for e in entries]
        is_country = [t == "country" for t in types]
        local = [t not in ("country", "admin1") for t in types]
        variant = [float(c.variant) for c in every]
        lat = [e.lat for e in entries]
        lon = [e.lon for e in entries]
        # candidates alike in everything the near tables read share a row
        first_alike: dict[tuple[int, float, float, bool], int] = {}
        alike = [first_alike.setdefault(k, i)
                 for i, k in enumerate(zip(group, lat, lon, local, strict=True))]  # fmt: skip
        group_a = np.array(group, dtype=int)
        first_a = np.array(first, dtype=bool)
        country_a = np.array(country, dtype=int)
        region_a = np.array(region, dtype=int)
        is_country_a = np.array(is_country, dtype=bool)
        local_a = np.array(local, dtype=bool)
        lat_a = np.radians(np.array(lat, dtype=float))
        lon_a = np.radians(np.array(lon, dtype=float))
        n_countries, n_regions = max(1, len(countries)), max(1, len(regions))
        if not len(group_a):
            return cls(np.array(starts, dtype=int), np.array(seg, dtype=int), group_a, first_a,
                       country_a, region_a, is_country_a, local_a, np.zeros(0), lat_a, lon_a,
                       len(ids), len(seen), n_countries, n_regions,
                       KeyTable.of(np.zeros(1, dtype=int), first_a, country_a, n_countries),
                       KeyTable.of(np.zeros(1, dtype=int), first_a, region_a, n_regions),
                       None, None, *_masks(first_a, country_a, is_country_a, local_a),
                       None)  # fmt: skip
        by_country = KeyTable.of(group_a, first_a, country_a, n_countries) if tables else None
        by_region = KeyTable.of(group_a, first_a, region_a, n_regions) if tables else None
        return cls(
            np.array(starts, dtype=int), np.array(seg, dtype=int), group_a, first_a, country_a,
            region_a, is_country_a, local_a, np.array(variant, dtype=float), lat_a, lon_a,
            len(ids), len(seen), n_countries, n_regions, by_country, by_region,
            _named_table(group_a, first_a, is_country_a, country_a, n_countries),
            _near_table(group_a, first_a, local_a, lat_a, lon_a, len(ids), alike),
            *_masks(first_a, country_a, is_country_a, local_a),
            ShareTable.of(by_country, by_region) if by_country and by_region else None,
        )  # fmt: skip

    def key_tables(self) -> tuple[KeyTable, KeyTable]:
        """The countries' and the regions' tables (built now for arrays built without)."""
        if self.countries is not None and self.regions is not None:
            return self.countries, self.regions
        return (KeyTable.of(self.group, self.first, self.country, self.n_countries),
                KeyTable.of(self.group, self.first, self.region, self.n_regions))  # fmt: skip

    def softmax(self, scores: np.ndarray) -> np.ndarray:
        top = np.maximum.reduceat(scores, self.starts)
        exps = np.exp(scores - top[self.seg])
        return exps / np.add.reduceat(exps, self.starts)[self.seg]


def _masks(
    first: np.ndarray, country: np.ndarray, is_country: np.ndarray, local: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``in_country``, ``points`` and ``area``: each round of context reads them."""
    return (country >= 0) & ~is_country, first & local, ~local


def _named_table(
    group: np.ndarray, first: np.ndarray, is_country: np.ndarray, country: np.ndarray,
    n_countries: int,
) -> NamedTable | None:  # fmt: skip
    sel = first & is_country & (country >= 0)
    if not sel.any():
        return None
    pair = (group[sel] * n_countries + country[sel]).tolist()
    # np.unique(pair, return_inverse=True) of a few dozen numbers, in Python: the same
    # values, a tenth of its calls' time (an article makes one table)
    ordered = sorted(set(pair))
    place = {p: k for k, p in enumerate(ordered)}
    uniq = np.array(ordered, dtype=int)
    at = np.array([place[p] for p in pair], dtype=np.intp)
    rows = {}
    for c in sorted({p % n_countries for p in ordered}):
        mask = country == c
        rows[c] = (mask, group[mask])
    return NamedTable(sel, uniq, at, rows)


def _near_table(
    group: np.ndarray, first: np.ndarray, local: np.ndarray, lat: np.ndarray, lon: np.ndarray,
    n_groups: int, alike: list[int],
) -> NearTable | None:  # fmt: skip
    """``alike``: per candidate, the first candidate with its group, place and locality."""
    cols = np.flatnonzero(first & local)
    if n_groups > CONTEXT_WINDOW or len(group) * len(cols) > _NEAR_PAIRS:
        return None  # the windows of context._near, computed round by round
    plat, plon, pgroup = lat[cols], lon[cols], group[cols]
    firsts = sorted(set(alike))  # each row's first candidate
    row_of = {f: r for r, f in enumerate(firsts)}
    rows = np.array([row_of[f] for f in alike], dtype=int)
    uniq = np.array(firsts, dtype=int)
    group, local, lat, lon = group[uniq], local[uniq], lat[uniq], lon[uniq]
    # the haversine distance and both terms, each operation the one of
    # ``sin(dlat / 2) ** 2 + cos(lat) * cos(plat) * sin(dlon / 2) ** 2`` and so on in the
    # same order, written into the arrays already made (a batch's tables hold about a
    # million terms, and a fresh array per step cost a fifth of their time)
    km = np.subtract(plat[None, :], lat[:, None])
    km /= 2
    np.sin(km, out=km)
    np.square(km, out=km)
    beside = np.subtract(plon[None, :], lon[:, None])
    beside /= 2
    np.sin(beside, out=beside)
    np.square(beside, out=beside)
    reach = np.cos(lat)[:, None] * np.cos(plat)[None, :]
    reach *= beside
    km += reach
    np.clip(km, 0.0, 1.0, out=km)
    np.sqrt(km, out=km)
    np.arcsin(km, out=km)
    km *= 2 * EARTH_KM
    same = group[:, None] == pgroup[None, :]
    np.log1p(km, out=reach)
    reach /= LOG_HALF_EARTH
    np.subtract(1.0, reach, out=reach)
    reach[same] = 0.0
    np.negative(km, out=beside)
    beside /= LOCAL_KM
    np.exp(beside, out=beside)
    beside[same] = 0.0
    area = ~local
    reach[area] = 0.0
    beside[area] = 0.0
    return NearTable(cols, reach, beside, rows)
