"""A fix follows its incident when a newer parser reads the article differently.

An incident's ids are hashes of what the parser decided (type, place, date), so a
parser that types the same words otherwise stores the incident under another id.  The
fix is anchored on the article's content hash and the incident's evidence span, and
moves with them.  The article is parsed for real; the "newer parser" stores that same
parse with the incident typed and cut differently, as such a parser would, under a new
parser version (so the store replaces the article's rows, as a re-parse does).  Both
stores.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from geomap.collection.fixes import Change
from geomap.collection.parse import ArticleResult, Parser, fresh_index_path, merge_key
from geomap.records import Article

if TYPE_CHECKING:
    from store_fixtures import StoreUnderTest

pytest_plugins = ["store_fixtures"]

STRIKE = (
    "A Russian missile struck a residential building in Kharkiv, Ukraine on May 10, 2024, "
    "killing 3 people and injuring 12, officials said."
)


def read_differently(result: ArticleResult, version: str,
                     **changes: Any) -> ArticleResult:  # fmt: skip
    """``result`` as a newer parser (``version``) would store it with ``changes`` to its
    incident's properties: keyed by what that parser decided."""
    newer = copy.deepcopy(result)
    newer.article["parser_version"] = version
    (_, props, blob), = newer.incidents
    props.update(changes)
    newer.incidents = [(merge_key(props), props, blob)]
    return newer


@pytest.fixture(scope="module")
def parsed(gazetteer_cache: Path) -> ArticleResult:
    """The article parsed for real, once (tests copy it before changing it)."""
    parser = Parser(index_path=fresh_index_path())
    result = parser.parse(Article(id="strike", text=STRIKE))
    assert len(result.incidents) == 1
    return result


def test_a_fix_follows_its_incident_to_its_new_id(parsed: ArticleResult, tmp_path: Path,
                                                  store: StoreUnderTest) -> None:  # fmt: skip
    (key, props, _), = parsed.incidents
    with store.open("news", tmp_path, create=True) as collection:
        assert collection.add(parsed) == "added"
        (first_id,) = collection.frame("incidents")["incident_id"]
        collection.record_fix(first_id, Change("type", {"type": "Battles"}))
        # The newer parser calls it a riot, and quotes a sentence cut a few letters later.
        start, end = props["evidence_start"], props["evidence_end"]
        newer = read_differently(parsed, "9.9.9+newer", event_type="Riots",
                                 sub_event_type="Mob violence", evidence_start=start + 2,
                                 evidence_end=end + 2, incident_id="inc:000000000001")
        assert collection.add(newer) == "reparsed"
        incidents = collection.frame("incidents")
        assert len(incidents) == 1
        row = incidents.iloc[0]
        assert row["merge_key"] == merge_key({**props, "event_type": "Riots"}) != key
        assert row["incident_id"] != first_id  # a new id...
        assert (row["event_type"], row["corrected"]) == ("Battles", "type")  # ...the same fix
        assert row["sub_event_type"] is None  # a riot's sub-type is no battle's
        (fix,) = collection.fixes()
        assert fix.keys == {row["merge_key"]} and fix.target == first_id
        assert collection.check() == []
        # The id the analyst gave still names the fix (to drop it, say).
        assert [f.fix_id for f in collection.undo_fixes(first_id)] == [fix.fix_id]
        row = collection.frame("incidents").iloc[0]
        assert (row["event_type"], row["corrected"]) == ("Riots", None)


def test_place_and_type_tell_apart_incidents_of_one_sentence(
    parsed: ArticleResult, tmp_path: Path, store: StoreUnderTest
) -> None:
    """Two incidents quoted from the same sentence: the fix follows the one at its place."""
    (_, props, blob), = parsed.incidents
    with store.open("news", tmp_path, create=True) as collection:
        collection.add(parsed)
        (first_id,) = collection.frame("incidents")["incident_id"]
        collection.record_fix(first_id, Change("location", {"lat": 50.0, "lon": 36.3}))
        newer = copy.deepcopy(parsed)
        newer.article["parser_version"] = "9.9.9+newer"
        elsewhere = {**props, "place_id": "gn:698740", "place": "Odesa",
                     "incident_id": "inc:000000000002"}  # fmt: skip
        same = {**props, "incident_id": "inc:000000000003", "date_start": "2024-05-09"}
        newer.incidents = [(merge_key(p), p, blob) for p in (elsewhere, same)]
        collection.add(newer)
        incidents = collection.frame("incidents").set_index("place_id", drop=False)
        assert incidents.loc["gn:698740", "corrected"] is None
        moved = incidents[incidents["corrected"] == "location"]
        assert list(moved["merge_key"]) == [merge_key(same)]
        assert (moved.geometry.x.iloc[0], moved.geometry.y.iloc[0]) == (36.3, 50.0)
        assert collection.check() == []


def test_a_fix_whose_incident_is_gone_applies_to_nothing(
    parsed: ArticleResult, tmp_path: Path, store: StoreUnderTest
) -> None:
    with store.open("news", tmp_path, create=True) as collection:
        collection.add(parsed)
        (first_id,) = collection.frame("incidents")["incident_id"]
        collection.record_fix(first_id, Change("remove", {}))
        assert len(collection.frame("incidents")) == 0
        newer = copy.deepcopy(parsed)
        newer.article["parser_version"] = "9.9.9+newer"
        newer.incidents = []  # this parser finds no incident in the article
        assert collection.add(newer) == "reparsed"
        (fix,) = collection.fixes()
        assert fix.keys == set()  # kept, shown by list --fixes as applying to nothing
        assert collection.check() == []
        # A later parser finds it again where the anchor is: the fix takes hold again.
        again = read_differently(parsed, "9.9.9+newest")
        collection.add(again)
        assert len(collection.frame("incidents")) == 0
        assert collection.fixes()[0].keys == {again.incidents[0][0]}
        assert collection.check() == []


def test_an_incidents_own_place_beats_its_places(parsed: ArticleResult, tmp_path: Path,
                                                 store: StoreUnderTest) -> None:  # fmt: skip
    """A place moved after one of its incidents was placed elsewhere leaves that incident
    where the analyst put it (and the stored rows stay what merging them again gives)."""
    (_, props, _), = parsed.incidents
    with store.open("news", tmp_path, create=True) as collection:
        collection.add(parsed)
        (incident_id,) = collection.frame("incidents")["incident_id"]
        collection.record_fix(incident_id, Change("location", {"lat": 49.0, "lon": 35.0}))
        collection.record_fix(props["place_id"], Change("location", {"lat": 50.0, "lon": 36.3}))
        row = collection.frame("incidents").iloc[0]
        assert (row.geometry.x, row.geometry.y, row["corrected"]) == (35.0, 49.0, "location")
        places = collection.frame("places").set_index("place_id")
        assert places.loc[props["place_id"], "corrected"] == "location"
        assert collection.check() == []
        collection.undo_fixes(incident_id)  # now it goes with its place
        row = collection.frame("incidents").iloc[0]
        assert (row.geometry.x, row.geometry.y) == (36.3, 50.0)
        assert row["corrected"] == "place location" and row["place_id"] == props["place_id"]
        assert collection.check() == []
