"""Lists of places as evidence of a level and a country: "Alberta, Manitoba and
Ontario", "Becker, Clay and Douglas counties" name places of one level, usually in one
country.

Split from :mod:`geomap.geoparse.structure`, which finds the lists in the wording: this
module computes the ``list_peer`` feature from them, the share of the list's other names
that likely are places of a candidate's level and country, from the other names'
current candidate probabilities (context asks every round, so the parts the
probabilities do not change are worked out once, in :class:`ListPeers`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from geomap.geoparse.candidates import Candidate, unit_level
from geomap.records import GazetteerEntry

__all__ = ["HasEntry", "ListPeers", "list_peer_values"]


def list_peer_values(
    members: Sequence[int],
    cands: list[list[Candidate]],
    probs: list[list[float]],
    groups: Sequence[str],
) -> dict[int, list[float]]:
    """Per list member, per candidate: the mean over the list's other names of the
    probability that each is a place of the candidate's level in its country (for a
    unit below a region, half of it for the same region)."""
    return ListPeers([members], cands, groups).values(probs)[0]


class HasEntry(Protocol):
    """A candidate, or its prepared base: what a list's peers read of it."""

    @property
    def entry(self) -> GazetteerEntry: ...


class ListPeers:
    """:func:`list_peer_values` of an article's lists, with what the probabilities do
    not change (each member's candidates' keys, each member's peers) worked out once:
    context asks every round, and a batch scores an article twice."""

    def __init__(
        self,
        lists: Sequence[Sequence[int]],
        cands: Sequence[Sequence[HasEntry]],
        groups: Sequence[str],
    ) -> None:
        self.lists = [
            (
                members,
                {k: [_peer_keys(c.entry) for c in cands[k]] for k in members},
                {k: [j for j in members if j != k and groups[j] != groups[k] and cands[j]]
                 for k in members},
            )
            for members in lists
        ]  # fmt: skip
        self.members = sorted({k for members in lists for k in members})
        """Every mention in a list: the only ones whose probabilities are read."""

    def values(
        self, probs: Sequence[Sequence[float]] | Mapping[int, Sequence[float]]
    ) -> list[dict[int, list[float]]]:
        """Per list, :func:`list_peer_values` of its members; ``probs``: per mention
        (at least per member), its candidates' probabilities."""
        found = []
        for members, keys, peers in self.lists:
            mass: dict[int, dict[tuple[object, ...], float]] = {}
            for k in members:
                by_key: dict[tuple[object, ...], float] = {}
                for candidate_keys, p in zip(keys[k], probs[k], strict=True):
                    for key in candidate_keys:
                        by_key[key] = by_key.get(key, 0.0) + p
                mass[k] = by_key
            out: dict[int, list[float]] = {}
            for k in members:
                others = peers[k]
                values = []
                for candidate_keys in keys[k]:
                    if not others or not candidate_keys:
                        values.append(0.0)
                        continue
                    weight = 1.0 / len(candidate_keys)
                    total = sum(weight * mass[j].get(key, 0.0)
                                for j in others for key in candidate_keys)  # fmt: skip
                    values.append(total / len(others))
                out[k] = values
            found.append(out)
        return found


def _peer_keys(e: GazetteerEntry) -> tuple[tuple[object, ...], ...]:
    """What a list's other names must be for a candidate to agree with them: a country
    (any), or a region of its country. Towns get none: a list of towns agrees with
    namesakes in every state ("Cornwall and Kent"), which the region's context weighs."""
    level = unit_level(e)
    if level == 0:
        return ((0,),)
    if level == 1:
        return ((1, e.country_code),)
    return ()
