"""Bodies named again by a common noun ("the alliance", "the world body", "the court"), and world
bodies that a demonym before them does not make national.

The sentences are invented; they are parsed with the pinned English model (skipped without it).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

pytest.importorskip("spacy")

from spacy.tokens import Doc

from eventwire.models import ActorMention
from eventwire.nlp.actor_table import ActorTable
from eventwire.nlp.actors import find_actors

Parse = Callable[[str], Doc]


def ids_by_text(parse: Parse, table: ActorTable, text: str) -> dict[str, str]:
    mentions: list[ActorMention] = find_actors(parse(text), table)
    return {m.span.text: m.actor.id for m in mentions}


NATO = "org:IGO:nato"


@pytest.mark.parametrize(
    ("text", "phrase", "actor"),
    [
        (
            "NATO ministers met in Brussels. The western military alliance invited Ruritania "
            "to join.",
            "The western military alliance",
            NATO,
        ),
        ("NATO met. Ruritania hopes to join the 30-nation bloc.", "the 30-nation bloc", NATO),
        (
            "The United Nations sent envoys to Kordavia. The world body condemned the raid.",
            "The world body",
            "org:UNO:united-nations",
        ),
        (
            "Kordavia asked the International Monetary Fund for a loan. The lender refused.",
            "The lender",
            "org:IGO:international-monetary-fund",
        ),
        (  # a body the NER finds, by the last word of its name
            "Kenya's Supreme Court heard the case on Monday. The court ruled against the "
            "government.",
            "The court",
            "org:KEN:supreme-court",
        ),
    ],
)
def test_a_body_named_again_by_what_it_is(
    parse: Parse, table: ActorTable, text: str, phrase: str, actor: str
) -> None:
    found = ids_by_text(parse, table, text)
    assert found.get(phrase) == actor, found


@pytest.mark.parametrize(
    "text",
    [
        # another body: a noun before it, a possessor, an "of" phrase, a plural
        "NATO met on Friday. The opposition alliance rejected the plan.",
        "NATO met on Friday. Ruritania's alliance with Kordavia held.",
        "NATO met on Friday. The alliance of opposition parties rejected the plan.",
        "NATO met on Friday. The alliances in the region held.",
        # nothing named before
        "The alliance met on Friday. NATO said later that it agreed.",
        # a body the noun does not describe
        "The World Bank met on Friday. The alliance rejected the plan.",
    ],
)
def test_other_bodies_are_left_alone(parse: Parse, table: ActorTable, text: str) -> None:
    found = ids_by_text(parse, table, text)
    assert NATO not in {a for t, a in found.items() if "lliance" in t}, found


def test_a_demonym_before_a_world_body_leaves_it_the_world_s(
    parse: Parse, table: ActorTable
) -> None:
    text = "The judges heard a Ruritanian World Court case and an Italian NATO request."
    found = ids_by_text(parse, table, text)
    assert found["World Court"] == "org:UNO:international-court-of-justice"
    assert found["NATO"] == NATO
