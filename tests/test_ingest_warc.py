"""WARC archives (eventwire.ingest.warc), written here with warcio's own writer."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.config import Settings
from eventwire.ingest import read_source
from eventwire.ingest.build import ReadContext
from eventwire.ingest.warc import gzip_complete, read_warc
from eventwire.models import Article, DateSource, Rejection, RejectReason


def _page(title: str, body: str, date: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    return (
        f"<html lang='en'><head><title>{title}</title>{meta}</head><body><article>"
        f"<h1>{title}</h1><p>{body}</p><p>Officials from both countries said the talks would "
        "continue next month in the border town.</p></article></body></html>"
    ).encode()


PAGES = [
    (
        "https://wire.example.org/2021/03/01/crossing",
        "200 OK",
        "text/html; charset=utf-8",
        _page("Crossing to reopen", "Sylvania and Freedonia agreed to reopen the crossing."),
    ),
    ("https://wire.example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n\x00"),
    (
        "https://wire.example.org/missing",
        "404 Not Found",
        "text/html",
        _page("Not found", "This page does not exist on the server."),
    ),
    (
        "https://wire.example.org/fishing",
        "200 OK",
        "text/html",
        _page("Fishing talks adjourn", "Negotiators adjourned the talks.", date="2021-03-04"),
    ),
]


def _warc(gz: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    for url, status, content_type, body in PAGES:
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),  # a known length: warcio then needs no temporary file
            http_headers=http,
            warc_headers_dict={"WARC-Date": "2021-03-06T12:00:00Z"},
        )
        writer.write_record(record)
    return out.getvalue()


def _items(data: bytes) -> list[Article | Rejection]:
    return list(read_warc("crawl.warc.gz", data, ReadContext(Settings())))


@pytest.mark.parametrize("gz", [True, False])
def test_html_responses_become_articles_and_other_records_are_skipped(gz: bool) -> None:
    items = _items(_warc(gz))
    assert len(items) == 2
    crossing, fishing = items
    assert isinstance(crossing, Article), crossing
    assert crossing.url == "https://wire.example.org/2021/03/01/crossing"
    assert crossing.source.startswith("crawl.warc.gz#urn:uuid:")
    assert crossing.title == "Crossing to reopen"
    # the capture date beats a date in the URL, never the page's own date
    assert (crossing.published, crossing.published_source) == (dt.date(2021, 3, 6), DateSource.WARC)
    assert isinstance(fishing, Article), fishing
    assert (fishing.published, fishing.published_source) == (dt.date(2021, 3, 4), DateSource.HTML)


def test_a_truncated_warc_gz_yields_what_was_read_and_one_malformed() -> None:
    data = _warc(gz=True)
    assert gzip_complete(data)
    cut = data[: len(data) - 40]
    assert not gzip_complete(cut)
    items = _items(cut)
    articles = [i for i in items if isinstance(i, Article)]
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert len(articles) == 1
    assert len(rejections) == 1
    assert rejections[0].reason is RejectReason.MALFORMED
    assert rejections[0].source == "crawl.warc.gz"


def test_a_truncated_plain_warc_yields_what_was_read_and_one_malformed() -> None:
    data = _warc(gz=False)
    items = _items(data[: len(data) - 200])
    assert [type(i).__name__ for i in items] == ["Article", "Rejection"]
    assert isinstance(items[1], Rejection) and items[1].reason is RejectReason.MALFORMED


@pytest.mark.parametrize(
    "data",
    [
        b"WARC/1.0\r\nWARC-Type: resp",
        b"not a warc at all, just some words",
        b"\x1f\x8b\x08\x00garbage that is not deflate data at all",
    ],
)
def test_corrupt_archives_are_malformed(data: bytes) -> None:
    items = _items(data)
    assert len(items) == 1
    assert isinstance(items[0], Rejection)
    assert items[0].reason is RejectReason.MALFORMED


def test_read_source_reads_warc_gz_files_and_sniffs_them(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc(gz=True))
    assert (
        len([i for i in read_source(str(path), settings=Settings()) if isinstance(i, Article)]) == 2
    )
    sniffed = tmp_path / "crawl.bin"
    sniffed.write_bytes(_warc(gz=True))
    assert len(list(read_source(str(sniffed), settings=Settings()))) == 2
    plain_gz = tmp_path / "notes.gz"
    plain_gz.write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03")
    (rejection,) = read_source(str(plain_gz), settings=Settings())
    assert isinstance(rejection, Rejection) and rejection.reason is RejectReason.BINARY


_VALID = {True: _warc(gz=True), False: _warc(gz=False)}


@given(
    gz=st.booleans(),
    cut=st.integers(min_value=0, max_value=10_000),
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=3),
)
@settings(max_examples=80, deadline=None)
def test_damaged_archives_never_raise(gz: bool, cut: int, flips: list[tuple[int, int]]) -> None:
    data = bytearray(_VALID[gz][:cut])
    for at, value in flips:
        if data:
            data[at % len(data)] = value
    items = _items(bytes(data))
    assert items
    assert all(isinstance(item, Article | Rejection) for item in items)
