"""Toponym recognition on real parses: names, qualifiers, facilities, anaphors."""

from __future__ import annotations

from typing import Any

from eventwire.places.toponyms import find_toponyms


def names(parse: Any, text: str) -> dict[str, Any]:
    return {t.name: t for t in find_toponyms(parse(text))}


def test_places_are_found_with_offsets_and_without_the_article(parse: Any) -> None:
    text = "The minister flew from Lisbon to the Netherlands on Tuesday."
    found = names(parse, text)
    assert "Lisbon" in found and "Netherlands" in found
    span = found["Netherlands"].span
    assert text[span.start : span.end] == "Netherlands"


def test_a_region_after_a_comma_qualifies_the_town(parse: Any) -> None:
    found = names(parse, "Flooding closed schools in Springfield, Illinois, on Monday.")
    assert found["Springfield"].qualifier == "Illinois"


def test_a_facility_keeps_the_place_inside_its_name(parse: Any) -> None:
    toponyms = find_toponyms(parse("Crowds gathered outside Madrid's Atocha Station at dawn."))
    facility = [t for t in toponyms if t.is_facility]
    assert facility, [(t.name, t.label) for t in toponyms]
    assert "Madrid" in facility[0].inner or facility[0].name == "Madrid"


def test_the_capital_is_an_anaphor_and_a_named_capital_is_not(parse: Any) -> None:
    toponyms = find_toponyms(
        parse("Talks resumed in the capital on Friday. The city of Quito was calm.")
    )
    anaphors = [t for t in toponyms if t.label == "ANAPHOR"]
    assert [t.name for t in anaphors] == ["capital"]
    assert anaphors[0].span.text == "the capital"


def test_the_national_capital_names_its_country(parse: Any) -> None:
    toponyms = find_toponyms(parse("Protesters marched through the Kenyan capital on Sunday."))
    (anaphor,) = [t for t in toponyms if t.label == "ANAPHOR"]
    assert anaphor.anaphor_country == "Kenyan"


def test_the_place_an_organisation_is_named_after_is_a_candidate(parse: Any) -> None:
    doc = parse("The Georgia Environmental Protection Division will inspect the plant.")
    embedded = [t for t in find_toponyms(doc) if t.embedded]
    assert [t.name for t in embedded] == ["Georgia Environmental", "Georgia"]
    assert all(t.weak for t in embedded)


def test_a_name_of_a_towns_people_schools_or_streets_is_local(parse: Any) -> None:
    assert names(parse, "Police arrested a Lebanon woman on Friday after the crash.")[
        "Lebanon"
    ].local
    assert names(parse, "Tryouts will be held at the Jordan middle school next week.")[
        "Jordan"
    ].local
    assert names(parse, "The service will be held at the church, 212 N. Walnut St., Lebanon.")[
        "Lebanon"
    ].local
    assert not names(parse, "Officials in Lebanon said talks would resume.")["Lebanon"].local


def test_a_name_said_to_lie_in_a_town_knows_the_town_once(parse: Any) -> None:
    toponyms = find_toponyms(parse("The vehicle was parked east of Hampton Park in Charleston."))
    park = [t for t in toponyms if t.name == "Hampton Park"]
    assert len(park) == 1  # not found again as a facility ("Park")
    assert park[0].within == "Charleston"
    found = names(parse, "Troops left Baghdad in Iraq on Monday.")
    assert found["Baghdad"].within is None  # "in Iraq" says where they left it
