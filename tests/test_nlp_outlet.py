"""A domestic outlet's unqualified officials are of its country; other outlets' are left alone."""

from __future__ import annotations

import pytest
from nlp_events_support import analyse

from eventwire.models import ArticleAnalysis
from eventwire.nlp.outlet import outlet_country

# Invented, in the manner of a national paper writing about its own courts and ministers.
HOME_REPORT = (
    "Chief Justice Amina Wekesa has rejected claims by Interior Secretary Peter Otieno that "
    "judges are working with activists to frustrate the government.\n"
    "Kenyan lawmakers summoned Otieno on Tuesday after Kenya's police were criticised by the "
    "Kenyan Law Society.\n"
    "Wekesa accused Otieno of attacking the independence of the courts."
)


def _people(analysis: ArticleAnalysis) -> dict[str, str | None]:
    return {
        m.actor.name: m.actor.country for m in analysis.actors if m.actor.id.startswith("person:")
    }


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://www.example.co.ke/news/courts", "KEN"),
        ("http://www.example.si/news-in-english/x", "SVN"),
        ("https://news.example.co.uk/politics", "GBR"),
        ("https://www.example.com.co/politica", "COL"),
        ("https://www.example.com/world/africa", None),
        ("https://www.example.tv/clip", None),  # a country code sold as a brand
        ("http://exam.ple.ms/2hMoVo8", None),  # a link shortener
        ("not a url", None),
        (None, None),
    ],
)
def test_the_outlet_country_comes_from_a_country_code_domain(
    url: str | None, code: str | None
) -> None:
    assert outlet_country(url) == code


def test_a_domestic_outlet_leaves_its_own_officials_unqualified() -> None:
    people = _people(analyse(HOME_REPORT, url="https://www.example.co.ke/news/courts"))
    assert people["Amina Wekesa"] == "KEN"
    assert people["Peter Otieno"] == "KEN"
    events = analyse(HOME_REPORT, url="https://www.example.co.ke/news/courts").events
    sides = {
        (e.source.actor.country if e.source else None) for e in events if e.code.type == "REJECT"
    }
    assert sides == {"KEN"}  # the events carry the placed actors too


def test_an_outlet_of_another_country_or_none_places_nobody() -> None:
    for url in ("https://www.example.co.uk/world/africa", "https://www.example.com/world", None):
        people = _people(analyse(HOME_REPORT, url=url))
        assert people["Amina Wekesa"] is None, url
        assert people["Peter Otieno"] is None, url


def test_a_person_without_a_role_is_not_placed() -> None:
    text = (
        "Kenyan police questioned Mary Njeri after the protest in Nairobi.\n"
        "Kenya's government said the Kenyan courts would decide."
    )
    people = _people(analyse(text, url="https://www.example.co.ke/news"))
    assert people["Mary Njeri"] is None


# Invented: a national paper on a generic domain, writing about home from its towns.
TOWNS_REPORT = (
    "Governor Halima Bello of Kano State met farmers in Kano on Monday.\n"
    "Senator Musa Ojo, who spoke in Abuja, accused Bello of neglecting farmers in Kaduna and "
    "Zaria.\n"
    "Nigeria's police said they had arrested 14 people in Kano after the clashes."
)


def test_envoys_are_not_placed_by_the_report_s_places() -> None:
    text = TOWNS_REPORT + "\nEnvoy Lars Berg met the governor in Kano on Tuesday."
    people = _people(analyse(text, url="https://www.example.com/news"))
    assert people["Musa Ojo"] == "NGA"
    assert people["Lars Berg"] is None


def test_a_foreign_outlet_s_report_about_one_country_places_its_officials() -> None:
    people = _people(analyse(TOWNS_REPORT, url="https://news.example.co.uk/world/africa"))
    assert people["Musa Ojo"] == "NGA"


# Invented, in the manner of an old wire report filed from a capital: a correspondent's dateline.
DATELINE_REPORT = (
    "LIMA (AP)_ Defense Minister Rosa Quispe said Sunday that the army would stay on alert.\n"
    "Quispe met army commanders on Saturday, and the Peruvian foreign ministry accused "
    "Ecuador of moving artillery to the border.\n"
    "Peruvian officials said the talks would resume next week."
)


@pytest.mark.parametrize(
    ("text", "person", "code"),
    [
        (TOWNS_REPORT, "Musa Ojo", "NGA"),  # its places lie in one country
        (DATELINE_REPORT, "Rosa Quispe", "PER"),  # filed from a dateline there
    ],
)
def test_a_report_about_home_places_its_bare_officials(text: str, person: str, code: str) -> None:
    people = _people(analyse(text, url="https://www.example.com/news"))
    assert people[person] == code


def test_a_dateline_abroad_does_not_claim_the_report_s_officials() -> None:
    text = DATELINE_REPORT.replace("LIMA (AP)_", "QUITO (AP)_")
    people = _people(analyse(text, url="https://www.example.com/world"))
    assert people["Rosa Quispe"] is None
