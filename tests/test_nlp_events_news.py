"""Words of ordinary news and broadcast talk that are no political event, on invented sentences
parsed by the pinned model (skipped when it is absent).

Each case is a general reading rule: a courtesy ("thank you", "welcome back") is not an act of
support, a question is not a request, sharing a view is not an agreement, leaving with no
destination or date is not a trip, and words of violence used for things, laws, economies, sport or
causes ("smoke hung over", "hurt the economy", "struck down the law", "fight for their rights")
are not assaults; declining to comment is no refusal; a plea in court is no appeal. The same words
used for the event still give it (``STILL_EVENTS``, which guard these rules from reaching too far),
and so do denials of wrongdoing and acts on a count of something ("expelled 23 of its diplomats").
An arrest or charge with no agent named is by the state of the person it befell (whole extractor).
"""

from __future__ import annotations

from typing import Any

import pytest
from nlp_events_support import TableLookup, analyse, default_table, load_model, person

from eventwire.models import Event
from eventwire.nlp.events import find_events

EXTRA = {name.lower(): person(name) for name in ("Okafor", "Haddad", "Sato")}


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model()


def types_in(nlp: Any, text: str) -> list[str]:
    return [e.code.type for e in events_in(nlp, text)]


def events_in(nlp: Any, text: str) -> list[Event]:
    doc = nlp(text)
    return find_events(doc, TableLookup(doc, default_table(EXTRA)), "article-1")


NO_EVENT = [
    # courtesies of an interview or a programme
    ("Thank you very much for joining us, minister.", "SUPPORT"),
    ("Welcome back to the programme.", "SUPPORT"),
    # questions
    ("A reporter asked the minister whether the border would reopen.", "REQUEST"),
    ('Mr Haddad asked him, "Why did the talks fail?"', "REQUEST"),
    ("When we asked for comment, Kenya's embassy did not reply.", "REQUEST"),
    ("Kenya's foreign ministry declined to comment on the report.", "REJECT"),
    # a source's wish for anonymity
    ("A police officer, who asked not to be named, said two men were held.", "REQUEST"),
    ("An official who asked not to be identified described the plan.", "REQUEST"),
    ("The diplomat requested anonymity because the talks were private.", "REQUEST"),
    # facing what is not a charge
    ("The government faces a difficult choice.", "ACCUSE"),
    # what one wants to do oneself, or of things
    ("The government wants to build a new port.", "REQUEST"),
    ("Investors want prices to fall before the vote.", "REQUEST"),
    # views shared, not agreements
    ("We completely agree with that assessment.", "AGREE"),
    ("I agree the situation in the north is serious.", "AGREE"),
    ("Two analysts offer their views on the crisis.", "AGREE"),
    # leaving, with no destination and no date
    ("The crowd chanted that Mr Haddad should leave.", "CONSULT"),
    # talk that is no contact between parties
    ("The witness spoke of the video during the hearing.", "CONSULT"),
    ("Her ears were still ringing after the blast.", "CONSULT"),
    ("We will continue our conversation after the break.", "CONSULT"),
    # violence words used for things, laws, economies, sport and causes
    ("A cloud of black smoke hung over the square.", "ASSAULT"),
    ("The currency crisis hurt Kenya's economy.", "ASSAULT"),
    ("The message really hit home with voters.", "ASSAULT"),
    ("The court struck down the new law.", "ASSAULT"),
    ("The students are fighting for their rights.", "ASSAULT"),
    ("The two teams battled it out in Nairobi on Saturday.", "ASSAULT"),
    ("The army has fought economic reforms for years.", "ASSAULT"),
    # a plea in court is no appeal to anyone
    ("Mr Okafor pleaded guilty to two charges of fraud.", "REQUEST"),
    ("Mr Haddad pleaded not guilty on Tuesday.", "REQUEST"),
    # buying aircraft is no armament; a university training teachers no mobilisation
    ("The airline bought new aircraft from Boeing.", "MOBILIZE"),
    ("The university trained 300 teachers.", "MOBILIZE"),
    # showing is not protesting; publishing a paper frees nobody
    ("This was also demonstrated by our decision.", "PROTEST"),
    ("The figures demonstrated that the economy was growing.", "PROTEST"),
    ("The authorities released a white paper on religion.", "RETREAT"),
]


@pytest.mark.parametrize(("text", "type_"), NO_EVENT)
def test_ordinary_news_words_are_no_event(nlp: Any, text: str, type_: str) -> None:
    assert type_ not in types_in(nlp, text)


STILL_EVENTS = [
    ("Ghana thanked Japan for the loan.", "SUPPORT"),
    ("Kenya said it welcomed the decision by Tanzania.", "SUPPORT"),
    ("Peru asked Chile to reopen the border.", "REQUEST"),
    ("Kenya declined the invitation.", "REJECT"),
    ("Peru and Chile agreed to reopen the border.", "AGREE"),
    ("Mr Okafor left on Monday.", "CONSULT"),
    ("Mr Okafor left for Lima on Monday.", "CONSULT"),
    ("Mr Sato spoke with Mr Haddad by phone on Tuesday.", "CONSULT"),
    ("Two men were hanged in the prison yard at dawn.", "ASSAULT"),
    ("Soldiers fought rebels near the border.", "ASSAULT"),
    ("Mr Haddad pleaded with the rebels to free the hostages.", "REQUEST"),
    # denials of what was said of them
    ("Mr Okafor denies any wrongdoing.", "REJECT"),
    ("Peru's government denied any role in the killings.", "REJECT"),
    # acts on a count of something: "23 of its diplomats"
    ("Peru expelled 23 of Chile's diplomats.", "SANCTION"),
    ("Soldiers arrested some of the protesters.", "COERCE"),
    # armament and recruitment, appeals against rulings, sentences sought
    ("Peru has recruited 20,000 soldiers in three years.", "MOBILIZE"),
    ("Peru will buy tanks and artillery from Chile.", "MOBILIZE"),
    ("The opposition will challenge the ruling in court.", "REJECT"),
    ("Prosecutors sought a 25-year prison term for Mr Okafor.", "REQUEST"),
    ("Peru ordered Chile to withdraw its troops.", "REQUEST"),
    ("Mr Okafor advised the chairman to resign.", "REQUEST"),
    ("Peru asked Chile to name the officers.", "REQUEST"),
    ("Mr Okafor appeared in court on Friday to face corruption charges.", "ACCUSE"),
    ("Mr Okafor will face trial in March.", "ACCUSE"),
    ("The rebels asked to remain in the city.", "REQUEST"),
]


@pytest.mark.parametrize(("text", "type_"), STILL_EVENTS)
def test_the_same_words_still_give_their_event(nlp: Any, text: str, type_: str) -> None:
    assert type_ in types_in(nlp, text)


def test_fighting_a_reform_is_opposing_it(nlp: Any) -> None:
    assert types_in(nlp, "The army has fought economic reforms for years.") == ["REJECT"]


def _sides(text: str) -> list[tuple[str, str | None, str | None]]:
    """(type, source country, source sector) of each event, through the whole extractor."""
    return [
        (e.code.type, e.source.actor.country, e.source.actor.sector)
        if e.source
        else (e.code.type, None, None)
        for e in analyse(text).events
    ]


def test_an_arrest_or_charge_with_no_agent_is_by_the_state_of_whom_it_befell() -> None:
    assert _sides("Kenyan opposition leader Jane Okafor was arrested on Monday.") == [
        ("COERCE", "KEN", "COP")
    ]
    assert _sides("Two Kenyan activists were charged with incitement.") == [
        ("ACCUSE", "KEN", "JUD")
    ]


def test_an_arrest_with_its_agent_or_of_nobody_placed_is_left_as_said() -> None:
    assert _sides("Jane Okafor was arrested by Ugandan soldiers in Kampala.") == [
        ("COERCE", "UGA", "MIL")
    ]
    assert _sides("Jane Okafor was arrested on Monday.") == [("COERCE", None, None)]


def test_backing_received_is_support_from_the_giver(nlp: Any) -> None:
    (event,) = events_in(nlp, "Mr Okafor has received strong backing from Peru.")
    assert event.code.type == "SUPPORT"
    assert event.source is not None and event.source.actor.country == "PER"
    assert event.target is not None and event.target.actor.name == "Okafor"


def test_wanting_another_to_act_is_a_demand_of_it_not_the_act() -> None:
    (event,) = analyse("Kenya wants Uganda to withdraw its troops from the island.").events
    assert event.code.type == "REQUEST"
    assert event.source is not None and event.source.actor.country == "KEN"
    assert event.target is not None and event.target.actor.country == "UGA"
    (event,) = analyse("The opposition wants President Odhiambo to resign.").events
    assert event.code.type == "REQUEST"
    assert event.target is not None and event.target.actor.name == "Odhiambo"
