"""Journeys: an actor's placed and dated events become ordered, merged stops."""

from __future__ import annotations

import datetime as dt

from eventwire.link.journeys import format_profile, journey, profile, profile_json
from eventwire.models import (
    Actor,
    ActorKind,
    ActorMention,
    Event,
    EventCode,
    EventDate,
    Factuality,
    Place,
    PlaceMention,
    TextSpan,
)

LEADER = Actor("person:ana-ruiz", "Ana Ruiz", ActorKind.PERSON, "ESP", "GOV", "prime minister")
HOST = Actor("person:ole-berg", "Ole Berg", ActorKind.PERSON, "NOR", "GOV", "prime minister")


def place(pid: str, name: str, kind: str, country: str, admin1: str | None = None) -> Place:
    return Place(pid, name, kind, country, admin1, 1.0, 2.0, 1000, "P", None)


MADRID = place("geonames:1", "Madrid", "city", "ESP")
OSLO = place("geonames:2", "Oslo", "city", "NOR")
NORWAY = place("country:NOR", "Norway", "country", "NOR")
BERGEN = place("geonames:3", "Bergen", "city", "NOR")


def event(
    n: int,
    where: Place | None,
    when: str | None,
    *,
    kind: str = "CONSULT",
    mode: str | None = "visit",
    factuality: Factuality = Factuality.ASSERTED,
    source: Actor = LEADER,
    target: Actor | None = HOST,
    facility: str | None = None,
) -> Event:
    span = TextSpan(n * 100, n * 100 + 5, "words")
    return Event(
        article_id=f"a{n % 2}",
        sentence=TextSpan(n * 100, n * 100 + 50, "s"),
        trigger=span,
        code=EventCode(kind, mode, "042", 1, 1.9),
        factuality=factuality,
        source=ActorMention(source, span),
        target=ActorMention(target, span) if target else None,
        place=PlaceMention(span, where, facility=facility) if where else None,
        date=EventDate(when, "day", "explicit") if when else None,
    )


def test_stops_in_time_order_whatever_the_event_order() -> None:
    events = [
        event(1, OSLO, "2025-03-04"),
        event(2, MADRID, "2025-03-03"),
    ]
    stops = journey(LEADER.id, events)
    assert [(s.place.name, s.dates) for s in stops] == [
        ("Madrid", "2025-03-03"),
        ("Oslo", "2025-03-04"),
    ]


def test_same_place_on_adjacent_days_is_one_stop_and_country_folds_into_city() -> None:
    events = [
        event(1, OSLO, "2025-03-04"),
        event(2, NORWAY, "2025-03-04"),  # "is visiting Norway"
        event(3, OSLO, "2025-03-05/2025-03-06", facility="Royal Palace"),
    ]
    (stop,) = journey(LEADER.id, events)
    assert (stop.place.name, stop.dates, stop.facility) == (
        "Oslo",
        "2025-03-04/2025-03-06",
        "Royal Palace",
    )
    assert len(stop.events) == 3


def test_a_year_never_widens_a_trip() -> None:
    events = [event(1, OSLO, "2025-03-04"), event(2, NORWAY, "2025")]
    stops = journey(LEADER.id, events)
    assert [s.dates for s in stops] == ["2025-01-01/2025-12-31", "2025-03-04"]


def test_negated_hypothetical_undated_and_unplaced_events_are_no_evidence() -> None:
    events = [
        event(1, BERGEN, "2025-03-01", factuality=Factuality.NEGATED),
        event(2, BERGEN, "2025-03-02", factuality=Factuality.HYPOTHETICAL),
        event(3, BERGEN, None),
        event(4, None, "2025-03-04"),
    ]
    assert journey(LEADER.id, events) == []


def test_plans_are_kept_and_marked() -> None:
    events = [event(1, OSLO, "2025-03-04", factuality=Factuality.PLANNED)]
    (stop,) = journey(LEADER.id, events)
    assert stop.planned


def test_host_and_guest_both_travel_only_where_they_take_part() -> None:
    events = [event(1, OSLO, "2025-03-04"), event(2, MADRID, "2025-03-01", target=None)]
    assert [s.place.name for s in journey(HOST.id, events)] == ["Oslo"]
    assert [s.place.name for s in journey(LEADER.id, events)] == ["Madrid", "Oslo"]


def test_profile_counts_types_and_names() -> None:
    events = [
        event(1, OSLO, "2025-03-04"),
        event(2, None, None, kind="REQUEST", mode=None, factuality=Factuality.PLANNED),
        event(3, MADRID, "2025-03-01"),
    ]
    p = profile(LEADER, [("Ms Ruiz", 2), ("Ana Ruiz", 5)], events)
    assert p.names == (("Ana Ruiz", 5), ("Ms Ruiz", 2))
    assert p.events_by_type == (("CONSULT", 2, 2), ("REQUEST", 1, 0))
    assert p.articles == 2
    text = "\n".join(format_profile(p))
    assert "Madrid (ESP)" in text and "REQUEST 1 (0 asserted)" in text
    data = profile_json(p)
    assert [s["place"] for s in data["journey"]] == ["Madrid", "Oslo"]  # type: ignore[index]
    assert dt.date(2025, 3, 1) == p.journey[0].first
