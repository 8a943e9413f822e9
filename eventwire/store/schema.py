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
    BigInteger,
    Boolean,
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

# --- events (revision 0002) ------------------------------------------------------------------

actors = Table(
    "actors",
    metadata,
    Column("id", String(200), primary_key=True, comment="stable actor id: PRK, person:kim-jong-un"),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("country", String(3)),
    Column("sector", String(3)),
    Column("role", Text),
    Column("first_seen", UTCDateTime, nullable=False),
)

actor_mentions = Table(
    "actor_mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("actor_id", String(200), ForeignKey("actors.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index(None, "article_id"),
    Index(None, "actor_id"),
)

extractions = Table(
    "extractions",
    metadata,
    Column(
        "article_id",
        String(16),
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("version", String(32), nullable=False, comment="extractor version that made the events"),
    Column("n_events", Integer, nullable=False),
    Column("extracted_at", UTCDateTime, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(16), primary_key=True, comment="Event.id"),
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(16), nullable=False, comment="PLOVER event type"),
    Column("mode", String(32)),
    Column("cameo", String(4), nullable=False),
    Column("quad_class", Integer, nullable=False),
    Column("intensity", Float, nullable=False),
    Column("factuality", String(16), nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("source_actor_id", String(200), ForeignKey("actors.id")),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("target_actor_id", String(200), ForeignKey("actors.id")),
    Column("target_start", Integer),
    Column("target_end", Integer),
    Column("location_start", Integer),
    Column("location_end", Integer),
    Column("said_by_start", Integer),
    Column("said_by_end", Integer),
    Column("others", JSON, nullable=False, comment="[[actor_id, start, end]]"),
    Column("times", JSON, nullable=False, comment="[[start, end]]"),
    Column("date_value", String(32), comment="ISO date, month, year, week or range"),
    Column("date_precision", String(8)),
    Column("date_derivation", String(12)),
    Column("date_start", Integer),
    Column("date_end", Integer),
    Column("duration_value", String(32), comment="ISO 8601 duration: PT48H, P4D"),
    Column("duration_mod", String(16), comment="TIMEX3 modifier: MORE_THAN, APPROX, ..."),
    Column("duration_start", Integer),
    Column("duration_end", Integer),
    Column("place_id", String(64), ForeignKey("places.id")),
    Column("place_facility", Text),
    Column("place_how", String(12)),
    Column("place_start", Integer),
    Column("place_end", Integer),
    Index(None, "article_id"),
    Index(None, "type"),
    Index(None, "source_actor_id"),
    Index(None, "target_actor_id"),
    Index(None, "place_id"),
)

# --- places (revision 0004) ------------------------------------------------------------------

places = Table(
    "places",
    metadata,
    Column("id", String(64), primary_key=True, comment="geonames:<id>, country:<ISO3>, admin1:..."),
    Column("name", Text, nullable=False),
    Column("kind", String(8), nullable=False, comment="country, admin1, city, region"),
    Column("country", String(3)),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("population", BigInteger, nullable=False),
    Column("feature_class", String(1), nullable=False),
    Column("geonames_id", Integer),
)

place_mentions = Table(
    "place_mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("place_id", String(64), ForeignKey("places.id")),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("facility", Text),
    Column("agent", Boolean, nullable=False),
    Column("how", String(12), nullable=False),
    Index(None, "article_id"),
    Index(None, "place_id"),
)

# --- stories (revision 0005) -----------------------------------------------------------------

stories = Table(
    "stories",
    metadata,
    Column("id", String(64), primary_key=True, comment="st-<id of the report that opened it>"),
    Column("title", Text, nullable=False),
    Column("first_date", Date, comment="earliest publication date of its reports"),
    Column("last_date", Date, comment="latest publication date of its reports"),
    Column("n_articles", Integer, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Index(None, "last_date"),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column(
        "article_id",
        String(16),
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("story_id", String(64), ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Index(None, "story_id"),
)

# The story index (eventwire.link.stories) kept so that each batch writes only what changed:
# one row for the index, one per story, one per term.
link_state = Table(
    "link_state",
    metadata,
    Column("name", String(32), primary_key=True, comment="which index: 'stories'"),
    Column("version", Integer, nullable=False, comment="state format version"),
    Column("clock", Integer, nullable=False, comment="reports added so far (index clock)"),
    Column("documents", Integer, nullable=False, comment="reports counted in story_terms"),
    Column("data", JSON, nullable=False, comment="index options"),
    Column("updated_at", UTCDateTime, nullable=False),
)

story_states = Table(
    "story_states",
    metadata,
    Column("story_id", String(64), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False, comment="opening order in the index"),
    Column("updated", Integer, nullable=False, comment="index clock of its last report"),
    Column("norm", Float, nullable=False, comment="cached centroid length"),
    Column("norm_at", Integer, nullable=False, comment="reports counted when norm was computed"),
    Column("data", JSON, nullable=False, comment="doc_ids, dates, centroid, surfaces, entities"),
)

story_terms = Table(
    "story_terms",
    metadata,
    Column("term", Text, primary_key=True),
    Column("documents", Integer, nullable=False, comment="reports the term occurs in"),
)
