"""The gazetteer and an online service together: ranking in context, offline fallback."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_geocoders import FakeGeocoderServer
from geopy.distance import great_circle
from test_geocoders import FAST, PLACES

from geomap.cli.main import cli
from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.index import GazetteerIndex
from geomap.geocoders import HybridGeocoder, build_service
from geomap.geoparse import geoparse
from geomap.geoparse.candidates import candidates_for
from geomap.geoparse.recognize import find_mentions, mentions_from_spans
from geomap.geoparse.resolve import resolve, score_candidates
from geomap.records import Article

TEXT = (
    "Ukrainian troops pushed south from Orikhiv on Tuesday and reached Robotyne, "
    "a village on the road to Tokmak in the Zaporizhzhia region."
)


@pytest.fixture
def server() -> Iterator[FakeGeocoderServer]:
    with FakeGeocoderServer(PLACES) as s:
        yield s


def hybrid(
    server_domain: str, index: GazetteerIndex, mode: str = "hybrid", **kw: object
) -> tuple[HybridGeocoder, list[str]]:
    online = build_service(
        "nominatim", {"domain": server_domain, "scheme": "http", **FAST}, cache=False, config={}
    )
    notes: list[str] = []
    g = HybridGeocoder(
        online, offline=GazetteerGeocoder(index=index), mode=mode, notify=notes.append, **kw
    )
    return g, notes


def test_online_only_for_names_the_gazetteer_lacks_ranked_in_context(
    server: FakeGeocoderServer, gazetteer_index: GazetteerIndex
) -> None:
    g, notes = hybrid(server.domain, gazetteer_index)
    article = Article(id="robotyne", text=TEXT)
    start = TEXT.index("Robotyne")
    region = TEXT.index("Zaporizhzhia")
    spans = [
        (TEXT.index("Orikhiv"), TEXT.index("Orikhiv") + 7),
        (start, start + 8),
        (region, region + len("Zaporizhzhia")),
    ]
    orikhiv, robotyne, _ = geoparse(article, index=gazetteer_index, geocoder=g, spans=spans)
    # In its region's context Orikhiv is the gazetteer's with confidence: not asked online.
    assert server.queries() == ["Robotyne"]
    assert robotyne.entry.id == "nominatim:N337412120"
    assert robotyne.entry.source == "nominatim" and g.placed_by(robotyne.entry) == "nominatim"
    assert orikhiv.entry.geonameid == 698428 and g.placed_by(orikhiv.entry) == "gazetteer"
    # The online candidate was scored with the article's context like offline ones.
    mentions = mentions_from_spans(TEXT, spans, gazetteer_index)
    (_, cands, _) = score_candidates(article, mentions, g)
    (online,) = cands
    assert online.features["context_country"] > 0.5 and online.features["context_near"] > 0.5
    assert notes == []


def test_unsure_mentions_are_asked_online_and_confident_ones_not(
    server: FakeGeocoderServer, gazetteer_index: GazetteerIndex
) -> None:
    article = Article(id="zap", text=TEXT)
    # the names the gazetteer knows: one it does not ("Robotyne", should recognition take
    # it from its wording) is unsure at any confident_score
    offline = GazetteerGeocoder(index=gazetteer_index)
    mentions = [m for m in find_mentions(TEXT, gazetteer_index) if candidates_for(m, offline)]
    g, _ = hybrid(server.domain, gazetteer_index, confident_score=0.0)
    sure = resolve(article, mentions, g)
    assert server.requests == []
    assert {r.geocoder for r in sure} == {"gazetteer"}
    g, _ = hybrid(server.domain, gazetteer_index, confident_score=1.01)
    unsure = resolve(article, mentions, g)
    assert "Orikhiv" in server.queries() and "Tokmak" in server.queries()
    by_name = {r.mention.name: r for r in unsure}
    # Where the service names a place the gazetteer has, the gazetteer's entry is kept.
    assert by_name["Orikhiv"].entry.geonameid == 698428
    assert by_name["Orikhiv"].geocoder == "gazetteer"


@pytest.mark.parametrize("mode", ["hybrid", "online"])
def test_service_failing_falls_back_to_the_gazetteer_once(
    server: FakeGeocoderServer, gazetteer_index: GazetteerIndex, mode: str
) -> None:
    server.script(*["500"] * 10)
    g, notes = hybrid(server.domain, gazetteer_index, mode=mode, confident_score=1.01)
    article = Article(id="zap", text=TEXT)
    resolutions = resolve(article, find_mentions(TEXT, gazetteer_index), g)
    assert len(server.requests) == FAST["max_retries"] + 1  # then never asked again
    assert len(notes) == 1 and "nominatim is unreachable" in notes[0]
    placed = {r.mention.name: r for r in resolutions if r.entry is not None}
    assert placed["Orikhiv"].entry.geonameid == 698428
    assert {r.geocoder for r in placed.values()} == {"gazetteer"}


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_map_completes_offline_when_the_service_is_down(
    gazetteer_cache: Path, tmp_path: Path
) -> None:
    article = tmp_path / "front.txt"
    article.write_text(TEXT, encoding="utf-8")
    geojson = tmp_path / "front.geojson"
    result = CliRunner().invoke(cli, [
        "map", str(article), "--out-dir", str(tmp_path), "--geojson", str(geojson),
        "--geocoder", "nominatim", "--geocoder-option", f"domain=127.0.0.1:{_closed_port()}",
        "--geocoder-option", "scheme=http", "--geocoder-option", "backoff_seconds=0.01",
        "--geocoder-option", "min_delay_seconds=0",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr.count("unreachable") == 1
    names = {f["properties"]["name"] for f in json.loads(geojson.read_text())["features"]}
    assert {"Orikhiv", "Tokmak"} <= names


def test_map_through_the_service_twice_asks_it_once(
    server: FakeGeocoderServer, gazetteer_cache: Path, tmp_path: Path
) -> None:
    article = tmp_path / "front.txt"
    article.write_text(TEXT, encoding="utf-8")
    args = [
        "map", str(article), "--out-dir", str(tmp_path), "--geojson", str(tmp_path / "a.json"),
        "--geocoder", "photon", "--geocoder-option", f"domain={server.domain}",
        "--geocoder-option", "scheme=http", "--geocoder-option", "min_delay_seconds=0",
    ]  # fmt: skip
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    asked = len(server.requests)
    assert "Tokmak" in server.queries()
    ids = {f["id"] for f in json.loads((tmp_path / "a.json").read_text())["features"]}
    assert "photon:N337412999" in ids  # Tokmak, placed by the service
    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 0, second.output
    assert len(server.requests) == asked


def test_geoparse_command_path_asks_online_for_unsure_names_too(
    server: FakeGeocoderServer, gazetteer_index: GazetteerIndex
) -> None:
    # Alone, with no region named, Mykolaivka (the name of dozens of Ukrainian villages)
    # is an unsure pick: the JSON Lines path must let the hybrid geocoder ask the
    # service, as geoparse() does.
    from geomap.geoparse.jsonl import CorpusRecord, geoparse_records

    g, _ = hybrid(server.domain, gazetteer_index)
    text = "Shelling was reported near Mykolaivka overnight."
    start = text.index("Mykolaivka")
    record = CorpusRecord(Article(id="o", text=text), ((start, start + 10),))
    (out,) = geoparse_records([record], given_spans=True, index=gazetteer_index, geocoder=g)
    assert server.queries() == ["Mykolaivka"]
    assert [t["name"] for t in out["toponyms"]] == ["Mykolaivka"]


def test_a_batch_from_one_outlet_gets_the_second_pass_with_the_outlets_prior(
    server: FakeGeocoderServer, gazetteer_index: GazetteerIndex
) -> None:
    # Two reports of one outlet: the batch's offline pass gives the outlet's home area
    # (Zaporizhzhia), then each report's unsure names are asked online and ranked again.
    from geomap.geoparse.jsonl import CorpusRecord, geoparse_records

    g, _ = hybrid(server.domain, gazetteer_index)
    second = "Shelling was reported near Mykolaivka overnight."
    spans = [[(TEXT.index(n), TEXT.index(n) + len(n)) for n in ("Orikhiv", "Robotyne")],
             [(second.index("Mykolaivka"), second.index("Mykolaivka") + 10)]]  # fmt: skip
    records = [
        CorpusRecord(Article(id=str(i), text=text, url=f"https://zp.example.ua/news/{i}"),
                     tuple(s))
        for i, (text, s) in enumerate(zip((TEXT, second), spans, strict=True))
    ]  # fmt: skip
    front, near = geoparse_records(records, given_spans=True, index=gazetteer_index, geocoder=g)
    # Robotyne is unknown offline; Mykolaivka (dozens of villages) is known but unsure
    assert sorted(server.queries()) == ["Mykolaivka", "Robotyne"]
    orikhiv, robotyne = front["toponyms"]
    assert robotyne["place"] == "Robotyne" and robotyne["lat"] == pytest.approx(47.4497)
    assert orikhiv["geonameid"] == 698428
    # alone it is the Donetsk oblast town; the outlet's other report puts it near Orikhiv
    (mykolaivka,) = near["toponyms"]
    here = (mykolaivka["lat"], mykolaivka["lon"])
    assert great_circle(here, (orikhiv["lat"], orikhiv["lon"])).km < 150
