"""Sides of events that news leave to the reader: whom a denial answers, whose resignation is
demanded, which state an unnamed or possessed official serves, where a person or group is from.
Every report here is invented."""

from __future__ import annotations

from nlp_events_support import analyse

from eventwire.models import ActorMention, ArticleAnalysis, Event


def _country(mention: ActorMention | None) -> str | None:
    return mention.actor.country if mention is not None else None


def _sides(analysis: ArticleAnalysis, kind: str) -> list[tuple[str | None, str | None]]:
    return [
        (_country(e.source), _country(e.target)) for e in analysis.events if e.code.type == kind
    ]


def _countries(analysis: ArticleAnalysis) -> dict[str, str | None]:
    return {m.actor.name: m.actor.country for m in analysis.actors}


def _one(analysis: ArticleAnalysis, kind: str) -> Event:
    (event,) = [e for e in analysis.events if e.code.type == kind]
    return event


def test_a_denial_of_what_a_clause_claims_answers_the_one_who_claims_it() -> None:
    for text in (
        "Tanzania says Burundi armed the rebels in the border camps, a claim Burundi denies.",
        "Tanzania blames Burundi in the case, which Burundi denies.",
        "Tanzania accused Burundi of arming the rebels, an allegation Gitega rejected.",
    ):
        assert _sides(analyse(text), "REJECT") == [("BDI", "TZA")], text


def test_a_denial_with_nobody_claiming_keeps_no_target() -> None:
    analysis = analyse("The mayor of Arusha was arrested on Monday, and he denies the charges.")
    assert [e.target for e in analysis.events if e.code.type == "REJECT"] == [None]


def test_whose_resignation_or_release_is_called_for_is_the_target() -> None:
    text = (
        "Opposition supporters in Harare called for the resignation of Zimbabwean Finance "
        "Minister Tendai Moyo on Saturday."
    )
    event = _one(analyse(text), "REQUEST")
    assert event.target is not None and event.target.actor.name == "Tendai Moyo"
    assert _country(event.target) == "ZWE"


def test_an_office_no_named_person_holds_is_the_report_country_s() -> None:
    text = (
        "HARARE — Zimbabwean police arrested nine people after a bomb hit a market in Harare.\n\n"
        "The interior minister condemned the attack on Sunday."
    )
    event = _one(analyse(text), "ACCUSE")
    assert event.source is not None and event.source.span.text == "interior minister"
    assert _country(event.source) == "ZWE"


def test_an_office_is_left_without_a_country_when_the_report_has_no_clear_one() -> None:
    text = "The interior minister condemned the attack on Sunday."
    assert _sides(analyse(text), "ACCUSE") in ([(None, None)], [])


def test_a_role_held_for_someone_takes_that_person_s_country() -> None:
    text = (
        "Zambian President Joseph Banda was questioned on Monday. In 2009, Banda's former "
        "financial adviser Peter Mwale was convicted of fraud.\n\n"
        "President Banda's spokesman rejected the accusations by the opposition."
    )
    analysis = analyse(text)
    assert _countries(analysis)["Peter Mwale"] == "ZMB"
    assert _sides(analysis, "REJECT")[0][0] == "ZMB"


def test_people_and_groups_from_a_town_take_its_country() -> None:
    text = (
        "Maria Okonkwo, 41, from the Lagos suburb of Ikeja, was sentenced on Friday.\n\n"
        "Soldiers fought rebels in Maiduguri on Thursday."
    )
    analysis = analyse(text)
    assert _countries(analysis)["Maria Okonkwo"] == "NGA"
    targets = [e.target for e in analysis.events if e.code.type == "ASSAULT"]
    assert [_country(t) for t in targets] == ["NGA"]


def test_a_recalled_envoy_is_recalled_by_the_state_it_serves_from_the_host() -> None:
    for text in (
        "The Slovenian ambassador to Peru was recalled for consultations on Monday.",
        "Ljubljana announced on Monday that it was recalling Slovenia's ambassador to Peru.",
    ):
        assert _sides(analyse(text), "SANCTION") == [("SVN", "PER")], text
    assert _sides(analyse("Slovenia has recalled its ambassador to Peru."), "SANCTION") == [
        ("SVN", "PER")
    ]


def test_expulsions_from_a_state_are_that_state_s() -> None:
    for text in (
        "The row has set off expulsions of Peruvian diplomats from Slovenia.",
        "The expulsion of 12 Peruvian diplomats from Slovenia angered Lima.",
    ):
        assert _sides(analyse(text), "SANCTION") == [("SVN", "PER")], text


def test_supporters_and_mourners_are_the_report_country_s_people() -> None:
    text = (
        "HARARE — Zimbabwean police arrested nine opposition officials on Monday, and the "
        "United States condemned the arrests.\n\n"
        "Police fired tear gas at mourners outside a church on Tuesday."
    )
    targets = [e.target for e in analyse(text).events if e.code.type == "ASSAULT"]
    assert [_country(t) for t in targets] == ["ZWE"]


def test_a_quoted_we_is_whoever_says_the_quotation() -> None:
    for text in (
        'The Tanzanian government said: "We urge Burundi to withdraw its troops."',
        '"We urge Burundi to withdraw its troops," the Tanzanian foreign ministry said.',
        'The Tanzanian statement said: "We urge Burundi to withdraw its troops."',
    ):
        assert _sides(analyse(text), "REQUEST") == [("TZA", "BDI")], text


def test_the_new_or_interim_government_is_the_report_country_s() -> None:
    text = (
        "HARARE — Zimbabwean police arrested nine opposition officials on Monday.\n\n"
        "The interim government promised to release them."
    )
    sources = [e.source for e in analyse(text).events if e.code.type != "COERCE"]
    assert sources and {_country(s) for s in sources} == {"ZWE"}


def test_opening_fire_is_an_attack_and_names_who_killed() -> None:
    text = "Five people were killed in Bulawayo when Zimbabwean troops opened fire on a march."
    (event,) = [e for e in analyse(text).events if e.code.type == "ASSAULT"]
    assert _country(event.source) == "ZWE"


def test_a_plan_speaks_for_whoever_puts_it_forward_not_for_its_critics() -> None:
    announced = "Tanzania announced a plan calling on Burundi to disarm the rebels."
    assert _sides(analyse(announced), "REQUEST") == [("TZA", "BDI")]
    rejected = analyse("Burundi rejected a plan calling on Tanzania to disarm the rebels.")
    assert ("BDI", "TZA") not in _sides(rejected, "REQUEST")


def test_it_continues_the_body_that_acted_in_the_sentence_before() -> None:
    analysis = analyse(
        "The African Union suspended Burundi on Saturday. It also imposed sanctions on Gitega."
    )
    assert _sides(analysis, "SANCTION") == [("IGO", "BDI")]
    empty = analyse("The African Union suspended Burundi. It is clear that sanctions will follow.")
    assert all(m.span.text != "It" for m in empty.actors)


def test_concern_voiced_over_someone_is_disapproval() -> None:
    for text in (
        "Tanzania expressed concern over Burundi's crackdown on journalists.",
        "Tanzania voiced alarm at Burundi's decision to close the border.",
    ):
        event = _one(analyse(text), "ACCUSE")
        assert (event.code.mode, _country(event.source), _country(event.target)) == (
            "disapprove",
            "TZA",
            "BDI",
        ), text


def test_saying_someone_was_behind_an_attack_accuses_them() -> None:
    for text in (
        "Tanzania says Burundi was behind the attack on the border post.",
        "Tanzania said Burundi was responsible for the killing of two guards.",
        "Tanzania says the Burundian army was involved in the bombing of the camp.",
    ):
        event = _one(analyse(text), "ACCUSE")
        assert (_country(event.source), _country(event.target)) == ("TZA", "BDI"), text
        assert event.factuality.value == "asserted"
    for text in (
        "Tanzania says Burundi was involved in the talks.",
        "Burundi was behind the attack on the border post.",  # nobody says so
    ):
        assert not [e for e in analyse(text).events if e.code.type == "ACCUSE"], text


def test_a_prison_term_imposed_is_a_sentence() -> None:
    event = _one(
        analyse("A Tanzanian judge imposed a 20-year prison term on Juma Ali."), "SANCTION"
    )
    assert (event.code.mode, _country(event.source)) == ("convict", "TZA")
    assert event.target is not None and event.target.actor.name == "Juma Ali"


def test_a_participle_sharing_a_passive_auxiliary_is_passive_too() -> None:
    text = "A former Malawian minister was arrested on Tuesday and charged with fraud."
    analysis = analyse(text)
    assert _sides(analysis, "COERCE") == [("MWI", "MWI")]
    charge = _one(analysis, "ACCUSE")
    assert charge.target is not None and charge.target.span.text.endswith("minister")
    assert charge.source is not None and charge.source.actor.sector == "JUD"


def test_an_arrest_with_no_agent_is_by_the_police_of_where_it_happened() -> None:
    text = "Two Belgian reporters were detained in Chad last week and later expelled."
    analysis = analyse(text)
    assert _sides(analysis, "COERCE") == [("TCD", "BEL")]
    # A deportation is never by the state of those deported; here no place is said for it.
    assert _sides(analyse("Three Chinese nationals were deported on Monday."), "COERCE") == [
        (None, "CHN")
    ]


def test_a_plural_side_listing_several_states_is_one_side_per_state() -> None:
    cases = {
        "The foreign ministers of Chile and Peru met in Lima on Monday.": (
            "CONSULT",
            [("CHL", "PER")],
        ),
        "Leaders of Chile, Peru and Bolivia condemned Ecuador on Monday.": (
            "ACCUSE",
            [("CHL", "ECU"), ("PER", "ECU"), ("BOL", "ECU")],
        ),
        "Chilean and Peruvian officials criticised Ecuador on Monday.": (
            "ACCUSE",
            [("CHL", "ECU"), ("PER", "ECU")],
        ),
        "Police in Kenya and Uganda arrested 14 smugglers on Monday.": (
            "COERCE",
            [("KEN", None), ("UGA", None)],
        ),
        "Ecuador accused the governments of Chile and Peru of arming the rebels.": (
            "ACCUSE",
            [("ECU", "CHL"), ("ECU", "PER")],
        ),
    }
    for text, (kind, sides) in cases.items():
        assert _sides(analyse(text), kind) == sides, text


def test_the_listed_states_become_that_group_s_members() -> None:
    analysis = analyse("The foreign ministers of Chile and Peru met in Lima on Monday.")
    assert {(m.span.text, m.actor.country) for m in analysis.actors} >= {
        ("ministers", "CHL"),
        ("Peru", "PER"),
    }
    (peru,) = [m for m in analysis.actors if m.span.text == "Peru"]
    assert peru.actor.name == "ministers"  # not Peru itself: the state did not meet anyone


def test_people_listed_in_a_group_s_phrase_are_not_its_members() -> None:
    analysis = analyse(
        "Supporters of Ollanta Morales and Keiko Vargas clashed with police in Lima."
    )
    people = {"Ollanta Morales", "Keiko Vargas"}
    assert not [
        e for e in analysis.events for s in (e.source, e.target) if s and s.actor.name in people
    ]


def test_disputing_a_claim_rejects_it_and_answers_whoever_made_it() -> None:
    text = (
        "Peruvian fishermen have complained that Chilean patrol boats fired on their trawlers.\n\n"
        "But the Chilean navy has strongly disputed that notion, saying its boats fired no shot."
    )
    assert _sides(analyse(text), "REJECT") == [("CHL", "PER")]
    assert _sides(analyse("The Chilean navy disputed the death toll on Monday."), "REJECT")


def test_an_invitation_with_no_inviter_named_is_the_host_s() -> None:
    joined = analyse("Ecuador was invited to join the Pacific Alliance in 2012.")
    assert [
        (e.source and e.source.actor.name, _country(e.target))
        for e in joined.events
        if e.code.type == "AGREE"
    ] == [("Pacific Alliance", "ECU")]
    visit = analyse("The Chilean president has been invited to visit Lima, officials said.")
    assert _sides(visit, "AGREE") == [("PER", "CHL")]


def test_local_people_are_of_the_place_their_clause_happens_in() -> None:
    text = "Ecuador condemned the arrests.\n\nProtesters marched in Lima on Friday."
    (protest,) = [e for e in analyse(text).events if e.code.type == "PROTEST"]
    assert protest.source is not None
    assert (protest.source.actor.name, protest.source.actor.country) == ("protesters", "PER")
