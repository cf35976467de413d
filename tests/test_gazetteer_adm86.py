"""Admin-1 regions under the spellings news gives them, from Who's On First's names.

Natural Earth spells Somalia's regions "Lower Shebelle", "Middle Shebelle" and "Hiran";
news writes "Lower Shabelle", "Middle Shabelle", "Hiraan". The article below was written
for these tests.
"""

from __future__ import annotations

import pytest

from geomap.gazetteer.build_admin1_wof import _core, _spelling_of
from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.index import GazetteerIndex
from geomap.gazetteer.names import normalize
from geomap.geoparse import geoparse
from geomap.records import Article, Resolution

ARTICLE = (
    "MOGADISHU, Somalia - Government forces and allied militias pushed into villages "
    "held by al-Shabaab in the Lower Shabelle region on Monday, a military officer said. "
    "Fighting also spread to Middle Shabelle, where residents fled toward the capital, and "
    "clan militias reported clashes in the Hiraan region, north of the river towns."
)


@pytest.fixture(scope="module")
def found(gazetteer_index: GazetteerIndex) -> dict[str, list[Resolution]]:
    geocoder = GazetteerGeocoder(index=gazetteer_index)
    out: dict[str, list[Resolution]] = {}
    article = Article(id="adm86", text=ARTICLE)
    for r in geoparse(article, index=gazetteer_index, geocoder=geocoder):
        out.setdefault(r.mention.text, []).append(r)
    return out


@pytest.mark.parametrize(
    ("mention", "region"),
    [
        ("Lower Shabelle", "ne-admin1:SO-SH"),
        ("Middle Shabelle", "ne-admin1:SO-SD"),
        ("Hiraan", "ne-admin1:SO-HI"),
    ],
)
def test_news_spellings_of_somali_regions_resolve_to_the_region(
    found: dict[str, list[Resolution]], mention: str, region: str
) -> None:
    hits = [r for text, rs in found.items() if mention in text for r in rs]
    assert hits, f"{mention!r} not recognised: {sorted(found)}"
    entry = hits[0].entry
    assert entry is not None and entry.id == region and entry.feature_type == "admin1"


def test_the_index_holds_the_wof_spellings(gazetteer_index: GazetteerIndex) -> None:
    for name in ("Lower Shabelle", "Middle Shabelle", "Lower Shabeelle"):
        ids = {e.id for e in gazetteer_index.lookup(name)}
        assert any(i.startswith("ne-admin1:SO-S") for i in ids), (name, ids)


def test_no_spelling_of_an_english_word_region_name(gazetteer_index: GazetteerIndex) -> None:
    # WOF's Italian "Unità" for South Sudan's Unity state would make "UNITA" (the
    # Angolan party) a place; "Northren" (Sudan's Northern state) is a typo
    for name in ("Unita", "Northren"):
        assert not any(e.feature_type == "admin1" for e in gazetteer_index.lookup(name)), name


def test_another_language_name_is_no_spelling() -> None:
    cores = {_core(normalize("Luhansk Oblast")), _core(normalize("Luhansk"))}
    assert not _spelling_of(_core(normalize("Luhanskin alue")), cores)
    assert _spelling_of(_core(normalize("Lower Shabelle")), {_core(normalize("Lower Shebelle"))})
    assert _spelling_of(_core(normalize("Al Bayda Governorate")), {"bayda"})
    # a man's name in English text as often as Yemen's 'Amran
    assert not _spelling_of(_core(normalize("Omran")), {"amran"})
