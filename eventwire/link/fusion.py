"""Event fusion: the mentions of one real-world event, in one report or many, become one record.

Two mentions can be one event when nothing about them disagrees:

- **type**: the same PLOVER type, and the same mode where both have one. CONSULT visit, meet and
  phone are different happenings; a departure, an arrival and "is visiting" of one trip are all
  mode ``visit``, one visit (the phase is read from the trigger word).
- **polarity**: a negated mention only joins negated ones. Plans, reports and speculation join
  what is asserted: a plan and its happening are one event.
- **actors**: on each side the same actor, or one unknown, or a state and one of its own people
  or bodies (``CHN`` and Xi Jinping). Meetings, calls, agreements and cooperation match in either
  order (an invitation does not).
- **date**: the intervals overlap (``date_interval``); CONSULT visit and meet mentions within one
  week fit too, as a trip or summit runs over days. A missing date is weak: undated mentions join
  each other only in one place, and a dated event only when it is the single best fit (an undated
  "the leaders met" stays alone when two summits fit equally well).
- **place**: the same place, places in one country (a border town and the capital of one trip),
  or none. A departure's place is where the trip began, so it is never compared.

Dates a day or two apart (or an arrival told on two days), or places in different countries, fuse
only when all else agrees exactly (the same actors on every side; the same place, or the same
day), and the disagreement is kept as a :class:`Conflict`. Joining needs a shared known actor (or
a mention naming no actor that agrees on date and place). Clustering is order-independent:
mentions are sorted by id, candidate pairs merged best first (ties by id), and two groups merge
only if no pair across them disagrees (complete link): a chain cannot join incompatible ends.

Resolved fields: the date is the intersection of the dated mentions (for a trip or meeting with
none, first to last day); when they disagree, the date most stated is kept and the conflict
flagged. The place is the one most mentions support (a country supports a city inside it; ties
go to the most specific). Factuality is asserted if any mention asserts it, else reported,
planned, hypothetical in that order: a plan becomes a fact only when a report says it happened,
and ``planned_mentions`` counts the reports that announced it.

Durations: each mention's stated length ("a 48-hour journey", "more than two days") allows a
range of hours (a plain amount give or take 5%, "about" 20%, "more than" from the amount up); the
fused event keeps the length most stated, and two statements whose ranges do not meet ("48
hours" and "60 hours") are a conflict. Lengths never decide whether mentions fuse. Counts
(casualties, arrests) are not extracted yet.

Records live in ``fusion_records``, field resolution in ``fusion_fields``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from eventwire.link.fusion_fields import resolve
from eventwire.link.fusion_records import (
    NEAR_DAYS,
    TRIP_DAYS,
    Conflict,
    FusedEvent,
    Mention,
    member,
    mention,
    spans,
    symmetric,
)
from eventwire.models import Actor
from eventwire.store.events import StoredEvent

__all__ = ["Conflict", "FusedEvent", "fuse"]


def _side(a: Actor | None, b: Actor | None) -> tuple[int, bool] | None:
    if a is None and b is None:
        return 0, True
    if a is None or b is None:
        return 0, False
    if a.id == b.id:
        return 2, True
    return (1, False) if member(a, b) else None


def _actors(a: Mention, b: Mention) -> tuple[int, bool] | None:
    """How the actors fit in the best orientation: ``None`` when they clash, else (score: 2 per
    side with the same actor, 1 per side with a state and its member; full: no side half-known)."""
    orders = [(b.source, b.target)]
    if symmetric(a.type, a.mode or b.mode):
        orders.append((b.target, b.source))
    fits = []
    for source, target in orders:
        one, two = _side(a.source, source), _side(a.target, target)
        if one is not None and two is not None:
            fits.append((one[0] + two[0], one[1] and two[1]))
    return max(fits, default=None)


def _dates(a: Mention, b: Mention) -> str:
    """overlap, span (one trip or meeting over days), weak (one undated), near, or clash."""
    if a.when is None or b.when is None:
        return "weak"
    (a_first, a_last), (b_first, b_last) = a.when, b.when
    if a_first <= b_last and b_first <= a_last:
        return "overlap"
    gap = (max(a_first, b_first) - min(a_last, b_last)).days
    hull = (max(a_last, b_last) - min(a_first, b_first)).days + 1
    if spans(a, b) and hull <= TRIP_DAYS:
        return "near" if a.phase == b.phase == "arrive" else "span"
    if max(a.days, b.days) <= TRIP_DAYS and gap <= NEAR_DAYS:
        return "near"
    return "clash"


def _places(a: Mention, b: Mention) -> str:
    """same, inside (one country), weak (a place unknown), or near (different countries)."""
    p, q = a.place, b.place
    if p is None or q is None:
        return "weak"
    if p.id == q.id:
        return "same"
    if p.country is None or q.country is None:
        return "weak"
    return "inside" if p.country == q.country else "near"


DATE_SCORE = {"overlap": 3, "span": 1}
PLACE_SCORE = {"same": 2, "inside": 1}


def _relation(a: Mention, b: Mention) -> tuple[int, bool] | None:
    """``None`` when the two cannot be one event; else (score, linked: evidence to join them)."""
    if a.type != b.type or a.negated != b.negated:
        return None
    if a.mode is not None and b.mode is not None and a.mode != b.mode:
        return None
    dates = _dates(a, b)
    actors = _actors(a, b) if dates != "clash" else None
    if actors is None:
        return None
    places = _places(a, b)
    score, full = actors
    if dates == "near" and not (full and score and places in PLACE_SCORE):
        return None
    if places == "near" and not (full and score and _same_day(a, b)):
        return None
    bare = not (a.source or a.target) or not (b.source or b.target)
    linked = score > 0 or (bare and dates == "overlap" and places in PLACE_SCORE)
    return score + DATE_SCORE.get(dates, 0) + PLACE_SCORE.get(places, 0), linked


def _same_day(a: Mention, b: Mention) -> bool:
    return _dates(a, b) == "overlap" and max(a.days, b.days) <= 2


def _actor_keys(m: Mention) -> set[str]:
    """Actor ids and their states: mentions that share none cannot be linked by actors."""
    return {k for a in (m.source, m.target) if a is not None for k in (a.id, a.country) if k}


class _Clusters:
    """Groups of mentions of one block, merged under the complete-link rule."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.of = {m.id: i for i, m in enumerate(mentions)}
        self.members: dict[int, list[Mention]] = {i: [m] for i, m in enumerate(mentions)}
        self._memo: dict[tuple[str, str], tuple[int, bool] | None] = {}
        self._by_actor: dict[str, list[Mention]] = {}
        for m in mentions:
            for k in _actor_keys(m):
                self._by_actor.setdefault(k, []).append(m)

    def relation(self, a: Mention, b: Mention) -> tuple[int, bool] | None:
        key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if key not in self._memo:
            self._memo[key] = _relation(a, b)
        return self._memo[key]

    def fits(self, group: Iterable[Mention], other: Iterable[Mention]) -> bool:
        others = list(other)
        return all(self.relation(a, b) is not None for a in group for b in others)

    def merge(self, a: Mention, b: Mention) -> None:
        i, j = self.of[a.id], self.of[b.id]
        if i == j or not self.fits(self.members[i], self.members[j]):
            return
        keep, gone = min(i, j), max(i, j)
        for m in self.members.pop(gone):
            self.of[m.id] = keep
            self.members[keep].append(m)

    def attach(self, key: int) -> None:
        """Join a group of undated mentions to the one dated group it fits best, if one does."""
        group = self.members[key]
        keys = {k for m in group for k in _actor_keys(m)}  # no actor in common: no link
        near = {self.of[n.id] for k in keys for n in self._by_actor.get(k, ())} - {key}
        scores = []
        for other in sorted(near):
            members = self.members[other]
            if all(m.when is None for m in members) or not self.fits(group, members):
                continue
            found = [self.relation(a, b) for a in group for b in members]
            linked = [r[0] for r in found if r is not None and r[1]]
            if linked:
                scores.append((max(linked), other))
        scores.sort(reverse=True)
        if scores and (len(scores) == 1 or scores[0][0] > scores[1][0]):
            self.merge(group[0], self.members[scores[0][1]][0])


def _candidates(clusters: _Clusters, block: Sequence[Mention]) -> list[tuple[Mention, ...]]:
    """Pairs worth merging, best first: dated with dated (near in time), and undated with undated
    in one place."""
    keys = {m.id: _actor_keys(m) for m in block}
    dated = sorted(((m.when, m) for m in block if m.when is not None), key=lambda d: d[0])
    pairs = []
    for i, ((_, a_last), a) in enumerate(dated):
        for (b_first, _), b in dated[i + 1 :]:
            if (b_first - a_last).days > TRIP_DAYS:
                break
            pairs.append((a, b) if a.id < b.id else (b, a))
    undated = [m for m in block if m.when is None]  # sorted by id, as the block is
    for i, a in enumerate(undated):  # undated mentions need a place to agree on
        pairs.extend((a, b) for b in undated[i + 1 :] if _places(a, b) in PLACE_SCORE)
    scored = []
    for a, b in pairs:
        if keys[a.id] and keys[b.id] and not keys[a.id] & keys[b.id]:
            continue  # both name actors, none in common: never linked
        found = clusters.relation(a, b)
        if found is not None and found[1]:
            scored.append((-found[0], a.id, b.id, a, b))
    scored.sort(key=lambda p: p[:3])
    return [(a, b) for *_, a, b in scored]


def _cluster(block: Sequence[Mention]) -> list[list[Mention]]:
    clusters = _Clusters(block)
    for a, b in _candidates(clusters, block):
        clusters.merge(a, b)
    undated = [key for key, group in clusters.members.items() if group[0].when is None]
    for key in undated:  # weak evidence last: attach where it is unambiguous
        if key in clusters.members:
            clusters.attach(key)
    return [sorted(group, key=lambda m: m.id) for group in clusters.members.values()]


def fuse(events: Sequence[StoredEvent]) -> list[FusedEvent]:
    """Fuse event mentions into events, as the module describes; ordered by date, then id."""
    by_id: dict[str, Mention] = {}
    for stored in sorted(events, key=lambda s: (s.event.id, s.article_source)):
        by_id.setdefault(stored.event.id, mention(stored))
    blocks: dict[tuple[str, bool], list[Mention]] = {}
    for m in sorted(by_id.values(), key=lambda m: m.id):
        blocks.setdefault((m.type, m.negated), []).append(m)
    fused = [resolve(group) for key in sorted(blocks) for group in _cluster(blocks[key])]
    far = dt.date.max
    fused.sort(key=lambda f: (*(f.interval or (far, far)), f.type, f.id))
    return fused
