"""One article as it goes through the pipeline: its text split once, a layer per stage.

Like spaCy's ``Doc``: the article's sentences are found once, when the Doc is made,
and every stage (:mod:`geomap.pipeline`) reads the layers before it and adds its own —
mentions, resolutions, places, facts, the facts each place is stated with, the role of
each place in its sentence, incidents.  Every layer keeps character offsets into
``doc.text``, so any answer can be traced back to its words, and no stage splits or
scans the text again for what an earlier stage already found.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from geomap.records import (
    Article,
    Count,
    DateRef,
    Distance,
    Incident,
    Mention,
    Period,
    Place,
    PlaceFacts,
    Radius,
    Resolution,
)
from geomap.text import Span, sentence_spans

if TYPE_CHECKING:
    from geomap.place_roles import RoledMention

__all__ = ["Doc", "Facts"]


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything the article states that can be counted, dated or measured, found once
    (:func:`geomap.facts.find_facts`), each list in text order."""

    counts: tuple[Count, ...] = ()
    dates: tuple[DateRef, ...] = ()
    periods: tuple[Period, ...] = ()
    radii: tuple[Radius, ...] = ()
    distances: tuple[Distance, ...] = ()


@dataclass(slots=True)
class Doc:
    """An article and the layers the pipeline's stages add to it."""

    article: Article
    sentences: tuple[Span, ...]
    """(start, end) of each sentence, split once (:func:`geomap.text.sentence_spans`)."""
    starts: tuple[int, ...]
    """Each sentence's start, for finding the sentence of an offset."""
    mentions: list[Mention] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    facts: Facts = field(default_factory=Facts)
    place_facts: list[PlaceFacts] = field(default_factory=list)
    """One per place, in the order of ``places``: the facts stated about it."""
    datelines: list[Span] = field(default_factory=list)
    """Where the article says where it was filed ("CAIRO — (AP) —"): no scene, no date."""
    roles: list[list[RoledMention]] = field(default_factory=list)
    """Per sentence, what each place named there does in it (scene, actor, speaker...)."""
    incidents: list[Incident] = field(default_factory=list)

    @classmethod
    def of(cls, article: Article) -> Doc:
        spans = tuple(sentence_spans(article.text))
        return cls(article=article, sentences=spans, starts=tuple(s for s, _ in spans))

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding ``offset``; between sentences, the one before
        it (the first, before any).  Raises IndexError for a text with no sentence."""
        if not self.sentences:
            raise IndexError("the article has no sentences")
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def sentence_text(self, index: int) -> str:
        start, end = self.sentences[index]
        return self.text[start:end]

    def by_sentence(self, items: tuple | list) -> list[list]:
        """``items`` (anything with a ``start`` offset) grouped by sentence, in order."""
        grouped: list[list] = [[] for _ in self.sentences]
        if self.sentences:
            for item in items:
                grouped[self.sentence_of(item.start)].append(item)
        return grouped
