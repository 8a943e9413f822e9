"""Event dates one event takes from another when its own words state no time.

Runs after every event got the date its own clause gives (``event_dates``). In order:

1. **Coreference**: a nominal mention with no time ("his upcoming meeting with Mr Trump") is the
   article's dated event of the same type and mode, between the same parties, and on the same
   side of the report's time (planned with planned, happened with happened), when exactly one
   such date exists.
2. **Anchoring**: an event stated to happen "in", "at" or "during" another event of its sentence
   happens then ("In his upcoming meeting with Mr Trump, experts say Kim will seek ...").
3. **Trip windows**: a traveller's trip under way at report time whose length is stated ("at the
   start of a four-day visit") runs from its first dated leg for that many days; a planned
   meeting of the traveller with no time falls between the report's day and the trip's last day.

Every date found here is derived ``narrative`` and keeps the expression it came from as its span.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from eventwire.models import Event, EventDate, Factuality, TextSpan, duration_days
from eventwire.nlp.timex import Timex

FUTURE = frozenset({Factuality.PLANNED, Factuality.HYPOTHETICAL})
HAPPENED = frozenset({Factuality.ASSERTED, Factuality.REPORTED})
DURING = frozenset({"in", "at", "during"})
GOVERNING = frozenset({"ccomp", "xcomp", "conj"})  # "experts say [Kim will seek]"


def frame_dates(
    doc: Doc, events: Sequence[Event], timexes: Sequence[Timex], published: date | None
) -> list[Event]:
    """``events`` with dates filled in from the events they refer to or happen within."""
    found = _anchored(doc, _coreferent(doc, list(events)))
    if published is not None:
        found = _trip_windows(found, timexes, published)
    return found


def _parties(event: Event) -> frozenset[str]:
    return frozenset(m.actor.id for m in (event.source, event.target) if m is not None)


def _side(event: Event) -> str:
    return "future" if event.factuality in FUTURE else "fact"


def _narrative(found: EventDate) -> EventDate:
    return dataclasses.replace(found, derivation="narrative")


def trigger_token(doc: Doc, event: Event) -> Token | None:
    """The root token of the event's trigger."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _coreferent(doc: Doc, events: list[Event]) -> list[Event]:
    return [_coreferent_date(doc, e, events) if e.date is None else e for e in events]


def _coreferent_date(doc: Doc, event: Event, events: list[Event]) -> Event:
    token = trigger_token(doc, event)
    parties = _parties(event)
    if token is None or token.pos_ not in ("NOUN", "PROPN") or len(parties) < 2:
        return event
    values = {
        other.date.value: other.date
        for other in events
        if other.date is not None
        and other.code.type == event.code.type
        and other.code.mode == event.code.mode
        and _side(other) == _side(event)
        and parties <= _parties(other)
    }
    if len(values) != 1:
        return event
    return dataclasses.replace(event, date=_narrative(next(iter(values.values()))))


def _anchored(doc: Doc, events: list[Event]) -> list[Event]:
    by_token: dict[int, Event] = {}
    for event in events:
        token = trigger_token(doc, event)
        if event.date is not None and token is not None and token.pos_ in ("NOUN", "PROPN"):
            by_token[token.i] = event
    if not by_token:
        return events
    return [_anchored_date(doc, e, by_token) if e.date is None else e for e in events]


def _anchored_date(doc: Doc, event: Event, by_token: dict[int, Event]) -> Event:
    token = trigger_token(doc, event)
    anchor = _anchor(token, by_token) if token is not None else None
    if anchor is None or anchor.date is None:
        return event
    return dataclasses.replace(event, date=_narrative(anchor.date))


def _anchor(token: Token, by_token: dict[int, Event]) -> Event | None:
    """The dated event named by an "in / at / during" phrase of the trigger's clause or of the
    clauses it is the complement of."""
    tok = token
    for _ in range(4):
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in DURING:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.i in by_token:
                        return by_token[obj.i]
        if tok.dep_ not in GOVERNING or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _trip_windows(events: list[Event], timexes: Sequence[Timex], published: date) -> list[Event]:
    legs: dict[tuple[str, str], list[Event]] = {}
    for event in events:
        if (
            event.code.mode == "visit"
            and event.factuality in HAPPENED
            and event.source is not None
            and event.target is not None
            and event.date is not None
            and event.date.precision in ("day", "range")
        ):
            key = (event.source.actor.id, event.target.actor.id)
            legs.setdefault(key, []).append(event)
    windows: dict[str, EventDate] = {}
    for (traveller, _), trip in legs.items():
        length = next((n for e in trip if (n := _stated_length(e, timexes)) is not None), None)
        if length is None:
            continue
        days, timex = length
        start = min(_days(e)[0] for e in trip)
        end = max(start + timedelta(days=days - 1), *(_days(e)[1] for e in trip))
        if start <= published <= end:
            span = TextSpan(timex.start, timex.end, timex.text)
            if published == end:
                windows[traveller] = EventDate(end.isoformat(), "day", "narrative", span)
            else:
                value = f"{published.isoformat()}/{end.isoformat()}"
                windows[traveller] = EventDate(value, "range", "narrative", span)
    if not windows:
        return events
    return [_in_window(e, windows) for e in events]


def _in_window(event: Event, windows: dict[str, EventDate]) -> Event:
    """A planned meeting of a traveller with no time of its own falls within the trip."""
    if event.date is not None or event.factuality is not Factuality.PLANNED:
        return event
    if event.code.type != "CONSULT" or event.source is None:
        return event
    window = windows.get(event.source.actor.id)
    return event if window is None else dataclasses.replace(event, date=window)


def _days(event: Event) -> tuple[date, date]:
    """The first and last day of a day- or range-dated event."""
    assert event.date is not None
    first, _, last = event.date.value.partition("/")
    return date.fromisoformat(first), date.fromisoformat(last or first)


def _stated_length(event: Event, timexes: Sequence[Timex]) -> tuple[int, Timex] | None:
    """A trip leg's stated length in days, from a length used as an adjective among its time
    spans ("at the start of a four-day visit")."""
    for timex in timexes:
        if timex.type != "DURATION" or "-" not in timex.text:
            continue
        if not any(timex.start < s.end and s.start < timex.end for s in event.times):
            continue
        days = duration_days(timex.value)
        if days is not None:
            return days, timex
    return None
