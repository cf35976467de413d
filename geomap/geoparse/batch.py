"""Resolving a batch of articles together, so each outlet's home area informs its articles.

A first pass resolves every article on its own (with its domain's country only); the
places it picks confidently, pooled per outlet, become a prior for a second pass over
the articles whose outlet has other articles in the batch (:mod:`geomap.geoparse.source`).
An article alone in the batch, or without a known source, is resolved once, as by
:func:`~geomap.geoparse.resolve.resolve`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from geopy.geocoders.base import Geocoder

from geomap.geoparse.candidates import Candidate, geocoder_name
from geomap.geoparse.resolve import decide, score_candidates, top_picks
from geomap.geoparse.scoring import Weights, default_weights
from geomap.geoparse.source import SourcePrior, domain_of, outlet_key, outlet_priors
from geomap.records import Article, Mention, Resolution

__all__ = ["BatchItem", "resolve_batch", "score_batch", "score_batch_both"]


@dataclass(frozen=True, slots=True)
class BatchItem:
    article: Article
    mentions: Sequence[Mention]
    source: str | None = None
    """The article's URL or domain; ``article.url`` when None."""


def score_batch(
    items: Sequence[BatchItem], geocoder: Geocoder, *, weights: Weights | None = None
) -> list[list[list[Candidate]]]:
    """Every article's candidates, scored with its outlet's prior where the batch gives one."""
    return _passes(items, geocoder, weights or default_weights(), keep_alone=False)[1]


def score_batch_both(
    items: Sequence[BatchItem], geocoder: Geocoder, *, weights: Weights | None = None
) -> tuple[list[list[list[Candidate]]], list[list[list[Candidate]]]]:
    """Every article's candidates scored alone (its domain's country only) and with its
    outlet's prior: a training script fits on both, so the weights serve single articles
    as well as batches."""
    alone, joint = _passes(items, geocoder, weights or default_weights(), keep_alone=True)
    return alone, joint


def _passes(
    items: Sequence[BatchItem], geocoder: Geocoder, w: Weights, *, keep_alone: bool
) -> tuple[list[list[list[Candidate]]], list[list[list[Candidate]]]]:
    sources = [it.source or it.article.url for it in items]
    keys = [outlet_key(domain_of(s)) for s in sources]
    counts = Counter(k for k in keys if k is not None)
    first: list[list[list[Candidate]] | None] = []
    alone = []
    picks = []
    for it, src, key in zip(items, sources, keys, strict=True):
        cands = score_candidates(it.article, it.mentions, geocoder, weights=w,
                                 source=SourcePrior.from_url(src))  # fmt: skip
        picks.append(top_picks(it.mentions, cands))
        # kept only where no second pass will replace it
        first.append(cands if key is None or counts[key] < 2 else None)
        if keep_alone:
            alone.append(cands)
    priors = outlet_priors(sources, picks)
    joint = []
    for it, cands, prior in zip(items, first, priors, strict=True):
        if cands is None:
            cands = score_candidates(it.article, it.mentions, geocoder, weights=w, source=prior)
        joint.append(cands)
    return alone, joint


def resolve_batch(
    items: Sequence[BatchItem], geocoder: Geocoder, *, weights: Weights | None = None
) -> list[list[Resolution]]:
    """Each article's resolutions (as :func:`~geomap.geoparse.resolve.resolve`), in order."""
    w = weights or default_weights()
    name = geocoder_name(geocoder)
    return [
        decide(it.mentions, cands, weights=w, geocoder_name=name)
        for it, cands in zip(items, score_batch(items, geocoder, weights=w), strict=True)
    ]
