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
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from geomap import role_words as words
from geomap.distance import equirectangular_km, haversine_km
from geomap.event_types import CUES
from geomap.feature_types import feature_type, specificity
from geomap.geoparse.lexicon import lexicon
from geomap.geoparse.organisations import organisation_run
from geomap.records import GazetteerEntry, Mention
from geomap.stranger_places import stranger_places
from geomap.text import dateline_spans

if TYPE_CHECKING:
    from geomap.doc import Doc

__all__ = ["ROLES", "RoledMention", "assign_roles", "place_roles"]

ROLES = ("location", "actor", "mediator", "context", "dateline", "destination", "origin")

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
    strangers = stranger_places([place.entry for place in doc.places],
                                [len(place.mentions) for place in doc.places])  # fmt: skip
    if strangers:
        doc.roles = [[replace(r, role="context") if r.place_index in strangers
                      and r.role == "location" else r for r in roled]
                     for roled in doc.roles]  # fmt: skip



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
            words.AND_NEXT.match(gap) or words.POSSESSIVE.match(gap) or (
                words.CONTAINER_GAP.fullmatch(gap)
                and this[1].country_code in (previous[1].country_code, None))
        ):
            # "gunmen from Twic County of Warrap state", "going to Tamil Nadu's capital
            # Chennai" (but "a woman visiting from Canada in Karak": Karak holds no
            # Canada, it is where she was)
            roles[position] = roles[position - 1]
        elif (roles[position - 1] == "origin" and roles[position] == "location"
              and words.FROM_TO_GAP.fullmatch(gap)
              and not words.FIRED_FROM_BEFORE.search(text, start, previous[0].start)):
            # "the train, which went from Kolkata to Ranchi": the journey's other end (not
            # "rockets fired from Lebanon to Haifa", where they fell)
            roles[position] = "destination"
    # "the Tipper Market on 3rd Avenue, Gwarinpa in Abuja": the city a smaller place is
    # said to be in holds it; the smaller place is the scene.
    for position in range(len(ordered) - 1):
        (small, small_entry, _), (city, city_entry, _) = ordered[position], ordered[position + 1]
        if (roles[position] == roles[position + 1] == "location"
                and words.IN_THE_CITY_GAP.fullmatch(text, small.end, city.start)
                and city_entry.feature_type == "city"
                and small_entry.feature_type in ("village", "neighbourhood", "city")
                and small_entry.population < city_entry.population):
            roles[position + 1] = "context"
    # "the Faladie gendarme school in Bamako": a name of a site in a town, whose namesake
    # in the gazetteer lies far from that town, names the site, not a place
    for position in range(len(ordered) - 1):
        (site, site_entry, _), (town, town_entry, _) = ordered[position], ordered[position + 1]
        if (roles[position] == roles[position + 1] == "location"
                and words.SITE_IN_GAP.fullmatch(text, site.end, town.start)
                and haversine_km(site_entry.lat, site_entry.lon, town_entry.lat,
                                 town_entry.lon) > words.SITE_NAME_KM):
            roles[position] = "context"
    # "Russia and Ukraine have exchanged": an actor makes the names joined to it actors.
    for position in range(len(ordered) - 2, -1, -1):
        this, following = ordered[position], ordered[position + 1]
        gap = text[this[0].end : following[0].start]
        if (
            roles[position + 1] == "actor"
            and roles[position] == "location"
            and words.AND_NEXT.match(gap)
            and feature_type(this[1].feature_type).agent
            # (not "In the region of Sumy, Russian strikes ...": a fronted place, then
            # the clause's actor)
            and not (gap.strip() == "," and words.FRONTED_PLACE_BEFORE.fullmatch(
                text, start, this[0].start))
        ):
            roles[position] = "actor"
    # "Police say Jim Roe, 25, of Millbrook, was arrested after a shooting on Dean Road in
    # Adair County": a named person's home, when the sentence names a scene of its own,
    # is where they live (alone, it may be the town the story is about)
    homes = [words.HOME_BEFORE.search(text, max(start, m.start - WINDOW), m.start) is not None
             for m, _, _ in ordered]
    if any(r == "location" and not h for r, h in zip(roles, homes, strict=True)):
        roles = ["origin" if h and r == "location" else r
                 for r, h in zip(roles, homes, strict=True)]
    result: list[RoledMention] = []
    for position, ((mention, entry, index), role) in enumerate(zip(ordered, roles, strict=True)):
        before = text[max(start, mention.start - WINDOW) : mention.start]
        # "across India and Nepal": the places listed with one the incident
        # covers are covered too
        listed_across = bool(result) and result[-1].across and role == result[-1].role and (
            words.AND_NEXT.match(text[result[-1].mention.end : mention.start]) is not None)
        result.append(
            RoledMention(
                mention,
                entry,
                index,
                role,
                near=bool(words.NEAR_BEFORE.search(before))
                or _route_start(mention, ordered, position, text),
                across=bool(words.ACROSS_BEFORE.search(before) or listed_across
                            or words.UNITS_AFTER.match(text, mention.end, mention.end + WINDOW)),
            )
        )
    return result


def _route_start(
    mention: Mention,
    ordered: Sequence[tuple[Mention, GazetteerEntry, int]],
    position: int,
    text: str,
) -> bool:
    """The first town of a road named after its ends ("the Abuja-Kaduna highway"): the
    incident is on the road, near that town (the other end is context)."""
    if position + 1 >= len(ordered):
        return False
    following = ordered[position + 1][0]
    return bool(words.COMPOUND.match(text[mention.end : following.start])
                and words.ROAD_AFTER.match(text, following.end))


_BESIDE_KM = 40.0
"""How far apart a place and the area said to hold it ("X, in Y") may be given."""


def _holds(outer: GazetteerEntry, inner: GazetteerEntry) -> bool:
    """Whether ``outer`` may be the area that holds ``inner``: beside it and no smaller (a
    city's name standing for its province, as in "a hamlet of Cutro, in Crotone")."""
    if specificity(outer.feature_type) > specificity(inner.feature_type):
        return True  # a wider kind of place (specificity counts up from the most precise)
    return (specificity(outer.feature_type) == specificity(inner.feature_type)
            and (outer.population or 0) >= (inner.population or 0) > 0
            and equirectangular_km(outer.lat, outer.lon, inner.lat, inner.lon) <= _BESIDE_KM)


_COUNTRY_IN = re.compile(r",?\s+in\s+(?:the\s+)?", re.IGNORECASE)
"""A region right after a country ("Tajikistan in Central Asia", "Mali, in the Sahel")
says where the country lies: it is wider than the country, so never the scene."""
_NEAR_A_COUNTRY_BEFORE = re.compile(
    r"\b(?:near|close\s+to|bordering|not\s+far\s+from)\s+(?:the\s+)?$", re.IGNORECASE)
"""A country named as what a place the sentence gave lies near ("in the area of
Bankilare, near Burkina Faso") says where that place lies, not where it happened."""
_ACCUSED_BEFORE = re.compile(
    r"\b(?:accus(?:ed|es|ing)|condemn(?:ed|s|ing)?|blam(?:ed|es|ing)|denounc(?:ed|es|ing)|"
    r"criticis(?:ed|es|ing)|criticiz(?:ed|es|ing)|sued|sanctioned)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ACCUSED_OF_AFTER = re.compile(r"^(?:['\u2019]s\s+\w+)?\s+(?:of|for)\b", re.IGNORECASE)
"""The side a speaker blames for an act ("accused Tajikistan of shelling", "condemned
Cambodia for targeting civilians") is who acted, not where: its own territory is
seldom the scene, and the act's scene is named elsewhere."""


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
    if words.MEDIATOR_BEFORE.search(before) or words.MEDIATOR_AFTER.match(after):
        return "mediator"
    if words.PARTIES_BEFORE.search(before):
        return "context"
    if (entry.country_code is None and not after.strip() and len(before.split()) <= 2
            and not mention.demonym):
        return "context"  # "AFRICA" alone on a line: the outlet's section, not a scene
    if organisation_run(text, mention.start, mention.end, lexicon()) is not None:
        return "context"  # "the United States Geological Survey": a body, not a scene
    if _organisation_of(before):
        return "context"  # "the University of Tehran's Institute": a body, not a scene
    if (words.MEASURED_FROM_BEFORE.search(before) or words.TRAVEL_FROM_BEFORE.search(before)
            or words.LIES_NEAR_BEFORE.search(before)):
        return "context"  # "600 km from the capital Bamako": a yardstick, not the scene
    if position > 0 and words.BEARING_OF_THE_LAST.fullmatch(
            text, ordered[position - 1][0].end, mention.start):
        return "context"  # "in Kirkuk city, north of the capital Baghdad": where Kirkuk lies
    if words.FACILITY_AFTER.match(after) and any(words.NEAR_THE_LAST.fullmatch(
            text, m.end, mention.start) for m, _, _ in ordered[:position] if not m.demonym):
        return "context"  # "in Nikopol, near the Russian-held Zaporizhzhia nuclear plant"
    if position > 0 and not ordered[position - 1][0].demonym and words.UNIT_OF_BETWEEN.fullmatch(
            text, ordered[position - 1][0].end, mention.start):
        return "context"  # "the Bijapur district of Bastar division": Bijapur's container
    if position > 0 and words.COMMA_IN.fullmatch(text, ordered[position - 1][0].end,
                                                 mention.start) and _holds(
            entry, ordered[position - 1][1]):
        return "context"  # "the Steccato di Cutro coast, in Crotone": Cutro's area
    if (position > 0 and entry.feature_type == "region"
            and ordered[position - 1][1].feature_type == "country"
            and _COUNTRY_IN.fullmatch(text, ordered[position - 1][0].end, mention.start)):
        return "context"  # "the border between Tajikistan and Kyrgyzstan in Central Asia"
    if ((words.DESTINATION_BEFORE.search(before) and not words.STRUCK_CARE_BEFORE.search(before))
            or words.ROUTE_AFTER.match(after)):
        return "destination"
    if ((words.TAKEN_TO_BEFORE.search(before) or words.IN_A_BEFORE.search(before))
            and words.CARE_AFTER.match(after)):
        return "destination"  # "three women arrived at the Graivoron regional hospital"
    if words.STAFF_AT_BEFORE.search(before) and words.CARE_AFTER.match(after):
        return "context"  # "said a local at Rajahmundry hospital": the speaker's place
    if words.ROUTE_BEFORE.search(before) or words.PEOPLE_FROM_BEFORE.search(before):
        return "origin"
    if words.ORIGIN_BEFORE.search(before):
        return "origin"
    if (unnamed := words.UNLISTED_NAME_IN_END.search(before)) is not None:
        # "going from Shalimar in West Bengal to Chennai", Shalimar no gazetteer lists:
        # the area a journey's end lies in is that end, not the scene
        end_before = before[: unnamed.start()]
        if words.ORIGIN_BEFORE.search(end_before):
            return "origin"
        if words.DESTINATION_BEFORE.search(end_before):
            return "destination"
    said_or_told = (words.CONTEXT_BEFORE.search(before) or words.SPOKE_IN_BEFORE.search(before)
                    or (words.MET_IN_BEFORE.search(before)
                        and not words.HARM_WORDS.search(before)))
    if said_or_told and not (words.STRUCK_MISSION_BEFORE.search(before)
                             or words.ON_A_MISSION_BEFORE.search(before)):
        return "context"
    if position > 0 and words.COMPOUND.match(text[ordered[position - 1][0].end : mention.start]):
        # the second name of "Russia-Ukraine war"; of "the Odisha-Khulna coast", a scene
        return "location" if words.COAST_AFTER.match(after) else "context"
    if position + 1 < len(ordered):
        following = ordered[position + 1][0]
        if words.COMPOUND.match(text[mention.end : following.start]):
            if _route_start(mention, ordered, position, text) or words.COAST_AFTER.match(
                    text[following.end : following.end + WINDOW]):
                return "location"  # "on the Abuja-Kaduna highway": near its first town
            return "context"  # the first name of "Russia-Ukraine war"
    if words.NAME_GOES_ON.match(after):
        return "context"  # "Agence France-Presse": a place inside another name
    if position + 1 < len(ordered):
        following = ordered[position + 1][0]
        if words.POSSESSIVE.match(text[mention.end : following.start]):
            return "context"  # "Russia's Belgorod region": the container of the next place
    agent = feature_type(entry.feature_type).agent or entry.feature_code in words.GOVERNMENT_SEATS
    if (mention.demonym or agent) and (words.SPEAKER_AFTER.match(after)
                                        or words.NOT_SAYING_AFTER.match(after)
                                        or words.SAID_BY_BEFORE.search(before)):
        return "context"  # "kyiv said", "Russian officials said": who reports, not who acts
    if words.ORG_POSSESSIVE.match(after):
        return "context"  # "Ukraine's Presidential Office"
    if not mention.demonym and entry.feature_type in ("country", "admin1") and (
            words.TOWN_OF_THE_AREA_AFTER.match(after)):
        return "context"  # "Colombia's third-largest urban center": a town, told by its area
    if words.SAID_RIGHT_AFTER.match(after) and not agent:
        return "context"  # "..., Santos said": a town does not speak; a person does
    if words.TITLE_OF_BODY_IN_BEFORE.search(before) and words.CLAUSE_ENDS_AFTER.match(after):
        return "context"  # "head of the Red Cross in the Pacific, wrote": a title
    if words.BODY_IN_BEFORE.search(before) and (
            words.SAID_AFTER.match(after) or words.SAID_BEFORE.search(before)):
        return "context"  # "the health ministry in Ramallah said": where a speaker sits
    if words.LOCAL_BODY_AFTER.match(after) and not words.LOCATIVE_BEFORE.search(before):
        return "context"  # "the spokesman for the Herat provincial police": a body
    if (mention.demonym or agent) and words.INSTITUTION_AFTER.match(after):
        return "context"  # "research from US universities": who counts, not where
    if not mention.demonym and words.WAR_AFTER.match(after):
        return "context"  # "during the Gaza war": a war named by its place, not a scene
    if (entry.feature_type == "country" and words.BORDER_AFTER.match(after)
            and words.NEAR_THE_BEFORE.search(before)):
        return "context"  # "two villages in the northeast, near the Niger border"
    if (entry.feature_type == "country" and not mention.demonym and position > 0
            and _NEAR_A_COUNTRY_BEFORE.search(before) and any(
                not m.demonym and e.feature_type != "country" and m.end <= mention.start
                and "\n" not in text[m.end : mention.start] for m, e, _ in ordered[:position])):
        return "context"  # "an ambush in the region of Tillaberi (west) near Burkina Faso"
    if not mention.demonym and _names_a_disaster(after):
        return "location"  # "the 2005 Kashmir earthquake": a disaster named by its place
    unit = words.UNIT_OF_AFTER.match(after) if mention.demonym else None
    if unit is not None:
        following = ordered[position + 1][0] if position + 1 < len(ordered) else None
        if following is not None and words.OF_THE.fullmatch(
                text, mention.end + unit.end(), following.start):
            return "context"  # "the Afghan province of Nangarhar": the container of the next
        return "location"  # "the Kuwaiti city of Mangaf" (no gazetteer has): where it lies
    if (not mention.demonym and _ACCUSED_BEFORE.search(before)
            and _ACCUSED_OF_AFTER.match(after)):
        return "actor"  # "the army condemned Cambodia for targeting villages": the side blamed
    if mention.demonym and not (words.IN_A_COUNTRY_BEFORE.search(before)
                                and words.CLAUSE_ENDS_AFTER.match(after)):
        return "actor"  # "Russian forces", "Ukrainian prisoners"
    if (agent and not mention.qualifier and words.AGENT_AFTER.match(after)
            and not words.LOCATIVE_BEFORE.search(before)):
        # not "Central Sagaing region has been hard-hit": the region, not its government
        return "actor"
    return "location"
