"""Fitting the resolution weights on a corpus's annotated toponyms (a developer tool).

    python -m geomap.geoparse.train CORPUS.jsonl [CORPUS.jsonl ...] -o weights.json

The corpus is JSON Lines with gold toponyms (``start``, ``end``, ``lat``, ``lon``,
``geonameid``), the format of the evaluation corpora. Each gold toponym becomes a
mention (as with ``--given-spans``); its candidates come from the geocoder with the
features :func:`~geomap.geoparse.batch.score_batch` computes (the corpus is one batch, so
an outlet's other articles give its home area, as at run time). The right
candidates are those with the gold's GeoNames id, or, when none has it, those within
161 km of the gold point (so a city and the small region named after it are told apart
by the annotators' choice, not taken as equally right).

The model is a conditional logit: a softmax over each mention's candidates, fitted by
maximising the probability given to its right candidates, with an L2 penalty. The
context features are themselves computed from the current weights, so the fit
alternates: compute the features with the weights so far, refit, a few times, from a
neutral start (only the geocoder's own ranking). Then the bias is calibrated, so that
``sigmoid(bias + score)`` of a mention's best candidate is the chance it is right, and
``min_score`` is ``--min-prob``: a pin whose calibrated chance is lower is left out. The
features of the mention's name (``MENTION_FEATURES``: no other place bears it) are the
same for all its candidates, so the softmax cannot weigh them; they are
fitted with the bias, a logistic regression of "the best candidate is right" on them
with the best candidate's score as offset. Without them a sure but unpopulated place
(an island, a dam: the only place of its name) got a calibrated chance near the cut-off,
since population is what mostly tells a right best candidate from a wrong one. (A
threshold picked to lose a set share of the training corpus's right answers did not
carry across corpora: 0.41 from TR-News left a tenth of LGL's towns unresolved.)
Everything is written as readable JSON (no pickle); scipy is needed only here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from geopy.geocoders.base import Geocoder

from geomap.distance import haversine_km
from geomap.files import atomic_write_text
from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse.batch import BatchItem, score_batch_both
from geomap.geoparse.jsonl import CorpusRecord, read_records
from geomap.geoparse.recognize import mentions_from_spans
from geomap.geoparse.scoring import FEATURES, MENTION_FEATURES, Weights

__all__ = ["Example", "calibrate", "collect_examples", "fit", "main", "train"]

RIGHT_KM = 161.0
NEUTRAL = Weights(
    bias=0.0,
    weights={name: (1.0 if name == "rank" else 0.0) for name in FEATURES},
    min_score=0.0,
    max_candidates=40,
    extra={"context_rounds": 3, "context_sharpness": 2.0},
)
"""Where the fit starts: the geocoder's own order, nothing learned."""


@dataclass(frozen=True, slots=True)
class Example:
    """One gold toponym: its candidates' feature rows and which of them are right."""

    features: np.ndarray
    """(candidates, len(FEATURES)), columns in FEATURES order."""
    right: np.ndarray
    """(candidates,) bool."""


def collect_examples(
    records: Sequence[CorpusRecord],
    gold: Sequence[Sequence[dict[str, Any]]],
    *,
    index: GazetteerIndex,
    geocoder: Geocoder,
    weights: Weights,
) -> list[Example]:
    """An Example per gold toponym with coordinates, candidates scored with ``weights``.

    :param gold: per record, its gold toponyms (``start``, ``end``, ``lat``, ``lon``,
        ``geonameid``), in the order of ``record.spans``.
    """
    names = list(FEATURES)
    out = []
    items = []
    for rec, toponyms in zip(records, gold, strict=True):
        spans = [(int(t["start"]), int(t["end"])) for t in toponyms]
        mentions = mentions_from_spans(rec.article.text, spans, index)
        items.append(BatchItem(rec.article, mentions, rec.source))
    # as at run time: the batch's outlets inform their articles (no gold is used for
    # that); each article also counts alone, as a single article has no outlet prior
    alone, joint = score_batch_both(items, geocoder, weights=weights)
    pairs = [(toponyms, ranked) for ranked_all in (alone, joint)
             for toponyms, ranked in zip(gold, ranked_all, strict=True)]  # fmt: skip
    for toponyms, ranked in pairs:
        for t, cands in zip(toponyms, ranked, strict=True):
            if t.get("lat") is None or t.get("lon") is None:
                continue
            x = np.array([[c.features.get(n, 0.0) for n in names] for c in cands], dtype=float)
            same_id = np.array([_same_id(c.entry, t) for c in cands], dtype=bool)
            # the gold's own entity when it is a candidate, else any candidate close enough
            right = (
                same_id
                if same_id.any()
                else np.array([_is_right(c.entry, t) for c in cands], dtype=bool)
            )
            out.append(Example(x.reshape(len(cands), len(names)), right))
    return out


def fit(examples: Sequence[Example], *, l2: float = 1.0) -> np.ndarray:
    """Feature weights maximising the softmax probability of the right candidates.

    The ``MENTION_FEATURES`` stay 0 here (the softmax cannot tell them apart).
    """
    from scipy.optimize import minimize

    usable = [e for e in examples if e.right.any() and len(e.right) > 1]
    n_feat = len(FEATURES)
    if not usable:
        return np.zeros(n_feat)
    x = np.vstack([e.features for e in usable]) * _candidate_columns()
    right = np.concatenate([e.right for e in usable])
    sizes = np.array([len(e.right) for e in usable])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    seg = np.repeat(np.arange(len(usable)), sizes)

    def objective(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ w
        lse_all = _segment_logsumexp(s, starts, seg)
        lse_right = _segment_logsumexp(np.where(right, s, -np.inf), starts, seg)
        loss = float(np.sum(lse_all - lse_right)) + 0.5 * l2 * float(w @ w)
        p_all = np.exp(s - lse_all[seg])
        p_right = np.where(right, np.exp(s - lse_right[seg]), 0.0)
        grad = x.T @ (p_all - p_right) + l2 * w
        return loss, grad

    result = minimize(objective, np.zeros(n_feat), jac=True, method="L-BFGS-B")
    return np.asarray(result.x)


def train(
    records: Sequence[CorpusRecord],
    gold: Sequence[Sequence[dict[str, Any]]],
    *,
    index: GazetteerIndex,
    geocoder: Geocoder,
    rounds: int = 4,
    l2: float = 1.0,
    min_prob: float = 0.05,
    log: Any = None,
) -> Weights:
    """Weights fitted on ``records``' gold toponyms (see the module docstring)."""
    weights = NEUTRAL
    names = list(FEATURES)
    examples: list[Example] = []
    for k in range(rounds):
        examples = collect_examples(records, gold, index=index, geocoder=geocoder,
                                    weights=weights)  # fmt: skip
        w = fit(examples, l2=l2)
        weights = _with(
            weights, weights={n: round(float(v), 4) for n, v in zip(names, w, strict=True)}
        )
        if log is not None:
            print(f"round {k + 1}: {_top1(examples, w):.3f} of {len(examples)} toponyms "
                  "ranked right (features of the previous weights)", file=log)  # fmt: skip
    examples = collect_examples(records, gold, index=index, geocoder=geocoder, weights=weights)
    w = np.array([weights.weights[n] for n in names])
    tops = [_top(e, w) for e in examples if len(e.right)]
    bias, mention_w = calibrate(np.array([s for s, _, _ in tops]),
                                 np.array([z for _, z, _ in tops]).reshape(len(tops), -1),
                                 np.array([r for _, _, r in tops], dtype=float), l2=l2)  # fmt: skip
    fitted = dict(weights.weights) | {
        n: round(float(v), 4) for n, v in zip(MENTION_FEATURES, mention_w, strict=True)
    }
    return _with(weights, bias=round(bias, 4), weights=fitted, min_score=min_prob)


def calibrate(
    scores: np.ndarray, mention: np.ndarray, right: np.ndarray, *, l2: float = 1.0
) -> tuple[float, np.ndarray]:
    """The bias b and mention-feature weights v for which sigmoid(score + b + v . mention)
    best predicts whether the best candidate is right (v with an L2 penalty)."""
    from scipy.optimize import minimize
    from scipy.special import expit

    x = np.hstack([np.ones((len(scores), 1)), mention])
    penalty = np.r_[0.0, np.full(mention.shape[1], l2)]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = scores + x @ theta
        value = np.sum(np.logaddexp(0.0, z) - right * z) + 0.5 * penalty @ theta**2
        return float(value), x.T @ (expit(z) - right) + penalty * theta

    start = np.zeros(x.shape[1])
    start[0] = -float(np.median(scores)) if len(scores) else 0.0
    theta = minimize(loss, start, jac=True, method="L-BFGS-B").x
    return float(theta[0]), np.asarray(theta[1:])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpus", nargs="+", type=Path, help="JSON Lines with gold toponyms")
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--min-prob", type=float, default=0.05,
                    help="leave a mention unresolved below this chance of being right")  # fmt: skip
    args = ap.parse_args(argv)
    records, gold = load_corpus(args.corpus)
    from geomap.gazetteer.geocoder import GazetteerGeocoder

    index = GazetteerIndex.open()
    weights = train(records, gold, index=index, geocoder=GazetteerGeocoder(index=index),
                    rounds=args.rounds, l2=args.l2, min_prob=args.min_prob,
                    log=sys.stderr)  # fmt: skip
    atomic_write_text(args.output, weights_json(weights, trained_on=[p.name for p in args.corpus],
                                                l2=args.l2, min_prob=args.min_prob))  # fmt: skip
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def load_corpus(paths: Iterable[Path]) -> tuple[list[CorpusRecord], list[list[dict[str, Any]]]]:
    """Records and their gold toponyms from JSON Lines corpora."""
    records: list[CorpusRecord] = []
    gold: list[list[dict[str, Any]]] = []
    for path in paths:
        lines = path.read_text(encoding="utf-8").split("\n")
        records.extend(read_records(lines, source=str(path)))
        gold.extend(json.loads(line).get("toponyms") or [] for line in lines if line.strip())
    return records, gold


def weights_json(weights: Weights, **provenance: Any) -> str:
    """The weights file, with how it was made under ``"trained"``."""
    data = json.loads(weights.to_json())
    data["trained"] = {"by": "python -m geomap.geoparse.train", **provenance}
    return json.dumps(data, indent=2) + "\n"


# ---------------------------------------------------------------------- helpers


def _with(w: Weights, **changes: Any) -> Weights:
    fields = {"bias": w.bias, "weights": w.weights, "min_score": w.min_score,
              "max_candidates": w.max_candidates, "extra": w.extra}  # fmt: skip
    return Weights(**{**fields, **changes})


def _same_id(entry: Any, gold: dict[str, Any]) -> bool:
    gid = gold.get("geonameid")
    return gid is not None and entry.geonameid is not None and int(entry.geonameid) == int(gid)


def _is_right(entry: Any, gold: dict[str, Any]) -> bool:
    if _same_id(entry, gold):
        return True
    return haversine_km(entry.lat, entry.lon, float(gold["lat"]), float(gold["lon"])) <= RIGHT_KM


def _segment_logsumexp(s: np.ndarray, starts: np.ndarray, seg: np.ndarray) -> np.ndarray:
    top = np.maximum.reduceat(s, starts)
    safe = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore"):
        return safe + np.log(np.add.reduceat(np.exp(s - safe[seg]), starts))


def _candidate_columns() -> np.ndarray:
    """1 for the features the softmax fits, 0 for the MENTION_FEATURES."""
    return np.array([float(n not in MENTION_FEATURES) for n in FEATURES])


def _top(e: Example, w: np.ndarray) -> tuple[float, np.ndarray, bool]:
    """The best candidate's score (without the mention features), the mention features and
    whether that candidate is right."""
    s = e.features @ (w * _candidate_columns())
    k = int(np.argmax(s))
    cols = [list(FEATURES).index(n) for n in MENTION_FEATURES]
    return float(s[k]), e.features[k, cols], bool(e.right[k])


def _top1(examples: Sequence[Example], w: np.ndarray) -> float:
    hits = [_top(e, w)[2] for e in examples if len(e.right)]
    return sum(hits) / max(1, len(examples))


if __name__ == "__main__":
    sys.exit(main())
