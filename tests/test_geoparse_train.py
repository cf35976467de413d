"""Training the resolution weights: the fit itself, and a run on a small corpus written here."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse import geoparse
from geomap.geoparse.scoring import FEATURES, MENTION_FEATURES, Weights
from geomap.geoparse.train import (
    Example,
    calibrate,
    fit,
    load_corpus,
    main,
    train,
    weights_json,
)

_POP = list(FEATURES).index("population")
_CTX = list(FEATURES).index("context_admin1")


def _example(rows: list[dict[str, float]], right: int) -> Example:
    x = np.array([[row.get(n, 0.0) for n in FEATURES] for row in rows])
    return Example(x, np.arange(len(rows)) == right)


def test_fit_learns_which_feature_picks_the_right_candidate() -> None:
    # the right place is the smaller town whenever the article's region agrees with it
    examples = [
        _example([{"population": 0.9}, {"population": 0.4, "context_admin1": 1.0}], right=1),
        _example([{"population": 0.8}, {"population": 0.3, "context_admin1": 0.8}], right=1),
        _example([{"population": 0.9, "context_admin1": 0.5}, {"population": 0.4}], right=0),
        _example([{"population": 0.7}, {"population": 0.2}], right=0),
    ] * 5
    w = fit(examples, l2=0.1)
    assert w[_CTX] > 0 and w[_CTX] > w[_POP]
    scores = [e.features @ w for e in examples]
    assert all(
        int(np.argmax(s)) == int(np.argmax(e.right)) for s, e in zip(scores, examples, strict=True)
    )


def test_fit_ignores_toponyms_it_cannot_learn_from() -> None:
    none_right = _example([{"population": 1.0}, {"population": 0.1}], right=5)
    single = _example([{"population": 1.0}], right=0)
    assert not np.any(fit([none_right, single]))


def test_fit_leaves_the_name_features_to_the_calibration() -> None:
    # a feature every candidate of a mention shares cannot say which of them is right
    examples = [
        _example([{"population": 0.9, "sole_candidate": 1.0},
                  {"population": 0.2, "sole_candidate": 1.0}], right=0),
        _example([{"population": 0.3}, {"population": 0.8}], right=1),
    ] * 5  # fmt: skip
    w = fit(examples, l2=0.1)
    assert w[_POP] > 0
    assert all(w[list(FEATURES).index(n)] == 0.0 for n in MENTION_FEATURES)


def test_calibration_trusts_a_name_with_one_place_despite_a_low_score() -> None:
    # best candidates' scores and whether each was right: low-scoring ones whose name has
    # no other place are mostly right, low-scoring ambiguous ones mostly wrong
    scores = np.array([-2.0] * 20 + [-2.0] * 20 + [3.0] * 20)
    sole = np.array([1.0] * 20 + [0.0] * 40)
    right = np.array([1.0] * 18 + [0.0] * 2 + [1.0] * 4 + [0.0] * 16 + [1.0] * 19 + [0.0])
    bias, (w_sole,) = calibrate(scores, sole[:, None], right, l2=0.01)
    assert w_sole > 1.0
    chance = 1.0 / (1.0 + np.exp(-(scores + bias + w_sole * sole)))
    assert chance[0] > 0.8 > 0.3 > chance[20]


_CORPUS = [
    {
        "id": "a1",
        "text": "Flood waters rose in Springfield, Illinois, and the governor sent crews "
        "from Peoria and Decatur to help.",
        "places": [("Springfield", 39.80, -89.64), ("Illinois", 40.0, -89.25),
                   ("Peoria", 40.69, -89.59), ("Decatur", 39.84, -88.95)],
    },
    {
        "id": "a2",
        "text": "Firefighters in Portland, Oregon, contained a blaze near Salem and Eugene.",
        "places": [("Portland", 45.52, -122.68), ("Oregon", 44.0, -120.5),
                   ("Salem", 44.94, -123.04), ("Eugene", 44.05, -123.09)],
    },
    {
        "id": "a3",
        "text": "Snow closed schools across Laurel County, Kentucky, and in nearby London.",
        "places": [("Laurel County", 37.11, -84.12), ("Kentucky", 37.5, -85.0),
                   ("London", 37.13, -84.08)],
    },
]  # fmt: skip


def _write_corpus(path: Path) -> None:
    lines = []
    for art in _CORPUS:
        toponyms, pos = [], 0
        for name, lat, lon in art["places"]:
            start = art["text"].index(name, pos)
            pos = start + len(name)
            toponyms.append({"start": start, "end": pos, "name": name, "lat": lat, "lon": lon,
                             "geonameid": None})  # fmt: skip
        lines.append(json.dumps({"id": art["id"], "text": art["text"], "toponyms": toponyms}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_train_on_a_small_corpus_places_its_towns(
    tmp_path: Path, gazetteer_index: GazetteerIndex
) -> None:
    _write_corpus(tmp_path / "corpus.jsonl")
    records, gold = load_corpus([tmp_path / "corpus.jsonl"])
    geocoder = GazetteerGeocoder(index=gazetteer_index)
    weights = train(records, gold, index=gazetteer_index, geocoder=geocoder, rounds=2)
    assert set(weights.weights) == set(FEATURES)
    assert 0.0 <= weights.min_score < 1.0
    again = Weights.from_json(weights_json(weights, trained_on=["corpus.jsonl"]))
    assert again == weights
    london = geoparse(records[2].article, index=gazetteer_index, geocoder=geocoder,
                      spans=records[2].spans, weights=weights)[-1]  # fmt: skip
    assert london.entry is not None and london.entry.country_code == "US"
    assert london.entry.admin1 == "Kentucky"


def test_command_writes_readable_json_with_its_provenance(
    tmp_path: Path, gazetteer_cache: Path
) -> None:
    _write_corpus(tmp_path / "corpus.jsonl")
    out = tmp_path / "weights.json"
    assert main([str(tmp_path / "corpus.jsonl"), "-o", str(out), "--rounds", "1"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["trained"]["trained_on"] == ["corpus.jsonl"]
    assert Weights.from_json(out.read_text(encoding="utf-8")).weights.keys() == FEATURES.keys()
