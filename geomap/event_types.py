"""What kind of incident a clause reports: ACLED's types plus our own non-conflict ones.

ACLED codes political violence and strategic developments in six event types and
25 sub-event types (ACLED Codebook, 2023).  Incident news also reports disasters,
accidents, evacuations and unexploded ordnance, which ACLED does not code; those
get types of our own in the same two-level shape.

A clause is typed by cue words: each :class:`Cue` is a pattern, optionally with
words that must also appear (``needs``: "missiles" is an attack only next to
"fired", "struck", "killed"...) or must not (``unless``).  Weak cues ("an
attack", "was hit") never open an incident of their own: they only add a
sentence to an incident already found.  When several cues match, the one with
the lowest ``rank`` wins; ties go to the cue stated first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "ACLED_TYPES",
    "CUES",
    "EVENT_TYPES",
    "OWN_TYPES",
    "TYPE_FLAGS",
    "Cue",
    "TypeHit",
    "classify",
    "has_flag",
]

ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
"""ACLED's six event types and their 25 sub-event types, in the codebook's order."""

OWN_TYPES: dict[str, tuple[str, ...]] = {
    "Natural disaster": ("Earthquake", "Flood", "Wildfire", "Storm", "Landslide"),
    "Accident": ("Industrial accident", "Transport accident"),
    "Evacuation": (
        "Unexploded ordnance",
        "Hazardous material",
        "Security threat",
        "Other evacuation",
    ),
    "Unexploded ordnance": ("Ordnance found or removed", "Ordnance exploded"),
}
"""Our types for incidents ACLED does not code: disasters, accidents, evacuations, UXO."""

EVENT_TYPES: dict[str, tuple[str, ...]] = ACLED_TYPES | OWN_TYPES

TYPE_FLAGS: dict[str, frozenset[str]] = {
    "Battles": frozenset({"combat"}),
    "Explosions/Remote violence": frozenset({"combat", "weapons"}),
    "Strategic developments": frozenset({"weapons", "harmless"}),
    "Protests": frozenset({"harmless"}),
    "Evacuation": frozenset({"harmless"}),
    "Natural disaster": frozenset({"wide"}),
}
"""What merging and counting need to know of each event type: ``combat`` (a later weak
cue, "was hit", adds to it), ``weapons`` (it counts weapons used), ``harmless`` (a
later toll is not about it), ``wide`` (it covers many towns of a country at once)."""


def has_flag(event_type: str, flag: str) -> bool:
    return flag in TYPE_FLAGS.get(event_type, frozenset())


@dataclass(frozen=True, slots=True)
class Cue:
    """Words that report one sub-event type."""

    event_type: str
    sub_event_type: str
    pattern: re.Pattern[str]
    rank: int
    """Lower wins when one clause matches several cues."""
    needs: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None
    weak: bool = False


@dataclass(frozen=True, slots=True)
class TypeHit:
    """The type chosen for a clause and where its cue word stands."""

    event_type: str
    sub_event_type: str
    start: int
    end: int
    weak: bool


def _re(words: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


_ATTACK_VERB = _re(
    r"fired|fires|firing|launch(?:ed|es|ing)?|struck|strikes?|hit|hits|shell(?:ed|ing)|"
    r"pounded|bombard(?:ed|ment)|attack(?:s|ed|ing)?|barrage|target(?:ed|ing)|"
    r"kill(?:ed|ing|s)?|injur(?:ed|ing)|wound(?:ed|ing)|damag(?:ed|ing)|destroy(?:ed|ing)|"
    r"explod(?:ed|ing)|landed|rained\s+down|salvo"
)
_ASSAILANTS = _re(
    r"gunmen|militants?|attackers?|assailants?|armed\s+men|bandits?|insurgents?|"
    r"jihadists?|militiam[ae]n|soldiers|troops|forces|fighters"
)
_PROTEST = _re(
    r"protest(?:s|ers?|ed|ing)?|demonstrat(?:ors?|ions?|ed)|rall(?:y|ies|ied)|"
    r"marche[sd]|marchers|took\s+to\s+the\s+streets|sit-ins?"
)
_DISASTER = _re(
    r"earthquakes?|quakes?|floods?|flooding|wildfires?|forest\s+fires?|bush\s*fires?|"
    r"storms?|hurricanes?|typhoons?|cyclones?|tornado(?:e?s)?|landslides?|mudslides?"
)
_HAZMAT = _re(
    r"gas\s+leaks?|chemical|toxic|ammonia|chlorine|leak(?:ed|ing|s)?|spill|fumes|hazardous"
)
_UXO = _re(
    r"unexploded|UXO|ordnance|(?:wartime|world\s+war\s+(?:II|two|2)|aerial|old)\s+bombs?|"
    r"bomb\s+disposal|undetonated|dud\s+shells?"
)
_INDUSTRIAL_SITE = _re(
    r"factory|factories|plant|refinery|mine|mines|colliery|warehouse|depot|pipeline|mill|"
    r"chemical\s+works|steelworks|foundry|quarry|oil\s+rig|construction\s+site|dam|"
    r"fireworks|workshop|industrial"
)
_VEHICLE = _re(
    r"trains?|bus(?:es)?|coach|planes?|aircraft|airliner|jet|helicopter|ferry|ferries|"
    r"boats?|ship|vessel|trucks?|lorry|lorries|cars?|minibus|tanker|vehicle"
)

_WEAPON = _re(
    r"missiles?|rockets?|drones?|UAVs?|shells?|projectiles?|bombs?|aircraft|jets?|"
    r"warplanes?|helicopters?|weapons?|arms|ammunition|explosives?|IEDs?|mines?|grenades?|"
    r"Shaheds?|munitions?|attack"
)


def _cues() -> tuple[Cue, ...]:
    C = Cue
    sd, er, vac, bat = (
        "Strategic developments",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Battles",
    )
    return (
        # Strategic developments
        C(
            sd,
            "Disrupted weapons use",
            _re(
                r"shot\s+down|shoots?\s+down|shooting\s+down|intercept(?:ed|s|ing)?|downed|"
                r"neutrali[sz]ed|defused|repelled|thwarted|foiled|air\s+defen[cs]es?\s+destroyed|"
                r"(?:weapons?|arms|ammunition|explosives)\s+(?:cache|stockpile)s?|seized\s+weapons"
            ),
            10,
            needs=_WEAPON,
        ),
        C(
            sd,
            "Agreement",
            _re(
                r"ceasefire|cease-fire|truce|peace\s+(?:deal|agreement|accord|treaty)|"
                r"(?:prisoner|captive|POW)s?\s+(?:exchanges?|swaps?)|exchanges?\s+of\s+(?:prisoners|captives|bodies)|"
                r"exchang(?:ed|e|es|ing)\s+(?:\w+\s+){0,4}(?:prisoners|captives|POWs|detainees|bodies)|"
                r"swap(?:ped)?\s+(?:\w+\s+){0,3}(?:prisoners|captives|detainees)|"
                r"(?:returned|released|freed)\s+from\s+(?:\w+\s+)?captivity|"
                r"(?:prisoners|captives|POWs)[^.;]{0,40}\b(?:freed|released|returned|return\s+home)|"
                r"(?:freed|released|returned)\s+(?:\w+\s+){0,4}(?:prisoners|captives|POWs)|"
                r"signed\s+an?\s+(?:\w+\s+)?(?:agreement|deal|accord)|exchange\s+(?:deals?|agreements?)|"
                r"(?:latest|troop|largest)\s+exchange|exchange\s+of\s+\w+\s+\d{1,2}"
            ),
            40,
        ),
        C(
            sd,
            "Arrests",
            _re(r"arrest(?:ed|s|ing)?|detained|taken\s+into\s+custody|apprehended|rounded\s+up"),
            60,
            unless=_PROTEST,
        ),
        C(
            sd,
            "Looting/property destruction",
            _re(
                r"loot(?:ed|ing|ers)|ransacked|torched|set\s+(?:on\s+)?fire\s+to|vandali[sz]ed|"
                r"demolished|razed"
            ),
            55,
            unless=_PROTEST,
        ),
        C(
            sd,
            "Headquarters or base established",
            _re(
                r"(?:established|set\s+up|built)\s+(?:a\s+|an\s+)?(?:new\s+)?(?:military\s+)?"
                r"(?:base|headquarters|outpost)"
            ),
            58,
        ),
        C(
            sd,
            "Non-violent transfer of territory",
            _re(
                r"handed\s+(?:over\s+)?control|withdrew\s+from|pulled\s+out\s+of|"
                r"took\s+over\s+[^.;]{0,30}without\s+(?:a\s+)?(?:fight|resistance)"
            ),
            57,
        ),
        C(
            sd,
            "Change to group/activity",
            _re(
                r"martial\s+law|curfew|mobili[sz](?:ed|ation)|disbanded|state\s+of\s+emergency|"
                r"redeployed|merged\s+with"
            ),
            65,
            unless=_DISASTER,
        ),
        # Explosions/Remote violence: the weapon must be used, not just named.
        C(
            er,
            "Suicide bomb",
            _re(
                r"suicide\s+(?:bomb(?:er|ers|ing|ings)?|attacks?|car\s+bomb|vests?)|"
                r"blew\s+(?:himself|herself|themselves)\s+up"
            ),
            11,
        ),
        C(
            er,
            "Chemical weapon",
            _re(
                r"chemical\s+(?:weapons?|attacks?|munitions?)|sarin|nerve\s+agent|mustard\s+gas|"
                r"chlorine\s+(?:gas\s+)?attacks?"
            ),
            12,
        ),
        C(
            er,
            "Remote explosive/landmine/IED",
            _re(
                r"roadside\s+bombs?|IEDs?|improvised\s+explosive|landmines?|land\s+mines?|"
                r"car\s+bombs?|bomb\s+(?:exploded|went\s+off|blast)|explosive\s+devices?|"
                r"booby[\s-]trap(?:ped|s)?|(?:vehicle|bus|car)\s+(?:hit|struck|ran\s+over)\s+a\s+mine"
            ),
            13,
            unless=_re(r"defused|disposal|unexploded|found|discovered"),
        ),
        C(er, "Grenade", _re(r"grenades?"), 14, needs=_ATTACK_VERB),
        C(
            er,
            "Air/drone strike",
            _re(
                r"air\s*strikes?|air\s+raids?|drone\s+strikes?|aerial\s+(?:bombardment|attacks?)|"
                r"warplanes?|fighter\s+jets?|helicopter\s+gunships?|(?:kamikaze\s+|attack\s+|"
                r"Shahed\s+)?drones?|UAVs?|bombed\s+from\s+the\s+air|glide\s+bombs?"
            ),
            15,
            needs=_ATTACK_VERB,
        ),
        C(
            er,
            "Shelling/artillery/missile attack",
            _re(
                r"shell(?:ed|ing|s)|artillery|missiles?|rockets?|mortars?|howitzers?|"
                r"(?:rocket|missile)\s+launchers?|ballistic|barrage|cluster\s+munitions?"
            ),
            15,
            needs=_ATTACK_VERB,
            unless=_re(r"unexploded|undetonated"),
        ),
        # Violence against civilians
        C(
            vac,
            "Sexual violence",
            _re(r"raped|rapes?|sexual(?:ly)?\s+(?:violence|assault(?:ed)?)"),
            20,
        ),
        C(
            vac,
            "Abduction/forced disappearance",
            _re(
                r"abduct(?:ed|ion|ions|s)?|kidnapp?(?:ed|ing|ings|s)?|taken\s+hostage|"
                r"forcibly\s+disappeared|seized\s+\d+\s+hostages"
            ),
            21,
        ),
        C(
            vac,
            "Attack",
            _re(
                r"massacred?|killed|shot\s+dead|stabbed|executed|hacked\s+to\s+death|"
                r"opened\s+fire\s+on|attacked|burned\s+alive|beheaded"
            ),
            25,
            needs=_ASSAILANTS,
            unless=_PROTEST,
        ),
        # Battles
        C(
            bat,
            "Government regains territory",
            _re(r"recaptured|retook|regained\s+control|liberated"),
            30,
            unless=_re(r"captivity|prisoners|hostages"),
        ),
        C(
            bat,
            "Non-state actor overtakes territory",
            _re(
                r"(?:seized|captured|overran|took)\s+(?:control\s+of\s+)?(?:the\s+)?"
                r"(?:town|city|village|base|district|region|province|area|territory|[A-Z]\w+)"
            ),
            31,
            needs=_re(
                r"rebels?|militants?|insurgents?|jihadists?|fighters|militias?|"
                r"armed\s+groups?|gangs?"
            ),
        ),
        C(
            bat,
            "Armed clash",
            _re(
                r"clash(?:es|ed)?|fighting|fought|battles?|firefights?|gun\s*battles?|"
                r"skirmish(?:es)?|exchanged\s+fire|ambush(?:ed)?|gunfight"
            ),
            24,
            unless=_re(
                r"protest\w*|demonstrat\w*|firefighters?|fire\s+crews?|blazes?|"
                r"flames|fires?|wildfires?|floods?"
            ),
        ),
        # Riots and protests
        C("Riots", "Mob violence", _re(r"mobs?|lynch(?:ed|ing)|vigilantes?"), 33),
        C(
            "Riots",
            "Violent demonstration",
            _re(
                r"riot(?:s|ers|ing|ed)?|threw\s+(?:stones|rocks|petrol\s+bombs|molotov)|"
                r"set\s+fire|torched|looted|smashed"
            ),
            34,
            needs=_re(r"riot\w*|protest\w*|demonstrat\w*|crowds?|youths"),
        ),
        C(
            "Protests",
            "Excessive force against protesters",
            _re(r"shot\s+dead|killed|live\s+(?:ammunition|rounds|fire)|opened\s+fire"),
            35,
            needs=_PROTEST,
        ),
        C(
            "Protests",
            "Protest with intervention",
            _re(
                r"dispersed|tear\s*gas|water\s+cannons?|rubber\s+bullets|arrested|detained|"
                r"baton|broke\s+up"
            ),
            36,
            needs=_PROTEST,
        ),
        C(
            "Protests",
            "Peaceful protest",
            _PROTEST,
            37,
            unless=_re(r"will|plans?\s+to|called\s+for|urged"),
        ),
        # Our own types
        C(
            "Natural disaster",
            "Earthquake",
            _re(r"earthquakes?|quakes?|tremors?|aftershocks?|magnitude[\s-]+\d"),
            70,
        ),
        C(
            "Natural disaster",
            "Flood",
            _re(
                r"floods?|flooding|flooded|flash\s+floods?|floodwaters?|inundated|"
                r"burst\s+(?:its|their)\s+banks|overflowed|tsunami"
            ),
            70,
        ),
        C(
            "Natural disaster",
            "Wildfire",
            _re(
                r"wildfires?|forest\s+fires?|bush\s*fires?|brush\s*fires?|grass\s*fires?|"
                r"blaze\s+(?:in|across)\s+(?:the\s+)?(?:forest|hills|woodland)"
            ),
            70,
        ),
        C(
            "Natural disaster",
            "Storm",
            _re(r"storms?|hurricanes?|typhoons?|cyclones?|tornado(?:e?s)?|blizzards?|gales?"),
            70,
        ),
        C(
            "Natural disaster",
            "Landslide",
            _re(r"landslides?|mudslides?|rockslides?|avalanches?"),
            70,
        ),
        C(
            "Accident",
            "Transport accident",
            _re(
                r"crash(?:ed|es)?|derail(?:ed|ment|s)?|collided|collision|capsized|sank|"
                r"overturned|plunged|ran\s+aground|went\s+off\s+the\s+road|head-on"
            ),
            75,
            needs=_VEHICLE,
        ),
        C(
            "Accident",
            "Industrial accident",
            _re(
                r"explosions?|blasts?|exploded|fires?|blaze|gas\s+leaks?|chemical\s+leaks?|"
                r"leak(?:ed)?|spill|collapsed?|cave-in|caught\s+fire|went\s+up\s+in\s+flames"
            ),
            76,
            needs=_INDUSTRIAL_SITE,
        ),
        C(
            "Evacuation",
            "Other evacuation",
            _re(
                r"evacuat(?:e|ed|es|ing|ion|ions)|ordered\s+to\s+leave|fled\s+their\s+homes|"
                r"forced\s+(?:\w+\s+)?from\s+their\s+homes"
            ),
            80,
        ),
        C(
            "Unexploded ordnance",
            "Ordnance exploded",
            _re(
                r"(?:unexploded|old|wartime|leftover)\s+(?:\w+\s+)?(?:bomb|shell|ordnance|mine|"
                r"grenade|munition)s?\s+(?:exploded|detonated|went\s+off)"
            ),
            81,
        ),
        C("Unexploded ordnance", "Ordnance found or removed", _UXO, 82),
        # Weak: the word says something happened but not what.
        C(
            er,
            "Shelling/artillery/missile attack",
            _re(
                r"attacks?|attacked|strikes?|struck|was\s+hit|were\s+(?:\w+\s+)?hit|damaged|"
                r"destroyed|cut"
            ),
            90,
            weak=True,
        ),
    )


CUES: tuple[Cue, ...] = _cues()


def classify(clause: str, *, sentence: str | None = None) -> TypeHit | None:
    """The incident type a clause reports, or None.

    An evacuation takes its cause as sub-type (unexploded ordnance, hazardous
    material), looked for in the whole ``sentence`` ("evacuated 40 homes after
    a bomb was found"), unless the cause is itself a disaster or accident,
    which then is the incident and the evacuation one of its consequences.
    """
    context = sentence if sentence is not None else clause
    hits: list[tuple[int, int, Cue, re.Match[str]]] = []
    for cue in CUES:
        match = cue.pattern.search(clause)
        if match is None:
            continue
        if cue.needs is not None and not cue.needs.search(clause):
            continue
        if cue.unless is not None and cue.unless.search(clause):
            continue
        hits.append((cue.rank, match.start(), cue, match))
    if not hits:
        return None
    _, _, cue, match = min(hits, key=lambda hit: (hit[0], hit[1]))
    sub = cue.sub_event_type
    if cue.event_type == "Evacuation":
        if _UXO.search(context):
            sub = "Unexploded ordnance"
        elif _HAZMAT.search(context):
            sub = "Hazardous material"
        elif re.search(
            r"\bbomb\s+threat|security\s+threat|suspicious\s+(?:package|object)",
            context,
            re.IGNORECASE,
        ):
            sub = "Security threat"
    if cue.event_type == "Unexploded ordnance" and re.search(r"\bevacuat", clause, re.IGNORECASE):
        return TypeHit("Evacuation", "Unexploded ordnance", match.start(), match.end(), cue.weak)
    return TypeHit(cue.event_type, sub, match.start(), match.end(), cue.weak)
