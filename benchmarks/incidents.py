"""Precision and recall of incident types and counts on the development fixture.

    python benchmarks/incidents.py

The fixture (tests/fixtures/incidents/sentences.yaml) is development data: the
cue lexicons were tuned while writing it, so these figures are an optimistic
check that nothing regressed, not an accuracy estimate on unseen news.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from geomap.article import article_from_text
from geomap.pipeline import run
from geomap.records import COUNT_FIELDS

FIXTURE = (
    Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "incidents" / "sentences.yaml"
)


def _value(incident, field: str):
    count = getattr(incident, field)
    return None if count is None else count.value


def score(cases: list[dict]) -> dict[str, float]:
    """Type precision/recall over incidents, count precision/recall over stated figures."""
    predicted = expected = matched = 0
    count_predicted = count_expected = count_right = 0
    for case in cases:
        article = article_from_text(case["text"], article_id=case["id"], date=case["date"])
        got = list(run(article).incidents)
        predicted += len(got)
        expected += len(case["expect"])
        for want in case["expect"]:
            hit = next(
                (g for g in got if (g.event_type, g.sub_event_type)
                 == (want["event_type"], want["sub_event_type"])),
                None,
            )  # fmt: skip
            if hit is not None:
                got.remove(hit)
                matched += 1
            for field in COUNT_FIELDS:
                if field not in want:
                    continue
                value = _value(hit, field) if hit is not None else None
                count_expected += want[field] is not None
                count_predicted += value is not None
                count_right += value is not None and value == want[field]
    return {
        "type_precision": matched / predicted if predicted else 1.0,
        "type_recall": matched / expected if expected else 1.0,
        "count_precision": count_right / count_predicted if count_predicted else 1.0,
        "count_recall": count_right / count_expected if count_expected else 1.0,
        "cases": len(cases),
        "incidents_expected": expected,
        "incidents_found": predicted,
    }


def main() -> None:
    cases = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["cases"]
    for case in cases:
        case["date"] = case["date"] if isinstance(case["date"], dt.date) else None
    result = score(cases)
    print(f"{FIXTURE.name}: {result['cases']} cases, {result['incidents_expected']} incidents "
          f"expected, {result['incidents_found']} found (development data)")  # fmt: skip
    print(f"type:   precision {result['type_precision']:.2f}  recall {result['type_recall']:.2f}")
    print(f"counts: precision {result['count_precision']:.2f}  recall {result['count_recall']:.2f}")


if __name__ == "__main__":
    main()
