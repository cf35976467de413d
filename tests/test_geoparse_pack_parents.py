"""Villages only the shipped packs hold, placed by the district written after them:
"Osara in Adavi LGA", "Obajana in Lokoja Local Government Area" (geomap.geoparse.pack_cues'
``district_after``, pack_named, pack_villages' ``in_named_district``).

The packs record the district each village lies in (their ``parent`` column), which the
per-country names file keeps (geomap.gazetteer.pack_names) and
``pack_village_parents`` gives. The villages are real rows of the committed Nigerian pack
(wof-ng), none of them in the default index; the articles are written here. The
counter-examples are names the same pack holds with a parent, in wording that must not
make them places: another district, two villages of the name there, a first name, a word
of English.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from geomap.gazetteer.index import GazetteerIndex
from geomap.gazetteer.names import normalize
from geomap.gazetteer.pack_lookup import pack_village_parents, pack_villages
from geomap.geoparse.pack_cues import district_after, district_key
from geomap.records import GazetteerEntry, Resolution

Parse = Callable[[str], list[Resolution]]



def _village(name: str, parent: str) -> GazetteerEntry:
    """The Nigerian pack's one village called ``name`` whose parent is ``parent``."""
    rows = [e for e, p in pack_village_parents(normalize(name), "NG") if p == parent]
    assert len(rows) == 1, rows
    return rows[0]


def _entry_of(found: list[Resolution], written: str) -> GazetteerEntry | None:
    """The place every mention written ``written`` was given (None: unplaced or not
    recognised)."""
    entries = {r.entry for r in found if r.mention.text == written}
    assert len(entries) <= 1, entries
    return next(iter(entries), None)


def test_the_default_index_lacks_the_villages(gazetteer_index: GazetteerIndex) -> None:
    for name in ("Osara", "Obajana", "Okagi", "Zarkama"):
        assert not gazetteer_index.has_name(normalize(name)), name


def test_the_names_file_keeps_each_village_parent(gazetteer_cache: Path) -> None:
    # the same villages as pack_villages gives, in the same order, each with its district
    with_parents = pack_village_parents("kukuri", "NG")
    assert [e for e, _ in with_parents] == pack_villages("kukuri", "NG")
    assert sorted(p for _, p in with_parents) == ["", "Fika", "Kagarko", "Nangere"]
    assert pack_village_parents("osara", "NG")[0][1] == "Adavi"
    assert pack_village_parents("osara", "US") == []  # no pack: nothing


def test_the_district_written_after_a_name() -> None:
    text = (
        "Osara in Adavi LGA; Obajana in the Lokoja Local Government Area; Akucieng Village "
        "of Manyang-Ngok Payam; Gwarinpa in Abuja"
    )
    assert district_after(text, text.index(" in Adavi")) == ("Adavi", text.index("Adavi"))
    assert district_after(text, text.index(" in the Lokoja"))[0] == "Lokoja"  # type: ignore[index]
    assert district_after(text, text.index(" Village of"))[0] == "Manyang-Ngok"  # type: ignore[index]
    assert district_after(text, text.index(" in Abuja")) is None  # no unit word
    assert district_key("Adavi Local Government Area") == district_key("Adavi") == "adavi"
    assert district_key("Zhytomyrskyi Raion") == "zhytomyrskyi"


def test_villages_placed_in_the_district_written_after_them(parse: Parse) -> None:
    found = parse(
        "KOGI, Nigeria - Gunmen attacked a university hostel. 24 students of the university, "
        "Osara in Adavi LGA of the state were abducted on Tuesday. Police said 14 students "
        "were rescued from a bush near Obajana in Lokoja LGA of Kogi State."
    )
    assert _entry_of(found, "Osara") == _village("Osara", "Adavi")
    assert _entry_of(found, "Obajana") == _village("Obajana", "Lokoja")
    adavi = _entry_of(found, "Adavi")
    assert adavi is not None and adavi.feature_type == "admin2"


def test_a_village_the_pack_gives_no_district_lies_in_the_unit_box(parse: Parse) -> None:
    # Zarkama's row names no district; the box of Bassa LGA (Kogi) holds it
    assert pack_village_parents("zarkama", "NG")[0][1] == ""
    found = parse(
        "Bandits attacked Zarkama in Bassa LGA of Kogi State, Nigeria, killing three farmers."
    )
    zarkama = _entry_of(found, "Zarkama")
    assert zarkama is not None and zarkama == pack_villages("zarkama", "NG")[0]


def test_a_village_of_another_district_is_not_taken(parse: Parse) -> None:
    # the one Osara of the pack lies in Adavi, not in (nor inside the box of) Ankpa
    found = parse(
        "Gunmen attacked travellers in Kogi State, Nigeria. Osara in Ankpa LGA was also "
        "attacked, residents said."
    )
    assert _entry_of(found, "Osara") is None


def test_two_villages_of_the_name_in_the_district_leave_it_unplaced(parse: Parse) -> None:
    # the pack has two Okagi in Mopa-Muro, 28 km apart, both inside its box
    assert sum(p == "Mopa-Muro" for _, p in pack_village_parents("okagi", "NG")) == 2
    found = parse(
        "Gunmen attacked travellers in Kogi State, Nigeria. Residents of Okagi in Mopa-Muro "
        "LGA said five people were killed."
    )
    assert _entry_of(found, "Okagi") is None
    assert _entry_of(found, "Mopa-Muro") is not None  # the district itself still resolves


@pytest.mark.parametrize(
    ("name", "district"),
    [("Ola", "Dekina"), ("Emu", "Lokoja")],  # a first name; a word of English
)
def test_a_name_or_a_word_is_no_village(parse: Parse, name: str, district: str) -> None:
    _village(name, district)  # the pack holds one there all the same
    found = parse(
        f"Gunmen attacked a farm in Kogi State, Nigeria. {name} in {district} LGA said the "
        "attackers fled."
    )
    assert _entry_of(found, name) is None
