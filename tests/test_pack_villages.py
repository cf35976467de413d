"""Villages that only the packs hold, placed without installing the packs, where the
article says in so many words that the name is a village and where it lies.

The villages are real rows of the committed packs (data/gazetteer/packs/wof-sd and
wof-ke), none of them in the default index; the articles are written here.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from geopy.distance import great_circle

from geomap.article import article_from_text
from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.index import INDEX_FILE, GazetteerIndex
from geomap.gazetteer.names import normalize
from geomap.gazetteer.pack_lookup import pack_villages
from geomap.gazetteer.packs import install, pack_source
from geomap.geoparse import geoparse, group_places
from geomap.pipeline import run
from geomap.records import Article, GazetteerEntry, Incident, Resolution

Parse = Callable[[str], list[Resolution]]

ATTACK = """Gunmen kill five in Darfur village

Gunmen attacked the village of Mirkan in North Darfur state on Monday, killing five \
people, local officials said.
Hundreds of residents fled towards El Fasher, the state capital.
"""


def _parser(index: GazetteerIndex) -> Parse:
    geocoder = GazetteerGeocoder(index=index)

    def parse(text: str) -> list[Resolution]:
        return geoparse(Article(id="t", text=text), index=index, geocoder=geocoder)

    return parse


@pytest.fixture(scope="module")
def parse(gazetteer_index: GazetteerIndex) -> Parse:
    return _parser(gazetteer_index)


@pytest.fixture(scope="module")
def with_pack(gazetteer_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Parse]:
    """Geoparsing on a cache of its own: the session's index plus Sudan's village pack,
    installed as a user does (``geomap gazetteer install wof-sd``)."""
    cache = tmp_path_factory.mktemp("sd-pack-cache")
    shutil.copy2(gazetteer_cache / INDEX_FILE, cache / INDEX_FILE)
    assert install("wof-sd", cache_dir=cache).places > 5_000
    with GazetteerIndex.open(cache, progress=False) as index:
        yield _parser(index)


def _entries(found: list[Resolution], written: str) -> list[GazetteerEntry | None]:
    """The place chosen for every mention written ``written`` (at least one)."""
    entries = [r.entry for r in found if r.mention.text == written]
    assert entries, f"{written!r} was not recognised in {[r.mention.text for r in found]}"
    return entries


def _village(found: list[Resolution], written: str) -> GazetteerEntry:
    entries = _entries(found, written)
    assert all(e is not None and e == entries[0] for e in entries), entries
    village = entries[0]
    assert village is not None
    return village


def _km(a: GazetteerEntry, b: GazetteerEntry) -> float:
    return great_circle((a.lat, a.lon), (b.lat, b.lon)).km


def _pack_row(name: str, country: str) -> GazetteerEntry:
    """The one row of the country's packs called ``name`` (what the article means)."""
    rows = pack_villages(normalize(name), country)
    assert len(rows) == 1, rows
    return rows[0]


def test_the_default_index_lacks_the_villages(gazetteer_index: GazetteerIndex) -> None:
    for name in ("Mirkan", "Daldimaya", "Khayrat", "Kahuho"):
        assert not gazetteer_index.has_name(normalize(name))


# ---------------------------------------------------------------------- placed


def test_a_village_in_its_state_is_the_scene_of_the_incident(gazetteer_cache: Path) -> None:
    incidents = run(article_from_text(ATTACK, article_id="t", date=dt.date(2025, 3, 4))).incidents
    killed = [i for i in incidents if i.fatalities is not None and i.fatalities.value == 5]
    assert len(killed) == 1
    incident: Incident = killed[0]
    assert incident.location is not None
    village = incident.location.entry
    row = _pack_row("Mirkan", "SD")
    assert (village.id, village.feature_type) == (row.id, "village")
    assert village.source == pack_source("wof-sd")
    assert (village.country_code, village.admin1) == ("SD", "North Darfur")
    assert incident.geo_precision == 1
    assert incident.location_note is None or "does not know" not in incident.location_note


def test_every_mention_of_the_village_is_the_village(parse: Parse) -> None:
    found = parse(
        "Gunmen attacked the village of Mirkan in North Darfur state on Monday. Mirkan "
        "lies on the road west of the state capital, residents said."
    )
    assert _village(found, "Mirkan") == _pack_row("Mirkan", "SD")


def test_a_village_placed_in_its_county_by_a_comma(parse: Parse) -> None:
    found = parse("Two people drowned in Kahuho, Kiambu county, on Saturday, police said.")
    village = _village(found, "Kahuho")
    county = _entries(found, "Kiambu")[0]
    assert village == _pack_row("Kahuho", "KE") and county is not None
    assert village.country_code == county.country_code == "KE" and _km(village, county) < 40


def test_another_romanisation_of_the_village_is_found(parse: Parse) -> None:
    # the pack writes Daldimaya; the article another common romanisation
    found = parse("Floods destroyed 300 homes in the village of Daldimaia in North Kordofan.")
    assert _village(found, "Daldimaia") == _pack_row("Daldimaya", "SD")


def test_two_rows_a_few_kilometres_apart_are_one_village(parse: Parse) -> None:
    # Ethiopia's pack lists Mezezo twice, 7 km apart: one village, not two
    rows = pack_villages("mezezo", "ET")
    assert len(rows) == 2 and {r.admin1 for r in rows} == {"Amhara"} and 5 < _km(*rows) < 10
    found = parse(
        "A drone strike hit Mezezo town in Amhara region on Sunday, killing four civilians, "
        "residents said. A grass hut near Mezezo town was also struck."
    )
    assert _village(found, "Mezezo") in rows


def test_the_village_in_the_region_named_under_another_romanisation(parse: Parse) -> None:
    # The packs' "Pervomaiske" rows lie in other oblasts, and the index's nearest namesake
    # in Crimea, inside Kherson region's box; Kherson's own two are written
    # "Pervomays'ke", and the one beside the city of Kherson is meant
    assert {r.admin1 for r in pack_villages("pervomaiske", "UA")}.isdisjoint({"Kherson"})
    kherson = [r for r in pack_villages("pervomayske", "UA") if r.admin1 == "Kherson"]
    assert len(kherson) == 2 and _km(*kherson) > 60
    found = parse(
        "Shelling kills farm worker in Ukraine's Kherson region\n\nA farm worker was "
        "killed in the village of Pervomaiske, Kherson region, late on Friday in artillery "
        "shelling, Ukrainian police said. Russian forces also shelled the city of Kherson "
        "overnight."
    )
    village = _village(found, "Pervomaiske")
    city = _entries(found, "Kherson")[-1]
    assert village in kherson and city is not None and city.feature_type == "city"
    assert _km(village, city) < 30


def test_a_township_named_after_its_town_is_placed_at_the_town(parse: Parse) -> None:
    # "Tilin Township": the unit no gazetteer holds, at its seat, the pack's town Tilin
    seat = _pack_row("Tilin", "MM")
    found = parse(
        "Myanmar junta airstrikes kill three civilians\n\nThree civilians were killed when "
        "junta jets bombed an office in Tilin Township, Magwe Region, on Thursday, local "
        "media said."
    )
    township = _village(found, "Tilin Township")
    assert (township.name, township.feature_type) == ("Tilin Township", "admin3")
    assert township.id != seat.id and (township.lat, township.lon) == (seat.lat, seat.lon)


def test_a_commune_named_after_its_town_is_placed_at_the_town(parse: Parse) -> None:
    # Burundi's communes bear their seat's name: "the Mabayi commune of Cibitoke province"
    seat = _pack_row("Mabayi", "BI")
    found = parse(
        "Burundi mine collapse kills fifteen\n\nFifteen miners died when a gold mine "
        "collapsed in the Mabayi commune of Cibitoke province on Saturday, officials said."
    )
    commune = _village(found, "Mabayi")
    assert (commune.name, commune.feature_type, commune.admin1) == (
        "Mabayi Commune",
        "admin3",
        "Cibitoke",
    )
    assert (commune.lat, commune.lon) == (seat.lat, seat.lon)


def test_a_kebele_is_a_small_place(parse: Parse) -> None:
    # Ethiopia's smallest unit: "the Tere kebele", in the region the article names
    tere = [r for r in pack_villages("tere", "ET") if r.admin1 == "Amhara"]
    assert len(tere) == 1
    found = parse(
        "Ethiopia: drone strike kills teachers in Amhara region\n\nA drone strike "
        "targeted a primary school in the Tere kebele on Sunday, residents said."
    )
    assert _village(found, "Tere") == tere[0]


# ---------------------------------------------------------------------- not placed


def test_the_name_without_a_cue_is_no_place(parse: Parse) -> None:
    found = parse("Mirkan told reporters that gunmen had attacked El Fasher in North Darfur.")
    assert "Mirkan" not in [r.mention.text for r in found]
    assert all(r.entry is None or r.entry.feature_type != "village" for r in found)


def test_no_pack_of_a_country_the_article_is_not_about(parse: Parse) -> None:
    # a Sudanese village's name, in a report from Kenya: Kenya's packs have no such village
    found = parse("Gunmen attacked the village of Mirkan near Nakuru on Monday, police said.")
    assert _entries(found, "Mirkan") == [None]


def test_a_village_outside_the_county_the_article_names_is_no_place(parse: Parse) -> None:
    # Kenya's one Kahuho lies in Kiambu, 400 km from Kwale
    found = parse("Two people drowned in the village of Kahuho in Kwale county on Saturday.")
    assert _entries(found, "Kahuho") == [None]


def test_two_villages_of_the_name_in_the_state_are_no_place(parse: Parse) -> None:
    rows = pack_villages("khayrat", "SD")
    assert len(rows) == 2 and {r.admin1 for r in rows} == {"White Nile"} and _km(*rows) > 50
    found = parse("Gunmen attacked the village of Khayrat in White Nile state on Monday.")
    assert _entries(found, "Khayrat") == [None]
    state = _entries(found, "White Nile")[0]
    assert state is not None and state.feature_type == "admin1"


def test_a_name_written_only_in_its_country_is_no_village(parse: Parse) -> None:
    # Sudan's pack holds a village called Kordofan beside El Obeid, but "in Kordofan,
    # Sudan" more likely means the region the gazetteer lacks
    assert pack_villages("kordofan", "SD")
    found = parse("Fighting intensified in Kordofan, Sudan, on Monday; thousands fled to El Obeid.")
    assert _entries(found, "Kordofan") == [None]


def test_a_village_the_article_places_nowhere_is_no_place(parse: Parse) -> None:
    # "the village of X" in a report that names no place near it nor its region
    found = parse("Gunmen attacked the village of Mirkan on Monday, killing five people.")
    assert _entries(found, "Mirkan") == [None]


# ---------------------------------------------------------------------- installed


def test_an_installed_pack_gives_the_same_village_once(parse: Parse, with_pack: Parse) -> None:
    before = _village(parse(ATTACK), "Mirkan")
    found = with_pack(ATTACK)
    after = _village(found, "Mirkan")
    assert after.id == before.id and after.source == pack_source("wof-sd")
    assert [p.entry.id for p in group_places(found)].count(after.id) == 1


def test_a_village_the_pack_holds_with_its_arabic_article(parse: Parse) -> None:
    found = parse(
        "An Israeli drone struck a house in the southern village of Khiyam on Monday, "
        "wounding two people, Lebanon's health ministry said. The wounded were taken to a "
        "hospital in Nabatieh."
    )
    # Lebanon's pack holds the village as "El Khiyam" only
    assert not pack_villages(normalize("Khiyam"), "LB")
    village = _village(found, "Khiyam")
    assert village.name == "El Khiyam" and village.country_code == "LB"
    # written with the article the pack writes otherwise, it is the same village
    other = parse("Troops raided the village of al-Khiyam on Monday. Two men were taken to "
                  "a hospital in Nabatieh, Lebanon's army said.")
    assert _village(other, "al-Khiyam") == village
