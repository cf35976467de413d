"""Whether a clause says its event happened: the cue words of the event-type table
(:mod:`geomap.event_types`) passed over when negated, warned of, planned, likened, a
topic someone follows, a state of affairs, a habit, a trend or a tally of many events
(rules as data: each pattern is one way news says that nothing happened here)."""

from __future__ import annotations

import re

from geomap.event_types import TypeHit, classify

__all__ = ["DAY", "attacks_since", "happened", "ranks_an_event", "tally_over_months"]

_NOT_HAPPENED = re.compile(
    r"\b(?:will|would|could|might|shall|plans?\s+to|planning\s+to|threaten(?:s|ed)?\s+to|"
    r"vow(?:s|ed)?\s+to|promised|promises|intends?\s+to|expected\s+to|if|fears?\s+of|"
    # "they are more likely to be injured, arrested or recruited": who is at risk, no event
    r"(?:more|less|most|least|as)\s+likely\s+to|"
    # "admitted to having plotted to execute an employee and then attack a police
    # station", "expect to hear about it as the group holds a rally": a plot, a prospect
    r"plott(?:ed|ing)\s+to|plots?\s+to|planned\s+to|conspir(?:ed|ing)\s+to|"
    r"expect(?:s|ing)?\s+to|"
    r"(?<!the\s)(?<!\sa\s)feared(?!\s+(?:to\s+have|dead|killed|drowned|missing|trapped))|risk\s+of|threat\s+of|"
    r"danger\s+of|warn(?:ed|s|ing)?\s+(?:\w+\s+){0,3}?(?:of|about)|"
    r"possibility\s+of|prevent(?:ed)?|avert(?:ed)?|urg(?:e|es|ed|ing)\s+(?:[\w-]+\s+){1,6}?to|"
    r"(?:denied|denies|deny|dismissed|rejected)\s+(?:\w+\s+){0,2}?(?:reports?|claims?|rumou?rs?|"
    r"allegations?)(?:\s+that)?|"
    r"accus(?:ed|es|ing)\s+(?:[\w.'\u2019-]+\s+){0,4}?of\s+(?:\w+\s+)?(?:abuses|crimes|"
    r"atrocities|violations))\b"
)
_NEGATED_BEFORE = re.compile(
    r"\b(?:no|not|never|nor|without|neither)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)
""""no tsunami threat was expected", "did not cause a tsunami", "without casualties"."""
_SOUGHT_BEFORE = re.compile(
    r"\b(?:calls?|called|calling|appeals?|pleas?|demands?|demanded|demanding|urged|urging|"
    r"push(?:es|ed|ing)?|pressure|bid|hopes?|efforts?|talks|negotiations?|refused|rejected)\s+"
    r"(?:for|of|to\s+(?:agree|accept|consider|sign|reach)|on)?\s*(?:an?\s+|the\s+)?"
    r"(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
""""Despite mounting calls for a ceasefire", "talks on a truce": an event sought or
refused, not one that took place."""
_WARNING_AFTER = re.compile(
    r"^\W{0,3}(?:warnings?|alerts?|threats?|risks?|watch(?:es)?|drills?|exercises?|"
    r"preparedness|season|forecasts?|advisor(?:y|ies)|sirens?)\b",
    re.IGNORECASE,
)
""""a landslide warning", "tsunami alert", "flood watch": the event was not reported."""


_TOPIC_BEFORE = re.compile(
    r"\b(?:track|monitor|document|cover)(?:s|ed|ing)?\s+(?:the\s+|an?\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
""""a network of activists who are tracking the fighting", "monitors documenting air
strikes": what someone follows as a topic, not an incident the sentence reports."""
_ONGOING_BEFORE = re.compile(
    r"\b(?:continu(?:e|es|ed|ing)|keeps?|kept)\s+(?:to\s+)?(?:\w+\s+){0,2}$", re.IGNORECASE
)
_PERFECT_BEFORE = re.compile(
    r"\b(?:have|has)\s+(?:(?:also|long|repeatedly|often|frequently|regularly|\w+ly)\s+)?"
    r"(?:been\s+)?(?:(?:used|carried\s+out|conducted|launched|staged|mounted|waged)\s+)?$",
    re.IGNORECASE,
)
""""Al-Shabab have fought successive governments", "the Houthis have fired missiles into
Marib", "the gangs have been targeting schools": what has gone on, not an incident,
unless the clause gives harm or a day."""
DAY = re.compile(
    r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|today|overnight)\b", re.IGNORECASE
)
"""A day a clause names: what makes it one event rather than a state of affairs."""
_FIGURE = r"\b(?!(?:19|20)\d\d\b)\d"
"""A figure that is not a year."""
_HARM_OR_DAY = re.compile(
    rf"{_FIGURE}|\b(?:killed|killing|dead|died|deaths?|toll|wounded|injured|"
    rf"destroyed|damaged)\b|{DAY.pattern}",
    re.IGNORECASE,
)
""""factions continue to clash with the SDF", "continues to witness violence": a state of
affairs, no incident, unless the clause gives harm or a day ("continued to shell Kharkiv
on Monday, killing three")."""
_TALLY_BEFORE = re.compile(
    r"\b(?:(?:more\s+than|over|nearly|almost|about|some|at\s+least)\s+)?(?:(?<![\d.])\d[\d,]*|dozens|"
    r"scores|hundreds|thousands)\s+(?:of\s+)?(?!magnitude\b)(?:[\w-]+\s+)?(?:(?:have|has|had)\s+(?:now\s+|so\s+far\s+|"
    r"already\s+)?(?:been\s+)?)?$",
    re.IGNORECASE,
)
_TREND = re.compile(
    r"\b(?:ha(?:s|ve)\s+(?:\w+\s+)?(?:increased|risen|escalated|intensified|surged|grown|"
    # "attacks nationwide have fallen to levels of the war's early months": a trend too
    r"worsened|spiked|spread|declined|decreased|(?:fallen|dropped)\s+(?:to|by|sharply))|"
    r"(?:is|are)\s+on\s+the\s+rise|"
    # "clashes ... have been rising in recent months"
    r"(?:is|are|ha(?:s|ve)\s+been)\s+(?:\w+ly\s+)?(?:increasing|rising|escalating|"
    r"intensifying|surging|growing|worsening|mounting))\b",
    re.IGNORECASE,
)
_PLURAL = re.compile(r"(?:floods|landslides|attacks|strikes|clashes|raids|bombings|fires|"
                     r"wildfires|earthquakes|storms|explosions|shootings|killings)\b",
                     re.IGNORECASE)  # fmt: skip
_LONG_PERIOD = re.compile(
    r"\b(?:(?:in|over|during)\s+the\s+(?:last|past)\s+(?:\w+\s+)?(?:years?|months?)|"
    r"(?:last|this)\s+year|so\s+far\s+this|"
    r"since\s+(?:early\s+|late\s+|mid-?)?(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b(?!\s*\d)|"
    r"since\s+(?:the\s+)?(?:\w+\s+)?(?:\d{4}|coup|war|"
    r"invasion|start|beginning)|"
    r"since\s+(?:the\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:,?\s+\d{4})?\s+(?:[\w-]+\s+)?(?:attacks?|operation|offensive|war|invasion|incursion|"
    r"assault|massacre|raid)|during\s+the\s+(?:[\w-]+\s+){0,2}?(?:war|conflict|invasion)|"
    r"(?:the|this)\s+(?:[\w-]+\s+){0,2}?(?:war|conflict|crisis|insurgency)\s+(?:has|have)\s+"
    r"(?:\w+\s+)?(?:caused|killed|claimed|left|displaced)|"
    r"(?:thousands|tens\s+of\s+thousands|hundreds\s+of\s+thousands|millions)\s+(?:of\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:have|has)\s+(?:\w+\s+)?been\s+(?:killed|wounded|injured|displaced))\b",
    re.IGNORECASE,
)
""""carried out more than 300 air strikes in the last year", "The ongoing conflict has
caused more than 20,000 deaths", "Since the Oct. 7 attack, strikes have killed 12,300",
"thousands of people have been killed in its attacks":
a tally of many events over months, not an incident (the annotation guide's totals over a
war)."""
_SUPERLATIVE_BEFORE = re.compile(
    r"\b(?:worst|deadliest|biggest|largest|heaviest|strongest|bloodiest|most\s+[\w-]+|"
    r"(?:second|third|fourth|fifth|sixth)(?:\s+such)?)(?:\s+[\w'\u2019-]+){0,6}\s+$",
    re.IGNORECASE,
)
""""one of the region's worst disasters this year", "the deadliest attack this year",
"the third to hit the valley in the past year": the period ranks one event among others,
it counts none."""
_RANKING_PERIOD = re.compile(r"(?:in\s+)?(?:so\s+far\s+)?(?:this|(?:the\s+)?(?:last|past))\s+"
                             r"(?:year|month|decade|century)\b", re.IGNORECASE)  # fmt: skip
"""The periods a superlative ranks an event in ("the worst ... this year"), unlike a day
or month that dates it ("the most recent major earthquake occurred in November 2017")."""
_MONTH_BEFORE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$"
)
""""KABUL Aug 5 Heavy rains ...": a day of the month in a dateline, not a number of
events."""


def ranks_an_event(text: str, start: int) -> bool:
    """Whether the period at ``start`` ranks an event among others ("one of the worst
    disasters this year"): it neither counts events nor dates the one told."""
    return (_RANKING_PERIOD.match(text, start) is not None
            and _SUPERLATIVE_BEFORE.search(text, max(0, start - 60), start) is not None)


def _long_period(text: str) -> bool:
    """Whether ``text`` names a long period that a tally runs over ("floods killed 48
    people this year"), not one that ranks an event ("the worst floods this year")."""
    return any(not ranks_an_event(text, m.start()) for m in _LONG_PERIOD.finditer(text))


def _tally_before(clause: str, start: int) -> bool:
    """Whether a figure of events stands right before the cue at ``start`` ("more than
    300 air strikes"), not a date's day ("Aug 5 Heavy rains")."""
    found = _TALLY_BEFORE.search(clause, max(0, start - 45), start)
    return found is not None and not _MONTH_BEFORE.search(clause, max(0, found.start() - 12),
                                                           found.start())
_WAR_TOTAL = re.compile(
    r"\b(?:have|has)\s+(?:\w+\s+)?(?:been\s+(?:killed|wounded|injured|displaced)|died|"
    r"lost\s+their\s+lives)\s+(?:by|in)\s+(?:the\s+)?"
    r"(?:[\w'\u2019-]+\s+){0,3}?(?:war|conflict|campaign|insurgency|violence)\b"
    r"|\bthe\s+(?:war|conflict|fighting|violence|insurgency)\s+(?:has|have)\s+(?:\w+\s+)?"
    r"(?:resulted\s+in|led\s+to|caused|claimed|killed|left)\b",
    re.IGNORECASE,
)
""""As many as 900 civilians have been killed by the drone war", "Thousands ... have died
in the conflict to date", "over 10,000 ... have lost their lives in the violence", "the
conflict has resulted in more than 24,850 deaths": a war's running total, neither an
incident nor a toll of one."""
_MANY_EVENTS = re.compile(
    r"(?<![\w.,:/-])(?:[4-9]|[1-9]\d+|four|five|six|seven|eight|nine|ten|dozens|scores|"
    r"hundreds)\s+"
    r"(?:(?!(?:in|on|at|of|and|others|people|persons|civilians)\b)[\w-]+\s+){0,2}?"
    r"(?:attacks|strikes|air\s*strikes|raids|bombings|incidents|clashes|"
    r"explosions|shootings|killings)\b",
    re.IGNORECASE,
)
""""82 militant attacks", "more than 40 air strikes": a count of events is a statistic,
not one incident (two or three attacks are told one by one); not the day of a date
stamp ("2025-04-18 Air strikes ...")."""
_MONTH_BEFORE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$")


def _many_events(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` counts events (``_MANY_EVENTS``), not where the figure
    is the day of a date before the event's noun ("the Dec. 10 bombings in Istanbul",
    "the March 11 attacks"): one incident named by its day."""
    end = len(text) if end is None else end
    return any(_MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start()) is None
               for m in _MANY_EVENTS.finditer(text, start, end))


_DOCUMENTED = re.compile(
    r"\b(?:documented|recorded|registered|verified|counted|tallied|monitored)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:attacks|strikes|air\s*strikes|raids|bombings|incidents|clashes|"
    r"killings|abuses|violations)\b",
    re.IGNORECASE,
)
""""The UN in July alone documented deadly attacks by ADF rebels ... in Ituri, South Kivu and
North Kivu": a monitor's record of many events, not one incident."""
_ONE_WAVE = re.compile(
    r"\b(?:launched|carried\s+out|conducted|staged)\s+(?:(?:at\s+least|more\s+than|over|"
    r"about|around|some|nearly)\s+)?[\w-]+\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
""""Israel launched at least nine airstrikes on the southern suburbs of Beirut": a wave
of strikes an actor launched at one go is one event (ACLED's one event per place and
day), not a statistic ..."""
_SPREAD = re.compile(
    r"\b(?:across|throughout|since|per|daily|a\s+day|so\s+far|to\s+date|(?:this|last|past|"
    r"previous)\s+(?:\d+\s+)?(?:week|month|year)s?|over\s+the|in\s+the\s+(?:past|last)|"
    r"in\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|\d{4}))\b", re.IGNORECASE)
"""... unless they are spread over places or time ("launched 82 attacks across the
province", "carried out 40 strikes in July")."""
_HABITUAL = re.compile(
    r"\b(?:have|has)\s+been\s+(?:an?\s+)?(?:\w+\s+)?(?:feature|fixture|commonplace|common|"
    r"frequent|regular|routine|staple|occurrence)s?\b|"
    r"\b(?:has|have|had)\s+been\s+in\s+(?:place|effect|force)\b",
    re.IGNORECASE,
)
""""Drone strikes have been a persistent feature of the conflict": a kind of event in
general; "a ceasefire has been in place since 2020": a state of affairs. No incident."""
_KIND_OF = re.compile(
    r"\b(?:seasonal|annual|yearly|recurrent|recurring|perennial|periodic|frequent)\s+$",
    re.IGNORECASE,
)
""""challenges posed by dense bushes and seasonal flooding": a kind of event that comes
back, not one that happened."""
_GENERIC = re.compile(
    r"\b(?:who|which|they|where\s+they)\s+(?:\w+ly\s+|often\s+|also\s+)?(?:(?:raid|attack|"
    r"kill|abduct|kidnap|loot|burn|target|bomb|shell|strike|ambush|storm)s?"
    r"|have\s+(?:also\s+|long\s+|repeatedly\s+)?(?:raided|attacked|killed|abducted|kidnapped|"
    r"looted|burned|targeted|bombed|shelled|ambushed|stormed))\b",
    re.IGNORECASE,
)
_FREQUENTLY_BEFORE = re.compile(
    r"\b(?:regularly|routinely|frequently|often|constantly|repeatedly|daily|nightly)\s+"
    r"(?:\w+\s+){0,4}$",
    re.IGNORECASE,
)
""""the port city, now regularly shelled from the river's eastern bank", "gangs who
frequently carry out killings and kidnappings": a habit."""
_FOR_YEARS = re.compile(r"\bfor\s+(?:many\s+)?(?:years|decades|months|generations)\b",
                        re.IGNORECASE)  # fmt: skip
""""communities have for years been wracked by cattle rustling and kidnapping"."""
_FIGURE_OR_DAY = re.compile(rf"{_FIGURE}|{DAY.pattern}", re.IGNORECASE)
""""bandits, who raid villages, killing and abducting residents", "schools where they
abduct students", "they have targeted students and kidnapped them": what a group does or
has done, with no figure or day, is no incident."""
_SIMILE = re.compile(r"\b(?:like|as\s+if|as\s+though|resembling)\s+(?:an?\s+|the\s+)?$",
                    re.IGNORECASE)  # fmt: skip
"""A loud sound "like an earthquake" is no earthquake."""
_PART_BREAK = re.compile(r"[,;]\s+")
_CUES_PER_CLAUSE = 4
"""How many cues of one clause are tried before it is taken to state no incident."""

_ATTACKS_SINCE = re.compile(
    r"\b(?:have|has)\s+(?:now\s+|so\s+far\s+)?been\s+(?:killed|wounded|injured)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:in|by)\s+(?:[\w-]+\s+){0,3}?(?:attacks|strikes|air\s*strikes|"
    r"raids|bombings|clashes|bombardments)\b(?:,?\s+[\w-]+){0,8}?,?\s+(?:since|over\s+the\s+past)\b",
    re.IGNORECASE,
)
""""21 people have been killed in government attacks on the rebel enclave since
Saturday": the sum of several attacks over days, not the toll of the one the story
tells."""


_SERIES_SINCE = re.compile(
    r"\b(?:near-daily|daily|almost\s+daily|nearly\s+daily|nightly|weekly|regular|repeated|"
    r"relentless|constant|near-constant|incessant)\s+(?:[\w-]+\s+){0,2}?(?:attacks|strikes|"
    r"air\s*strikes|raids|bombings|shelling|bombardments?|drone\s+attacks)\b"
    r"(?:,?\s+[\w-]+){0,6}?,?\s+(?:since|for\s+(?:weeks|months|days|years)|over\s+the\s+past)\b",
    re.IGNORECASE,
)
""""Washington has hammered the Houthis with near-daily air strikes since March 15": a
series over weeks, not one incident."""
_ERUPTED_SINCE = re.compile(
    r"\b(?:protests|demonstrations|riots|clashes|attacks|strikes|raids)\s+have\s+(?:\w+\s+)?"
    r"(?:erupted|broken\s+out|taken\s+place|been\s+held|continued|spread|raged)\b"
    r"[^.;]{0,120}?\bsince\b",
    re.IGNORECASE,
)
""""Violent protests have erupted in major cities and towns since the commission announced
results on Oct. 24": events going on for weeks, not one incident."""


def tally_over_months(text: str) -> bool:
    """"Floods this year have already killed at least 823 people", "82 militant attacks
    took place in July, resulting in 215 fatalities", "21 have been killed in attacks
    since Saturday": a sentence that counts over a period or over many events, whose
    figures are no one incident's."""
    return _long_period(text) or _many_events(text) or any(
        p.search(text) is not None for p in (_ATTACKS_SINCE, _WAR_TOTAL, _SERIES_SINCE))


def attacks_since(text: str) -> bool:
    """Whether a clause sums several attacks since a day ("21 have been killed in
    government attacks on the enclave since Saturday"): neither an incident nor a toll."""
    return _ATTACKS_SINCE.search(text) is not None


def happened(clause: str, masked: str, original: str | None = None) -> tuple[TypeHit, int] | None:
    """The first cue in a clause that says something happened, and where its part of the
    clause starts: a cue that is a warning ("air raid sirens sounded in Lviv"), negated,
    a simile or a plan is passed over for the next one, as the clause may go on to the
    event ("..., and 12 people were killed when a missile struck Kharkiv"), whose part
    starts at the last comma before it. ``original`` is the clause before its references
    to other events were blanked ("301 have been killed since the war began": a tally)."""
    begin = 0
    written = original if original is not None else clause
    if (attacks_since(written) or _WAR_TOTAL.search(written) or _SERIES_SINCE.search(written)
            or _ERUPTED_SINCE.search(written) or _DOCUMENTED.search(written)):
        return None
    over_months = _long_period(written)
    for _ in range(_CUES_PER_CLAUSE):
        hit = classify(clause, sentence=masked)
        if hit is None or _NOT_HAPPENED.search(clause[: hit.start]) or _HABITUAL.search(clause):
            return None
        if (_GENERIC.search(clause) or _FOR_YEARS.search(clause)) and not _FIGURE_OR_DAY.search(
            clause
        ):
            return None
        if _TREND.search(clause) and not _HARM_OR_DAY.search(clause):
            return None  # "violence has increased elsewhere, with bombings and killings"
        if over_months and (
            _tally_before(clause, hit.start)
            or (_PLURAL.search(clause, hit.start, hit.end) and not DAY.search(clause))
        ):
            return None  # "more than 300 air strikes in the last year", "floods killed 48
            # people this year": tallies of many events, not an incident
        if _many_events(clause, max(0, hit.start - 30), hit.end + 2) and not (
                _ONE_WAVE.search(clause, max(0, hit.start - 60), hit.start)
                and not _SPREAD.search(clause)):
            return None  # "82 militant attacks ... killing 215": statistics of many events
        if hit.start >= begin and not (
            _SIMILE.search(clause, max(0, hit.start - 12), hit.start)
            or _KIND_OF.search(clause, max(0, hit.start - 24), hit.start)
            or _NEGATED_BEFORE.search(clause, max(0, hit.start - 30), hit.start)
            or _SOUGHT_BEFORE.search(clause, max(0, hit.start - 40), hit.start)
            or _TOPIC_BEFORE.search(clause, max(0, hit.start - 30), hit.start)
            or (_ONGOING_BEFORE.search(clause, max(0, hit.start - 40), hit.start)
                and not _HARM_OR_DAY.search(clause))
            or (_PERFECT_BEFORE.search(clause, max(0, hit.start - 30), hit.start)
                and not _HARM_OR_DAY.search(clause))
            or (_FREQUENTLY_BEFORE.search(clause, max(0, hit.start - 60), hit.start)
                and not _FIGURE_OR_DAY.search(clause))
            or _WARNING_AFTER.match(clause[hit.end : hit.end + 24])
        ):
            if begin:
                breaks = [m.end() for m in _PART_BREAK.finditer(clause, begin, hit.start)]
                begin = breaks[-1] if breaks else begin
            return hit, begin
        begin = max(begin, hit.end)
        clause = clause[: hit.start] + " " * (hit.end - hit.start) + clause[hit.end :]
    return None
