"""Where the article's other mentions point: every candidate's context features.

Context is computed from the other mentions' candidate distributions (a softmax over
each mention's current scores) and refined over a few rounds, so "Georgia" beside
"Atlanta" is the US state and beside "Tbilisi" the country. Per candidate:

- ``context_country`` / ``context_admin1``: the share of the other names' evidence in
  its country / first-level region;
- ``context_near`` / ``context_local``: how close it lies to the other names' likely
  places, on a world's and on a town's scale;
- ``named_country``: how surely the article names its country itself ("Libya", "Libyan")
  as another name. A share dilutes this (a flood story naming Libya, Morocco, Europe
  and a news agency gives Libya a quarter), while a named country is strong evidence
  on its own;
- ``name_exact`` for a candidate whose main name the mention spells another way (a
  transliteration: Derna / Darnah, Kupyansk / Kupiansk; see
  :func:`~geomap.geoparse.candidates.spelling_variant`) is ``named_country``: the
  article's naming the place's country makes the variant spelling as good as its main
  name, while elsewhere an alternate name stays weaker than a main one;
- ``other_country_named``: the article names a country and it is not this candidate's
  (for places in a country, not for countries);
- ``list_peer``: within a list of names, the share of the others that are places of
  the candidate's level in its country (:mod:`geomap.geoparse.structure`).

Everything is computed on flat arrays over all of an article's candidates, once per
round; the features are written to the candidates' dicts only at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

import numpy as np

from geomap.geoparse.candidates import Candidate
from geomap.geoparse.context_arrays import (
    CONTEXT_WINDOW,
    EARTH_KM,
    LOCAL_KM,
    LOG_HALF_EARTH,
    MIN_POINT_P,
    ContextArrays,
    KeyTable,
    ShareTable,
)
from geomap.geoparse.list_peers import HasEntry, ListPeers
from geomap.geoparse.scoring import Weights

__all__ = ["CONTEXT_FEATURES", "CONTEXT_WINDOW", "ContextArrays", "apply_context"]

CONTEXT_FEATURES = (
    "context_country",
    "context_admin1",
    "context_near",
    "context_local",
    "named_country",
    "other_country_named",
    "list_peer",
)


def apply_context(
    cands: list[list[Candidate]],
    groups: Sequence[str],
    lists: Sequence[Sequence[int]],
    w: Weights,
    *,
    flat: ContextArrays | None = None,
    features: bool = True,
) -> None:
    """Set every candidate's context features and its final linear score.

    :param flat: The candidates' arrays, when already built for these places.
    :param features: False: set only the scores.
    """
    static = np.array([c.linear for cs in cands for c in cs], dtype=float)
    if not len(static):
        return
    flat = flat if flat is not None else ContextArrays.of(cands, groups)
    weights, rounds, sharpness = context_weights(w)
    peers = ListPeers(lists, cands, groups) if lists else None  # the same every round
    linear = static
    values = np.zeros((len(static), len(CONTEXT_FEATURES) + 1))
    for _ in range(rounds):
        probs = flat.softmax(sharpness * linear)
        values = _features(flat, probs, cands, groups, lists, peers)
        linear = static + values @ weights
    if not features:
        scores = iter(linear.tolist())
        for cs in cands:
            for c in cs:
                c.linear = next(scores)
        return
    rows = iter(zip(values.tolist(), linear.tolist(), strict=True))
    for cs in cands:
        for c in cs:
            row, c.linear = next(rows)
            c.features.update(zip(CONTEXT_FEATURES, row, strict=False))
            if c.variant:
                c.features["name_exact"] = row[-1]


def context_weights(w: Weights) -> tuple[np.ndarray, int, float]:
    """The context columns' weights (the last is name_exact's share for a variant
    spelling in its named country), the number of rounds and the softmax's sharpness."""
    weights = np.array([w.weights.get(n, 0.0) for n in (*CONTEXT_FEATURES, "name_exact")])
    return weights, int(w.extra.get("context_rounds", 2)), w.extra.get("context_sharpness", 1.0)


def _features(
    flat: ContextArrays,
    probs: np.ndarray,
    cands: list[list[Candidate]],
    groups: Sequence[str],
    lists: Sequence[Sequence[int]],
    peers: ListPeers | None = None,
) -> np.ndarray:
    others = max(1, flat.n_named_groups - 1)
    out = np.zeros((len(probs), len(CONTEXT_FEATURES) + 1))
    if flat.shares is not None:  # both keys in one pass
        out[:, :2] = _shares(flat.shares, probs, others).reshape(2, -1).T
    else:
        countries, regions = flat.key_tables()
        out[:, 0] = _share(flat, probs, countries, others)
        out[:, 1] = _share(flat, probs, regions, others)
    out[:, 2], out[:, 3] = _near(flat, probs)
    if flat.named is not None:  # else no name is a country: these columns stay zero
        named, any_named = _named(flat, probs)
        out[:, 4] = named
        # a country's own name is its mention, not another's: only places in a country count
        out[:, 5] = np.where(flat.in_country, np.maximum(0.0, any_named - named), 0.0)
        out[:, 7] = flat.variant * named
    if lists:
        out[:, 6] = _list_peers(flat, probs, cands, groups, lists, peers)
    return out


def _share(flat: ContextArrays, probs: np.ndarray, keys: KeyTable, others: int) -> np.ndarray:
    """Per candidate, the other groups' probability mass in its key (country or region)
    over the number of other groups, capped at 1."""
    mass = probs[keys.sel]
    total = np.bincount(keys.key_sel, weights=mass, minlength=keys.n_keys)
    if keys.pair_sel is not None:  # a dense table of (group, key) cells
        sums = np.bincount(keys.pair_sel, weights=mass, minlength=keys.n_cells)
        own = sums[keys.pair]  # a candidate without a key is zeroed below
    else:
        own = _own_mass(keys.pair, keys.valid, keys.sel, probs)
    return np.where(keys.valid, np.minimum(1.0, (total[keys.key_clip] - own) / others), 0.0)


def _shares(table: ShareTable, probs: np.ndarray, others: int) -> np.ndarray:
    """:func:`_share` of the countries, then of the regions, from their joint table."""
    mass = probs[table.sel]
    total = np.bincount(table.key_sel, weights=mass, minlength=table.n_keys)
    own = np.bincount(table.pair_sel, weights=mass, minlength=table.n_cells)[table.pair]
    return np.where(table.valid, np.minimum(1.0, (total[table.key_clip] - own) / others), 0.0)


def _own_mass(
    pair: np.ndarray, valid: np.ndarray, sel: np.ndarray, probs: np.ndarray
) -> np.ndarray:
    """Per candidate, its own group's mass in its key (among the selected candidates),
    where the (group, key) cells are too many for a dense table."""
    uniq, inverse = np.unique(pair[sel], return_inverse=True)
    if not len(uniq):
        return np.zeros(len(pair))
    sums = np.bincount(inverse, weights=probs[sel], minlength=len(uniq))
    at = np.minimum(np.searchsorted(uniq, pair), len(uniq) - 1)
    return np.where((uniq[at] == pair) & valid, sums[at], 0.0)


def _named(flat: ContextArrays, probs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per candidate, the probability that another name of the article is its country
    itself, and the same for the most surely named country of all."""
    n = len(probs)
    named_table = flat.named
    if named_table is None:
        return np.zeros(n), np.zeros(n)
    uniq = named_table.uniq
    sums = np.bincount(named_table.at, weights=probs[named_table.sel], minlength=len(uniq))
    # per country and overall: the best group and value, and the runner-up's value
    best: dict[int, tuple[float, int, float]] = {}
    overall = (0.0, -1, 0.0)
    for p, value in zip(uniq.tolist(), sums.tolist(), strict=True):
        g, c = divmod(p, flat.n_countries)
        best[c] = _top2(best.get(c, (0.0, -1, 0.0)), value, g)
        overall = _top2(overall, value, g)
    named = np.zeros(n)
    for c, (v1, g1, v2) in best.items():
        rows, row_groups = named_table.rows[c]
        named[rows] = np.where(row_groups == g1, v2, v1)
    v1, g1, v2 = overall
    any_named = np.where(flat.group == g1, v2, v1)
    return named, any_named


def _top2(top: tuple[float, int, float], value: float, group: int) -> tuple[float, int, float]:
    """(best value, its group, best value of another group), after one more (group, value)."""
    v1, g1, v2 = top
    if group == g1:
        return (max(v1, value), g1, v2)
    if value > v1:
        return (value, group, v1)
    return (v1, g1, max(v2, value))


def _list_peers(
    flat: ContextArrays,
    probs: np.ndarray,
    cands: Sequence[Sequence[HasEntry]],
    groups: Sequence[str],
    lists: Sequence[Sequence[int]],
    peers: ListPeers | None = None,
) -> np.ndarray:
    """``list_peer`` of every candidate (zero outside lists); ``peers``: the lists'
    :class:`~geomap.geoparse.list_peers.ListPeers`, when already worked out."""
    offsets = [0, *accumulate(len(cs) for cs in cands)]
    peers = peers if peers is not None else ListPeers(lists, cands, groups)
    # only the members' probabilities are read
    per_mention = {m: probs[offsets[m] : offsets[m + 1]].tolist() for m in peers.members}
    out = np.zeros(len(probs))
    for found in peers.values(per_mention):
        for m, values in found.items():
            out[offsets[m] : offsets[m] + len(values)] = values
    return out


def _near(flat: ContextArrays, probs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per candidate, the best p * (1 - log(1 + km) / log(half the earth)) over the
    other groups' likely places, and the best sqrt(p) * exp(-km / 25): a town beside its
    county ("Huntsville" and "Walker County") rather than merely in the same part of a
    country.

    Only the names first mentioned within ``CONTEXT_WINDOW`` names of a candidate's own
    count: a news article names far fewer (LGL's and TR-News's at most 33), so for it
    this is every name, while a long text costs time linear in its length instead of
    the square of its number of names, and a place named half a book away is no
    evidence anyway.
    """
    n = len(probs)
    near = flat.near
    if near is not None:  # every pair's terms computed once: only the weights change
        p = probs[near.cols]
        likely = np.flatnonzero(p >= MIN_POINT_P)
        if not len(likely):
            return np.zeros(n), np.zeros(n)
        reach, beside = near.reach, near.beside
        if len(likely) < len(p):
            # only the likely points' columns: the others' terms would be 0 (their p is
            # taken as 0), and every term is >= 0, so no maximum changes without them
            p, reach, beside = p[likely], reach[:, likely], beside[:, likely]
        # the ufunc's reduce: ndarray.max is the same reduce behind a Python-level call;
        # the tables' rows of countries and regions are zero, so are their maxima
        best = np.maximum(np.maximum.reduce(p[None, :] * reach, axis=1), 0.0)
        closest = np.maximum.reduce(np.sqrt(p)[None, :] * beside, axis=1)
        return best[near.rows], closest[near.rows]
    pts = flat.points & (probs >= MIN_POINT_P)
    if not pts.any():
        return np.zeros(n), np.zeros(n)
    best, closest = np.zeros(n), np.zeros(n)
    pgroup = flat.group[pts]
    order = np.argsort(pgroup, kind="stable")
    pgroup = pgroup[order]
    plat, plon, prob = flat.lat[pts][order], flat.lon[pts][order], probs[pts][order]
    spot_order = np.argsort(flat.group, kind="stable")
    spot_groups = flat.group[spot_order]
    for first in range(0, flat.n_groups, CONTEXT_WINDOW):
        last = first + CONTEXT_WINDOW
        s0, s1 = np.searchsorted(spot_groups, [first, last])
        p0, p1 = np.searchsorted(pgroup, [first - CONTEXT_WINDOW, last + CONTEXT_WINDOW])
        if s0 == s1 or p0 == p1:
            continue
        rows = spot_order[s0:s1]
        b, c = _near_block(
            flat.lat[rows], flat.lon[rows], flat.group[rows],
            plat[p0:p1], plon[p0:p1], prob[p0:p1], pgroup[p0:p1],
        )  # fmt: skip
        best[rows], closest[rows] = b, c
    best[flat.area] = 0.0
    closest[flat.area] = 0.0
    return best, closest


def _near_block(
    lat: np.ndarray, lon: np.ndarray, group: np.ndarray,
    plat: np.ndarray, plon: np.ndarray, prob: np.ndarray, pgroup: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """:func:`_near` for some candidates against the points in their window."""
    dlat = plat[None, :] - lat[:, None]
    dlon = plon[None, :] - lon[:, None]
    a = np.sin(dlat / 2) ** 2 + np.cos(lat)[:, None] * np.cos(plat)[None, :] * np.sin(dlon / 2) ** 2
    km = 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    apart = np.abs(group[:, None] - pgroup[None, :])
    ignored = (apart == 0) | (apart > CONTEXT_WINDOW)
    val = prob[None, :] * (1.0 - np.log1p(km) / LOG_HALF_EARTH)
    val[ignored] = 0.0
    best = np.maximum(val.max(axis=1), 0.0)
    # the square root: a less likely reading of another name still vouches for a
    # place right beside it (both of "Huntsville" and "Walker County" in Texas)
    close = np.sqrt(prob)[None, :] * np.exp(-km / LOCAL_KM)
    close[ignored] = 0.0
    return best, close.max(axis=1)
