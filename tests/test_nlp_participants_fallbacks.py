"""Targets found beyond a verb's own slots, and groups given the country of their place.

Invented sentences parsed by the pinned model (skipped when it is absent), with the real actor
finder. What they protect: the complement of "refused to ..."/"threatened to ..." names whom
the act is aimed at; a threat's condition names whom it is made against; "in protest against X"
and "to protest X's decision" name the protested; an attack or coercion with no named target is
aimed at the country it happens in; "EU ministers" are the EU; local groups placed "in" a country
belong to it, foreign-sent ones do not; "of"/"from" give a group its country; an ethnic minority
is coded by where it lives.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

pytest.importorskip("spacy")

from spacy.tokens import Doc

from eventwire.models import ActorMention, Event
from eventwire.nlp.actor_table import ActorTable
from eventwire.nlp.actors import ActorIndex, find_actors
from eventwire.nlp.events import find_events

Parse = Callable[[str], Doc]


def _run(parse: Parse, table: ActorTable, text: str) -> tuple[list[ActorMention], list[Event]]:
    doc = parse(text)
    mentions = find_actors(doc, table)
    return mentions, find_events(doc, ActorIndex(mentions, table), "a")


def _event(parse: Parse, table: ActorTable, text: str, type_: str) -> Event:
    found = [e for e in _run(parse, table, text)[1] if e.code.type == type_]
    assert found, f"no {type_} in {text!r}"
    return found[0]


def _countries(event: Event) -> tuple[str | None, str | None]:
    source = event.source.actor.country if event.source else None
    target = event.target.actor.country if event.target else None
    return source, target


def _actor(parse: Parse, table: ActorTable, text: str, written: str) -> ActorMention:
    mentions = _run(parse, table, text)[0]
    found = [m for m in mentions if m.span.text == written]
    assert found, f"no mention {written!r} in {[m.span.text for m in mentions]}"
    return found[0]


# --- targets -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "type_", "dyad"),
    [
        (
            "Norway refused to respond to a demand from the Chilean president.",
            "REJECT",
            ("NOR", "CHL"),
        ),
        (
            "Ghana threatened to retaliate if Togo closed the border again.",
            "THREATEN",
            ("GHA", "TGO"),
        ),
        (
            "Kenyan farmers continued a hunger strike in protest of the Ugandan government's "
            "refusal to pay.",
            "PROTEST",
            ("KEN", "UGA"),
        ),
        (
            "A Peruvian senator started a hunger strike to protest Bolivia's decision.",
            "PROTEST",
            ("PER", "BOL"),
        ),
        ("Chadian troops shelled rebel positions in Sudan overnight.", "ASSAULT", ("TCD", "SDN")),
    ],
)
def test_targets_beyond_the_verbs_own_slots(
    parse: Parse, table: ActorTable, text: str, type_: str, dyad: tuple[str, str]
) -> None:
    assert _countries(_event(parse, table, text, type_)) == dyad


def test_a_named_target_wins_over_the_place(parse: Parse, table: ActorTable) -> None:
    text = "Chadian troops attacked Nigerian soldiers in Sudan."
    assert _countries(_event(parse, table, text, "ASSAULT")) == ("TCD", "NGA")


# --- groups --------------------------------------------------------------------------------------


def test_a_group_named_after_a_body_is_the_body(parse: Parse, table: ActorTable) -> None:
    text = "European Union foreign ministers met in Brussels."
    actor = _actor(parse, table, text, "European Union foreign ministers").actor
    assert actor.country == "EUR"


@pytest.mark.parametrize(
    ("text", "written", "country"),
    [
        ("Rebels in Mali attacked a convoy on Sunday.", "Rebels", "MLI"),
        ("Demonstrators in Nairobi blocked a highway.", "Demonstrators", "KEN"),
        ("Peacekeepers in Mali came under fire on Sunday.", "Peacekeepers", None),
        ("Diplomats from Chile arrived on Monday.", "Diplomats", "CHL"),
        ("Ethnic Serbs in Croatia demanded more autonomy.", "Serbs", "HRV"),
        ("Nigerian troops in Mali came under fire on Sunday.", "Nigerian troops", "NGA"),
    ],
)
def test_groups_take_the_country_of_their_place(
    parse: Parse, table: ActorTable, text: str, written: str, country: str | None
) -> None:
    assert _actor(parse, table, text, written).actor.country == country


def test_new_group_words(parse: Parse, table: ActorTable) -> None:
    text = "The court barred Zambian opposition candidates and jailed Malawian army officers."
    assert _actor(parse, table, text, "Zambian opposition candidates").actor.country == "ZMB"
    officers = _actor(parse, table, text, "Malawian army officers").actor
    assert (officers.country, officers.sector) == ("MWI", "MIL")
