"""Which sentences report the same incident: the same kind, overlapping dates and the
same ground; a weak cue only adds to an incident already found; a breakdown of weapons
that adds up to a stated total (bare tolls: :mod:`geomap.incidents.tolls`).  Drafts are
indexed so that this costs time linear in the text."""

from __future__ import annotations

import re

from geomap.event_types import CONSEQUENCES, JOINS, ONE_EVENT, PARTS, has_flag, is_wide
from geomap.feature_types import specificity
from geomap.incidents.ground import contains, countries_of, distinct, has_town, same_ground
from geomap.incidents.new_events import (
    ALSO_AT,
    another_act_later,
    away_from,
    counted_apart,
    deaths_of_its_own,
)
from geomap.incidents.records import CASUALTIES, STRUCTURES, WEAPONS, weapons_count
from geomap.incidents.referred import (
    SAME_STORY_DAYS,
    named_again,
    placed_later,
    places,
    referred_back,
    same_days,
    same_story,
    told_before,
    towns_named,
)
from geomap.incidents.sentences import LOOK_BACK, Sentence
from geomap.incidents.triggers import Draft

__all__ = ["Drafts", "absorb", "merge_target", "returned_to", "same_kind"]


def merge_target(drafts: Drafts, draft: Draft, sentence: Sentence,
                 previous: Sentence | None = None) -> Draft | None:
    """The earlier incident this sentence adds to, if any (latest first, or the one the
    ``previous`` sentence went back to)."""
    if draft.separate:
        return None
    joined = JOINS.get(draft.kind)
    kin = [d for d in drafts.all if joined == d.kind]
    if joined is not None and kin:
        # the fire of a wildfire's story: its day, not its places ("a house in the El
        # Olivar settlement" is one of the places the wildfire reached); a fire of another
        # time ("In August, a massive fire near Marathon") is another wildfire
        same = [d for d in kin if d.status == draft.status and same_days(d, draft)]
        if same:
            target = max(same, key=lambda d: d.sentences[-1])
            # ... but a wildfire placed no finer than a region ("in southeast Turkey")
            # takes the towns where "the blaze broke out" as its own
            draft.weak = (has_town(target.scenes) or not draft.scenes
                          or not _BROKE_OUT.search(sentence.text))
            return target
        draft.event_type, draft.sub_event_type = joined
        draft.rank = kin[-1].rank
    within = PARTS.get(draft.kind, frozenset())
    if within and not draft.scenes:
        # "the ADF band then lobbed a petrol bomb ... mattresses caught fire": the attack's
        attacks = [d for d in drafts.recent(sentence.index - 2 * LOOK_BACK)
                   if d.event_type in within and d.status == draft.status
                   and same_days(d, draft)]  # fmt: skip
        if attacks:
            draft.weak = True
            return max(attacks, key=lambda d: d.sentences[-1])
    if draft.definite and not draft.scenes and not draft.dated:
        # "more than 100 people were injured in the blast", after a fireworks factory
        # exploded: the incident told, whatever kind the bare word would make it
        told = [d for d in drafts.recent(sentence.index - LOOK_BACK) if d.status == "new"
                and not d.aside and not has_flag(d.event_type, "harmless")]  # fmt: skip
        if told:
            latest = max(told, key=lambda d: d.sentences[-1])
            return returned_to(drafts, latest, sentence, previous) or latest
    if draft.kind in CONSEQUENCES and not counted_apart(draft):
        # The evacuation after a flood, the arrests after a crash: part of its story.
        harmful = [d for d in drafts.recent(sentence.index - 2 * LOOK_BACK)
                   if not has_flag(d.event_type, "harmless")
                   and d.status == draft.status]  # fmt: skip
        # (not an event named in passing: "follows on the heels of Typhoon Kalmaegi")
        harmful = [d for d in harmful if not d.aside] or harmful
        if not harmful and not draft.scenes:
            # "Eventually, all 13 attackers were apprehended", paragraphs after the one
            # attack the story tells: however far down, the story's incident's end
            harmful = [d for d in drafts.all if not has_flag(d.event_type, "harmless")
                       and d.status == draft.status == "new" and not d.aside and not d.weak]
            harmful = harmful if len(harmful) == 1 else []
        if harmful:
            latest = max(harmful, key=lambda d: d.sentences[-1])
            return returned_to(drafts, latest, sentence, previous) or latest
    if has_flag(draft.event_type, "wide") and not _harm(draft):
        # "People in Delhi ran into the streets after the tremors": where a disaster was
        # felt, with no harm of its own, is part of it, not an incident there.
        felt = [d for d in drafts.recent(sentence.index - 2 * LOOK_BACK)
                if d.family == draft.family and d.status == draft.status
                and same_story(d, draft)
                # (a wildfire at a town far from the last is another fire, however told)
                and not ((ALSO_AT.search(sentence.text) or not is_wide(*draft.kind))
                         and away_from(draft, d))
                and not _counted_abroad(draft, d)]  # fmt: skip
        felt = [d for d in felt if not d.aside] or felt  # not a storm named in passing
        if felt:
            return max(felt, key=lambda d: d.sentences[-1])
    weapons = weapons_count(draft.counts)
    if weapons is not None and has_flag(draft.event_type, "weapons"):
        for other in drafts.recent(sentence.index - LOOK_BACK - 2):
            total = weapons_count(other.counts)
            if (
                other is not draft
                and has_flag(other.event_type, "weapons")
                and total is not None
                and total.value == weapons.value
                and len([c for c in draft.counts if c.noun in WEAPONS]) > 1
            ):
                return other
    goes_on = _goes_on_with_the_aside(drafts, draft, sentence.index)
    if goes_on is not None:
        # the story goes on about it: no longer named in passing ("They were repelled in
        # clashes that left 22 dead" ... "The attack began at 5 a.m.": that attack)
        goes_on.aside = False
        return goes_on
    if draft.weak:
        for other in drafts.recent(sentence.index - LOOK_BACK):
            if (
                not other.aside
                and (has_flag(other.event_type, "combat") or (
                    # "An attack on a village has killed up to 100", placed nowhere, or
                    # "the dead victims of the attack in the village of Kwatas": more of
                    # the attack told, as a weak word of its own type
                    (not draft.scenes or draft.definite) and other.kind == draft.kind))
                and other.status == "new"
                # "In June 2021, 160 people were killed in that attack": history's toll
                and not (draft.status == "background" and draft.dated)
                and _compatible(other, draft)
            ):
                return other
        if not draft.scenes and any(c.noun in STRUCTURES for c in draft.counts):
            # "more than 100 mud houses collapsed and damaged others", after a quake: the
            # damage it did (history's damage, "a million houses" in 2015, is history's)
            for other in drafts.recent(sentence.index - LOOK_BACK):
                wide_one = has_flag(other.event_type, "wide")
                if not other.aside and other.status == draft.status and wide_one:
                    return other
        return None
    wide = is_wide(*draft.kind)
    followed = another_act_later(drafts, draft, sentence)
    if followed is not None:
        if not draft.scenes:
            draft.scenes = list(followed.scenes)  # "the rebels occupying the camp": there
        return None
    told = told_before(drafts, draft)
    if told is not None:
        return told
    referred = (referred_back(drafts, draft) or named_again(drafts, draft, sentence)
                or placed_later(drafts, draft))
    if referred is not None:
        return referred
    for other in drafts.of_kind(draft):
        if not other.aside and _compatible(other, draft, wide=wide):
            if wide and (deaths_of_its_own(draft, other) or (
                    ALSO_AT.search(sentence.text) and away_from(draft, other))):
                # "The landslides also occurred in Kesenji village, ..., Sironko
                # District": the disaster at another place is an incident of its own
                return None
            if not wide and _another_told(draft, other):
                return None
            back = returned_to(drafts, other, sentence, previous) if not wide else None
            return back if back is not None and back.family == draft.family else other
    return None


_BROKE_OUT = re.compile(r"\b(?:fire|blaze)\s+(?:broke\s+out|started|erupted|began)\b",
                        re.IGNORECASE)


def _goes_on_with_the_aside(drafts: Drafts, draft: Draft, index: int) -> Draft | None:
    """"The bombing came a day after militants attacked a police post." then "They were
    driven back in clashes that left 14 dead": right after an incident named in passing,
    a sentence of that incident's family and of no kind the story's own incidents are
    tells more of it."""
    latest = drafts.recent(index - 1)
    if not latest or not latest[0].aside or draft.family != latest[0].family:
        return None
    other = latest[0]
    if draft.weak or any(o.kind == draft.kind for o in drafts.all if not o.aside):
        return None
    return other if _compatible(other, draft) else None


def _another_told(draft: Draft, incident: Draft) -> bool:
    """"Five people were killed in northwestern Gaza City when an air strike hit a group
    of people", after a strike that killed 11 there: an event told as a new one ("an air
    strike") with a toll of its own is another incident, not more of the first."""
    own = {c.value for c in draft.counts if c.noun == "dead"}
    known = {c.value for c in incident.counts if c.noun == "dead"}
    if not own or not known or own & known or any(c.update for c in draft.counts):
        return False
    if (not incident.dated and not incident.scenes and not incident.another
            and not incident.indefinite and draft.dated and max(own) > max(known)):
        # "Seven soldiers were killed in the attack", placing and dating nothing, above
        # the lede's "At least 17 people were killed in Somalia on Saturday": its fuller toll
        return False
    # "On Wednesday, 25 people were killed when gunmen raided two villages in X", after
    # 17 killed over the weekend: a toll of its own on a day and at a place of its own
    elsewhere = bool(draft.scenes) and not any(
        same_ground(s.entry, t.entry) for s in draft.scenes for t in incident.scenes)
    return draft.indefinite or (draft.dated and draft.first != incident.first and elsewhere)


def _counted_abroad(draft: Draft, incident: Draft) -> bool:
    """"In China's coastal Fujian province, 240,000 people were evacuated", after a
    typhoon's toll in Taiwan: a disaster counted in another country than the incident's
    is that country's incident (a quake felt abroad stays one quake)."""
    if draft.kind in ONE_EVENT or not draft.counts:
        return False
    own, theirs = countries_of(draft.scenes), countries_of(incident.scenes)
    return bool(own) and bool(theirs) and not own & theirs


def _harm(draft: Draft) -> bool:
    """Whether a draft states harm of its own: casualties or damaged buildings."""
    return any(c.noun in CASUALTIES or c.noun in STRUCTURES for c in draft.counts)


class Drafts:
    """The incidents being assembled, indexed so that placing each sentence costs time
    bounded by what it can join, not by the length of the article."""

    MAX_SAME_KIND = 64
    """Earlier incidents of a sentence's family it may join (latest first); an article
    with more of one family than this is a collection of reports, not one report."""

    def __init__(self) -> None:
        self.all: list[Draft] = []
        self._kinds: dict[tuple[str, str], list[Draft]] = {}
        self._touched: list[tuple[int, Draft]] = []
        """(sentence index, draft) each time a sentence adds to a draft, in order."""

    def add(self, draft: Draft) -> None:
        self.all.append(draft)
        self._kinds.setdefault((draft.family, draft.status), []).append(draft)
        self.touched(draft, draft.sentence)

    def touched(self, draft: Draft, sentence: int) -> None:
        self._touched.append((sentence, draft))

    def has_family(self, family: str) -> bool:
        """Whether an incident of ``family`` was added (either status), in time bounded by
        the number of families."""
        return any(f == family and kind for (f, _), kind in self._kinds.items())

    def of_kind(self, draft: Draft) -> list[Draft]:
        """Earlier drafts of the draft's family and status, the latest first: the
        sentences of one event may type it differently ("a car bombing", "the blast")."""
        return self._kinds.get((draft.family, draft.status), [])[: -self.MAX_SAME_KIND - 1 : -1]

    def recent(self, since: int) -> list[Draft]:
        """Drafts a sentence at or after ``since`` added to, the latest first."""
        found: dict[int, Draft] = {}
        for sentence, draft in reversed(self._touched):
            if sentence < since:
                break
            found.setdefault(id(draft), draft)
        return list(found.values())


def _compatible(a: Draft, b: Draft, *, wide: bool = False) -> bool:
    """Same dates (when both are dated) and the same ground; ``wide`` events (a quake, a
    flood) cover several towns of one country, so the same country is enough."""
    if not same_days(a, b):
        return False
    if a.scenes and b.scenes and a.aggregate != b.aggregate:
        return False  # a tally over a country is not the raid it sums up
    if a.scenes and b.scenes:
        if wide and countries_of(a.scenes) & countries_of(b.scenes):
            return True  # (two seas are no one country: they are compared as ground)
        # the most specific places: an incident in Duk County, South Sudan is not on the
        # ground of a raid in Rubkona County because both are in South Sudan
        xs, ys = distinct(a.scenes) or a.scenes, distinct(b.scenes) or b.scenes
        return any(same_ground(x.entry, y.entry) for x in xs for y in ys)
    return True


def same_kind(a: Draft, b: Draft) -> bool:
    return (a.family, a.status) == (b.family, b.status)


def _a_day_within(day: Draft, period: Draft) -> bool:
    """Whether ``day`` is dated one day inside the longer period ``period`` is dated."""
    return (day.first is not None and day.first == day.last and period.first is not None
            and period.last is not None and period.first < period.last
            and period.first <= day.first <= period.last)  # fmt: skip


_LONG_DAYS = 31
"""A period longer than this ("fighting between the army and the RSF since April 2023")
is a war's, not an incident's day."""


def _long(draft: Draft) -> bool:
    return (draft.first is not None and draft.last is not None
            and (draft.last - draft.first).days > _LONG_DAYS)


def absorb(target: Draft, draft: Draft) -> None:
    target.sentences.append(draft.sentence)
    if not draft.weak:
        target.roled.extend(draft.roled)
    target.counts.extend(draft.counts)
    target.radii.extend(draft.radii)
    if places(draft, target):
        # put beside a town, then placed (_placed_later)
        target.scenes = towns_named(draft)
    elif not draft.weak and draft.scenes and not has_town(target.scenes):
        # "Ishikawa" then "Wajima": the town, when it lies inside the incident's place
        # and is more specific than the most specific place it has.
        best = distinct(target.scenes)
        finer = [
            d for d in draft.scenes
            if any(contains(t.entry, d.entry)
                   and specificity(d.entry.feature_type) < specificity(t.entry.feature_type)
                   for t in best)
        ]  # fmt: skip
        if not target.scenes or finer:
            target.scenes = finer or draft.scenes
    if draft.first is not None and not _a_day_within(target, draft) and not _long(draft) and (
        target.first is None
        or (target.status == "new"
        and 0 < (target.first - draft.first).days <= SAME_STORY_DAYS)
    ):
        # "Otis roared ashore early Wednesday" after "families buried the dead on
        # Sunday": an incident happened on the earliest day its sentences give it (not
        # the start of a period that holds its day: "attacked the village of Vukaka on
        # Sunday" keeps its day when the lede told of "attacks over the weekend").
        target.first, target.last, target.dated = draft.first, draft.last, True
    if draft.rank < target.rank and not draft.weak and draft.family == target.family:
        # "At least 15 killed in an explosion", then "a car bomb": the specific wins
        target.event_type, target.sub_event_type = draft.event_type, draft.sub_event_type
        target.rank = draft.rank
    if draft.score > target.score and not draft.weak:
        target.sentence, target.score = draft.sentence, draft.score
        if draft.first is not None:
            target.first, target.last = draft.first, draft.last


def returned_to(drafts: Drafts, latest: Draft, sentence: Sentence,
                previous: Sentence | None) -> Draft | None:
    """The earlier incident a toll that names no place belongs to, when the sentence
    before it went back to that incident's scene: "On November 6, 25 civilians were
    killed in A. ... A woman was among those killed in B on Tuesday. Two soldiers were
    wounded": the wounded are B's, not the latest incident's (A's).  None when the story
    did not go back (the sentence names a place, the one before names none of another
    incident's scenes or names the latest's too)."""
    if previous is None or any(r.role == "location" for r in sentence.roled):
        return None
    named = [r.entry for r in previous.roled if r.role == "location"]
    if not named or any(same_ground(n, s.entry) for n in named for s in latest.scenes):
        return None
    # an incident named in passing is gone back to when a later sentence names its place
    earlier = [d for d in drafts.all if d is not latest and d.status == "new" and not d.weak
               and (not d.aside or previous.index not in d.sentences)
               and not has_flag(d.event_type, "harmless")
               and any(n.id == s.entry.id for n in named for s in distinct(d.scenes))]
    return earlier[0] if len(earlier) == 1 else None  # one incident there, or say nothing
