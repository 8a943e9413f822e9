"""What an article's places say about each other: links between names, neighbours, and the
resolver's use of them, on hand-made places (no gazetteer file, no model)."""

from __future__ import annotations

from places_support import Lookup

from eventwire.models import Place, PlaceMention, TextSpan
from eventwire.places.evidence import Context, links, neighbours
from eventwire.places.gazetteer import normalise
from eventwire.places.resolve import Resolver
from eventwire.places.toponyms import Toponym


def place(
    pid: str,
    name: str,
    kind: str,
    admin1: str | None,
    point: tuple[float, float] | None,
    population: int,
    country: str = "USA",
) -> Place:
    lat, lon = point or (None, None)
    return Place(pid, name, kind, country, admin1, lat, lon, population, "P", None)


HUNTSVILLE_AL = place("h-al", "Huntsville", "city", "Alabama", (34.73, -86.59), 215_000)
HUNTSVILLE_TX = place("h-tx", "Huntsville", "city", "Texas", (30.72, -95.55), 41_000)
WALKER_TX = place("w-tx", "Walker County", "admin2", "Texas", (30.63, -95.52), 42_000)
WALKER_AL = place("w-al", "Walker County", "admin2", "Alabama", (33.81, -87.28), 22_000)
TEXAS = place("tx", "Texas", "admin1", "Texas", (31.2, -99.3), 29_000_000)
PARIS_FR = place("p-fr", "Paris", "city", "Île-de-France", (48.85, 2.35), 2_100_000, "FRA")
PARIS_TX = place("p-tx", "Paris", "city", "Texas", (33.66, -95.56), 25_000)
COLUMBUS_OH = place("c-oh", "Columbus", "city", "Ohio", (39.96, -83.0), 900_000)
COLUMBUS_GA = place("c-ga", "Columbus", "city", "Georgia", (32.46, -84.99), 200_000)
PHENIX_CITY = place("phenix", "Phenix City", "city", "Alabama", (32.47, -85.0), 37_000)
KENYA = place("ken", "Kenya", "country", None, (1.0, 38.0), 53_000_000, "KEN")
SOUTH_CMR = place("s-cmr", "South", "admin1", "South", (2.9, 11.2), 700_000, "CMR")
COUNTIES = {"h-al": "Madison County", "h-tx": "Walker County"}


def toponym(name: str, start: int, qualifier: str | None = None) -> Toponym:
    return Toponym(TextSpan(start, start + len(name), name), name, "GPE", 0, qualifier)


def names(*groups: tuple[str, list[Place]]) -> list[tuple[str, list[Place]]]:
    return [(normalise(name), readings) for name, readings in groups]


def resolve(lookup: Lookup, *toponyms: Toponym) -> list[PlaceMention]:
    return Resolver(lookup).resolve(toponyms)


def test_a_town_and_the_county_it_lies_in_support_each_other() -> None:
    found = links(
        names(
            ("Huntsville", [HUNTSVILLE_AL, HUNTSVILLE_TX]),
            ("Walker County", [WALKER_TX, WALKER_AL]),
        ),
        lambda p: COUNTIES.get(p.id),
    )
    assert found["h-tx"] > 0 and found["w-tx"] > 0
    assert "h-al" not in found and "w-al" not in found


def test_close_namesakes_support_each_other_less_the_more_namesakes_they_have() -> None:
    pair = names(("Columbus", [COLUMBUS_OH, COLUMBUS_GA]), ("Phenix City", [PHENIX_CITY]))
    found = neighbours(pair)
    assert found["c-ga"] > 0 and found["phenix"] > 0 and "c-oh" not in found
    many = [place(f"t{i}", "Columbus", "city", "X", (10.0 + 3 * i, 20.0), 1000) for i in range(60)]
    crowded = names(("Columbus", [COLUMBUS_GA, *many]), ("Phenix City", [PHENIX_CITY]))
    assert neighbours(crowded)["c-ga"] < found["c-ga"]


def test_a_name_is_no_evidence_for_its_own_reading() -> None:
    context = Context()
    context.add(PARIS_FR, key="paris")
    assert context.country("FRA", "paris") == 0
    assert context.country("FRA", "lyon") == 1
    assert context.share("FRA", "paris") == 0


def test_the_county_an_article_names_chooses_the_town() -> None:
    lookup = Lookup(HUNTSVILLE_AL, HUNTSVILLE_TX, WALKER_TX, WALKER_AL, counties=COUNTIES)
    town, county = resolve(lookup, toponym("Huntsville", 0), toponym("Walker County", 30))
    assert town.place == HUNTSVILLE_TX and county.place == WALKER_TX
    (alone,) = resolve(lookup, toponym("Huntsville", 0))
    assert alone.place == HUNTSVILLE_AL


def test_a_town_next_to_another_of_the_article_wins() -> None:
    lookup = Lookup(COLUMBUS_OH, COLUMBUS_GA, PHENIX_CITY, counties=COUNTIES)
    columbus, _ = resolve(lookup, toponym("Columbus", 0), toponym("Phenix City", 30))
    assert columbus.place == COLUMBUS_GA


def test_a_qualified_name_means_the_same_place_throughout_the_article() -> None:
    lookup = Lookup(PARIS_FR, PARIS_TX, TEXAS, counties=COUNTIES)
    first, later = resolve(lookup, toponym("Paris", 0, qualifier="Texas"), toponym("Paris", 40))
    assert first.place == PARIS_TX and first.how == "qualifier"
    assert later.place == PARIS_TX


def test_a_bare_compass_word_names_a_region_only_in_its_countrys_news() -> None:
    lookup = Lookup(KENYA, SOUTH_CMR, counties=COUNTIES)
    _, south = resolve(lookup, toponym("Kenya", 0), toponym("South", 30))
    assert south.place is None
