"""Fusion: mentions of one happening, in one report or many, become one event; others stay apart.

Records are built by hand: invented leaders of invented states (Valdoria, Ornland, Selvia).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from functools import partial

from eventwire.link.fusion import FusedEvent, fuse
from eventwire.models import (
    Actor,
    ActorKind,
    ActorMention,
    Event,
    EventCode,
    EventDate,
    EventDuration,
    Factuality,
    Place,
    PlaceMention,
    TextSpan,
)
from eventwire.store.events import StoredEvent

KOVIN = Actor("person:mara-kovin", "Mara Kovin", ActorKind.PERSON, "VAL", "GOV", "president")
BRANDT = Actor("person:teo-brandt", "Teo Brandt", ActorKind.PERSON, "ORN", "GOV", "chancellor")
SAAR = Actor("person:ilse-saar", "Ilse Saar", ActorKind.PERSON, "SEL", "GOV", "premier")
ORNLAND = Actor("ORN", "Ornland", ActorKind.COUNTRY, "ORN", "GOV")


def place(pid: str, name: str, kind: str, country: str) -> Place:
    return Place(pid, name, kind, country, None, 1.0, 2.0, 1000, "P", None)


VELMAR = place("geonames:11", "Velmar", "city", "VAL")  # Valdoria's capital
ORNHAVN = place("geonames:21", "Ornhavn", "city", "ORN")  # Ornland's capital
PORT_LISK = place("geonames:22", "Port Lisk", "city", "ORN")
ORNLAND_PLACE = place("country:ORN", "Ornland", "country", "ORN")
SELBOURG = place("geonames:31", "Selbourg", "city", "SEL")

CODES = {
    ("CONSULT", "visit"): ("042", 1.9),
    ("CONSULT", "meet"): ("043", 2.8),
    ("AGREE", None): ("057", 8.0),
    ("AGREE", "invite"): ("039", 3.0),
    ("ACCUSE", None): ("112", -2.0),
}


def stored(
    n: int,
    *,
    article: str,
    when: str | None,
    where: Place | None = None,
    kind: str = "CONSULT",
    mode: str | None = "visit",
    source: Actor | None = KOVIN,
    target: Actor | None = BRANDT,
    trigger: str = "visited",
    factuality: Factuality = Factuality.ASSERTED,
    outlet: str | None = None,
    facility: str | None = None,
    duration: tuple[str, str | None, str] | None = None,
) -> StoredEvent:
    """Mention ``n`` of an event in report ``article`` (``n`` keeps the trigger offsets apart)."""
    span = TextSpan(n * 100, n * 100 + len(trigger), trigger)
    cameo, intensity = CODES[(kind, mode)]
    event = Event(
        article_id=article,
        sentence=TextSpan(n * 100, n * 100 + 60, f"Sentence {n} of {article}: {trigger}."),
        trigger=span,
        code=EventCode(kind, mode, cameo, 1, intensity),
        factuality=factuality,
        source=ActorMention(source, span) if source else None,
        target=ActorMention(target, span) if target else None,
        date=EventDate(when, "day", "explicit") if when else None,
        place=PlaceMention(span, where, facility=facility) if where else None,
        duration=_duration(span, duration) if duration else None,
    )
    published = dt.date(2025, 3, 1) + dt.timedelta(days=n % 7)
    url = f"https://news.example/{article}"
    return StoredEvent(event, f"reports/{article}.html", url, outlet, published)


def _duration(span: TextSpan, stated: tuple[str, str | None, str]) -> EventDuration:
    value, mod, text = stated
    return EventDuration(value, mod, TextSpan(span.start, span.end, text))


def ids(fused: FusedEvent) -> set[str]:
    return {s.event.id for s in fused.evidence}


# --- the same happening ------------------------------------------------------------------------


def test_three_reports_of_one_arrival_are_one_event_with_three_sources() -> None:
    mentions = [
        stored(1, article="a1", when="2025-03-04", where=ORNHAVN, trigger="arrived", outlet="Post"),
        stored(2, article="a2", when="2025-03-04", where=ORNHAVN, trigger="landed", outlet="Wire"),
        stored(3, article="a3", when="2025-03-04", where=ORNHAVN, trigger="arrives", outlet="Post"),
    ]
    (event,) = fuse(mentions)
    assert (event.type, event.mode, event.source, event.target) == (
        "CONSULT",
        "visit",
        KOVIN,
        BRANDT,
    )
    assert (event.mentions, event.articles, event.outlets) == (3, 3, 2)
    assert (event.date, event.date_precision, event.place) == ("2025-03-04", "day", ORNHAVN)
    assert event.factuality is Factuality.ASSERTED
    assert event.conflicts == ()
    assert event.id == hashlib.sha256("\n".join(sorted(ids(event))).encode()).hexdigest()[:16]
    first = event.evidence[0]
    assert (first.article_source, first.article_url) == (
        "reports/a1.html",
        "https://news.example/a1",
    )
    assert first.event.trigger.text == "arrived"
    assert first.event.sentence.text.startswith("Sentence 1")


def test_departure_arrival_and_is_visiting_of_one_trip_are_one_visit() -> None:
    mentions = [
        # "Kovin left for Ornland on Monday": the place of a departure is home, not the visit
        stored(1, article="a1", when="2025-03-03", where=VELMAR, trigger="left", target=ORNLAND),
        stored(2, article="a2", when="2025-03-04", where=PORT_LISK, trigger="arrived", target=None),
        stored(3, article="a3", when="2025-03-05", where=ORNHAVN, trigger="visiting"),
        stored(4, article="a3", when="2025-03-05", where=ORNHAVN, trigger="hosted"),
    ]
    (visit,) = fuse(mentions)
    assert visit.mentions == 4 and visit.articles == 3
    assert (visit.date, visit.date_precision) == ("2025-03-03/2025-03-05", "range")
    assert visit.place == ORNHAVN  # the majority place; the border town is in the same country
    assert visit.source == KOVIN
    assert visit.target == BRANDT  # Ornland (the state) and its chancellor are one host
    assert visit.conflicts == ()  # a trip touching two towns of one country is no disagreement


def test_two_summits_months_apart_stay_apart() -> None:
    mentions = [
        stored(1, article="a1", when="2024-06-12", where=SELBOURG, mode="meet", trigger="met"),
        stored(2, article="a2", when="2024-06-12", where=SELBOURG, mode="meet", trigger="talks"),
        stored(3, article="a3", when="2025-02-27", where=PORT_LISK, mode="meet", trigger="met"),
        stored(4, article="a4", when="2025-02", where=PORT_LISK, mode="meet", trigger="summit"),
    ]
    first, second = fuse(mentions)
    assert (first.date, first.place, first.mentions) == ("2024-06-12", SELBOURG, 2)
    assert (second.date, second.place, second.mentions) == ("2025-02-27", PORT_LISK, 2)


def test_meetings_match_in_either_order_but_accusations_do_not() -> None:
    met = [
        stored(1, article="a1", when="2025-03-04", mode="meet", trigger="met"),
        stored(
            2,
            article="a2",
            when="2025-03-04",
            mode="meet",
            trigger="met",
            source=BRANDT,
            target=KOVIN,
        ),
    ]
    (meeting,) = fuse(met)
    assert {meeting.source, meeting.target} == {KOVIN, BRANDT}
    accused = [
        stored(1, article="a1", when="2025-03-04", kind="ACCUSE", mode=None, trigger="accused"),
        stored(2, article="a2", when="2025-03-04", kind="ACCUSE", mode=None, trigger="accused",
               source=BRANDT, target=KOVIN),
    ]  # fmt: skip
    assert len(fuse(accused)) == 2
    invited = [
        stored(1, article="a1", when="2025-03-04", kind="AGREE", mode="invite", trigger="invited"),
        stored(2, article="a2", when="2025-03-04", kind="AGREE", mode="invite", trigger="invited",
               source=BRANDT, target=KOVIN),
    ]  # fmt: skip
    assert len(fuse(invited)) == 2  # who invited whom matters


def test_different_actors_modes_or_countries_stay_apart() -> None:
    mentions = [
        stored(1, article="a1", when="2025-03-04", where=ORNHAVN),
        stored(2, article="a2", when="2025-03-04", where=ORNHAVN, source=SAAR),
        stored(3, article="a3", when="2025-03-04", where=ORNHAVN, mode="meet", trigger="met"),
        stored(4, article="a4", when="2025-03-04", where=SELBOURG, target=None),
    ]
    assert len(fuse(mentions)) == 4


# --- factuality --------------------------------------------------------------------------------


def test_a_plan_and_its_happening_are_one_event_that_happened() -> None:
    mentions = [
        stored(1, article="a1", when="2025-03", mode="meet", trigger="will meet",
               factuality=Factuality.PLANNED),
        stored(2, article="a2", when="2025-03-14", mode="meet", trigger="met", where=PORT_LISK),
    ]  # fmt: skip
    (event,) = fuse(mentions)
    assert event.factuality is Factuality.ASSERTED
    assert event.planned_mentions == 1 and event.was_planned
    assert event.date == "2025-03-14"


def test_a_plan_alone_stays_a_plan() -> None:
    mentions = [
        stored(
            n, article=f"a{n}", when="2025-04", factuality=Factuality.PLANNED, trigger="will visit"
        )
        for n in (1, 2)
    ]
    (event,) = fuse(mentions)
    assert event.factuality is Factuality.PLANNED
    assert event.planned_mentions == 2 and not event.was_planned


def test_a_negated_agreement_never_fuses_with_an_asserted_one() -> None:
    agree = partial(stored, kind="AGREE", mode=None, where=SELBOURG, when="2025-03-04")
    mentions = [
        agree(1, article="a1", trigger="no deal", factuality=Factuality.NEGATED),
        agree(2, article="a2", trigger="failed to agree", factuality=Factuality.NEGATED),
        agree(3, article="a3", trigger="agreed"),
    ]
    fused = sorted(fuse(mentions), key=lambda f: f.factuality.value)
    assert [(f.factuality, f.mentions) for f in fused] == [
        (Factuality.ASSERTED, 1),
        (Factuality.NEGATED, 2),
    ]


# --- disagreements -----------------------------------------------------------------------------


def test_an_arrival_told_on_two_days_is_one_event_with_a_date_conflict() -> None:
    mentions = [
        stored(1, article="a1", when="2025-03-04", where=ORNHAVN, trigger="arrived"),
        stored(2, article="a2", when="2025-03-04", where=ORNHAVN, trigger="arrived"),
        stored(3, article="a3", when="2025-03-05", where=ORNHAVN, trigger="arrived"),
    ]
    (event,) = fuse(mentions)
    (conflict,) = event.conflicts
    assert conflict.field == "date"
    assert conflict.values == (("2025-03-04", 2), ("2025-03-05", 1))
    assert "arrival" in conflict.note


def test_an_agreement_dated_differently_keeps_the_most_stated_date_and_flags_it() -> None:
    agree = partial(stored, kind="AGREE", mode=None, where=SELBOURG, trigger="signed")
    mentions = [
        agree(1, article="a1", when="2025-03-04"),
        agree(2, article="a2", when="2025-03-05"),
        agree(3, article="a3", when="2025-03-05"),
    ]
    (event,) = fuse(mentions)
    assert event.date == "2025-03-05"
    assert [(c.field, c.values) for c in event.conflicts] == [
        ("date", (("2025-03-05", 2), ("2025-03-04", 1)))
    ]


def test_near_dates_do_not_fuse_without_the_same_actors_and_place() -> None:
    agree = partial(stored, kind="AGREE", mode=None, trigger="signed")
    mentions = [
        agree(1, article="a1", when="2025-03-04", where=SELBOURG),
        agree(2, article="a2", when="2025-03-05", where=None),  # no place to confirm it
        agree(3, article="a3", when="2025-03-05", where=SELBOURG, target=None),  # half the actors
    ]
    m1, m2, m3 = (m.event.id for m in mentions)
    assert {frozenset(ids(f)) for f in fuse(mentions)} == {frozenset({m1}), frozenset({m2, m3})}


def test_one_meeting_placed_in_two_countries_is_flagged() -> None:
    mentions = [
        stored(1, article="a1", when="2025-03-04", where=PORT_LISK, mode="meet", trigger="met"),
        stored(2, article="a2", when="2025-03-04", where=PORT_LISK, mode="meet", trigger="met"),
        stored(3, article="a3", when="2025-03-04", where=SELBOURG, mode="meet", trigger="met"),
    ]
    (event,) = fuse(mentions)
    assert event.place == PORT_LISK
    assert [(c.field, c.values, c.note) for c in event.conflicts] == [
        ("place", (("Port Lisk (ORN)", 2), ("Selbourg (SEL)", 1)), "places in different countries")
    ]


def test_a_country_supports_the_city_inside_it() -> None:
    mentions = [
        stored(1, article="a1", when="2025-03-04", where=ORNLAND_PLACE, target=ORNLAND),
        stored(2, article="a2", when="2025-03-04", where=ORNLAND_PLACE, target=ORNLAND),
        stored(3, article="a3", when="2025-03-04", where=ORNHAVN, facility="Lantern Palace"),
    ]
    (event,) = fuse(mentions)
    assert (event.place, event.facility, event.target) == (ORNHAVN, "Lantern Palace", ORNLAND)
    assert event.conflicts == ()


# --- clustering --------------------------------------------------------------------------------


def test_a_chain_cannot_join_incompatible_ends() -> None:
    accuse = partial(stored, kind="ACCUSE", mode=None, trigger="accused")
    mentions = [
        accuse(1, article="a1", when="2025-03-01"),
        accuse(2, article="a2", when="2025-03"),  # fits both days below
        accuse(3, article="a3", when="2025-03-20"),
    ]
    fused = fuse(mentions)
    assert len(fused) == 2
    day1, day20 = mentions[0].event.id, mentions[2].event.id
    assert not any({day1, day20} <= ids(f) for f in fused)


def test_an_undated_mention_joins_only_an_unambiguous_event() -> None:
    meet = partial(stored, mode="meet", trigger="met")
    summits = [
        meet(1, article="a1", when="2024-06-12", where=SELBOURG),
        meet(2, article="a2", when="2025-02-27", where=PORT_LISK),
    ]
    vague = meet(3, article="a3", when=None)  # either summit: stays alone
    placed = meet(4, article="a4", when=None, where=PORT_LISK)  # only the second
    fused = fuse([*summits, vague, placed])
    assert sorted(f.mentions for f in fused) == [1, 1, 2]
    (lisk,) = (f for f in fused if f.mentions == 2)
    assert ids(lisk) == {summits[1].event.id, placed.event.id}
    assert lisk.date == "2025-02-27"


def test_undated_mentions_in_one_place_are_one_event() -> None:
    meet = partial(stored, mode="meet", trigger="met", when=None)
    mentions = [
        meet(1, article="a1", where=SELBOURG, factuality=Factuality.HYPOTHETICAL),
        meet(2, article="a2", where=SELBOURG, factuality=Factuality.PLANNED),
        meet(3, article="a3", where=SELBOURG),
        meet(4, article="a4", where=PORT_LISK),  # another country: another meeting
    ]
    fused = sorted(fuse(mentions), key=lambda f: f.mentions)
    assert [(f.mentions, f.place, f.date) for f in fused] == [
        (1, PORT_LISK, None),
        (3, SELBOURG, None),
    ]
    assert fused[1].factuality is Factuality.ASSERTED and fused[1].planned_mentions == 1


def test_a_mention_with_no_actor_needs_date_and_place() -> None:
    mentions = [
        stored(1, article="a1", when="2025-03-04", where=PORT_LISK, mode="meet", trigger="met"),
        stored(2, article="a2", when="2025-03-04", where=PORT_LISK, mode="meet", trigger="summit",
               source=None, target=None),
        stored(3, article="a3", when="2025-03-04", mode="meet", trigger="summit", source=None,
               target=None),
    ]  # fmt: skip
    fused = fuse(mentions)
    assert sorted(f.mentions for f in fused) == [1, 2]


def test_the_result_does_not_depend_on_input_order() -> None:
    mentions = [
        stored(1, article="a1", when="2025-03-03", where=VELMAR, trigger="left", target=ORNLAND),
        stored(2, article="a2", when="2025-03-04", where=ORNHAVN, trigger="arrived"),
        stored(3, article="a3", when=None, trigger="visit"),
        stored(4, article="a4", when="2025-03-04", where=PORT_LISK, mode="meet", trigger="met"),
        stored(5, article="a5", when="2025-03-04", where=SELBOURG, mode="meet", trigger="met"),
        stored(6, article="a6", when="2025-03", mode="meet", trigger="talks",
               factuality=Factuality.PLANNED),
        stored(7, article="a7", when="2025-03-05", kind="AGREE", mode=None, trigger="signed"),
        stored(8, article="a8", when="2025-03-04", kind="AGREE", mode=None, trigger="signed"),
        stored(9, article="a9", when="2025-03-04", kind="AGREE", mode=None, trigger="no deal",
               factuality=Factuality.NEGATED),
    ]  # fmt: skip
    expected = fuse(mentions)
    rng = random.Random(8)
    for _ in range(25):
        shuffled = mentions[:]
        rng.shuffle(shuffled)
        assert fuse(shuffled) == expected
    assert fuse(mentions + mentions[:3]) == expected  # the same mention twice counts once


def test_lengths_that_cannot_both_be_true_are_flagged() -> None:
    trip = partial(stored, when="2025-03-04", where=ORNHAVN, trigger="journey")
    mentions = [
        trip(1, article="a1", duration=("PT48H", None, "48 hours")),
        trip(2, article="a2", duration=("PT48H", None, "48-hour")),
        trip(3, article="a3", duration=("P2D", "MORE_THAN", "more than two days")),
        trip(4, article="a4", duration=("PT60H", None, "60 hours")),
    ]
    (event,) = fuse(mentions)
    assert event.duration == "48 hours"
    (conflict,) = event.conflicts
    assert conflict.field == "duration"
    assert dict(conflict.values) == {
        "48 hours": 1,
        "48-hour": 1,
        "more than two days": 1,
        "60 hours": 1,
    }


def test_lengths_that_agree_are_no_conflict() -> None:
    trip = partial(stored, when="2025-03-04", where=ORNHAVN, trigger="journey")
    mentions = [
        trip(1, article="a1", duration=("P2D", "MORE_THAN", "more than two days")),
        trip(2, article="a2", duration=("PT60H", None, "60 hours")),
        trip(3, article="a3", duration=("PT2H", "APPROX", "about two hours")),
    ]
    (event,) = fuse(mentions)
    assert [c.field for c in event.conflicts] == ["duration"]  # two hours is not sixty
    (agreeing,) = fuse(mentions[:2])
    assert agreeing.conflicts == () and agreeing.duration in ("more than two days", "60 hours")


def test_nothing_in_nothing_out() -> None:
    assert fuse([]) == []


def test_an_unnamed_side_is_no_evidence_for_or_against_fusing() -> None:
    unnamed_orn = Actor("unnamed:ORN", "unnamed actor (Ornland)", ActorKind.GROUP, "ORN")
    unnamed_sel = Actor("unnamed:SEL", "unnamed actor (Selvia)", ActorKind.GROUP, "SEL")
    told_twice = [
        stored(1, article="a1", when="2025-03-04", where=ORNHAVN, kind="ACCUSE", mode=None,
               trigger="accused", source=BRANDT, target=KOVIN),
        stored(2, article="a2", when="2025-03-04", where=ORNHAVN, kind="ACCUSE", mode=None,
               trigger="accused", source=unnamed_orn, target=KOVIN),
    ]  # fmt: skip
    (fused,) = fuse(told_twice)  # one report names the accuser, the other does not
    assert fused.source == BRANDT
    apart = [
        stored(1, article="a1", when="2025-03-04", where=ORNHAVN, kind="ACCUSE", mode=None,
               trigger="accused", source=unnamed_orn, target=KOVIN),
        stored(2, article="a2", when="2025-03-09", where=SELBOURG, kind="ACCUSE", mode=None,
               trigger="accused", source=unnamed_orn, target=SAAR),
        stored(3, article="a3", when="2025-03-04", where=SELBOURG, kind="ACCUSE", mode=None,
               trigger="accused", source=unnamed_sel, target=SAAR),
    ]  # fmt: skip
    assert len(fuse(apart)) == 3
