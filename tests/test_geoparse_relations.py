"""Places the wording relates to each other: what lies near a place lies in the country
that place is said to be in; a first name the sentence calls a town is the town; regions
of countries whose Natural Earth units are another level.  Articles written here."""

from __future__ import annotations

import pytest

from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse import geoparse
from geomap.records import Article, Resolution


@pytest.fixture(scope="module")
def parse(gazetteer_index: GazetteerIndex):
    geocoder = GazetteerGeocoder(index=gazetteer_index)

    def run(text: str) -> list[Resolution]:
        return geoparse(Article(id="t", text=text), index=gazetteer_index, geocoder=geocoder)

    return run


def _by_text(resolutions: list[Resolution]) -> dict[str, Resolution]:
    return {r.mention.text: r for r in resolutions}


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
