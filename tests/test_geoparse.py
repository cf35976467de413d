"""Recognition and resolution on short articles written for these tests, on the real index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli.geoparse import geoparse as geoparse_command
from geomap.errors import GeomapError
from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse import find_mentions, group_places
from geomap.records import Resolution


def _by_text(resolutions: list[Resolution]) -> dict[str, Resolution]:
    """Each mention's resolution by its text (the first, where a name repeats)."""
    found: dict[str, Resolution] = {}
    for r in resolutions:
        found.setdefault(r.mention.text, r)
    return found


def test_paris_texas_is_not_paris_france(parse) -> None:
    found = _by_text(parse(
        "A tornado damaged homes in Paris, Texas, late on Tuesday. Lamar County officials "
        "said crews from Dallas and Sherman were helping to clear the roads."
    ))  # fmt: skip
    paris = found["Paris"].entry
    assert paris is not None and paris.country_code == "US" and paris.admin1 == "Texas"
    assert found["Lamar County"].mention.qualifier == "county"


def test_paris_in_an_article_about_france(parse) -> None:
    found = _by_text(parse(
        "Thousands marched through Paris on Saturday against the pension reform. "
        "Unions in Lyon and Marseille called further strikes across France."
    ))  # fmt: skip
    assert found["Paris"].entry.country_code == "FR"
    assert found["Lyon"].entry.country_code == "FR"


def test_georgia_the_country_beside_tbilisi(parse) -> None:
    found = _by_text(parse(
        "Protesters filled the streets of Tbilisi for a third night. Georgia's parliament "
        "passed the law despite warnings from Brussels, and police used water cannon "
        "near Batumi as well."
    ))  # fmt: skip
    georgia = found["Georgia"]
    assert georgia.mention.end - georgia.mention.start == len("Georgia")  # not "Georgia's"
    assert georgia.entry.feature_type == "country" and georgia.entry.country_code == "GE"


def test_georgia_the_state_beside_atlanta(parse) -> None:
    found = _by_text(parse(
        "Heavy storms knocked out power across Atlanta and Savannah on Monday. "
        "The governor of Georgia declared a state of emergency for Fulton County."
    ))  # fmt: skip
    georgia = found["Georgia"].entry
    assert georgia.feature_type == "admin1" and georgia.country_code == "US"


def test_port_city_qualifier_and_possessive(parse) -> None:
    found = _by_text(parse(
        "Drones struck the port city of Odesa overnight, officials said. Spain's foreign "
        "minister condemned the attack on Odesa's harbour."
    ))  # fmt: skip
    odesa = found["Odesa"]
    assert odesa.mention.qualifier == "port city"
    assert odesa.entry.country_code == "UA"
    assert found["Spain"].entry.feature_type == "country"
    assert "Spain's" not in found and "Odesa's" not in found


def test_lowercase_capital_and_demonyms(parse) -> None:
    found = _by_text(parse(
        "Air raid sirens sounded in kyiv before dawn. Ukrainian officials said Russian "
        "missiles hit an energy plant, and Emirati mediators offered talks."
    ))  # fmt: skip
    assert found["kyiv"].entry.name == "Kyiv"
    for word, country in (("Ukrainian", "UA"), ("Russian", "RU"), ("Emirati", "AE")):
        assert found[word].mention.demonym
        assert found[word].entry.feature_type == "country"
        assert found[word].entry.country_code == country


def test_non_places_are_not_mentions(gazetteer_index: GazetteerIndex) -> None:
    text = (
        "On Monday, Reuters reported that the message was posted on Telegram in March. "
        "Detective Sarah Florence said the suspect had left town on Friday."
    )
    assert find_mentions(text, gazetteer_index) == []


def test_unknown_county_and_street_are_recognised(gazetteer_index: GazetteerIndex) -> None:
    text = "Deputies closed Quarry Ridge Road in Foxbrook County after the crash."
    spans = [m.text for m in find_mentions(text, gazetteer_index)]
    assert spans == ["Quarry Ridge Road", "Foxbrook County"]


def test_small_town_of_common_words_after_a_preposition(parse) -> None:
    # both words are ordinary English; "in" before them says a place follows
    found = _by_text(parse("Volunteers handed out bottled water in Sulphur Springs on Monday."))
    assert list(found) == ["Sulphur Springs"]
    town = found["Sulphur Springs"].entry
    assert town is not None and town.admin1 == "Texas"
    assert _by_text(parse("The Sulphur Springs brand of bottled water is sold nationwide.")) == {}


def test_the_eu_by_its_letters_is_the_union_not_the_french_town(parse) -> None:
    found = _by_text(parse("Farm ministers from across the EU met in Luxembourg on Monday."))
    eu = found["EU"].entry
    assert eu is not None and eu.name == "European Union" and eu.geonameid == 6695072


def test_an_ethnic_demonym_names_its_country(parse) -> None:
    found = _by_text(parse("Most Sinhalese fishermen in the district stayed ashore."))
    assert found["Sinhalese"].entry is not None
    assert found["Sinhalese"].entry.country_code == "LK"


def test_a_distinctive_unpopulated_landmark_is_resolved_with_confidence(parse) -> None:
    # the dam has no population, but no other place bears its name and the article is
    # about its country: a score near the cut-off would drop it from maps on a whim
    found = _by_text(parse(
        "Water levels behind the Kakhovka Dam fell sharply on Monday, Ukrainian officials "
        "said, and farmers in the south of Ukraine warned that irrigation canals were "
        "running dry."
    ))  # fmt: skip
    dam = found["Kakhovka Dam"]
    assert dam.entry is not None and dam.entry.feature_type == "dam"
    assert dam.entry.country_code == "UA"
    assert dam.score >= 0.5


def test_group_places_merges_repeated_mentions(parse) -> None:
    resolutions = parse("Nairobi hosted the summit. Delegates left Nairobi on Sunday for Mombasa.")
    places = group_places(resolutions)
    assert [p.entry.name for p in places] == ["Nairobi", "Mombasa"]
    assert len(places[0].mentions) == 2


# ---------------------------------------------------------------------- the CLI

_ARTICLES = [
    {"id": "a1", "text": "Flooding cut roads between Lyon and Grenoble, France, on Sunday."},
    {"id": "a2", "text": "Officials in Nairobi, Kenya, said the rains would continue.",
     "toponyms": [{"start": 13, "end": 20}, {"start": 22, "end": 27}]},
]  # fmt: skip


def _write(path: Path, records: list[dict], *, bad_line: str | None = None) -> Path:
    lines = [json.dumps(r) for r in records]
    if bad_line is not None:
        lines.insert(1, bad_line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cli_finds_toponyms(tmp_path: Path, gazetteer_cache: Path, monkeypatch) -> None:
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(gazetteer_cache))
    src = _write(tmp_path / "in.jsonl", _ARTICLES)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(geoparse_command, [str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["a1", "a2"]
    names = [t["name"] for t in records[0]["toponyms"]]
    assert names == ["Lyon", "Grenoble", "France"]
    lyon = records[0]["toponyms"][0]
    assert abs(lyon["lat"] - 45.76) < 0.2 and abs(lyon["lon"] - 4.83) < 0.2
    assert lyon["country_code"] == "FR" and 0 < lyon["score"] <= 1


def test_cli_given_spans_from_stdin(gazetteer_cache: Path, monkeypatch) -> None:
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(gazetteer_cache))
    stdin = json.dumps(_ARTICLES[1]) + "\n"
    result = CliRunner().invoke(geoparse_command, ["-", "--given-spans"], input=stdin)
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.output.splitlines()]
    spans = [(t["start"], t["end"], t["country_code"]) for t in record["toponyms"]]
    assert spans == [(13, 20, "KE"), (22, 27, "KE")]


def test_cli_malformed_line(tmp_path: Path, gazetteer_cache: Path, monkeypatch) -> None:
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(gazetteer_cache))
    src = _write(tmp_path / "in.jsonl", _ARTICLES, bad_line='{"id": "x", "text": ')
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(geoparse_command, [str(src), "-o", str(out)])
    assert result.exit_code == 1
    assert isinstance(result.exception, GeomapError)
    assert "line 2" in str(result.exception)
    assert not out.exists()


# ------------------------------------------------- relations the wording sets


@pytest.mark.parametrize(
    "text",
    [
        "Rescuers worked through the night near Larissa city after the crash.",
        "Rescuers worked through the night near the city of Larissa after the crash.",
    ],
)
def test_a_first_name_the_sentence_calls_a_city_is_the_city(parse, text: str) -> None:
    larissa = _by_text(parse(text))["Larissa"]
    assert larissa.entry is not None and larissa.entry.country_code == "GR"


def test_a_first_name_alone_is_still_a_person(parse) -> None:
    found = _by_text(parse("Larissa said the rescuers worked through the night."))
    assert "Larissa" not in found or found["Larissa"].entry is None


def test_a_town_near_a_place_in_a_country_is_not_a_namesake_abroad(parse) -> None:
    """The gazetteer has no Greek Tempe, only Arizona's and a suburb of Sydney: the place
    near Larissa, Greece, is left unplaced rather than pinned in another country."""
    found = _by_text(parse("Two trains collided in Tempe near Larissa city, Greece, on "
                           "Tuesday night."))  # fmt: skip
    assert found["Larissa"].entry is not None and found["Larissa"].entry.country_code == "GR"
    tempe = found["Tempe"]
    assert tempe.entry is None or tempe.entry.country_code == "GR"
    # without the relation, Tempe is Arizona's
    alone = _by_text(parse("Two trains collided in Tempe on Tuesday night."))["Tempe"]
    assert alone.entry is not None and alone.entry.country_code == "US"


def test_burkina_fasos_regions_are_found_with_their_word(parse) -> None:
    found = _by_text(parse("Gunmen attacked a village in the Centre-Nord region of Burkina "
                           "Faso and another in the Boucle du Mouhoun region."))  # fmt: skip
    for written in ("Centre-Nord", "Boucle du Mouhoun"):
        resolution = next(r for text, r in found.items() if text.startswith(written))
        assert resolution.entry is not None
        assert resolution.entry.feature_type == "admin1"
        assert resolution.entry.country_code == "BF"


def test_a_pack_village_inside_a_region_natural_earth_does_not_code(parse) -> None:
    """Burkina Faso's regions come from Who's On First with no Natural Earth code; a
    village the sentence puts in one is found by the region's box."""
    found = _by_text(parse("Terrorist groups attacked the village of Noaka in the "
                           "Centre-Nord region of Burkina Faso."))  # fmt: skip
    village = found["Noaka"]
    assert village.entry is not None
    assert village.entry.feature_type == "village" and village.entry.country_code == "BF"


def test_arabics_article_written_either_way_finds_the_town(parse) -> None:
    """The gazetteer writes "Ma'arrat an Nu'man" (the article as said before N); a report
    writes "Maarat al Numan", a name run that holds the lower-case article."""
    found = _by_text(parse("Warplanes hit the Idlib province town of Maarat al Numan on "
                           "Tuesday night."))  # fmt: skip
    town = found["Maarat al Numan"]
    assert town.entry is not None
    assert town.entry.country_code == "SY" and town.entry.feature_type == "city"


def test_arabic_article_variants() -> None:
    from geomap.geoparse.candidates import romanisations

    assert "Maarat an Numan" in romanisations("Maarat al Numan")
    assert "Maarat al Numan" in romanisations("Maarat an Numan")
    assert "Jisr ash Shughur" in romanisations("Jisr al Shughur")
    assert not any("an " in v for v in romanisations("Khan al Asal"))  # A is no sun letter


def test_a_district_named_with_an_adjective_before_its_type_word(parse) -> None:
    found = _by_text(parse("A suicide bomber struck a market in the South Waziristan tribal "
                           "district on Friday."))  # fmt: skip
    district = found["South Waziristan"]
    assert district.entry is not None
    assert district.entry.feature_type == "admin2" and district.entry.country_code == "PK"
