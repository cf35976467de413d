"""The context rounds of a whole batch of articles at once, each score bit-identical.

:func:`~geomap.geoparse.context.apply_context` costs an article a few dozen array
operations per round, most of them on a few dozen numbers: on LGL the calls, not the
arithmetic, were most of its time. Here the articles' arrays are laid side by side once
(:class:`ContextBatch`, read by both of a batch's passes) and each round is a few dozen
operations for the whole batch.

Each value is computed as for the article alone: the same elementwise operations on the
same numbers; sums over the same elements in the same order (each article's countries,
regions and cells numbered apart from the others', so a sum never mixes two articles);
maxima over the same terms (in each row, those of the article's likely points); and
each article's scores its own matrix product, as before. Only the scores are computed (what
deciding needs): features are written by ``apply_context``. The rare article whose
context is computed otherwise (more names than ``CONTEXT_WINDOW``, too many cells for a
dense table) and the columns the weights need that are not batched here (a country the
article names, list peers) are computed article by article, by the same functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate, pairwise

import numpy as np

from geomap.geoparse.candidates import Candidate
from geomap.geoparse.context import (
    CONTEXT_FEATURES,
    _list_peers,
    _near,
    _share,
    _top2,
    context_weights,
)
from geomap.geoparse.context_arrays import _DENSE_CELLS, MIN_POINT_P, ContextArrays
from geomap.geoparse.list_peers import HasEntry, ListPeers
from geomap.geoparse.scoring import Weights

__all__ = ["ContextBatch", "apply_context_batch", "context_scores"]

_COLUMNS = len(CONTEXT_FEATURES) + 1


def _cat(parts: list[np.ndarray], dtype: type) -> np.ndarray:
    return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype)


def _spread(per_article: Sequence[int], counts: Sequence[int]) -> np.ndarray:
    """Each article's value repeated for each of its ``counts`` items."""
    return np.repeat(np.asarray(per_article, dtype=int), np.asarray(counts, dtype=int))


class ContextBatch:
    """The arrays of a batch's articles side by side, built once from their
    :class:`~geomap.geoparse.context_arrays.ContextArrays` (one concatenation per array:
    each article's indices shifted by the sizes of the articles before it)."""

    def __init__(self, flats: Sequence[ContextArrays]) -> None:
        self.flats = list(flats)
        sizes = [len(f.group) for f in self.flats]
        self.offsets = [0, *accumulate(sizes)]
        """Where each article's candidates start in the batch's arrays (and the end)."""
        self.n = self.offsets[-1]
        with_cands = [a for a, size in enumerate(sizes) if size]
        firsts = [self.offsets[a] for a in with_cands]
        counts = [len(self.flats[a].starts) for a in with_cands]
        self.starts = _cat([self.flats[a].starts for a in with_cands], int) + _spread(
            firsts, counts
        )
        seg_first = [0, *accumulate(counts)][:-1]
        self.seg = _cat([self.flats[a].seg for a in with_cands], int) + _spread(
            seg_first, [sizes[a] for a in with_cands]
        )
        self.share_alone = self._shares_of(with_cands)
        """Articles whose shares are summed apart (too many cells for a dense table)."""
        self._near_of([a for a in with_cands if (t := self.flats[a].near) is not None
                       and len(t.cols)])  # fmt: skip
        self.near_alone = [a for a in with_cands if self.flats[a].near is None]
        """Articles whose nearness is computed window by window (a long text)."""
        self._named_of([a for a in with_cands if self.flats[a].named is not None])
        self.peers: dict[int, ListPeers] = {}
        """The lists' peers of each article with lists (worked out at its first round)."""

    def _shares_of(self, articles: list[int]) -> list[int]:
        """Both shares of these articles, from their candidates' groups, countries and
        regions (as ``context_arrays.KeyTable`` and ``ShareTable`` number them, each
        article's keys and cells after the previous articles'; all the countries' first,
        then all the regions'); the articles whose tables are too large for dense cells
        are returned, to be summed apart."""
        flats = [self.flats[a] for a in articles]
        sizes = [len(f.group) for f in flats]
        cand_first = [0, *accumulate(sizes)][:-1]
        group = _cat([f.group for f in flats], int)
        first = _cat([f.first for f in flats], bool)
        width = np.maximum.reduceat(group, cand_first) + 1 if len(group) else group
        parts = []
        for keys, n_keys in (
            (_cat([f.country for f in flats], int), [f.n_countries for f in flats]),
            (_cat([f.region for f in flats], int), [f.n_regions for f in flats]),
        ):
            parts.append((keys, np.asarray(n_keys, dtype=int), width * n_keys))
        dense = (parts[0][2] <= _DENSE_CELLS) & (parts[1][2] <= _DENSE_CELLS)
        apart = [a for a, ok in zip(articles, dense.tolist(), strict=True) if not ok]
        if apart:  # rare: the dense articles alone
            return apart + self._shares_of([a for a in articles if a not in apart])
        n = len(group)
        self.share_rows = np.arange(n) - _spread(cand_first, sizes) + _spread(
            [self.offsets[a] for a in articles], sizes
        )
        """The batch's candidates these shares are of, in order."""
        sel, key_sel, pair_sel, key_clip, pair, valid = ([] for _ in range(6))
        key_at = cell_at = 0
        for keys, n_keys, n_cells in parts:
            key_first = key_at + np.cumsum(n_keys) - n_keys
            cell_first = cell_at + np.cumsum(n_cells) - n_cells
            has_key = keys >= 0
            chosen = first & has_key
            clipped = np.maximum(keys, 0)
            cells = group * _spread(n_keys, sizes) + clipped + _spread(cell_first, sizes)
            clipped = clipped + _spread(key_first, sizes)
            sel.append(self.share_rows[chosen])
            key_sel.append(clipped[chosen])
            pair_sel.append(cells[chosen])
            key_clip.append(clipped)
            pair.append(cells)
            valid.append(has_key)
            key_at += int(n_keys.sum())
            cell_at += int(n_cells.sum())
        self.share_sel = _cat(sel, int)
        self.share_key_sel = _cat(key_sel, int)
        self.share_pair_sel = _cat(pair_sel, int)
        self.share_key_clip = _cat(key_clip, int)
        self.share_pair = _cat(pair, int)
        self.share_valid = _cat(valid, bool)
        others = _spread([max(1, f.n_named_groups - 1) for f in flats], sizes)
        self.share_others = np.concatenate([others, others])
        self.n_keys, self.n_cells = key_at, cell_at
        return []

    def _named_of(self, articles: list[int]) -> None:
        """The named-country tables of these articles (``context_arrays.NamedTable``):
        their cells numbered after the previous articles', each cell's group and country,
        and each candidate's country numbered after the previous articles' countries."""
        flats = [self.flats[a] for a in articles]
        tables = [t for f in flats if (t := f.named) is not None]
        sizes = [len(f.group) for f in flats]
        firsts = [self.offsets[a] for a in articles]
        n_uniq = [len(t.uniq) for t in tables]
        n_keys = [f.n_countries for f in flats]
        n_sel = [int(t.sel.sum()) for t in tables]
        self.named_sel = _cat([np.flatnonzero(t.sel) for t in tables], int) + _spread(firsts, n_sel)
        self.named_at = _cat([t.at for t in tables], int) + _spread(
            [0, *accumulate(n_uniq)][:-1], n_sel
        )
        self.n_named_cells = sum(n_uniq)
        self.named_cells = [
            [divmod(p, f.n_countries) for p in t.uniq.tolist()]
            for f, t in zip(flats, tables, strict=True)
        ]
        """Per article, each cell's (group, country), in the table's order."""
        self.named_key_first = [0, *accumulate(n_keys)]
        self.named_rows = np.arange(sum(sizes)) - _spread([0, *accumulate(sizes)][:-1], sizes)
        self.named_rows += _spread(firsts, sizes)
        """The batch's candidates of these articles."""
        country = _cat([f.country for f in flats], int)
        self.named_key = np.where(
            country >= 0, country + _spread(self.named_key_first[:-1], sizes), -1
        )
        self.named_group = _cat([f.group for f in flats], int)
        self.named_article = _spread(range(len(flats)), sizes)
        self.named_in_country = _cat([f.in_country for f in flats], bool)
        self.named_variant = _cat([f.variant for f in flats], float)

    def _named(self, probs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``context._named`` of the batched articles: per candidate, the probability that
        another name is its country itself, and the same for the most surely named
        country of its article (each cell's sum, then the best two groups per country
        and per article, as ``_named`` finds them)."""
        sums = np.bincount(self.named_at, weights=probs[self.named_sel],
                           minlength=self.n_named_cells).tolist()  # fmt: skip
        n_keys = self.named_key_first[-1]
        v1, g1, v2 = np.zeros(n_keys), np.full(n_keys, -1), np.zeros(n_keys)
        found = np.zeros(n_keys, dtype=bool)
        overall_v1, overall_g1, overall_v2 = [], [], []
        at = 0
        for cells, key_first in zip(self.named_cells, self.named_key_first[:-1], strict=True):
            best: dict[int, tuple[float, int, float]] = {}
            overall = (0.0, -1, 0.0)
            for (g, c), value in zip(cells, sums[at : at + len(cells)], strict=True):
                best[c] = _top2(best.get(c, (0.0, -1, 0.0)), value, g)
                overall = _top2(overall, value, g)
            at += len(cells)
            for c, (b1, h1, b2) in best.items():
                v1[key_first + c], g1[key_first + c], v2[key_first + c] = b1, h1, b2
                found[key_first + c] = True
            overall_v1.append(overall[0])
            overall_g1.append(overall[1])
            overall_v2.append(overall[2])
        key = self.named_key
        has = found[key] & (key >= 0)
        named = np.where(has, np.where(self.named_group == g1[key], v2[key], v1[key]), 0.0)
        art = self.named_article
        any_named = np.where(self.named_group == np.asarray(overall_g1)[art],
                             np.asarray(overall_v2)[art], np.asarray(overall_v1)[art])  # fmt: skip
        return named, any_named

    def _near_of(self, articles: list[int]) -> None:
        """The near tables of these articles: their terms in one flat array (table after
        table, row after row), each term's column, and each column's point (a candidate
        of the batch)."""
        tables = [t for a in articles if (t := self.flats[a].near) is not None]
        n_rows = [t.reach.shape[0] for t in tables]
        n_cols = [t.reach.shape[1] for t in tables]
        sizes = [len(self.flats[a].group) for a in articles]
        row_first = [0, *accumulate(n_rows)]
        col_first = [0, *accumulate(n_cols)]
        term_first = [0, *accumulate(r * c for r, c in zip(n_rows, n_cols, strict=True))]
        self.near_reach = _cat([t.reach.ravel() for t in tables], float)
        self.near_beside = _cat([t.beside.ravel() for t in tables], float)
        # per row, its table's columns in order: a term's column is its place in its row
        # plus the first column of its table
        row_width = _spread(n_cols, n_rows)
        row_start = np.cumsum(row_width) - row_width
        self.near_col = np.repeat(_spread(col_first[:-1], n_rows) - row_start, row_width)
        self.near_col += np.arange(term_first[-1])  # in place: a million terms
        """Per term, its column among all the tables' columns."""
        self.col_point = _cat([t.cols for t in tables], int) + _spread(
            [self.offsets[a] for a in articles], n_cols
        )
        self.col_table = _spread(range(len(tables)), n_cols)
        self.row_table = _spread(range(len(tables)), n_rows)
        self.n_rows, self.n_tables = row_first[-1], len(tables)
        self.near_cand_rows = _cat([t.rows for t in tables], int) + _spread(
            row_first[:-1], sizes
        )
        """Per candidate of these articles, its row."""
        self.near_cands = np.arange(sum(sizes)) - _spread([0, *accumulate(sizes)][:-1], sizes)
        self.near_cands += _spread([self.offsets[a] for a in articles], sizes)

    # ------------------------------------------------------------------ one round

    def softmax(self, scores: np.ndarray) -> np.ndarray:
        """``ContextArrays.softmax`` of every article: per mention, over its candidates."""
        top = np.maximum.reduceat(scores, self.starts)
        exps = np.exp(scores - top[self.seg])
        return exps / np.add.reduceat(exps, self.starts)[self.seg]

    def features(
        self,
        probs: np.ndarray,
        cands: Sequence[Sequence[Sequence[HasEntry]]],
        groups: Sequence[Sequence[str]],
        lists: Sequence[Sequence[Sequence[int]]],
    ) -> np.ndarray:
        """``context._features`` of every article, one row per candidate of the batch
        (``cands``: per article, per mention, its candidates or their prepared bases)."""
        out = np.zeros((self.n, _COLUMNS))
        if len(self.share_rows):
            mass = probs[self.share_sel]
            total = np.bincount(self.share_key_sel, weights=mass, minlength=self.n_keys)
            own = np.bincount(self.share_pair_sel, weights=mass, minlength=self.n_cells)
            shares = np.where(
                self.share_valid,
                np.minimum(
                    1.0, (total[self.share_key_clip] - own[self.share_pair]) / self.share_others
                ),
                0.0,
            )
            out[self.share_rows, 0] = shares[: len(self.share_rows)]
            out[self.share_rows, 1] = shares[len(self.share_rows) :]
        if len(self.near_cands):
            out[self.near_cands, 2], out[self.near_cands, 3] = self._near(probs)
        for a in self.share_alone:
            f, o = self.flats[a], self.offsets[a]
            mine = probs[o : o + len(f.group)]
            others = max(1, f.n_named_groups - 1)
            countries, regions = f.key_tables()
            out[o : o + len(f.group), 0] = _share(f, mine, countries, others)
            out[o : o + len(f.group), 1] = _share(f, mine, regions, others)
        for a in self.near_alone:
            f, o = self.flats[a], self.offsets[a]
            near, local = _near(f, probs[o : o + len(f.group)])
            out[o : o + len(f.group), 2] = near
            out[o : o + len(f.group), 3] = local
        if len(self.named_rows):
            named, any_named = self._named(probs)
            rows = self.named_rows
            out[rows, 4] = named
            out[rows, 5] = np.where(self.named_in_country,
                                    np.maximum(0.0, any_named - named), 0.0)  # fmt: skip
            out[rows, 7] = self.named_variant * named
        for a, article_lists in enumerate(lists):
            if article_lists and self.offsets[a + 1] > self.offsets[a]:
                o, end = self.offsets[a], self.offsets[a + 1]
                peers = self.peers.get(a)
                if peers is None:  # each candidate's keys are its place's: both passes'
                    peers = self.peers[a] = ListPeers(article_lists, cands[a], groups[a])
                out[o:end, 6] = _list_peers(self.flats[a], probs[o:end], cands[a], groups[a],
                                            article_lists, peers)  # fmt: skip
        return out


    def _near(self, probs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``context._near`` of the batched articles: only the terms of likely points
        (in each row of a table, those of its likely columns, in order)."""
        likely = probs[self.col_point] >= MIN_POINT_P
        best, closest = np.zeros(self.n_rows), np.zeros(self.n_rows)
        if likely.any():
            terms = np.flatnonzero(likely[self.near_col])
            p = probs[self.col_point[self.near_col[terms]]]
            # each row of a table holds as many terms as the table has likely columns
            per_row = np.bincount(self.col_table[likely], minlength=self.n_tables)[self.row_table]
            found = np.flatnonzero(per_row)
            starts = (np.cumsum(per_row) - per_row)[found]
            best[found] = np.maximum(
                np.maximum.reduceat(p * self.near_reach[terms], starts), 0.0
            )
            closest[found] = np.maximum.reduceat(np.sqrt(p) * self.near_beside[terms], starts)
        return best[self.near_cand_rows], closest[self.near_cand_rows]


def apply_context_batch(
    cands: Sequence[list[list[Candidate]]],
    groups: Sequence[Sequence[str]],
    lists: Sequence[Sequence[Sequence[int]]],
    w: Weights,
    batch: ContextBatch,
) -> None:
    """Set every candidate's final linear score, as ``apply_context(..., features=False)``
    of each article would: ``cands``, ``groups`` and ``lists`` per article, in the order
    of the ``ContextArrays`` ``batch`` was built from."""
    static = np.array([c.linear for article in cands for cs in article for c in cs], dtype=float)
    scores = iter(context_scores(static, cands, groups, lists, w, batch).tolist())
    for article in cands:
        for cs in article:
            for c in cs:
                c.linear = next(scores)


def context_scores(
    static: np.ndarray,
    places: Sequence[Sequence[Sequence[HasEntry]]],
    groups: Sequence[Sequence[str]],
    lists: Sequence[Sequence[Sequence[int]]],
    w: Weights,
    batch: ContextBatch,
) -> np.ndarray:
    """The final linear scores of the batch's candidates, from their scores before
    context (``static``, in the batch's order); ``places``: per article, per mention,
    its candidates (or anything with their ``entry``: the lists' peers read their
    places)."""
    if len(static) != batch.n:
        raise ValueError("the candidates are not those the batch was built from")
    if not batch.n:
        return static
    weights, rounds, sharpness = context_weights(w)
    bounds = [(o, end) for o, end in pairwise(batch.offsets) if end > o]
    linear = static
    for _ in range(rounds):
        probs = batch.softmax(sharpness * linear)
        values = batch.features(probs, places, groups, lists)
        # each article's own product, as scoring it alone computes it
        linear = np.empty(batch.n)
        for o, end in bounds:
            linear[o:end] = static[o:end] + values[o:end] @ weights
    return linear
