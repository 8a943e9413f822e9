"""Acts in several places at once, deeds condemned with their victims named, and the place a
phrase such as "the embassy in Nairobi" names. Every report here is invented."""

from __future__ import annotations

from nlp_events_support import analyse

from eventwire.models import ArticleAnalysis, Event


def _of(analysis: ArticleAnalysis, kind: str) -> list[Event]:
    return [e for e in analysis.events if e.code.type == kind]


def _place_countries(events: list[Event]) -> list[str | None]:
    return [e.place.place.country if e.place and e.place.place else None for e in events]


def test_an_attack_on_places_in_two_states_is_one_attack_in_each() -> None:
    for text in (
        "Two bombs went off outside the Dutch embassies in Ghana and Togo on Tuesday.",
        "Bombs exploded near the Dutch embassies in the Ghanaian and Togolese capitals on Tuesday.",
    ):
        attacks = _of(analyse(text), "ASSAULT")
        assert _place_countries(attacks) == ["GHA", "TGO"], text
        assert {e.target.actor.country for e in attacks if e.target} == {"NLD"}, text
        assert len({e.id for e in attacks}) == 2, text


def test_places_in_one_state_or_unknown_towns_stay_one_event() -> None:
    attacks = _of(
        analyse("Gunmen attacked police posts in Kumasi and Tamale on Friday."), "ASSAULT"
    )
    assert len(attacks) == 1


def test_a_side_placed_by_one_of_the_states_keeps_one_event() -> None:
    arrests = _of(analyse("Police arrested dozens of students in Accra and Lome."), "COERCE")
    assert len(arrests) == 1


def test_a_deed_condemned_with_its_victims_named_is_an_event_of_its_own() -> None:
    analysis = analyse("Kenya condemned the bombing of the Dutch embassy in Accra on Tuesday.")
    (attack,) = _of(analysis, "ASSAULT")
    assert attack.target is not None and attack.target.actor.country == "NLD"
    assert _place_countries([attack]) == ["GHA"]
    assert [e.source.actor.country for e in _of(analysis, "ACCUSE") if e.source] == ["KEN"]


def test_a_deed_condemned_without_its_victims_is_only_the_condemnation() -> None:
    analysis = analyse("Kenya condemned the cowardly bombings on Tuesday.")
    assert _of(analysis, "ASSAULT") == []
    assert len(_of(analysis, "ACCUSE")) == 1


def test_an_embassy_is_in_the_town_its_phrase_names_not_in_its_own_state() -> None:
    for text in (
        "A bomb exploded outside the Dutch embassy in Accra on Tuesday.",
        "A bomb exploded outside the U.S. embassy in Accra on Tuesday.",
    ):
        (attack,) = _of(analyse(text), "ASSAULT")
        assert attack.place is not None and attack.place.place is not None, text
        assert attack.place.place.name == "Accra", text


def test_a_deed_that_is_the_subject_places_what_it_did() -> None:
    text = "The bombing of the Dutch embassy in Accra killed two guards on Tuesday."
    attacks = _of(analyse(text), "ASSAULT")
    assert attacks and _place_countries(attacks) == ["GHA"] * len(attacks)


def test_a_deed_at_a_body_s_premises_names_its_victim() -> None:
    analysis = analyse("Kenya condemned the bomb attack at the Dutch embassy in Accra on Tuesday.")
    (attack,) = _of(analysis, "ASSAULT")
    assert attack.target is not None and attack.target.actor.country == "NLD"
