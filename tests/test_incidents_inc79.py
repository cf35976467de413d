"""Classes of misreadings found on real reports of a development split (fresh8): the
attackers' own dead in a fight, ...  Every article here is written for the test.
"""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in

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
