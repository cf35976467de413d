"""The nouns a stated figure counts: people, things (buildings, weapons, vehicles, places)
and casualties, each surface form (singular or plural) mapped to its lemma.  Read by
:mod:`geomap.facts.counts`: "six high school seniors" counts seniors, "two other
provinces" counts provinces, not two dead."""

from __future__ import annotations

__all__ = ["CASUALTY_NOUNS", "NOUNS", "PERSON_NOUNS", "THING_NOUNS"]


def _lexicon(singulars: str, irregular: dict[str, str] | None = None) -> dict[str, str]:
    table: dict[str, str] = {}
    for word in singulars.split():
        if word.endswith("y") and word[-2] not in "aeiou":
            plural = word[:-1] + "ies"
        elif word.endswith(("s", "sh", "ch", "x")):
            plural = word + "es"
        else:
            plural = word + "s"
        table[word] = table[plural] = word
    return table | (irregular or {})


PERSON_NOUNS = _lexicon(
    "person resident civilian soldier serviceman child villager inhabitant passenger worker "
    "student tourist migrant refugee firefighter officer miner pilot sailor "
    "victim patient hiker climber driver pedestrian citizen national employee prisoner "
    "captive hostage detainee troop fighter militant evacuee survivor member pupil "
    "schoolgirl schoolboy schoolchild worshipper farmer herder journalist guard nurse doctor "
    "teacher protester demonstrator bystander shopper commuter trader crew girl boy suspect "
    "volunteer auxiliary recruit gendarme insurgent rebel jihadist bandit attacker assailant "
    "peacekeeper pilgrim mourner guest spectator adult infant baby toddler teenager medic "
    "paramedic rescuer relative reservist inmate",
    {
        "people": "person",
        "children": "child",
        "schoolchildren": "schoolchild",
        "crew": "crew",
        "women": "woman",
        "woman": "woman",
        "men": "man",
        "man": "man",
        "fishermen": "fisherman",
        "policemen": "policeman",
        "militiamen": "militiaman",
        "gunmen": "gunman",
        "servicemen": "serviceman",
        "POWs": "prisoner",
        "staff": "staff",
        "staffers": "staff",
        "personnel": "personnel",
    },
)
THING_NOUNS = _lexicon(
    "home house building apartment flat structure dwelling household family school hospital "
    "shelter vehicle car truck bus train missile drone rocket shell bomb projectile grenade "
    "aircraft plane jet helicopter ship boat vessel tank village town settlement city "
    "business shop bridge church mosque warehouse barn stable shed animal province district "
    "region county area",
    {"aircraft": "aircraft", "UAVs": "drone"},
)
CASUALTY_NOUNS = {
    "dead": "dead",
    "killed": "dead",
    "deaths": "dead",
    "death": "dead",
    "fatalities": "dead",
    "fatality": "dead",
    "bodies": "dead",
    "body": "dead",
    "injured": "injured",
    "wounded": "injured",
    "injuries": "injured",
    "hurt": "injured",
    "missing": "missing",
    "casualties": "casualty",
    "casualty": "casualty",
}
NOUNS = PERSON_NOUNS | THING_NOUNS | CASUALTY_NOUNS
