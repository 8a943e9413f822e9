"""The tables, as SQLAlchemy Core ``MetaData``: the shape the migrations must produce.

The migrations in ``migrations/versions`` are frozen copies of this shape at each revision (a test
compares the migrated database with this module). Back-end-specific search structures (the FTS5
table on SQLite, the tsvector column on PostgreSQL) are not listed here: ``sqlite.py`` and
``postgres.py`` own them.

``articles.id`` (the content-derived ``Article.id``) is the primary key every other table refers
to. ``articles.seq`` is an integer surrogate, unique and never reused while its row exists: SQLite's
FTS5 external-content table needs a stable integer key (``content_rowid``), and an implicit rowid is
not stable (``VACUUM`` may renumber it) when the primary key is not an integer. On SQLite the store
assigns ``seq`` inside the INSERT (see ``sqlite.next_article_seq``); on PostgreSQL it is an
identity column.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

RELATIONS = ("duplicate", "near-duplicate")

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware datetime stored as UTC.

    SQLite has no time zones: SQLAlchemy stores the wall-clock digits and drops ``tzinfo``, so this
    type converts to UTC on the way in and marks values as UTC on the way out. PostgreSQL stores a
    ``timestamptz`` and returns aware values anyway.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the store keeps timezone-aware times only")
        return value.astimezone(dt.UTC).replace(tzinfo=None if dialect.name == "sqlite" else dt.UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            raise TypeError(f"expected a datetime from the database, got {type(value).__name__}")
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


metadata = MetaData(naming_convention=NAMING_CONVENTION)

articles = Table(
    "articles",
    metadata,
    Column("id", String(16), primary_key=True, comment="Article.id: content_hash[:16]"),
    Column("seq", Integer, Identity(), nullable=False, unique=True, comment="search rowid"),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False, comment="the path or URL as given to ingest"),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("published", Date),
    Column("published_source", String(16)),
    Column("language", String(35)),
    Column("author", Text),
    Column("text", Text, nullable=False),
    Column("raw", Text, nullable=False),
    Column("segments", JSON, nullable=False, comment="[[kind, start, end, raw_start, raw_end]]"),
    Column("metadata", JSON, nullable=False),
    Column("minhash", LargeBinary, comment="MinHash signature (uint64 array) for near-dups"),
    Column("ingested_at", UTCDateTime, nullable=False),
    Index(None, "published"),
    Index(None, "source"),
)

article_copies = Table(
    "article_copies",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "article_id",
        String(16),
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("published", Date),
    Column("relation", String(16), nullable=False),
    Column("similarity", Float, comment="estimated Jaccard similarity; NULL for exact copies"),
    Column("seen_at", UTCDateTime, nullable=False),
    UniqueConstraint("article_id", "source"),
    CheckConstraint("relation IN ('duplicate', 'near-duplicate')", name="relation"),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text, nullable=False),
    Column("reason", String(32), nullable=False),
    Column("detail", Text, nullable=False),
    Column("seen_at", UTCDateTime, nullable=False),
)
