"""RSS and Atom feeds with feedparser: each entry with content or a summary is one article.

The entry's link is its URL, its own date (published, else updated) its publication date, and the
feed's title its outlet when nothing better names one. A feed that cannot be parsed at all is one
``MALFORMED`` rejection; a damaged feed that still has entries yields them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator, Mapping
from typing import Any

from eventwire.ingest.build import Paragraph, ReadContext, assemble
from eventwire.ingest.clean import collapse_space, make_date
from eventwire.ingest.html import fragment_paragraphs, locate
from eventwire.ingest.text import split_paragraphs
from eventwire.models import Article, DateSource, Rejection, RejectReason, SourceMeta

_ENCODING_DECL = re.compile(r"^(\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*[\"'][^\"']*[\"']")
_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:$|[-_])")


def _text(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _language(value: object) -> str | None:
    match = _LANGUAGE.match(value.strip()) if isinstance(value, str) else None
    return match[1].lower() if match else None


def _entry_date(entry: Mapping[str, Any]) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed is not None:
            found = make_date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            if found is not None:
                return found
    return None


def _body(entry: Mapping[str, Any]) -> tuple[str, str] | None:
    """The entry's longest content (else its summary) and that content's type."""
    candidates = [c for c in entry.get("content") or () if _text(c.get("value"))]
    if candidates:
        best = max(candidates, key=lambda c: len(c["value"]))
        return best["value"], str(best.get("type") or "text/html")
    summary = _text(entry.get("summary"))
    if summary is None:
        return None
    detail = entry.get("summary_detail") or {}
    return summary, str(detail.get("type") or "text/html")


def _title(entry: Mapping[str, Any]) -> str | None:
    title = _text(entry.get("title"))
    detail = entry.get("title_detail") or {}
    if title is not None and "html" in str(detail.get("type") or ""):
        title = " ".join(text for text, _ in fragment_paragraphs(title)) or None
    return collapse_space(title) if title else None


def _entry(
    source: str, entry: Mapping[str, Any], feed: Mapping[str, Any], ctx: ReadContext
) -> Article | Rejection:
    body = _body(entry)
    if body is None:
        return Rejection(source, RejectReason.NO_TEXT, "the feed entry has no content or summary")
    raw, kind = body
    paragraphs: list[Paragraph] = (
        split_paragraphs(raw) if kind == "text/plain" else locate(fragment_paragraphs(raw), raw)
    )
    published = _entry_date(entry)
    found = SourceMeta(
        url=_text(entry.get("link")),
        outlet=_text(feed.get("title")),
        published=published,
        published_source=DateSource.RECORD if published else None,
        title=_title(entry),
        language=_language(feed.get("language")),
        author=_text(entry.get("author")),
    )
    return assemble(source, raw, paragraphs, ctx, found)


def read_feed(source: str, raw: str, ctx: ReadContext) -> Iterator[Article | Rejection]:
    """Each entry of an RSS or Atom feed, as ``source#entry-id`` (or ``source#n``)."""
    # The text is decoded already: hand feedparser UTF-8 without the old encoding declaration.
    data = _ENCODING_DECL.sub(r"\1", raw, count=1).encode("utf-8")
    import feedparser  # here, not at import: a tenth of a second most runs never need

    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            reason = " ".join(str(parsed.get("bozo_exception")).split())
            yield Rejection(source, RejectReason.MALFORMED, f"not a valid feed: {reason}")
        else:
            yield Rejection(source, RejectReason.NO_TEXT, "the feed has no entries")
        return
    feed = parsed.get("feed") or {}
    record_ctx = ctx.for_records()
    for index, entry in enumerate(entries, start=1):
        entry_id = _text(entry.get("id"))
        yield _entry(f"{source}#{entry_id or index}", entry, feed, record_ctx)
