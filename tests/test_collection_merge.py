"""Merging many reports of one event: folded in article by article, equal to merging all.

Sixty short reports of one earthquake, in varying words and with varying tolls, go
through the real ``geomap add``: each is folded into the stored incident from its
own rows.  ``list --check`` merges every row again from all its reports and must
find the same; the counts stay exact while the lists a row carries are capped.  Each
test runs against both stores (a GeoPackage file, and a real PostGIS server).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from geomap.cli.main import cli
from geomap.collection.merge import MAX_LISTED
from geomap.collection.parse import Parser, fresh_index_path
from geomap.records import Article

if TYPE_CHECKING:
    from store_fixtures import StoreUnderTest

pytest_plugins = ["store_fixtures"]

N_REPORTS = MAX_LISTED + 10
TOLLS = [3 + (i * 7) % 11 for i in range(N_REPORTS + 1)]  # at most 13, first reached at i=10
WORDS = ["struck", "hit", "shook", "rocked"]


def quake_report(i: int) -> dict[str, str]:
    toll = f"at least {TOLLS[i]}" if i == TOLLS.index(max(TOLLS)) else str(TOLLS[i])
    return {"id": f"quake-{i:02d}", "title": f"Quake update {i}", "date": "2024-03-03",
            "url": f"https://news.example.invalid/quake/{i}",
            "text": f"An earthquake {WORDS[i % 4]} Pokhara, Nepal on March 3, 2024, killing "
                    f"{toll} people. Update number {i}."}  # fmt: skip


def geomap(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def feed(tmp_path: Path, gazetteer_cache: Path, monkeypatch: pytest.MonkeyPatch,
         store: StoreUnderTest) -> StoreUnderTest:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    Path("feed.jsonl").write_text(
        "".join(json.dumps(quake_report(i)) + "\n" for i in range(N_REPORTS)), encoding="utf-8"
    )
    assert f"{N_REPORTS} articles added" in geomap("add", "quake", "feed.jsonl")
    return store


def the_quake(store: StoreUnderTest) -> dict:
    with store.open("quake") as collection:
        incidents = collection.frame("incidents")
        places = collection.frame("places")
    quakes = incidents[incidents["sub_event_type"] == "Earthquake"]
    assert len(quakes) == 1
    pokhara = places[places["name"] == "Pokhara"]
    assert len(pokhara) == 1
    return {"incident": quakes.iloc[0].to_dict(), "place": pokhara.iloc[0].to_dict()}


def test_many_reports_fold_into_one_incident_with_exact_counts(feed: StoreUnderTest) -> None:
    merged = the_quake(feed)
    quake, pokhara = merged["incident"], merged["place"]
    assert quake["n_sources"] == N_REPORTS
    assert len(quake["sources"]) == len(quake["articles"]) == MAX_LISTED
    listed = [f"Quake update {i}" for i in range(MAX_LISTED)]  # the earliest
    assert [s["title"] for s in quake["sources"]] == listed
    assert quake["sources"][0]["url"] == "https://news.example.invalid/quake/0"
    assert quake["fatalities"] == max(TOLLS)
    assert quake["qualifiers"]["fatalities"] == "at least"
    assert pokhara["n_articles"] == N_REPORTS and len(pokhara["articles"]) == MAX_LISTED
    assert pokhara["mentions"] == N_REPORTS
    listing = json.loads(geomap("list", "quake", "--json", "--check"))
    assert listing["problems"] == [] and listing["incidents_with_several_sources"] == 1


def test_reparsing_merges_again_to_the_same_rows(feed: StoreUnderTest) -> None:
    before = the_quake(feed)
    # An older parser read the first twenty.
    feed.sql("quake", "UPDATE articles SET parser_version = '0.0.1+older' WHERE fid <= 20")
    assert "20 articles re-parsed" in geomap("build", "quake")
    after = the_quake(feed)
    assert json.loads(geomap("list", "quake", "--json", "--check"))["problems"] == []
    for layer in ("incident", "place"):
        for name in ("n_sources", "n_articles", "mentions", "fatalities", "qualifiers",
                     "sources", "articles", "report_ids"):  # fmt: skip
            assert after[layer].get(name) == before[layer].get(name), (layer, name)
    with feed.open("quake") as collection:  # articles keep their order
        assert list(collection.articles()["article_id"])[:3] == ["quake-00", "quake-01",
                                                                 "quake-02"]  # fmt: skip


def test_adding_an_article_reads_no_other_article_s_reports(feed: StoreUnderTest) -> None:
    """The cost of an add is its own rows: the reports of the 60 articles already
    merged into the incident are not read again (SQLite's statements are traced;
    PostgreSQL counts the scans of each table)."""
    parser = Parser(index_path=fresh_index_path())
    report = quake_report(N_REPORTS)
    result = parser.parse(Article(id=report["id"], text=report["text"], title=report["title"]))
    assert result.incidents
    n_rows = len(result.places) + len(result.incidents) + len(result.areas)
    statements: list[str] = []
    before = report_table_stats(feed)
    with feed.open("quake") as collection:
        if feed.kind == "gpkg":
            collection._conn.set_trace_callback(statements.append)
        assert collection.add(result) == "added"
        if feed.kind == "gpkg":
            collection._conn.set_trace_callback(None)
    if feed.kind == "gpkg":
        reads = [s for s in statements
                 if "geomap_reports" in s and s.lstrip().startswith("SELECT")]  # fmt: skip
        assert reads == []
        assert any(s.startswith("INSERT INTO geomap_reports") for s in statements)
    else:
        # The writer's statistics reach the server as its session ends: wait for its
        # inserts to show, then its scans of the reports must not have moved.
        deadline = time.monotonic() + 30
        while (after := report_table_stats(feed))["inserted"] < before["inserted"] + n_rows:
            assert time.monotonic() < deadline, (before, after)
            time.sleep(0.2)
        assert after["scans"] == before["scans"]
    assert the_quake(feed)["incident"]["n_sources"] == N_REPORTS + 1
    assert json.loads(geomap("list", "quake", "--json", "--check"))["problems"] == []


def report_table_stats(store: StoreUnderTest) -> dict[str, int]:
    """PostgreSQL's counts of scans of and rows inserted into ``geomap_reports``."""
    if store.kind == "gpkg":
        return {"scans": 0, "inserted": 0}
    (scans, inserted), = store.sql("quake", (
        "SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0), n_tup_ins "
        "FROM pg_stat_user_tables WHERE schemaname = 'quake' AND relname = 'geomap_reports'"))
    return {"scans": scans, "inserted": inserted}
