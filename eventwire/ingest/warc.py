"""WARC archives (``.warc``, ``.warc.gz``, e.g. Common Crawl News) with warcio.

Each successful ``response`` (or ``resource``) record with an HTML body is one article, named
``path#record-id``; its target URI is the URL and its capture date the publication date when the
page gives none. Other records are skipped. warcio stops quietly at a truncated archive, so the
gzip stream and each record's length are checked: a damaged archive yields the articles read so
far and one ``MALFORMED`` rejection.
"""

from __future__ import annotations

import datetime as dt
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from eventwire.ingest.build import ReadContext
from eventwire.ingest.clean import parse_iso_date
from eventwire.ingest.decode import decode_bytes
from eventwire.ingest.html import read_html
from eventwire.models import Article, Rejection, RejectReason, SourceMeta

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# warcio raises AttributeError (not its own error) on some truncated headers.
_DAMAGE = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    EOFError,
    OSError,
    ValueError,
    AttributeError,
    zlib.error,
)
CHUNK = 1 << 16


class _Damaged(Exception):
    """A record warcio reads without complaint but that is not whole: cut short, no length."""


def gzip_complete(data: bytes) -> bool:
    """Whether every gzip member of ``data`` ends properly (no decompressed data is kept)."""
    rest = data
    while rest.strip(b"\x00"):
        if not rest.startswith(b"\x1f\x8b"):
            return False
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        try:
            inflater.decompress(rest, CHUNK)
            while inflater.unconsumed_tail:
                inflater.decompress(inflater.unconsumed_tail, CHUNK)
        except zlib.error:
            return False
        if not inflater.eof:
            return False
        rest = inflater.unused_data
    return True


def _html_type(record: Any) -> tuple[bool, str | None]:
    """Whether a record is a successful HTML page, and the charset its headers declare."""
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or not str(http.get_statuscode() or "").startswith("2"):
            return False, None
        content_type = http.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return False, None
    mime, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return mime.strip().lower() in _HTML_TYPES, charset


@dataclass(frozen=True, slots=True)
class _Page:
    name: str
    body: bytes
    charset: str | None
    url: str | None
    captured: dt.date | None


def _page(source: str, record: Any, index: int, limit: int) -> _Page | Rejection | None:
    """Read one record: an HTML page, a rejection, or ``None`` for a record that is no page."""
    if not str(record.format).startswith("warc"):
        raise _Damaged(f"record {index} is not a WARC record ({record.format})")
    if record.length is None:
        raise _Damaged(f"record {index} has no Content-Length")
    is_html, charset = _html_type(record)
    if not is_html:
        while record.raw_stream.read(CHUNK):  # read it through, to notice a cut-off archive
            pass
        if getattr(record.raw_stream, "limit", 0) > 0:
            raise _Damaged(f"record {index} is cut short")
        return None
    headers = record.rec_headers
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<> ")
    name = f"{source}#{record_id or index}"
    body = record.content_stream().read(limit + 1)
    if len(body) > limit:
        detail = f"the record is over the limit of {limit} bytes"
        return Rejection(name, RejectReason.TOO_LARGE, detail)
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise _Damaged(f"record {index} is cut short")
    url = headers.get_header("WARC-Target-URI") or None
    captured = parse_iso_date(headers.get_header("WARC-Date") or "")
    return _Page(name, body, charset, url, captured)


def _article(page: _Page, ctx: ReadContext) -> Article | Rejection:
    text = decode_bytes(page.name, page.body, declared=page.charset)
    if isinstance(text, Rejection):
        return text
    found = SourceMeta(url=page.url)
    return read_html(page.name, text, ctx, found=found, capture_date=page.captured)


def read_warc(source: str, data: bytes, ctx: ReadContext) -> Iterator[Article | Rejection]:
    """The HTML pages of a WARC archive, each its own article or rejection."""
    record_ctx = ctx.for_records()
    archive = ArchiveIterator(io.BytesIO(data))
    records = iter(archive)
    index, produced = 0, 0
    while True:
        try:
            record = next(records)
            page = _page(source, record, index + 1, ctx.settings.max_input_bytes)
            if archive.err_count:  # warcio found junk between records: a wrong Content-Length
                raise _Damaged(f"record {index} does not end where its Content-Length says")
            index += 1
        except StopIteration:
            break
        except (_Damaged, *_DAMAGE) as exc:
            reason = " ".join(str(exc).split())[:200] or type(exc).__name__
            detail = f"damaged archive after {index} records: {reason}"
            yield Rejection(source, RejectReason.MALFORMED, detail)
            return
        if page is not None:
            produced += 1
            yield page if isinstance(page, Rejection) else _article(page, record_ctx)
    if data.startswith(b"\x1f\x8b") and not gzip_complete(data):
        detail = f"damaged archive after {index} records: the gzip data is truncated or corrupt"
        yield Rejection(source, RejectReason.MALFORMED, detail)
    elif produced == 0:
        yield Rejection(source, RejectReason.NO_TEXT, "no HTML pages in the archive")
