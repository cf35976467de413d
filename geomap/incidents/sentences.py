"""The sentences incidents are read from: each with the roles of the places it names
and the facts stated in it (from the Doc's layers), its clauses, and whether it is a
section heading or the article's headline."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from geomap.doc import Doc
from geomap.feature_types import NATURAL_TYPES
from geomap.incidents.surnames import people_named_as_cues
from geomap.place_roles import RoledMention
from geomap.records import Count, DateRef, Distance, Period, Radius

__all__ = ["FORECAST", "LOOK_BACK", "Sentence", "clauses", "dated_where_named",
           "is_headline", "sentence_views"]

LOOK_BACK = 4

FORECAST = re.compile(
    r"\b(?:forecasts?|forecasters?|meteorolog\w+)\b|\b(?:rains?|rainfall|storms?|showers|snow|"
    r"winds?|temperatures?|downpours?)\s+(?:may|might|could|will|(?:is|are)\s+(?:expected|"
    r"forecast|likely)\s+to)\s+(?:\w+\s+)?(?:return|continue|hit|reach|fall|come|persist|"
    r"intensify|resume|spread|affect)\b",
    re.IGNORECASE,
)
""""Rains may return on Thursday, especially in Porto Alegre", "the forecast for the next
few days": weather to come, and the places it names are where it may fall, not where
anything happened."""


_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:while|whereas|but|although)\b|\s(?:while|whereas|after|before|although)\s"
    r"|,\s+(?:who|which|where)\s",
    re.IGNORECASE,
)


_RELATIVE_THEN_VERB = re.compile(
    r",\s+(?:who|which)\s[^,;]{3,160},\s+"
    # not a word that starts a phrase of the relative clause's own
    r"(?!(?:a|an|the|and|or|but|nor|so|yet|as|at|by|for|from|in|into|of|on|onto|to|with|"
    r"within|while|whereas|although|though|after|before|since|until|when|where|who|which|"
    r"including|according|among|near|its|their|his|her|this|that|these|those|some|many|"
    r"most|all|both|each|one|two|three|four|five|six|seven|eight|nine|ten|local|"
    r"officials|police|residents|sources|witnesses)\b)[a-z]+\b"
)


def _embedded_relative(text: str, found: re.Match[str]) -> bool:
    """Whether the ", who/which" break ``found`` opens a relative clause closed by a comma
    after which the main clause's verb follows ("..., who demand elections, left 12 dead")."""
    if not found.group(0).startswith(","):
        return False
    return _RELATIVE_THEN_VERB.match(text, found.start()) is not None


_DIED_ON = re.compile(
    r"\b(?:died|succumbed(?:\s+to\s+(?:his|her|their)\s+(?:wounds|injuries))?)\s+"
    r"(?:(?:early|late|on|this|last)\s+){0,2}$",
    re.IGNORECASE,
)
_CAUSE_AFTER = re.compile(r"\s+(?:after|from|of)\b", re.IGNORECASE)
""""A boy died on Sunday after Houthi shelling": the day of a death, not of the shelling."""
_STAMP_AFTER = re.compile(
    r",?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*)?(?:[ECMP][SD]T|ET|PT|GMT|UTC|BST|CET|CEST"
    r"|EAT|WAT|IST|AEST|AEDT)\b"
)
""""(November 18, 2000 6:26 a.m. EST - Police say ...": a date stamped with a clock time
and a time zone is when the story was filed, not when anything happened."""
_TOLD_ON = re.compile(
    r"\b(?:(?:said|says|told|announced|reported|confirmed|added|stated|released|published|"
    r"issued)"
    r"(?:\s+(?:to|in|on)(?:\s+[\w.'\u2019-]+){1,4}?)?"
    r"|(?:told|telling|informed|briefed)(?:\s+[\w.'\u2019-]+){1,4}?"
    r"|(?:a\s+)?statement(?:\s+(?:posted|issued|released|published))?(?:\s+\w+){0,3}?)\s+"
    r"(?:(?:early|late|on|this|last)\s+){0,2}"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?$",
    re.IGNORECASE,
)
"""What comes before the day something was said: "officials said Monday", "told The
Associated Press on Wednesday", "said in a statement on Friday", "authorities said
Thursday, March 30"."""


_UNTIL = re.compile(r"\b(?:until|till|through)\s+(?:(?:early|late|on|next)\s+){0,2}$",
                    re.IGNORECASE)  # fmt: skip
"""What comes before the day something lasts to: "a curfew until January 19"."""


_IN_COURT = re.compile(
    r"\b(?:admitted|pleaded(?:\s+(?:guilty|not\s+guilty|no\s+contest|innocent))?|"
    r"(?:was|were)\s+(?:sentenced|arraigned|indicted|convicted|acquitted)|testified|"
    r"appeared\s+(?:in|before)\s+(?:[\w.'\u2019-]+\s+){0,3}?(?:court|judge)|"
    r"(?:court\s+)?appearance|hearing)"
    r"(?:\s+(?:in|before|at)(?:\s+[\w.'\u2019-]+){1,5}?)?\s+"
    r"(?:(?:early|late|on|this|last)\s+){0,2}$",
    re.IGNORECASE,
)
"""What comes before the day of a court's proceeding: "admitted in Kanawha Circuit Court
on Monday that he shot ...", "made her first court appearance Thursday": the day of the
hearing, neither of the crime it is about nor of its telling."""


_TOLD_AFTER = re.compile(
    r"\s+(?:said|says|reported|announced|confirmed|added|stated|told)\b", re.IGNORECASE)
"""A day right before its reporting verb: "ABC News early Saturday reported six more
deaths", "police on Monday said": the day it was told, not the day it happened."""


_RESTATED_DAY = re.compile(r"\s*[(,]\s*")
"""Between a weekday and its date ("on Wednesday (June 21)", "on Wednesday, June 21")."""


_LINK = re.compile(
    r"^\W*(?:also\s+read|read\s+(?:more|also)|related(?:\s+(?:news|stories|articles?))?|"
    r"see\s+also|recommended|more\s+(?:news|stories))\b\s*[:\-\u2013\u2014|]",
    re.IGNORECASE,
)
"""A line that links to another story ("Also read: Morocco quake toll rises"): not
part of this report."""
_PHOTO_CREDIT = re.compile(
    r"\(\s*(?:(?:Photo|Picture|Image|Credit)s?\s*:\s*)?(?-i:[A-Z])[\w&.-]*(?:\s+[\w&.-]+){0,3}?"
    r"(?:\s+(?:Photo|Images?|Pictures?))?\s*[:/]\s*(?-i:[A-Z])[^()]{1,60}\)\s*$"
)
"""A photographer's credit closing a caption: "(AFP: Charley Piringi)", "(AP Photo/Name)",
"(Reuters/Name)"."""
_DATED_CAPTION = re.compile(
    r",\s+(?:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\."
    r"\s*(?:\([^()]{0,80}\)\s*)?$"
)
"""A wire photo's caption ends on the day the photo was taken, set off by a comma and
with its year ("Firefighters try to put out a fire near Makri, Greece, August 22, 2023."):
prose dates an event without that comma, or without the year of the current story."""
_CREDIT_LABEL = re.compile(r"\(\s*(?:photo\s+)?credits?\s*:", re.IGNORECASE)
"""A labelled credit anywhere in the sentence ("(credit: REUTERS/Name)"), even when the
page runs the caption on into its repeat."""
_PICTURE_SHOWS = re.compile(
    r"^\W*(?:(?:a|an|this|the)\s+)?(?:[\w-]+\s+){0,2}(?:picture|photo(?:graph)?|image|"
    r"still)\b[^.]{0,160}?\bshows?\b|^\W*in\s+this\s+(?:[\w-]+\s+){0,2}"
    r"(?:picture|photo(?:graph)?|image)\b",
    re.IGNORECASE,
)
"""'A handout picture released by the police shows ...', 'In this file photo, ...': a
sentence about a picture describes it, it tells no incident of its own."""


_MAIN_CLAUSE_ENDS = re.compile(r"\b(?:that|after|when|who|which|as|while|where)\b|,",
                               re.IGNORECASE)
_PAST_VERB = re.compile(
    r"\b(?:\w{3,}ed|was|were|had|did|broke|struck|fell|took|began|came|went|rose|shook|"
    r"swept|tore|blew|sank|caught|fought|saw|made|said|told|found|lost|led|spread|threw|"
    r"drove|flew|ran|shot|killed|left|hit)\b",
    re.IGNORECASE,
)
"""A caption tells what its picture shows in the present ("soldiers gather", "relatives
await news"); prose dated the same way tells the past ("A storm damaged 40 homes in Lyon,
France, on January 4, 2024.")."""


def is_caption(text: str) -> bool:
    """Whether a sentence is a photo's caption: it tells again what the story tells
    (or an older picture's scene), so it only supports an incident."""
    if _PHOTO_CREDIT.search(text) or _CREDIT_LABEL.search(text) or _PICTURE_SHOWS.search(text):
        return True
    if _DATED_CAPTION.search(text) is None:
        return False
    stop = _MAIN_CLAUSE_ENDS.search(text)
    return _PAST_VERB.search(text, 0, stop.start() if stop else len(text)) is None


_HEADING_WORDS = 12
"""A line this short without a closing stop, inside the body, is a heading or a link to
another story ("Gaza rescuers say 18 killed in Israeli strike on school")."""


_TERMINAL = re.compile(r"[.!?:\"'\u201d\u2019)\]]$")


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    span: tuple[int, int]
    text: str
    heading: bool
    roled: list[RoledMention]
    counts: list[Count]
    dates: list[DateRef]
    periods: list[Period]
    radii: list[Radius]
    distances: list[Distance]
    datelined: list[RoledMention]
    """Places named in a dateline of this sentence ("ACAPULCO, Mexico —")."""
    told: list[DateRef]
    """Days the sentence says something was said or announced ("officials said Monday"):
    when the telling happened, an incident's date only when nothing else dates it."""
    filed: list[DateRef]
    """Dates in a dateline of this sentence: the day the story was filed."""
    article_dated: bool = True
    """Whether the article's publication date is known (else "now" is its latest date)."""
    caption: bool = False
    """A photo's caption, closed by its credit ("... Chinatown district.(AP: Name)"): it
    tells again what the story tells, so its words only support an incident."""
    people: frozenset[str] = frozenset()
    """Cue words the article uses as a person's name ("Flood said"): no event here."""


def sentence_views(doc: Doc) -> list[Sentence]:
    """Each sentence of ``doc`` with its places' roles and the facts stated in it."""
    text = doc.text
    counts = doc.by_sentence(doc.facts.counts)
    dates = doc.by_sentence(doc.facts.dates)
    periods = doc.by_sentence(doc.facts.periods)
    radii = doc.by_sentence(doc.facts.radii)
    distances = doc.by_sentence(doc.facts.distances)
    doubtful = _doubtful_places(doc)
    people = people_named_as_cues(text)
    result = []
    for index, span in enumerate(doc.sentences):
        sentence_text = text[span[0] : span[1]]
        heading = bool(_LINK.match(sentence_text)) or (
            index > 0
            and len(sentence_text.split()) <= _HEADING_WORDS
            and not _TERMINAL.search(sentence_text)
        )
        # "ANKARA, Feb 7 - ... on Monday", "... on Tuesday, officials said on January 8":
        # when the story was filed or told is not when it happened.
        filed = [d for d in dates[index]
                 if _in_dateline(d.start, doc) or _STAMP_AFTER.match(text, d.end)]
        told = [d for d in dates[index] if d not in filed and (
                _TOLD_ON.search(text, max(span[0], d.start - 60), d.start)
                or _TOLD_AFTER.match(text, d.end)
                or (_DIED_ON.search(text, max(span[0], d.start - 60), d.start)
                    and _CAUSE_AFTER.match(text, d.end)))]  # fmt: skip
        for before, after in itertools.pairwise(dates[index]):
            if before in told and after not in told and _RESTATED_DAY.fullmatch(
                    text, before.end, after.start):
                told.append(after)  # "reported on Wednesday (June 21)": the same day
        # "a curfew ... until January 19": the end of a measure, not the day of an event
        stated = [d for d in dates[index] if d not in filed and d not in told
                  and not _UNTIL.search(text, max(span[0], d.start - 24), d.start)
                  and not _IN_COURT.search(text, max(span[0], d.start - 60), d.start)]
        stated_periods = [p for p in periods[index] if not _in_dateline(p.start, doc)]
        roled = doc.roles[index] if index < len(doc.roles) else []
        roled = [r for r in roled if r.place_index not in doubtful]
        result.append(
            Sentence(
                index=index,
                span=span,
                text=sentence_text,
                heading=heading,
                roled=roled,
                counts=counts[index],
                dates=stated,
                periods=stated_periods,
                radii=radii[index],
                distances=distances[index],
                datelined=[r for r in roled if r.role == "dateline"],
                told=told,
                filed=filed,
                article_dated=doc.article.date is not None,
                caption=is_caption(sentence_text),
                people=people,
            )
        )
    return result


_DOUBTFUL_SCORE = 0.3
"""A resolution scored below this is the geoparser's best guess, not a confident one."""
_SURE_SCORE = 0.5


def _doubtful_places(doc: Doc) -> set[int]:
    """The places no incident may be at: a guess (a low resolution score) in a country
    the article otherwise never names as where things happen, while it names another
    with confidence, the only place the article names there ("killed in Wellington, the
    far east of Freetown" read as New Zealand's capital in a report from Sierra Leone;
    "the Lac Vert camp" as Chad's Lac province in one from Congo).  Their sentences fall
    back on the places they name with confidence."""
    settings = {r.place_index for roled in doc.roles for r in roled
                if r.role in ("location", "dateline")}  # fmt: skip
    countries = {p.entry.country_code for index, p in enumerate(doc.places)
                 if p.score >= _SURE_SCORE and p.entry.country_code
                 and index in settings}  # not "Russian shelling": an actor's country
    if not countries:
        return set()
    per_country = Counter(p.entry.country_code for p in doc.places)
    return {
        index for index, place in enumerate(doc.places)
        if place.score < _DOUBTFUL_SCORE and place.entry.country_code
        and place.entry.country_code not in countries
        and per_country[place.entry.country_code] == 1  # Kherson and Nikopol: each other's
        and place.entry.feature_type not in NATURAL_TYPES  # a lake two countries share
    }  # fmt: skip


def _in_dateline(offset: int, doc: Doc) -> bool:
    return any(a <= offset < b for a, b in doc.datelines)


def clauses(sentence: Sentence) -> list[tuple[int, int]]:
    """(start, end) of each clause, relative to the sentence, reference clauses blanked.

    A relative clause set between commas inside the main one ("Clashes in Peru between
    police and protesters, who demand new elections, left 12 dead in Juliaca") is no
    break: the main clause goes on after it, with its place and day."""
    text = sentence.text
    cuts = [0, *(m.start() for m in _CLAUSE_BREAK.finditer(text)
                 if not _embedded_relative(text, m)), len(text)]  # fmt: skip
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


_INDEFINITE_NOUN = re.compile(r"\b(?:a|an)\s+([\w-]+)(?:\s+([a-z]{3,}))?", re.IGNORECASE)
_DEFINITE_START = re.compile(r"^\W*the\s+([\w-]+)(?:\s+([a-z]{3,}))?", re.IGNORECASE)


def same_thing(later: Sentence, main: Sentence) -> bool:
    """"... when a bus plunged into a ravine" ... "The bus carrying dozens of passengers
    careered into a ravine just before midnight on Monday": a later sentence that begins
    with the thing the incident's sentence introduced speaks of that incident (the noun
    may follow one modifier: "a 150-metre ravine", "the passenger bus")."""
    found = _DEFINITE_START.match(later.text)
    if found is None:
        return False
    introduced = {w.lower() for m in _INDEFINITE_NOUN.finditer(main.text)
                  for w in m.groups() if w}  # fmt: skip
    return bool({w.lower() for w in found.groups() if w} & introduced)


_PUT_IN = re.compile(r"\b(?:in|at)\s+(?:the\s+(?:village|town)\s+of\s+)?"
                     r"(?P<name>(?-i:[A-Z])[a-z][\w'\u2019-]+)", re.IGNORECASE)
"""A capitalised name an event is put in or at, known to the gazetteer or not."""


def dated_where_named(sentences: Sequence[Sentence], index: int) -> list[DateRef]:
    """"simultaneous attacks on Friday in Juer ... and Keng", then "Seven people were
    confirmed dead after a separate attack in Keng, witnesses told reporters on
    Saturday": the days an earlier sentence of the section states for events at a place
    this one puts its event in (not the day it was told)."""
    names = {m.group("name") for m in _PUT_IN.finditer(sentences[index].text)}
    names -= {"The", "This", "That", "A", "An"}
    for k in range(index - 1, max(index - 1 - LOOK_BACK, -1), -1):
        earlier = sentences[k]
        if earlier.heading:
            break
        for name in names:
            at = [m.start() for m in re.finditer(rf"\b{re.escape(name)}\b", earlier.text)]
            if at and earlier.dates and any(
                    _PUT_IN.search(earlier.text, max(0, a - 60), a + len(name)) for a in at):
                return list(earlier.dates)
    return []


def sentence_at(sentences: Sequence[Sentence], offset: int) -> Sentence | None:
    """The sentence that holds the article's character ``offset``, if any."""
    return next((s for s in sentences if s.span[0] <= offset < s.span[1]), None)


def is_headline(sentence: Sentence, sentences: Sequence[Sentence]) -> bool:
    """The article's first line when it is a headline (no closing stop) over a body."""
    return sentence.index == 0 and len(sentences) > 1 and not _TERMINAL.search(sentence.text)
