"""Classes of misreadings found on real reports of a development split (fresh8): the
attackers' own dead in a fight, a victim named by kinship, a reprisal told as its own
event, a crowd of villagers burning what the attackers left.  Every article here is
written for the test; the village names are made up, so no gazetteer knows them.
"""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in

from geomap.facts.counts import find_counts

TUESDAY = dt.date(2025, 3, 25)


def _run(text: str, date: dt.date | None = TUESDAY):
    return incidents_in(text, date)


def test_the_attackers_dead_in_a_fight_add_to_the_toll() -> None:
    (clash,) = _run(
        "On Sunday morning, a gang attacked and killed six police officers in Garissa, "
        "Kenya. Officials said 16 officers were at the camp during the attack. During the "
        "attack, two militants were killed, and one was injured, police said."
    )
    assert clash.event_type == "Battles"
    assert clash.fatalities is not None and clash.fatalities.value == 8
    assert clash.injured is not None and clash.injured.value == 1


def test_attackers_named_in_the_toll_or_killed_after_a_massacre_are_not_added() -> None:
    (attack,) = _run(
        "At least ten people, including three attackers, were killed when gunmen stormed "
        "a hotel in Mogadishu on Sunday. Three of the attackers were shot dead by guards."
    )
    assert attack.fatalities is not None and attack.fatalities.value == 10
    # one-sided violence: the army killing the attackers afterwards is another fight
    (massacre,) = _run(
        "Militia fighters killed 14 villagers in an attack on Kisoro, Uganda, on Sunday. "
        "The army intervened, killing two attackers, an official said."
    )
    assert massacre.event_type == "Violence against civilians"
    assert massacre.fatalities is not None and massacre.fatalities.value == 14


def test_a_victim_named_by_kinship_is_counted() -> None:
    (toll,) = [c for c in find_counts(
        "Youths killed the brother of a local chief and two children in the village.")
        if c.noun == "dead"]  # fmt: skip
    assert toll.value == 3
    (one,) = find_counts("Gunmen killed the wife of Peter Okello on Sunday.")
    assert (one.value, one.noun) == (1, "dead")


def test_a_reprisal_is_an_event_of_its_own() -> None:
    first, reprisal = _run(
        "Gunmen killed a herder in Bokkos, Plateau state, on Monday, police said. In "
        "retaliation, youths killed the brother of a local chief and two children in "
        "Dangwal village, police said."
    )
    assert first.fatalities is not None and first.fatalities.value == 1
    assert reprisal.fatalities is not None and reprisal.fatalities.value == 3
    assert "Dangwal" in (reprisal.location_note or "")


def test_villagers_burning_the_attackers_vehicles_are_a_mob() -> None:
    attack, mob = _run(
        "Unidentified gunmen opened fire in a village near Thoubal, Manipur, on Monday, "
        "killing four people. In retaliation, the villagers burnt down the vehicles of "
        "the assailants."
    )
    assert (attack.event_type, attack.sub_event_type) == ("Violence against civilians",
                                                          "Attack")
    assert (mob.event_type, mob.sub_event_type) == ("Riots", "Mob violence")
    assert mob.date_start == attack.date_start


def test_survivors_who_got_out_are_people_affected_but_escaping_attackers_are_not() -> None:
    (blast,) = _run(
        "A methane explosion in a coal mine in Zonguldak, Turkey, killed 12 miners on "
        "Friday evening. Nine were injured, while 41 others managed to get out of the mine "
        "on their own. Earlier, officials said more than a dozen miners had been trapped.",
        dt.date(2022, 10, 15),
    )
    assert blast.people_affected is not None and blast.people_affected.value == 41
    assert [(c.value, c.noun) for c in find_counts("Three of the gunmen managed to escape.")
            ] == [(3, "gunman")]  # fmt: skip


def test_people_rescued_are_the_incident_s_whose_people_they_are() -> None:
    attack, shootout = _run(
        "Gunmen stormed a logging camp near Wamena, Indonesia, on Monday, killing five "
        "workers and burning two trucks. Hours later, a shootout took place between troops "
        "and the rebels occupying the camp. Nine workers who had hid in the forest were "
        "rescued after troops cleared the camp.",
        dt.date(2023, 10, 20),
    )
    assert attack.event_type == "Violence against civilians"
    assert attack.people_affected is not None and attack.people_affected.value == 9
    assert shootout.event_type == "Battles" and shootout.people_affected is None


def test_outside_a_capital_named_with_its_title_is_near_it() -> None:
    for where in ("outside the capital Dhaka", "outside Bangladesh's capital Dhaka"):
        (fire,) = _run(
            f"At least 40 people were killed after a fire broke out at a factory {where} "
            "on Thursday.",
            dt.date(2021, 7, 9),
        )
        assert fire.location is not None and fire.location.entry.name == "Dhaka"
        assert fire.geo_precision == 2, where
    (inside,) = _run("A fire at a factory in the capital Dhaka killed 40 people on Thursday.",
                     dt.date(2021, 7, 9))
    assert inside.geo_precision == 1


def test_the_papuan_provinces_of_2022_are_first_level_units() -> None:
    (attack,) = _run(
        "Gunmen stormed a gold panning camp in the Yahukimo district of Highland Papua "
        "province on Monday, killing seven workers.",
        dt.date(2023, 10, 20),
    )
    assert attack.location is not None and attack.location.entry.name == "Highland Papua"
    assert attack.location.entry.feature_type == "admin1"
    assert attack.geo_precision == 4  # a province (UCDP 4), not a larger region (5)


def test_armed_or_hooded_men_are_the_attackers_not_people_affected() -> None:
    (attack,) = _run(
        "At least 30 armed men attacked fishermen at the port of Esmeraldas, Ecuador, on "
        "Tuesday, killing nine people. Police said 15 hooded men had arrived by boat.",
        dt.date(2023, 4, 12),
    )
    assert attack.fatalities is not None and attack.fatalities.value == 9
    assert attack.people_affected is None


def test_residents_who_burn_while_protesting_are_a_riot_not_a_mob() -> None:
    (riot,) = _run("Angry residents protesting the killing torched a police station in "
                   "Thoubal, Manipur, on Monday.")
    assert (riot.event_type, riot.sub_event_type) == ("Riots", "Violent demonstration")
