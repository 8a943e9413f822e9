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

Not yet: quantities. Reports state one quantity differently ("48 hours", "more than two days",
"60 hours"); that would be a conflict on a duration or count field, but durations and counts are
not extracted, so fusion neither compares nor reports them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventwire.models import Actor, ActorKind, Factuality, Place, date_interval
from eventwire.places.event_places import DEPARTURE_WORDS
from eventwire.store.events import StoredEvent

ARRIVAL_WORDS = ("arriv", "land")
TRIP_DAYS = 7  # CONSULT visit/meet mentions no more than a week apart can be one happening
NEAR_DAYS = 2  # dates this close fuse (flagged) when actors and place agree exactly
SPAN_MODES = frozenset({"visit", "meet"})
SYMMETRIC_TYPES = frozenset({"AGREE", "COOPERATE"})
SYMMETRIC_MODES = frozenset({"meet", "phone"})  # of CONSULT
STRENGTH = (Factuality.NEGATED, Factuality.HYPOTHETICAL, Factuality.PLANNED,
            Factuality.REPORTED, Factuality.ASSERTED)  # fmt: skip
COARSENESS = {"city": 0, "admin1": 1, "region": 2, "country": 3}


@dataclass(frozen=True, slots=True)
class Conflict:
    """Mentions of one event disagreeing on a field: each value, with how many mentions state it."""

    field: str  # date, place
    values: tuple[tuple[str, int], ...]  # most stated first
    note: str  # what disagrees: "dates do not overlap", "places in different countries", ...


@dataclass(frozen=True, slots=True)
class FusedEvent:
    """One real-world event and every mention of it."""

    id: str  # hash of the sorted mention ids: the same mentions give the same id
    type: str
    mode: str | None
    source: Actor | None
    target: Actor | None
    factuality: Factuality
    date: str | None  # ISO value as in EventDate: day, week, month, year or a range
    date_precision: str | None  # day, week, month, year, range
    place: Place | None
    facility: str | None
    evidence: tuple[StoredEvent, ...]  # every mention with its report, earliest report first
    planned_mentions: int
    conflicts: tuple[Conflict, ...]

    @property
    def mentions(self) -> int:
        return len(self.evidence)

    @property
    def articles(self) -> int:
        return len({s.event.article_id for s in self.evidence})

    @property
    def outlets(self) -> int:
        """Distinct outlets among the reports whose outlet is known."""
        return len({s.outlet for s in self.evidence if s.outlet})

    @property
    def symmetric(self) -> bool:
        return _symmetric(self.type, self.mode)

    @property
    def was_planned(self) -> bool:
        """Announced as a plan by some report, and said to have happened by another."""
        return self.planned_mentions > 0 and self.factuality is not Factuality.PLANNED

    @property
    def interval(self) -> tuple[dt.date, dt.date] | None:
        return date_interval(self.date) if self.date else None


@dataclass(frozen=True, slots=True)
class _Mention:
    stored: StoredEvent
    id: str
    type: str
    mode: str | None
    negated: bool
    source: Actor | None
    target: Actor | None
    when: tuple[dt.date, dt.date] | None  # first and last day its date covers
    phase: str  # arrive, depart, or "" for anything else
    place: Place | None  # None for a departure: its place is where the trip began
    facility: str | None

    @property
    def days(self) -> int:
        return (self.when[1] - self.when[0]).days + 1 if self.when else 0


def _mention(stored: StoredEvent) -> _Mention:
    e = stored.event
    try:
        when = date_interval(e.date.value) if e.date is not None else None
    except ValueError:
        when = None
    trigger = e.trigger.text.lower()
    phase = ""
    if e.code.mode == "visit" and trigger.startswith(DEPARTURE_WORDS):
        phase = "depart"
    elif e.code.mode == "visit" and trigger.startswith(ARRIVAL_WORDS):
        phase = "arrive"
    place = e.place.place if e.place is not None and phase != "depart" else None
    return _Mention(
        stored=stored,
        id=e.id,
        type=e.code.type,
        mode=e.code.mode,
        negated=e.factuality is Factuality.NEGATED,
        source=e.source.actor if e.source else None,
        target=e.target.actor if e.target else None,
        when=when,
        phase=phase,
        place=place,
        facility=e.place.facility if e.place is not None and place is not None else None,
    )


def _symmetric(kind: str, mode: str | None) -> bool:
    """Agreeing, cooperating, meeting and calling; not inviting (AGREE invite) or visiting."""
    return (kind in SYMMETRIC_TYPES and mode is None) or (
        kind == "CONSULT" and mode in SYMMETRIC_MODES
    )


def _member(a: Actor, b: Actor) -> bool:
    """Whether one is a state and the other one of its own people or bodies."""
    if a.kind is ActorKind.COUNTRY and b.kind is not ActorKind.COUNTRY:
        return b.country == a.id
    if b.kind is ActorKind.COUNTRY and a.kind is not ActorKind.COUNTRY:
        return a.country == b.id
    return False


def _side(a: Actor | None, b: Actor | None) -> tuple[int, bool] | None:
    if a is None and b is None:
        return 0, True
    if a is None or b is None:
        return 0, False
    if a.id == b.id:
        return 2, True
    return (1, False) if _member(a, b) else None


def _actors(a: _Mention, b: _Mention) -> tuple[int, bool] | None:
    """How the actors fit in the best orientation: ``None`` when they clash, else (score: 2 per
    side with the same actor, 1 per side with a state and its member; full: no side half-known)."""
    orders = [(b.source, b.target)]
    if _symmetric(a.type, a.mode or b.mode):
        orders.append((b.target, b.source))
    fits = []
    for source, target in orders:
        one, two = _side(a.source, source), _side(a.target, target)
        if one is not None and two is not None:
            fits.append((one[0] + two[0], one[1] and two[1]))
    return max(fits, default=None)


def _spans(a: _Mention, b: _Mention) -> bool:
    return a.type == "CONSULT" and {a.mode, b.mode} - {None} <= SPAN_MODES


def _dates(a: _Mention, b: _Mention) -> str:
    """overlap, span (one trip or meeting over days), weak (one undated), near, or clash."""
    if a.when is None or b.when is None:
        return "weak"
    (a_first, a_last), (b_first, b_last) = a.when, b.when
    if a_first <= b_last and b_first <= a_last:
        return "overlap"
    gap = (max(a_first, b_first) - min(a_last, b_last)).days
    hull = (max(a_last, b_last) - min(a_first, b_first)).days + 1
    if _spans(a, b) and hull <= TRIP_DAYS:
        return "near" if a.phase == b.phase == "arrive" else "span"
    if max(a.days, b.days) <= TRIP_DAYS and gap <= NEAR_DAYS:
        return "near"
    return "clash"


def _places(a: _Mention, b: _Mention) -> str:
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


def _relation(a: _Mention, b: _Mention) -> tuple[int, bool] | None:
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


def _same_day(a: _Mention, b: _Mention) -> bool:
    return _dates(a, b) == "overlap" and max(a.days, b.days) <= 2


def _actor_keys(m: _Mention) -> set[str]:
    """Actor ids and their states: mentions that share none cannot be linked by actors."""
    return {k for a in (m.source, m.target) if a is not None for k in (a.id, a.country) if k}


class _Clusters:
    """Groups of mentions of one block, merged under the complete-link rule."""

    def __init__(self, mentions: Sequence[_Mention]) -> None:
        self.of = {m.id: i for i, m in enumerate(mentions)}
        self.members: dict[int, list[_Mention]] = {i: [m] for i, m in enumerate(mentions)}
        self._memo: dict[tuple[str, str], tuple[int, bool] | None] = {}
        self._by_actor: dict[str, list[_Mention]] = {}
        for m in mentions:
            for k in _actor_keys(m):
                self._by_actor.setdefault(k, []).append(m)

    def relation(self, a: _Mention, b: _Mention) -> tuple[int, bool] | None:
        key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if key not in self._memo:
            self._memo[key] = _relation(a, b)
        return self._memo[key]

    def fits(self, group: Iterable[_Mention], other: Iterable[_Mention]) -> bool:
        others = list(other)
        return all(self.relation(a, b) is not None for a in group for b in others)

    def merge(self, a: _Mention, b: _Mention) -> None:
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


def _candidates(clusters: _Clusters, block: Sequence[_Mention]) -> list[tuple[_Mention, ...]]:
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


def _cluster(block: Sequence[_Mention]) -> list[list[_Mention]]:
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
    by_id: dict[str, _Mention] = {}
    for stored in sorted(events, key=lambda s: (s.event.id, s.article_source)):
        by_id.setdefault(stored.event.id, _mention(stored))
    blocks: dict[tuple[str, bool], list[_Mention]] = {}
    for m in sorted(by_id.values(), key=lambda m: m.id):
        blocks.setdefault((m.type, m.negated), []).append(m)
    fused = [_resolve(group) for key in sorted(blocks) for group in _cluster(blocks[key])]
    far = dt.date.max
    fused.sort(key=lambda f: (*(f.interval or (far, far)), f.type, f.id))
    return fused


# --- resolving the fields of a group ----------------------------------------------------------


def _resolve(group: Sequence[_Mention]) -> FusedEvent:
    first = group[0]
    factuality = max((m.stored.event.factuality for m in group), key=STRENGTH.index)
    mode = next((m.mode for m in group if m.mode is not None), None)
    source, target = _resolve_actors(group, _symmetric(first.type, mode))
    date, precision, date_conflicts = _resolve_date(group)
    place, facility, place_conflicts = _resolve_place(group, mode)
    ids = "\n".join(m.id for m in group)
    return FusedEvent(
        id=hashlib.sha256(ids.encode()).hexdigest()[:16],
        type=first.type,
        mode=mode,
        source=source,
        target=target,
        factuality=factuality,
        date=date,
        date_precision=precision,
        place=place,
        facility=facility,
        evidence=tuple(sorted((m.stored for m in group), key=_evidence_order)),
        planned_mentions=sum(m.stored.event.factuality is Factuality.PLANNED for m in group),
        conflicts=date_conflicts + place_conflicts,
    )


def _evidence_order(s: StoredEvent) -> tuple[dt.date, str, int, str]:
    return (s.published or dt.date.min, s.article_source, s.event.sentence.start, s.event.id)


def _pick(actors: Sequence[Actor]) -> Actor | None:
    """The actor named most often; on a tie a person or body before a state, then by id."""
    counts = Counter(a.id for a in actors)
    known = {a.id: a for a in actors}
    if not known:
        return None
    return min(known.values(), key=lambda a: (-counts[a.id], a.kind is ActorKind.COUNTRY, a.id))


def _resolve_actors(
    group: Sequence[_Mention], symmetric: bool
) -> tuple[Actor | None, Actor | None]:
    sources = [m.source for m in group if m.source is not None]
    targets = [m.target for m in group if m.target is not None]
    if not symmetric:
        return _pick(sources), _pick(targets)
    one = _pick(sources + targets)
    if one is None:
        return None, None
    rest = [a for a in sources + targets if a.id != one.id and not _member(a, one)]
    two = _pick(rest)
    if two is not None and sum(a.id == two.id for a in sources) > sum(
        a.id == one.id for a in sources
    ):
        return two, one
    return one, two


def _iso(first: dt.date, last: dt.date) -> tuple[str, str]:
    """The ISO value and precision naming exactly the days ``first`` to ``last``."""
    if first == last:
        return first.isoformat(), "day"
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return str(first.year), "year"
    month = (first.year, first.month) == (last.year, last.month)
    if month and first.day == 1 and (last + dt.timedelta(days=1)).day == 1:
        return f"{first:%Y-%m}", "month"
    if first.weekday() == 0 and last == first + dt.timedelta(days=6):
        year, week, _ = first.isocalendar()
        return f"{year}-W{week:02d}", "week"
    return f"{first.isoformat()}/{last.isoformat()}", "range"


def _counted(values: Iterable[str]) -> tuple[tuple[str, int], ...]:
    counts = Counter(values)
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _resolve_date(group: Sequence[_Mention]) -> tuple[str | None, str | None, tuple[Conflict, ...]]:
    dated = [(m, m.when) for m in group if m.when is not None]
    if not dated:
        return None, None, ()
    lo, hi = _common([when for _, when in dated])
    if lo <= hi:
        return (*_iso(lo, hi), ())
    conflicts: list[Conflict] = []
    arrivals = [(m, when) for m, when in dated if m.phase == "arrive"]
    first, last = _common([when for _, when in arrivals]) if arrivals else (lo, lo)
    if first > last:
        values = _counted(_value(m) for m, _ in arrivals)
        conflicts.append(Conflict("date", values, "arrival dates do not overlap"))
    short = [when for m, when in dated if m.days <= TRIP_DAYS]
    if short and all(_spans(m, dated[0][0]) for m, _ in dated):
        first, last = min(w[0] for w in short), max(w[1] for w in short)
        return (*_iso(first, last), tuple(conflicts))
    values = _counted(_value(m) for m, _ in dated)
    count = dict(values)
    _, best = min(dated, key=lambda d: (-count[_value(d[0])], d[0].days, _value(d[0])))
    conflicts.append(Conflict("date", values, "dates do not overlap"))
    return (*_iso(*best), tuple(conflicts))


def _common(intervals: Sequence[tuple[dt.date, dt.date]]) -> tuple[dt.date, dt.date]:
    """The latest first day and the earliest last day: an empty intersection when first > last."""
    return max(w[0] for w in intervals), min(w[1] for w in intervals)


def _value(m: _Mention) -> str:
    return m.stored.event.date.value if m.stored.event.date else ""


def _inside(inner: Place, outer: Place) -> bool:
    if inner.country is None or inner.country != outer.country or inner.id == outer.id:
        return False
    if outer.kind == "country":
        return True
    return outer.kind == "admin1" and inner.admin1 == outer.name


def _label(place: Place) -> str:
    return f"{place.name} ({place.country})" if place.country else place.name


def _resolve_place(
    group: Sequence[_Mention], mode: str | None
) -> tuple[Place | None, str | None, tuple[Conflict, ...]]:
    placed = [m.place for m in group if m.place is not None]
    if not placed:
        return None, None, ()
    counts = Counter(p.id for p in placed)
    distinct = {p.id: p for p in placed}

    def support(p: Place) -> int:
        return sum(counts[q.id] for q in distinct.values() if q.id == p.id or _inside(p, q))

    best = min(
        distinct.values(),
        key=lambda p: (-support(p), COARSENESS.get(p.kind, 1), -counts[p.id], p.id),
    )
    facilities = Counter(
        m.facility for m in group if m.place is not None and m.place.id == best.id and m.facility
    )
    facility = min(facilities, key=lambda f: (-facilities[f], f)) if facilities else None
    values = _counted(_label(p) for p in placed)
    conflicts: tuple[Conflict, ...] = ()
    if len({p.country for p in placed if p.country}) > 1:
        conflicts = (Conflict("place", values, "places in different countries"),)
    elif mode != "visit" and any(
        p.id != q.id and not _inside(p, q) and not _inside(q, p)
        for p in distinct.values()
        for q in distinct.values()
    ):
        conflicts = (Conflict("place", values, "different places in one country"),)
    return best, facility, conflicts
