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
