"""Sides an event's own sentence leaves open, read from the rest of the report: groups named again
by their noun, "they"/"it" of a speaker, an official's country from the role named before, a
person's government, replies to requests, protesting crowds, demands at home, and the two states
of a bilateral report.

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

Parse = Callable[[str], Doc]

RIVER_DISPUTE = (
    "LUSAKA — Zambia and Malawi held two days of talks on Monday and Tuesday on a disputed "
    "stretch of the Luangwa river, officials from both countries said.\n"
    "Zambia's water minister accused Malawi of diverting the river without consultation.\n"
    "Water minister Chanda Mwale later demanded that Malawi restore the old channel.\n"
    "Malawi's foreign ministry rejected the demand on Wednesday.\n"
    "Hundreds of Zambian fishermen blocked a bridge near the border on Tuesday, and police "
    "arrested 14 fishermen.\n"
    "Mr Mwale's government said it would not reopen the border crossing until the channel is "
    "restored.\n"
    "Zambia threatened to suspend electricity sales.\n"
    "A new round of talks will be held in Lilongwe next month."
)

FUEL_PROTEST = (
    "ACCRA — Several thousand people marched through central Accra on Saturday to protest "
    "against rising fuel prices.\n"
    "Opposition lawmakers threatened to walk out of parliament until the prices are cut.\n"
    "Cocoa farmers have urged their government to raise the price it pays for beans.\n"
    "The farmers' union said they would stop deliveries to the ports next week."
)


def actors_of(
    parse: Parse, table: ActorTable, text: str
) -> dict[str, list[tuple[str, str | None]]]:
    found: dict[str, list[tuple[str, str | None]]] = {}
    for mention in find_actors(parse(text), table):
        found.setdefault(mention.span.text, []).append((mention.actor.id, mention.actor.country))
    return found


def roles_of(
    parse: Parse, table: ActorTable, text: str
) -> dict[str, tuple[str | None, str | None]]:
    """Each mention as written -> the (role, sector) of its actor."""
    return {m.span.text: (m.actor.role, m.actor.sector) for m in find_actors(parse(text), table)}


def by_trigger(events: list[Event], word: str) -> Event:
    found = [e for e in events if e.trigger.text.split()[0] == word]
    assert len(found) == 1, [(e.code.type, e.trigger.text) for e in events]
    return found[0]


# --- actors --------------------------------------------------------------------------------------


def test_a_group_named_again_by_its_noun_is_the_group_named_before(
    parse: Parse, table: ActorTable
) -> None:
    text = (
        "Ugandan farmers crossed into Kenya on Monday to sell maize, and Kenya's police stopped "
        "them at Busia.\n"
        "Kenyan police detained 30 farmers overnight."
    )
    assert actors_of(parse, table, text)["farmers"] == [("group:UGA:CVL:farmers", "UGA")]
    event = by_trigger(events_of(parse, table, text), "detained")
    assert dyad(event) == ("KEN", "UGA")
    event = by_trigger(events_of(parse, table, RIVER_DISPUTE), "arrested")
    assert dyad(event) == ("ZMB", "ZMB")


def test_a_bare_group_far_from_its_namesake_keeps_no_country(
    parse: Parse, table: ActorTable
) -> None:
    text = (
        "Hundreds of Zambian drivers blocked a bridge near Chipata on Tuesday.\n"
        "The river has flooded twice this year.\n"
        "Engineers say the banks are eroding.\n"
        "Rain is expected to continue.\n"
        "Canada and Peru signed a mining accord on Friday, and drivers in both countries cheered."
    )
    found = actors_of(parse, table, text)
    assert found["drivers"][-1] != ("group:ZMB:CVL:drivers", "ZMB")


def test_they_and_it_are_the_speaker_of_their_clause(parse: Parse, table: ActorTable) -> None:
    found = actors_of(parse, table, FUEL_PROTEST)
    assert found["they"] == [("group:GHA:CVL:farmers", "GHA")]
    found = actors_of(parse, table, RIVER_DISPUTE)
    assert found["it"] == [("ZMB", "ZMB")]


def test_they_after_a_person_speaker_is_left_alone(parse: Parse, table: ActorTable) -> None:
    text = "Kenya's president, Amani Otieno, said they would meet again in March."
    assert "they" not in actors_of(parse, table, text)


def test_a_named_official_takes_the_country_of_the_same_role_named_before(
    parse: Parse, table: ActorTable
) -> None:
    found = actors_of(parse, table, RIVER_DISPUTE)
    assert found["Chanda Mwale"] == [("person:chanda-mwale", "ZMB")]


def test_a_role_named_only_after_the_person_gives_no_country(
    parse: Parse, table: ActorTable
) -> None:
    text = (
        "Energy minister Rosa Quintal opened the plant on Monday.\n"
        "Peru's energy minister had promised it for years."
    )
    found = actors_of(parse, table, text)
    assert found["Rosa Quintal"] == [("person:rosa-quintal", None)]


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Jane Okafor, a Nigerian lawyer, condemned the arrest.", "Jane Okafor", "NGA"),
        ("Sami Haddad was a Syrian refugee before the war ended.", "Sami Haddad", "SYR"),
        (
            "Rosa Quintal, who became a Peruvian citizen in 2006, was detained.",
            "Rosa Quintal",
            "PER",
        ),
    ],
)
def test_a_person_said_to_be_a_national_of_a_country_belongs_to_it(
    parse: Parse, table: ActorTable, text: str, name: str, code: str
) -> None:
    assert {c for _, c in actors_of(parse, table, text)[name]} == {code}


def test_a_country_word_inside_a_phrase_gives_no_nationality(
    parse: Parse, table: ActorTable
) -> None:
    text = "Sami Haddad, who has a $25m US bounty on his head, addressed the crowd in Aleppo."
    assert {c for _, c in actors_of(parse, table, text)["Sami Haddad"]} == {None}
    text = "Jane Okafor, the US-trained lawyer, condemned the arrest."
    assert {c for _, c in actors_of(parse, table, text)["Jane Okafor"]} == {None}


def _pronoun_owners(parse: Parse, table: ActorTable, text: str) -> list[tuple[str, str]]:
    """(pronoun as written, the person id it was resolved to), in text order."""
    return [
        (m.span.text, m.actor.id)
        for m in find_actors(parse(text), table)
        if m.span.text.lower() in ("he", "she", "his", "her", "him")
    ]


def test_a_pronoun_after_a_quotation_is_not_someone_the_quotation_names(
    parse: Parse, table: ActorTable
) -> None:
    text = (
        "Party spokesman Tunde Okafor criticised the committee on Monday.\n"
        "He said: “I am telling the chairman to retire before he embarrasses President Amina "
        "Bello. Bello is still the leader of the party. This is an embarrassment to her.” He "
        "praised the president for her stand."
    )
    owners = _pronoun_owners(parse, table, text)
    assert owners[0] == ("He", "person:tunde-okafor")
    assert owners[-2] == ("He", "person:tunde-okafor")  # after the quotation: its speaker
    assert owners[-1] == ("her", "person:amina-bello")


def test_a_pronoun_in_a_quotation_is_not_its_speaker(parse: Parse, table: ActorTable) -> None:
    text = (
        "Opposition leader Grace Mensah said: “Mr Ibrahim Sule broke the law. He must resign.”\n"
        "Minister Kofi Boateng “expressed his support for the police”, the ministry said."
    )
    owners = dict(_pronoun_owners(parse, table, text))
    assert owners["He"] == "person:ibrahim-sule"
    assert owners["his"] == "person:kofi-boateng"  # a quoted fragment of his own sentence


def test_an_office_is_the_role_of_someone_who_also_holds_a_military_rank(
    parse: Parse, table: ActorTable
) -> None:
    text = (
        "MINISTER of Defence, Brigadier General Musa Danjuma (rtd) said 20,000 soldiers had been "
        "recruited.\n"
        "The Minister, who reviewed the parade, said the air force would buy new aircraft."
    )
    found = actors_of(parse, table, text)
    assert found["Minister"] == [("person:musa-danjuma", None)]
    assert roles_of(parse, table, text)["Musa Danjuma"] == ("minister", "GOV")


def test_an_armed_group_named_by_its_kind_is_an_actor(parse: Parse, table: ActorTable) -> None:
    text = "A militant group condemned the bombing of the church in Cairo."
    assert actors_of(parse, table, text)["militant group"] == [("group:-:REB:militant-group", None)]


def test_a_body_named_again_by_the_last_word_of_its_name_is_that_body(
    parse: Parse, table: ActorTable
) -> None:
    text = (
        "Kenya's Independent Electoral and Boundaries Commission announced the results on Monday.\n"
        "The opposition accused the Commission of fraud."
    )
    body = "org:KEN:independent-electoral-and-boundaries-commission"
    assert actors_of(parse, table, text)["Commission"] == [(body, "KEN")]


def test_they_is_the_one_group_that_acted_just_before(parse: Parse, table: ActorTable) -> None:
    text = (
        "Hundreds of Kenyan protesters gathered outside parliament on Monday.\n"
        "They called for the resignation of the interior minister."
    )
    assert actors_of(parse, table, text)["They"] == [("group:KEN:CVL:protesters", "KEN")]


def test_they_is_left_alone_when_the_group_was_only_acted_upon(
    parse: Parse, table: ActorTable
) -> None:
    text = "The attacks on Kenyan journalists were serious.\nThey took my camera, he said."
    assert "They" not in actors_of(parse, table, text)


def test_pm_is_a_prime_minister_but_not_after_a_number(parse: Parse, table: ActorTable) -> None:
    text = (
        "The outgoing PM Ana Kovac defended the decision on Monday.\n"
        "The prime minister said the ambassador would return.\n"
        "At 4 pm Mr Vrbanek left the building."
    )
    found = actors_of(parse, table, text)
    assert found["prime minister"] == [("person:ana-kovac", None)]
    roles = roles_of(parse, table, text)
    assert roles["Ana Kovac"] == ("prime minister", "GOV") and roles["Mr Vrbanek"][0] is None


def test_a_royal_title_the_recogniser_took_into_a_name_is_its_role(
    parse: Parse, table: ActorTable
) -> None:
    text = (
        "Crown Prince Salim bin Rashid of Qatar ended a tour of Kenya on Friday.\n"
        "Prince Salim met Kenyan business leaders before he left.\n"
        "The crown prince promised new investment."
    )
    found = actors_of(parse, table, text)
    person = "person:salim-bin-rashid"
    assert [a for a, _ in found["Salim bin Rashid"]] == [person]
    assert [a for a, _ in found["Salim"]] == [person]
    assert [a for a, _ in found["crown prince"]] == [person]


def test_a_capitalised_title_keeps_its_country(parse: Parse, table: ActorTable) -> None:
    text = "British Defence Secretary Tom Hale and Chinese Commerce Minister Wang Lian met."
    found = actors_of(parse, table, text)
    assert found["Tom Hale"] == [("person:tom-hale", "GBR")]
    assert found["Wang Lian"] == [("person:wang-lian", "CHN")]


def test_a_title_does_not_reach_across_a_byline(parse: Parse, table: ActorTable) -> None:
    text = "By the Xinhua Wire Staff President Amani Otieno will lift the curfew on Friday."
    found = actors_of(parse, table, text)
    assert found["Amani Otieno"] != [("person:amani-otieno", "CHN")]


def test_a_body_named_after_a_country_belongs_to_it(parse: Parse, table: ActorTable) -> None:
    text = (
        "The Free Ruritanian Army is not a state. The Free Syrian Army said it had shelled a "
        "checkpoint, and the Revolutionary Armed Forces of Colombia freed a mayor."
    )
    found = actors_of(parse, table, text)
    assert found["Free Syrian Army"] == [("org:SYR:free-syrian-army", "SYR")]
    assert found["it"] == [("org:SYR:free-syrian-army", "SYR")]
    forces = found["Revolutionary Armed Forces of Colombia"]
    assert [country for _, country in forces] == ["COL"]


def test_government_and_security_forces_belong_to_the_reports_country(
    parse: Parse, table: ActorTable
) -> None:
    text = (
        "Syria's army shelled the town again. Nine people were killed in Vorden on Monday, "
        "largely by government forces, activists said. Security forces fired on mourners."
    )
    found = actors_of(parse, table, text)
    assert found["government forces"] == [("group:SYR:MIL:government-forces", "SYR")]
    assert found["Security forces"] == [("group:SYR:COP:security-forces", "SYR")]


def test_a_civic_body_with_no_country_belongs_to_the_dateline_country(
    parse: Parse, table: ActorTable
) -> None:
    text = (
        "QUITO — The Coastal Shrimp Farmers' Federation demanded that the government cut "
        "diesel prices, while the International Shrimp Alliance stayed silent."
    )
    found = actors_of(parse, table, text)
    assert [c for _, c in found["Coastal Shrimp Farmers' Federation"]] == ["ECU"]
    assert [c for _, c in found["International Shrimp Alliance"]] == [None]


def test_a_persons_government_is_their_state(parse: Parse, table: ActorTable) -> None:
    found = actors_of(parse, table, RIVER_DISPUTE)
    assert found["government"] == [("ZMB", "ZMB")]


# --- events --------------------------------------------------------------------------------------


def test_turning_down_the_demand_answers_whoever_made_it(parse: Parse, table: ActorTable) -> None:
    event = by_trigger(events_of(parse, table, RIVER_DISPUTE), "rejected")
    assert event.target is not None and event.target.actor.id == "person:chanda-mwale"


def test_a_refusal_answers_the_request_made_of_its_source(parse: Parse, table: ActorTable) -> None:
    text = (
        "Ecuador and Peru are at odds over fishing quotas.\n"
        "Ecuadorean fishermen demanded on Monday that Peru's government lift its ban.\n"
        "The Peruvian government said it would not lift the ban before the end of the season."
    )
    event = by_trigger(events_of(parse, table, text), "lift")
    assert event.code.type == "REJECT"
    assert dyad(event) == ("PER", "ECU")


def test_a_crowd_protesting_is_people_of_the_country_it_marches_in(
    parse: Parse, table: ActorTable
) -> None:
    event = by_trigger(events_of(parse, table, FUEL_PROTEST), "marched")
    assert event.source is not None and event.source.actor.id == "group:GHA:CVL:protesters"
    assert event.source.span.text == "Several thousand people"
    assert dyad(event) == ("GHA", "GHA")


def test_demands_and_threats_at_home_are_aimed_at_the_state(
    parse: Parse, table: ActorTable
) -> None:
    events = events_of(parse, table, FUEL_PROTEST)
    assert dyad(by_trigger(events, "threatened")) == ("GHA", "GHA")
    urged = by_trigger(events, "urged")  # "their government"
    assert dyad(urged) == ("GHA", "GHA")
    assert urged.target is not None and urged.target.span.text == "their government"


def test_talks_with_no_sides_in_a_bilateral_report_are_between_its_two_states(
    parse: Parse, table: ActorTable
) -> None:
    event = by_trigger(events_of(parse, table, RIVER_DISPUTE), "talks")  # in Lilongwe: Malawi hosts
    assert event.factuality.value == "planned"
    assert dyad(event) == ("ZMB", "MWI")


def test_one_states_threat_in_a_bilateral_report_is_aimed_at_the_other(
    parse: Parse, table: ActorTable
) -> None:
    event = by_trigger(events_of(parse, table, RIVER_DISPUTE), "threatened")
    assert dyad(event) == ("ZMB", "MWI")


def test_a_demand_both_states_make_together_is_aimed_at_neither(
    parse: Parse, table: ActorTable
) -> None:
    text = RIVER_DISPUTE + (
        "\nZambia and Malawi called for more funding of the river commission in a joint statement."
    )
    events = [e for e in events_of(parse, table, text) if e.trigger.text.startswith("called")]
    assert sorted(dyad(e) for e in events) == [("MWI", None), ("ZMB", None)]


def test_a_third_state_named_more_than_in_passing_leaves_sides_open(
    parse: Parse, table: ActorTable
) -> None:
    text = RIVER_DISPUTE + (
        "\nTanzania has offered to mediate, and Tanzania's foreign minister spoke to both sides."
    )
    events = events_of(parse, table, text)
    assert dyad(by_trigger(events, "talks")) == (None, None)
    assert dyad(by_trigger(events, "threatened")) == ("ZMB", None)


def test_the_two_sides_are_ordered_as_the_report_first_names_them(
    parse: Parse, table: ActorTable
) -> None:
    text = (
        "Chile and Bolivia agreed on Monday to reopen their consulates.\n"
        "Bolivia asked Chile to ease port fees in Arica.\n"
        "Analysts expect the two sides could sign a trade memorandum next year."
    )
    event = by_trigger(events_of(parse, table, text), "sign")
    assert dyad(event) == ("CHL", "BOL")


def test_a_headline_role_is_the_person_named_below_and_the_trip_follows_their_invitation(
    parse: Parse, table: ActorTable
) -> None:
    text = (
        "Kenyan president sets off for Uganda\n\n"
        "Kenya's president, Amani Otieno, left Nairobi on Monday for a two-day visit to Uganda, "
        "where he will meet President Joseph Kato.\n"
        "The trip follows an invitation Mr Kato extended in March."
    )
    found = actors_of(parse, table, text)
    assert found["Kenyan president"] == [("person:amani-otieno", "KEN")]
    invitation = by_trigger(events_of(parse, table, text), "invitation")
    assert invitation.source is not None and invitation.source.actor.id == "person:joseph-kato"
    assert invitation.target is not None and invitation.target.actor.id == "person:amani-otieno"


def test_a_statement_a_body_issued_is_its_own_act(parse: Parse, table: ActorTable) -> None:
    text = (
        "The Ruritanian Farmers' Union issued a declaration demanding that the Kenyan "
        "government cut fertiliser prices."
    )
    event = by_trigger(events_of(parse, table, text), "demanding")
    assert event.source is not None and "Farmers' Union" in event.source.actor.name
    assert dyad(event)[1] == "KEN"


def test_a_party_named_workers_party_is_not_north_koreas(parse: Parse, table: ActorTable) -> None:
    text = "The rebel Kurdistan Workers' Party said it would keep its fighters in the hills."
    found = actors_of(parse, table, text)
    assert all(country != "PRK" for _, country in found["Kurdistan Workers' Party"])
    found = actors_of(parse, table, "The Workers' Party of Korea met in Pyongyang.")
    assert [country for _, country in found["Workers' Party of Korea"]] == ["PRK"]


def test_what_a_banner_says_is_said_by_those_who_carry_it(parse: Parse, table: ActorTable) -> None:
    text = (
        "ACCRA — Hundreds of Ghanaian cocoa farmers marched on Monday, waving banners that "
        "blamed the trading board for late payments."
    )
    event = by_trigger(events_of(parse, table, text), "blamed")
    assert event.source is not None and event.source.actor.id == "group:GHA:CVL:farmers"
