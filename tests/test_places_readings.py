"""Which readings of a name the resolver keeps and prefers: places abroad in a report about
somewhere else, compass words, facilities, seas, countries' other names, parts of places, and
the evidence of recovered names. Hand-made places (no gazetteer file, no model)."""

from __future__ import annotations

from typing import Any

from places_support import Lookup

from eventwire.models import Place, PlaceMention, TextSpan
from eventwire.places.evidence import Context
from eventwire.places.gazetteer_build import representative_point
from eventwire.places.resolve import Resolver
from eventwire.places.toponyms import Toponym


def place(
    pid: str,
    name: str,
    kind: str,
    country: str | None,
    admin1: str | None,
    point: tuple[float, float],
    population: int,
) -> Place:
    return Place(pid, name, kind, country, admin1, point[0], point[1], population, "P", None)


def toponym(name: str, start: int, label: str = "GPE", **extra: Any) -> Toponym:
    return Toponym(TextSpan(start, start + len(name), name), name, label, 0, **extra)


def resolve(lookup: Lookup, *toponyms: Toponym, **options: Any) -> list[PlaceMention]:
    return Resolver(lookup, **options).resolve(toponyms)


UTOPIA = place("c-ut", "Utopia", "country", "UTO", None, (10.0, 10.0), 40_000_000)
ARCADIA = place("c-ar", "Arcadia", "country", "ARC", None, (-20.0, 60.0), 20_000_000)
LAKELAND = place("r-ll", "Lakeland", "admin1", "ARC", "Lakeland", (-21.0, 61.0), 9_000_000)
RIVERTON = place("t-rv", "Riverton", "city", "ARC", "Lakeland", (-21.2, 61.1), 300_000)


def test_a_hamlet_abroad_is_stray_even_when_its_name_is_its_only_evidence() -> None:
    hamlet = place("t-fd", "Fernhollow", "city", "ARC", "Lakeland", (-22.0, 62.0), 9_000)
    lookup = Lookup(UTOPIA, hamlet)
    _, far = resolve(lookup, toponym("Utopia", 0), toponym("Fernhollow", 20))
    assert far.place is None  # the name's own reading is no evidence for Arcadia


def test_a_small_region_abroad_is_not_read_into_a_report_about_elsewhere() -> None:
    coast = place("r-wc", "Windward Coast", "admin1", "UTO", "Windward Coast", (9, 9), 30_000)
    lookup = Lookup(ARCADIA, LAKELAND, coast)
    *_, found = resolve(
        lookup, toponym("Arcadia", 0), toponym("Lakeland", 20), toponym("Windward Coast", 40)
    )
    assert found.place is None


def test_a_town_known_by_the_name_only_as_a_transliteration_is_stray_abroad() -> None:
    far = place("t-bd", "Al Bayyadh", "city", "UTO", None, (11.0, 11.0), 130_000)
    quay = place("t-qc", "Quayville", "city", "QVL", None, (12.0, 12.0), 500_000)
    lookup = Lookup(ARCADIA, far, quay, aliases={"Beyad": ["t-bd"], "Quayville City": ["t-qc"]})
    _, beyad, city = resolve(
        lookup, toponym("Arcadia", 0), toponym("Beyad", 20), toponym("Quayville City", 40)
    )
    assert beyad.place is None
    assert city.place == quay  # its own name written longer is no other name


def test_a_bare_compass_word_is_never_a_town() -> None:
    north = place("t-n", "North", "city", "ARC", "Lakeland", (-21.5, 61.5), 700)
    lookup = Lookup(ARCADIA, north)
    _, found = resolve(lookup, toponym("Arcadia", 0), toponym("North", 20))
    assert found.place is None


def test_a_facility_lies_in_the_place_of_its_name_that_fits_the_article() -> None:
    metro = place("t-me", "Metro", "city", "UTO", None, (10.5, 10.5), 180_000)
    lookup = Lookup(ARCADIA, LAKELAND, RIVERTON, metro)
    arena = toponym(
        "Metro Riverton Arena", 40, "FAC", inner=("Metro Riverton", "Metro", "Riverton")
    )
    *_, found = resolve(lookup, toponym("Arcadia", 0), toponym("Lakeland", 20), arena)
    assert found.place == RIVERTON and found.how == "enclosing"


def test_a_compass_word_in_a_facility_name_is_no_region_abroad() -> None:
    far_north = place("r-fn", "Far North", "admin1", "UTO", "Far North", (12, 12), 800_000)
    lookup = Lookup(far_north, LAKELAND)
    school = toponym("Far North Lakeland School", 0, "FAC", inner=("Far North", "Lakeland"))
    (found,) = resolve(lookup, school)
    assert found.place == LAKELAND


def test_a_sea_is_named_without_its_kind() -> None:
    ocean = place("r-so", "Sunset Ocean", "region", None, None, (0.0, -30.0), 0)
    town = place("t-so", "Sunset", "city", "ARC", "Hillside", (-30.0, 70.0), 7_000)
    lookup = Lookup(ARCADIA, LAKELAND, RIVERTON, ocean, town, aliases={"Sunset": ["r-so"]})
    *_, found = resolve(
        lookup,
        toponym("Lakeland", 0),
        toponym("Riverton", 20),
        toponym("Arcadia", 40),
        toponym("Sunset", 60),
    )
    assert found.place == ocean


def test_a_country_is_named_by_its_other_names_too() -> None:
    islands = place("c-ti", "Tern and Gull", "country", "TNG", None, (5.0, -60.0), 1_400_000)
    tern = place("t-tn", "Tern", "city", "ARC", "Lakeland", (-21.4, 61.3), 8_000)
    lookup = Lookup(ARCADIA, LAKELAND, islands, tern, aliases={"Tern": ["c-ti"]})
    *_, found = resolve(lookup, toponym("Arcadia", 0), toponym("Tern", 20))
    assert found.place == islands


def test_a_recovered_name_is_evidence_for_the_others() -> None:
    region = place("r-gr", "Granite", "admin1", "ARC", "Granite", (-25.0, 65.0), 10_000_000)
    country = place("c-gr", "Granite", "country", "GRN", None, (40.0, 40.0), 3_700_000)
    town = place("t-mc", "Millcross", "city", "ARC", "Granite", (-25.5, 65.5), 150_000)
    lookup = Lookup(region, country, town)
    _, found = resolve(lookup, toponym("Millcross", 0, weak=True), toponym("Granite", 30))
    assert found.place == region


def test_a_facility_is_no_evidence_for_the_name_inside_it() -> None:
    big = place("t-pb", "Portbury", "city", "UTO", None, (10.2, 10.2), 2_000_000)
    small = place("t-ps", "Portbury", "city", "ARC", "Lakeland", (-21.6, 61.0), 25_000)
    dale = place("t-da", "Dalesford", "city", "ARC", "Lakeland", (-21.0, 61.5), 1_300_000)
    dale_far = place("t-df", "Dalesford", "city", "UTO", None, (30.0, 30.0), 16_000)
    lookup = Lookup(big, small, dale, dale_far)
    clinic = toponym("Portbury Medical Center", 20, "FAC", inner=("Portbury Medical", "Portbury"))
    first, _, _ = resolve(
        lookup,
        toponym("Portbury", 0),
        clinic,
        toponym("Dalesford", 60),
        capitals=frozenset({("UTO", "portbury")}),
    )
    assert first.place == small


def test_a_part_of_a_place_is_read_as_the_place() -> None:
    town = place("t-sz", "Sorrel", "city", "UTO", None, (10.1, 10.1), 40_000)
    region = place("r-sz", "Sorrel", "admin1", "ARC", "Sorrel", (-23.0, 63.0), 5_000_000)
    continent = place("r-eu", "Eurasica", "region", None, None, (50.0, 20.0), 0)
    lookup = Lookup(LAKELAND, town, region, continent)
    north, province, town_only, far = resolve(
        lookup,
        toponym("North Lakeland", 0),
        toponym("Sorrel province", 20),
        toponym("Riverton Province", 40),
        toponym("Northern Eurasica", 60),
    )
    assert north.place == LAKELAND and north.span.text == "North Lakeland"
    assert province.place == region  # a province is no town
    assert town_only.place is None and far.place is None


def test_context_evidence_besides_several_names() -> None:
    context = Context()
    context.add(RIVERTON, key="riverton")
    context.add(LAKELAND, key="lakeland")
    assert context.besides("ARC", ["riverton"]) == 1
    assert context.besides("ARC", ["riverton", "lakeland"]) == 0


def test_a_few_towns_filed_far_from_their_region_do_not_move_its_point() -> None:
    towns = [(38.0 + i * 0.1, 115.0 + (i % 10) * 0.3) for i in range(60)]
    misfiled = [(31.0, 90.0), (31.5, 91.0), (32.0, 94.0), (33.0, 95.0), (31.2, 92.0)]
    lat, lon = representative_point(towns + misfiled)
    assert 39.0 < lat < 42.0 and 115.0 < lon < 118.0
    across = representative_point([(-17.0, 179.5), (-17.2, -179.8), (-16.8, 179.9)] * 3)
    assert abs(abs(across[1]) - 180.0) < 1.0  # still taken across the antimeridian


CEDAR_UTO = place("t-cu", "Cedarford", "city", "UTO", None, (10.3, 10.3), 2_000_000)
CEDAR_ARC = place("t-ca", "Cedarford", "city", "ARC", "Lakeland", (-21.5, 61.2), 25_000)


def test_an_actor_named_from_a_capital_is_no_evidence_for_that_capital() -> None:
    # "Cedarford police" read by the actors stage as Utopia's: the capital's name alone.
    oakmere = place("t-ok", "Oakmere", "city", "ARC", "Lakeland", (-22.5, 61.2), 300_000)
    lookup = Lookup(CEDAR_UTO, CEDAR_ARC, oakmere)
    found, _ = Resolver(lookup, capitals=frozenset({("UTO", "cedarford")})).resolve(
        [toponym("Cedarford", 0), toponym("Oakmere", 20)], ["UTO", "UTO", "UTO"]
    )
    assert found.place == CEDAR_ARC


def test_actors_still_count_for_the_other_names() -> None:
    far = place("t-ru", "Rowan", "city", "UTO", None, (10.6, 10.6), 20_000)
    near = place("t-ra", "Rowan", "city", "ARC", "Lakeland", (-21.8, 61.8), 30_000)
    lookup = Lookup(CEDAR_UTO, CEDAR_ARC, far, near)
    resolver = Resolver(lookup, capitals=frozenset({("UTO", "cedarford")}))
    _, rowan = resolver.resolve([toponym("Cedarford", 0), toponym("Rowan", 20)], ["UTO"] * 3)
    assert rowan.place == far


LEBANON_C = place("c-lb", "Lebanon", "country", "LBN", None, (33.8, 35.8), 6_800_000)
LEBANON_T = place("t-lb", "Lebanon", "city", "USA", "Ohio", (39.4, -84.2), 20_000)


def test_a_name_of_a_towns_people_or_schools_is_the_town_in_every_mention() -> None:
    lookup = Lookup(LEBANON_C, LEBANON_T)
    plain, woman, later = resolve(
        lookup,
        toponym("Lebanon", 0),
        toponym("Lebanon", 20, local=True),  # "a Lebanon woman"
        toponym("Lebanon", 40),
    )
    assert plain.place == woman.place == later.place == LEBANON_T
    (alone,) = resolve(lookup, toponym("Lebanon", 0))
    assert alone.place == LEBANON_C


def test_a_town_said_to_lie_in_a_town_lies_near_it() -> None:
    park_far = place("t-hp", "Hampton Glen", "city", "ARC", "Lakeland", (-21.0, 61.0), 20_000)
    state = place("r-hg", "Hampton Glen", "admin1", "UTO", "Hampton Glen", (9.0, 9.0), 900_000)
    lookup = Lookup(UTOPIA, park_far, state, CEDAR_UTO, CEDAR_ARC)
    park, _ = resolve(
        lookup, toponym("Hampton Glen", 0, within="Cedarford"), toponym("Cedarford", 30)
    )
    assert park.place == state  # a state is in no town: only the far town goes
    lookup = Lookup(park_far, CEDAR_UTO, CEDAR_ARC)
    park, _ = resolve(
        lookup, toponym("Hampton Glen", 0, within="Cedarford"), toponym("Cedarford", 30)
    )
    assert park.place is None  # a park of Cedarford the gazetteer does not know
    near = place("t-hn", "Hampton Glen", "city", "ARC", "Lakeland", (-21.6, 61.3), 2_000)
    lookup = Lookup(park_far, near, CEDAR_UTO, CEDAR_ARC)
    (park,) = resolve(lookup, toponym("Hampton Glen", 0, within="Cedarford"))
    assert park.place == near
