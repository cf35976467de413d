"""What an article's source says about its places: the domain's country and the outlet's home
area learned from a batch, on short articles written for these tests."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli.geoparse import geoparse as geoparse_command
from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse import geoparse
from geomap.geoparse.jsonl import geoparse_records, read_records
from geomap.geoparse.source import SourcePrior, domain_of, outlet_key, outlet_priors, tld_country
from geomap.records import Article, GazetteerEntry


@pytest.mark.parametrize(
    ("source", "domain", "outlet", "country"),
    [
        ("https://www.example.co.uk/news/1", "example.co.uk", "example.co.uk", "GB"),
        ("news.example.ca", "news.example.ca", "example.ca", "CA"),
        ("http://www.example.com.au/a?b=1", "example.com.au", "example.com.au", "AU"),
        ("https://Example.COM/x", "example.com", "example.com", None),
        ("https://radio.example.fm/", "radio.example.fm", "example.fm", None),
        ("not a url", None, None, None),
    ],
)
def test_domain_outlet_and_tld_country(
    source: str, domain: str | None, outlet: str | None, country: str | None
) -> None:
    assert domain_of(source) == domain
    assert outlet_key(domain) == outlet
    assert tld_country(domain) == country


def _town(ident: str, name: str, lat: float, lon: float, cc: str, admin1: str) -> GazetteerEntry:
    return GazetteerEntry(id=ident, name=name, lat=lat, lon=lon, feature_type="city",
                          country_code=cc, admin1=admin1, population=10_000)  # fmt: skip


_LYON = _town("gn:1", "Lyon", 45.76, 4.84, "FR", "Auvergne-Rhône-Alpes")
_VIENNE = _town("gn:2", "Vienne", 45.52, 4.87, "FR", "Auvergne-Rhône-Alpes")
_VIENNA = _town("gn:3", "Vienna", 48.21, 16.37, "AT", "Vienna")


def test_outlet_prior_counts_only_the_outlets_other_articles_and_names() -> None:
    sources = ["lyon-daily.example.com", "lyon-daily.example.com", "other.example.org"]
    picks = [
        [("lyon", _LYON, 0.9), ("vienne", _VIENNE, 0.8)],
        [("lyon", _LYON, 0.95), ("vienne", _VIENNA, 0.3)],  # unsure: not evidence
        [("lyon", _LYON, 0.9)],
    ]
    first, second, other = outlet_priors(sources, picks)
    # the second article's Lyon speaks for the first article's Vienne (same region, near)
    f = first.features(_VIENNE, "vienne")
    assert f["source_admin1"] > 0 and f["source_near"] > 0
    assert first.features(_VIENNA, "vienne")["source_admin1"] == 0
    # but no article's "Lyon" vouches for another article's "Lyon": same name, left out
    assert first.features(_LYON, "lyon")["source_country"] == 0
    assert second.features(_VIENNE, "vienne")["source_near"] > 0
    # an outlet with one article has no outlet evidence at all
    assert not any(v for k, v in other.features(_LYON, "lyon").items() if k != "source_tld_country")


def test_source_features_are_shares_in_unit_range_in_a_fixed_order() -> None:
    """Every feature is within [0, 1], a share that cancels out is +0.0 (never -0.0),
    and the keys come in one order: scores add the features in dict order."""
    sources = ["lyon-daily.example.fr"] * 3
    picks = [[("lyon", _LYON, 0.9)], [("lyon", _LYON, 0.8), ("vienne", _VIENNE, 0.7)],
             [("vienna", _VIENNA, 0.6)]]  # fmt: skip
    keys = ["source_tld_country", "source_country", "source_admin1", "source_near",
            "source_home"]  # fmt: skip
    for prior in outlet_priors(sources, picks):
        for name, entry in (("lyon", _LYON), ("vienne", _VIENNE), ("vienna", _VIENNA)):
            features = prior.features_many([entry, _LYON, _VIENNA], name)
            for f in features:
                assert list(f) == keys
                assert all(0.0 <= v <= 1.0 and math.copysign(1.0, v) == 1.0 for v in f.values())
    # the outlet's only Austrian place is a "vienna": no evidence for another "vienna"
    share = outlet_priors(sources, picks)[0].features(_VIENNA, "vienna")["source_country"]
    assert share == 0.0 and math.copysign(1.0, share) == 1.0


def test_tld_country_alone_needs_no_batch() -> None:
    prior = SourcePrior.from_url("https://www.lokalavisen.example.at/x")
    assert prior.features(_VIENNA)["source_tld_country"] == 1
    assert prior.features(_LYON)["source_tld_country"] == 0
    assert not prior.has_outlet


@pytest.fixture(scope="module")
def geocoder(gazetteer_index: GazetteerIndex) -> GazetteerGeocoder:
    return GazetteerGeocoder(index=gazetteer_index)


def _place(index: GazetteerIndex, geocoder: GazetteerGeocoder, text: str, url: str | None):
    (r,) = geoparse(Article(id="t", text=text, url=url), index=index, geocoder=geocoder)
    return r.entry


def test_a_uk_domain_means_the_scottish_perth(
    gazetteer_index: GazetteerIndex, geocoder: GazetteerGeocoder
) -> None:
    text = "A new footbridge opened in Perth on Friday after two years of work."
    assert _place(gazetteer_index, geocoder, text, "https://example.com/a").country_code == "AU"
    uk = _place(gazetteer_index, geocoder, text, "https://www.example.co.uk/a")
    assert uk.country_code == "GB" and abs(uk.lat - 56.4) < 0.2


# a small-town paper: its other stories name the towns around Paris, Texas
_HOME = [
    "Storms knocked down power lines in Bonham on Monday, and crews from Clarksville "
    "worked through the night.",
    "The Lamar County fair opens next week with vendors from Honey Grove and Detroit, Texas.",
    "Students from Bonham and Commerce competed in the regional science contest.",
]
_PARIS = "The Paris city council approved a new budget for road repairs on Tuesday."


def _records(texts: list[str], domain: str | None) -> list[str]:
    return [json.dumps({"id": f"r{k}", "text": t, "domain": domain}) for k, t in enumerate(texts)]


def _paris(index: GazetteerIndex, geocoder: GazetteerGeocoder, lines: list[str]) -> dict:
    out = list(geoparse_records(read_records(lines), index=index, geocoder=geocoder))
    (paris,) = out[-1]["toponyms"]
    assert paris["name"] == "Paris"
    return paris


def test_a_batch_teaches_the_outlets_home_town(
    gazetteer_index: GazetteerIndex, geocoder: GazetteerGeocoder
) -> None:
    batch = _records([*_HOME, _PARIS], "lamarledger.example.com")
    paris = _paris(gazetteer_index, geocoder, batch)
    assert paris["country_code"] == "US" and abs(paris["lat"] - 33.66) < 0.2


def test_without_the_batch_or_the_domain_paris_is_in_france(
    gazetteer_index: GazetteerIndex, geocoder: GazetteerGeocoder
) -> None:
    alone = _records([_PARIS], "lamarledger.example.com")
    assert _paris(gazetteer_index, geocoder, alone)["country_code"] == "FR"
    unknown = _records([*_HOME, _PARIS], None)
    assert _paris(gazetteer_index, geocoder, unknown)["country_code"] == "FR"
    elsewhere = [*_records(_HOME, "another-paper.example.com"), *_records([_PARIS], "x.example")]
    assert _paris(gazetteer_index, geocoder, elsewhere)["country_code"] == "FR"


def test_cli_reads_the_domain_field(
    tmp_path: Path, gazetteer_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(gazetteer_cache))
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(_records([*_HOME, _PARIS], "lamarledger.example.com")) + "\n",
                   encoding="utf-8")  # fmt: skip
    result = CliRunner().invoke(geoparse_command, [str(src)])
    assert result.exit_code == 0, result.output
    last = json.loads(result.output.splitlines()[-1])
    assert [t["country_code"] for t in last["toponyms"]] == ["US"]
