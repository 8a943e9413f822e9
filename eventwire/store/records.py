"""What the store hands back, and the mapping between ``Article`` and an ``articles`` row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import RowMapping

from eventwire.errors import StorageError
from eventwire.models import Article, DateSource, Rejection, RejectReason, Segment, SegmentKind

MATCH_START = "«"  # marks a search match inside ``ArticleSummary.snippet``
MATCH_END = "»"
SNIPPET_ELLIPSIS = "…"  # where the snippet cuts the text


@dataclass(frozen=True, slots=True)
class ArticleCopy:
    """Another input that turned out to be the same story as a stored article."""

    article_id: str
    source: str
    url: str | None
    outlet: str | None
    published: dt.date | None
    relation: str  # "duplicate" (same text) or "near-duplicate" (syndicated copy, light edit)
    similarity: float | None  # estimated Jaccard similarity; None for exact duplicates
    seen_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """A stored article, rebuilt exactly, with when it was stored and its known copies."""

    id: str
    article: Article
    ingested_at: dt.datetime
    copies: tuple[ArticleCopy, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One line of a listing or search result. ``snippet`` is set for searches only."""

    id: str
    source: str
    url: str | None
    outlet: str | None
    title: str | None
    published: dt.date | None
    language: str | None
    n_chars: int
    n_copies: int
    snippet: str | None = None


@dataclass(frozen=True, slots=True)
class RejectionRecord:
    """One entry of the rejections log."""

    rejection: Rejection
    seen_at: dt.datetime


def article_values(article: Article, minhash: bytes | None, now: dt.datetime) -> dict[str, Any]:
    """The ``articles`` row for an article (all columns but ``seq``)."""
    return {
        "id": article.id,
        "content_hash": article.content_hash,
        "source": article.source,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "published_source": (
            article.published_source.value if article.published_source is not None else None
        ),
        "language": article.language,
        "author": article.author,
        "text": article.text,
        "raw": article.raw,
        "segments": [
            [s.kind.value, s.start, s.end, s.raw_start, s.raw_end] for s in article.segments
        ],
        "metadata": dict(article.metadata),
        "minhash": minhash,
        "ingested_at": now,
    }


def article_from_row(row: RowMapping) -> Article:
    """Rebuild the ``Article`` stored in an ``articles`` row; StorageError if the row is corrupt."""
    try:
        segments = tuple(_segment(item) for item in row["segments"])
        published_source = (
            DateSource(row["published_source"]) if row["published_source"] is not None else None
        )
        metadata = row["metadata"]
        if not isinstance(metadata, dict):
            raise TypeError("metadata is not a JSON object")
    except (TypeError, ValueError) as exc:
        raise StorageError(f"article {row['id']}: stored record is corrupt: {exc}") from exc
    return Article(
        source=row["source"],
        text=row["text"],
        segments=segments,
        raw=row["raw"],
        title=row["title"],
        url=row["url"],
        outlet=row["outlet"],
        published=row["published"],
        published_source=published_source,
        language=row["language"],
        author=row["author"],
        metadata=dict(metadata),
    )


def _segment(item: Sequence[Any]) -> Segment:
    kind, start, end, raw_start, raw_end = item
    return Segment(SegmentKind(kind), int(start), int(end), _opt_int(raw_start), _opt_int(raw_end))


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


def copy_from_row(row: RowMapping) -> ArticleCopy:
    return ArticleCopy(
        article_id=row["article_id"],
        source=row["source"],
        url=row["url"],
        outlet=row["outlet"],
        published=row["published"],
        relation=row["relation"],
        similarity=row["similarity"],
        seen_at=row["seen_at"],
    )


def summary_from_row(row: RowMapping) -> ArticleSummary:
    return ArticleSummary(
        id=row["id"],
        source=row["source"],
        url=row["url"],
        outlet=row["outlet"],
        title=row["title"],
        published=row["published"],
        language=row["language"],
        n_chars=int(row["n_chars"] or 0),
        n_copies=int(row["n_copies"] or 0),
        snippet=row.get("snippet"),
    )


def rejection_from_row(row: RowMapping) -> RejectionRecord:
    try:
        reason = RejectReason(row["reason"])
    except ValueError as exc:
        raise StorageError(f"rejection {row['id']}: unknown reason {row['reason']!r}") from exc
    return RejectionRecord(Rejection(row["source"], reason, row["detail"]), row["seen_at"])
