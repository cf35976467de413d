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
    _named,
    _near,
    _share,
    context_weights,
)
from geomap.geoparse.context_arrays import MIN_POINT_P, ContextArrays
from geomap.geoparse.scoring import Weights
from geomap.geoparse.structure import HasEntry, ListPeers

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
        self._shares_of([a for a in with_cands if self.flats[a].shares is not None])
        self.share_alone = [a for a in with_cands if self.flats[a].shares is None]
        """Articles whose shares are summed apart (too many cells for a dense table)."""
        self._near_of([a for a in with_cands if (t := self.flats[a].near) is not None
                       and len(t.cols)])  # fmt: skip
        self.near_alone = [a for a in with_cands if self.flats[a].near is None]
        """Articles whose nearness is computed window by window (a long text)."""
        self.named = [a for a in with_cands if self.flats[a].named is not None]
        """Articles a name of which is a country (computed article by article)."""
        self.peers: dict[int, ListPeers] = {}
        """The lists' peers of each article with lists (worked out at its first round)."""

    def _shares_of(self, articles: list[int]) -> None:
        """Both shares of these articles: each article's keys and cells after the
        previous articles' (see ``context_arrays.ShareTable``)."""
        tables = [t for a in articles if (t := self.flats[a].shares) is not None]
        sizes = [len(self.flats[a].group) for a in articles]
        firsts = [self.offsets[a] for a in articles]
        n_keys = [t.n_keys for t in tables]
        n_cells = [t.n_cells for t in tables]
        key_first = [0, *accumulate(n_keys)]
        cell_first = [0, *accumulate(n_cells)]
        n_sel = [len(t.sel) for t in tables]
        twice = [2 * size for size in sizes]
        # the table's selections index the article's candidates, countries' then regions'
        keys, cells = key_first[:-1], cell_first[:-1]
        self.share_sel = _cat([t.sel for t in tables], int) + _spread(firsts, n_sel)
        self.share_key_sel = _cat([t.key_sel for t in tables], int) + _spread(keys, n_sel)
        self.share_pair_sel = _cat([t.pair_sel for t in tables], int) + _spread(cells, n_sel)
        self.share_key_clip = _cat([t.key_clip for t in tables], int) + _spread(keys, twice)
        self.share_pair = _cat([t.pair for t in tables], int) + _spread(cells, twice)
        self.share_valid = _cat([t.valid for t in tables], bool)
        self.share_others = _spread([max(1, self.flats[a].n_named_groups - 1) for a in articles],
                                    twice)  # fmt: skip
        self.n_keys, self.n_cells = key_first[-1], cell_first[-1]
        # where each article's countries' and regions' shares lie among the shares
        at = [0, *accumulate(twice)][:-1]
        within = np.arange(sum(sizes)) - _spread([0, *accumulate(sizes)][:-1], sizes)
        self.share_rows = within + _spread(firsts, sizes)
        """The batch's candidates these shares are of, in order."""
        self.share_country = within + _spread(at, sizes)
        self.share_region = self.share_country + _spread(sizes, sizes)

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
        self.near_col = np.arange(term_first[-1]) + np.repeat(
            _spread(col_first[:-1], n_rows) - row_start, row_width
        )
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
            out[self.share_rows, 0] = shares[self.share_country]
            out[self.share_rows, 1] = shares[self.share_region]
        if len(self.near_cands):
            out[self.near_cands, 2], out[self.near_cands, 3] = self._near(probs)
        for a in self.share_alone:
            f, o = self.flats[a], self.offsets[a]
            mine = probs[o : o + len(f.group)]
            others = max(1, f.n_named_groups - 1)
            out[o : o + len(f.group), 0] = _share(f, mine, f.countries, others)
            out[o : o + len(f.group), 1] = _share(f, mine, f.regions, others)
        for a in self.near_alone:
            f, o = self.flats[a], self.offsets[a]
            near, local = _near(f, probs[o : o + len(f.group)])
            out[o : o + len(f.group), 2] = near
            out[o : o + len(f.group), 3] = local
        for a in self.named:
            f, o, end = self.flats[a], self.offsets[a], self.offsets[a + 1]
            named, any_named = _named(f, probs[o:end])
            out[o:end, 4] = named
            out[o:end, 5] = np.where(f.in_country, np.maximum(0.0, any_named - named), 0.0)
            out[o:end, 7] = f.variant * named
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
