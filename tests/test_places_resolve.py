"""Toponym resolution against a real (small) gazetteer index, on real parses.

The index is built once per test run from the packaged GeoNames data, keeping places of 50,000
people or more (plus every country and first-level region), so that it builds in seconds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventwire.models import PlaceMention
from eventwire.places.gazetteer import Gazetteer, build_index
from eventwire.places.stage import PlaceStage


@pytest.fixture(scope="module")
def stage(tmp_path_factory: pytest.TempPathFactory, table: Any) -> Any:
    path: Path = tmp_path_factory.mktemp("gazetteer") / "small.sqlite"
    build_index(path, min_population=50_000)
    gazetteer = Gazetteer.open(path, build=False)
    yield PlaceStage(gazetteer, table)
    gazetteer.close()


def resolved(stage: PlaceStage, parse: Any, text: str) -> dict[str, PlaceMention]:
    return {m.span.text: m for m in stage.places(parse(text))}


def country_of(mention: PlaceMention) -> str | None:
    return mention.place.country if mention.place else None


def test_the_bigger_namesake_wins_without_context(stage: Any, parse: Any) -> None:
    found = resolved(stage, parse, "The band played a concert in Birmingham last night.")
    assert country_of(found["Birmingham"]) == "GBR"


def test_a_qualifier_overrides_size(stage: Any, parse: Any) -> None:
    found = resolved(stage, parse, "The band played a concert in Birmingham, Alabama, last night.")
    place = found["Birmingham"].place
    assert place is not None and place.country == "USA" and place.admin1 == "Alabama"
    assert found["Birmingham"].how == "qualifier"


def test_the_articles_other_places_choose_the_namesake(stage: Any, parse: Any) -> None:
    text = (
        "Officials in Maine said the storm would reach the coast by evening. "
        "Ferries out of Portland were cancelled and schools in Bangor closed early."
    )
    place = resolved(stage, parse, text)["Portland"].place
    assert place is not None and place.admin1 == "Maine"
    alone = resolved(stage, parse, "Ferries out of Portland were cancelled on Monday.")["Portland"]
    assert alone.place is not None and alone.place.admin1 == "Oregon"


def test_a_country_and_a_state_of_the_same_name(stage: Any, parse: Any) -> None:
    caucasus = "Russia and Georgia traded accusations after talks in Tbilisi collapsed."
    assert country_of(resolved(stage, parse, caucasus)["Georgia"]) == "GEO"
    south = "Storms moved from Alabama into Georgia, cutting power in Atlanta."
    place = resolved(stage, parse, south)["Georgia"].place
    assert place is not None and (place.country, place.kind) == ("USA", "admin1")


def test_a_facility_resolves_to_its_city_and_keeps_its_name(stage: Any, parse: Any) -> None:
    found = stage.places(parse("Crowds gathered outside Madrid's Atocha Station at dawn."))
    facility = [m for m in found if m.facility]
    assert facility and facility[0].place is not None
    assert facility[0].place.name == "Madrid" and "Atocha Station" in facility[0].facility


def test_the_capital_after_a_country_is_its_capital(stage: Any, parse: Any) -> None:
    text = "Kenya's president called for calm. Police patrolled the capital overnight."
    found = stage.places(parse(text))
    anaphor = [m for m in found if m.how == "anaphor"]
    assert anaphor and anaphor[0].place is not None
    assert anaphor[0].place.name == "Nairobi"


def test_unknown_names_stay_unresolved_but_recognised(stage: Any, parse: Any) -> None:
    found = stage.places(parse("The ship sank off the coast of Zorblaxia on Sunday."))
    assert all(m.place is None for m in found if "Zorblaxia" in m.span.text)


def test_short_capital_codes_are_not_small_towns(stage: Any, parse: Any) -> None:
    found = resolved(stage, parse, "Ministers from the EU met in Brussels on Tuesday.")
    eu = found.get("EU")
    assert eu is None or eu.place is None or eu.place.kind != "city"


def test_seas_and_counties_are_places_of_their_own(stage: Any, parse: Any) -> None:
    text = "Storms swept in from the Atlantic and flooded villages across Yorkshire."
    found = resolved(stage, parse, text)
    assert found["Atlantic"].place is not None and found["Atlantic"].place.kind == "region"
    yorkshire = found["Yorkshire"].place
    assert yorkshire is not None and yorkshire.country == "GBR"


def test_a_hamlet_abroad_is_not_read_into_a_report_about_elsewhere(stage: Any, table: Any) -> None:
    from eventwire.models import TextSpan
    from eventwire.places.resolve import Resolver
    from eventwire.places.toponyms import Toponym

    resolver = Resolver(stage.gazetteer)
    toponyms = [
        Toponym(TextSpan(0, 5, "Chile"), "Chile", "GPE", 0),
        Toponym(TextSpan(20, 29, "Santiago"), "Santiago", "GPE", 0),
        Toponym(TextSpan(40, 45, "Zzyzx"), "Zzyzx", "GPE", 1),
    ]
    chile, santiago, unknown = resolver.resolve(toponyms)
    assert chile.place is not None and chile.place.country == "CHL"
    assert santiago.place is not None and santiago.place.country == "CHL"
    assert unknown.place is None
