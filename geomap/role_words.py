"""The words around a place name that say what it does in its sentence, as patterns
read by :mod:`geomap.place_roles`: "mediated by", "said", "bound for", "10 km from",
"the war between". ``BEFORE`` patterns end where the name starts, ``AFTER`` patterns
start where it ends."""

from __future__ import annotations

import re

GOVERNMENT_SEATS = frozenset({"PPLC", "PPLG"})

MEDIATOR_BEFORE = re.compile(
    r"\b(?:mediat(?:ed|ion|ing)|brokered|facilitated|negotiat(?:ed|ions?)|talks|help|"
    r"efforts?|auspices)\s+(?:[\w\u201c\u201d\"-]+\s+){0,2}(?:by|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
PARTIES_BEFORE = re.compile(
    r"\b(?:negotiated|brokered|agreed|signed|reached|concluded|struck)\s+between\s+"
    r"(?:[^.;]{1,80}?\s+and\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
"""The parties of an agreement ("the truce was negotiated between Turkey ... and
Russia") are where it was agreed no more than its mediators are."""
MEDIATOR_AFTER = re.compile(r"^\s+(?:mediated|brokered|facilitated)\b", re.IGNORECASE)
CONTEXT_BEFORE = re.compile(
    r"\b(?:bordering|borders?\s+with|border\s+with|adjacent\s+to|(?:which|that)\s+borders?|"
    r"(?:war|conflict|talks|relations|fighting|fire|exchanges?|hostilities|clashes|tensions)"
    r"\s+(?:between|with|against)(?:\s+\w+\s+and)?|invasion\s+of|war\s+in|allies\s+of|"
    r"supported\s+by|envoy\s+to|ambassador\s+to|felt\s+(?:as\s+far\s+(?:away\s+)?as|in)|"
    r"(?:embass(?:y|ies)|consulates?|missions?)\s+(?:\w+\s+)?in|"
    r"(?:as\s+)?far\s+away\s+as|(?:tremors?|shaking|shock\s*waves?|felt)\s+(?:[\w-]+\s+){0,3}?"
    r"as\s+far\s+as|"
    # "in solidarity with Palestinians in Gaza": whom a group stands with, not a scene
    r"(?:solidarity|sympathy)\s+with(?:\s+(?:the|their|its))?(?:\s+(?:[\w-]+\s+){1,3}?in)?|"
    r"(?:alliance|coalition|partnership|pact|bloc|grouping)\s+(?:\w+\s+){0,2}?(?:between|of|with|"
    r"among)(?:\s+\w+,)*|told|interview\s+with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
WAR_AFTER = re.compile(
    r"^\s+(?:war|conflict|ceasefire|truce|peace\s+(?:talks|deal|process|plan))\b", re.IGNORECASE
)
BORDER_AFTER = re.compile(r"^\s+(?:border|frontier)\b", re.IGNORECASE)
NEAR_THE_BEFORE = re.compile(
    r"\b(?:near|along|on|across|close\s+to|towards?|by|at)\s+the\s+$", re.IGNORECASE
)
"""A neighbouring country named by its border with the story's ("in the northeast, near
the Niger border"): where the place lies, not the country it happened in."""
SPEECH = (
    r"said|says|say|told|announced|claimed|claims|reported|reports|accused|accuses|denied|"
    r"denies|warned|confirmed|stated|insisted|added|estimated|noted|wrote"
)
SPEAKER_AFTER = re.compile(
    rf"^(?:['\u2019]s)?\s+(?:(?:\w+\s+){{0,3}}?(?:officials?|ministry|government|"
    rf"authorities|spokes(?:man|woman|person)|military|army|president|media|officers?)\s+)?"
    rf"(?:has\s+|have\s+|had\s+)?(?:{SPEECH})\b(?!\s+(?:it|they|its|their)\b)",
    re.IGNORECASE,
)
SAID_BY_BEFORE = re.compile(
    r"\b(?:attributed|blamed|claimed|condemned|denied|confirmed|announced|reported|"
    r"acknowledged|ordered)\s+by\s+(?:the\s+)?$",
    re.IGNORECASE,
)
""""an assault attributed by Yaound\u00e9 to the separatists": a government named by its seat
or its country, saying something, is not where anything happened."""
NOT_SAYING_AFTER = re.compile(
    r"^\s+(?:did|does|do|would|could|has|have|had)\s*(?:not|n['\u2019]t)\s+(?:immediately\s+)?"
    r"(?:confirm|comment|say|deny|disclose|respond|specify|elaborate)\b",
    re.IGNORECASE,
)
""""The U.S. did not confirm it was a suicide bombing": a government that does not say."""
AGENT_AFTER = re.compile(
    rf"^(?:['\u2019]s)?\s+(?:\w+\s+){{0,2}}?(?:{SPEECH}|"
    r"launched|launches|fired|fires|shot|struck|strikes|attacked|attacks|sent|deployed|"
    r"responded|retaliated|promised|vowed|agreed|exchanged|exchange|swapped|signed|"
    # "Turkey and the United States routinely provide military support": who backs a side
    r"provides?|provided|supply|supplies|supplied|supports?|supported|backs?|backed|funds?|"
    r"funded|trains?|trained|"
    r"has|had|have|is|was|were|will|would|could|defen[cs]e|ministry|government|forces|"
    r"military|army|troops|officials|president|authorities|navy|air\s+force|"
    r"prime\s+minister|foreign|leaders?|spokes(?:man|woman|person)|police|"
    r"intelligence|embassy|presidential|captivity|invasion|soldiers|servicemen|missiles?|drones?|"
    r"warplanes?|artillery|shelling|strikes?|attacks?|"
    # "as Paris vote sparks unrest": a government's act named by its seat
    r"votes?|voted|talks|summit|decisions?|decided|decrees?|reforms?|legislation|bill)\b",
    re.IGNORECASE,
)
INSTITUTION_AFTER = re.compile(
    r"^(?:['\u2019]s)?\s+(?:universit(?:y|ies)|researchers?|scientists?|experts?|academics?|"
    r"think[\s-]tanks?|analysts?|monitors?|observers?|journalists?|"
    r"institutes?|studies|study|intelligence|"
    # "Russian state news agency RIA Novosti", "Iranian state media": the qualifier may
    # stand before any outlet, not only before a channel
    r"(?:(?:private|state(?:-run|-owned|-controlled)?|official|public|national|independent|"
    r"government)\s+)?(?:media|newspapers?|(?:news\s+)?agenc(?:y|ies)|broadcasters?|"
    r"(?:\w+\s+){0,2}?(?:TV|television|radio|channel|daily|newspaper)))\b",
    re.IGNORECASE,
)
""""Pakistan's private Geo TV quoted", "Kenya's Daily Nation": the country's media report,
they are not where anything happened."""
BODY_IN_BEFORE = re.compile(
    r"\b(?:ministry|office|authorit(?:y|ies)|officials?|police|spokes(?:man|woman|person)|"
    r"agency|government|headquarters|command|administration|group|committee|"
    r"organi[sz]ation|network|union|charity)\s+(?:based\s+)?in\s+$",
    re.IGNORECASE,
)
TITLE_OF_BODY_IN_BEFORE = re.compile(
    r"\b(?:head|chief|director|representative|coordinator|president|chair(?:man|woman)?|"
    r"secretary|spokes(?:man|woman|person)|envoy|commissioner)\s+(?:of|for|at)\s+(?:the\s+)?"
    r"(?:(?-i:[A-Z])[\w'\u2019.&-]*\s+){1,5}(?:in|for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
""""Katie Greenwood, head of the Red Cross in the Pacific, wrote": the region an
organisation's office covers, named in a person's title, not a scene."""
SAID_BEFORE = re.compile(r"\b(?:said|says|according\s+to)\s+[^.;\"\u201c\u201d]*$", re.IGNORECASE)
""""..., said the resistance committee, a volunteer group in Wad Madani": the speaker was
named first."""
SPOKE_IN_BEFORE = re.compile(
    r"\b(?:said|says|added|speaking|spoke|told\s+(?:reporters|journalists|the\s+press|"
    r"(?:a\s+)?news\s+conference))\s+(?:in|at|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
""""..., a ministry spokesman said in Nairobi": where a speaker spoke, not where anything
happened."""
MET_IN_BEFORE = re.compile(
    r"\b(?:(?:security|cabinet|council|emergency|crisis)\s+meeting|summit|(?:press|news)\s+"
    r"conference|briefing)\s+(?:(?!(?:attack|struck|bomb|blast|explo|storm|shot|kill|fired)\w*)"
    r"[\w,'\u2019-]+\s+){0,12}?(?:in|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
""""announced following a national security council meeting in Paris", "in a press
conference yesterday evening in Noumea": where a decision was taken or told, not where
anything happened (not "a blast struck a meeting in X", told with its harm)."""
HARM_WORDS = re.compile(
    r"\b(?:attack\w*|struck|strikes?|bomb\w*|blasts?|explo\w+|storm\w*|shot|shoot\w*|"
    r"kill\w*|fired|gunm[ae]n|raid\w*|wounded|injured|dead)\b",
    re.IGNORECASE,
)
"""Words of harm before a meeting's place: the meeting was the target, and its place the
scene."""
SAID_RIGHT_AFTER = re.compile(r"^\s+(?:said|says|told|added|explained|recalled)\b",
                               re.IGNORECASE)  # fmt: skip
SAID_AFTER = re.compile(rf"^\s*,?\s*(?:{SPEECH})\b", re.IGNORECASE)
LOCAL_BODY_AFTER = re.compile(
    r"^\s+(?:(?:provincial|district|regional|city|state|local|municipal|county|range|zone|"
    r"division(?:al)?)\s+)?"
    r"(?:police|governor|council|administration|parliament|assembly|legislature|sheriff|"
    r"coroner|mayor|prosecutor|fire\s+(?:department|chief|service|brigade)|"
    r"inspector[\s-]general|superintendent|(?:deputy\s+)?commissioner|collector|magistrate|"
    r"(?:deputy\s+|assistant\s+)?chief\s+constable|police\s+chief|"
    r"(?:(?:deputy\s+)?chief|home|health|interior|finance|education|revenue)\s+minister|"
    r"premier|chief\s+secretary|MPs?|MLAs?|senators?|lawmakers?|legislators?|congress(?:wo)?man)\b",
    re.IGNORECASE,
)
""""the Herat provincial police", "the Sokoto parliament", "Stone County Sheriff Doug Rader",
"Bastar range inspector general of police", "Meghalaya Chief Minister Conrad Sangma",
"Naivasha MP Jayne Kihara", "The Merseyside chief constable, Jane Doe, said":
a place's authority speaks or acts, written without a preposition that would put anything
there."""
ORG_POSSESSIVE = re.compile(
    r"^['\u2019]s\s+(?:\w+\s+){0,2}?(?:defen[cs]e|ministry|government|presidential|office|"
    r"president|prime\s+minister|officials|authorities|embassy|parliament|spokes\w+|media|"
    r"foreign|junta|regime|rulers?|mayor|governor|leadership)\b",
    re.IGNORECASE,
)
TOWN_OF_THE_AREA_AFTER = re.compile(
    r"^['\u2019]s\s+(?:(?:second|third|fourth|fifth|[a-z]+-(?:largest|biggest)|largest|biggest|"
    r"most\s+populous|main|commercial|economic|industrial|financial|northern|southern|"
    r"eastern|western|central|coastal|port)\s+){0,3}(?:city|town|urban\s+cent(?:er|re)|"
    r"metropolis|capital)\b",
    re.IGNORECASE,
)
""""martial law in Colombia's third-largest urban center", "a blast near the country's
capital": the town the story is about, described by the country (or province) that
holds it; the area is not the scene."""
COMPOUND = re.compile(r"^[-\u2013/]\s*$")
NAME_GOES_ON = re.compile(r"^-(?-i:[A-Z])[a-z]+(?!-)")
"""A capitalised word hyphenated to a place ("France-Presse"): the place is part of a
name (a place hyphenated to a place is a compound, read before)."""
AND_NEXT = re.compile(r"^\s*(?:,|and|&)\s*(?:the\s+)?$", re.IGNORECASE)
FROM_TO_GAP = re.compile(
    r"\s+to\s+(?:the\s+)?(?:[a-z-]+\s+)?(?:(?:city|town|port|capital|village)\s+(?:of\s+)?)?",
)
"""Between the two ends of a journey: "from Kolkata to the eastern city of Ranchi"."""
FIRED_FROM_BEFORE = re.compile(
    r"\b(?:missiles?|rockets?|drones?|UAVs?|projectiles?|shells?|fire|salvos?|barrages?)\b"
    r"[^.;]{0,40}$",
    re.IGNORECASE,
)
"""A weapon before a "from": where it was fired from, not a journey's start."""
POSSESSIVE = re.compile(r"^['\u2019]s\s+(?:\w+\s+){0,2}$")
NEAR_BEFORE = re.compile(
    r"\b(?:near|outside|close\s+to|(?:on|in)\s+the\s+(?:outskirts|edge|fringes?)\s+of|"
    r"(?:\d[\d.,]*\s*)?(?:km|kilomet\w+|"
    r"miles?)\s+(?:\w+\s+){0,2}(?:of|from)|(?:north|south|east|west)(?:-?\w+)?\s+of)\s+"
    r"(?:the\s+|(?-i:[A-Z])[\w-]+['\u2019]s\s+)?(?:(?:(?:state|provincial|regional|national|"
    r"central|(?:north|south|east|west)[\w-]*)\s+)?"
    r"(?:city|town|village|port|capital)(?:\s+of\s+|,\s+|\s+))?$",
    re.IGNORECASE,
)
"""Where an incident is near a place, not in it: "outside Kabul", "on the outskirts of the
city of Manbij", "outside Bangladesh's capital Dhaka", "20 km north of"."""
FRONTED_PLACE_BEFORE = re.compile(
    r"\W*(?:in|at|near|across)\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){0,5}?(?:of\s+)?$", re.IGNORECASE)
"""The words opening a sentence before its first place ("In the northeastern Ukrainian region
of "): a place the clause is set in, not one of its actors."""
LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|on|near|across|throughout|into|over|to|from|of|inside|off|around|outside)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
IN_A_COUNTRY_BEFORE = re.compile(
    r"\b(?:in|across|throughout|inside)\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?\s+|"
    r"(?:north|south)-?(?:east|west)(?:ern)?\s+|central\s+)?$",
    re.IGNORECASE,
)
UNIT_OF_BETWEEN = re.compile(
    r"\s+(?:district|province|region|county|division|governorate|department|municipality|"
    r"prefecture|oblast|raion|tehsil|subdistrict|sub-district|commune|cercle)\s+(?:of|in)\s+"
    r"(?:the\s+)?",
    re.IGNORECASE,
)
""""in the Bijapur district of Bastar division": the second name holds the first, its
container, not a second scene."""
OF_THE = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)
COMMA_IN = re.compile(
    r"(?:[^\S\n]+[\w-]+){0,2}(?<!road)(?<!highway)(?<!route)(?<!expressway)(?<!motorway)"
    r"(?<!line),?\s+in\s+(?:the\s+)?",
    re.IGNORECASE,
)
""""the Steccato di Cutro coast, in Crotone", "near the Sarhari Railway Station in
Nawabshah": the second name, if it is no smaller and lies beside the first, is the area
that holds it (not the area a road runs through, past one of its ends)."""
UNIT_OF_AFTER = re.compile(
    r"^\s+(?:(?:border|coastal|port|northern|southern|eastern|western|central|remote|"
    r"capital)\s+)?(?:city|town|village|port|capital|province|region|district|state|island)"
    r"\b(?!\s+(?:council|government|authorities|officials|police))",
    re.IGNORECASE,
)
""""in the Kuwaiti city of Mangaf", "near the Syrian border town of X": the adjective
names the country a place lies in, its setting (the town itself may be one no gazetteer
holds); not "the Kuwaiti city council", a body."""
CLAUSE_ENDS_AFTER = re.compile(r"^\s*(?:[,.;:)\u2014]|$)")
""""killed in central Myanmar, an anti-junta fighter said": a name that is also its
adjective, standing alone after "in", is the country."""
DESTINATION_BEFORE = re.compile(
    r"\b(?:bound\s+for|en\s+route\s+to|on\s+(?:its|their|the)\s+way\s+to|heading\s+(?:to|for|towards)|"
    r"headed\s+(?:to|for|towards)|travell?ing\s+to|sailing\s+to|(?:hoped|trying|tried|attempting|"
    r"seeking)\s+to\s+reach|(?:crossing|journey|voyage|passage|trip)\s+to|(?:evacuated|taken|transferred|referred|shifted|airlifted|flown|moved|rushed|"
    r"brought|fled|deported|returned)\s+(?:\w+\s+){0,3}?to|destined\s+for|bound\s+to|"
    r"(?:travell?ing|sailing|flying|driving|going|heading|headed|bus|train|ferry|boat|flight)"
    r"\s+[^.;]{0,40}?from\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}?(?-i:[A-Z])[\w'\u2019-]+"
    r"(?:\s+(?-i:[A-Z])[\w'\u2019-]+){0,2}(?:\s+(?-i:[a-z]+))?\s+to(?:\s+the)?(?:\s+[a-z-]+)?"
    r"(?:\s+(?:city|town|port)\s+of)?|"
    r"(?:linking|connecting|joining)\s+(?-i:[A-Z])[\w'\u2019-]+(?:\s+(?-i:[A-Z])[\w'\u2019-]+)?\s+"
    r"(?:to|with)(?:\s+the)?(?:\s+[\w-]+)?(?:\s+(?:city|town|port)\s+of)?|"
    r"(?:fled|escaped|crossed|retreated|withdrew|slipped)\s+(?:\w+\s+){0,4}?into|"
    r"(?:taken|took|take|taking|sought|seek|seeking|found|find|finding)\s+(?:\w+\s+)?refuge\s+in|"
    r"(?:hospital|clinic|morgue|mortuar(?:y|ie))s?\s+(?:bed\s+)?(?:in|at|around|near|across))\s+"
    r"(?:the\s+)?(?:(?:(?:port|capital|border)\s+)?(?:capital|city|town|port)(?:\s+of)?\s+)?$",
    re.IGNORECASE,
)
"""Where people or a vehicle were going, or were taken afterwards: not where anything
happened ("a boat bound for Italy", "the injured were taken to hospitals in X", "travelling
from Mbeya to the coastal city of Tanga", "the wounded have been referred to X for
treatment")."""
PEOPLE_FROM_BEFORE = re.compile(
    r"\b(?:youths?|militia(?:s|men)?|gunmen|attackers|assailants|fighters|herders|raiders|"
    r"militants|rebels|men|groups?|(?<!in\sthe\s)(?<!at\sthe\s)(?<!across\sthe\s)"
    r"communit(?:y|ies)|members|tribesmen|settlers|soldiers|"
    r"troops|forces)\s+(?:\w+\s+){0,2}?(?:from|of)\s+(?:the\s+)?(?:neighbou?ring\s+)?$|"
    r"\b(?:tenders|teams|engines|crews|rescuers|ambulances|personnel|reinforcements|"
    r"firefighters|volunteers)\s+(?:\w+\s+){0,2}?from\s+(?:the\s+)?(?:nearby\s+)?"
    r"(?:(?-i:[A-Z])[\w'\u2019-]*,?\s+(?:and\s+)?){0,4}$|"
    r"\b(?:allegedly|reportedly|(?:said|suspected|believed|thought)\s+to\s+(?:be|have\s+come))\s+"
    r"from\s+(?:the\s+)?(?:neighbou?ring\s+)?(?:(?-i:[A-Z])\w+\s+)?$|"
    r"\b(?:those|students|nationals|citizens|tourists|pilgrims|migrants|expatriates|workers|"
    r"visitors?|visiting)\s+from\s+(?:the\s+)?(?:neighbou?ring\s+)?$|"
    # "a 31-year-old man from St Helens ... were arrested": where a person comes from
    r"\b\d+-year-old\s+(?:man|woman|boy|girl|teenager|suspect|person)\s+from\s+$|"
    # "22-year-old Beau Dunn of London", "Louis C. Jensen, 87, of Williston": a named
    # person's home town, as news writes it beside the name
    r"\b\d+-year-old\s+(?:(?-i:[A-Z])[\w.'\u2019-]*\s+){1,4}(?:of|from)\s+$|"
    r"(?-i:[A-Z])[\w'\u2019-]+,\s+\d{1,3},\s+(?:of|from)\s+$",
    re.IGNORECASE,
)
""""attacked by youth from Pibor", "gunmen from Twic County": where the attackers came
from, not where they struck; "many students, including those from India", "pilgrims from
Kerala": where people live, not where anything happened to them."""
HOME_BEFORE = re.compile(
    r"(?-i:\b[A-Z][\w'\u2019-]+),\s+\d{1,3},\s+(?:of|from)\s+$"
    r"|\b\d{1,3}-year-old\s+(?:(?-i:[A-Z])[\w'\u2019.-]*\s+){1,4}(?:of|from)\s+$",
    re.IGNORECASE,
)
""""James Roe, 25, of Millbrook", "22-year-old Tom Reed of Dover": where a named person
lives, as local news sets it after the name."""
IN_THE_CITY_GAP = re.compile(r"\s+in\s+(?:the\s+(?:city|town|capital)\s+of\s+)?", re.IGNORECASE)
""""Gwarinpa in Abuja": what stands between a place and the city it is said to be in."""
SITE_IN_GAP = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:school|academy|college|camp|base|barracks|hospital|market|"
    r"mosque|church|prison|jail|airport|stadium|hotel|station|university|factory|mine)\s+"
    r"(?:in|at)\s+(?:the\s+(?:city|town|capital)\s+of\s+)?",
    re.IGNORECASE,
)
""""the Faladie gendarme school in Bamako": a name before a site said to lie in a place."""
SITE_NAME_KM = 25.0
"""How far a namesake of a site's name may lie from the place the site is said to be in
and still be where it is (beyond, the name is only the site's)."""
CONTAINER_GAP = re.compile(r"\s*(?:,|\s(?:\w+\s+)?(?:of|in))\s+(?:the\s+)?", re.IGNORECASE)
TAKEN_TO_BEFORE = re.compile(
    r"\b(?:arrived|arriving|taken|rushed|admitted|brought|transferred|airlifted|treated|"
    r"hospitali[sz]ed|evacuated|died|dies|succumbed|pronounced\s+dead)\s+(?:\w+\s+){0,2}?"
    r"(?:at|to|in)\s+(?:the|a)\s+$",
    re.IGNORECASE,
)
IN_A_BEFORE = re.compile(r"\b(?:in|at)\s+an?\s+$", re.IGNORECASE)
""""died in a Dallas hospital", "recovering at an Amman clinic": a place naming which
hospital, after an indefinite article, is where someone was cared for."""
CARE_AFTER = re.compile(
    r"^\s+(?:(?:regional|central|district|city|general|military|university|main|local)\s+)?"
    r"(?:hospitals?|clinics?|medical|morgue|mortuary|health)\b",
    re.IGNORECASE,
)
""""were taken to the Kherson regional hospital", "died Saturday in a Dallas hospital":
where the wounded were treated or died of their wounds, not where anything happened."""
STAFF_AT_BEFORE = re.compile(
    r"\b(?:a|an|the|one|another)\s+(?:[\w-]+\s+){0,2}?(?:local|doctor|nurse|medic|surgeon|"
    r"physician|official|source|spokes(?:man|woman|person)|worker|staffer|employee|director|"
    r"administrator|resident|relative|volunteer)s?\s+(?:at|from|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
""""said a local at Rajahmundry hospital", "a doctor at the Kenyatta hospital": with
:data:`CARE_AFTER`, where a speaker works or waits, not where anything happened."""
ORIGIN_BEFORE = re.compile(
    r"\b(?:(?:(?:after|when|since|having)\s+(?:it|they|the\s+\w+)|(?:boat|ship|vessel|ferry|"
    r"dinghy|plane|aircraft|flight|bus|train|convoy)s?,?\s+which)\s+(?:had\s+)?(?:left|departed)\s+"
    r"(?:the\s+)?(?:(?-i:[A-Z])[\w'\u2019-]*\s+){0,2}$|"
    r"(?:(?:carrying|taking|ferrying|transporting)\s+(?:\w+\s+){0,3}?from|(?:travell?ing|"
    r"sailing|flying|flew|driving|departed|departing|left|leaving|set\s+off|fleeing|fled|"
    r"going|went|plying|travell?ed|sailed|returned|"
    r"coming|came|returning|heading|headed|"
    r"arriving|flight|flights|train|bus|ship|ferry|boat)\s+(?:\w+\s+|[\u2013\u2014-]\s+){0,5}?from|"
    r"(?:missiles?|rockets?|drones?|UAVs?|projectiles?)\s+(?:(?:launched|fired|sent|flown)\s+)?from|"
    r"(?:on\s+(?:its|their|his|her)\s+way|en\s+route|bound|heading|headed)\s+(?:to|for)\s+"
    r"[^.;]{1,40}?\s+from)\s+(?:the\s+)?(?:(?:[a-z-]+\s+)?(?:city|town|port|capital|village)\s+"
    r"of\s+)?$)",
    re.IGNORECASE,
)
"""Where a journey began ("a train carrying passengers from Kolkata", "after it left the
Bahamas' Bimini islands", "on its way to Assam state from New Delhi", "the bus was travelling
in the other direction - from the western city of Mbeya"), or where a weapon was fired
from ("intercepted an incoming missile from Yemen": not where it was stopped)."""
UNLISTED_NAME_IN_END = re.compile(
    r"(?<=\s)(?-i:[A-Z])[\w'\u2019-]+(?:\s+(?-i:[A-Z])[\w'\u2019-]+){0,2}(?:,|\s+in)\s+(?:the\s+)?$"
)
"""A capitalised name and "in" or a comma right before a place ("from Shalimar in West
Bengal"): the place is the area that name lies in."""
MEASURED_FROM_BEFORE = re.compile(
    r"\b\d[\d.,]*\s*(?:\(?\s*[\d.,]+\s*\w+\s*\)\s*)?(?:km|kms|kilomet(?:er|re)s?|miles?|nautical\s+miles?)"
    r"\s*(?:\([^()]{0,30}\)\s*)?(?:[\w-]+\s+){0,2}?(?:of|from)\s+(?:the\s+)?"
    r"(?:[\w'\u2019-]+(?:\s*,)?\s+){0,6}?$",
    re.IGNORECASE,
)
"""A place a distance is measured from ("40 km northwest of Herat", "45 kilometers
southeast of Iraq's second-largest northern city of Mosul"): the event is not
there (a stated offset computes its point from it, see geomap.incidents.scene)."""
LIES_NEAR_BEFORE = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:village|town|city|hamlet|settlement|suburb|"
    r"district|area|neighbou?rhood|community|port|camp|locality)\s+"
    r"(?:in\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:area|region|district|valley|province)\s+)?"
    r"(?:just\s+|some\s+)?"
    r"(?:outside|near|close\s+to|not\s+far\s+from|on\s+the\s+outskirts\s+of|"
    r"(?:north|south|east|west)[\w-]*\s+of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:(?:city|town|capital|port)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
""""near Pukhrayan, a village outside the industrial city of Kanpur": the second place
only says where the first lies (a stated distance is read as an offset instead)."""
BEARING_OF_THE_LAST = re.compile(
    r"(?:\s+(?:city|town|village|province|district|governorate|region|state))?,?\s+"
    r"(?:just\s+|some\s+|about\s+)?(?:north|south|east|west)(?:\s+(?:east|west))?[\w-]*\s+of\s+"
    r"(?:the\s+)?(?:(?:port\s+|coastal\s+|southern\s+|northern\s+|eastern\s+|western\s+)?"
    r"(?:city|town|capital|port)\s+(?:of\s+)?)?",
    re.IGNORECASE,
)
""""in Kirkuk city, north of the capital Baghdad", "Gampaha District, north east of the
capital Colombo", "an area known as Barja just north of the port city of Sidon": between
two places, a bearing that says where the first lies; the second is no scene."""
NEAR_THE_LAST = re.compile(
    r",\s+(?:just\s+)?(?:near|close\s+to|not\s+far\s+from|next\s+to)\s+the\s+"
    r"(?:[\w'\u2019-]+\s+){0,2}?",
    re.IGNORECASE,
)
FACILITY_AFTER = re.compile(
    r"^\s+(?:nuclear\s+(?:power\s+)?(?:plant|station)|(?:hydro(?:electric)?\s+)?power\s+"
    r"(?:plant|station)|dam|reservoir|airport|air\s*base|refinery|port)\b",
    re.IGNORECASE,
)
""""in Nikopol, near the Russian-held Zaporizhzhia nuclear power plant": between two
places, then a facility named after the second, which only says where the first lies;
the facility's namesake is no scene."""
TRAVEL_FROM_BEFORE = re.compile(
    r"\b(?:\d+|an?|one|two|three|four|five|six|several|few|many)\s+(?:hours?|minutes?|days?)"
    r"['\u2019]?\s+(?:(?:drive|walk|ride|journey|flight|trek|sail)\s+(?:\w+\s+){0,2}?|"
    r"(?:away\s+)?)from\s+"
    r"(?:the\s+)?(?:[\w'\u2019]+(?:\s*,)?\s+){0,3}?(?:of\s+)?$",
    re.IGNORECASE,
)
"""A place a journey's length is measured from ("two hours' drive from the provincial
capital of Wabag", "a province about two hours from Kabul"): a yardstick, like a
distance."""
ROUTE_BEFORE = re.compile(
    r"\b(?:journey|route|trip|voyage|flight|service|line|road|highway|railway|train|bus|ferry)"
    r"\s+(?:\w+\s+){0,2}?(?:between|linking|connecting)\s+(?:the\s+)?(?:(?:cities|towns|ports)"
    r"\s+of\s+)?$",
    re.IGNORECASE,
)
"""The ends of a route ("a journey between the cities of Indore and Patna")."""
ROUTE_AFTER = re.compile(r"^\s*(?:-|\u2013)?\s*(?:bound|based|born)\b", re.IGNORECASE)
""""a Delhi-bound train": the destination, not the scene."""
ACROSS_BEFORE = re.compile(
    r"\b(?:(?:across|throughout|all\s+over|nationwide\s+in)(?:\s+(?:\w+\s+){0,2}?(?:parts|areas|"
    r"regions|provinces|states|districts|towns|cities|villages)\s+of)?|(?:in|across)\s+(?:various|"
    r"several|many|multiple|different)\s+(?:parts|areas|regions|provinces|states|districts)\s+of)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)

UNITS_AFTER = re.compile(
    r"(?:\s*(?:,|and|or)\s*(?:[A-Z][\w'\u2019-]*\s*){1,3})*\s+(?:provinces|states|districts|"
    r"governorates|regions|counties|oblasts|municipalities|departments)\b"
)
""""strikes on Hodaida and Saada provinces": a list of units, each part of a tally over
them (the report then tells each unit's incident)."""
ROAD_AFTER = re.compile(
    r"\s+(?:road|highway|expressway|motorway|railway|railroad|route|corridor|axis)\b",
    re.IGNORECASE,
)
"""A road named after the towns it joins ("the Abuja-Kaduna highway")."""
COAST_AFTER = re.compile(r"^\s+(?:coast(?:line)?|shores?|seaboard)\b", re.IGNORECASE)
""""made landfall on the Odisha-Khulna coast": a coast named after the places it runs along,
each of them where a storm came ashore (not "the Russia-Ukraine war")."""
STRUCK_CARE_BEFORE = re.compile(
    r"\b(?:fire|blaze|strikes?|airstrikes?|attacks?|explosion|blast|bomb(?:ing)?|shelling|raid)"
    r"\s+(?:at|on|in|hit|targeted)\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:hospital|clinic)s?\s+"
    r"(?:in|at|near)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
""""A fire at a hospital in Baghdad", "a strike on a clinic in Gaza": the hospital is
where it happened, not where the wounded were taken."""
STRUCK_MISSION_BEFORE = re.compile(
    r"\b(?:strikes?|air\s*strikes?|attacks?|explosions?|blasts?|bomb(?:ing)?s?|shelling|raids?|"
    r"rockets?|missiles?|drones?)\s+(?:at|on|in|hit|struck|targeted|targeting|against|of)\s+"
    r"(?:[\w'\u2019-]+\s+){0,6}?(?:embass(?:y|ies)|consulates?|missions?)\s+(?:\w+\s+)?in\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
""""A drone strike on the Turkish embassy in Tripoli": the embassy is
where it happened, not a body that speaks for its country (``CONTEXT_BEFORE``)."""
ON_A_MISSION_BEFORE = re.compile(
    r"\bon\s+(?:a|an|its|their|the|his|her)\s+(?:[\w-]+\s+){0,3}?missions?\s+in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
""""A helicopter on a counternarcotics mission in Amalfi": a mission an aircraft or a
patrol is on is a task done at the place, not a diplomatic mission sitting there
(``CONTEXT_BEFORE``)."""
