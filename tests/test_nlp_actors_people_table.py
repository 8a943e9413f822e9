"""The people table as a fallback for people the text names without a country.

What these tests protect: a well-known person named by full name, alias or family name alone gets
the table's country (and sector and role when the text gives none) and one stable id across
articles; what the text says always wins; an ambiguous family name gives no name (only a country
when all its people share one); a family name that is also a common word needs a title. The
sentences are invented; the table lookups need no model, the rest is skipped without one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from eventwire.models import Actor
from eventwire.nlp.actor_table import ActorTable, family_names, name_key

if TYPE_CHECKING:
    from spacy.tokens import Doc

Parse = Callable[[str], "Doc"]


# --- the table alone -----------------------------------------------------------------------------


def test_people_share_the_version_of_the_other_tables(table: ActorTable) -> None:
    assert table.people
    assert table.version == "1.6"


@pytest.mark.parametrize(
    ("written", "canonical", "country"),
    [
        ("Vladimir Putin", "Vladimir Putin", "RUS"),
        ("vladimir putin's", "Vladimir Putin", "RUS"),  # case and possessive ignored
        ("Muammar Qaddafi", "Muammar Gaddafi", "LBY"),  # an alias
        ("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan", "TUR"),  # accents ignored
        ("Suu Kyi", "Aung San Suu Kyi", "MMR"),  # the unambiguous end of a name
        ("Mahmoud Ridha Abbas", "Mahmoud Abbas", "PSE"),  # first and last words of a longer form
    ],
)
def test_full_names_and_aliases(
    table: ActorTable, written: str, canonical: str, country: str
) -> None:
    entry = table.person(written)
    assert entry is not None
    assert (entry.name, entry.country) == (canonical, country)


def test_an_unknown_full_name_with_a_known_family_name_is_nobody(table: ActorTable) -> None:
    assert table.person("Michael Putin") is None
    assert table.person("Jane Doe") is None


def test_family_names_follow_the_order_news_use() -> None:
    assert family_names("Bashar al-Assad", "SYR") == ("al-assad", "assad")
    assert family_names("Xi Jinping", "CHN") == ("xi",)  # family name first
    assert family_names("Martin Luther King Jr.", "USA") == ("king",)
    assert family_names("Elizabeth II", "GBR") == ()  # one name and a number
    assert name_key("  José  Ramos-Horta ") == "jose ramos-horta"


def test_a_family_name_finds_every_person_who_has_it(table: ActorTable) -> None:
    assert [e.name for e in table.people_named("Putin")] == ["Vladimir Putin"]
    assert [e.name for e in table.people_named("Xi")] == ["Xi Jinping"]
    assert len(table.people_named("Kim")) > 1
    assert {e.country for e in table.people_named("Assad")} == {"SYR"}
    assert table.people_named("Gonzalez-Nobody") == ()


# --- in parsed text ------------------------------------------------------------------------------


def _person(parse: Parse, table: ActorTable, text: str, written: str) -> Actor:
    pytest.importorskip("spacy")
    from eventwire.nlp.actors import find_actors

    mentions = find_actors(parse(text), table)
    found = [m for m in mentions if m.span.text == written]
    assert found, f"no mention {written!r} in {[m.span.text for m in mentions]}"
    return found[0].actor


def test_a_full_name_without_a_country_takes_the_table_country(
    parse: Parse, table: ActorTable
) -> None:
    actor = _person(parse, table, "Angela Merkel met farmers on Friday.", "Angela Merkel")
    assert (actor.id, actor.country, actor.sector) == (
        "person:angela-merkel",
        "DEU",
        "GOV",
    )


def test_a_family_name_alone_takes_the_canonical_name(parse: Parse, table: ActorTable) -> None:
    actor = _person(parse, table, "Mr Putin spoke to reporters in the evening.", "Mr Putin")
    assert (actor.id, actor.name, actor.country) == (
        "person:vladimir-putin",
        "Vladimir Putin",
        "RUS",
    )


def test_what_the_text_says_wins(parse: Parse, table: ActorTable) -> None:
    text = "The Kenyan trade minister, Angela Merkel, opened the fair in Mombasa."
    actor = _person(parse, table, text, "Angela Merkel")
    assert actor.country == "KEN"
    assert actor.role == "trade minister"


def test_the_text_role_stays_and_the_table_gives_the_country(
    parse: Parse, table: ActorTable
) -> None:
    actor = _person(parse, table, "President Erdogan will visit the port next week.", "Erdogan")
    assert (actor.country, actor.role) == ("TUR", "president")


def test_an_ambiguous_family_name_gives_only_a_shared_country(
    parse: Parse, table: ActorTable
) -> None:
    actor = _person(parse, table, "Mr Bush addressed the assembly for four hours.", "Mr Bush")
    assert (actor.id, actor.country) == ("person:bush", "USA")
    actor = _person(parse, table, "Mr Kim waved to the crowd.", "Mr Kim")
    assert actor.country is None
    # two Castros of the table lead Cuba and Honduras: no country
    actor = _person(parse, table, "Mr Castro addressed the assembly for four hours.", "Mr Castro")
    assert actor.country is None


def test_a_common_word_alone_is_not_a_table_person(parse: Parse, table: ActorTable) -> None:
    actor = _person(parse, table, "Officials said Brown would sign the order.", "Brown")
    assert actor.country is None
    actor = _person(parse, table, "Prime Minister Brown signed the order.", "Brown")
    assert actor.country == "GBR"


def test_a_title_in_an_alias_makes_no_family_name(table: ActorTable) -> None:
    # "King Mohammed VI" is an alias of the Moroccan king: a man called Mohammed is not him
    assert table.people_named("Mohammed") == ()
    assert [e.name for e in table.people_named("Maktoum")]  # a real family name still counts
