"""Event places: stated, shared in a sentence, departures, narrative, and a state at home."""

from __future__ import annotations

from dataclasses import replace

from eventwire.models import (
    Actor,
    ActorKind,
    ActorMention,
    Event,
    EventCode,
    Factuality,
    Place,
    PlaceMention,
    TextSpan,
)
from eventwire.places.event_places import place_events, targets_from_places
from eventwire.places.stage import dateline_place

ESTONIA = Actor("EST", "Estonia", ActorKind.COUNTRY, "EST", "GOV")
LEADER = Actor("person:mari-tamm", "Mari Tamm", ActorKind.PERSON, "EST", "GOV", "president")
MINISTER = Actor("person:ole-lund", "Ole Lund", ActorKind.PERSON, "NOR", "GOV", "minister")
TALLINN = Place("geonames:1", "Tallinn", "city", "EST", None, 59.4, 24.7, 400_000, "P", 1)
OSLO = Place("geonames:2", "Oslo", "city", "NOR", None, 59.9, 10.7, 600_000, "P", 2)
EST = Place("country:EST", "Estonia", "country", "EST", None, 58.6, 25.0, 1_300_000, "A", 3)


def capital_of(code: str) -> Place | None:
    return {"EST": TALLINN, "NOR": OSLO}.get(code)


def country(code: str) -> Place | None:
    return EST if code == "EST" else None


def event(
    start: int,
    kind: str,
    mode: str | None,
    trigger: str,
    *,
    source: Actor = LEADER,
    target: Actor | None = MINISTER,
    location: TextSpan | None = None,
    sentence: TextSpan | None = None,
    factuality: Factuality = Factuality.ASSERTED,
) -> Event:
    span = TextSpan(start, start + len(trigger), trigger)
    return Event(
        article_id="a",
        sentence=sentence or TextSpan(start, start + 60, trigger + " " * (60 - len(trigger))),
        trigger=span,
        code=EventCode(kind, mode, "040", 1, 1.0),
        factuality=factuality,
        source=ActorMention(source, span),
        target=ActorMention(target, span) if target else None,
        location=location,
    )


def places_of(events: list[Event], mentions: list[PlaceMention]) -> list[str | None]:
    placed = place_events(events, mentions, capital_of=capital_of, country=country)
    return [(e.place.place.name if e.place.place else None) if e.place else None for e in placed]


def test_the_stated_place_is_the_resolved_mention_it_overlaps() -> None:
    oslo = TextSpan(20, 24, "Oslo")
    mentions = [PlaceMention(oslo, OSLO)]
    assert places_of([event(0, "CONSULT", "meet", "met", location=oslo)], mentions) == ["Oslo"]


def test_an_event_of_the_same_sentence_with_a_shared_party_lends_its_place() -> None:
    sentence = TextSpan(0, 80, "x" * 80)
    oslo = TextSpan(30, 34, "Oslo")
    summit = event(10, "CONSULT", "meet", "summit", location=oslo, sentence=sentence)
    no_deal = event(50, "AGREE", None, "agreement", sentence=sentence)
    assert places_of([summit, no_deal], [PlaceMention(oslo, OSLO)]) == ["Oslo", "Oslo"]


def test_a_departure_with_no_origin_leaves_the_capital() -> None:
    leaves = event(0, "CONSULT", "visit", "departed", target=None)
    assert places_of([leaves], []) == ["Tallinn"]


def test_the_story_stays_put_but_a_plan_is_not_placed_by_the_past() -> None:
    oslo = TextSpan(20, 24, "Oslo")
    met = event(0, "CONSULT", "meet", "met", location=oslo)
    signed = event(100, "AGREE", None, "signed")
    will = event(200, "AGREE", None, "will sign", factuality=Factuality.PLANNED)
    assert places_of([met, signed, will], [PlaceMention(oslo, OSLO)]) == ["Oslo", "Oslo", None]


def test_a_state_acts_at_home_but_a_person_travels() -> None:
    state = event(0, "THREATEN", None, "threatened", source=ESTONIA)
    person = event(900, "THREATEN", None, "threatened")
    assert places_of([state, person], []) == ["Estonia", None]


def test_a_trip_to_the_country_goes_where_the_anaphor_points() -> None:
    text = "visit to the country soon"
    sentence = TextSpan(100, 100 + len(text), text)
    anaphor = TextSpan(109, 120, "the country")
    trip = event(100, "CONSULT", "visit", "visit", sentence=sentence)
    mention = PlaceMention(anaphor, EST, how="anaphor")
    assert places_of([trip], [mention]) == ["Estonia"]


def test_a_trip_to_a_state_is_not_placed_where_the_story_just_was() -> None:
    norway = Actor("NOR", "Norway", ActorKind.COUNTRY, "NOR", "GOV")
    tallinn = TextSpan(20, 27, "Tallinn")
    met = event(0, "CONSULT", "meet", "met", location=tallinn)
    trip = event(100, "CONSULT", "visit", "will travel", target=norway)
    assert places_of([met, trip], [PlaceMention(tallinn, TALLINN)]) == ["Tallinn", None]


def test_a_domestic_event_with_no_place_is_placed_at_the_dateline() -> None:
    dateline = PlaceMention(TextSpan(0, 7, "TALLINN"), TALLINN)
    signed = event(100, "AGREE", None, "signed")  # an Estonian and a Norwegian party
    planned = event(1000, "AGREE", None, "will sign", factuality=Factuality.PLANNED)
    trip = event(2000, "CONSULT", "visit", "visited")
    abroad = event(3000, "ACCUSE", None, "accused", source=MINISTER, target=None)
    placed = place_events(
        [signed, planned, trip, abroad],
        [],
        capital_of=capital_of,
        country=country,
        dateline=dateline,
    )
    assert placed[0].place is not None and placed[0].place.place == TALLINN
    assert placed[0].place.how == "dateline"
    assert [e.place for e in placed[1:]] == [None, None, None]  # a plan, a trip, a foreigner


def test_the_dateline_is_found_under_a_blanked_title_and_read_as_the_article_reads_it() -> None:
    text = " " * 40 + "\n" + "  TALLINN — Estonia and Norway signed a deal in Tallinn.\n"
    said = text.index("Tallinn.")
    mentions = [PlaceMention(TextSpan(said, said + 7, "Tallinn"), TALLINN)]
    found = dateline_place(text, mentions)
    assert found is not None and found.place == TALLINN
    assert text[found.span.start : found.span.end] == "TALLINN"
    assert dateline_place("Estonia and Norway signed a deal in Tallinn.", mentions) is None


def test_an_act_done_in_a_place_with_no_target_is_aimed_at_its_state() -> None:
    tallinn = TextSpan(20, 27, "Tallinn")
    siege = event(0, "COERCE", None, "declared", target=None, location=tallinn)
    statement = event(100, "ACCUSE", None, "accused", target=None, location=tallinn)
    mentions = [PlaceMention(tallinn, TALLINN)]
    placed = place_events([siege, statement], mentions, capital_of=capital_of, country=country)
    aimed = targets_from_places(placed, lambda code: ESTONIA if code == "EST" else None)
    assert aimed[0].target is not None and aimed[0].target.actor == ESTONIA
    assert aimed[0].target.span == tallinn
    assert aimed[1].target is None  # a statement is not aimed at where it was made
    implied = targets_from_places(
        place_events(
            [event(300, "COERCE", None, "arrested", target=None)],
            [],
            capital_of=capital_of,
            country=country,
            dateline=PlaceMention(TextSpan(0, 7, "TALLINN"), TALLINN),
        ),
        lambda code: ESTONIA,
    )
    assert implied[0].target is None  # only a place stated in the clause


def test_a_visit_is_to_the_state_its_clause_names_not_one_named_elsewhere() -> None:
    norway = Actor("NOR", "Norway", ActorKind.COUNTRY, "NOR", "GOV")
    sentence = TextSpan(0, 80, "x" * 80)
    tallinn = TextSpan(30, 37, "Tallinn")
    elsewhere = ActorMention(norway, TextSpan(200, 206, "Norway"))  # the next paragraph's
    visit = replace(
        event(10, "CONSULT", "visit", "visit", location=tallinn, sentence=sentence),
        source=ActorMention(MINISTER, TextSpan(12, 20, "Ole Lund")),
        target=elsewhere,
    )
    left = replace(visit, trigger=TextSpan(10, 14, "left"))
    mentions = [PlaceMention(tallinn, TALLINN)]
    placed = place_events([visit, left], mentions, capital_of=capital_of, country=country)
    hosted = targets_from_places(placed, lambda code: ESTONIA if code == "EST" else None)
    assert hosted[0].target is not None and hosted[0].target.actor == ESTONIA
    assert hosted[1].target == elsewhere  # a departure's place is where the trip began


def test_unnamed_victims_and_local_actors_are_of_the_place_of_the_act() -> None:
    tallinn = TextSpan(40, 47, "Tallinn")
    police = Actor("group:-:COP:police", "police", ActorKind.GROUP, None, "COP")
    students = Actor("group:-:EDU:students", "students", ActorKind.GROUP, None, "EDU")
    troops = Actor("group:-:MIL:troops", "troops", ActorKind.GROUP, None, "MIL")
    arrest = event(0, "COERCE", "arrest", "arrested", source=police, target=students)
    raid = event(100, "ASSAULT", None, "raided", source=troops, target=students)
    arrest, raid = (replace(e, location=tallinn) for e in (arrest, raid))
    mentions = [PlaceMention(tallinn, TALLINN)]
    placed = place_events([arrest, raid], mentions, capital_of=capital_of, country=country)
    arrested, raided = targets_from_places(placed, lambda code: ESTONIA)
    assert arrested.source is not None and arrested.source.actor.id == "group:EST:COP:police"
    assert arrested.target is not None and arrested.target.actor.country == "EST"
    assert raided.source is not None and raided.source.actor.country is None  # troops go abroad
    assert raided.target is not None and raided.target.actor.id == "group:EST:EDU:students"
    unplaced = targets_from_places(
        place_events([replace(arrest, location=None)], [], capital_of=capital_of, country=country),
        lambda code: ESTONIA,
    )
    assert unplaced[0].target is not None and unplaced[0].target.actor.country is None


def test_a_dateline_named_nowhere_else_still_places_the_report_s_domestic_events() -> None:
    """Through the whole extractor: the dateline's place is read like a place the text states."""
    from nlp_events_support import analyse

    text = (
        "KAMPALA, Uganda (AP) — Ugandan police arrested 40 opposition supporters on Monday.\n\n"
        "Uganda's opposition condemned the arrests."
    )
    events = analyse(text).events
    arrest = next(e for e in events if e.code.type == "COERCE")
    assert arrest.place is not None and arrest.place.place is not None
    assert (arrest.place.place.name, arrest.place.place.country) == ("Kampala", "UGA")
    assert arrest.place.how == "dateline"
