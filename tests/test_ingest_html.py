"""HTML pages and fragments (eventwire.ingest.html)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.config import Settings
from eventwire.ingest import read_source
from eventwire.ingest.build import ReadContext
from eventwire.ingest.clean import normalise_chars
from eventwire.ingest.html import fragment_paragraphs, html_language, read_html
from eventwire.models import Article, DateSource, Rejection, RejectReason, SegmentKind, SourceMeta

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head>
<title>Sylvania and Freedonia reopen river crossing | The Harbour Courier</title>
<meta property="og:site_name" content="The Harbour Courier">
<meta name="author" content="Ann Lee">
<meta property="article:published_time" content="2021-03-04T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Sylvania and Freedonia reopen river crossing</h1>
<p>The foreign ministers of Sylvania and Freedonia agreed on Tuesday to reopen the river
crossing at Ostrava, closed since patrol boats collided there last year.</p>
<figure><img src="/img/crossing.jpg" alt="crossing">
<figcaption>Lorries queue at the crossing near Ostrava.
Photograph: Marek Novak/Harbour Courier</figcaption></figure>
<p>Customs officers from both countries will share a post on the Freedonian bank &amp;
patrol the river together from next month, the ministers said.</p>
<p>Advertisement</p>
<p>The dispute over the crossing has simmered for a decade and flared again last spring when
fishing boats from both sides were seized.</p>
</article>
<footer>Copyright 2021 The Harbour Courier. All rights reserved.</footer>
</body></html>
"""


def _read(raw: str, ctx: ReadContext | None = None) -> Article | Rejection:
    return read_html("page.html", raw, ctx or ReadContext(Settings()))


def test_a_page_gives_its_text_metadata_and_captions() -> None:
    article = _read(PAGE)
    assert isinstance(article, Article), article
    assert article.title == "Sylvania and Freedonia reopen river crossing"
    assert article.outlet == "The Harbour Courier"
    assert article.author == "Ann Lee"
    assert article.published == dt.date(2021, 3, 4)
    assert article.published_source is DateSource.HTML
    assert article.language == "en"
    kinds = {article.text[s.start : s.end]: s.kind for s in article.segments}
    caption = "Lorries queue at the crossing near Ostrava. Photograph: Marek Novak/Harbour Courier"
    assert kinds[caption] is SegmentKind.CAPTION
    assert kinds["Advertisement"] is SegmentKind.BOILERPLATE
    assert kinds["Sylvania and Freedonia reopen river crossing"] is SegmentKind.TITLE
    narrative = article.narrative_text()
    assert "bank & patrol the river" in narrative
    assert "Photograph" not in narrative
    assert "Home" not in article.text


def test_raw_offsets_are_set_only_for_verbatim_paragraphs() -> None:
    article = _read(PAGE)
    assert isinstance(article, Article)
    located = [s for s in article.segments if s.raw_start is not None]
    assert located
    for seg in located:
        assert seg.raw_end is not None
        raw = normalise_chars(article.raw[seg.raw_start : seg.raw_end])
        assert raw == article.text[seg.start : seg.end]
    entity = next(s for s in article.segments if "bank & patrol" in article.text[s.start : s.end])
    assert entity.raw_start is None  # "&amp;" in the markup: no verbatim match


def test_meta_beats_the_page_and_a_url_date_is_used_only_without_a_page_date() -> None:
    meta = SourceMeta(outlet="Sidecar Outlet", title="Sidecar title")
    article = _read(PAGE, ReadContext(Settings(), meta=meta))
    assert isinstance(article, Article)
    assert (article.outlet, article.title) == ("Sidecar Outlet", "Sidecar title")

    undated = PAGE.replace(
        '<meta property="article:published_time" content="2021-03-04T10:00:00Z">', ""
    )
    ctx = ReadContext(Settings(), url="https://courier.example.org/2021/03/02/crossing")
    article = _read(undated, ctx)
    assert isinstance(article, Article)
    assert article.url == "https://courier.example.org/2021/03/02/crossing"
    assert article.published == dt.date(2021, 3, 2)
    assert article.published_source is DateSource.URL


@pytest.mark.parametrize(
    "raw",
    [
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><body><div><p>Too short.</p></div></body></html>",
        "<<<<>>>> </p></div></html>",
        "<html><head><title>Only a title</title></head></html>",
        "<?xml version='1.0' encoding='iso-8859-1'?><html><body></body></html>",
    ],
)
def test_pages_without_a_story_are_no_text(raw: str) -> None:
    result = _read(raw)
    assert isinstance(result, Rejection)
    assert result.reason is RejectReason.NO_TEXT


def test_malformed_markup_still_gives_the_text() -> None:
    raw = (
        "<html><body><div><p>The foreign ministers of Sylvania and Freedonia met in Ostrava "
        "on Tuesday to discuss the crossing<p>They agreed to meet again next month, "
        "officials said, <b>without <i>closing</b> tags</div>"
    )
    result = _read(raw)
    assert isinstance(result, Article), result
    assert "agreed to meet again next month" in result.narrative_text()


def test_fragments_split_on_blocks_and_double_breaks() -> None:
    fragment = (
        "<p>First <b>para</b></p>second line<br>same para<br><br>third"
        "<figure><img src='x.jpg'><figcaption>A view of the port Credit: AP</figcaption></figure>"
        "<script>alert('no')</script>"
    )
    assert fragment_paragraphs(fragment) == [
        ("First para", None),
        ("second line same para", None),
        ("third", None),
        ("A view of the port Credit: AP", SegmentKind.CAPTION),
    ]
    assert fragment_paragraphs("") == []
    assert fragment_paragraphs("plain & simple") == [("plain & simple", None)]


def test_html_language() -> None:
    assert html_language('<html lang="pt-BR"><body>') == "pt"
    assert html_language("<html><body>") is None


def test_read_source_sniffs_html_without_an_extension(tmp_path: Path) -> None:
    path = tmp_path / "story"
    path.write_text(PAGE, encoding="utf-8")
    (article,) = read_source(str(path), settings=Settings())
    assert isinstance(article, Article)
    assert article.title == "Sylvania and Freedonia reopen river crossing"
