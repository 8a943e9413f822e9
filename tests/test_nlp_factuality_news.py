"""Factuality in the constructions of news reports, on invented sentences parsed by the pinned
model: what a negated factive verb takes as known, a belief about the past, monitors' reports,
subjects that deny the event ("no one", "nobody"), an event noun that acts in its clause, and
"if" opening a question rather than a condition."""

from __future__ import annotations

from typing import Any

import pytest
from nlp_events_support import TableLookup, default_table, load_model

from eventwire.models import Factuality
from eventwire.nlp.events import find_events

A, N, R, H = (
    Factuality.ASSERTED,
    Factuality.NEGATED,
    Factuality.REPORTED,
    Factuality.HYPOTHETICAL,
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model()


def factualities(nlp: Any, text: str, type_: str) -> list[Factuality]:
    doc = nlp(text)
    events = find_events(doc, TableLookup(doc, default_table()), "a")
    found = [e.factuality for e in events if e.code.type == type_]
    assert found, text
    return found


CASES = [
    # a negated factive verb: what is realised or known still happened
    ("Villagers did not realise that soldiers had burned the granary.", "ASSAULT", [A]),
    ("Some said they didn't know they had been wounded.", "ASSAULT", [A]),
    # a belief or estimate about what has happened is a hedged report; about the future, a guess
    ("The agency estimates that 300 people have been killed since May.", "ASSAULT", [R]),
    ("Analysts believe the two ministers met secretly in Nairobi.", "CONSULT", [R]),
    ("Analysts believe the two ministers will meet in Nairobi.", "CONSULT", [H]),
    # monitors report what they saw; a past passive is past ("were shot or stabbed")
    ("Ceasefire observers reported that many were shot at close range or stabbed.", "ASSAULT", [A]),
    # a subject that denies the event
    ("No one was injured in the blast.", "ASSAULT", [N]),
    ("Nobody protested against the new law.", "PROTEST", [N]),
    # an event noun that acts in its clause happened; a happening verb still negates it
    ("The attacks on Kenyan towns did not deter the protesters.", "ASSAULT", [A]),
    ("The talks between Peru and Chile did not begin on time.", "CONSULT", [N]),
    # "if" after a verb of asking or telling opens a question, not a condition
    (
        "While challenging the board to tell the public if the chairman was still in charge, "
        "Mr Okafor urged the members to vote.",
        "ACCUSE",
        [A],
    ),
    ("If the talks fail, Peru will recall its ambassador.", "SANCTION", [H]),
    # what must happen has not happened; what had to happen mostly did
    ("The general needs to resign.", "RETREAT", [H]),
    ("The army has to withdraw from the city by Friday.", "RETREAT", [H]),
    ("The rebels are required to lay down their arms.", "RETREAT", [H]),
    ("The army had to withdraw from the city.", "RETREAT", [A]),
    ("Countries where we have supported/are still supporting a dictator.", "SUPPORT", [A]),
]


@pytest.mark.parametrize(("text", "type_", "expected"), CASES)
def test_news_factuality(nlp: Any, text: str, type_: str, expected: list[Factuality]) -> None:
    assert set(factualities(nlp, text, type_)) == set(expected)
