"""Measures over places: a state of emergency, a curfew, martial law, a disaster area
(ACLED's "Strategic developments / Change to group/activity"). A measure is an incident
at the places it covers, which are not the places of the unrest or disaster it answers:
"a nationwide curfew ... after assailants attacked the barracks in Freetown" covers the
country, not Freetown; "an earthquake killed 144 in Mandalay, which prompted both
Thailand and Myanmar to declare a state of emergency" is a quake in Mandalay and a
measure in each of the two countries."""

from __future__ import annotations

import datetime as dt
import re

from geomap.event_types import classify, has_flag
from geomap.incidents.ground import contains, countries_of
from geomap.incidents.parts import country_of_the_report
from geomap.incidents.references import without_references
from geomap.incidents.sentences import Sentence
from geomap.incidents.setting import Scene, Setting
from geomap.incidents.triggers import Draft, clause_draft
from geomap.place_roles import RoledMention

__all__ = ["MEASURE", "covered", "measure_told_after", "nationwide_scene", "scope_of_measure"]

MEASURE = ("Strategic developments", "Change to group/activity")

_NATIONWIDE = re.compile(
    r"\b(?:nation-?wide|country-?wide|across\s+the\s+(?:whole\s+|entire\s+)?country|"
    r"throughout\s+the\s+country|(?:in|across|over)\s+the\s+(?:whole|entire)\s+country|"
    r"state\s+of\s+national\s+(?:emergency|disaster|calamity)|"
    r"national\s+(?:state\s+of\s+emergency|curfew|lockdown|emergency))\b",
    re.IGNORECASE,
)
"""A measure over the whole country ("a nationwide curfew", "across the country")."""

_CAUSE = re.compile(
    r"\b(?:after|following|amid|over|in\s+(?:response|reaction)\s+to|due\s+to|because\s+of|"
    r"as\s+a\s+result\s+of)\s",
    re.IGNORECASE,
)
"""What opens the part of a sentence that tells why a measure was taken."""

_PROMPTED = re.compile(
    r"(?:,\s*|\s+)(?:which\s+|that\s+)?(?:prompt(?:ed|ing)|forc(?:ed|ing)|le(?:d|ading))\s+"
    r"(?:[\w'\u2019.-]+\s+){0,6}?to\s+(?:declare|impose|introduce|announce|order)\b"
    r"|\b(?:declared|imposed|introduced|announced|ordered|extended)\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:curfews?|state\s+of|martial\s+law|lockdown)",
    re.IGNORECASE,
)
""""..., which prompted both Thailand and Myanmar to declare", "announced a nationwide
curfew": a measure told in a sentence whose event is the harm it answers."""


def scope_of_measure(draft: Draft, sentence: Sentence) -> None:
    """The places a measure covers: the whole country when the sentence says so (found
    when the incident is placed, :func:`nationwide_scene`); else the places named before
    the part that tells its cause ("imposed in Raisen after a clash in Sehore": Raisen),
    when there are any."""
    if draft.kind != MEASURE or draft.weak:
        return
    if _NATIONWIDE.search(sentence.text):
        draft.nationwide = True
        return
    cause = _CAUSE.search(sentence.text)
    if cause is None:
        return
    cut = sentence.span[0] + cause.start()
    before = [s for s in draft.scenes if s.mention.start < cut]
    if before:
        draft.scenes = before


def covered(scenes: list[RoledMention]) -> list[RoledMention]:
    """Each place a measure covers, once, without the ones holding another ("in Almaty and
    the Mangistau region": both; "in Raisen district of Madhya Pradesh": Raisen): a
    measure over two places is one event at each (one event per place)."""
    unique = list({s.entry.id: s for s in scenes}.values())
    return [s for s in unique
            if not any(t is not s and contains(s.entry, t.entry) for t in unique)]


def nationwide_scene(draft: Draft, setting: Setting) -> Scene | None:
    """The country a nationwide measure covers: the one its sentences name, else the one
    its other places lie in, else the country of the report."""
    named = [r for i in draft.sentences for r in setting.sentences[i].roled
             if r.entry.feature_type == "country"]  # fmt: skip
    codes = countries_of(draft.scenes)
    if not named and len(codes) == 1:
        (code,) = codes
        named = [r for s in setting.sentences for r in s.roled
                 if r.entry.feature_type == "country" and r.entry.country_code == code]
    if named:
        return Scene(named[0], 6, note="a measure over the whole country")
    return country_of_the_report(setting)


def measure_told_after(draft: Draft, sentence: Sentence,
                       published: dt.date | None) -> Draft | None:
    """"An earthquake killed 144 people in Mandalay, which prompted both Thailand and
    Myanmar to declare a state of emergency", "the government announced a nationwide
    curfew following deadly clashes in Dhaka": a measure told in the sentence of the
    harmful event it answers is an incident of its own, at the places named in its own
    part (each country that declared it; the country, when it is nationwide)."""
    if has_flag(draft.event_type, "harmless") or draft.weak:
        return None
    masked = without_references(sentence.text)
    told = _PROMPTED.search(masked)
    if told is None:
        return None
    cause = _CAUSE.search(masked, told.end())
    stop = cause.start() if cause is not None else len(masked)
    hit = classify(masked[told.start():stop], sentence=masked)
    if hit is None or hit.kind != MEASURE:
        return None
    measure = clause_draft(sentence, masked, (told.start(), stop), hit, False,
                           published, [], other=True)  # fmt: skip
    measure.aside = False
    base = sentence.span[0]
    own: list[RoledMention] = [r for r in sentence.roled
                               if base + told.start() <= r.mention.start < base + stop
                               and r.role in ("location", "actor", "context")]  # fmt: skip
    measure.scenes = own or list(draft.scenes)
    measure.counts = []
    measure.nationwide = _NATIONWIDE.search(masked, told.start(), stop) is not None
    if measure.first is None:
        measure.first, measure.last, measure.dated = draft.first, draft.last, draft.dated
    return measure
