"""Factuality and attribution of event mentions, on invented sentences parsed by the pinned model.

Every class is covered (asserted, planned, negated, hypothetical, reported), with the speaker the
article attributes the event to (``said_by``) as written, and ``assess`` called on verbs and nouns.
"""

from __future__ import annotations

from typing import Any

import pytest
from nlp_events_support import TableLookup, default_table, load_model, person

from eventwire.models import Event, Factuality
from eventwire.nlp.events import find_events
from eventwire.nlp.factuality import assess, refusal

EXTRA = {
    name.lower(): person(name) for name in ("Lee", "Okafor", "Haddad", "Sato", "Novak", "Tran")
}
A, P, N, H, R = (
    Factuality.ASSERTED,
    Factuality.PLANNED,
    Factuality.NEGATED,
    Factuality.HYPOTHETICAL,
    Factuality.REPORTED,
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model()


def the_event(nlp: Any, text: str, type_: str) -> Event:
    doc = nlp(text)
    found = [
        e
        for e in find_events(doc, TableLookup(doc, default_table(EXTRA)), "a")
        if e.code.type == type_
    ]
    assert len(found) == 1, text
    return found[0]


CASES = [
    # (sentence, type, factuality, said_by)
    ("Japan and India signed a trade pact on Monday.", "SUPPORT", A, None),
    ("The two presidents will meet in Cairo next week.", "CONSULT", P, None),
    ("Mr Lee is due to visit Egypt in March.", "CONSULT", P, None),
    ("Mr Sato is scheduled to fly to Lima on Friday.", "CONSULT", P, None),
    ("Mr Okafor is to visit Peru next month.", "CONSULT", P, None),
    ("Egypt plans to send aid to Peru.", "AID", P, None),
    ("Mr Lee is expected to arrive in Cairo on Sunday.", "CONSULT", P, None),
    ("Officials said the ministers would meet on Friday.", "CONSULT", P, "Officials"),
    ("The upcoming summit between India and Japan has drawn attention.", "CONSULT", P, None),
    ("A new round of talks will be held in Geneva next week.", "CONSULT", P, None),
    ("Mr Tran is visiting Peru next week.", "CONSULT", P, None),
    ("Egypt did not sign the agreement.", "SUPPORT", N, None),
    ("Japan invited Mr Lee to visit Tokyo in May.", "CONSULT", H, None),  # invited, not done
    ("India urged Egypt to sign the pact.", "REQUEST", A, None),
    ("Peru never recognised the new government.", "SUPPORT", N, None),
    ("Police said no arrests were made.", "COERCE", N, "Police"),
    ("The two sides failed to reach a deal.", "AGREE", N, None),
    ("The talks between Peru and Chile ended without an agreement.", "AGREE", N, None),
    ("The two sides could meet in June.", "CONSULT", H, None),
    ("Russia may impose sanctions on Japan.", "SANCTION", H, None),
    ("Egypt might recall its ambassador from Jordan.", "SANCTION", H, None),
    ("India is likely to deploy more troops to the border.", "MOBILIZE", H, None),
    ("If talks fail, Peru will recall its ambassador.", "SANCTION", H, None),
    ("Peru warned Chile of sanctions if it does not withdraw its troops.", "THREATEN", A, None),
    ("Egypt threatened Jordan with sanctions if it refused.", "THREATEN", A, None),
    ("If talks fail, Peru will threaten Chile with sanctions.", "THREATEN", H, None),
    ("Peru warned of strikes if Chile does not withdraw its troops.", "RETREAT", H, None),
    ("Mr Sato said he looked forward to visiting Chile.", "CONSULT", P, "Mr Sato"),
    ("Experts say Mr Sato will seek a meeting with the Chinese leader.", "REQUEST", H, "Experts"),
    ("Analysts expect Egypt could cut ties with Jordan.", "SANCTION", H, "Analysts"),
    ("Officials from both countries are believed to have met in Lima in May.", "CONSULT", R, None),
    ("Mr Novak reportedly met the rebel leader in secret.", "CONSULT", R, None),
    ("Soldiers allegedly attacked the village on Monday.", "ASSAULT", R, None),
    ("The minister is said to have visited Cairo last year.", "CONSULT", R, None),
    (
        "According to unconfirmed reports, rebels seized the airport.",
        "COERCE",
        R,
        "unconfirmed reports",
    ),
    ("State media confirmed that Mr Tran had arrived in Hanoi.", "CONSULT", A, "State media"),
    ("According to the ministry, police arrested 40 people.", "COERCE", A, "the ministry"),
    ("The agency reported that India had tested a new missile.", "MOBILIZE", A, "The agency"),
    ("Egypt announced that it would host talks between Peru and Chile.", "CONSULT", P, "Egypt"),
    ("It said Mr Haddad is visiting China.", "CONSULT", A, "It"),
    (
        "Mr Okafor left Lima on Sunday for a visit to Chile, her office said.",
        "CONSULT",
        A,
        "her office",
    ),
]


@pytest.mark.parametrize(("text", "type_", "factuality", "said_by"), CASES)
def test_factuality_and_attribution(
    nlp: Any, text: str, type_: str, factuality: Factuality, said_by: str | None
) -> None:
    event = the_event(nlp, text, type_)
    assert event.factuality is factuality
    assert (event.said_by.text if event.said_by else None) == said_by
    if event.said_by is not None:
        assert text[event.said_by.start : event.said_by.end] == said_by


def test_every_class_is_covered() -> None:
    assert {case[2] for case in CASES} == set(Factuality)


def test_an_invitation_keeps_its_own_time_under_a_future_visit(nlp: Any) -> None:
    text = "Egypt announced that Mr Lee would visit Cairo at the invitation of Mr Sato."
    assert the_event(nlp, text, "CONSULT").factuality is P
    invitation = the_event(nlp, text, "AGREE")
    assert invitation.factuality is A
    assert invitation.said_by is not None and invitation.said_by.text == "Egypt"


@pytest.mark.parametrize(
    "text",
    [
        "The ministry has said it will not release the detained fishermen.",
        "Japan refused to lift the sanctions on Russia.",
    ],
)
def test_refusing_a_concession_is_an_asserted_rejection(nlp: Any, text: str) -> None:
    event = the_event(nlp, text, "REJECT")
    assert event.factuality is A
    assert event.code.mode == "yield"
    assert event.said_by is None


def test_assess_reads_verbs_and_nouns(nlp: Any) -> None:
    doc = nlp("Experts say Mr Sato will seek talks, but no agreement is expected soon.")
    seek = next(t for t in doc if t.lower_ == "seek")
    agreement = next(t for t in doc if t.lower_ == "agreement")
    factuality, said_by = assess(seek)
    assert factuality is H
    assert said_by is not None and said_by.text == "Experts"
    assert assess(agreement)[0] is N


def test_refusal_needs_negation_and_a_future(nlp: Any) -> None:
    doc = nlp("Peru will not release the men, and Chile did not release anyone.")
    first, second = (t for t in doc if t.lemma_ == "release")
    assert refusal(first)
    assert not refusal(second)
