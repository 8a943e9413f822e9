"""Resolving the fields of a fused event from its mentions: actors, date, place, duration,
factuality, and the disagreements among them (see ``eventwire.link.fusion``)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence

from eventwire.link.fusion_records import (
    COARSENESS,
    STRENGTH,
    TRIP_DAYS,
    Conflict,
    FusedEvent,
    Mention,
    member,
    spans,
    symmetric,
)
from eventwire.models import Actor, ActorKind, Factuality, Place
from eventwire.store.events import StoredEvent


def resolve(group: Sequence[Mention]) -> FusedEvent:
    first = group[0]
    factuality = max((m.stored.event.factuality for m in group), key=STRENGTH.index)
    mode = next((m.mode for m in group if m.mode is not None), None)
    source, target = _resolve_actors(group, symmetric(first.type, mode))
    date, precision, date_conflicts = _resolve_date(group)
    place, facility, place_conflicts = _resolve_place(group, mode)
    duration, duration_conflicts = _resolve_duration(group)
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
        duration=duration,
        evidence=tuple(sorted((m.stored for m in group), key=_evidence_order)),
        planned_mentions=sum(m.stored.event.factuality is Factuality.PLANNED for m in group),
        conflicts=date_conflicts + place_conflicts + duration_conflicts,
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


def _resolve_actors(group: Sequence[Mention], symmetric: bool) -> tuple[Actor | None, Actor | None]:
    sources = [m.source for m in group if m.source is not None]
    targets = [m.target for m in group if m.target is not None]
    if not symmetric:
        return _pick(sources), _pick(targets)
    one = _pick(sources + targets)
    if one is None:
        return None, None
    rest = [a for a in sources + targets if a.id != one.id and not member(a, one)]
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


def _resolve_date(group: Sequence[Mention]) -> tuple[str | None, str | None, tuple[Conflict, ...]]:
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
    if short and all(spans(m, dated[0][0]) for m, _ in dated):
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


def _value(m: Mention) -> str:
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
    group: Sequence[Mention], mode: str | None
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


def _resolve_duration(group: Sequence[Mention]) -> tuple[str | None, tuple[Conflict, ...]]:
    """The length most stated, and a conflict when two statements cannot both be true ("48
    hours" and "60 hours"; "more than two days" and "48 hours"), each allowing its own slack
    (``EventDuration.hours``)."""
    stated = [
        (d.span.text, bounds)
        for m in group
        if (d := m.stored.event.duration) is not None and (bounds := d.hours()) is not None
    ]
    if not stated:
        return None, ()
    values = _counted(text for text, _ in stated)
    apart = any(
        a_hi < b_lo or b_hi < a_lo for _, (a_lo, a_hi) in stated for _, (b_lo, b_hi) in stated
    )
    conflicts = (Conflict("duration", values, "stated lengths disagree"),) if apart else ()
    return values[0][0], conflicts
