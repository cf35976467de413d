"""Incidents: what happened, where, when and how many, as ACLED-like records.

Each sentence is cut into clauses; a clause is typed by cue words
(:mod:`geomap.event_types`), dated by the dates and periods it states
(:mod:`geomap.facts`), and marked ``background`` when it recalls the past
("historic battles", "fought in", "had been held since 2022", a period that
ended well before publication).  Sentences about the same incident are merged:
the same type, overlapping dates and compatible places, or a breakdown of
weapons that adds up to an incident's stated total.  Weak cues ("an attack",
"was hit", "a power line was cut") only add to an incident already found.  A
headline restating a later incident of its kind is that incident's support; a
natural disaster's later towns in the same country support it; a bare toll
("Two people were killed in X.") adds to the latest incident, or is a record of
its kind when X is in another country.  A record never carries a count another
record carries: an incident at several towns gives each count to one of them.

Where: the places the evidence names as scenes (not actors, mediators or
context, :mod:`geomap.place_roles`), the most specific one, one record per
distinct scene.  With none, the place a stated radius is drawn around, then a
place of the kind the sentence refers to ("one of its southern regions") in
the next or previous sentences, then the closest earlier sentence's scene.
Nothing is invented: an incident whose place or date the article does not give
keeps None there, and a background incident with no place is dropped.
"""

from __future__ import annotations

import datetime as dt

from geomap.doc import Doc
from geomap.event_types import CONSEQUENCES, has_flag
from geomap.incidents.ground import contains, distinct, geo_precision, same_ground, within_boxless
from geomap.incidents.measures import measure_told_after, scope_of_measure
from geomap.incidents.merge import Drafts, absorb, merge_target, same_kind
from geomap.incidents.parts import part_named
from geomap.incidents.records import CASUALTIES, incident_record, share_counts
from geomap.incidents.references import FOLLOWED_BY, SOON_AFTER_THE
from geomap.incidents.scene import locations
from geomap.incidents.sentences import (
    LOOK_BACK,
    is_headline,
    sentence_views,
)
from geomap.incidents.setting import Setting
from geomap.incidents.stated import SAME_PLACE, THE_CITY, same_unit, stated_scene, the_city
from geomap.incidents.told_before import (
    another_than_before,
    days_after_the_aside,
    days_before_the_latest,
    days_before_the_story,
    goes_on_with_history,
    harm_elsewhere,
    on_the_day_of_the_latest,
    says_nothing_of_its_own,
    typed_as_the_story,
)
from geomap.incidents.tolls import casualties
from geomap.incidents.totals import (
    drop_summaries,
    parts_of_a_total,
    without_coarse_repeats,
    without_totals_of_parts,
)
from geomap.incidents.triggers import Draft, draft_of
from geomap.incidents.two_in_one import (
    again_on,
    another_day,
    cause_of,
    dated_before_the_day_told,
    earlier_in_passing,
    told_that_day,
)
from geomap.incidents.undated import date_undated
from geomap.incidents.unlisted import (
    at_a_town_after_an_unknown_village,
    at_another_unknown_village,
    unlisted_places,
)
from geomap.records import Incident, Source

__all__ = ["extract_incidents", "geo_precision"]


def extract_incidents(doc: Doc) -> None:
    """The ``incidents`` stage: every incident the article reports or recalls, in the
    order it first states them (``doc.incidents``).

    Reads the Doc's places, facts, the facts attached to each place (which place a
    stated radius belongs to) and the roles of the places in each sentence.
    """
    article, places = doc.article, doc.places
    if not doc.sentences:
        doc.incidents = []
        return
    sentences = sentence_views(doc)
    now = article.date or _latest_stated(doc)
    drafts = Drafts()
    headline: Draft | None = None
    pending: list[Draft] = []  # weak drafts no incident took yet
    for sentence in sentences:
        if sentence.heading:
            continue
        stated_scene(drafts, sentence, now, sentences)
        draft = draft_of(sentence, now)
        if draft is None:
            if headline is not None and not drafts.all and not headline.weak and any(
                    c.noun in CASUALTIES for c in sentence.counts):
                # "Mozambique cyclone wrecks homes" over "At least five people were
                # killed, the government said": the lede's toll is the headline's event's
                drafts.add(headline)
                headline = None
            previous = sentences[sentence.index - 1] if sentence.index else None
            casualties(drafts, sentence, now, previous)
            continue
        dated_before_the_day_told(draft, sentence)  # "on October 7, the day after ..."
        if sentence.caption:
            draft.weak = True  # a photo's caption tells again what the story tells
        if is_headline(sentence, sentences):
            headline = draft  # restated by the lede, if one of its kind follows
            continue
        if (headline is not None and not drafts.all and not headline.weak
                and draft.kind in CONSEQUENCES
                and not has_flag(headline.event_type, "harmless")):
            # "Cyclone Kofi battered Bangladesh overnight, killing six people" over
            # "Timely evacuations kept the toll low": the consequence is the headline's
            # event's, told first
            drafts.add(headline)
            headline = None
        same_place = draft.same_place or SAME_PLACE.search(sentence.text) is not None
        if same_place and not draft.scenes and drafts.all:
            draft.scenes = list(drafts.all[-1].scenes)  # "in the same neighbourhood where"
            draft.place_of = drafts.all[-1]  # wherever that one is placed in the end
        if not draft.scenes:
            draft.scenes = same_unit(drafts, sentences, sentence.text)  # "in the same region"
        if not draft.scenes and THE_CITY.search(sentence.text):
            draft.scenes = the_city(sentences, sentence.index)  # "stormed a centre in the city"
            draft.in_the_town = True
        if not draft.dated and (SOON_AFTER_THE.search(sentence.text)
                                or FOLLOWED_BY.search(sentence.text)):
            on_the_day_of_the_latest(draft, drafts)
        if draft.aside and draft.days_before is not None and not draft.dated:
            days_before_the_latest(draft, drafts)
        if draft.ordinal and any(d.several and d.family == draft.family for d in drafts.all):
            # "a pair of drone strikes" ... "The first strike on Monday struck a building in
            # Al-Sunut": the series told one by one, each an event of its own
            draft.weak, draft.another = False, True
        if draft.another:
            another_than_before(draft, drafts, sentence.text)
        elif any(apart(draft, max(drafts.of_kind(draft), key=lambda d: d.sentences[-1],
                                  default=None), sentences)
                 for apart in (at_another_unknown_village, at_a_town_after_an_unknown_village)):
            # "an attack by a drone on the village of Petrovka"; "... attacked Nangade
            # town itself", after the village of Machava
            draft.separate = True
        elif says_nothing_of_its_own(draft, drafts):
            draft.weak = True  # "rescuers bring out a body bag from an inundated ravine"
        if goes_on_with_history(draft, drafts, sentence.index, sentence.text):
            draft.status = "background"
        later_day = another_day(draft, sentence) or again_on(draft, sentence)
        passing = earlier_in_passing(draft, sentence, now)
        cause = cause_of(draft, sentence, now)
        scope_of_measure(draft, sentence)  # "a nationwide curfew ... after an attack in X"
        measure = measure_told_after(draft, sentence, now)
        target = merge_target(drafts, draft, sentence,
                              sentences[sentence.index - 1] if sentence.index else None)
        if target is not None:
            absorb(target, draft)
            drafts.touched(target, sentence.index)
        elif not draft.weak or harm_elsewhere(draft, drafts, sentence):
            if draft.weak:
                typed_as_the_story(draft, drafts)
            draft.weak = False
            drafts.add(draft)
            _take_pending(draft, pending, sentence.index)
        elif drafts.all and draft.counts and not drafts.has_family(draft.family):
            # "20 people were killed and 1,500 homes destroyed" in a flood's story: a weak
            # word of another kind than the story's tells more of its incident
            previous = sentences[sentence.index - 1] if sentence.index else None
            casualties(drafts, sentence, now, previous)
        else:
            pending.append(draft)
        if later_day is not None:
            if (that_day := told_that_day(drafts.all, later_day)) is not None:
                absorb(that_day, later_day)
                drafts.touched(that_day, sentence.index)
            else:
                drafts.add(later_day)
        if passing is not None:
            drafts.add(passing)
        if cause is not None:
            told = merge_target(drafts, cause, sentence)
            if told is not None:
                absorb(told, cause)
            else:
                drafts.add(cause)
        if measure is not None and merge_target(drafts, measure, sentence) is None:
            drafts.add(measure)
    if headline is not None:
        same = next((d for d in drafts.all if same_kind(d, headline)), None)
        same = same or _told_by_the_headline(headline, drafts.all)
        if same is not None:
            same.sentences.append(headline.sentence)
            if not same.scenes:
                same.scenes = list(headline.scenes)  # the headline says where
            else:  # "... killed in a rocket strike in the village of Majdal Shams", over a
                # lede in "the Golan Heights": the headline's place inside the lede's
                # (not a name the story reads as another place: "Taiz" the governorate)
                areas = [s for s in same.scenes if s.entry.feature_type != "country"]
                senses = {(r.mention.text, r.entry.id) for i in same.sentences
                          for r in sentences[i].roled}  # fmt: skip
                same.scenes += [h for h in headline.scenes if areas and all(
                    contains(s.entry, h.entry) or within_boxless(h.entry, s.entry)
                    for s in areas) and not any(
                    text == h.mention.text and entry != h.entry.id for text, entry in senses)]
            if not same.dated and headline.dated and headline.status == same.status:
                # "Cyclone Kofi battered Bangladesh overnight": the headline says when
                same.first, same.last, same.dated = headline.first, headline.last, True
        elif not headline.weak:
            drafts.all.insert(0, headline)
    drop_summaries(drafts.all)
    parts_of_a_total(drafts.all)
    source = Source(article.title, article.url, article.date, article.id)
    radius_owner = {
        (radius.start, radius.end): item.place for item in doc.place_facts
        for radius in item.radii
    }  # fmt: skip
    incidents: list[Incident] = []
    placed: dict[int, list] = {}  # id(draft) -> its scenes, for "the same camp"
    stand_ins, unlisted = unlisted_places(doc)
    places = [*places, *stand_ins]
    setting = Setting(
        sentences=sentences,
        radius_owner=radius_owner,
        scene_keys={r.entry.id for s in sentences for r in s.roled if r.role == "location"},
        extents=_extents(drafts.all, len(sentences)),
        owners=_owners(drafts.all),
        unlisted=unlisted,
    )
    for draft in drafts.all:
        if draft.status == "background" and draft.scenes and draft.place_of is None and all(
            s.entry.feature_type == "country" and part_named(s, sentences) is None
            for s in draft.scenes
        ):
            continue  # "killed nearly 2,000 people in Burkina Faso last year": a country's
            # tally; "a quake in eastern Afghanistan killed 1,000 last year" is placed
        if draft.status == "background" and draft.event_type == "Strategic developments":
            continue  # "despite a truce brokered last year": the story's context, no event
        if not (days_before_the_story(draft, drafts.all)
                or days_after_the_aside(draft, drafts.all, article.date)):
            date_undated(draft, sentences, article.date,
                         setting.extents.get(id(draft), range(0)))
        located = locations(draft, setting)
        if draft.place_of is not None and any(
                s.place is not None for s in placed.get(id(draft.place_of), ())):
            located = placed[id(draft.place_of)]  # "had attacked the same camp in March"
        placed[id(draft)] = located
        shares = share_counts(draft, located, doc.text)
        for rank, (scene, share) in enumerate(zip(located, shares, strict=True)):
            if draft.status == "background" and (scene.place is None or scene.precision == 6):
                continue  # history is mapped only where the article places it in a country
            record = incident_record(draft, scene, places, sentences, source, share,
                                     primary=rank == 0)  # fmt: skip
            incidents.append(record)
    doc.incidents = without_totals_of_parts(without_coarse_repeats(incidents))


_STORY_SENTENCES = 6
"""Sentences after an incident's own that may tell more of its story (a finer place)."""


def _extents(drafts: list[Draft], n_sentences: int) -> dict[int, range]:
    """For each draft, its first sentence up to the next draft's first sentence (at most
    ``_STORY_SENTENCES`` past its own last), as ``id(draft) -> range``."""
    starts = sorted({min(d.sentences) for d in drafts})
    extents = {}
    for draft in drafts:
        own_first = first = min(draft.sentences)
        if first == starts[0]:
            first = 0  # the lines before the lede (a caption, a subtitle) tell its story
        following = [s for s in starts if s > own_first]
        stop = min(following[0] if following else n_sentences,
                   max(draft.sentences) + 1 + _STORY_SENTENCES, n_sentences)  # fmt: skip
        extents[id(draft)] = range(first, max(stop, max(draft.sentences) + 1))
    return extents


def _owners(drafts: list[Draft]) -> dict[str, set[int]]:
    """Place id -> the drafts whose most specific scenes include it."""
    owners: dict[str, set[int]] = {}
    for draft in drafts:
        for scene in distinct(draft.scenes):
            owners.setdefault(scene.entry.id, set()).add(id(draft))
    return owners


def _told_by_the_headline(headline: Draft, drafts: list[Draft]) -> Draft | None:
    """The incident a headline of another kind sums up: the one at its place with its
    toll ("One killed, 80 cattle looted in Tonj South County" over "A civilian was killed
    ... in an attack by armed men in Tonj South County")."""
    tolls = {(c.noun, c.value) for c in headline.counts if c.noun in ("dead", "injured")}
    if not tolls:
        return None
    return next((d for d in drafts if d.status == "new" and not d.aside
                 and tolls <= {(c.noun, c.value) for c in d.counts}
                 and (not headline.scenes or any(same_ground(h.entry, x.entry)
                                                 for h in headline.scenes for x in d.scenes))),
                None)  # fmt: skip


def _latest_stated(doc: Doc) -> dt.date | None:
    """The latest day the article states, standing in for its publication date when
    judging what is history ("In 2003, an earthquake..." beside "on 17 November 2017")."""
    days = [d.date for d in doc.facts.dates] + [p.last for p in doc.facts.periods]
    return max(days, default=None)


def _take_pending(draft: Draft, pending: list[Draft], index: int) -> None:
    """"An attack on a village has killed up to 100 people", then "the RSF attacked the
    village of Wad al-Noura": a weak word told before the incident it belongs to gives it
    its toll (the lede, written before the event is named).  Not across a sentence that
    says it tells another incident ("Two days earlier, shelling of ...")."""
    pending[:] = [w for w in pending if index - w.sentence <= 2 * LOOK_BACK]  # too far back
    if draft.separate:
        return
    for weak in list(pending):
        if weak.separate:
            continue
        if weak.family == draft.family and weak.status == draft.status and (
            not weak.scenes or not draft.scenes or any(
                same_ground(told.entry, named.entry)
                for told in distinct(weak.scenes) or weak.scenes for named in draft.scenes)
        ):
            absorb(draft, weak)
            pending.remove(weak)


