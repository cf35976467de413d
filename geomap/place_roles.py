"""What a place name does in an incident sentence: where it happened, or who acted.

"Moscow said", "kyiv's attacks", "Russian officials" name a government, not a
scene; "mediated by the United Arab Emirates" names a mediator; "regions
bordering Ukraine" and "the war between Russia and Ukraine" are context.  Such
places keep their place record (they are on the map as places) but are not an
incident's location.  Rules look only at the words right around the mention.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geomap.event_types import CUES
from geomap.feature_types import feature_type
from geomap.geoparse.lexicon import lexicon
from geomap.geoparse.name_context import organisation_run
from geomap.records import GazetteerEntry, Mention
from geomap.text import dateline_spans

if TYPE_CHECKING:
    from geomap.doc import Doc

__all__ = ["ROLES", "RoledMention", "assign_roles", "place_roles"]

ROLES = ("location", "actor", "mediator", "context", "dateline", "destination", "origin")

_GOVERNMENT_SEATS = frozenset({"PPLC", "PPLG"})

_MEDIATOR_BEFORE = re.compile(
    r"\b(?:mediat(?:ed|ion|ing)|brokered|facilitated|negotiat(?:ed|ions?)|talks|help|"
    r"efforts?|auspices)\s+(?:[\w\u201c\u201d\"-]+\s+){0,2}(?:by|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_PARTIES_BEFORE = re.compile(
    r"\b(?:negotiated|brokered|agreed|signed|reached|concluded|struck)\s+between\s+"
    r"(?:[^.;]{1,80}?\s+and\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
"""The parties of an agreement ("the truce was negotiated between Turkey ... and
Russia") are where it was agreed no more than its mediators are."""
_MEDIATOR_AFTER = re.compile(r"^\s+(?:mediated|brokered|facilitated)\b", re.IGNORECASE)
_CONTEXT_BEFORE = re.compile(
    r"\b(?:bordering|borders?\s+with|border\s+with|adjacent\s+to|"
    r"(?:war|conflict|talks|relations|fighting|fire|exchanges?|hostilities|clashes|tensions)"
    r"\s+(?:between|with|against)(?:\s+\w+\s+and)?|invasion\s+of|war\s+in|allies\s+of|"
    r"supported\s+by|envoy\s+to|ambassador\s+to|felt\s+(?:as\s+far\s+(?:away\s+)?as|in)|"
    r"(?:embass(?:y|ies)|consulates?|missions?)\s+(?:\w+\s+)?in|"
    r"(?:as\s+)?far\s+away\s+as|"
    r"(?:alliance|coalition|partnership|pact|bloc|grouping)\s+(?:\w+\s+){0,2}?(?:between|of|with|"
    r"among)(?:\s+\w+,)*|told|interview\s+with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_WAR_AFTER = re.compile(
    r"^\s+(?:war|conflict|ceasefire|truce|peace\s+(?:talks|deal|process|plan))\b", re.IGNORECASE
)
_SPEECH = (
    r"said|says|say|told|announced|claimed|claims|reported|reports|accused|accuses|denied|"
    r"denies|warned|confirmed|stated|insisted|added|estimated|noted|wrote"
)
_SPEAKER_AFTER = re.compile(
    rf"^(?:['\u2019]s)?\s+(?:(?:\w+\s+){{0,3}}?(?:officials?|ministry|government|"
    rf"authorities|spokes(?:man|woman|person)|military|army|president|media|officers?)\s+)?"
    rf"(?:has\s+|have\s+|had\s+)?(?:{_SPEECH})\b(?!\s+(?:it|they|its|their)\b)",
    re.IGNORECASE,
)
_NOT_SAYING_AFTER = re.compile(
    r"^\s+(?:did|does|do|would|could|has|have|had)\s*(?:not|n['\u2019]t)\s+(?:immediately\s+)?"
    r"(?:confirm|comment|say|deny|disclose|respond|specify|elaborate)\b",
    re.IGNORECASE,
)
""""The U.S. did not confirm it was a suicide bombing": a government that does not say."""
_AGENT_AFTER = re.compile(
    rf"^(?:['\u2019]s)?\s+(?:\w+\s+){{0,2}}?(?:{_SPEECH}|"
    r"launched|launches|fired|fires|shot|struck|strikes|attacked|attacks|sent|deployed|"
    r"responded|retaliated|promised|vowed|agreed|exchanged|exchange|swapped|signed|"
    r"has|had|have|is|was|were|will|would|could|defen[cs]e|ministry|government|forces|"
    r"military|army|troops|officials|president|authorities|navy|air\s+force|"
    r"prime\s+minister|foreign|leaders?|spokes(?:man|woman|person)|police|"
    r"intelligence|embassy|presidential|captivity|invasion|soldiers|servicemen|missiles?|drones?|"
    r"warplanes?|artillery|shelling|strikes?|attacks?)\b",
    re.IGNORECASE,
)
_INSTITUTION_AFTER = re.compile(
    r"^(?:['\u2019]s)?\s+(?:universit(?:y|ies)|researchers?|scientists?|experts?|academics?|"
    r"media|newspapers?|think[\s-]tanks?|analysts?|monitors?|observers?|journalists?|"
    r"(?:news\s+)?agenc(?:y|ies)|broadcasters?|institutes?|studies|study|intelligence|"
    r"(?:(?:private|state(?:-run|-owned)?|official|public|national|independent)\s+)?"
    r"(?:\w+\s+){0,2}?(?:TV|television|radio|channel|daily|newspaper))\b",
    re.IGNORECASE,
)
""""Pakistan's private Geo TV quoted", "Kenya's Daily Nation": the country's media report,
they are not where anything happened."""
_BODY_IN_BEFORE = re.compile(
    r"\b(?:ministry|office|authorit(?:y|ies)|officials?|police|spokes(?:man|woman|person)|"
    r"agency|government|headquarters|command|administration|group|committee|"
    r"organi[sz]ation|network|union|charity)\s+(?:based\s+)?in\s+$",
    re.IGNORECASE,
)
_SAID_BEFORE = re.compile(r"\b(?:said|says|according\s+to)\s+[^.;\"\u201c\u201d]*$", re.IGNORECASE)
""""..., said the resistance committee, a volunteer group in Wad Madani": the speaker was
named first."""
_SAID_RIGHT_AFTER = re.compile(r"^\s+(?:said|says|told|added|explained|recalled)\b",
                               re.IGNORECASE)  # fmt: skip
_SAID_AFTER = re.compile(rf"^\s*,?\s*(?:{_SPEECH})\b", re.IGNORECASE)
_LOCAL_BODY_AFTER = re.compile(
    r"^\s+(?:(?:provincial|district|regional|city|state|local|municipal|county)\s+)?"
    r"(?:police|governor|council|administration|parliament|assembly|legislature|sheriff|"
    r"coroner|mayor|prosecutor|fire\s+(?:department|chief|service|brigade))\b",
    re.IGNORECASE,
)
""""the Herat provincial police", "the Sokoto parliament", "Stone County Sheriff Doug Rader":
a place's authority speaks or acts, written without a preposition that would put anything
there."""
_ORG_POSSESSIVE = re.compile(
    r"^['\u2019]s\s+(?:\w+\s+){0,2}?(?:defen[cs]e|ministry|government|presidential|office|"
    r"president|prime\s+minister|officials|authorities|embassy|parliament|spokes\w+|media|"
    r"foreign)\b",
    re.IGNORECASE,
)
_COMPOUND = re.compile(r"^[-\u2013/]\s*$")
_NAME_GOES_ON = re.compile(r"^-(?-i:[A-Z])[a-z]+(?!-)")
"""A capitalised word hyphenated to a place ("France-Presse"): the place is part of a
name (a place hyphenated to a place is a compound, read before)."""
_AND_NEXT = re.compile(r"^\s*(?:,|and|&)\s*$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^['\u2019]s\s+(?:\w+\s+){0,2}$")
_NEAR_BEFORE = re.compile(
    r"\b(?:near|outside|close\s+to|(?:on|in)\s+the\s+(?:outskirts|edge|fringes?)\s+of|"
    r"(?:\d[\d.,]*\s*)?(?:km|kilomet\w+|"
    r"miles?)\s+(?:\w+\s+){0,2}(?:of|from)|(?:north|south|east|west)(?:-?\w+)?\s+of)\s+"
    r"(?:the\s+)?(?:(?:(?:state|provincial|regional|national)\s+)?"
    r"(?:city|town|village|port|capital)(?:\s+of\s+|,\s+))?$",
    re.IGNORECASE,
)
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|on|near|across|throughout|into|over|to|from|of|inside|off|around|outside)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_IN_A_COUNTRY_BEFORE = re.compile(
    r"\b(?:in|across|throughout|inside)\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?\s+|"
    r"(?:north|south)-?(?:east|west)(?:ern)?\s+|central\s+)?$",
    re.IGNORECASE,
)
_CLAUSE_ENDS_AFTER = re.compile(r"^\s*(?:[,.;:)\u2014]|$)")
""""killed in central Myanmar, an anti-junta fighter said": a name that is also its
adjective, standing alone after "in", is the country."""
_DESTINATION_BEFORE = re.compile(
    r"\b(?:bound\s+for|en\s+route\s+to|on\s+(?:its|their|the)\s+way\s+to|heading\s+(?:to|for|towards)|"
    r"headed\s+(?:to|for|towards)|travell?ing\s+to|sailing\s+to|(?:hoped|trying|tried|attempting|"
    r"seeking)\s+to\s+reach|(?:crossing|journey|voyage|passage|trip)\s+to|(?:evacuated|taken|transferred|airlifted|flown|moved|rushed|"
    r"brought|fled|deported|returned)\s+(?:\w+\s+){0,3}?to|destined\s+for|bound\s+to|"
    r"(?:fled|escaped|crossed|retreated|withdrew|slipped)\s+(?:\w+\s+){0,4}?into|"
    r"(?:taken|took|take|taking|sought|seek|seeking|found|find|finding)\s+(?:\w+\s+)?refuge\s+in|"
    r"(?:hospital|clinic|morgue|mortuar(?:y|ie))s?\s+(?:bed\s+)?(?:in|at|around|near|across))\s+"
    r"(?:the\s+)?(?:(?:(?:port|capital|border)\s+)?(?:capital|city|town|port)(?:\s+of)?\s+)?$",
    re.IGNORECASE,
)
"""Where people or a vehicle were going, or were taken afterwards: not where anything
happened ("a boat bound for Italy", "the injured were taken to hospitals in X")."""
_PEOPLE_FROM_BEFORE = re.compile(
    r"\b(?:youths?|militia(?:s|men)?|gunmen|attackers|assailants|fighters|herders|raiders|"
    r"militants|rebels|men|groups?|communit(?:y|ies)|members|tribesmen|settlers|soldiers|"
    r"troops|forces)\s+(?:\w+\s+){0,2}?(?:from|of)\s+(?:the\s+)?(?:neighbou?ring\s+)?$|"
    r"\b(?:tenders|teams|engines|crews|rescuers|ambulances|personnel|reinforcements|"
    r"firefighters|volunteers)\s+(?:\w+\s+){0,2}?from\s+(?:the\s+)?(?:nearby\s+)?"
    r"(?:(?-i:[A-Z])[\w'\u2019-]*,?\s+(?:and\s+)?){0,4}$|"
    r"\b(?:allegedly|reportedly|(?:said|suspected|believed|thought)\s+to\s+(?:be|have\s+come))\s+"
    r"from\s+(?:the\s+)?(?:neighbou?ring\s+)?(?:(?-i:[A-Z])\w+\s+)?$",
    re.IGNORECASE,
)
""""attacked by youth from Pibor", "gunmen from Twic County": where the attackers came
from, not where they struck."""
_CONTAINER_GAP = re.compile(r"\s*(?:,|\s(?:\w+\s+)?(?:of|in))\s+(?:the\s+)?", re.IGNORECASE)
_TAKEN_TO_BEFORE = re.compile(
    r"\b(?:arrived|arriving|taken|rushed|admitted|brought|transferred|airlifted|treated|"
    r"hospitali[sz]ed|evacuated)\s+(?:\w+\s+){0,2}?(?:at|to|in)\s+(?:the|a)\s+$",
    re.IGNORECASE,
)
_CARE_AFTER = re.compile(
    r"^\s+(?:(?:regional|central|district|city|general|military|university|main|local)\s+)?"
    r"(?:hospitals?|clinics?|medical|morgue|mortuary|health)\b",
    re.IGNORECASE,
)
""""were taken to the Kherson regional hospital": where the wounded were treated, not
where anything happened."""
_ORIGIN_BEFORE = re.compile(
    r"\b(?:(?:carrying|taking|ferrying|transporting)\s+(?:\w+\s+){0,3}?from|(?:travell?ing|"
    r"sailing|flying|flew|driving|departed|departing|left|leaving|set\s+off|fleeing|fled|"
    r"coming|came|returning|"
    r"arriving|flight|flights|train|bus|ship|ferry|boat)\s+(?:\w+\s+){0,2}?from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""Where a journey began ("a train carrying passengers from Kolkata")."""
_MEASURED_FROM_BEFORE = re.compile(
    r"\b\d[\d.,]*\s*(?:\(?\s*[\d.,]+\s*\w+\s*\)\s*)?(?:km|kms|kilomet(?:er|re)s?|miles?|nautical\s+miles?)"
    r"\s*(?:\([^()]{0,30}\)\s*)?(?:\w+\s+){0,2}?(?:of|from)\s+(?:the\s+)?(?:\w+(?:\s*,)?\s+){0,3}?$",
    re.IGNORECASE,
)
"""A place a distance is measured from ("40 km northwest of Herat"): the event is not
there (a stated offset computes its point from it, see geomap.incidents.scene)."""
_LIES_NEAR_BEFORE = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:village|town|city|hamlet|settlement|suburb|"
    r"district|area|neighbou?rhood|community|port|camp|locality)\s+(?:just\s+|some\s+)?"
    r"(?:outside|near|close\s+to|not\s+far\s+from|on\s+the\s+outskirts\s+of|"
    r"(?:north|south|east|west)[\w-]*\s+of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:(?:city|town|capital|port)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
""""near Pukhrayan, a village outside the industrial city of Kanpur": the second place
only says where the first lies (a stated distance is read as an offset instead)."""
_TRAVEL_FROM_BEFORE = re.compile(
    r"\b(?:\d+|an?|one|two|three|four|five|six|several|few|many)\s+(?:hours?|minutes?|days?)"
    r"['\u2019]?\s+(?:drive|walk|ride|journey|flight|trek|sail)\s+(?:\w+\s+){0,2}?from\s+"
    r"(?:the\s+)?(?:[\w'\u2019]+(?:\s*,)?\s+){0,3}?(?:of\s+)?$",
    re.IGNORECASE,
)
"""A place a journey's length is measured from ("two hours' drive from the provincial
capital of Wabag"): a yardstick, like a distance."""
_ROUTE_BEFORE = re.compile(
    r"\b(?:journey|route|trip|voyage|flight|service|line|road|highway|railway|train|bus|ferry)"
    r"\s+(?:\w+\s+){0,2}?(?:between|linking|connecting)\s+(?:the\s+)?(?:(?:cities|towns|ports)"
    r"\s+of\s+)?$",
    re.IGNORECASE,
)
"""The ends of a route ("a journey between the cities of Indore and Patna")."""
_ROUTE_AFTER = re.compile(r"^\s*(?:-|\u2013)?\s*(?:bound|based|born)\b", re.IGNORECASE)
""""a Delhi-bound train": the destination, not the scene."""
_ACROSS_BEFORE = re.compile(
    r"\b(?:(?:across|throughout|all\s+over|nationwide\s+in)(?:\s+(?:\w+\s+){0,2}?(?:parts|areas|"
    r"regions|provinces|states|districts|towns|cities|villages)\s+of)?|(?:in|across)\s+(?:various|"
    r"several|many|multiple|different)\s+(?:parts|areas|regions|provinces|states|districts)\s+of)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)

_UNITS_AFTER = re.compile(
    r"(?:\s*(?:,|and|or)\s*(?:[A-Z][\w'\u2019-]*\s*){1,3})*\s+(?:provinces|states|districts|"
    r"governorates|regions|counties|oblasts|municipalities|departments)\b"
)
""""strikes on Hodaida and Saada provinces": a list of units, each part of a tally over
them (the report then tells each unit's incident)."""

WINDOW = 200
"""Characters on each side of a mention that the rules read: every rule is about the
words right around a name, and reading the whole sentence for each name would make a
sentence that lists thousands of towns take time in the square of its length."""


@dataclass(frozen=True, slots=True)
class RoledMention:
    """A mention, its place, and what it does in its sentence."""

    mention: Mention
    entry: GazetteerEntry
    place_index: int
    role: str
    """location, actor, mediator, context, dateline (where the story was filed),
    destination or origin (where a journey was going or began)."""
    near: bool = False
    """"near X", "10 km from X": the incident is close to, not at, the place."""
    across: bool = False
    """"across X", "throughout X": the incident covers the place."""


_OF_BEFORE = re.compile(
    r"\b([A-Z][a-z]+)(?:\s+(?:for|of)\s+(?:the\s+)?[A-Z][a-z]+){0,2}\s+of\s+(?:the\s+)?$"
)
""""the University of", "the Cooperative for the Development of the": an organisation's
head noun, then up to two "for/of the X" before the place it is of."""


def _names_a_disaster(after: str) -> bool:
    """Whether the words after a place are a natural disaster it names ("Kashmir
    earthquake", "Derna floods"), by the cue words of ``event_types.toml``."""
    words = after.lstrip()
    if len(words) == len(after):
        return False
    return any(cue.event_type == "Natural disaster" and cue.pattern.match(words) is not None
               for cue in CUES)  # fmt: skip


def _organisation_of(before: str) -> bool:
    """Whether the words before a place name an organisation of it ("the University of",
    "the Central Bank of", "the Ministry of Health of"): capitalised, ending in a head
    noun of organisations (``org_heads.txt``)."""
    found = _OF_BEFORE.search(before)
    return found is not None and found.group(1).lower() in lexicon().org_heads


def place_roles(doc: Doc) -> None:
    """The ``roles`` stage: for each sentence, what each place named there does in it."""
    named: list[list[tuple[Mention, GazetteerEntry, int]]] = [[] for _ in doc.sentences]
    for index, place in enumerate(doc.places):
        for mention in place.mentions:
            named[doc.sentence_of(mention.start)].append((mention, place.entry, index))
    doc.datelines = dateline_spans(doc.text)
    doc.roles = [assign_roles(doc.text, span, here, datelines=doc.datelines)
                 for span, here in zip(doc.sentences, named, strict=True)]  # fmt: skip


def assign_roles(
    text: str,
    sentence: tuple[int, int],
    named: Sequence[tuple[Mention, GazetteerEntry, int]],
    *,
    datelines: Sequence[tuple[int, int]] = (),
) -> list[RoledMention]:
    """The role of each (mention, entry, place index) in the sentence ``sentence``;
    a place inside one of ``datelines`` is where the story was filed."""
    start, end = sentence
    ordered = sorted(named, key=lambda item: item[0].start)
    roles: list[str] = []
    for position, (mention, entry, _) in enumerate(ordered):
        before = text[max(start, mention.start - WINDOW) : mention.start]
        after = text[mention.end : min(end, mention.end + WINDOW)]
        if any(a <= mention.start < b for a, b in datelines):
            roles.append("dateline")
            continue
        roles.append(_role(mention, entry, before, after, ordered, position, text))
    # "between Indore and Patna": the second end of a journey is one too.
    for position in range(1, len(ordered)):
        previous, this = ordered[position - 1], ordered[position]
        gap = text[previous[0].end : this[0].start]
        if roles[position - 1] in ("origin", "destination") and roles[position] == "location" and (
            _AND_NEXT.match(gap) or _CONTAINER_GAP.fullmatch(gap)
        ):
            roles[position] = roles[position - 1]  # "gunmen from Twic County of Warrap state"
    # "Russia and Ukraine have exchanged": an actor makes the names joined to it actors.
    for position in range(len(ordered) - 2, -1, -1):
        this, following = ordered[position], ordered[position + 1]
        gap = text[this[0].end : following[0].start]
        if (
            roles[position + 1] == "actor"
            and roles[position] == "location"
            and _AND_NEXT.match(gap)
            and feature_type(this[1].feature_type).agent
        ):
            roles[position] = "actor"
    result = []
    for (mention, entry, index), role in zip(ordered, roles, strict=True):
        before = text[max(start, mention.start - WINDOW) : mention.start]
        result.append(
            RoledMention(
                mention,
                entry,
                index,
                role,
                near=bool(_NEAR_BEFORE.search(before)),
                across=bool(_ACROSS_BEFORE.search(before)
                            or _UNITS_AFTER.match(text, mention.end, mention.end + WINDOW)),
            )
        )
    return result


def _role(
    mention: Mention,
    entry: GazetteerEntry,
    before: str,
    after: str,
    ordered: Sequence[tuple[Mention, GazetteerEntry, int]],
    position: int,
    text: str,
) -> str:
    """``before`` and ``after`` are the sentence's words around the mention (at most
    ``WINDOW`` characters each)."""
    if _MEDIATOR_BEFORE.search(before) or _MEDIATOR_AFTER.match(after):
        return "mediator"
    if _PARTIES_BEFORE.search(before):
        return "context"
    if organisation_run(text, mention.start, mention.end, lexicon()) is not None:
        return "context"  # "the United States Geological Survey": a body, not a scene
    if _organisation_of(before):
        return "context"  # "the University of Tehran's Institute": a body, not a scene
    if (_MEASURED_FROM_BEFORE.search(before) or _TRAVEL_FROM_BEFORE.search(before)
            or _LIES_NEAR_BEFORE.search(before)):
        return "context"  # "600 km from the capital Bamako": a yardstick, not the scene
    if _DESTINATION_BEFORE.search(before) or _ROUTE_AFTER.match(after):
        return "destination"
    if _TAKEN_TO_BEFORE.search(before) and _CARE_AFTER.match(after):
        return "destination"  # "three women arrived at the Graivoron regional hospital"
    if _ROUTE_BEFORE.search(before) or _PEOPLE_FROM_BEFORE.search(before):
        return "origin"
    if _ORIGIN_BEFORE.search(before):
        return "origin"
    if _CONTEXT_BEFORE.search(before):
        return "context"
    if position > 0 and _COMPOUND.match(text[ordered[position - 1][0].end : mention.start]):
        return "context"  # the second name of "Russia-Ukraine war"
    if position + 1 < len(ordered):
        following = ordered[position + 1][0]
        if _COMPOUND.match(text[mention.end : following.start]):
            return "context"  # the first name of "Russia-Ukraine war"
    if _NAME_GOES_ON.match(after):
        return "context"  # "Agence France-Presse": a place inside another name
    if position + 1 < len(ordered):
        following = ordered[position + 1][0]
        if _POSSESSIVE.match(text[mention.end : following.start]):
            return "context"  # "Russia's Belgorod region": the container of the next place
    agent = feature_type(entry.feature_type).agent or entry.feature_code in _GOVERNMENT_SEATS
    if (mention.demonym or agent) and (_SPEAKER_AFTER.match(after)
                                        or _NOT_SAYING_AFTER.match(after)):
        return "context"  # "kyiv said", "Russian officials said": who reports, not who acts
    if _ORG_POSSESSIVE.match(after):
        return "context"  # "Ukraine's Presidential Office"
    if _SAID_RIGHT_AFTER.match(after) and not agent:
        return "context"  # "..., Santos said": a town does not speak; a person does
    if _BODY_IN_BEFORE.search(before) and (_SAID_AFTER.match(after) or _SAID_BEFORE.search(before)):
        return "context"  # "the health ministry in Ramallah said": where a speaker sits
    if _LOCAL_BODY_AFTER.match(after) and not _LOCATIVE_BEFORE.search(before):
        return "context"  # "the spokesman for the Herat provincial police": a body
    if (mention.demonym or agent) and _INSTITUTION_AFTER.match(after):
        return "context"  # "research from US universities": who counts, not where
    if not mention.demonym and _WAR_AFTER.match(after):
        return "context"  # "during the Gaza war": a war named by its place, not a scene
    if not mention.demonym and _names_a_disaster(after):
        return "location"  # "the 2005 Kashmir earthquake": a disaster named by its place
    if mention.demonym and not (_IN_A_COUNTRY_BEFORE.search(before)
                                and _CLAUSE_ENDS_AFTER.match(after)):
        return "actor"  # "Russian forces", "Ukrainian prisoners"
    if (agent and not mention.qualifier and _AGENT_AFTER.match(after)
            and not _LOCATIVE_BEFORE.search(before)):
        # not "Central Sagaing region has been hard-hit": the region, not its government
        return "actor"
    return "location"
