"""Wording that points from a sentence to another event than its own: "since the war
began", "a day after rebels killed scores", "in a separate incident", "the strike came only
days after ...", "was followed by", "Following protests in X, ...".  The incident stages
blank such references before typing, dating and counting a sentence, or read from them that
the sentence's event is a new one (:mod:`geomap.incidents.triggers`)."""

from __future__ import annotations

import re

from geomap.event_types import FAMILIES, TypeHit, classify

__all__ = [
    "ANOTHER_PLACE",
    "ATTRIBUTION",
    "FOLLOWED_BY",
    "FRONTED_CAUSE",
    "OTHER_EARLIER",
    "REFERENCE_SINCE",
    "SEPARATE",
    "SEVERAL_EVENTS",
    "SOON_AFTER_THE",
    "days_before",
    "earlier_at_same_place",
    "toll_of_another",
    "without_references",
]

_SOON_AFTER_THE_WORDS = (
    r"\b(?:hours|minutes|shortly|soon|moments)\s+after\s+(?:the|this|that)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:shelling|attacks?|strikes?|bombings?|blasts?|explosions?|raids?|"
    r"massacre|killings?|quake|earthquake|floods?|flooding|crash|fire|storm)\b"
)
SOON_AFTER_THE = re.compile(
    _SOON_AFTER_THE_WORDS
    + r"|^\W*(?:(?:just|only|some|a\s+few|several)\s+)?(?:hours|minutes|moments)\s+later\b"
    r"|\blater\s+(?:that|the\s+same)\s+(?:day|morning|afternoon|evening)\b",
    re.IGNORECASE,
)
""""Hours after the shelling, dozens staged a protest", "Hours later, a drone downed a
helicopter": the day of the incident told before."""
ATTRIBUTION = re.compile(
    r",\s+(?:[A-Za-z'\u2019.-]+\s+){1,8}?(?:said|says|added|told\s+[A-Z][\w.]*)\s*[.!]?"
    r"[\"\u201d\u2019]?\s*$"
)
"""Who said it, closing a sentence (", a village vigilante group member said."): its
words tell the speaker, not the event ("vigilante" is no mob, "fire department" no fire)."""

REFERENCE_SINCE = re.compile(
    r"\bsince\s+(?:the\s+|an?\s+)?(?:[\w'\u2019-]+\s+){0,5}?(?:(?:invasion|war|conflict|"
    r"fighting|offensive|crisis|pandemic|earthquake|quake|tsunami|flood(?:ing|s)?|hurricane|"
    r"cyclone|typhoon|storm|disaster|attack|bombing|massacre|genocide|coup|uprising)"
    r"(?:\s+(?:began|started|broke\s+out|erupted))?|began|started|broke\s+out|erupted|invaded)\b"
    r"(?:\s+(?:in|of)\s+(?:\w+\s+)?\d{4})?(?:\s+(?:left|killed|claimed)\s+(?:[^,;.]|[,.](?=\d)){0,80})?"
    r"|(?<=,)\s*(?:just\s+|only\s+)?(?:a|one|two|three|four|five|six|\d+)\s+(?:days?|weeks?)\s+"
    r"(?:after|before)\s+(?:[^;.]|\.(?=\d)){0,160}"
    rf"|{_SOON_AFTER_THE_WORDS}",
    re.IGNORECASE,
)
"""A reference to another event: "since the war began in 2022", "the worst since a
catastrophic earthquake in 2010 left more than 400 dead", "..., a day after rebels killed
scores of troops in Chad" (told on its own later, if at all), "hours after the shelling"
(the one told): blanked before typing, dating and counting a sentence."""


def without_references(text: str) -> str:
    """``text`` with its references to other events (:data:`REFERENCE_SINCE`) blanked by
    spaces, so that offsets into it are offsets into ``text``."""
    return REFERENCE_SINCE.sub(lambda m: " " * len(m.group(0)), text)
SEPARATE = re.compile(
    r"^\W*(?:in\s+an?\s+(?:separate|other|unrelated|second|third|fourth|fifth)\s+(?:incident|"
    r"attack|development)|"
    r"separately|elsewhere|in\s+another\s+(?:incident|attack|development)|also\s+(?:on|in|at)(?=\s+(?-i:[A-Z]))|"
    r"in\s+(?:apparent\s+)?(?:response|retaliation|revenge|reprisal)(?=\s*,)|"
    r"(?:(?:just|only|barely)\s+)?(?:a|one|two|three|four|five|six|\d+|several|a\s+few)\s+"
    r"(?:days?|weeks?)\s+(?:earlier|later|before)|"
    r"(?:hours|minutes|moments|shortly|just|(?:a|one|two|three|several|a\s+few)\s+hours?)\s+"
    r"(?:before|after)\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,4}?(?:was|were|had\s+been)\s+"
    r"(?:targeted|attacked|hit|struck|ambushed|bombed|shelled)|"
    r"(?:on\s+)?the\s+(?:previous|next|following)\s+day|"
    r"on\s+the\s+day\s+(?:before|after|(?=(?-i:[A-Z])))|"
    r"(?:in\s+)?the\s+(?:latest|most\s+recent)(?:\s+such)?\s+(?:[\w-]+\s+)?(?:attack|incident|"
    r"strike|killing|flood|landslide|blast|explosion|earthquake|quake|raid|ambush))\b",
    re.IGNORECASE,
)
""""In a separate incident, six people were killed in Afgoye", "Also on Thursday morning,
troops torched 30 houses", "Two days earlier, shelling of X killed nine", "On the day Assad
took the oath, attacks on ...", "Hours before the Iraqi army was targeted, rockets landed
near Prde", "In retaliation, youths killed three herders": a new incident (a reprisal is
the other side's event)."""


ANOTHER_PLACE = re.compile(
    r"\b(?:in|at|near)\s+(?:a|another)\s+(?:nearby\s+)?(?:village|town|hamlet|settlement|"
    r"camp|market|district)\s+(?:about\s+|some\s+|roughly\s+|around\s+)?\d+\s*"
    r"(?:km|kilomet(?:er|re)s?|miles?)\s+(?:away|from)\b",
    re.IGNORECASE,
)
OTHER_EARLIER = re.compile(
    r"\b(?:(?:came|comes|follow(?:s|ed)?)\s+(?:only\s+|just\s+)?"
    r"(?:(?:a\s+few|several|a|one|two|three|four|five|\d+)\s+)?(?:hours?|days?|weeks?)\s+after"
    r"|(?:came|comes|follow(?:s|ed)?)\s+(?:\w+\s+){0,3}?(?:another|an\s+earlier|a\s+previous)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:incident|attack|strike|explosion|blast|bombing)[^.;]{0,40}?"
    r"\b(?:earlier|before|ago)\W+(?:when|as|in\s+which)"
    r"|(?:came|comes|follow(?:s|ed)?)(?=\s+(?:closely\s+)?(?:an?|the|(?:last|this)\s+\w+['\u2019]s|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day['\u2019]s)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:attack|strike|air\s*strike|explosion|blast|bombing|massacre|shooting|raid|ambush)"
    r"\s+(?:in|on|at|near|that|which|last)\b)"
    r"|(?:came|comes|follow(?:s|ed)?)\s+(?:closely\s+|hard\s+)?on\s+the\s+heels\s+of"
    r"|(?:referring|in\s+(?:a\s+)?reference)\s+to\s+(?:a|an|the|last\s+\w+['\u2019]s)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:shooting|incident|attack|strike|explosion|blast|bombing|massacre)"
    r"[^.;]{0,40}?\b(?:in\s+which|when|where))\s",
    re.IGNORECASE,
)
""""The strike came only a few days after the RSF struck a mosque", "the attack follows
another incident just hours earlier, when a drone exploded in X", "Wednesday's attack
follows a devastating truck bombing in Mogadishu on Dec. 28", "follows on the heels of
Typhoon Kalmaegi, which killed almost 200 people", "referring to a
shooting on Monday in which a gunman killed five bank employees": what follows is
another incident than the one the sentence starts from."""
_SAME_PLACE_WHERE = re.compile(
    r"\bsame\s+(?:[\w-]+\s+){0,2}?(?:neighbou?rhood|area|village|town|city|district|market|"
    r"street|road|place|site|spot|building|camp|school|hospital|mosque|church)\s+"
    r"(?:where|that|which|in\s+which)\s",
    re.IGNORECASE,
)
_EARLIER_TIME = re.compile(
    r"\b(?:earlier\s+(?:this|that|last)\s+(?:week|month|year)|last\s+(?:week|month|year)|"
    r"(?:days|weeks|months|years)\s+(?:earlier|ago|before)|previously|in\s+(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


SEVERAL_EVENTS = re.compile(
    r"\b(?:multiple|several|(?:two|three|four|five|\d+)\s+separate|separate|a\s+series\s+of|"
    r"a\s+spate\s+of|a\s+wave\s+of|a\s+pair\s+of|two|three|four|five)\s+"
    r"(?:(?!(?:in|on|at|by|of|and|after|from|people|were|was)\b)[\w-]+\s+){0,2}?"
    r"(?:attacks|strikes|air\s*strikes|raids|bombings|incidents|explosions|blasts|clashes|"
    r"shootings|ambushes)\b",
    re.IGNORECASE,
)
""""in multiple suspected militant attacks", "in two separate attacks", "a pair of drone
strikes", "two Russian strikes": several events."""
FOLLOWED_BY = re.compile(r"\b(?:was|were|had\s+been)\s+(?:then\s+|soon\s+)?followed\s+by\s",
                          re.IGNORECASE)  # fmt: skip
""""the shelling was followed by airstrikes": a later event told after an earlier one."""


def earlier_at_same_place(masked: str) -> re.Match[str] | None:
    """"Tuesday's missiles landed in the same neighbourhood where a drone attack hit a
    gas station earlier this month, killing 21": what follows is another, earlier
    incident at that place."""
    where = _SAME_PLACE_WHERE.search(masked)
    if where is None or not _EARLIER_TIME.search(masked, where.end()):
        return None
    return where



FRONTED_CAUSE = re.compile(
    r"^(?:Following|After|Amid|In\s+the\s+wake\s+of|In\s+response\s+to|Due\s+to|"
    r"Because\s+of)\s+[^,;]{3,80},\s",
)
""""Following tension and protests in Shopian, the authorities imposed a curfew": what
came before the main clause is its cause, another event than the one the clause tells."""


_GAP = re.compile(r"\b(?P<n>an?|one|two|three|four|five|six|seven|\d+)?\s*"
                  r"(?P<unit>hours?|days?|weeks?)\s+after\b", re.IGNORECASE)  # fmt: skip
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7}  # fmt: skip


def days_before(words: str) -> int | None:
    """How many days "came two days after", "hours after" or "a week after" puts
    between the story's incident and the one it names; None when unsaid ("several days
    after", "came after")."""
    found = _GAP.search(words)
    if found is None:
        return None
    unit = found.group("unit").lower()
    if unit.startswith("hour"):
        return 0
    n = found.group("n")
    if n is None:
        return None
    count = int(n) if n.isdigit() else _NUMBERS[n.lower()]
    return count * 7 if unit.startswith("week") else count


_TOLL_OF_A_NAMED_EVENT = re.compile(
    r"\b(?:a|an|the)\s+(?P<event>(?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:that|which)\s+"
    r"(?:had\s+|has\s+)?$", re.IGNORECASE)
""""... riots, which broke out as the town reeled from a knife attack that killed three
children": a toll a relative clause gives to the event it names."""


def toll_of_another(masked: str, offset: int, hit: TypeHit | None) -> bool:
    """Whether the count at ``offset`` is the toll of an event of another family the
    sentence names right before it ("a knife attack that killed three", in a riot's
    sentence), not of the sentence's incident."""
    named = _TOLL_OF_A_NAMED_EVENT.search(masked, max(0, offset - 60), offset)
    if hit is None or named is None:
        return False
    other = classify(named.group("event"))
    return (other is not None and not other.weak
            and FAMILIES.get(other.event_type) != FAMILIES.get(hit.event_type))
