"""Victims written without a figure ("a 4-year-old girl died", "militants killed a
cattle breeder", "a woman and her daughter drowned", "resulted in the death of Ivan", "a
man has been arrested", "a body was found"): counted one by one (two for a person and a
relative), where no stated figure covers them."""

from __future__ import annotations

import re

from geomap.facts.nouns import PERSON_NOUNS
from geomap.facts.numbers import (
    NUMBER,
    NUMBER_WORD,
    QUALIFIER,
    non_overlapping,
    number_value,
    overlaps,
)
from geomap.geoparse.lexicon import lexicon
from geomap.records import Count

__all__ = ["one_before_others", "victims_without_a_figure"]

_SINGULAR_PEOPLE = (
    "man|woman|boy|girl|child|baby|toddler|teenager|person|resident|civilian|soldier|"
    "policeman|policewoman|officer|passenger|worker|driver|pedestrian|student|tourist|"
    "journalist|farmer|fisherman|herder|herdsman|villager|guard|pilot|miner|firefighter|nurse|"
    "doctor|breeder|trader|teacher|imam|priest|pastor|chief|official|businessman|motorist|"
    "vendor|shepherd|worshipper|fighter|militant|gunman|motorcyclist|cyclist|member|employee|"
    "staffer|commander|elder|cleric|activist|lawyer|judge|medic|paramedic|rescuer|infant|adult|"
    "reservist|inmate"
)
_SINGULAR_PEOPLE += "".join(f"|{w}" for w in sorted({v for k, v in PERSON_NOUNS.items() if k == v})
                            if f"|{w}|" not in f"|{_SINGULAR_PEOPLE}|")
"""With every person the figures count ("killing a citizen", "a hostage was killed"), so
that a victim written without a figure is known by the same nouns as one with a figure."""
_DEGREE = (r"(?:(?:critically|seriously|severely|gravely|grievously|badly|slightly|lightly|"
           r"moderately|mildly)\s+)")
""""a soldier was seriously injured", "had been moderately wounded": how badly, between the
auxiliary and the verb (not "fatally", which makes a wound a death)."""
_HURT_WORDS = frozenset({"injured", "injuring", "wounded", "wounding", "hurt"})
_STILL = r"(?:remains|remained|is\s+listed|was\s+listed)"
""""a man remains hospitalized", "was listed in fair condition": a victim's state since."""
_IN_HOSPITAL = (r"hospitali[sz]ed|in\s+(?:a\s+)?(?:critical|serious|grave|stable|fair|guarded|"
                r"life-threatening)\s+condition|"
                r"(?:suffered|sustained|received|had)\s+(?:[\w-]+\s+){0,3}?(?:injuries|wounds?|"
                r"burns)|(?:taken|rushed|transported|airlifted)\s+to\s+(?:a\s+|the\s+)?(?:[\w.'\u2019-]+\s+)"
                r"{0,4}?hospital\b(?![^.;]{0,80}\b(?:died|dead|succumbed|death)\b)")
""""remains hospitalized", "in critical condition", "had a single gunshot wound",
"received serious injuries": one person hurt, told by their state or their wounds."""
_SHOT = (r"shot(?:\s+(?:twice|once|several\s+times|multiple\s+times|repeatedly|in\s+the\s+"
         r"\w+))?(?!\s+(?:dead|and\s+killed|to\s+death)\b)"
         r"(?![^.;]{0,80}\b(?:died|dead|killed|death|fatal\w*)\b)")
""""a 27-year-old man was shot twice": one person hurt by gunfire (not when the sentence
goes on to his death)."""
_HIT_BY = (r"(?:(?:hit|struck|run\s+over|knocked\s+down|thrown)\s+(?:by|from)\s+(?:an?|the)\s+"
           r"(?:[\w-]+\s+){0,2}?[\w-]+\s+and\s+)")
""""a boy riding a scooter ... was hit by a car and killed": how, before the verb."""
_HOME = (r",?\s+(?:of|from)\s+(?-i:[A-Z][\w'\u2019.-]*)(?:\s+(?-i:[A-Z][\w'\u2019.-]*)){0,2}"
         r"(?:,\s+(?-i:[A-Z][\w.]*)(?:\s+(?-i:[A-Z][\w.]*))?)?,?")
""""of Dover", ", of Dover, Delaware,": where a named victim lives, set after the name."""
_KIN = (r"(?:son|daughter|wife|husband|mother|father|brother|sister|grandson|granddaughter|"
        r"grandmother|grandfather|nephew|niece|uncle|aunt|cousin|girlfriend|boyfriend|"
        r"fianc[e\u00e9]e?|partner|stepson|stepdaughter|stepfather|stepmother|ex-wife|"
        r"ex-husband|ex-girlfriend|ex-boyfriend)")
"""One relative or partner of someone, a victim named by kinship ("the brother of a local
chief", "his longtime girlfriend")."""
_KIN_MODIFIERS = (rf"(?:(?!{NUMBER_WORD}\b|and\b|or\b)[\w'\u2019-]+\s+){{0,2}}?")
""""his longtime girlfriend", "her 59-year-old mother": words before the relative (never a
figure: "his two sons" are counted by their figure)."""
_KILLED_ONE = re.compile(
    rf"\b(?P<what>killed|killing|murdered|shot\s+dead|shot\s+and\s+killed|fatally\s+shot|"
    rf"gunned\s+down|stabbed\s+to\s+death|wounded|wounding|injured|"
    rf"injuring)\s+(?:(?:an?|one)\s+(?:[\w'\u2019]+[\s-]+){{0,3}}?(?:{_SINGULAR_PEOPLE})|"
    rf"\d{{1,3}}-year-old\s+(?:(?-i:[A-Z])[\w'\u2019]*|(?:{_SINGULAR_PEOPLE})\b)|"
    r"the\s+(?:(?:local|district|provincial|deputy|police|army|village)\s+)?(?:head|chief|leader|"
    r"commander|mayor|governor|director|imam)|"
    rf"(?:the|his|her|their)\s+{_KIN_MODIFIERS}{_KIN}(?:\s+of\s+(?:(?:an?|the|his|her|their)\s+"
    rf"(?:[\w'\u2019-]+\s+){{0,3}}?(?:{_SINGULAR_PEOPLE})|(?-i:[A-Z][\w'\u2019-]+"
    r"(?:\s+[A-Z][\w'\u2019-]+){0,2})))?)\b",
    re.IGNORECASE,
)
"""A victim of an active verb: "militants killed a cattle breeder", "police shot and killed
19-year-old Samuel Obi", "youths killed the brother of a local chief"."""
_ONE_VICTIM = re.compile(
    rf"\b(?:an?|one|another)\s+(?:[\w'\u2019]+[\s-]+){{0,4}}?(?:(?:{_SINGULAR_PEOPLE})"
    r"(?:,\s+(?:named|identified\s+as|aged)\s+[^,.;]{1,30},)?"
    r"(?:\s+(?:in|from|of|at|near|(?-i:[a-z]+ing))\s+[^.;]{1,100}?,?)?"
    r"(?:\s+[a-z]+ing(?:\s+(?!(?:was|had|has|is)\b)[a-z]+){0,3}?)?\s+"
    rf"(?:(?:was|had\s+been|has\s+been|is|also|later|reportedly|{_STILL})\s+){{0,2}}"
    + _HIT_BY + "?" + _DEGREE + r"?(?P<what>killed|died|"
    r"(?:found\s+)?dead|shot\s+dead|(?:stabbed|crushed|burn(?:ed|t))\s+to\s+death|electrocuted|drowned|"
    rf"injured|wounded|hurt|{_IN_HOSPITAL}|{_SHOT})|[a-z]+\s+"
    r"(?:was|had\s+been|has\s+been)\s+(?:also\s+|reportedly\s+)?(?P<passive>killed|shot\s+dead|"
    r"(?:crushed|burn(?:ed|t))\s+to\s+death|electrocuted|injured|wounded|hurt))\b",
    re.IGNORECASE,
)
_NAMED_VICTIM = re.compile(
    rf"\b\d{{1,3}}-year-old\s+(?:(?:{_SINGULAR_PEOPLE})\s+)?(?-i:[A-Z][\w'\u2019-]+)"
    r"(?:\s+(?-i:[A-Z][\w'\u2019.-]*)){0,3}(?:,\s+(?:an?|the)\s+[^,.;]{1,40},|"
    rf"{_HOME})?\s+"
    rf"(?:(?:was|had\s+been|has\s+been|is|also|later|reportedly|{_STILL})\s+){{0,2}}" + _DEGREE
    + r"?(?P<what>killed|died|dead|shot\s+dead|(?:stabbed|crushed|burn(?:ed|t))\s+to\s+death|"
    rf"drowned|electrocuted|injured|wounded|hurt|{_IN_HOSPITAL})\b",
    re.IGNORECASE,
)
"""A victim named with an age and no article: "58-year-old Grace Wanyeze was killed",
"71-year-old farmer Peter Okello died", "34-year-old John Mwangi, a trader, was shot dead",
"22-year-old Tom Reed of Dover, Delaware, was killed", "38-year-old Reed is dead" (one
dead each)."""
_NAMED_AGED = re.compile(
    r"\b(?-i:[A-Z][\w'\u2019-]+)(?:\s+(?-i:[A-Z][\w'\u2019.-]*)){0,3},\s+(?:aged\s+)?\d{1,3},"
    rf"(?:{_HOME})?\s+"
    rf"(?:(?:was|had\s+been|has\s+been|is|also|later|reportedly|{_STILL})\s+){{0,2}}" + _DEGREE
    + r"?(?P<what>killed|died|dead|shot\s+dead|(?:stabbed|crushed|burn(?:ed|t))\s+to\s+death|"
    rf"drowned|electrocuted|injured|wounded|hurt|{_IN_HOSPITAL})\b",
    re.IGNORECASE,
)
"""A victim named with the age set off by commas, as local news writes one: "Jane Doe, 18,
of Dover died Saturday", "John Roe, 25, had a single gunshot wound" (one each)."""
_ONE_AND_KIN = re.compile(
    rf"\b(?:an?|one)\s+(?:[\w'\u2019]+[\s-]+){{0,3}}?(?:{_SINGULAR_PEOPLE})\s+and\s+(?:his|her|their)\s+"
    r"(?:[\w'\u2019]+[\s-]+){0,3}?(?:son|daughter|wife|husband|child|baby|mother|father|brother|"
    r"sister|grandson|granddaughter|grandmother|grandfather|nephew|niece)\s+(?:(?:were|had\s+been|"
    r"have\s+been|also|later|reportedly)\s+){0,2}(?P<what>killed|died|dead|drowned|injured|wounded|"
    r"hurt)\b",
    re.IGNORECASE,
)
"""Two victims without a figure: "a woman and her five-year-old daughter died"."""
_ONE_AND_THEIR_N = re.compile(
    rf"\b(?:an?|one)\s+(?:[\w'\u2019]+[\s-]+){{0,3}}?(?:{_SINGULAR_PEOPLE})\s+and\s+"
    r"(?:his|her|their)\s+(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
    r"(?:[\w'\u2019-]+\s+){0,2}?[a-z]+s\s+(?:(?:were|had\s+been|have\s+been|also|later|"
    r"reportedly)\s+){0,2}(?P<what>killed|died|dead|drowned|injured|wounded|hurt)\b",
    re.IGNORECASE,
)
"""One victim and a stated number of others: "a state police officer and her two bodyguards
were killed" (three dead)."""
_DEATH_OF = re.compile(
    r"\b(?:resulted\s+in|caused|led\s+to)\s+the\s+death\s+of\s+(?:(?:an?|one)\s+"
    rf"(?:[\w'\u2019-]+\s+){{0,3}}?(?:{_SINGULAR_PEOPLE})|(?-i:[A-Z][\w'\u2019-]+))\b",
    re.IGNORECASE,
)
"""A victim written without a figure: "a 4-year-old girl died", "a policeman was
wounded", "a Frontier Corps staff member, named Attaullah, was shot dead", "resulted in
the death of Alexei" (one dead, one injured, one dead, one dead)."""


_KILLING_OF = re.compile(
    r"\b(?:fatal\s+(?:shooting|stabbing|beating|assault|attack|hit-and-run)|killing|murder|"
    r"slaying|death)\s+of\s+(?:(?:an?|one)\s+(?:[\w'\u2019-]+\s+){0,3}?"
    rf"(?:{_SINGULAR_PEOPLE})|\d{{1,3}}-year-old\s+(?:[\w'\u2019-]+\s+){{0,3}}?"
    rf"(?:(?:{_SINGULAR_PEOPLE})|(?-i:[A-Z][\w'\u2019-]+))|(?:his|her|their)\s+{_KIN_MODIFIERS}"
    rf"{_KIN})\b",
    re.IGNORECASE,
)
""""Saturday's fatal shooting of a man", "the killing of a shopkeeper", "in the death of
36-year-old Tom Reed": one dead, named by the deed."""
_KILLED_NAMED = re.compile(
    r"\b(?:(?P<what>killed|killing|murdered|murdering|shot\s+dead|shot\s+and\s+killed|"
    r"fatally\s+(?:shot|stabbed|struck)|gunned\s+down|stabbed\s+to\s+death|"
    r"struck\s+and\s+killed)|(?:found|recovered|discovered|retrieved|identified)\s+the\s+"
    r"(?:dead\s+)?body\s+of)\s+(?-i:(?P<first>[A-Z][a-z'\u2019-]+)(?:\s+[A-Z]\.)?"
    r"(?:\s+[A-Z][\w'\u2019-]+){1,2})(?P<age>,\s+\d{1,3},)?",
    re.IGNORECASE,
)
""""the vehicle that killed Terry A. Roe", "police found the body of Jana Roe, 24,": one
dead, a person named by a first name (``first_names.txt``) or with an age."""
_LEFT_ONE = re.compile(
    r"\bleft\s+(?:an?|one)\s+(?:[\w'\u2019-]+\s+){0,3}?"
    rf"(?:{_SINGULAR_PEOPLE})\s+(?P<what>dead|injured|wounded|hurt|{_IN_HOSPITAL})\b",
    re.IGNORECASE,
)
""""a crash left an 82-year-old woman in critical condition", "left a man dead"."""
_KIN_VICTIM = re.compile(
    rf"\b(?:his|her|their)\s+{_KIN_MODIFIERS}{_KIN}(?:,\s+(?-i:[A-Z])[^,.;]{{1,40}},)?"
    r"(?:,?\s+who)?\s+(?:(?:was|had\s+been|has\s+been|is|also|later)\s+){1,2}" + _DEGREE
    + rf"?(?P<what>killed|died|dead|shot\s+dead|injured|wounded|hurt|{_IN_HOSPITAL})\b",
    re.IGNORECASE,
)
""""her mother, who was injured as well", "his wife was killed": a relative of someone the
story is about, one victim."""
_NEGATED = re.compile(r"(?:\bnot|\bnever|n['\u2019]t)\s+(?:(?:been|be|\w+ly)\s+)?$",
                      re.IGNORECASE)
""""A passenger in the rear seat was not injured": no victim."""
_DEAD_WORDS = re.compile(r"killed|died|dead|shot|stabbed|crushed|burn|electrocuted|drowned|"
                         r"murdered|gunned|fatal|killing|murder|slaying|death", re.IGNORECASE)


def _noun(what: str) -> str:
    """What a victim's verb makes them: "dead" or "injured" ("found dead" is a death,
    "suffered fatal injuries" too; "had serious injuries" and "hospitalized" are not)."""
    if what.lower().startswith(("suffered", "sustained", "received", "had")):
        return "dead" if "fatal" in what.lower() else "injured"
    if what.lower().startswith("shot") and not re.match(r"shot\s+(?:dead|and|to)\b", what,
                                                        re.IGNORECASE):
        return "injured"  # "was shot twice"
    return "dead" if _DEAD_WORDS.search(what) else "injured"


_ONE_BODY = re.compile(
    r"\b(?:an?|one)\s+(?:[\w'\u2019-]+\s+){0,2}?body\s+(?:was|has\s+been|had\s+been)\s+"
    r"(?:(?:also|later|reportedly)\s+)?(?:found|recovered|retrieved|discovered|pulled\s+out)\b"
    r"|\b(?:found|recovered|retrieved|discovered|pulled\s+out)\s+(?:an?|one)\s+"
    r"(?:[\w'\u2019-]+\s+){0,2}?body\b(?!\s+of\b)",
    re.IGNORECASE,
)
"""One dead written as a body: "an unidentified body had been found", "rescuers recovered a
body" (the annotation guide counts bodies recovered as dead; not "a body of evidence")."""


_ONE_TAKEN = re.compile(
    rf"\b(?:an?|one)\s+(?:[\w'\u2019-]+\s+){{0,3}}?(?:{_SINGULAR_PEOPLE}|suspect)\s+"
    r"(?:was|has\s+been|had\s+been)\s+(?:(?:also|later|reportedly)\s+)?"
    r"(?P<what>arrested|detained|abducted|kidnapped)\b"
    rf"|\b(?P<active>arrested|detained|abducted|kidnapped)\s+(?:an?|one)\s+"
    rf"(?:[\w'\u2019-]+\s+){{0,3}}?(?:{_SINGULAR_PEOPLE}|suspect)\b",
    re.IGNORECASE,
)
"""One person taken, written without a figure: "a middle-aged man has been arrested",
"gunmen kidnapped a pastor" (one arrested, one abducted: people affected)."""
_TAKEN = {"arrested": "arrested", "detained": "arrested", "abducted": "abducted",
          "kidnapped": "abducted"}  # fmt: skip


_AND_ONE_MORE = re.compile(
    rf"\s+and\s+(?P<who>(?:an?|one|their|his|her|the)\s+(?:[\w'\u2019-]+\s+){{0,2}}?"
    rf"(?:{_SINGULAR_PEOPLE})\s+(?:(?:were|had\s+been|have\s+been|also|later|reportedly)\s+)"
    r"{0,2}(?P<what>killed|died|dead|shot\s+dead|drowned|injured|wounded|hurt))\b",
    re.IGNORECASE,
)
"""One more victim after people counted: "three soldiers and their driver were killed",
"two policemen and a civilian were wounded" (the figure's parts sum them)."""


_ALSO = re.compile(r"\balso\b", re.IGNORECASE)


_ONE_BEFORE_OTHERS = re.compile(
    r"(?:\b(?-i:[A-Z][a-z'\u2019-]+)(?:\s+(?-i:[A-Z][\w'\u2019.-]*)){0,2}|"
    rf"\b(?:an?|one)\s+(?:[\w'\u2019-]+\s+){{0,3}}?(?:{_SINGULAR_PEOPLE}))\s+and\s+$",
    re.IGNORECASE,
)
""""Cassie Roe and three other children who died", "a teacher and two other staff were
hurt": one person joined to the others a figure counts."""
_NOT_A_PERSON = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|The|This|That|"
    r"Police|Officials|Authorities)\b")


_FIGURE_FIRST = re.compile(rf"(?:{QUALIFIER}\s+)?{NUMBER}\b", re.IGNORECASE)
"""A count that starts at its figure (not "wounded two other people", whose verb has a
subject of its own before it)."""


_PLACE_BEFORE = re.compile(r"\b(?:in|at|of|near|from|across|outside|inside|(?-i:[A-Z])\S*)\s+$",
                           re.IGNORECASE)
""""two in Monroe County and one in ...": a name after a preposition is a place's."""


def one_before_others(text: str, counts: list[Count]) -> list[Count]:
    """The counts, where a figure of "other" dead or injured follows one person joined by
    "and", with that person counted too (the figure tells the others only)."""
    found = []
    for count in counts:
        before = _ONE_BEFORE_OTHERS.search(text, max(0, count.start - 80), count.start)
        if (count.more and count.noun in ("dead", "injured") and before is not None
                and _FIGURE_FIRST.match(text, count.start)
                and not _NOT_A_PERSON.match(before.group(0))
                and not _PLACE_BEFORE.search(text, max(0, before.start() - 30), before.start())):
            count = Count(before.start(), count.end, text[before.start() : count.end],
                          count.value + 1, count.noun, count.qualifier, update=count.update)
        found.append(count)
    return found


def _one_more_after(text: str, counts: list[Count]) -> list[Count]:
    found = []
    for count in counts:
        match = _AND_ONE_MORE.match(text, count.end)
        if match is not None:
            what = match.group("what").lower()
            noun = "injured" if what in _HURT_WORDS else "dead"
            found.append(Count(match.start("who"), match.end(), match.group("who"), 1, noun))
    return found


_NONE_HARMED = re.compile(
    r"\b(?:no\s+(?:one|body|people|persons?|(?:other\s+)?casualties|injuries|deaths|"
    r"fatalities)(?:\s+(?:was|were|had\s+been|has\s+been|have\s+been))?\s+"
    r"(?:(?:immediately\s+)?reported\s+)?(?P<what>killed|injured|hurt|wounded|harmed|reported)"
    r"|nobody\s+(?:was|were|had\s+been|has\s+been)\s+(?P<what2>killed|injured|hurt|wounded|harmed)"
    r"|(?:with|causing|leaving|resulting\s+in|there\s+(?:were|was|have\s+been))\s+no\s+"
    r"(?P<what3>casualties|injuries|deaths|fatalities)\b(?!\s+(?:reported\s+)?(?:so\s+far|yet)))",
    re.IGNORECASE,
)
""""No one was injured", "no injuries were reported", "with no casualties", "causing no
injuries", "There were no injuries": a toll of none (not "no immediate reports of
casualties", which says nothing is known yet)."""
_NONE_NOUNS = {"killed": ("dead",), "deaths": ("dead",), "fatalities": ("dead",),
               "injured": ("injured",), "hurt": ("injured",), "wounded": ("injured",),
               "injuries": ("injured",), "harmed": ("dead", "injured"),
               "casualties": ("dead", "injured"), "reported": ("dead", "injured")}  # fmt: skip


def none_harmed(text: str) -> list[Count]:
    """Tolls of none the text states, each a Count of 0 dead or injured (read by
    incident records only: a statement of none is no event of its own)."""
    found = []
    for match in _NONE_HARMED.finditer(text):
        words = match.group(0).lower()
        what = (match.group("what") or match.group("what2") or match.group("what3")).lower()
        if what == "reported":  # "no injuries were reported": what there was none of
            what = next((w for w in ("injuries", "deaths", "fatalities") if w in words),
                        "casualties")
        found.extend(Count(match.start(), match.end(), match.group(0), 0, noun)
                     for noun in _NONE_NOUNS[what])
    return found


def victims_without_a_figure(text: str, counts: list[Count]) -> list[Count]:
    """Victims written without a figure, where no stated figure already covers them."""
    found = _one_more_after(text, counts)
    taken = [(c.start, c.end) for c in [*counts, *found]]
    victims = (_ONE_AND_THEIR_N.finditer(text), _ONE_AND_KIN.finditer(text),
               _ONE_VICTIM.finditer(text), _DEATH_OF.finditer(text),
               _KILLED_ONE.finditer(text), _NAMED_VICTIM.finditer(text),
               _ONE_BODY.finditer(text), _NAMED_AGED.finditer(text), _KILLING_OF.finditer(text),
               _LEFT_ONE.finditer(text), _KIN_VICTIM.finditer(text),
               _KILLED_NAMED.finditer(text))  # fmt: skip
    for match in non_overlapping(victims):
        if overlaps(taken, match.start(), match.end()):
            continue
        if match.re is _KILLED_NAMED and not (
                match.group("age") or match.group("first") in lexicon().first_names):
            continue
        verb = "what" if match.groupdict().get("what") else "passive"
        if match.groupdict().get(verb) and _NEGATED.search(
                text, max(0, match.start(verb) - 24), match.start(verb)):
            continue
        taken.append((match.start(), match.end()))
        what = (match.groupdict().get("what") or match.groupdict().get("passive") or "died").lower()
        noun = "injured" if what in _HURT_WORDS else _noun(what)
        value = 2 if match.re is _ONE_AND_KIN else 1
        if match.re is _ONE_AND_THEIR_N:
            value = 1 + int(number_value(match.group("n")) or 0)
        also = _ALSO.search(match.group(0)) is not None  # "a child also was killed": one more
        found.append(Count(match.start(), match.end(), match.group(0), value, noun, more=also))
    for match in _ONE_TAKEN.finditer(text):
        if not overlaps(taken, match.start(), match.end()):
            what = (match.group("what") or match.group("active")).lower()
            found.append(Count(match.start(), match.end(), match.group(0), 1, _TAKEN[what]))
    return found
