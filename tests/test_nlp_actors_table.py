"""The bundled actor table: versioned data, name/shorthand/demonym/capital/institution lookups."""

from __future__ import annotations

from importlib import resources

import pytest

from eventwire.nlp.actor_table import (
    COUNTRIES_FILE,
    INSTITUTIONS_FILE,
    NON_STATE_CODES,
    WORDS_FILE,
    ActorTable,
    WordKind,
    load_actor_table,
    slugify,
)


@pytest.fixture(scope="module")
def table() -> ActorTable:
    return load_actor_table()


def test_the_table_is_loaded_once_and_carries_one_version(table: ActorTable) -> None:
    assert load_actor_table() is table
    for name in (COUNTRIES_FILE, INSTITUTIONS_FILE, WORDS_FILE):
        first = resources.files("eventwire").joinpath(name).read_text("utf-8").splitlines()[0]
        assert first == f"# version {table.version}"


def test_every_un_member_and_the_extra_territories_have_written_entries(table: ActorTable) -> None:
    path = resources.files("eventwire").joinpath(COUNTRIES_FILE)
    rows = [
        line.split("\t")
        for line in path.read_text("utf-8").splitlines()[1:]
        if line and not line.startswith("#")
    ][1:]
    codes = {row[0] for row in rows}
    assert len(codes) == len(rows) == 193 + 5  # UN members + TWN, XKX, PSE, HKG, VAT
    assert {"TWN", "XKX", "PSE", "HKG"} <= codes
    with_capital = [row for row in rows if row[5].strip()]
    assert len(with_capital) >= 195


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("the United States", "USA"),
        ("the US", "USA"),
        ("U.S.", "USA"),
        ("America", "USA"),
        ("Britain", "GBR"),
        ("the UK", "GBR"),
        ("South Korea", "KOR"),
        ("ROK", "KOR"),
        ("Republic of Korea", "KOR"),  # pycountry's name, un-inverted
        ("North Korea", "PRK"),
        ("North Korea’s", "PRK"),
        ("DPRK", "PRK"),
        ("Russia", "RUS"),
        ("Iran", "IRN"),
        ("Syria", "SYR"),
        ("Vietnam", "VNM"),
        ("Viet Nam", "VNM"),
        ("Kosovo", "XKX"),
        ("Taiwan", "TWN"),
        ("Palestine", "PSE"),
        ("Hong Kong", "HKG"),
        ("Greenland", "GRL"),  # only in pycountry
    ],
)
def test_country_names_and_shorthand(table: ActorTable, text: str, code: str) -> None:
    entry = table.country_for_name(text)
    assert entry is not None
    assert entry.code == code


def test_short_capitals_shorthand_matches_only_in_capitals(table: ActorTable) -> None:
    assert table.country_for_name("us") is None
    assert table.country_for_name("Us") is None
    assert table.institution("who") is None
    who = table.institution("WHO")
    assert who is not None
    assert who.country == "UNO"


@pytest.mark.parametrize(
    ("text", "code"),
    [("Kenyan", "KEN"), ("Norwegians", "NOR"), ("North Korean", "PRK"), ("Chilean", "CHL")],
)
def test_demonyms(table: ActorTable, text: str, code: str) -> None:
    entry = table.country_for_demonym(text)
    assert entry is not None
    assert entry.code == code


def test_ambiguous_demonyms_are_left_out(table: ActorTable) -> None:
    assert table.country_for_demonym("Korean") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [("Ottawa", "CAN"), ("Pyongyang", "PRK"), ("Washington", "USA"), ("Hanoi", "VNM")],
)
def test_capitals(table: ActorTable, text: str, code: str) -> None:
    entry = table.country_for_capital(text)
    assert entry is not None
    assert entry.code == code


def test_capitals_that_are_english_words_need_their_accent(table: ActorTable) -> None:
    assert table.country_for_capital("Male") is None
    assert table.country_for_capital("Malé") is not None


@pytest.mark.parametrize(
    ("text", "actor_id", "sector"),
    [
        ("the UN", "org:UNO:united-nations", None),
        ("Nato", "org:IGO:nato", None),
        ("EU", "org:EUR:european-union", None),
        ("the African Union", "org:IGO:african-union", None),
        ("Red Cross", "org:NGO:international-committee-of-the-red-cross", None),
        ("KCNA", "org:PRK:korean-central-news-agency", "MED"),
        ("Korean Central News Agency", "org:PRK:korean-central-news-agency", "MED"),
        ("Xinhua", "org:CHN:xinhua-news-agency", "MED"),
        ("the Pentagon", "org:USA:pentagon", "MIL"),
        ("the Kremlin", "org:RUS:kremlin", "GOV"),
        ("White House", "org:USA:white-house", "GOV"),
        ("AP", "org:USA:associated-press", "MED"),
    ],
)
def test_institutions(table: ActorTable, text: str, actor_id: str, sector: str | None) -> None:
    entry = table.institution(text)
    assert entry is not None
    assert (entry.id, entry.sector) == (actor_id, sector)


def test_institution_countries_are_states_or_plover_non_state_codes(table: ActorTable) -> None:
    for entry in table.institutions:
        assert (
            entry.country is None
            or entry.country in NON_STATE_CODES
            or table.country(entry.country)
        ), entry


@pytest.mark.parametrize(
    ("text", "kind", "sector"),
    [
        ("Prime Minister", WordKind.ROLE, "GOV"),
        ("general", WordKind.ROLE, "MIL"),
        ("opposition leader", WordKind.ROLE, "OPP"),
        ("police", WordKind.GROUP, "COP"),
        ("experts", WordKind.GROUP, "CVL"),
        ("state media", WordKind.GROUP, "MED"),
        ("foreign ministry", WordKind.ORG, "GOV"),
        ("government", WordKind.STATE, "GOV"),
    ],
)
def test_actor_words(table: ActorTable, text: str, kind: WordKind, sector: str) -> None:
    entry = table.word(text, kind)
    assert entry is not None
    assert entry.sector == sector


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Tomás Aravena", "tomas-aravena"),
        ("Kim Jong-un", "kim-jong-un"),
        ("Workers’ Party", "workers-party"),
    ],
)
def test_slugs_are_ascii_and_stable(text: str, slug: str) -> None:
    assert slugify(text) == slug
