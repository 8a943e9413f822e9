"""The event finder on invented sentences, parsed by the pinned model (skipped when it is absent).

Each PLOVER type is checked with an active verb and with a passive or noun form; then the slots
(source, target, others, place, time), light-verb and control chains, several events in one
sentence, mentions merged into one, and sentences or captions that must give nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
from nlp_events_support import TableLookup, country, default_table, group, load_model, person

from eventwire.models import Article, Event, Factuality, Segment, SegmentKind
from eventwire.nlp.events import find_events
from eventwire.nlp.pipeline import narrative_view

EXTRA = {
    "ecuador": country("Ecuador", "ECU"),
    "jordan": country("Jordan", "JOR"),
    "nato": group("NATO", "IGO", "IGO"),
    **{name.lower(): person(name) for name in ("Lee", "Okafor", "Haddad", "Sato", "Novak", "Tran")},
}


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model()


def events_in(nlp: Any, text: str) -> list[Event]:
    doc = nlp(text)
    return find_events(doc, TableLookup(doc, default_table(EXTRA)), "article-1")


def one(events: list[Event], type_: str) -> Event:
    found = [e for e in events if e.code.type == type_]
    assert len(found) == 1, [(e.code.type, e.trigger.text) for e in events]
    return found[0]


def name(mention: Any) -> str | None:
    return mention.actor.name if mention is not None else None


TYPE_CASES = [
    # (sentence, "TYPE/mode", "source > target"); "?" leaves a side unchecked
    ("Ecuador and Peru agreed on Monday to reopen their shared border.", "AGREE", "Ecuador > Peru"),
    (
        "It said Mr Haddad is visiting China at the invitation of Mr Lee.",
        "AGREE/invite",
        "Lee > Haddad",
    ),
    (
        "The French foreign minister met his Indian counterpart in Paris.",
        "CONSULT/meet",
        "France > India",
    ),
    (
        "A summit between Russia and China took place in Moscow last week.",
        "CONSULT/meet",
        "Russia > China",
    ),
    ("Germany praised Peru for its handling of the flood crisis.", "SUPPORT", "Germany > Peru"),
    ("Germany conveyed its sympathy to Peru after the floods.", "SUPPORT", "Germany > Peru"),
    ("Germany expressed its gratitude to Peru for the rescue.", "SUPPORT", "Germany > Peru"),
    (
        "The treaty was signed by India and Pakistan in Geneva on Thursday.",
        "SUPPORT",
        "India > Pakistan",
    ),
    (
        "The government backed down and accepted the demands of the striking miners.",
        "CONCEDE",
        "? > ?",
    ),
    ("Egypt made concessions to the protesters on Friday.", "CONCEDE", "Egypt > protesters"),
    (
        "Japan will share intelligence with South Korea, the ministry said.",
        "COOPERATE",
        "Japan > South Korea",
    ),
    (
        "Joint military exercises between India and France began on Monday.",
        "COOPERATE",
        "India > France",
    ),
    ("Ecuador formally joined NATO on Friday.", "COOPERATE/join", "Ecuador > NATO"),
    ("The UN resolution calls for Peru's withdrawal from Ecuador.", "REQUEST/yield", "? > ?"),
    ("Ecuador ended its cooperation with Peru.", "SANCTION/cancel", "Ecuador > Peru"),
    ("NATO voted to admit Ecuador next spring.", "COOPERATE/join", "NATO > Ecuador"),
    ("Jordan's accession to NATO was marked in Amman.", "COOPERATE/join", "Jordan > NATO"),
    ("Germany sent humanitarian aid to Egypt after the floods.", "AID", "Germany > Egypt"),
    ("Emergency assistance was delivered to Peru by France on Sunday.", "AID", "France > Peru"),
    ("Egypt released the detained journalists on Thursday.", "RETREAT/release", "Egypt > ?"),
    ("The hostages were freed by the rebels on Monday.", "RETREAT/release", "rebels > ?"),
    (
        "The withdrawal of Russian troops from the border began on Monday.",
        "RETREAT/withdraw",
        "? > ?",
    ),
    (
        "India urged Pakistan to resume talks on the disputed region.",
        "REQUEST/meet",
        "India > Pakistan",
    ),
    ("Pakistan was urged by India to resume talks.", "REQUEST/meet", "India > Pakistan"),
    ("France invited Ecuador to join NATO.", "COOPERATE/join", "Ecuador > NATO"),
    ("Ecuador formed an alliance with Peru on Monday.", "COOPERATE", "Ecuador > Peru"),
    ("Jordan received intelligence from Egypt about the plot.", "COOPERATE", "Egypt > Jordan"),
    ("Egypt passed a tip to Jordan about the plot.", "COOPERATE", "Egypt > Jordan"),
    ("It is time for Japan to lift its sanctions, Russia said.", "REQUEST/yield", "Russia > Japan"),
    ("Egypt accused Jordan of violating the water treaty.", "ACCUSE/allege", "Egypt > Jordan"),
    ("Jordan was accused by Egypt of breaking the ceasefire.", "ACCUSE/allege", "Egypt > Jordan"),
    (
        "Prosecutors launched an investigation into the deaths of three students.",
        "ACCUSE/investigate",
        "? > ?",
    ),
    ("Peru rejected Chile's proposal for a new fishing zone.", "REJECT/change", "Peru > Chile"),
    ("The request was turned down by the ministry on Friday.", "REJECT", "? > ?"),
    (
        "The rebels refused to meet government negotiators in Lima.",
        "REJECT/meet",
        "rebels > negotiators",
    ),
    (
        "Russia threatened to impose sanctions on Japan over the islands.",
        "THREATEN/restrict",
        "Russia > Japan",
    ),
    ("India issued an ultimatum to Pakistan on Monday.", "THREATEN", "India > Pakistan"),
    (
        "Thousands of workers protested outside parliament in Lima on Wednesday.",
        "PROTEST/demo",
        "workers > ?",
    ),
    ("A demonstration against the new tax took place in Cairo on Friday.", "PROTEST/demo", "? > ?"),
    ("Truck drivers went on strike on Monday.", "PROTEST/strike", "drivers > ?"),
    (
        "The United States imposed sanctions on Russia on Tuesday.",
        "SANCTION/sever",
        "United States > Russia",
    ),
    ("Sanctions were imposed on Russia by the European Union.", "SANCTION/sever", "? > Russia"),
    ("Kenya postponed talks with Tanzania on the pipeline.", "SANCTION/cancel", "Kenya > Tanzania"),
    (
        "India deployed thousands of troops to the border with China.",
        "MOBILIZE/troops",
        "India > ?",
    ),
    (
        "The North staged a series of weapons tests last year.",
        "MOBILIZE/weapons",
        "North Korea > ?",
    ),
    ("North Korea test-fired two ballistic missiles on Sunday.", "MOBILIZE/weapons", "? > ?"),
    ("Police arrested 30 protesters in Cairo on Saturday.", "COERCE/arrest", "police > protesters"),
    ("Ten activists were detained by police in Lima.", "COERCE/arrest", "police > activists"),
    ("Peru issued a warrant for Ecuador's former president.", "COERCE/arrest", "Peru > ?"),
    ("Rebels attacked a military convoy near the border on Monday.", "ASSAULT", "rebels > ?"),
    ("Two soldiers were killed by rebels in the east.", "ASSAULT", "rebels > soldiers"),
    ("Dozens died in an attack on a police station on Sunday.", "ASSAULT", "? > police"),
]


@pytest.mark.parametrize(("text", "code", "dyad"), TYPE_CASES)
def test_each_plover_type_active_passive_and_nominal(
    nlp: Any, text: str, code: str, dyad: str
) -> None:
    type_, _, mode = code.partition("/")
    source, target = (side.strip() for side in dyad.split(">"))
    event = one(events_in(nlp, text), type_)
    assert event.code.mode == (mode or None)
    if source != "?":
        assert name(event.source) == source
    if target != "?":
        assert name(event.target) == target


def test_all_sixteen_types_are_exercised() -> None:
    assert len({case[1].partition("/")[0] for case in TYPE_CASES}) == 16


def test_event_code_carries_cameo_quad_class_and_intensity(nlp: Any) -> None:
    event = one(events_in(nlp, "Police arrested 30 protesters in Cairo."), "COERCE")
    assert (event.code.cameo, event.code.quad_class) == ("173", 4)
    assert event.code.intensity < 0


def test_visit_slots_source_host_place_and_time(nlp: Any) -> None:
    event = one(
        events_in(nlp, "Mr Lee arrived in Tokyo on Friday for a three-day visit."), "CONSULT"
    )
    assert (event.code.mode, name(event.source), name(event.target)) == ("visit", "Lee", "Japan")
    assert event.location is not None and event.location.text == "Tokyo"
    assert [t.text for t in event.times][:1] == ["Friday"]


def test_heading_to_a_country_for_talks_is_one_visit(nlp: Any) -> None:
    events = events_in(nlp, "Mr Tran is heading to Vietnam for talks with Mr Lee.")
    event = one(events, "CONSULT")
    assert (event.code.mode, name(event.source), name(event.target)) == ("visit", "Tran", "Vietnam")


def test_an_unknown_destination_leaves_the_target_empty(nlp: Any) -> None:
    event = one(events_in(nlp, "Mr Okafor arrived in Zorbania on Monday."), "CONSULT")
    assert name(event.source) == "Okafor"
    assert event.target is None


def test_hyphenated_pair_meeting_with_place_and_dates(nlp: Any) -> None:
    event = one(
        events_in(nlp, "The Sato-Novak meeting is due to take place in Hanoi on Wednesday."),
        "CONSULT",
    )
    assert (name(event.source), name(event.target)) == ("Sato", "Novak")
    assert event.factuality is Factuality.PLANNED
    assert event.location is not None and event.location.text == "Hanoi"
    assert [t.text for t in event.times] == ["Wednesday"]


def test_named_building_is_the_location(nlp: Any) -> None:
    event = one(
        events_in(nlp, "The two leaders met at the Great Hall of the People on Monday."), "CONSULT"
    )
    assert event.location is not None and event.location.text.startswith("Great Hall of the People")


def test_further_conjuncts_are_others(nlp: Any) -> None:
    event = one(
        events_in(nlp, "Chile, Peru and Ecuador signed a fishing accord on Monday."), "SUPPORT"
    )
    assert (name(event.source), name(event.target)) == ("Chile", "Peru")
    assert [name(o) for o in event.others] == ["Ecuador"]


@pytest.mark.parametrize(
    ("text", "type_", "sides"),
    [
        (
            "Chile, Peru and Ecuador condemned Jordan on Monday.",
            "ACCUSE",
            [("Chile", "Jordan"), ("Peru", "Jordan"), ("Ecuador", "Jordan")],
        ),
        (
            "Jordan condemned Chile and Peru on Monday.",
            "ACCUSE",
            [("Jordan", "Chile"), ("Jordan", "Peru")],
        ),
        ("Police arrested Mr Lee and Mr Sato.", "COERCE", [("police", "Lee"), ("police", "Sato")]),
    ],
)
def test_a_compound_side_is_one_event_per_actor(
    nlp: Any, text: str, type_: str, sides: list[tuple[str, str]]
) -> None:
    found = [(name(e.source), name(e.target)) for e in events_in(nlp, text) if e.code.type == type_]
    assert found == sides


def test_a_symmetric_event_of_three_stays_one(nlp: Any) -> None:
    events = events_in(nlp, "Chile, Peru and Ecuador met in Lima on Monday.")
    assert len([e for e in events if e.code.type == "CONSULT"]) == 1


def test_light_verb_and_reported_future(nlp: Any) -> None:
    event = one(
        events_in(nlp, "Officials said Mr Lee would pay a visit to Japan next month."), "CONSULT"
    )
    assert event.trigger.text == "pay a visit"
    assert (name(event.source), name(event.target)) == ("Lee", "Japan")
    assert event.factuality is Factuality.PLANNED


def test_expected_to_stay_with_meetings_held(nlp: Any) -> None:
    text = "Mr Haddad is expected to stay in Lima, with meetings held at the Palace of Justice."
    event = one(events_in(nlp, text), "CONSULT")
    assert event.trigger.text == "meetings"
    assert event.factuality is Factuality.PLANNED
    assert name(event.source) == "Haddad"


def test_call_for_and_pressing_and_demanding(nlp: Any) -> None:
    called = one(
        events_in(nlp, "Washington has called for more concrete steps from Pyongyang."), "REQUEST"
    )
    assert (name(called.source), name(called.target)) == ("United States", "North Korea")
    pressed = one(
        events_in(nlp, "Washington is pressing Russia to withdraw its troops."), "REQUEST"
    )
    assert (name(pressed.target), pressed.code.mode) == ("Russia", "yield")
    demanded = one(
        events_in(nlp, "Peru demanded that Chile take measures against illegal fishing."), "REQUEST"
    )
    assert (name(demanded.source), name(demanded.target), demanded.code.mode) == (
        "Peru",
        "Chile",
        "change",
    )


def test_control_verb_passes_its_subject(nlp: Any) -> None:
    event = one(events_in(nlp, "Mr Sato will seek a meeting with Mr Lee in June."), "REQUEST")
    assert (name(event.source), event.code.mode) == ("Sato", "meet")


def test_summit_ending_without_agreements_gives_two_events(nlp: Any) -> None:
    events = events_in(
        nlp, "The talks between Peru and Chile ended without an agreement on Friday."
    )
    consult, agree = one(events, "CONSULT"), one(events, "AGREE")
    assert consult.factuality is Factuality.ASSERTED
    assert agree.factuality is Factuality.NEGATED
    for event in (consult, agree):
        assert (name(event.source), name(event.target)) == ("Peru", "Chile")
        assert [t.text for t in event.times] == ["Friday"]


def test_invitation_and_visit_in_one_sentence(nlp: Any) -> None:
    events = events_in(nlp, "Mr Haddad is visiting China at the invitation of Mr Lee.")
    visit, invite = one(events, "CONSULT"), one(events, "AGREE")
    assert (name(visit.source), name(visit.target)) == ("Haddad", "China")
    assert (invite.code.mode, name(invite.source), name(invite.target)) == (
        "invite",
        "Lee",
        "Haddad",
    )


def test_an_accusation_and_a_request_in_one_sentence(nlp: Any) -> None:
    events = events_in(nlp, "Egypt accused Jordan of violating the treaty and called for talks.")
    assert {e.code.type for e in events} == {"ACCUSE", "REQUEST"}
    assert name(one(events, "REQUEST").source) == "Egypt"


def test_arriving_at_the_start_of_a_visit_is_one_event(nlp: Any) -> None:
    events = events_in(nlp, "Mr Okafor arrived in Beijing at the start of a four-day visit.")
    assert name(one(events, "CONSULT").target) == "China"


def test_conjoined_steps_of_one_kind_are_one_event(nlp: Any) -> None:
    text = "North Korea suspended its missile tests and dismantled a nuclear test site last year."
    event = one(events_in(nlp, text), "RETREAT")
    assert (event.code.mode, name(event.source)) == ("disarm", "North Korea")


def test_a_call_for_another_to_be_acted_on_is_a_demand_not_the_act(nlp: Any) -> None:
    found = events_in(nlp, "Peru called for Chile to be expelled from the talks.")
    assert [e.code.type for e in found] == ["REQUEST"]
    assert (name(found[0].source), name(found[0].target)) == ("Peru", "Chile")
    found = events_in(nlp, "The opposition pressed for the minister to resign.")
    assert [e.code.type for e in found] == ["REQUEST"]


def test_threat_content_is_not_an_event_of_its_own(nlp: Any) -> None:
    events = events_in(nlp, "Russia threatened to impose sanctions on Japan over the islands.")
    assert [e.code.type for e in events] == ["THREATEN"]


def test_a_demand_made_by_protesting_is_the_protest(nlp: Any) -> None:
    events = events_in(nlp, "Farmers blocked the highway, demanding that Peru reopen the border.")
    event = one(events, "PROTEST")
    assert [e.code.type for e in events] == ["PROTEST"]
    assert (event.code.mode, name(event.target)) == ("obstruct", "Peru")


@pytest.mark.parametrize(
    "text",
    [
        "The weather was warm and sunny in Lima on Monday.",
        "Trade between the two countries reached $2 billion last year.",
        "The company said it had met every legal requirement.",
        "The talks were described as friendly.",
        "Mr Lee and Mr Sato had just ended a news conference in Lima.",
        "The plan, which calls for cooperation in mining, was published on Monday.",
        "Asked to comment on the ruling, a ministry spokesman said nothing.",
    ],
)
def test_sentences_without_events_give_nothing(nlp: Any, text: str) -> None:
    assert events_in(nlp, text) == []


def test_spans_are_offsets_into_the_text_and_trimmed(nlp: Any) -> None:
    text = "Heading\n\n   Police arrested 30 protesters in Cairo.   \n\nNothing happened.\n"
    doc = nlp(text)
    (event,) = find_events(doc, TableLookup(doc, default_table()), "a")
    assert event.sentence.text == "Police arrested 30 protesters in Cairo."
    assert text[event.sentence.start : event.sentence.end] == event.sentence.text
    assert text[event.trigger.start : event.trigger.end] == event.trigger.text == "arrested"
    assert event.article_id == "a"


def test_captions_blanked_by_the_pipeline_give_no_events(nlp: Any) -> None:
    body = "The weather was mild in Lima on Monday."
    caption = "Police arrest protesters outside parliament Credit: A. Photographer"
    text = f"{body}\n\n{caption}\n\nMr Lee met Mr Sato on Tuesday."
    start2 = len(body) + 2
    start3 = start2 + len(caption) + 2
    article = Article(
        source="a.txt",
        text=text,
        segments=(
            Segment(SegmentKind.BODY, 0, len(body)),
            Segment(SegmentKind.CAPTION, start2, start2 + len(caption)),
            Segment(SegmentKind.BODY, start3, len(text)),
        ),
        raw=text,
    )
    doc = nlp(narrative_view(article))
    events = find_events(doc, TableLookup(doc, default_table(EXTRA)), article.id)
    assert [e.code.type for e in events] == ["CONSULT"]
    assert events[0].sentence.start >= start3


def test_finding_is_pure(nlp: Any) -> None:
    text = "Egypt accused Jordan of violating the treaty and called for talks."
    doc = nlp(text)
    lookup = TableLookup(doc, default_table(EXTRA))
    assert find_events(doc, lookup, "x") == find_events(doc, lookup, "x")


@pytest.mark.parametrize(
    ("text", "types"),
    [
        # passive clauses describing a noun tell what once happened to it, not news
        ("Peru freed a farmer who had been detained for a month.", ["RETREAT"]),
        ("Jordan protested to Egypt over a town where nine people were shot.", ["ACCUSE"]),
        ("A study published on Monday praised the Peruvian reforms.", ["SUPPORT"]),
        ("Medics evacuated the injured from the village on Sunday.", ["AID"]),
        # an earlier act of force that dates the news
        ("Ecuador recalled its envoy following the killing of two of its soldiers.", ["SANCTION"]),
        # what someone is charged with or jailed for is no event of its own
        ("A court in Lima jailed a teacher for helping the rebels.", ["SANCTION"]),
        ("The report alleged that Jordan had attacked the border post.", ["ACCUSE"]),
    ],
)
def test_background_and_charges_are_not_events(nlp: Any, text: str, types: list[str]) -> None:
    assert [e.code.type for e in events_in(nlp, text)] == types


@pytest.mark.parametrize(
    ("text", "type_", "source"),
    [
        # force with its author, or under way, is news even when written as a participle
        ("Students arrested by Peru on Monday were freed.", "COERCE", "Peru"),
        ("Diplomats being expelled by Ecuador left Quito.", "SANCTION", "Ecuador"),
        ("Farmers being detained near the border were moved to Lima.", "COERCE", None),
    ],
)
def test_participles_with_their_author_state_force(
    nlp: Any, text: str, type_: str, source: str | None
) -> None:
    assert name(one(events_in(nlp, text), type_).source) == source


def test_a_charge_denied_by_its_target_is_a_denial(nlp: Any) -> None:
    denial = one(
        events_in(nlp, "Jordan blamed Egypt for the raid, a charge denied by Egypt."), "REJECT"
    )
    assert (name(denial.source), name(denial.target)) == ("Egypt", "Jordan")


def test_a_which_clause_read_as_a_complement_is_a_denial_of_its_own(nlp: Any) -> None:
    events = events_in(
        nlp, "Jordan accuses Egypt of involvement in the poisoning, which Egypt denies."
    )
    denial = one(events, "REJECT")
    assert (name(denial.source), name(denial.target)) == ("Egypt", "Jordan")


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("Troops backed by Peru were seen in the town.", []),  # support only described
        ("A farmer detained in Lima last year was freed.", ["RETREAT"]),  # no author: background
        ("Villagers killed by the earthquake were buried in Peru.", []),  # a quake is no assailant
    ],
)
def test_participles_that_describe_are_not_events(nlp: Any, text: str, types: list[str]) -> None:
    assert [e.code.type for e in events_in(nlp, text)] == types


def test_a_participle_s_own_agents_are_not_its_target(nlp: Any) -> None:
    events = events_in(nlp, "Under the sanctions imposed by Peru and Ecuador, trade fell.")
    sides = [(name(e.source), e.target) for e in events if e.code.type == "SANCTION"]
    assert sides == [("Peru", None), ("Ecuador", None)]


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        ("Ecuador chastised Peru over the border raid.", "ACCUSE", "Peru"),
        ("Peru hit out at Ecuador on Monday.", "ACCUSE", "Ecuador"),
        ("Jordan rounded on Egypt after the vote.", "ACCUSE", "Egypt"),
        ("Peru extended its condolences to Ecuador.", "SUPPORT", "Ecuador"),
        ("Jordan paid tribute to Egypt's mediators.", "SUPPORT", "Egypt"),
    ],
)
def test_criticism_and_sympathy_in_their_common_words(
    nlp: Any, text: str, type_: str, target: str
) -> None:
    assert name(one(events_in(nlp, text), type_).target) == target


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Peru will withdraw its troops from Ecuador unless Jordan pays the debt.", "Jordan"),
        ("Jordan said it would cut off trade with Peru unless Ecuador apologised.", "Ecuador"),
    ],
)
def test_pressure_made_conditional_is_a_threat(nlp: Any, text: str, target: str) -> None:
    event = one(events_in(nlp, text), "THREATEN")
    assert name(event.target) == target and event.factuality.value == "asserted"


def test_a_condition_on_a_friendly_plan_is_no_threat(nlp: Any) -> None:
    events = events_in(
        nlp, "Peru will attend the talks in Jordan unless the flights are cancelled."
    )
    assert "THREATEN" not in [e.code.type for e in events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jordan fired rockets into Ecuador on Monday.", ("ASSAULT", "heavy-weapons")),
        ("Militants fired mortars at an army base.", ("ASSAULT", "heavy-weapons")),
        ("Peru fired two ballistic missiles into the sea.", ("MOBILIZE", "weapons")),  # a test
        ("Dock workers began an open-ended strike on Monday.", ("PROTEST", "strike")),
        ("Peru has strengthened its forces on the border.", ("MOBILIZE", "troops")),
        ("Peruvian troops remained on alert along the border.", ("MOBILIZE", "troops")),
        ("Police prevented the demonstration outside parliament.", ("COERCE", "restrict")),
        ("Hackers defaced hundreds of government websites.", ("COERCE", "cyber")),
        ("Rioters set fire to a police station in Lima.", ("ASSAULT", "destroy")),
    ],
)
def test_common_words_of_force_and_strikes(nlp: Any, text: str, expected: tuple[str, str]) -> None:
    assert [(e.code.type, e.code.mode) for e in events_in(nlp, text)] == [expected]


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        ("Japan gave Jordan 5 million dollars of aid on Monday.", "AID", "Jordan"),
        ("Peru donated 30 ambulances to Ecuador.", "AID", "Ecuador"),
        ("Japanese doctors handed over 700 kg of medicine to Jordan.", "AID", "Jordan"),
        ("Ecuador lifted the state of emergency in its border provinces.", "CONCEDE", None),
    ],
)
def test_aid_in_amounts_and_easing_an_emergency(
    nlp: Any, text: str, type_: str, target: str | None
) -> None:
    assert name(one(events_in(nlp, text), type_).target) == target


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Chile said on Monday that Bolivia must return the seized trucks.", "Bolivia"),
        ("The Peruvian president declared that Ecuador should withdraw its troops.", "Ecuador"),
        ("Norway added that Jordan must open its border.", "Jordan"),
    ],
)
def test_saying_what_another_must_do_is_a_demand(nlp: Any, text: str, target: str) -> None:
    event = one(events_in(nlp, text), "REQUEST")
    assert name(event.target) == target and event.factuality.value == "asserted"


@pytest.mark.parametrize(
    "text",
    [
        "The minister said he must leave for Lima on Friday.",  # the speaker's own duty
        "Chile said that Bolivia returned the seized trucks.",  # no modal: a report
        "Pundits say that Jordan should have closed its border.",  # a judgement of the past
    ],
)
def test_a_speaker_s_own_duty_or_a_plain_report_is_no_demand(nlp: Any, text: str) -> None:
    assert "REQUEST" not in [e.code.type for e in events_in(nlp, text)]


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("Chadian troops entered the town of Faya on Sunday.", ["COERCE"]),
        ("The army recaptured the city of Kidal in March.", ["COERCE"]),
        ("Rebels entered the capital overnight.", ["COERCE"]),
        ("The minister entered the building at noon.", []),  # no force, no ground taken
        ("Chad entered talks with Niger.", ["CONSULT"]),
    ],
)
def test_forces_entering_or_retaking_ground_seize_it(nlp: Any, text: str, types: list[str]) -> None:
    assert [e.code.type for e in events_in(nlp, text)] == types


@pytest.mark.parametrize(
    ("text", "type_", "mode"),
    [
        ("Militants detonated a bomb outside a bank in Peshawar.", "ASSAULT", "explosives"),
        ("The attacker detonated his explosives belt at the gate.", "ASSAULT", "explosives"),
        ("Gunmen set off a grenade in the market.", "ASSAULT", "explosives"),
        ("Pakistan detonated a nuclear device in May.", "MOBILIZE", "weapons"),  # a test
        # bombs that go off with nobody named, and bombers the list of attackers does not name
        ("A roadside bomb detonated near an army convoy on Tuesday.", "ASSAULT", "explosives"),
        ("A bomb exploded in a crowded market in Kano.", "ASSAULT", "explosives"),
        ("A car bomb went off outside the ministry.", "ASSAULT", "explosives"),
        ("Three explosive devices were detonated near the courthouse.", "ASSAULT", "explosives"),
        ("Guerrillas detonated a device on the road to the village.", "ASSAULT", "explosives"),
        # fire and blasts of weapons kill; a blaze or a gas explosion is an accident
        ("Three civilians were killed by sniper fire in the old city.", "ASSAULT", None),
        ("Artillery fire killed five soldiers near the border.", "ASSAULT", None),
        ("A car bomb explosion killed 51 people in the capital.", "ASSAULT", None),
    ],
)
def test_bombings_are_attacks_and_nuclear_detonations_tests(
    nlp: Any, text: str, type_: str, mode: str
) -> None:
    events = events_in(nlp, text)
    assert [(e.code.type, e.code.mode) for e in events] == [(type_, mode)]


def test_accidents_and_bomb_disposal_are_no_attack(nlp: Any) -> None:
    assert events_in(nlp, "A gas cylinder exploded in a restaurant.") == []
    assert events_in(nlp, "Police detonated a suspected old bomb found by workers.") == []
    assert events_in(nlp, "The alarm went off at noon.") == []
    assert events_in(nlp, "A fire killed ten people in a factory.") == []
    assert events_in(nlp, "A gas explosion killed three workers.") == []


@pytest.mark.parametrize(
    ("text", "type_", "mode"),
    [
        ("Russia pledged to withdraw its troops from the border.", "CONCEDE", None),
        ("The rebels vowed to attack the capital.", "THREATEN", "violence"),
        ("Ecuador and Peru agreed to resume talks on their border.", "AGREE", None),
        ("Japan asked Peru to share intelligence on the cartels.", "REQUEST", "assist"),
    ],
)
def test_speech_acts_take_their_kind_from_their_content(
    nlp: Any, text: str, type_: str, mode: str | None
) -> None:
    events = events_in(nlp, text)
    assert [e.code.type for e in events] == [type_]
    assert events[0].code.mode == mode


def test_hosting_and_receiving_turn_the_roles_round(nlp: Any) -> None:
    hosted = one(events_in(nlp, "China hosted Mr Okafor in Beijing on Monday."), "CONSULT")
    assert (name(hosted.source), name(hosted.target)) == ("Okafor", "China")
    received = one(events_in(nlp, "Peru received a shipment of vaccines from Japan."), "AID")
    assert (name(received.source), name(received.target)) == ("Japan", "Peru")


def test_blank_text_gives_nothing(nlp: Any) -> None:
    assert events_in(nlp, "   \n\n   ") == []


TARGET_CASES = [
    # (sentence, "TYPE", "source > target"): targets in slots a rule does not list
    ("Peru threatened tough action against Chile on Friday.", "THREATEN", "Peru > Chile"),
    ("The Bolivian government accepted demands from Paraguay.", "CONCEDE", "Bolivia > Paraguay"),
    ("Norway rejected repeated calls by Argentina for an inquiry.", "REJECT", "Norway > Argentina"),
    ("Egypt expelled three diplomats from Peru on Monday.", "SANCTION", "Egypt > Peru"),
    ("Malaysia opened an embassy in Hanoi last year.", "SUPPORT", "Malaysia > Vietnam"),
    ("Kenyan police arrested 12 drivers on the highway.", "COERCE", "police > drivers"),
]


@pytest.mark.parametrize(("text", "type_", "dyad"), TARGET_CASES)
def test_targets_outside_the_rule_slots(nlp: Any, text: str, type_: str, dyad: str) -> None:
    source, target = (side.strip() for side in dyad.split(">"))
    event = one(events_in(nlp, text), type_)
    assert (name(event.source), name(event.target)) == (source, target)


class PlaceLookup(TableLookup):
    """As the actor stage does: a country after a locative preposition is a place, not an
    actor; ``place_at`` gives the state such a place stands for."""

    PREPS = frozenset({"in", "at", "to", "from", "into", "near"})

    def at_token(self, token: Any) -> Any:
        if token.dep_ == "pobj" and token.head.lower_ in self.PREPS:
            return None
        return super().at_token(token)

    def place_at(self, token: Any) -> Any:
        return super().at_token(token)


def places_in(nlp: Any, text: str) -> list[Event]:
    doc = nlp(text)
    return find_events(doc, PlaceLookup(doc, default_table(EXTRA)), "article-1")


@pytest.mark.parametrize(
    ("text", "type_", "dyad"),
    [
        ("Japan halted economic aid to Peru last month.", "SANCTION", "Japan > Peru"),
        ("Egypt expelled two diplomats from Jordan.", "SANCTION", "Egypt > Jordan"),
        ("Mongolia opened an embassy in Jakarta on Tuesday.", "SUPPORT", "Mongolia > Indonesia"),
        ("Egyptian police arrested three activists in Lima.", "COERCE", "police > activists"),
    ],
)
def test_a_country_named_as_recipient_is_the_target(
    nlp: Any, text: str, type_: str, dyad: str
) -> None:
    source, target = (side.strip() for side in dyad.split(">"))
    event = one(places_in(nlp, text), type_)
    assert (name(event.source), name(event.target)) == (source, target)


def test_a_place_of_the_act_is_not_its_target(nlp: Any) -> None:
    curfew = one(places_in(nlp, "Vietnam imposed a curfew in Hanoi on Sunday."), "COERCE")
    assert (name(curfew.source), curfew.target) == ("Vietnam", None)
    talks = one(places_in(nlp, "Mr Lee met Mr Sato in Lima on Monday."), "CONSULT")
    assert name(talks.target) != "Peru"


def test_the_fallback_never_takes_the_source_as_target(nlp: Any) -> None:
    event = one(events_in(nlp, "Chile threatened to act against Chilean rebels."), "THREATEN")
    assert name(event.source) == "Chile"
    assert name(event.target) != "Chile"


def test_a_preposition_with_its_own_object_is_no_particle(nlp: Any) -> None:
    # "hold off" is holding back; "hold an exercise off the island" is an exercise at sea
    events = events_in(
        nlp, "The two navies will hold their first joint rescue exercise off the island in June."
    )
    assert [e.code.type for e in events] == ["COOPERATE"]
    held = events_in(nlp, "Iran held off on enriching more uranium.")
    assert [e.code.type for e in held] == ["RETREAT"]


def test_a_role_preposition_naming_no_actor_is_the_place(nlp: Any) -> None:
    # "exercises in <target>" is a role slot, but a phrase naming no actor is where it happens
    text = "Ruritania is conducting military exercises in Alaska."
    drills = one(events_in(nlp, text), "MOBILIZE")
    assert drills.location is not None and drills.location.text == "Alaska"


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Jordan condemned the bombing of the Peruvian embassy on Monday.", None),
        ("Jordan condemned the attack on Ecuador.", None),
        ("Jordan condemned Peru's invasion of Ecuador.", "Peru"),
        ("Jordan condemned the shelling of Ecuador by Peru.", "Peru"),
    ],
)
def test_a_condemned_deed_blames_its_authors_not_its_victims(
    nlp: Any, text: str, target: str | None
) -> None:
    event = one(events_in(nlp, text), "ACCUSE")
    assert (name(event.source), name(event.target)) == ("Jordan", target)


@pytest.mark.parametrize(
    "text",
    [
        "A car bomb exploded outside the Peruvian embassy in Quito on Friday.",
        "The bombings at Peruvian embassies in Quito and Lima killed 40 people.",
        "Nine people were killed in the blast next to the Peruvian consulate in Quito.",
        "A bomb went off in front of the Peruvian embassy in Quito.",
        "The bombing of the Peruvian embassy in Quito shocked the region.",
    ],
)
def test_an_attack_at_a_mission_is_on_its_state_not_its_host(nlp: Any, text: str) -> None:
    attack = one(events_in(nlp, text), "ASSAULT")
    assert attack.target is not None and attack.target.actor.country == "PER"


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("The killing of Ecuador's ambassador shocked the region.", "ECU"),
        ("The bombing of Ecuador's parliament shocked the region.", "ECU"),
    ],
)
def test_the_of_phrase_of_an_attack_is_its_victim(nlp: Any, text: str, victim: str) -> None:
    attack = one(events_in(nlp, text), "ASSAULT")
    assert attack.source is None
    assert attack.target is not None and attack.target.actor.country == victim


def test_a_relative_does_not_act_for_the_one_whose_relative_they_are(nlp: Any) -> None:
    text = "President Okafor's brother criticised Peru on Monday."
    criticised = one(events_in(nlp, text), "ACCUSE")
    assert criticised.source is None or "Okafor" not in criticised.source.actor.name
    assert name(criticised.target) == "Peru"


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The farmers have fought to block the new dam for years.", "REJECT"),
        ("Ecuador fought to keep the disputed islands.", "REJECT"),
        ("Peruvian troops fought rebels near the border.", "ASSAULT"),
    ],
)
def test_fighting_to_keep_or_block_something_is_resistance_not_combat(
    nlp: Any, text: str, type_: str
) -> None:
    assert [e.code.type for e in events_in(nlp, text)] == [type_]


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("Peru and Chile signed an economic cooperation plan on Friday.", ["SUPPORT"]),
        ("The two presidents signed the accession papers in Lima.", ["SUPPORT"]),
        ("The governor signed the budget plan into law on Friday.", []),
    ],
)
def test_signing_a_plan_or_papers_is_support_but_signing_into_law_is_not(
    nlp: Any, text: str, types: list[str]
) -> None:
    assert [e.code.type for e in events_in(nlp, text)] == types


@pytest.mark.parametrize(
    ("text", "type_", "source"),
    [
        ("The Russian troop withdrawal from the border began on Monday.", "RETREAT", "Russia"),
        ("The US military buildup near the border continued.", "MOBILIZE", "United States"),
        ("Chilean air strikes on rebel camps continued on Monday.", "ASSAULT", "Chile"),
        ("The Peru invasion began in March.", "ASSAULT", None),  # a name written out: target
    ],
)
def test_an_event_nouns_own_demonym_is_its_doer(
    nlp: Any, text: str, type_: str, source: str | None
) -> None:
    assert name(one(events_in(nlp, text), type_).source) == source


def test_a_possessor_makes_no_thing_an_actor(nlp: Any) -> None:
    # "welcomed X's statement" approves of it; "welcomed X" would host a visitor
    events = events_in(nlp, "Peru welcomed Chile's decision on Monday.")
    assert [e.code.type for e in events] == ["SUPPORT"]


def test_a_deed_in_the_clause_of_another_act_is_not_its_subjects(nlp: Any) -> None:
    text = "Peru issued a warrant for the mayor in the killing of Ecuador's ambassador."
    killing = one(events_in(nlp, text), "ASSAULT")
    assert killing.source is None  # Peru issued the warrant; who killed is not said


def test_a_protest_nouns_demonym_is_that_countrys_protesters(nlp: Any) -> None:
    protest = one(events_in(nlp, "Peruvian protests against Chile grew on Monday."), "PROTEST")
    assert protest.source is not None
    assert (protest.source.actor.country, protest.source.actor.sector) == ("PER", "CVL")
