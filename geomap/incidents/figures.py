"""Which of the figures a record's sentences state is its toll: the latest update
("the death toll rose to 20"), else the first figure with the figures that add to it
("28 killed in A, another 20 in B"), told precisely when a later exact figure sits just
above a lower bound; none when the sentences say no one was harmed; the buildings and
weapons of a list added up; the people affected (not those a toll names among its own)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from geomap.count_fields import COUNT_TABLE
from geomap.facts.counts import VAGUE
from geomap.facts.nouns import PERSON_NOUNS
from geomap.facts.sums import among_tolls
from geomap.facts.victims import none_harmed
from geomap.incidents.sentences import Sentence, sentence_at
from geomap.incidents.triggers import Draft
from geomap.records import Count

__all__ = ["STRUCTURES", "WEAPONS", "first_of", "people_affected", "same_people", "starts_in",
           "structures", "toll", "toll_of_none", "weapons_count"]

WEAPONS = COUNT_TABLE["weapons_count"].nouns
STRUCTURES = COUNT_TABLE["structures_affected"].nouns


_WORD = re.compile(r"[A-Za-z]+")


def _people(counts: Sequence[Count]) -> set[str]:
    """Who the figures count, by lemma ("seven workers": worker), save plain people."""
    return {PERSON_NOUNS[w] for c in counts for w in _WORD.findall(c.text)
            if w in PERSON_NOUNS and PERSON_NOUNS[w] != "person"}  # fmt: skip


def same_people(drafts: Sequence[Draft], counts: Sequence[Count]) -> Draft | None:
    """The latest of ``drafts`` whose figures count the people ``counts`` count: "Gunmen
    stormed a camp, killing seven workers" ... a shootout with the troops ... "Eleven
    workers were rescued": the attack's workers, not the shootout's."""
    people = _people(counts)
    if not people:
        return None
    theirs = [d for d in drafts if people & _people(d.counts)]
    return max(theirs, key=lambda d: d.sentences[-1]) if theirs else None


def starts_in(count: Count, span: tuple[int, int]) -> bool:
    """Whether the figure begins inside ``span`` (a sentence's)."""
    return span[0] <= count.start < span[1]


def _added_to(more: Count, figures: Sequence[Count]) -> Count | None:
    """The figure "another N" adds to: the one stated last before it ("48 were killed in
    Pakistan ... 28 in the tribal areas and another 20 in the north-west": the 28)."""
    before = [c for c in figures if c.end <= more.start]
    return max(before, key=lambda c: c.end) if before else None


def toll(counts: Sequence[Count], noun: str, sentences: Sequence[Sentence] = (), *,
         armed: bool = False) -> Count | None:
    """The incident's toll: the latest figure the article says the toll has changed to
    ("the death toll rose to 20"), else the first it states (its lede's); in a fight
    between ``armed`` sides, with the attackers' own dead told apart."""
    updates = sorted((c for c in counts if c.noun == noun and c.update), key=lambda c: c.start)
    if updates:
        return updates[-1]
    # "Scores have been killed", then 'has killed "up to 100" people': a figure beats a
    # word; "nearly 100 dead are feared", then "64 are dead": a count beats a fear
    firm = [c for c in counts if not _feared(c, sentences)]
    first = (first_of([c for c in firm if c.qualifier not in VAGUE], {noun})
             or first_of(firm, {noun}) or first_of(counts, {noun}))
    if first is None:
        return None
    first = _exact_later(first, counts, sentences)
    # "28 were killed in A, another 20 in B": the figures the record also holds that add
    # to the first are part of its toll.
    # A restatement of the first figure anchors them as well ("In addition to the 12
    # wounded by gunfire, two other partygoers sustained injuries").
    anchors = [c for c in counts if c.noun == noun and not c.more
               and (c is first or c.value == first.value)]  # fmt: skip
    figures = [c for c in counts if c.noun == noun and not c.more]
    parts = [first, *(c for c in counts if c.more and c.noun == noun and c.start > first.start
                      and _added_to(c, figures) in anchors
                      and any(0 <= c.start - a.end < 200 for a in anchors))]  # fmt: skip
    if len(parts) == 1:
        return _with_attackers(first, counts) if armed else first
    last = parts[-1]
    text = "; ".join(c.text for c in parts)
    total = sum(c.value for c in parts)
    total_count = Count(first.start, last.end, text, total, noun, first.qualifier,
                        parts=tuple(parts))
    return _with_attackers(total_count, counts) if armed else total_count


_FEARED = re.compile(r"(?:[^\S\n]+[\w-]+){0,3}?[^\S\n]+(?:are|is|were|was)[^\S\n]+feared\b",
                     re.IGNORECASE)


def _feared(count: Count, sentences: Sequence[Sentence]) -> bool:
    """Whether the figure is a fear, not a count ("nearly 100 dead in total are feared")."""
    told = sentence_at(sentences, count.start)
    if told is None:
        return False
    return _FEARED.match(told.text, count.end - told.span[0]) is not None or (
        "feared" in count.text.lower())


def toll_of_none(noun: str, draft: Draft, sentences: Sequence[Sentence]) -> Count | None:
    """"Russian drones damaged a hospital ..." then "No one was injured, he said.": a toll
    of none stated in the incident's sentences or the one right after them."""
    own = sorted(set(draft.sentences))
    for index in dict.fromkeys([*own, *(i + 1 for i in own)]):
        if index >= len(sentences) or (index not in own and sentences[index].roled):
            continue
        sentence = sentences[index]
        for count in none_harmed(sentence.text):
            if count.noun == noun:
                base = sentence.span[0]
                return dataclasses.replace(count, start=count.start + base,
                                           end=count.end + base)
    return None


_ATTACKERS = re.compile(
    r"\b(?:militants?|attackers?|assailants?|gunm[ae]n|insurgents?|terrorists?|jihadists?|"
    r"bandits?|raiders?|perpetrators?|suicide\s+bombers?)\b",
    re.IGNORECASE,
)
"""Who carried an attack out: their dead are not among the victims a toll counts."""


def _with_attackers(first: Count, counts: Sequence[Count]) -> Count:
    """"A gang killed six officers" ... "During the attack, two militants were killed": in a
    fight, the attackers' dead, told apart from their victims', add to the toll (ACLED
    counts everyone the clash killed; attackers an army kills after a massacre of
    civilians died in another fight).  Not when the first figure already names them
    ("ten people, including three attackers") or is the attackers' own."""
    if first.update or _ATTACKERS.search(first.text) or any(
            _ATTACKERS.search(p.text) for p in first.parts):
        return first
    theirs = next((c for c in counts if c.noun == first.noun and c.start > first.end
                   and not c.update and not c.more and _ATTACKERS.search(c.text)), None)
    if theirs is None:
        return first
    parts = (*(first.parts or (first,)), theirs)
    return Count(first.start, theirs.end, f"{first.text}; {theirs.text}",
                 first.value + theirs.value, first.noun, first.qualifier, parts=parts)


_LOWER_BOUNDS = frozenset({"more than", "over", "at least", "upwards of", "no fewer than",
                           "no less than", "not fewer than", "not less than"})


def _exact_later(first: Count, counts: Sequence[Count], sentences: Sequence[Sentence]) -> Count:
    """"More than 20 civilians were killed" ... "22 people were killed, including three
    children": an exact figure the story gives later, above a lower bound and close to
    it, is the same toll told precisely (a far larger one is another toll; "However, the
    war monitor said 18 were killed" is another source's count, not a precise one).
    "killing almost 100 people" ... "at least 95 people killed": a round figure told
    approximately, then a firm one close to it (exact or a lower bound), is the same
    toll, and the firm figure is the one to record."""
    qualifier = (first.qualifier or "").lower()
    if qualifier in _APPROXIMATE:
        return _told_again(first, counts, sentences, lambda count: (
            (count.qualifier or "").lower() not in _APPROXIMATE
            and abs(count.value - first.value) <= first.value * 0.1))
    if qualifier in _LOWER_BOUNDS:
        return _told_again(first, counts, sentences, lambda count: (
            not count.qualifier and first.value < count.value <= first.value * 1.5))
    return first


_APPROXIMATE = frozenset({"almost", "nearly", "about", "around", "approximately", "roughly",
                          "close to", "some", "an estimated", "estimated"})


def _told_again(first: Count, counts: Sequence[Count], sentences: Sequence[Sentence],
                closer: Callable[[Count], bool]) -> Count:
    """The first later figure of the same victims that tells ``first`` more ``closer``ly,
    unless its sentence sets it against the first (another source's count)."""
    for count in counts:
        if (count.noun == first.noun and count.start > first.start and not count.more
                and closer(count)):
            told = sentence_at(sentences, count.start)
            if told is not None and _CONTRAST.search(told.text):
                return first
            return count
    return first


_CONTRAST = re.compile(r"\b(?:however|but|whereas|although|other\s+sources)\b",
                       re.IGNORECASE)


def first_of(counts: Sequence[Count], nouns: set[str] | frozenset[str]) -> Count | None:
    return next((c for c in counts if c.noun in nouns), None)


_LIST_GAP = 6
"""Most characters between two figures of one list (" and ", ", ")."""


def structures(counts: Sequence[Count]) -> Count | None:
    """The buildings harmed: the first figure, with the ones listed right after it
    ("damaged a hospital and two apartment buildings": 3)."""
    buildings = [c for c in counts if c.noun in STRUCTURES]
    if not buildings:
        return None
    parts = [buildings[0]]
    for count in buildings[1:]:
        if not 0 <= count.start - parts[-1].end <= _LIST_GAP:
            break
        parts.append(count)
    first = parts[0]
    if len(parts) == 1:
        return first
    return Count(first.start, parts[-1].end, "; ".join(c.text for c in parts),
                 sum(c.value for c in parts), first.noun, first.qualifier, parts=tuple(parts))


def weapons_count(counts: Sequence[Count]) -> Count | None:
    """The stated number of weapons: the first figure, or the sum of a sentence's parts
    ("six Tochka-U ... and six guided missiles") when no figure is their total."""
    weapons = [c for c in counts if c.noun in WEAPONS]
    if not weapons:
        return None
    first = weapons[0]
    same_breath = [c for c in weapons if c.start - first.end < 120 and c.start >= first.start]
    if len(same_breath) < 2:
        return first
    total = sum(c.value for c in same_breath)
    if len(same_breath) > 2 and any(2 * c.value == total for c in same_breath):
        return first  # one figure is the total of the others
    qualifier = next((c.qualifier for c in same_breath if c.qualifier), None)
    nouns = "+".join(dict.fromkeys(c.noun for c in same_breath))
    return Count(
        first.start,
        same_breath[-1].end,
        "; ".join(c.text for c in same_breath),
        total,
        nouns,
        qualifier,
    )


_AIRCRAFT = frozenset({"aircraft", "plane", "jet", "helicopter"})
_NOT_PEOPLE = WEAPONS | _AIRCRAFT | STRUCTURES | {
    "dead", "injured", "casualty", "other", "vehicle", "car", "truck", "bus",
    "train", "ship", "boat", "vessel", "tank", "village", "town", "settlement", "city",
    "animal", "family", "population",
}  # fmt: skip
"""Count nouns that are not people affected: things, casualties of their own fields, and
how many live in a place ("Mayotte's 320,000 residents").
People affected are the largest figure of the others: displaced, evacuated, missing,
abducted, arrested, rescued (docs/incidents-annotation.md)."""
_NOT_AFFECTED = COUNT_TABLE["people_affected"].excluded
"""People counted who respond to or commit the event ("hundreds of firefighters")."""
_ARMED = re.compile(r"\b(?:armed|hooded|masked|gun-?wielding|machete-?wielding)\s+(?:[\w-]+\s+)?"
                    r"(?:men|individuals|persons|people|youths)\b", re.IGNORECASE)
"""People counted as the ones who did it by what they bore ("30 armed men", "15 hooded
men"): attackers, whatever noun counts them."""


def people_affected(counts: Sequence[Count], told: Sequence[Sentence]) -> Count | None:
    """The largest figure of people the record's event displaced, evacuated, abducted...
    (:data:`_NOT_PEOPLE`), not the people its toll names among its dead ("killed 12,
    including five children")."""
    among = set()
    for sentence in told:
        figures = sorted(sentence.counts, key=lambda c: c.start)
        ids = among_tolls(sentence.text, figures, sentence.span[0])
        among |= {(c.start, c.end) for c in figures if id(c) in ids}
    people = [c for c in counts if c.noun not in _NOT_PEOPLE and c.noun not in _NOT_AFFECTED
              and not _ARMED.search(c.text) and (c.start, c.end) not in among]  # fmt: skip
    return max(people, default=None, key=lambda c: c.value)
