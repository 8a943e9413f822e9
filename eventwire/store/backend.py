"""The one place that picks the back-end module (``sqlite`` or ``postgres``) by dialect name.

Both modules provide the functions of ``Backend``; mypy checks that each module satisfies it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import URL
from sqlalchemy.sql import ColumnElement, Insert, Select
from sqlalchemy.sql.schema import Table

from eventwire.errors import StorageError

# Execution option the store sets on connections that will write: a back end may take its write
# lock at BEGIN (SQLite: BEGIN IMMEDIATE) so that a read-then-write transaction never fails halfway.
WRITE_OPTION = "eventwire_write"


class Backend(Protocol):
    """What the store needs that differs between SQLite and PostgreSQL."""

    DIALECT: str

    def check_location(self, url: URL) -> None: ...

    def prepare_engine(self, engine: Engine) -> None: ...

    def create_search_index(self, conn: Connection) -> None: ...

    def drop_search_index(self, conn: Connection) -> None: ...

    def is_search_object(self, name: str) -> bool: ...

    def next_article_seq(self) -> ColumnElement[Any] | None: ...

    def insert_ignore(self, target: Table) -> Insert: ...

    def search(
        self, columns: Sequence[ColumnElement[Any]], query: str, *, limit: int, offset: int
    ) -> Select[Any]: ...

    def is_query_error(self, exc: BaseException) -> bool: ...

    def explain_error(self, exc: BaseException) -> str | None: ...


def backend_for(dialect_name: str) -> Backend:
    """The back-end module for an SQLAlchemy dialect name (``engine.dialect.name``)."""
    if dialect_name == "sqlite":
        from eventwire.store import sqlite

        return sqlite
    if dialect_name == "postgresql":
        from eventwire.store import postgres

        return postgres
    raise StorageError(f"unsupported database {dialect_name!r}: use SQLite or PostgreSQL")
