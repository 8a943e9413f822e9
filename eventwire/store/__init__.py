"""The durable store: articles, their copies and the rejections log, with full-text search.

``open_store(db)`` is the only way in: ``db`` is a SQLite file path or an SQLAlchemy URL. Opening
creates the schema or upgrades it to the newest revision. Each write is one transaction, so an
interrupted run leaves every stored article whole and re-running finishes the job. Every database
error leaves as ``StorageError`` (``NotFoundError`` for a missing id).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any, Self

from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, func, insert, or_, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.sql import ColumnElement

from eventwire.errors import NotFoundError, StorageError
from eventwire.link.stories import IndexChanges, IndexState, Story, StoryEntities, StoryStateError
from eventwire.models import Actor, Article, ArticleAnalysis, Rejection
from eventwire.store import events as event_tables
from eventwire.store import migrate
from eventwire.store import stories as story_tables
from eventwire.store.backend import WRITE_OPTION, Backend
from eventwire.store.connect import connect, describe
from eventwire.store.events import StoredEvent
from eventwire.store.records import (
    ArticleCopy,
    ArticleRecord,
    ArticleSummary,
    RejectionRecord,
    article_from_row,
    article_values,
    copy_from_row,
    rejection_from_row,
    summary_from_row,
)
from eventwire.store.schema import (
    RELATIONS,
    actor_mentions,
    actors,
    article_copies,
    articles,
    extractions,
    rejections,
)
from eventwire.store.stories import StoryRecord

__all__ = [
    "ArticleCopy",
    "ArticleRecord",
    "ArticleSummary",
    "RejectionRecord",
    "Store",
    "StoredEvent",
    "open_store",
]

MIN_PREFIX = 4  # shortest id prefix get_article accepts
_READ_BATCH = 1000  # rows per short read when streaming articles or signatures
_ARTICLE_COLUMNS = [c for c in articles.c if c.name not in ("seq", "minhash")]


def open_store(db: str) -> Store:
    """Open (creating or upgrading) the store at ``db``: a SQLite file path or an SQLAlchemy URL.

    StorageError when the folder of a SQLite file is missing, the file is not a SQLite database or
    not an eventwire store, or its schema is newer than this code.
    """
    engine, backend = connect(db)
    return Store(engine, backend)


class Store:
    """Articles and what is known about them. Use ``open_store``; close it, or use ``with``."""

    def __init__(self, engine: Engine, backend: Backend) -> None:
        self._engine = engine
        self._writer = engine.execution_options(**{WRITE_OPTION: True})
        self._backend = backend
        self._closed = False
        self.location = describe(engine.url)
        try:
            with self._translating("opening the store"), self._writer.begin() as conn:
                migrate.upgrade(conn, self.location)
        except CommandError as exc:
            engine.dispose()
            raise StorageError(f"{self.location}: cannot upgrade the schema: {exc}") from exc
        except BaseException:
            engine.dispose()
            raise

    def __repr__(self) -> str:
        return f"<Store {self.location}{' (closed)' if self._closed else ''}>"

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close every connection. Safe to call twice."""
        self._closed = True
        self._engine.dispose()

    @contextmanager
    def _translating(self, action: str) -> Iterator[None]:
        """Turn driver and SQLAlchemy errors into StorageError naming the store and the action."""
        if self._closed:
            raise StorageError(f"{self.location}: {action}: the store is closed")
        try:
            yield
        except UnicodeEncodeError as exc:  # a lone surrogate the driver cannot send
            raise StorageError(
                f"{self.location}: {action}: text that is not valid Unicode "
                f"({exc.reason} at {exc.start})"
            ) from exc
        except (SQLAlchemyError, sqlite3.Error) as exc:
            detail = self._backend.explain_error(exc)
            if detail is None:
                orig = exc.orig if isinstance(exc, DBAPIError) else exc
                detail = str(orig).strip() or type(orig).__name__
            raise StorageError(f"{self.location}: {action}: {detail}") from exc

    # --- writes: one transaction each ------------------------------------------------------

    def add_article(self, article: Article, minhash: bytes | None = None) -> bool:
        """Store an article (and its MinHash signature); False, changing nothing, if it is there.

        The row and its full-text entry are written in one transaction.
        """
        try:
            values = article_values(article, minhash, _now())
        except UnicodeEncodeError as exc:  # the content hash cannot be computed either
            raise StorageError(
                f"{self.location}: article from {article.source!r}: its text is not valid "
                f"Unicode ({exc.reason} at {exc.start})"
            ) from exc
        seq = self._backend.next_article_seq()
        if seq is not None:
            values["seq"] = seq
        article_id, content_hash = values["id"], values["content_hash"]  # hashed once, there
        with self._translating(f"storing article {article_id}"), self._writer.begin() as conn:
            result = conn.execute(self._backend.insert_ignore(articles).values(values))
            if result.rowcount:
                return True
            stored = conn.execute(
                select(articles.c.content_hash).where(
                    or_(articles.c.id == article_id, articles.c.content_hash == content_hash)
                )
            ).scalars()
            if content_hash not in set(stored):
                raise StorageError(
                    f"{self.location}: article id {article_id} is taken by a different text "
                    "(a content-hash prefix collision)"
                )
            return False

    def add_copy(
        self,
        article_id: str,
        *,
        source: str,
        url: str | None,
        outlet: str | None,
        published: dt.date | None,
        relation: str,
        similarity: float | None,
    ) -> bool:
        """Record that ``source`` held the same story as a stored article.

        False when that source is already recorded for the article, or is the article's own
        source. NotFoundError when there is no such article.
        """
        if relation not in RELATIONS:
            raise StorageError(f"copy relation must be one of {', '.join(RELATIONS)}: {relation!r}")
        if similarity is not None and not 0.0 <= similarity <= 1.0:
            raise StorageError(f"copy similarity must be between 0 and 1: {similarity!r}")
        with self._translating(f"recording a copy of {article_id}"), self._writer.begin() as conn:
            own = conn.execute(
                select(articles.c.source).where(articles.c.id == article_id)
            ).scalar_one_or_none()
            if own is None:
                raise NotFoundError(f"{self.location}: no article with id {article_id!r}")
            if own == source:
                return False
            values = {
                "article_id": article_id,
                "source": source,
                "url": url,
                "outlet": outlet,
                "published": published,
                "relation": relation,
                "similarity": similarity,
                "seen_at": _now(),
            }
            result = conn.execute(self._backend.insert_ignore(article_copies).values(values))
            return bool(result.rowcount)

    def add_rejection(self, rejection: Rejection) -> None:
        """Append a rejected input to the rejections log."""
        values = {  # the log must take any input's name: undecodable characters are escaped
            "source": _sendable(rejection.source, "backslashreplace"),
            "reason": rejection.reason.value,
            "detail": _sendable(rejection.detail, "backslashreplace"),
            "seen_at": _now(),
        }
        with self._translating("logging a rejection"), self._writer.begin() as conn:
            conn.execute(insert(rejections).values(values))

    # --- reads ----------------------------------------------------------------------------

    def find_by_hash(self, content_hash: str) -> str | None:
        """The id of the article with this content hash, if one is stored."""
        stmt = select(articles.c.id).where(articles.c.content_hash == content_hash)
        with self._translating("looking up a content hash"), self._engine.connect() as conn:
            return conn.execute(stmt).scalar_one_or_none()

    def get_article(self, id_or_prefix: str) -> ArticleRecord:
        """The article with this id, or with the one id starting with this prefix (≥ 4 chars).

        NotFoundError when there is none; StorageError ("ambiguous") when several ids match.
        """
        key = _sendable(id_or_prefix).strip().lower()
        with self._translating(f"reading article {key!r}"), self._engine.connect() as conn:
            row = (
                conn.execute(
                    select(*_ARTICLE_COLUMNS).where(articles.c.id == self._resolve_id(conn, key))
                )
                .one()
                ._mapping
            )
            copies = conn.execute(
                select(article_copies)
                .where(article_copies.c.article_id == row["id"])
                .order_by(article_copies.c.seen_at, article_copies.c.id)
            ).mappings()
            return ArticleRecord(
                id=row["id"],
                article=article_from_row(row),
                ingested_at=row["ingested_at"],
                copies=tuple(copy_from_row(c) for c in copies),
            )

    def _resolve_id(self, conn: Connection, key: str) -> str:
        exact = conn.execute(select(articles.c.id).where(articles.c.id == key)).scalar()
        if exact is not None:
            return str(exact)
        if len(key) < MIN_PREFIX:
            raise NotFoundError(
                f"no article with id {key!r} (an id prefix needs at least {MIN_PREFIX} characters)"
            )
        matches = list(
            conn.execute(
                select(articles.c.id)
                .where(articles.c.id.startswith(key, autoescape=True))
                .order_by(articles.c.id)
                .limit(6)
            ).scalars()
        )
        if not matches:
            raise NotFoundError(f"no article with id or id prefix {key!r}")
        if len(matches) > 1:
            shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
            raise StorageError(f"ambiguous id prefix {key!r}: it matches {shown}")
        return str(matches[0])

    def list_articles(
        self, *, search: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[ArticleSummary]:
        """Stored articles, newest first; or, with ``search``, the best matches first.

        ``search`` takes words (all must match), "quoted phrases", ``prefix*``, and AND / OR /
        NOT with parentheses (on PostgreSQL: websearch syntax). Any text is safe: it either
        searches or raises StorageError("bad search query: ...").
        """
        if limit < 0 or offset < 0:
            raise ValueError("limit and offset must not be negative")
        columns = _summary_columns()
        if search is not None:
            search = _sendable(search)
        if search is None:
            stmt = (
                select(*columns)
                .order_by(articles.c.published.desc().nulls_last(), articles.c.seq.desc())
                .limit(limit)
                .offset(offset)
            )
        else:
            if not any(ch.isalnum() for ch in search):
                raise StorageError(f"bad search query: {search!r} has no words to search for")
            stmt = self._backend.search(columns, search, limit=limit, offset=offset)
        with self._translating("listing articles"), self._engine.connect() as conn:
            try:
                rows = conn.execute(stmt).mappings().all()
            except DBAPIError as exc:
                if search is not None and self._backend.is_query_error(exc):
                    raise StorageError(f"bad search query: {search!r}: {exc.orig}") from exc
                raise
        return [summary_from_row(row) for row in rows]

    def count_articles(self) -> int:
        with self._translating("counting articles"), self._engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())

    def iter_minhashes(self) -> Iterator[tuple[str, bytes]]:
        """``(article_id, signature bytes)`` of every article stored with one, in storage order.

        Reads in batches, each its own short read, so no transaction stays open between them.
        """
        last = 0
        while True:
            stmt = (
                select(articles.c.seq, articles.c.id, articles.c.minhash)
                .where(articles.c.seq > last, articles.c.minhash.is_not(None))
                .order_by(articles.c.seq)
                .limit(_READ_BATCH)
            )
            with self._translating("reading MinHash signatures"), self._engine.connect() as conn:
                rows = conn.execute(stmt).all()
            if not rows:
                return
            for _seq, article_id, minhash in rows:
                yield article_id, bytes(minhash)
            last = rows[-1].seq

    def list_rejections(self, *, limit: int = 50, offset: int = 0) -> list[RejectionRecord]:
        """The rejections log, newest first."""
        if limit < 0 or offset < 0:
            raise ValueError("limit and offset must not be negative")
        stmt = select(rejections).order_by(rejections.c.id.desc()).limit(limit).offset(offset)
        with self._translating("reading the rejections log"), self._engine.connect() as conn:
            rows = conn.execute(stmt).mappings().all()
        return [rejection_from_row(row) for row in rows]

    # --- events -----------------------------------------------------------------------------

    def save_analysis(self, analysis: ArticleAnalysis) -> None:
        """Replace the article's actors and events with this analysis, in one transaction."""
        action = f"storing events of article {analysis.article_id}"
        with self._translating(action), self._writer.begin() as conn:
            exists = conn.execute(
                select(articles.c.id).where(articles.c.id == analysis.article_id)
            ).scalar()
            if exists is None:
                raise NotFoundError(f"{self.location}: no article with id {analysis.article_id!r}")
            event_tables.save_analysis(conn, analysis, _now())

    def extraction_versions(self) -> dict[str, str]:
        """``{article_id: extractor version}`` for every article that has been through the NLP."""
        stmt = select(extractions.c.article_id, extractions.c.version)
        with self._translating("reading extraction records"), self._engine.connect() as conn:
            return {row.article_id: row.version for row in conn.execute(stmt)}

    def iter_articles(self, ids: list[str] | None = None) -> Iterator[Article]:
        """Stored articles in storage order (all, or those with the given ids), in batches."""
        last = 0
        wanted = None if ids is None else set(ids)
        columns = [*_ARTICLE_COLUMNS, articles.c.seq]
        while True:
            stmt = select(*columns).where(articles.c.seq > last).order_by(articles.c.seq)
            if wanted is not None:
                stmt = stmt.where(articles.c.id.in_(list(wanted)))
            with self._translating("reading articles"), self._engine.connect() as conn:
                rows = conn.execute(stmt.limit(_READ_BATCH)).mappings().all()
            if not rows:
                return
            for row in rows:
                yield article_from_row(row)
            last = rows[-1]["seq"]

    def list_events(
        self,
        *,
        article_ids: list[str] | None = None,
        actor_ids: list[str] | None = None,
        types: list[str] | None = None,
        limit: int | None = None,
    ) -> list[StoredEvent]:
        """Stored event mentions, filtered, in article and text order."""
        with self._translating("listing events"), self._engine.connect() as conn:
            return event_tables.select_events(
                conn, article_ids=article_ids, actor_ids=actor_ids, types=types, limit=limit
            )

    def find_actors(self, name: str) -> list[Actor]:
        """Actors whose id or canonical name matches ``name`` (case-insensitive), or whose
        name or any mention contains it as written."""
        key = _sendable(name).strip()
        pattern = f"%{key.lower()}%"
        mentioned = select(actor_mentions.c.actor_id).where(
            func.lower(actor_mentions.c.text).like(pattern)
        )
        stmt = (
            select(actors)
            .where(
                or_(
                    func.lower(actors.c.id) == key.lower(),
                    func.lower(actors.c.name).like(pattern),
                    actors.c.id.in_(mentioned),
                )
            )
            .order_by(actors.c.name)
        )
        with self._translating(f"looking up actor {key!r}"), self._engine.connect() as conn:
            return [event_tables.actor_from_row(row) for row in conn.execute(stmt).all()]

    def actor_names(self, actor_id: str) -> list[tuple[str, int]]:
        """How an actor was written in the stored articles: each text with its count."""
        stmt = (
            select(actor_mentions.c.text, func.count())
            .where(actor_mentions.c.actor_id == actor_id)
            .group_by(actor_mentions.c.text)
        )
        with self._translating(f"reading names of {actor_id!r}"), self._engine.connect() as conn:
            return [(str(text), int(n)) for text, n in conn.execute(stmt).all()]

    # --- stories ----------------------------------------------------------------------------

    def load_story_state(self) -> IndexState | None:
        """The saved story index (for ``StoryIndex.from_state``), or None when there is none."""
        with self._translating("reading the story index"), self._engine.connect() as conn:
            try:
                return story_tables.load_state(conn)
            except StoryStateError as exc:
                raise StorageError(f"{self.location}: the saved story index: {exc}") from exc

    def save_story_changes(
        self,
        changes: IndexChanges,
        shown: Sequence[Story],
        titles: Mapping[str, str] | None = None,
    ) -> None:
        """Save one batch of story index changes, in one transaction.

        ``shown`` are the changed stories as they now stand, for their titles (``titles`` gives
        some their own). StorageError when another run changed the stored index since this one
        loaded it.
        """
        with self._translating("saving stories"), self._writer.begin() as conn:
            story_tables.save_changes(conn, changes, shown, _now(), titles)

    def list_stories(self, *, limit: int | None = 50, offset: int = 0) -> list[StoryRecord]:
        """Stories with their reports, newest first (stories without dates last)."""
        if (limit is not None and limit < 0) or offset < 0:
            raise ValueError("limit and offset must not be negative")
        with self._translating("listing stories"), self._engine.connect() as conn:
            return story_tables.list_stories(conn, limit=limit, offset=offset)

    def get_story(self, story_id: str) -> StoryRecord:
        """One story with its reports; NotFoundError when there is none."""
        with self._translating(f"reading story {story_id!r}"), self._engine.connect() as conn:
            return story_tables.get_story(conn, _sendable(story_id).strip())

    def story_entities(
        self, article_ids: Sequence[str], actor_kinds: Iterable[str]
    ) -> dict[str, StoryEntities]:
        """Each article's stored actor ids (of these kinds) and resolved place ids."""
        with self._translating("reading actors and places"), self._engine.connect() as conn:
            return story_tables.story_entities(conn, article_ids, actor_kinds)

    def articles_without_story(self, article_ids: Sequence[str]) -> set[str]:
        """Those of the given articles that are in no story yet."""
        with self._translating("reading story members"), self._engine.connect() as conn:
            return story_tables.articles_without_story(conn, article_ids)


def _summary_columns() -> list[ColumnElement[Any]]:
    n_copies = (
        select(func.count())
        .where(article_copies.c.article_id == articles.c.id)
        .scalar_subquery()
        .label("n_copies")
    )
    return [
        articles.c.id,
        articles.c.source,
        articles.c.url,
        articles.c.outlet,
        articles.c.title,
        articles.c.published,
        articles.c.language,
        func.length(articles.c.text).label("n_chars"),
        n_copies,
    ]


def _sendable(text: str, errors: str = "replace") -> str:
    """``text`` with lone surrogates (undecodable bytes in argv or file names) replaced."""
    return text.encode("utf-8", errors).decode("utf-8")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
