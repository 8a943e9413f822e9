"""Journeys: where an actor was, in order, from the events that place and date them.

Every event the actor takes part in (as source, target or other participant) that has a resolved
place and a date is a sighting. Sightings are ordered by the first day their date covers and
merged into stops: the same place on overlapping or adjacent days is one stop ("arrived in
Beijing" 8 Jan + "talks in Beijing" 8-10 Jan = Beijing 8-10 Jan), and a country-level sighting
that overlaps a more precise one inside that country folds into it ("visiting China" + "in
Beijing"). Negated and hypothetical events are no evidence of where anyone was; planned ones are
kept and marked, so a plan never reads as a trip made.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventwire.models import Actor, Event, Factuality, Place, date_interval

NO_EVIDENCE = frozenset({Factuality.NEGATED, Factuality.HYPOTHETICAL})
COARSE = frozenset({"country", "admin1", "region"})
MAX_MERGE_DAYS = 14  # only sightings dated to the day (or a short range) merge into stops


@dataclass(frozen=True, slots=True)
class Stop:
    """One place on an actor's journey, with the days it covers and the events that show it."""

    place: Place
    facility: str | None
    first: dt.date
    last: dt.date
    planned: bool  # every event behind the stop is a plan
    events: tuple[str, ...]  # event ids, in the order they were merged

    @property
    def dates(self) -> str:
        """``2019-01-08``, or ``2019-01-08/2019-01-10`` for a stop of several days."""
        if self.first == self.last:
            return self.first.isoformat()
        return f"{self.first.isoformat()}/{self.last.isoformat()}"


def _takes_part(event: Event, actor_id: str) -> bool:
    return any(
        m is not None and m.actor.id == actor_id
        for m in (event.source, event.target, *event.others)
    )


def sightings(actor_id: str, events: Iterable[Event]) -> list[Stop]:
    """One single-event stop per placed and dated event of the actor, in time order."""
    out = []
    for e in events:
        if e.factuality in NO_EVIDENCE or not _takes_part(e, actor_id):
            continue
        if e.place is None or e.place.place is None or e.date is None:
            continue
        try:
            first, last = date_interval(e.date.value)
        except ValueError:
            continue
        planned = e.factuality is Factuality.PLANNED
        out.append(Stop(e.place.place, e.place.facility, first, last, planned, (e.id,)))
    out.sort(key=lambda s: (s.first, s.last, s.place.kind in COARSE))
    return out


def journey(actor_id: str, events: Iterable[Event]) -> list[Stop]:
    """The actor's stops in time order, merged as the module describes."""
    stops: list[Stop] = []
    for s in sightings(actor_id, events):
        for i in range(len(stops) - 1, max(len(stops) - 4, -1), -1):
            merged = _merge(stops[i], s)
            if merged is not None:
                stops[i] = merged
                break
        else:
            stops.append(s)
    return stops


def _merge(a: Stop, b: Stop) -> Stop | None:
    if (a.first, a.last) != (b.first, b.last) and max(_days(a), _days(b)) > MAX_MERGE_DAYS:
        return None  # "in 2018" says nothing about which days: never widen a trip to a year
    touching = b.first <= a.last + dt.timedelta(days=1) and a.first <= b.last + dt.timedelta(days=1)
    if not touching:
        return None
    if a.place.id == b.place.id:
        place, facility = a.place, a.facility or b.facility
    elif _inside(b.place, a.place):
        place, facility = b.place, b.facility
    elif _inside(a.place, b.place):
        place, facility = a.place, a.facility
    else:
        return None
    return Stop(
        place,
        facility,
        min(a.first, b.first),
        max(a.last, b.last),
        a.planned and b.planned,
        a.events + b.events,
    )


def _days(stop: Stop) -> int:
    return (stop.last - stop.first).days + 1


def _inside(inner: Place, outer: Place) -> bool:
    """Whether ``inner`` lies within ``outer`` as far as the gazetteer says (same country, and
    ``outer`` is the country itself or ``inner``'s region)."""
    if inner.country is None or inner.country != outer.country or inner.id == outer.id:
        return False
    if outer.kind == "country":
        return True
    return outer.kind == "admin1" and inner.admin1 == outer.name


@dataclass(frozen=True, slots=True)
class ActorProfile:
    """What the store knows of one actor: names seen, role, country, events and journey."""

    actor: Actor
    names: tuple[tuple[str, int], ...]  # mention text, times seen; most frequent first
    events_by_type: tuple[tuple[str, int, int], ...]  # type, mentions, of which asserted
    journey: tuple[Stop, ...]
    articles: int


def profile(
    actor: Actor, names: Iterable[tuple[str, int]], events: Sequence[Event]
) -> ActorProfile:
    """Build an actor's profile from its mention counts and the events it takes part in."""
    mine = [e for e in events if _takes_part(e, actor.id)]
    counts: Counter[str] = Counter(e.code.type for e in mine)
    asserted: Counter[str] = Counter(
        e.code.type for e in mine if e.factuality is Factuality.ASSERTED
    )
    order = sorted(counts, key=lambda t: (-counts[t], t))
    return ActorProfile(
        actor=actor,
        names=tuple(sorted(names, key=lambda n: (-n[1], n[0]))),
        events_by_type=tuple((t, counts[t], asserted[t]) for t in order),
        journey=tuple(journey(actor.id, mine)),
        articles=len({e.article_id for e in mine}),
    )


def _where(stop: Stop) -> str:
    place = stop.place
    where = f"{stop.facility}, {place.name}" if stop.facility else place.name
    return f"{where} ({place.country})" if place.country and place.kind != "country" else where


def format_profile(p: ActorProfile) -> list[str]:
    """The profile as lines of text for the terminal."""
    a = p.actor
    facts = ", ".join(x for x in (a.kind.value, a.country, a.sector, a.role) if x)
    lines = [f"{a.name}  [{a.id}]  {facts}", f"articles: {p.articles}"]
    if p.names:
        lines.append("names seen: " + "; ".join(f"{text} ×{n}" for text, n in p.names))
    if p.events_by_type:
        lines.append(
            "events: "
            + ", ".join(
                f"{t} {n}" + (f" ({k} asserted)" if k != n else "") for t, n, k in p.events_by_type
            )
        )
    if p.journey:
        lines.append("journey:")
        for stop in p.journey:
            flag = "  (planned)" if stop.planned else ""
            lines.append(f"  {stop.dates:<23} {_where(stop)}{flag}")
    else:
        lines.append("journey: no placed and dated events")
    return lines


def profile_json(p: ActorProfile) -> dict[str, object]:
    a = p.actor
    return {
        "id": a.id,
        "name": a.name,
        "kind": a.kind.value,
        "country": a.country,
        "sector": a.sector,
        "role": a.role,
        "articles": p.articles,
        "names": [{"text": t, "count": n} for t, n in p.names],
        "events": [{"type": t, "count": n, "asserted": k} for t, n, k in p.events_by_type],
        "journey": [
            {
                "dates": s.dates,
                "place": s.place.name,
                "place_id": s.place.id,
                "country": s.place.country,
                "lat": s.place.lat,
                "lon": s.place.lon,
                "facility": s.facility,
                "planned": s.planned,
                "events": list(s.events),
            }
            for s in p.journey
        ],
    }
