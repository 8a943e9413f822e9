"""Hand-built articles for the store tests (invented text; no reader involved).

Also imported by the subprocess of the kill test, so it depends on nothing but ``eventwire``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from eventwire.models import Article, DateSource, Segment, SegmentKind

RAW_PREFIX = "<!-- raw -->\n"  # the raw input is the text behind a marker: raw offsets are shifted


def make_article(
    *paragraphs: str,
    title: str | None = None,
    source: str = "reports/a.txt",
    caption: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    published_source: DateSource | None = None,
    language: str | None = None,
    author: str | None = None,
    metadata: Mapping[str, str] | None = None,
) -> Article:
    """An article whose text is the title, the paragraphs and a caption, one per block."""
    pieces: list[tuple[SegmentKind, str]] = []
    if title is not None:
        pieces.append((SegmentKind.TITLE, title))
    pieces.extend((SegmentKind.BODY, p) for p in paragraphs)
    if caption is not None:
        pieces.append((SegmentKind.CAPTION, caption))
    text = ""
    segments: list[Segment] = []
    for kind, piece in pieces:
        if text:
            text += "\n\n"
        start = len(text)
        text += piece
        raw_start = None if kind is SegmentKind.CAPTION else start + len(RAW_PREFIX)
        raw_end = None if raw_start is None else raw_start + len(piece)
        segments.append(Segment(kind, start, len(text), raw_start, raw_end))
    return Article(
        source=source,
        text=text,
        segments=tuple(segments),
        raw=RAW_PREFIX + text,
        title=title,
        url=url,
        outlet=outlet,
        published=published,
        published_source=published_source,
        language=language,
        author=author,
        metadata=dict(metadata or {}),
    )


def numbered_article(i: int) -> Article:
    """Article number ``i`` of a batch: distinct text, one unique searchable word ``kilo<i>``."""
    return make_article(
        f"Delegates from the river provinces met for round {i} of the water-sharing talks on "
        f"Tuesday, and the chair opened session kilo{i:05d} with a call for calm.",
        "Farmers' groups outside the hall demanded a fixed quota for the dry season, while "
        "officials said any agreement would need the approval of both parliaments. " * 3,
        title=f"Water talks resume, round {i}",
        source=f"batch/report-{i:05d}.txt",
        outlet="The Valley Courier",
        published=dt.date(2021, 1, 1) + dt.timedelta(days=i % 365),
        published_source=DateSource.META,
        language="en",
    )


def minhash_for(i: int) -> bytes:
    """Stand-in signature bytes for article ``i`` (16 uint64 values)."""
    return i.to_bytes(8, "little") * 16
