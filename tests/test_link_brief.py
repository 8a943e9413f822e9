"""Briefings: extractive sentences from the reports, cited, captions never quoted."""

from __future__ import annotations

import datetime as dt

from eventwire.link.brief import Report, brief, brief_json, brief_markdown, report_of
from eventwire.models import Article, Segment, SegmentKind


def article(source: str, body: str, caption: str = "", day: int = 3) -> Article:
    text = body + ("\n" + caption if caption else "")
    segments = [Segment(SegmentKind.BODY, 0, len(body))]
    if caption:
        segments.append(Segment(SegmentKind.CAPTION, len(body) + 1, len(text)))
    return Article(
        source=source,
        text=text,
        segments=tuple(segments),
        raw=text,
        published=dt.date(2025, 5, day),
        outlet=f"Outlet {source[0].upper()}",
    )


FERRY = (
    "A ferry carrying 200 passengers ran aground off the island of Vessa on Friday night. "
    "Coastguard boats took every passenger ashore before dawn and nobody was hurt. "
    "The operator said the ship's steering had failed in heavy seas."
)
FERRY_TOO = (
    "Coastguard boats took every passenger ashore before dawn and nobody was hurt. "
    "Officials in the port town opened an inquiry into the operator's maintenance records. "
    "The ferry ran aground off the island of Vessa on Friday night with 200 people aboard."
)


def test_report_of_keeps_body_sentences_with_offsets_and_drops_captions() -> None:
    a = article("a.txt", FERRY, caption="The ferry on the rocks. Photo: Harbour Agency")
    report = report_of(a)
    assert len(report.sentences) == 3
    for start, end, text in report.sentences:
        assert a.text[start:end] == text
    assert not any("Photo" in text for *_span, text in report.sentences)


def test_a_sentence_two_reports_carry_is_cited_to_both_and_said_once() -> None:
    reports = [
        report_of(article("a.txt", FERRY, day=3)),
        report_of(article("b.txt", FERRY_TOO, day=4)),
    ]
    result = brief("Ferry aground off Vessa", reports, [])
    shared = [s for s in result.summary if s.text.startswith("Coastguard boats")]
    assert len(shared) == 1 and shared[0].reports == (1, 2)
    texts = [s.text for s in result.summary]
    assert len(texts) == len(set(texts))
    markdown = brief_markdown(result)
    assert "[1][2]" in markdown and "1. Outlet A, 2025-05-03: a.txt" in markdown


def test_every_summary_sentence_is_a_reports_own_words() -> None:
    reports = [report_of(article("a.txt", FERRY)), report_of(article("b.txt", FERRY_TOO, day=4))]
    data = brief_json(brief("Ferry", reports, []))
    originals = FERRY + " " + FERRY_TOO
    for item in data["summary"]:  # type: ignore[union-attr]
        assert item["text"] in originals  # type: ignore[index]


def test_an_empty_story_gives_only_its_sources() -> None:
    empty = Report("x", "x.txt", None, None, None, ())
    result = brief("Nothing", [empty], [])
    assert result.summary == () and result.key_events == ()
    assert "**Sources**" in brief_markdown(result)
