"""What scene choice works with: the scene of one incident record, and what the
incident stage knows besides a draft (its sentences, radii, extents, places the
gazetteer lacks)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from geomap.incidents.sentences import Sentence
from geomap.place_roles import RoledMention
from geomap.records import Place

__all__ = ["NO_SCENE", "Scene", "Setting"]


@dataclass(frozen=True, slots=True)
class Scene:
    """Where one incident record happened."""

    place: RoledMention | Place | None
    """The place named as the scene (its mention, when one sentence names it)."""
    precision: int | None
    """UCDP where_prec."""
    point: tuple[float, float] | None = None
    """(lat, lon) when the scene is not the place's own point: a stated offset from it."""
    uncertainty_m: float | None = None
    note: str | None = None
    unlisted: str | None = None
    """The name of the place the gazetteer lacks that the record is at (the scene is the
    known unit it lies in)."""


NO_SCENE = Scene(None, None)


@dataclass(frozen=True, slots=True)
class Setting:
    """What scene choice reads besides the draft: the article's sentences, the place a
    radius is drawn around, the places any sentence names as a scene, and the
    sentences each draft may borrow a finer scene from."""

    sentences: Sequence[Sentence]
    radius_owner: dict[tuple[int, int], Place]
    scene_keys: set[str]
    extents: dict[int, range]
    """id(draft) -> the sentences that tell its story: its own and those that follow,
    up to the next incident's."""
    unlisted: Sequence[Sequence[RoledMention]] = ()
    """Per sentence, the places it names that the gazetteer lacks, each standing for the
    known unit it lies in (:mod:`geomap.incidents.unlisted`)."""
    owners: dict[str, set[int]] = field(default_factory=dict)
    """Place id -> id() of the drafts it is a scene of: a town that has its own incident
    is no finer scene for another ("four more in Peshawar" beside Pakistan's toll)."""
