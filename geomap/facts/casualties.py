"""The words around a figure that say what it counts of an event's victims: "were killed",
"sustained gunshot wounds", "killing", "the death toll rose to" (dead, injured, missing,
rescued, displaced), and whether the toll is said to have changed.  Read by
:func:`geomap.facts.counts.find_counts` once it has found a figure."""

from __future__ import annotations

import re

from geomap.facts.numbers import QUALIFIER

__all__ = ["ACTIVE_OBJECT_AFTER", "casualty"]

_CASUALTY_AFTER = re.compile(
    r"\s+(?:(?:were|was|have|has|had|been|are|is|being|reportedly|reported|confirmed|feared|"
    r"later|also|all|subsequently|now|found|remain|remained|remains|still|who|"
    r"seriously|critically|gravely|severely|badly|slightly|lightly|mildly|moderately|"
    r"(?:said|believed|thought|known|reported|feared|understood)"
    r"\s+to(?:\s+have)?(?:\s+been)?)\s+){0,3}(?P<what>killed|dead|died|injured|"
    r"wounded|hurt|"
    r"missing|rescued|displaced|evacuated|arrested|detained|rounded\s+up|abducted|kidnapped|"
    r"affected|escaped(?!\s+with\s+(?:[\w-]+\s+)?(?:injuries|wounds|burns))|managed\s+to\s+(?:escape|get\s+out|flee|swim\s+(?:to\s+)?(?:shore|safety))|"
    r"stranded|trapped|(?:made|left)\s+homeless|forced\s+(?:\w+\s+){0,2}?from\s+their\s+homes|"
    r"(?:forced\s+to\s+|had\s+to\s+)?(?:take|took|taken|seek|sought)\s+(?:refuge|shelter)|"
    r"(?:forced\s+to\s+|had\s+to\s+)?(?:leave|left|flee|fled|abandon(?:ed)?)\s+their\s+homes|"
    r"unaccounted\s+for|untraceable|untraced|"
    r"fatally\s+(?:shot|stabbed|wounded|injured)|shot\s+dead|shot\s+to\s+death|shot\s+and\s+killed|"
    r"gunned\s+down|stabbed\s+to\s+death|(?:burned|burnt)\s+(?:to\s+death|alive)|drowned|perished|massacred|martyred|"
    r"slaughtered|executed|murdered|slain|beheaded|"
    r"lost\s+their\s+lives|hospitali[sz]ed|taken\s+to\s+(?:a\s+|the\s+)?hospitals?|"
    r"(?:taken|moved|relocated)\s+to\s+(?:[\w-]+\s+)?(?:shelters?|relief\s+camps?|camps|safety|"
    r"safer\s+(?:places|ground|areas))|"
    r"treated\s+(?:in\s+hospital\s+)?for\s+(?:\w+\s+)?(?:injuries|wounds)|"
    r"treated\s+(?:at|in)\s+(?:a\s+|the\s+|local\s+|nearby\s+|two\s+){0,2}(?:hospitals?|"
    r"clinics?|health\s+(?:cent(?:re|er)s?|facilities)|medical\s+facilities)|"
    r"(?:taken|admitted)\s+for\s+(?:medical\s+)?treatment|receiving\s+(?:medical\s+)?treatment|"
    r"(?:admitted|rushed)\s+to\s+(?:a\s+|the\s+|local\s+|nearby\s+){0,2}hospitals?|"
    r"(?:admitted|rushed|taken)\s+to\s+(?:the\s+)?(?-i:(?:[A-Z][\w'\u2019.-]*\s+){1,4}"
    r"(?:Hospital|Medical\s+Cent(?:er|re)|Clinic|Infirmary))|"
    r"(?:sustained|sustaining|suffering(?:\s+from)?|suffered|received|receiving|reported|had)"
    r"\s+(?:[\w-]+\s+){0,4}?(?:injuries|wounds|burns))\b",
    re.IGNORECASE,
)
_APPOSITION = re.compile(
    r"(?:\s*,\s*(?:both\s+|all\s+)?aged\s+(?:[\w-]+(?:\s*,\s*|\s+(?:and|or|to)\s+)){1,6}"
    r"[\w-]+\s*,|"  # ages listed
    r"\s*,\s*(?:including|consisting\s+of|comprising|among\s+(?:them|whom))\b"
    r"[^.;\n]{0,100}?,(?=\s+(?:were|was|had|have|died|perished|drowned)\b)|"  # a list
    r"\s*(?:,\s*)?(?:including|consisting\s+of|comprising|among\s+(?:them|whom)|"
    r"(?:most|many|some|several|all|two|"
    r"three|four|five)\s+of\s+(?:them|whom)|mostly|mainly|(?:both\s+|all\s+)?aged)\b"
    r"[^,.;]{0,80}?(?:,|(?=\s+(?:were|was|had|have)\s))|[^\S\n]*\([^()\n]{1,60}\))",
    re.IGNORECASE,
)
""""10 other people, including two children, were wounded", "Two firefighters, aged 41
and 36, were hurt", "three girls, aged six, seven and nine, were killed", "41 people
(mostly students) were killed", "five people, consisting of three coast guards and a
child, were killed": the aside between a figure and its verb."""
_PHRASE_WORD = r"(?!(?:and|or|but|while|as|when|who|which|that)\b)[\w'\u2019-]+"
_ONE_PHRASE = (
    r"[^\S\n]+(?:from|of|in|on|at|inside|aboard|belonging\s+to)[^\S\n]+"
    r"(?:(?:the|a|an|one|same|their|his|her)[^\S\n]+)?"
    rf"{_PHRASE_WORD}(?:[^\S\n]+{_PHRASE_WORD}){{0,3}}?"
)
_PHRASE = rf"(?:[^\S\n]+{_PHRASE_WORD})?(?:{_ONE_PHRASE}){{1,2}}"
_GROUP = r"[^\S\n]+(?-i:[A-Z][a-z]+s)\b"
""""Two Palestinians", "three Marines": people named by their nation or group, a
capitalised plural no lexicon of nouns can list."""
_RELATIVE_DID = (
    r"[^\S\n]+(?:who|that)[^\S\n]+(?:had[^\S\n]+|have[^\S\n]+)?(?!(?:were|was|had|have|been)\b)"
    r"[\w'\u2019-]+(?:[^\S\n]+[\w'\u2019-]+){0,5}?(?=[^\S\n]+(?:were|was|have|had|are)[^\S\n])"
)
""""Eleven workers who had hid in the jungle were rescued": a short relative clause
that tells what they did, before the verb that tells what befell them."""
_RELATIVE_DOING = (
    r"[^\S\n]*,?[^\S\n]+(?:who|that)[^\S\n]+(?:were|was|had|have)[^\S\n]+(?:been[^\S\n]+)?"
    r"[a-z]+ing(?:[^\S\n]+[\w'\u2019-]+){0,5}?,?(?=[^\S\n]+(?:were|was|had|have)\s)"
)
""""Two members of the security forces who were returning fire were wounded": what they
were doing when it happened, between the people and their verb."""
_RELATIVE_ASIDE = (
    r"[^\S\n]*,[^\S\n]*(?:who|whom)[^\S\n]+[^,.;()\n]{1,70},(?=[^\S\n]+(?:were|was|had|have)\s)"
)
""""sixteen civilians, who were volunteer auxiliaries supporting the army, were killed":
who they were, set between commas before the verb."""
_AND_KIN = r"(?:[^\S\n]+and[^\S\n]+(?:children|women|men|girls|boys|infants|babies|elderly))?"
""""five women and children were injured": the figure counts the women, and the verb
after the children tells what befell them."""
_CASUALTY_AFTER_ASIDE = re.compile(
    rf"(?:{_GROUP})?{_AND_KIN}(?:{_PHRASE})?(?:{_RELATIVE_DOING}|{_RELATIVE_DID}|{_RELATIVE_ASIDE})?"
    rf"(?:{_APPOSITION.pattern})?{_CASUALTY_AFTER.pattern}",
    re.IGNORECASE,
)
""""five civilians from one family, including two young girls, were killed", "20 people
on the bus died", "46 women inmates at a prison in Tamara town were slaughtered": a word
and up to two short phrases saying who and where they were, what they were doing, and an
aside, may stand between a figure and its verb."""
_CASUALTY_BEFORE = re.compile(
    rf"(?:\b(?P<kill>killed|killing|kills|kill|shot\s+dead|shot\s+to\s+death|shot\s+and\s+killed|"
    rf"gunned\s+down|"
    rf"fatally\s+(?:shot|shooting|stabbed|stabbing|wounded|wounding)|"
    rf"murdered|murdering|beheaded|beheading|massacred|martyred|slaughtered|slaughtering|executed|"
    rf"claimed|claiming|"
    rf"(?:claimed|claiming|took|taking|cost|costing)\s+(?:the\s+)?lives\s+of|"
    rf"\bthe\s+deaths?\s+of|"
    rf"(?:the\s+)?(?:dead\s+)?bodies\s+of|(?:murders?|killings?|massacre|slaying)\s+of)|"
    rf"\b(?P<hurt>injured|injuring|injures|wounded|wounding|(?:injuries|wounds)\s+to)|"
    rf"\b(?P<affect>evacuat(?:ed|ing)|arrest(?:ed|ing)|detain(?:ed|ing)|abduct(?:ed|ing)|"
    rf"kidnapp(?:ed|ing)|displac(?:ed|ing)|rescu(?:ed|ing)|affect(?:ed|ing)|forc(?:ed|ing)|"
    rf"uproot(?:ed|ing)|buri(?:ed|ing))|"
    rf"\b(?P<toll>(?:death\s+)?toll)\b(?P<change>[^.;]{{0,160}}?\b(?:rose|risen|rises|climbed|"
    rf"climbs|increased|jumped|reached|hit|stood|stands|now|up))?[^.;]{{0,40}}?"
    rf"\b(?:(?:to|at|of)(?:\s+be)?(?:\s+between)?|(?:is|was|stands|stood)\s+between|"
    rf"(?:varies|varied|vary|ranges|ranged|ranging)\s+(?:between|from))|"
    rf"(?P<bring>(?<!had\s)(?:taking|took|takes|bringing|brought|brings|pushing|pushed|raising|raised)\s+"
    rf"(?:the\s+)?(?:[\w-]+\s+){{0,2}}?(?:death\s+)?toll\b[^.;]{{0,120}}?\bto)"
    rf")\s+(?:all\s+(?:of\s+)?(?:the\s+)?|a\s+(?:total\s+of|combined)\s+)?"
    rf"(?:{QUALIFIER}\s+)?$",
    re.IGNORECASE,
)
""""killed 40", "the death toll rose to 40", "killed a total of 158 people", "injuring a
combined 30": the verb or toll before a figure, with what may stand between them."""
_CASUALTY_WORDS = {
    "killed": "dead",
    "dead": "dead",
    "died": "dead",
    "injured": "injured",
    "wounded": "injured",
    "hurt": "injured",
    "missing": "missing",
    "drowned": "dead",
    "perished": "dead",
    "rescued": "rescued",
    "escaped": "rescued",  # survivors who got out of the mine, the wreck, the fire
    "managed": "rescued",  # managed to escape, to get out
    "displaced": "displaced",
    "evacuated": "evacuated",
    "arrested": "arrested",
    "detained": "arrested",
    "rounded": "arrested",  # rounded up
    "abducted": "abducted",
    "kidnapped": "abducted",
    "affected": "affected",
    "stranded": "affected",
    "trapped": "affected",
    "made": "affected",  # made homeless
    "left": "affected",  # left homeless
    "forced": "displaced",  # forced from their homes, forced to take refuge
    "had": "displaced",  # had to leave their homes
    "take": "displaced",  # take refuge, take shelter
    "took": "displaced",
    "seek": "displaced",
    "sought": "displaced",
    "leave": "displaced",
    "flee": "displaced",
    "fled": "displaced",
    "abandon": "displaced",
    "abandoned": "displaced",
    "unaccounted": "missing",
    "untraceable": "missing",  # "four members of one family were untraceable"
    "untraced": "missing",
}
"""The first word after a figure -> what it counts of the victims; the people an event
displaced, evacuated, arrested, abducted or left homeless are its people affected."""
_AFFECT_BEFORE = {"evacuat": "evacuated", "arrest": "arrested", "detain": "arrested",
                  "abduct": "abducted", "kidnapp": "abducted", "displac": "displaced",
                  "rescu": "rescued", "affect": "affected", "forc": "displaced",
                  "uproot": "displaced", "buri": "missing"}  # fmt: skip
"""A verb before a figure ("evacuated 10,303 people", "forcing 2,000 from their homes")
-> what the figure counts.  A landslide that "buried 44 people" has not yet killed them:
they are missing until the report counts the dead."""


def _casualty_word(what: str) -> str:
    """The casualty a verb phrase after a figure reports: "were fatally shot" is a death,
    "were taken to hospital", "were being treated at a hospital" and "sustained gunshot
    wounds" are injuries, "have been taken to shelters" an evacuation."""
    words = what.lower().split()
    if words[0] in {"taken", "moved", "relocated"} and not {"hospital", "treatment"} & {
            w.rstrip("s") for w in words}:
        return "evacuated"
    if words[0] in _CASUALTY_WORDS:
        return _CASUALTY_WORDS[words[0]]
    if words[0] in {"fatally", "shot", "gunned", "stabbed", "burned", "burnt", "lost", "massacred",
                    "martyred", "slaughtered", "executed", "murdered", "slain", "beheaded"}:
        return "dead"
    return "injured"


_ESCAPED = re.compile(r"escaped|managed", re.IGNORECASE)
_PERPETRATORS = re.compile(
    r"\b(?:attackers?|assailants?|gunm[ae]n|militants?|suspects?|robbers?|kidnappers?|"
    r"abductors?|bandits?|insurgents?|terrorists?|perpetrators?|culprits?)\b", re.IGNORECASE)
"""Who did it: their escape makes no survivors of the event."""
_NOW = re.compile(r"\bnow\b", re.IGNORECASE)
_EARLIER_TOLL = re.compile(
    r"\b(?:(?:preliminary|initial|earlier|previous|provisional)\s+(?:(?:death|casualty)\s+)?"
    r"(?:toll|count|figure)|earlier\s+(?:said|reported|put|gave|told)\b[^.;]*)",
    re.IGNORECASE,
)
""""the spokesman earlier said the preliminary death toll stood at 20": a figure told
before the story's own, not the latest update of it (unless it says the toll rose)."""
_RISEN = re.compile(r"\b(?:rose|risen|rises|climbed|climbs|increased|jumped|reached|hit)\b",
                    re.IGNORECASE)
_AND_HURT = re.compile(r"\s+(?:and|or)\s+(?:injured|wounded|hurt)\b", re.IGNORECASE)
""""Eight civilians ... were killed and injured": one figure over the dead and the hurt,
neither a death toll nor a count of the injured."""
ACTIVE_OBJECT_AFTER = re.compile(
    rf"\s+(?:(?:{QUALIFIER})\s+)?(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|dozens|scores|hundreds|thousands|several|many|an?|the|their|his|her)\b)",
    re.IGNORECASE,
)
""""killed five people", "wounded a policeman": an active verb with its victims after
it, so the figure before it counts who did it."""


_INTRANSITIVE = re.compile(r"(?:died|dead|lost|drowned|perished|missing)\b", re.IGNORECASE)
""""nine people lost their lives over the last 48 hours": words that take no object, so
what follows them is no one they did it to."""


_TO_DEATH = re.compile(r"[^\S\n]+to[^\S\n]+death\b", re.IGNORECASE)
_KILLED_HOW = re.compile(
    rf"\b(?:stabb(?:ed|ing)|stabs|beat(?:en|ing|s)?|hack(?:ed|ing|s)|burn(?:ed|t|ing|s)|"
    rf"bludgeon(?:ed|ing|s)|club(?:bed|bing|s)|crush(?:ed|ing|es)|trampl(?:ed|ing|es)|"
    rf"shot|shoot(?:ing|s)|ston(?:ed|ing|es)|tortur(?:ed|ing|es)|maul(?:ed|ing|s)|"
    rf"starv(?:ed|ing|es)|strangl(?:ed|ing|es))\s+(?:{QUALIFIER}\s+)?$",
    re.IGNORECASE,
)
""""a man stabbed 11 students to death", "beat two villagers to death": the figure is the
object of a verb that "to death" after it makes a killing."""


def casualty(text: str, start: int, end: int) -> tuple[str | None, int, int, bool]:
    """(what the figure counts of the victims: "dead", "injured", "missing", "displaced"...
    or None; start, end, update): the span grows to the verb; ``update`` when a toll is said
    to have changed ("the death toll rose to 20")."""
    if (death := _TO_DEATH.match(text, end)) is not None and (
            how := _KILLED_HOW.search(text, max(0, start - 40), start)) is not None:
        return "dead", how.start(), death.end(), False
    after = _CASUALTY_AFTER_ASIDE.match(text, end)
    if (after is not None and not _INTRANSITIVE.match(after.group("what"))
            and ACTIVE_OBJECT_AFTER.match(text, after.end())):
        after = None  # "two communities killed five people": the figure did the killing
    if after is not None:
        # "Some 45 are now confirmed dead", after 200 "feared to have died": the toll now
        now = _NOW.search(text, end, after.start("what")) is not None
        word = _casualty_word(after.group("what"))
        if _ESCAPED.match(after.group("what")) and _PERPETRATORS.search(
                text, start, after.start("what")):
            return None, start, end, False  # "two of the attackers escaped": not victims
        both = _AND_HURT.match(text, after.end()) if word == "dead" else None
        if both is not None and not ACTIVE_OBJECT_AFTER.match(text, both.end()):
            # not "left 59 people dead and injured 157 others": that verb has a toll of its own
            return "casualty", start, both.end(), now  # the dead and the hurt together
        return word, start, after.end(), now
    before = _CASUALTY_BEFORE.search(text, max(0, start - 240), start)
    if before is not None:
        if before.group("affect"):
            verb = before.group("affect").lower()
            kind = next(v for k, v in _AFFECT_BEFORE.items() if verb.startswith(k))
            return kind, before.start(), end, False
        kind = "injured" if before.group("hurt") else "dead"
        earlier = (_EARLIER_TOLL.search(text, max(0, before.start() - 60), before.end())
                   if not _RISEN.search(before.group(0)) else None)
        return kind, before.start(), end, bool(before.group("change") or before.group("bring")
                                               ) and earlier is None
    return None, start, end, False
