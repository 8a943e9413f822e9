"""The bundled people table (eventwire/data/people.tsv): format, codes and unambiguous names."""

from __future__ import annotations

import unicodedata
from collections import Counter
from importlib import resources

import pycountry
import pytest

PEOPLE_FILE = "data/people.tsv"
WORDS_FILE = "data/actor_words.tsv"
HEADER = ["name", "country", "sector", "role", "aliases"]
NON_STATE_CODES = frozenset({"UNO", "IGO", "EUR", "NGO", "MNC"})
# The sectors a person may carry: a subset of the codes actor_words.tsv uses.
SECTORS = frozenset({"GOV", "MIL", "REB", "OPP", "PTY", "LEG", "JUD", "REL", "COP"})


def _lines(path: str) -> list[str]:
    return resources.files("eventwire").joinpath(path).read_text("utf-8").splitlines()


def _table(path: str) -> tuple[list[str], list[list[str]]]:
    """The header row and data rows of a bundled TSV file (comment and blank lines dropped)."""
    rows = [line.split("\t") for line in _lines(path) if line.strip() and not line.startswith("#")]
    return rows[0], rows[1:]


@pytest.fixture(scope="module")
def rows() -> list[list[str]]:
    header, data = _table(PEOPLE_FILE)
    assert header == HEADER
    return data


def _aliases(row: list[str]) -> list[str]:
    return [part for part in row[4].split("|") if part]


def _forms(row: list[str]) -> list[str]:
    """The name and aliases of a row, casefolded for comparison."""
    return [form.casefold() for form in [row[0], *_aliases(row)]]


def _sort_key(name: str) -> str:
    """A name without accents, casefolded: the order the rows follow within a country."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def test_the_file_starts_with_the_shared_version_line() -> None:
    first = _lines(PEOPLE_FILE)[0]
    assert first == _lines(WORDS_FILE)[0]
    assert first.startswith("# version ")


def test_every_row_has_five_fields_without_stray_whitespace(rows: list[list[str]]) -> None:
    assert 400 <= len(rows) <= 3000
    for row in rows:
        assert len(row) == 5, row
        name, country, sector, role, _ = row
        assert name and country and sector and role, row
        for field in [*row[:4], *_aliases(row)]:
            assert field == field.strip(), row
            assert "  " not in field, row
        assert "||" not in row[4] and not row[4].startswith("|") and not row[4].endswith("|"), row


def test_country_codes_are_iso_alpha3_or_plover_bodies(rows: list[list[str]]) -> None:
    iso = {country.alpha_3 for country in pycountry.countries}
    unknown = {row[1] for row in rows} - iso - NON_STATE_CODES
    assert not unknown


def test_sectors_come_from_a_small_set_used_by_actor_words(rows: list[list[str]]) -> None:
    _, words = _table(WORDS_FILE)
    assert {row[2] for row in words} >= SECTORS
    assert {row[1] for row in words} >= {"role"}
    assert {row[2] for row in rows} <= SECTORS


def test_roles_are_short_and_lowercase(rows: list[list[str]]) -> None:
    for row in rows:
        role = row[3]
        assert role == role.lower(), row
        assert len(role.split()) <= 6, row


def test_no_alias_is_a_single_word(rows: list[list[str]]) -> None:
    single = [(row[0], alias) for row in rows for alias in _aliases(row) if len(alias.split()) < 2]
    assert not single


def test_names_and_aliases_are_unique_across_rows(rows: list[list[str]]) -> None:
    counts = Counter(form for row in rows for form in set(_forms(row)))
    assert not [form for form, n in counts.items() if n > 1]


def test_no_row_repeats_a_name_among_its_own_aliases(rows: list[list[str]]) -> None:
    for row in rows:
        forms = _forms(row)
        assert len(forms) == len(set(forms)), row


def test_rows_are_ordered_by_country_then_name(rows: list[list[str]]) -> None:
    keys = [(row[1], _sort_key(row[0])) for row in rows]
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    ("form", "country"),
    [
        ("Bill Clinton", "USA"),
        ("Vladimir Putin", "RUS"),
        ("Angela Merkel", "DEU"),
        ("Abu Mazen", "PSE"),
        ("Kim Jong Un", "PRK"),
        ("Hun Sen", "KHM"),
        ("Vaclav Havel", "CZE"),
        ("Jakaya Kikwete", "TZA"),
        ("Evo Morales", "BOL"),
        ("Nursultan Nazarbayev", "KAZ"),
        ("Xi Jin-ping", "CHN"),
        ("Kofi Annan", "UNO"),
        ("Jens Stoltenberg", "IGO"),
        ("Ursula von der Leyen", "EUR"),
    ],
)
def test_well_known_people_resolve_to_their_country(
    rows: list[list[str]], form: str, country: str
) -> None:
    found = {row[1] for row in rows if form.casefold() in _forms(row)}
    assert found == {country}
