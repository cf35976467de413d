"""What scoring an article computes before its source's features, computed once.

A batch scores each article twice (alone, then with its outlet's prior: see
:mod:`geomap.geoparse.batch`), and the articles of a batch name the same places again
and again. So the candidates of a mention and their prior features (everything
:func:`~geomap.geoparse.candidates.prior_features` says, which depends only on the
mention's name, demonym and type word) are kept per batch in a :class:`PriorCache`, and
the rest that no source prior changes (the wording's containment and area cues, the
capital namesakes, the lists, the context's arrays) is kept per article in a
:class:`PreparedArticle`.

Every weighted sum here adds the same terms in the same order as
:func:`~geomap.geoparse.scoring.linear_score` over the candidate's whole feature dict
(a zero term adds nothing and is skipped), so the scores are those of scoring afresh.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from geopy.geocoders.base import Geocoder

from geomap.gazetteer.names import normalize
from geomap.geoparse.candidates import (
    Candidate,
    candidates_for,
    capital_namesake_features,
    name_features,
    prior_features,
    spelling_variant,
)
from geomap.geoparse.containment import add_containers
from geomap.geoparse.context import ContextArrays
from geomap.geoparse.scoring import Weights, default_weights
from geomap.geoparse.structure import Relations, is_area
from geomap.records import Article, GazetteerEntry, Mention

__all__ = ["PreparedArticle", "PriorCache", "prepare_article", "weighted_sum"]

_WORDING = ("container", "area_cue")
"""Prior features the article's wording sets (after the prior ones, in the dict's order)."""
_MAX_FORMS = 50_000


def weighted_sum(features: dict[str, float], weights: Weights, total: float = 0.0) -> float:
    """``total`` plus each feature times its weight, in the dict's order (the sum of
    :func:`~geomap.geoparse.scoring.linear_score` without the bias); zeros skipped."""
    weight_of = weights.weights.get
    for name, value in features.items():
        if value:
            total += weight_of(name, 0.0) * value
    return total


@dataclass(frozen=True, slots=True)
class _Form:
    """A mention form's candidates and what each is on its own."""

    entries: list[GazetteerEntry]
    priors: list[dict[str, float]]
    """Prior and name features, the wording's still zero."""
    prefix: list[float]
    """Weighted sum of each prior dict up to its first wording feature."""
    rests: list[tuple[tuple[str, float], ...]]
    """Each prior dict's keys from its first wording feature on, with their weights."""
    regions: list[tuple[str, str] | None]
    variants: list[bool]
    tails: list[dict[str, float]]
    """Capital-namesake features (scored after the source's)."""
    tail_terms: list[tuple[float, ...]]
    """The tails' non-zero weighted terms, in order."""
    totals: list[float]
    """Each prior dict's whole weighted sum (the wording's features all zero): the base
    sum of a candidate the article's wording sets nothing for."""


@dataclass(slots=True)
class PriorCache:
    """Mention forms already looked up and scored on their own, for one geocoder and one
    set of weights (a batch's)."""

    geocoder: Geocoder
    weights: Weights
    forms: dict[tuple[str, bool, str | None], _Form] = field(default_factory=dict)

    def form(self, m: Mention, qualifier: str | None) -> _Form:
        key = (m.name, m.demonym, qualifier)
        found = self.forms.get(key)
        if found is None:
            if len(self.forms) > _MAX_FORMS:
                self.forms.clear()
            found = self.forms[key] = self._compute(m, qualifier)
        return found

    def _compute(self, m: Mention, qualifier: str | None) -> _Form:
        w = self.weights
        entries = candidates_for(m, self.geocoder)[: w.max_candidates]
        name = name_features(len(entries))
        priors = [prior_features(m, e, r, qualifier) | name for r, e in enumerate(entries)]
        prefix, rests = [], []
        weight_of = w.weights.get
        for f in priors:
            keys = list(f)
            first = next((n for n, k in enumerate(keys) if k in _WORDING), len(keys))
            total = 0.0  # weighted_sum of the dict up to ``first``, without building it
            for k in keys[:first]:
                if v := f[k]:
                    total += weight_of(k, 0.0) * v
            prefix.append(total)
            rests.append(tuple((k, weight_of(k, 0.0)) for k in keys[first:]))
        tails = capital_namesake_features(entries)
        return _Form(
            entries, priors, prefix, rests, [_region(e) for e in entries],
            [spelling_variant(m.name, e.name) for e in entries], tails,
            [tuple(weight_of(k, 0.0) * v for k, v in t.items() if v) for t in tails],
            [_total(f, total, rest) for f, total, rest in zip(priors, prefix, rests, strict=True)],
        )  # fmt: skip


@dataclass(slots=True)
class BaseCandidate(Candidate):
    """A candidate as prepared: its ``features`` are the prior and name features,
    containment and area cue included, and it keeps what no source prior changes (one
    object per candidate: an article makes dozens, and each is built while the wording is
    read, then completed)."""

    tail: dict[str, float] = field(default_factory=dict)
    """Capital-namesake features (scored after the source's)."""
    tail_terms: tuple[float, ...] = ()
    base_sum: float = 0.0
    """The weighted sum of ``features``."""

    @property
    def base(self) -> dict[str, float]:
        return self.features


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """What scoring an article computes before its source's features: the candidates,
    the wording's relations and the lists, kept so a second scoring skips them."""

    groups: list[str]
    bases: list[list[BaseCandidate]]
    lists: list[tuple[int, ...]]
    flat: ContextArrays
    relations: Relations
    """What the wording between the mentions says (also read once resolution has chosen:
    a place written inside a region it does not lie in loses its namesake)."""


def prepare_article(
    article: Article,
    mentions: Sequence[Mention],
    geocoder: Geocoder,
    *,
    weights: Weights | None = None,
    cache: PriorCache | None = None,
    tables: bool = True,
) -> PreparedArticle:
    """The source-independent part of scoring (:func:`~geomap.geoparse.resolve.
    score_candidates`) for ``weights``; ``cache``: the batch's mention forms;
    ``tables``: False for a batch whose context is applied at once (no key tables)."""
    w = weights or default_weights()
    if cache is None or cache.geocoder is not geocoder or cache.weights is not w:
        cache = PriorCache(geocoder, w)
    groups = [normalize(m.name) for m in mentions]
    relations = Relations.read(article.text, mentions)
    forms = []
    cands: list[list[BaseCandidate]] = []
    for m, cue, q in zip(mentions, relations.area_cue, relations.list_qualifier, strict=True):
        qualifier = m.qualifier or q
        form = cache.form(m, qualifier)
        forms.append(form)
        mention_cands = []
        for r, (e, prior) in enumerate(zip(form.entries, form.priors, strict=True)):
            # the form's own dict, copied only where the wording sets a feature (here or
            # in add_containers): the dicts are read, never changed, after this
            c = BaseCandidate(e, r, prior, 0.0, form.regions[r], form.variants[r],
                              form.tails[r], form.tail_terms[r])  # fmt: skip
            if cue and not qualifier and is_area(e):  # "central Marib city" is a city
                c.features = {**prior, "area_cue": cue}
            mention_cands.append(c)
        cands.append(mention_cands)
    add_containers(cands, relations)
    for cs, form in zip(cands, forms, strict=True):
        for c, prior, alone, prefix, rest in zip(cs, form.priors, form.totals, form.prefix,
                                                 form.rests, strict=True):  # fmt: skip
            f = c.features
            c.base_sum = alone if f is prior else _total(f, prefix, rest)
    return PreparedArticle(groups, cands, relations.lists_of_items(cands),
                           ContextArrays.of(cands, groups, tables=tables), relations)  # fmt: skip


def _total(f: dict[str, float], prefix: float, rest: tuple[tuple[str, float], ...]) -> float:
    """``prefix`` plus the weighted sum of ``f`` from its first wording feature on."""
    total = prefix
    for k, weight in rest:  # the dict from its first wording feature on
        v = f[k]
        if v:
            total += weight * v
    return total


def _region(e: GazetteerEntry) -> tuple[str, str] | None:
    if e.feature_type != "country" and e.admin1 and e.country_code:
        return (e.country_code, normalize(e.admin1))
    return None
