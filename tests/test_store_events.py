"""Events in the store: an analysis is saved whole, replaced on re-run and read back exactly."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from pathlib import Path

import pytest
from store_articles import make_article

from eventwire.errors import NotFoundError
from eventwire.models import (
    Actor,
    ActorKind,
    ActorMention,
    ArticleAnalysis,
    Event,
    EventCode,
    EventDate,
    EventDuration,
    Factuality,
    TextSpan,
)
from eventwire.store import Store, open_store

TEXT = "The Peruvian foreign minister Rosa Quispe met Chilean officials in Arica on Monday."


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with open_store(str(tmp_path / "events.db")) as opened:
        yield opened  # type: ignore[misc]


def _span(text: str, part: str) -> TextSpan:
    start = text.index(part)
    return TextSpan(start, start + len(part), part)


def _analysis(article_id: str, text: str, *, role: str | None = None) -> ArticleAnalysis:
    quispe = Actor("person:rosa-quispe", "Rosa Quispe", ActorKind.PERSON, "PER", "GOV", role)
    chile = Actor("group:CHL:GOV", "Chilean officials", ActorKind.GROUP, "CHL", "GOV")
    source = ActorMention(quispe, _span(text, "Rosa Quispe"))
    target = ActorMention(chile, _span(text, "Chilean officials"))
    event = Event(
        article_id=article_id,
        sentence=_span(text, TEXT),
        trigger=_span(text, "met"),
        code=EventCode("CONSULT", "meet", "040", 1, 1.0),
        factuality=Factuality.ASSERTED,
        source=source,
        target=target,
        location=_span(text, "Arica"),
        times=(_span(text, "Monday"),),
    )
    return ArticleAnalysis(article_id, (source, target), (event,), "test-1")


def test_analysis_round_trips_and_reruns_replace_it(store: Store) -> None:
    article = make_article(TEXT, title="Talks in Arica")
    store.add_article(article)
    analysis = _analysis(article.id, article.text)
    store.save_analysis(analysis)
    store.save_analysis(analysis)  # idempotent: replaced, not doubled

    stored = store.list_events()
    assert [s.event for s in stored] == list(analysis.events)
    assert stored[0].article_source == article.source
    assert store.extraction_versions() == {article.id: "test-1"}


def test_actor_details_are_filled_not_overwritten(store: Store) -> None:
    article = make_article(TEXT)
    store.add_article(article)
    store.save_analysis(_analysis(article.id, article.text, role=None))
    store.save_analysis(_analysis(article.id, article.text, role="foreign minister"))
    (actor,) = store.find_actors("quispe")
    assert actor.role == "foreign minister"
    assert [a.id for a in store.find_actors("Chilean officials")] == ["group:CHL:GOV"]


def test_filters_by_actor_type_and_article(store: Store) -> None:
    first = make_article(TEXT, source="a.txt")
    second = make_article(TEXT + " Nothing else happened.", source="b.txt")
    for article in (first, second):
        store.add_article(article)
        store.save_analysis(_analysis(article.id, article.text))
    assert len(store.list_events()) == 2
    assert len(store.list_events(article_ids=[first.id])) == 1
    assert len(store.list_events(actor_ids=["group:CHL:GOV"])) == 2
    assert store.list_events(types=["assault"]) == []
    assert len(store.list_events(types=["consult"])) == 2


def test_analysis_of_unknown_article_is_refused(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.save_analysis(_analysis("0123456789abcdef", TEXT))
    assert store.list_events() == []


def test_story_entities_give_the_days_an_undated_report_states(store: Store) -> None:
    article = make_article(TEXT)  # no publication date
    store.add_article(article)
    analysis = _analysis(article.id, article.text)
    (event,) = analysis.events
    dated = dataclasses.replace(
        event, date=EventDate("2023-05-08", "day", "explicit", _span(article.text, "Monday"))
    )
    store.save_analysis(dataclasses.replace(analysis, events=(dated,)))
    found = store.story_entities([article.id], [ActorKind.PERSON.value])[article.id]
    assert found.actors == {"person:rosa-quispe"}
    assert found.stated == (dt.date(2023, 5, 8), dt.date(2023, 5, 8))


def test_a_duration_round_trips(store: Store) -> None:
    article = make_article(TEXT)
    store.add_article(article)
    analysis = _analysis(article.id, article.text)
    (event,) = analysis.events
    lasting = EventDuration("P2D", "MORE_THAN", _span(article.text, "Monday"))
    store.save_analysis(
        dataclasses.replace(analysis, events=(dataclasses.replace(event, duration=lasting),))
    )
    (stored,) = store.list_events()
    assert stored.event.duration == lasting
    assert lasting.hours() == (48.0, math.inf)
