"""How a candidate place is scored for a mention: named features, a linear model.

The weights live in ``weights.json`` beside this module (JSON, so a training script
can fit and rewrite them); ``score = sigmoid(bias + sum(weight * feature))``.
Every feature is a number in [0, 1] (-1..1 for the type word's fit) with a name that says
what evidence it carries. The :data:`MENTION_FEATURES` are the same for all of a
mention's candidates: they never change which candidate wins, only how sure the winner
is (a name with one place in the world is seldom wrong, however small that place), so
training fits them with the bias, in the calibration.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.records import Mention, Resolution

if TYPE_CHECKING:
    from geomap.geoparse.candidates import Candidate

__all__ = [
    "FEATURES",
    "MENTION_FEATURES",
    "Weights",
    "decide",
    "default_weights",
    "linear_score",
]

WEIGHTS_FILE = Path(__file__).with_name("weights.json")

FEATURES: dict[str, str] = {
    "rank": "1 / (1 + position) in the geocoder's own ranking",
    "population": "log10(population + 1) / 7, capped at 1",
    "is_country": "the candidate is a country",
    "is_admin1": "the candidate is a first-level region (state, oblast, province)",
    "is_district": "the candidate is a district or municipality (admin-2 or admin-3)",
    "is_capital": "a national capital (GeoNames PPLC)",
    "is_admin_seat": "seat of a first- or second-level region (PPLA, PPLA2)",
    "is_city": "a populated place",
    "is_other_type": "neither country, region nor city (sea, island, airport, landmark...)",
    "name_exact": "the candidate's main name is the name looked up (not an alternate); for a "
    "spelling of it (a transliteration: Derna for Darnah), named_country: in the country "
    "the article names, a variant is as good as the main name",
    "demonym_country": "a demonym and the candidate is a country",
    "qualifier_fit": "1 if the article's type word (region, island, port city) fits the "
    "candidate's type, -1 if it contradicts it",
    "container": "the wording puts the mention inside another ('X, Y', 'X of Y', 'Y, X "
    "district', \"Y's X\") and the candidate lies in one of Y's candidates",
    "area_cue": "the words before the mention (or its list) speak of an area: 1 for 'across', "
    "'throughout', 0.5 for a direction ('southern'), when the candidate is an area "
    "(country, region, district, island, sea)",
    "region_named_after_city": "a region whose big main city has the same name",
    "city_names_its_region": "a big city in the region named like it (Belgorod in Belgorod Oblast)",
    "context_country": "share of the article's other place evidence in the same country",
    "context_admin1": "share of the article's other place evidence in the same region",
    "context_near": "closeness to the article's other places (1 = same spot, 0 = antipode)",
    "context_local": "closeness on a town's scale to the article's other places (exp(-km / 25))",
    "named_country": "probability that another name of the article is the candidate's country",
    "other_country_named": "the article names a country, and not the country the candidate "
    "(not itself a country) lies in",
    "list_peer": "in a list of names ('A, B and C'), the share of the others likely to be "
    "places of the candidate's level in its country",
    "source_tld_country": "the candidate is in the country of the source's domain (.co.uk, .ca)",
    "source_country": "share of the outlet's other articles' confident places in the same country",
    "source_admin1": "share of the outlet's other articles' confident places in the same region",
    "source_near": "share of the outlet's other articles' confident places within about 100 km",
    "source_home": "source_near, when the name is part of the outlet's domain (parisbeacon.com)",
    "sole_candidate": "the name has exactly one candidate: nothing else it could mean",
}

MENTION_FEATURES = ("sole_candidate",)
"""Features of the mention's name rather than of a candidate (see the module docstring)."""


@dataclass(frozen=True, slots=True)
class Weights:
    bias: float
    weights: Mapping[str, float]
    min_score: float
    """Below this the mention is left unresolved."""
    max_candidates: int = 40
    extra: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def from_json(cls, text: str) -> Weights:
        data = json.loads(text)
        unknown = set(data["weights"]) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown features in weights: {sorted(unknown)}")
        return cls(
            bias=float(data["bias"]),
            weights={k: float(v) for k, v in data["weights"].items()},
            min_score=float(data["min_score"]),
            max_candidates=int(data.get("max_candidates", 40)),
            extra={k: float(v) for k, v in data.get("extra", {}).items()},
        )

    def to_json(self) -> str:
        return json.dumps(
            {
                "bias": self.bias,
                "weights": dict(self.weights),
                "min_score": self.min_score,
                "max_candidates": self.max_candidates,
                "extra": dict(self.extra),
            },
            indent=2,
        )


@cache
def default_weights() -> Weights:
    return Weights.from_json(WEIGHTS_FILE.read_text(encoding="utf-8"))


def linear_score(features: Mapping[str, float], weights: Weights) -> float:
    """The raw linear score (before the sigmoid): comparable across candidates."""
    w = weights.weights
    return weights.bias + sum(w.get(name, 0.0) * value for name, value in features.items())


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def decide(
    mentions: Sequence[Mention],
    ranked: Sequence[Sequence[Candidate]],
    *,
    weights: Weights,
    geocoder_name: str,
) -> list[Resolution]:
    """Each mention's best candidate, or none when it scores below ``min_score``."""
    out = []
    for m, cs in zip(mentions, ranked, strict=True):
        best = max(cs, key=lambda c: c.linear, default=None)
        score = sigmoid(best.linear) if best is not None else 0.0
        entry = best.entry if best is not None and score >= weights.min_score else None
        out.append(Resolution(mention=m, entry=entry, score=score, geocoder=geocoder_name))
    return out
