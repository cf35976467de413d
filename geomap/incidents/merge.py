"""Which sentences report the same incident: the same kind, overlapping dates and the
same ground; a weak cue only adds to an incident already found; a bare toll adds to the
latest incident (or is one of its kind elsewhere); a breakdown of weapons that adds up
to a stated total.  Drafts are indexed so that this costs time linear in the text."""

from __future__ import annotations

import bisect
import datetime as dt
import re

import pyproj

from geomap.event_types import CONSEQUENCES, has_flag
from geomap.feature_types import specificity
from geomap.geoparse.lexicon import lexicon
from geomap.incidents.dates import dates_in, is_background
from geomap.incidents.happened import tally_over_months
from geomap.incidents.records import CASUALTIES, STRUCTURES, WEAPONS, weapons_count
from geomap.incidents.scene import contains, distinct, has_town, same_ground
from geomap.incidents.sentences import LOOK_BACK, Sentence
from geomap.incidents.triggers import Draft, informativeness, separate, unreferenced
from geomap.records import GazetteerEntry

__all__ = ["Drafts", "absorb", "casualties", "merge_target", "same_kind"]

_GEOD = pyproj.Geod(ellps="WGS84")

_SAME_STORY_DAYS = 31
"""How much earlier than an incident's date a sentence of its story may put its start
(the landfall before the funerals); history further back is another event's."""


def merge_target(drafts: Drafts, draft: Draft, sentence: Sentence) -> Draft | None:
    """The earlier incident this sentence adds to, if any (latest first)."""
    if draft.separate:
        return None
    if draft.definite and not draft.scenes and not draft.dated:
        # "more than 100 people were injured in the blast", after a fireworks factory
        # exploded: the incident told, whatever kind the bare word would make it
        told = [d for d in drafts.recent(sentence.index - LOOK_BACK) if d.status == "new"
                and not d.aside and not has_flag(d.event_type, "harmless")]  # fmt: skip
        if told:
            return max(told, key=lambda d: d.sentences[-1])
    if (draft.event_type, draft.sub_event_type) in CONSEQUENCES:
        # The evacuation after a flood, the arrests after a crash: part of its story.
        harmful = [d for d in drafts.recent(sentence.index - 2 * LOOK_BACK)
                   if not has_flag(d.event_type, "harmless")]  # fmt: skip
        if harmful:
            return max(harmful, key=lambda d: d.sentences[-1])
    if has_flag(draft.event_type, "wide") and not _harm(draft):
        # "People in Delhi ran into the streets after the tremors": where a disaster was
        # felt, with no harm of its own, is part of it, not an incident there.
        felt = [d for d in drafts.recent(sentence.index - 2 * LOOK_BACK)
                if d.family == draft.family and d.status == draft.status
                and _same_story(d, draft)]  # fmt: skip
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
    if draft.weak:
        for other in drafts.recent(sentence.index - LOOK_BACK):
            if (
                not other.aside
                and has_flag(other.event_type, "combat")
                and other.status == "new"
                and _compatible(other, draft)
            ):
                return other
        if not draft.scenes and any(c.noun in STRUCTURES for c in draft.counts):
            # "more than 100 mud houses collapsed and damaged others", after a quake: the
            # damage it did
            for other in drafts.recent(sentence.index - LOOK_BACK):
                wide_one = has_flag(other.event_type, "wide")
                if not other.aside and other.status == "new" and wide_one:
                    return other
        return None
    wide = has_flag(draft.event_type, "wide")
    for other in drafts.of_kind(draft):
        if not other.aside and _compatible(other, draft, wide=wide):
            if wide and _deaths_of_its_own(draft, other):
                return None
            if not wide and _another_told(draft, other):
                return None
            return other
    return None


def _another_told(draft: Draft, incident: Draft) -> bool:
    """"Five people were killed in northwestern Gaza City when an air strike hit a group
    of people", after a strike that killed 11 there: an event told as a new one ("an air
    strike") with a toll of its own is another incident, not more of the first."""
    own = {c.value for c in draft.counts if c.noun == "dead"}
    known = {c.value for c in incident.counts if c.noun == "dead"}
    if not own or not known or own & known or any(c.update for c in draft.counts):
        return False
    # "On Wednesday, 25 people were killed when gunmen raided two villages in X", after
    # 17 killed over the weekend: a toll of its own on a day and at a place of its own
    elsewhere = bool(draft.scenes) and not any(
        same_ground(s.entry, t.entry) for s in draft.scenes for t in incident.scenes)
    return draft.indefinite or (draft.dated and draft.first != incident.first and elsewhere)


def _deaths_of_its_own(draft: Draft, incident: Draft) -> bool:
    """Whether a disaster's sentence tells casualties at a place of its own, more than
    25 km from the incident's places and neither inside nor around them ("two died
    crossing a river in Masinga", after a flood at Karati): one event per place, so
    that place is an incident of its own (the annotation guide's rule)."""
    if not incident.scenes or not any(c.noun in CASUALTIES for c in draft.counts):
        return False
    own = [s for s in distinct(draft.scenes) if s.entry.feature_type != "country"]
    where = distinct(incident.scenes)
    return bool(own) and not any(
        _nearby(p.entry, s.entry) or contains(s.entry, p.entry) or contains(p.entry, s.entry)
        for p in own for s in where
    )


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


def _same_days(a: Draft, b: Draft) -> bool:
    """Whether two drafts' dates overlap (or either is undated)."""
    return not (
        a.first is not None
        and b.first is not None
        and (a.first > (b.last or b.first) or b.first > (a.last or a.first))
    )


def _same_story(a: Draft, b: Draft) -> bool:
    """Whether two drafts' dates lie within one story's days (the landfall, then the
    funerals), or either is undated; a quake of 2003 is not felt in one of 2017."""
    if a.first is None or b.first is None:
        return True
    gap = max(a.first, b.first) - min(a.last or a.first, b.last or b.first)
    return gap.days <= _SAME_STORY_DAYS


def _compatible(a: Draft, b: Draft, *, wide: bool = False) -> bool:
    """Same dates (when both are dated) and the same ground; ``wide`` events (a quake, a
    flood) cover several towns of one country, so the same country is enough."""
    if not _same_days(a, b):
        return False
    if a.scenes and b.scenes and a.aggregate != b.aggregate:
        return False  # a tally over a country is not the raid it sums up
    if a.scenes and b.scenes:
        if wide and {x.entry.country_code for x in a.scenes} & {
            y.entry.country_code for y in b.scenes
        } - {""}:
            return True
        # the most specific places: an incident in Duk County, South Sudan is not on the
        # ground of a raid in Rubkona County because both are in South Sudan
        xs, ys = distinct(a.scenes) or a.scenes, distinct(b.scenes) or b.scenes
        return any(same_ground(x.entry, y.entry) for x in xs for y in ys)
    return True


def same_kind(a: Draft, b: Draft) -> bool:
    return (a.family, a.status) == (b.family, b.status)


def casualties(drafts: Drafts, sentence: Sentence, published: dt.date | None) -> None:
    """A sentence with a toll and no event word ("Two people were killed in X.") reports
    casualties of the latest incident: in the same country it adds to that incident,
    elsewhere it is a record of the same kind at its own place. Each count once."""
    counts = unreferenced(sentence, list(sentence.counts))
    tolls = [c for c in counts if c.noun in CASUALTIES]
    if not tolls or tally_over_months(sentence.text):
        return
    harmful = [d for d in drafts.recent(sentence.index - LOOK_BACK)
               if not has_flag(d.event_type, "harmless")]  # fmt: skip
    # "In addition to the 12 wounded by gunfire, two others ...": a sentence restating a
    # toll of an incident is about it, however far down the story it comes.
    restated = [d for d in drafts.all if d.status == "new" and not d.weak and any(
        c.noun == t.noun and c.value == t.value for c in d.counts for t in tolls)]  # fmt: skip
    if not harmful and not restated:
        return
    latest = max(harmful or restated, key=lambda d: d.sentences[-1])
    if latest.status != "new":
        # "... where a 7.7 quake struck in 1935" then "300 people were injured on
        # Thursday": a toll dated to the day of the report's incident is that incident's.
        days = {d.date for d in sentence.dates}
        same_day = [d for d in harmful if d.status == "new" and d.first in days]
        latest = max(same_day, key=lambda d: d.sentences[-1]) if same_day else latest
    if (
        latest.weak
        or latest.status != "new"
        or (sentence.index - latest.sentences[-1] > LOOK_BACK and latest not in restated)
        or is_background(sentence.text, *sentence.span, sentence, published)
    ):
        return
    named = [r for r in sentence.roled if r.role == "location"]
    scenes = distinct(named)
    if scenes and separate(sentence):
        # "In a separate incident, two policemen were killed ... in Peshawar"
        _record_elsewhere(drafts, latest, sentence, scenes, counts, published)
        return
    countries = {s.entry.country_code for s in latest.scenes if s.entry.country_code}
    elsewhere = bool(scenes and countries) and not any(
        s.entry.country_code in countries for s in named
    )
    if latest.scenes and not countries:
        # An incident over a region of several countries ("the storm's second punch to
        # south-eastern Africa"): a toll a country gives is that country's incident,
        # even where the sentence names it only as the one reporting it ("Malawi's
        # government said ...").
        reporting = [r for r in sentence.roled if r.role == "context"
                     and r.entry.feature_type == "country"]  # fmt: skip
        by_country = [s for s in scenes if s.entry.country_code] or reporting
        if by_country:
            elsewhere, scenes = True, by_country
    # "Seven people died ... in Masinga": a toll stated with a town of its own, away from
    # the incident's scenes, is that town's incident (one event per place and day); in
    # "one victim died in Peru, while 14 others died in Ecuador", each toll goes to its own.
    placed = _placed_tolls(tolls, named, sentence)
    where = distinct(latest.scenes)  # "Herat in Afghanistan": Herat, not all the country
    away = {id(t): p for t, p in placed if where and not any(
        _nearby(p.entry, s.entry) or contains(s.entry, p.entry) or contains(p.entry, s.entry)
        for s in where)}  # fmt: skip
    by_place: dict[str, tuple[object, list]] = {}
    for toll, place in placed:
        if id(toll) in away:
            by_place.setdefault(place.entry.id, (place, []))[1].append(toll)
    if away and (len(away) < len(tolls) or len(by_place) > 1):
        others = [c for c in counts if c.noun not in CASUALTIES]
        for place, its_tolls in by_place.values():
            if len(away) == len(tolls):
                its_tolls, others = its_tolls + others, []  # the first also has the rest
            _record_elsewhere(drafts, latest, sentence, [place], its_tolls, published)
        if len(away) == len(tolls):
            return
        here = [c for c in counts if id(c) not in away]
        taken = {id(p) for p in away.values()}
        rest = distinct([r for r in sentence.roled if r.role == "location" and id(r) not in taken
                         and r.entry.id not in {p.entry.id for p in away.values()}])  # fmt: skip
        if elsewhere and rest:
            # "In Pakistan, 28 were killed in the tribal areas, and three more in
            # Gilgit-Baltistan": the toll without a place of its own is Pakistan's.
            _record_elsewhere(drafts, latest, sentence, rest, here, published)
            return
        latest.sentences.append(sentence.index)
        latest.counts.extend(here)
        drafts.touched(latest, sentence.index)
        return
    if away:
        elsewhere = True
        scenes = list({id(p): p for p in away.values()}.values())
    elif not elsewhere and where and len(scenes) == 1 and (has_town(scenes) or (
            sentence.dates and latest.first is not None
            and all(d.date != latest.first for d in sentence.dates))):
        # "a 69-year-old woman was killed ... in the town of Kostyantynivka", in a report
        # of shelling in Kherson: the one town a toll's sentence names, far from the
        # incident's places, is where those victims were (one event per place); so is a
        # province on another day ("On Monday, a mud flow in Yunnan Province left 11 ...")
        town = scenes[0]
        elsewhere = not any(_nearby(town.entry, s.entry) or contains(s.entry, town.entry)
                            or contains(town.entry, s.entry) for s in where)  # fmt: skip
    if not elsewhere:
        latest.sentences.append(sentence.index)
        latest.counts.extend(counts)
        drafts.touched(latest, sentence.index)
        return
    _record_elsewhere(drafts, latest, sentence, scenes, list(counts), published)


def _record_elsewhere(
    drafts: Drafts,
    latest: Draft,
    sentence: Sentence,
    scenes: list,
    counts: list,
    published: dt.date | None,
) -> None:
    """A record of the latest incident's kind at ``scenes``, carrying ``counts``."""
    if _restated_finer(drafts, latest, sentence, scenes, counts):
        return
    first, last = dates_in(sentence, sentence.dates, sentence.periods, published)
    drafts.add(
        Draft(
            event_type=latest.event_type,
            sub_event_type=latest.sub_event_type,
            status="new",
            weak=False,
            sentence=sentence.index,
            sentences=[sentence.index],
            first=first if first is not None else latest.first,
            last=last if first is not None else latest.last,
            dated=first is not None,
            scenes=list(scenes),
            roled=list(sentence.roled),
            counts=list(counts),
            radii=list(sentence.radii),
            score=informativeness(sentence),
            location_note="casualties of the incident the article reports before",
        )
    )


def _restated_finer(
    drafts: Drafts, latest: Draft, sentence: Sentence, scenes: list, counts: list
) -> bool:
    """"One of the victims died in Peru" ... "a 4-year-old girl died ... in the Tumbes
    region": the same toll again, at a place inside the province or country an earlier
    record of the kind has, is that record's victims told more exactly — it moves there."""
    tolls = {(c.noun, c.value) for c in counts if c.noun in CASUALTIES}
    if not tolls:
        return False
    for draft in reversed(drafts.all):
        where = distinct(draft.scenes)
        if (
            draft is latest
            or draft.family != latest.family
            or draft.status != "new"
            or not where
            or any(s.entry.feature_type not in _WIDE_TYPES for s in where)
        ):
            continue
        inside = all(any(contains(w.entry, s.entry) and w.entry.id != s.entry.id for w in where)
                     for s in scenes)  # fmt: skip
        if inside and tolls <= {(c.noun, c.value) for c in draft.counts}:
            draft.scenes = list(scenes) + list(draft.scenes)
            draft.sentences.append(sentence.index)
            drafts.touched(draft, sentence.index)
            return True
    return False


_WIDE_TYPES = frozenset({"country", "admin1"})
_UNIT_WORDS = "|".join(sorted({*lexicon().place_types, "area", "territory", "raion", "hromada"}))
_TOLL_PLACE = re.compile(
    rf"[^,;.]{{0,40}}?\b(?:in|at|near|on|outside)\s+(?:the\s+)?(?:(?:[\w-]+\s+){{0,3}}"
    rf"(?:{_UNIT_WORDS})\s+of\s+)?$",
    re.IGNORECASE,
)
_NOT_WHERE_IT_HAPPENED = re.compile(r"\b(?:hospitals?|clinics?|morgues?|mortuary|camps?)\b",
                                    re.IGNORECASE)  # fmt: skip


_SAME_PLACE_KM = 25.0
"""A toll stated at a town this close to the incident's scene is the same incident's
(UCDP's "near" radius): a fire above Pasadena kills two in Altadena."""


def _nearby(a: GazetteerEntry, b: GazetteerEntry) -> bool:
    if same_ground(a, b):
        return True
    _, _, metres = _GEOD.inv(a.lon, a.lat, b.lon, b.lat)
    return metres <= _SAME_PLACE_KM * 1000


def _placed_tolls(tolls: list, scenes: list, sentence: Sentence) -> list:
    """(toll, scene) for each toll stated with a place of its own ("2 died ... in
    Masinga"), the first such place after it; not where victims were taken ("taken to
    hospital in X")."""
    base = sentence.span[0]
    found = []
    for toll in tolls:
        # "28 killed in A, another 20 in B": a place after another figure of the same
        # kind is that one's ("7 killed and 71 injured in C": both are C's).
        starts = sorted(c.start for c in tolls if c.noun == toll.noun)
        for scene in sorted(scenes, key=lambda s: s.mention.start):
            if toll.end > scene.mention.start or scene.mention.start - toll.end > 80:
                continue
            k = bisect.bisect_left(starts, toll.end)
            if k < len(starts) and starts[k] < scene.mention.start:
                break
            gap = sentence.text[toll.end - base : scene.mention.start - base]
            if _TOLL_PLACE.fullmatch(gap) and not _NOT_WHERE_IT_HAPPENED.search(gap):
                found.append((toll, scene))
                break
    placed = {id(toll) for toll, _ in found}
    countries = sorted((r for r in sentence.roled if r.entry.feature_type == "country"
                        and r.role != "actor"), key=lambda r: r.mention.start)  # fmt: skip
    for toll in tolls:
        if id(toll) in placed:
            continue
        # "Malawi's government said 190 were killed, while authorities in Mozambique
        # reported 20 deaths and 24 injured": the country that reports a toll is its place.
        before = [r for r in countries if r.mention.end <= toll.start]
        if before:
            reporter = before[-1]
            gap = sentence.text[reporter.mention.end - base : toll.start - base]
            if _REPORTED_GAP.fullmatch(gap):
                found.append((toll, reporter))
    return found


_REPORTED_GAP = re.compile(
    r"(?:['\u2019]s)?\s+[^;,.]{0,50}?\b(?:said|says|reported|reports|confirmed|recorded|"
    r"announced|counted)\s+(?:that\s+)?[^;]{0,60}",
    re.IGNORECASE,
)


def absorb(target: Draft, draft: Draft) -> None:
    target.sentences.append(draft.sentence)
    if not draft.weak:
        target.roled.extend(draft.roled)
    target.counts.extend(draft.counts)
    target.radii.extend(draft.radii)
    if not draft.weak and draft.scenes and not has_town(target.scenes):
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
    if draft.first is not None and (
        target.first is None
        or (target.status == "new"
        and 0 < (target.first - draft.first).days <= _SAME_STORY_DAYS)
    ):
        # "Otis roared ashore early Wednesday" after "families buried the dead on
        # Sunday": an incident happened on the earliest day its sentences give it.
        target.first, target.last, target.dated = draft.first, draft.last, True
    if draft.rank < target.rank and not draft.weak and draft.family == target.family:
        # "At least 15 killed in an explosion", then "a car bomb": the specific wins
        target.event_type, target.sub_event_type = draft.event_type, draft.sub_event_type
        target.rank = draft.rank
    if draft.score > target.score and not draft.weak:
        target.sentence, target.score = draft.sentence, draft.score
        if draft.first is not None:
            target.first, target.last = draft.first, draft.last
