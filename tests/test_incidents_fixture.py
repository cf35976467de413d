"""Incident records for short articles of our own across incident kinds (YAML fixture)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from geomap.article import article_from_text
from geomap.event_types import EVENT_TYPES
from geomap.pipeline import run
from geomap.records import COUNT_FIELDS

FIXTURE = Path(__file__).parent / "fixtures" / "incidents" / "sentences.yaml"
CASES = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["cases"]


def test_fixture_has_thirty_cases_across_kinds() -> None:
    kinds = {want["event_type"] for case in CASES for want in case["expect"]}
    assert len(CASES) >= 30
    assert {"Natural disaster", "Accident", "Evacuation", "Explosions/Remote violence",
            "Battles", "Strategic developments"} <= kinds  # fmt: skip
    for case in CASES:
        for want in case["expect"]:
            assert want["sub_event_type"] in EVENT_TYPES[want["event_type"]], case["id"]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_expected_incidents(case: dict, gazetteer_cache) -> None:
    article = article_from_text(case["text"], article_id=case["id"], date=case["date"])
    got = list(run(article).incidents)
    assert len(got) == len(case["expect"]), [(i.event_type, i.sub_event_type) for i in got]
    for incident, want in zip(got, case["expect"], strict=True):
        assert (incident.event_type, incident.sub_event_type) == (
            want["event_type"], want["sub_event_type"]
        )  # fmt: skip
        assert incident.temporal_status == want["status"]
        for field in COUNT_FIELDS:
            if field in want:
                count = getattr(incident, field)
                assert (None if count is None else count.value) == want[field], field
        for field in ("date_start", "date_end", "geo_precision"):
            if field in want:
                assert getattr(incident, field) == want[field], field
        if "radius_m" in want:
            assert incident.radius is not None and incident.radius.metres == want["radius_m"]
        if "place" in want:
            assert incident.location is not None and incident.location.entry.name == want["place"]
        assert incident.evidence == case["text"][slice(*incident.evidence_span)]
