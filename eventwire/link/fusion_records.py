"""The records of event fusion: what one mention brings to it, what a fused event holds, and the
rules of types and actors both the clustering (``fusion``) and the field resolution
(``fusion_fields``) use."""

from __future__ import annotations

import datetime as dt
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

    field: str  # date, place, duration
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
    duration: str | None  # the length most stated, as written ("48 hours")
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
        return symmetric(self.type, self.mode)

    @property
    def was_planned(self) -> bool:
        """Announced as a plan by some report, and said to have happened by another."""
        return self.planned_mentions > 0 and self.factuality is not Factuality.PLANNED

    @property
    def interval(self) -> tuple[dt.date, dt.date] | None:
        return date_interval(self.date) if self.date else None


@dataclass(frozen=True, slots=True)
class Mention:
    """What fusion reads of one stored event mention."""

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


def mention(stored: StoredEvent) -> Mention:
    """The fusion view of a stored mention: its day interval, trip phase, place, and the sides
    the text names (an unnamed side is no evidence that two reports tell one event, nor that
    they do not)."""
    e = stored.event
    named = e.named_only()
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
    return Mention(
        stored=stored,
        id=e.id,
        type=e.code.type,
        mode=e.code.mode,
        negated=e.factuality is Factuality.NEGATED,
        source=named.source.actor if named.source else None,
        target=named.target.actor if named.target else None,
        when=when,
        phase=phase,
        place=place,
        facility=e.place.facility if e.place is not None and place is not None else None,
    )


def symmetric(kind: str, mode: str | None) -> bool:
    """Agreeing, cooperating, meeting and calling; not inviting (AGREE invite) or visiting."""
    return (kind in SYMMETRIC_TYPES and mode is None) or (
        kind == "CONSULT" and mode in SYMMETRIC_MODES
    )


def member(a: Actor, b: Actor) -> bool:
    """Whether one is a state and the other one of its own people or bodies."""
    if a.kind is ActorKind.COUNTRY and b.kind is not ActorKind.COUNTRY:
        return b.country == a.id
    if b.kind is ActorKind.COUNTRY and a.kind is not ActorKind.COUNTRY:
        return a.country == b.id
    return False


def spans(a: Mention, b: Mention) -> bool:
    """Whether two mentions are of a kind that runs over days (a visit or a meeting)."""
    return a.type == "CONSULT" and {a.mode, b.mode} - {None} <= SPAN_MODES
