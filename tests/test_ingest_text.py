"""Plain-text reports: paragraphs, exact raw offsets, titles, metadata and date priority."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.config import Settings
from eventwire.ingest import read_source
from eventwire.ingest.build import ReadContext
from eventwire.ingest.clean import normalise_chars
from eventwire.ingest.text import read_text, split_paragraphs
from eventwire.models import (
    Article,
    DateSource,
    Rejection,
    RejectReason,
    SegmentKind,
    SourceMeta,
)

REPORT = (
    "2. Harbour Wire Report\n"
    "\n"
    "Sylvania and Freedonia agree to reopen river crossing\n"
    "\n"
    "By Ann Lee\n"
    "\n"
    "The foreign ministers of Sylvania and Freedonia agreed on Tuesday to reopen the\n"
    "river crossing at Ostrava, closed since a collision between patrol boats last year.\n"
    "\n"
    "Lorries wait at the closed crossing near Ostrava Credit: Marek Novak/Harbour Wire\n"
    "\n"
    "The ministers said customs officers from both countries would\tshare a post on the\r\n"
    "Freedonian bank of the river from next month.\n"
    "\n"
    "Read more: Why the river border matters to farmers\n"
)


def _article(raw: str, ctx: ReadContext | None = None) -> Article:
    result = read_text("report.txt", raw, ctx or ReadContext(Settings()))
    assert isinstance(result, Article), result
    return result


def _kinds(article: Article) -> list[tuple[SegmentKind, str]]:
    return [(s.kind, article.text[s.start : s.end]) for s in article.segments]


def _assert_offsets_round_trip(article: Article) -> None:
    for seg in article.segments:
        assert seg.raw_start is not None and seg.raw_end is not None
        raw = article.raw[seg.raw_start : seg.raw_end]
        assert normalise_chars(raw) == article.text[seg.start : seg.end]


def test_paragraphs_kinds_and_title() -> None:
    article = _article(REPORT)
    kinds = [kind for kind, _ in _kinds(article)]
    assert kinds == [
        SegmentKind.BOILERPLATE,
        SegmentKind.TITLE,
        SegmentKind.BYLINE,
        SegmentKind.BODY,
        SegmentKind.CAPTION,
        SegmentKind.BODY,
        SegmentKind.BOILERPLATE,
    ]
    assert article.title == "Sylvania and Freedonia agree to reopen river crossing"
    assert article.language == "en"
    assert "Credit:" not in article.narrative_text()
    assert article.narrative_text().startswith("The foreign ministers of Sylvania")
    # single line breaks inside a paragraph become spaces; paragraphs are joined by blank lines
    assert "agreed on Tuesday to reopen the river crossing" in article.text
    assert "\n\n" in article.text


def test_segments_map_back_to_the_raw_text_exactly() -> None:
    article = _article(REPORT)
    assert article.raw == REPORT
    _assert_offsets_round_trip(article)
    body = next(article.segments_of(SegmentKind.BODY))
    assert body.to_raw(body.start) == REPORT.index("The foreign ministers")


def test_split_paragraphs_handles_crlf_blank_lines_with_spaces_and_trims() -> None:
    raw = "  First line\r\n  of one\r\n \t \r\n\r\nSecond\u00a0para  \n\n\n"
    paragraphs = split_paragraphs(raw)
    assert [p.text for p in paragraphs] == ["First line    of one", "Second para"]
    assert paragraphs[0].raw_start == 2


def test_a_meta_title_wins_and_the_matching_paragraph_is_still_the_title() -> None:
    meta = SourceMeta(title="Sylvania and Freedonia agree to reopen river crossing")
    article = _article(REPORT, ReadContext(Settings(), meta=meta))
    assert article.title == meta.title
    assert next(article.segments_of(SegmentKind.TITLE))

    other = SourceMeta(title="Crossing to reopen")
    article = _article(REPORT, ReadContext(Settings(), meta=other))
    assert article.title == "Crossing to reopen"
    assert not list(article.segments_of(SegmentKind.TITLE))


def test_a_lead_paragraph_is_not_taken_for_a_title() -> None:
    raw = (
        "The foreign ministers of Sylvania and Freedonia met on Tuesday in Ostrava.\n\n"
        "They agreed to meet again next month to settle the dispute over the crossing."
    )
    article = _article(raw)
    assert article.title is None
    assert all(seg.kind is SegmentKind.BODY for seg in article.segments)


def test_meta_beats_content_and_defaults_only_fill_gaps() -> None:
    raw = (
        "OSTRAVA, March 3, 2021 (Harbour Wire) - The two ministers met again on Wednesday "
        "and agreed to reopen the crossing."
    )
    defaults = SourceMeta(
        outlet="Flag Outlet", published=dt.date(2000, 1, 1), published_source=DateSource.CLI
    )
    article = _article(raw, ReadContext(Settings(), defaults=defaults))
    assert article.published == dt.date(2021, 3, 3)
    assert article.published_source is DateSource.DATELINE
    assert article.outlet == "Flag Outlet"

    url_meta = SourceMeta(url="https://news.example.org/2021/03/04/crossing", outlet="Wire")
    article = _article(raw, ReadContext(Settings(), meta=url_meta, defaults=defaults))
    assert article.published == dt.date(2021, 3, 4)
    assert article.published_source is DateSource.URL
    assert article.outlet == "Wire"
    assert article.url == url_meta.url

    dated = SourceMeta(published=dt.date(2021, 3, 5), published_source=DateSource.META)
    article = _article(raw, ReadContext(Settings(), meta=dated, defaults=defaults))
    assert (article.published, article.published_source) == (dt.date(2021, 3, 5), DateSource.META)

    plain = "The two ministers met again on Wednesday and agreed to reopen the crossing."
    article = _article(plain, ReadContext(Settings(), defaults=defaults))
    assert (article.published, article.published_source) == (dt.date(2000, 1, 1), DateSource.CLI)


def test_too_little_story_text_is_no_text_and_too_much_is_too_large() -> None:
    short = read_text(
        "s.txt", "Ministers meet\n\nBy Ann Lee\n\nAdvertisement", ReadContext(Settings())
    )
    assert isinstance(short, Rejection) and short.reason is RejectReason.NO_TEXT

    long_ctx = ReadContext(Settings(max_record_chars=100))
    long = read_text("l.txt", "The ministers met. " * 20, long_ctx)
    assert isinstance(long, Rejection) and long.reason is RejectReason.TOO_LARGE


def test_read_source_reads_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="cp1252")
    (result,) = read_source(str(path), settings=Settings())
    assert isinstance(result, Article)
    assert result.source == str(path)
    assert result.title == "Sylvania and Freedonia agree to reopen river crossing"


_LINES = st.text(
    alphabet=st.sampled_from(list("abc XYZ.,\t\r\n\u00a0\u2028\x0b\x0c\x85é—")), max_size=400
)


@given(_LINES)
@settings(max_examples=200, deadline=None)
def test_property_text_segments_round_trip_to_raw(raw: str) -> None:
    result = read_text("p.txt", raw, ReadContext(Settings(min_text_chars=1)))
    if isinstance(result, Rejection):
        return
    _assert_offsets_round_trip(result)
    previous_end = 0
    for seg in result.segments:
        assert previous_end <= seg.start < seg.end <= len(result.text)
        previous_end = seg.end


def test_a_text_without_blank_lines_has_a_paragraph_per_line_and_headings_apart() -> None:
    raw = (
        "Security fears spread through the capital on Monday after the blast.\n"
        "At least 20 people were killed, the health ministry said.\n"
        "No claim of responsibility\n"
        "The attack targeted one of the oldest churches in the city.\n"
    )
    assert [p.text for p in split_paragraphs(raw)] == [
        "Security fears spread through the capital on Monday after the blast.",
        "At least 20 people were killed, the health ministry said.",
        "No claim of responsibility",
        "The attack targeted one of the oldest churches in the city.",
    ]


def test_a_hard_wrapped_text_without_blank_lines_joins_the_lines_of_a_sentence() -> None:
    raw = (
        "The foreign ministers of Sylvania and Freedonia met in the border town\n"
        "on Tuesday and agreed to reopen the river crossing.\n"
        "Talks will resume next month, officials from both sides said in a joint\n"
        "statement.\n"
    )
    paragraphs = split_paragraphs(raw)
    assert [p.text for p in paragraphs] == [
        "The foreign ministers of Sylvania and Freedonia met in the border town on Tuesday and"
        " agreed to reopen the river crossing.",
        "Talks will resume next month, officials from both sides said in a joint statement.",
    ]
    assert paragraphs[1].raw_start == raw.index("Talks")
