"""A new sentence's incident read against the incidents told before it: the day it
shares with the latest ("Hours after the shelling, ..."), the days it came before it
("came a day after ..."), whether it is another event than the one before ("another
attack"), more history, a word of the story's own incident, or harm at a place of its
own."""

from __future__ import annotations

import datetime as dt
import re

from geomap.event_types import has_flag
from geomap.facts.counts import VAGUE_WORDS
from geomap.incidents.ground import distinct, same_ground
from geomap.incidents.merge import Drafts
from geomap.incidents.records import CASUALTIES
from geomap.incidents.sentences import Sentence
from geomap.incidents.triggers import EARLIER_FRAME, Draft

__all__ = [
    "another_than_before",
    "aside_told_on",
    "days_after_the_aside",
    "days_before_the_latest",
    "days_before_the_story",
    "goes_on_with_history",
    "harm_elsewhere",
    "on_the_day_of_the_latest",
    "says_nothing_of_its_own",
    "typed_as_the_story",
]

_FULL_STOP = re.compile(r"[.!?][\"'\u201d\u2019)]*\s*$")
"""A sentence's closing stop (a link to another story ends without one)."""


def on_the_day_of_the_latest(draft: Draft, drafts: Drafts) -> None:
    """"Hours after the shelling, dozens staged a protest": the day the latest dated
    incident happened."""
    dated = [d for d in drafts.all if d.dated and d.status == "new"]
    if dated:
        latest = max(dated, key=lambda d: d.sentences[-1])
        draft.first, draft.last, draft.dated = latest.first, latest.first, True


def days_before_the_latest(draft: Draft, drafts: Drafts) -> None:
    """"The attacks came a day after jihadists killed 92 soldiers at a base in Chad":
    the day before the latest dated incident's."""
    dated = [d for d in drafts.all if d.dated and d.status == "new" and not d.aside]
    if dated and draft.days_before is not None:
        latest = max(dated, key=lambda d: d.sentences[-1])
        if latest.first is not None:
            day = latest.first - dt.timedelta(days=draft.days_before)
            draft.first, draft.last, draft.dated = day, day, True


def days_before_the_story(draft: Draft, drafts: list[Draft]) -> bool:
    """"A car bomb has killed 13 soldiers" ... "It comes a week after 44 people were
    killed in Istanbul": an incident named in passing, undated when it was read because
    the story's own was too, is as many days before the story's incident as the sentence
    says, once that one is dated (the drafts are dated in the order they were told)."""
    if not draft.aside or draft.days_before is None or draft.dated:
        return False
    story = _story_of(draft, drafts)
    if story is None or story.first is None:
        return False
    gap = dt.timedelta(days=draft.days_before)
    draft.first = story.first - gap
    draft.last = (story.last or story.first) - gap
    draft.dated = True
    return True


def _story_of(aside: Draft, drafts: list[Draft]) -> Draft | None:
    """The story's incident an incident named in passing is set against ("It comes a week
    after ..."): the last one of the story's own told before it."""
    told = [d for d in drafts if d.status == "new" and not d.aside
            and min(d.sentences) < aside.sentence]
    return max(told, key=lambda d: min(d.sentences), default=None)


def days_after_the_aside(draft: Draft, drafts: list[Draft], published: dt.date | None) -> bool:
    """"A car bomb killed nine soldiers in Mosul" ... "It comes two days after 20 people
    were killed in Kirkuk on Tuesday": a story's incident its sentences do not date is as
    many days after the one named in passing as the sentence says (not on its day)."""
    if draft.first is not None or draft.aside or draft.status != "new":
        return False
    for aside in drafts:
        if (aside.aside and aside.dated and aside.days_before is not None
                and aside.first is not None and _story_of(aside, drafts) is draft):
            day = aside.first + dt.timedelta(days=aside.days_before)
            if published is None or day <= published:
                draft.first = draft.last = day
                return True
    return False


def says_nothing_of_its_own(draft: Draft, drafts: Drafts) -> bool:
    """A cue of another kind than the report's incidents, in a sentence that gives it no
    place, date, toll or radius of its own ("an inundated ravine" in a mine collapse's
    story): a word of the story, not an event of its own."""
    return (
        bool(drafts.all)
        and not has_flag(draft.event_type, "harmless")  # a declared state of emergency
        and not has_flag(draft.event_type, "actors")  # "An angry mob clashed with police"
        and not draft.scenes
        and not draft.counts
        and not draft.dated
        and not draft.radii
        and not drafts.has_family(draft.family)
    )


_ELSEWHERE = re.compile(r"\belsewhere\b|\bin\s+another\s+(?:town|village|city|district|"
                        r"area|part)\b", re.IGNORECASE)


def another_than_before(draft: Draft, drafts: Drafts, text: str) -> None:
    """"another attack in the same region on Monday", "another, smaller-scale attack had
    taken place in Gayeri, killing four", after an attack that killed 31: a new incident
    of that kind, however weak its word.  Not when no incident before has a toll, or it
    has the same one at the same place ("killed 23 in another massacre" after "fighters
    attacked a village"): then "another" counts the events of a series, not the report's.
    "Ten people were also killed in an earlier attack on the village of Biangolo in
    neighbouring North Kivu", after ten in Ituri, is an event of its own."""
    harmful = [d for d in drafts.all
               if d.status == "new" and not has_flag(d.event_type, "harmless")]  # fmt: skip
    tolled = [d for d in harmful if any(c.noun == "dead" for c in d.counts)]
    if not tolled or not (draft.scenes or draft.counts or draft.dated
                          or _ELSEWHERE.search(text)):
        return  # "a second landslide struck while rescuers were at work": no place, day
        # or toll of its own, so the same place and day, one event (ACLED)
    latest = max(tolled, key=lambda d: d.sentences[-1])
    known = _stated_dead(latest)
    own = [s for s in distinct(draft.scenes) if s.entry.feature_type != "country"]
    elsewhere = bool(own) and not any(same_ground(o.entry, s.entry)
                                      for o in distinct(latest.scenes) for s in own)  # fmt: skip
    if _stated_dead(draft) & known - {1} and not elsewhere and not EARLIER_FRAME.match(text):
        # (one death each is no sign of one event: "another bomb ... killing a citizen";
        # "Earlier this month a train derailed ..., killing two" is an earlier event)
        return
    draft.separate = True
    if draft.weak:
        draft.event_type, draft.sub_event_type = latest.event_type, latest.sub_event_type
        draft.weak, draft.rank = False, latest.rank


def goes_on_with_history(draft: Draft, drafts: Drafts, index: int, text: str) -> bool:
    """"In 2015, about 9,000 people were killed in two earthquakes. Whole towns were
    reduced to rubble, with more than a million houses destroyed": a weak word with no
    place or day of its own, right after a sentence telling history, goes on with it; so
    does a sentence that says it ("In late March, gangs struck the city of Mirebalais ...
    They also attacked the nearby town of Saut d'Eau")."""
    if draft.dated or draft.status != "new" or not drafts.all:
        return False
    latest = max(drafts.all, key=lambda d: d.sentences[-1])
    if latest.status != "background" or latest.sentences[-1] != index - 1:
        return False
    if _ALSO_THEY.match(text) or (draft.weak and not draft.scenes):
        return True
    # "The last big terror strike in the region was on June 9, 2024. Gunmen fired upon a
    # bus ..., killing 10": history named with no toll, then told with its toll
    return not latest.counts and latest.family == draft.family and bool(draft.counts)


_ALSO_THEY = re.compile(r"\W*(?:they|it|he|she|the\s+(?:gangs?|group|militants|rebels|"
                        r"attackers|fighters))\s+(?:also|then|later)\b", re.IGNORECASE)
"""A sentence that goes on with what the one before told."""


def _stated_dead(draft: Draft) -> set[int]:
    """The draft's tolls written as figures: "dozens" in two sentences is no same toll."""
    return {c.value for c in draft.counts
            if c.noun == "dead" and not VAGUE_WORDS.search(c.text)}  # fmt: skip


def typed_as_the_story(draft: Draft, drafts: Drafts) -> None:
    """"ADF fighters attacked the village of Vukaka ... Ten people were also killed in an
    earlier attack on the village of Biangolo": a weak word with a toll of its own, at a
    place of its own, is an event of the kind the story told last in its family (not a
    shelling because "attack" alone is typed so)."""
    told = [d for d in drafts.all if not d.weak and d.status == draft.status
            and d.family == draft.family]  # fmt: skip
    if not told:
        # "The worst-hit region was Khyber Pakhtunkhwa where 32 people have died ...,
        # destroying 83 houses" in a flood's story: a weak word of damage is the disaster's
        told = [d for d in drafts.all if not d.weak and d.status == draft.status
                and has_flag(d.event_type, "wide")]  # fmt: skip
        if len({d.family for d in told}) != 1:
            return
    latest = max(told, key=lambda d: d.sentences[-1])
    draft.event_type, draft.sub_event_type = latest.event_type, latest.sub_event_type
    draft.rank = latest.rank  # typed as that one: as specific as its cue


_ALSO_STRUCK = re.compile(
    r"\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+also\s+(?:attacked|hit|struck|"
    r"targeted|bombed|shelled|raided|stormed)\b|\balso\s+(?:came|come|comes)\s+under\s+"
    r"(?:attack|fire)\b",
    re.IGNORECASE,
)
""""the church in Batticaloa was also attacked": one more target of the attacks told."""


def _also_struck(draft: Draft, drafts: Drafts, sentence: Sentence) -> bool:
    """"Bombs hit churches in A and B ... the church in C was also attacked": a place
    said to be struck too, in a story of attacks, is one more incident of theirs, toll or
    not (one event per place); in a disaster's story it is one more town the one disaster
    reached ("wide" types)."""
    told = [d for d in drafts.all if not d.weak and d.family == draft.family]
    return (bool(told) and _ALSO_STRUCK.search(sentence.text) is not None
            and not any(has_flag(d.event_type, "wide") for d in told))


_THE_EVENT = re.compile(
    r"^\W*(?:the|that|this)\s+(?:[\w-]+\s+){0,2}?(?P<noun>operation|raid|strike|air\s*strike|"
    r"bombardment|offensive|assault|ambush|attack|shelling|bombing)s?\b",
    re.IGNORECASE,
)


def aside_told_on(drafts: Drafts, sentence: Sentence) -> Draft | None:
    """"The massacre comes two days after the military carried out an air raid at a gold
    mine. The operation resulted in the deaths of 45 suspected terrorists": a toll right
    after an incident named in passing, told of "the operation" or of that incident's own
    word, is that incident's, not the story's."""
    found = _THE_EVENT.match(sentence.text)
    if found is None:
        return None
    noun = re.sub(r"\s+", " ", found.group("noun").lower())
    return next((d for d in reversed(drafts.all)
                 if d.aside and d.status == "new" and d.sentences[-1] == sentence.index - 1
                 and (noun == "operation" or noun in d.clause)), None)


def harm_elsewhere(draft: Draft, drafts: Drafts, sentence: Sentence) -> bool:
    """"Herders also attacked a cattle camp in Rubkona County, killing seven": a weak word
    with dead or wounded of its own at a place no incident has is an incident there (not
    in a line without a full stop, such as a link to another story; not the toll of an
    incident told again: "They attacked the market, killing 19", said a lawmaker).  A
    sentence that says it tells another incident may name a place of the story's ("Two
    days earlier, attacks on the Idlib villages of A and B killed 14")."""
    own = [s for s in distinct(draft.scenes) if s.entry.feature_type != "country"]
    tolls = {(c.noun, c.value) for c in draft.counts if c.noun in CASUALTIES}
    return (
        bool(own)
        and (bool(tolls) or _also_struck(draft, drafts, sentence))
        and not (tolls and any(tolls <= {(c.noun, c.value) for c in d.counts}
                               for d in drafts.all))
        and _FULL_STOP.search(sentence.text) is not None
        and (draft.separate or not any(same_ground(o.entry, s.entry) for d in drafts.all
                                       for o in distinct(d.scenes) for s in own))
    )

