"""What the words around a name say it is: an enumeration of places of one kind ("Utah,
Washington and Wyoming"), a kind word ("Washington state", "the city of Sao Paulo"), and a
region written after a town the gazetteer does not know. Hand-made places, and real parses
of invented sentences for recognition."""

from __future__ import annotations

from typing import Any

from places_support import Lookup

from eventwire.models import Place, PlaceMention, TextSpan
from eventwire.places.resolve import Resolver
from eventwire.places.toponyms import REGION_KINDS, Toponym, find_toponyms


def place(
    pid: str, name: str, kind: str, country: str, admin1: str | None, population: int
) -> Place:
    return Place(pid, name, kind, country, admin1, 10.0, 10.0, population, "P", None)


def toponym(name: str, start: int, **extra: Any) -> Toponym:
    return Toponym(TextSpan(start, start + len(name), name), name, "GPE", 0, **extra)


def resolve(lookup: Lookup, *toponyms: Toponym) -> list[PlaceMention]:
    return Resolver(lookup).resolve(toponyms)


# Invented: the federation of Norland with its provinces, and namesake towns in Sudland.
NORLAND = place("c-no", "Norland", "country", "NOR", None, 30_000_000)
SUDLAND = place("c-su", "Sudland", "country", "SUD", None, 60_000_000)
PROVINCES = [
    place(f"a-{name.lower()}", name, "admin1", "NOR", name, 400_000)
    for name in ("Amber", "Birch", "Cedar", "Dunmore")
]
# a big town of Sudland named like a province of Norland, and a small one in Cedar province
BIRCH_TOWN = place("t-birch", "Birch", "city", "SUD", "Harbour", 20_000_000)
BIRCH_IN_CEDAR = place("t-birch-cedar", "Birch", "city", "NOR", "Cedar", 8_000)


def test_a_name_in_an_enumeration_of_provinces_is_the_province() -> None:
    lookup = Lookup(NORLAND, SUDLAND, *PROVINCES, BIRCH_TOWN)
    alone = resolve(lookup, toponym("Birch", 0))
    assert alone[0].place == BIRCH_TOWN  # the bigger reading, without the enumeration
    # a report mostly about Sudland: its evidence outweighs that of the other provinces
    about = [toponym("Sudland", 20 * i) for i in range(3)]
    listed = [
        toponym(n, 100 + 20 * i, group=100) for i, n in enumerate(["Amber", "Birch", "Cedar"])
    ]
    assert resolve(lookup, *about, *listed)[4].place == PROVINCES[1]


def test_a_comma_inside_an_enumeration_separates_names() -> None:
    lookup = Lookup(NORLAND, *PROVINCES, BIRCH_IN_CEDAR)
    names = ["Amber", "Birch", "Cedar", "Dunmore"]
    qualified = {"Birch": "Cedar"}  # "Amber, Birch, Cedar and Dunmore"
    listed = [toponym(n, 20 * i, group=0, qualifier=qualified.get(n)) for i, n in enumerate(names)]
    assert resolve(lookup, *listed)[1].place == PROVINCES[1]
    alone = toponym("Birch", 0, qualifier="Cedar")  # "Birch, Cedar": the town in Cedar
    assert resolve(lookup, alone)[0].place == BIRCH_IN_CEDAR


def test_a_well_known_town_in_an_enumeration_keeps_its_qualifier() -> None:
    big = place("t-birch-big", "Birch", "city", "NOR", "Cedar", 900_000)
    lookup = Lookup(NORLAND, *PROVINCES, big)
    names = ["Birch", "Cedar", "Amber", "Dunmore"]  # "Birch, Cedar, Amber and Dunmore"
    listed = [
        toponym(n, 20 * i, group=0, qualifier="Cedar" if n == "Birch" else None)
        for i, n in enumerate(names)
    ]
    assert resolve(lookup, *listed)[0].place == big


def test_two_names_of_one_kind_do_not_make_an_enumeration_of_that_kind() -> None:
    lookup = Lookup(NORLAND, *PROVINCES, BIRCH_TOWN, place("t-x", "Xeno", "city", "SUD", None, 1))
    listed = [toponym(n, 20 * i, group=0) for i, n in enumerate(["Amber", "Birch", "Xeno"])]
    assert resolve(lookup, *listed)[1].place == BIRCH_TOWN


def test_a_kind_word_chooses_the_reading_of_that_kind() -> None:
    lookup = Lookup(NORLAND, *PROVINCES, BIRCH_TOWN)
    state = toponym("Birch", 0, kinds=REGION_KINDS)  # "Birch province"
    assert resolve(lookup, state)[0].place == PROVINCES[1]
    cedar_town = place("t-cedar", "Cedar", "city", "NOR", "Cedar", 5_000)
    lookup = Lookup(NORLAND, *PROVINCES, cedar_town)
    town = toponym("Cedar", 0, kinds=("city",))  # "the city of Cedar"
    assert resolve(lookup, town)[0].place == cedar_town
    assert resolve(lookup, toponym("Cedar", 0))[0].place == PROVINCES[2]


def test_a_town_unknown_in_the_region_written_after_it_is_placed_in_the_region() -> None:
    lookup = Lookup(NORLAND, SUDLAND, *PROVINCES, place("t-f", "Fenwick", "city", "SUD", None, 9))
    found = resolve(lookup, toponym("Fenwick", 0, qualifier="Cedar"))[0]
    assert found.place == PROVINCES[2] and found.how == "qualifier"
    listed = toponym("Fenwick", 0, qualifier="Cedar", group=0)  # a list, not "town, region"
    assert resolve(lookup, listed)[0].place.country == "SUD"


def test_enumerations_are_recognised_and_a_qualifier_chain_is_not(parse: Any) -> None:
    text = (
        "Cases were reported in Ohio, Texas, Oregon and Utah. He lives in Stroud, Ontario, Canada."
    )
    found = {t.name: t for t in find_toponyms(parse(text))}
    groups = {found[n].group for n in ("Ohio", "Texas", "Oregon", "Utah") if n in found}
    assert len(groups) == 1 and None not in groups
    assert found["Stroud"].group is None


def test_kind_words_around_a_name_are_read(parse: Any) -> None:
    text = (
        "The farm lies in the state of Vermont. A Vermont state official spoke. "
        "In the Hunan city of Yueyang and the Charlotte region, it rained. Prices rose in the "
        "city of Denver."
    )
    toponyms = find_toponyms(parse(text))
    kinds = {(t.name, t.span.start): t.kinds for t in toponyms}
    said = {name: k for (name, _), k in sorted(kinds.items(), key=lambda kv: kv[0][1])}
    assert all(k == REGION_KINDS for (n, _), k in kinds.items() if n == "Vermont"), kinds
    assert said.get("Denver") == ("city",) and said.get("Yueyang") == ("city",)
    assert said.get("Hunan") == () and said.get("Charlotte") == ()
