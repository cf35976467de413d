"""The nouns a stated figure counts, by lemma: people ("residents", "policemen"), things
("homes", "drones") and casualties ("dead", "wounded").  Read by
:mod:`geomap.facts.counts` to tell what a figure counts, and by :mod:`geomap.facts.sums`
to tell which figures are parts of one toll."""

from __future__ import annotations

__all__ = ["CASUALTY_NOUNS", "NOUNS", "PERSON_NOUNS", "THING_NOUNS", "TITLES"]


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
    "paramedic rescuer relative reservist inmate vigilante hunter motorist traveller traveler "
    "shepherd vendor contractor cadet jawan trooper constable labourer laborer porter",
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
        "herdsmen": "herdsman",
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
TITLES = frozenset(_lexicon(
    "secretary mayor governor director leader head chief commander official councillor "
    "councilor senator lawmaker minister deputy judge priest imam pastor"
).values())
"""People named by their office ("a local security secretary and 12 police officers were
killed"): one person each, though no figure counts them."""
