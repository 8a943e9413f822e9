"""Everything SQLite-only: connection PRAGMAs, transaction control, the FTS5 index and its query.

Each function here has a PostgreSQL twin in ``postgres.py``; ``backend.backend_for`` picks one by
``engine.dialect.name``. Nothing outside these two modules writes back-end-specific SQL.

Durability: the database runs in WAL mode with ``synchronous=NORMAL``. A committed transaction
survives the process being killed (only a power cut may lose the last few commits), and an
interrupted one leaves no trace.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TypeAlias

from sqlalchemy import Connection, Engine, event, func, literal_column, select, table
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL
from sqlalchemy.sql import ColumnElement, Insert, Select
from sqlalchemy.sql.schema import Table

from eventwire.errors import StorageError
from eventwire.store.backend import WRITE_OPTION
from eventwire.store.records import MATCH_END, MATCH_START, SNIPPET_ELLIPSIS
from eventwire.store.schema import articles

DIALECT = "sqlite"
BUSY_TIMEOUT_MS = 10_000
SNIPPET_TOKENS = 16
TITLE_WEIGHT = 5.0  # bm25 weight of a title match against a body match (1.0)
_HEADER = b"SQLite format 3\x00"

FTS_TABLE = "articles_fts"
_FTS_DDL = (
    # External content: the index stores no copy of the text; rowid is articles.seq.
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, text, content='articles', "
    "content_rowid='seq', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER {FTS_TABLE}_ai AFTER INSERT ON articles BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
    f"CREATE TRIGGER {FTS_TABLE}_ad AFTER DELETE ON articles BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, text) "
    "VALUES ('delete', old.seq, old.title, old.text); END",
    f"CREATE TRIGGER {FTS_TABLE}_au AFTER UPDATE OF seq, title, text ON articles BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, text) "
    "VALUES ('delete', old.seq, old.title, old.text); "
    f"INSERT INTO {FTS_TABLE}(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",  # index rows already present
)
_FTS_DROP = (
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_au",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_ad",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_ai",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)

# SQLite result codes (primary) worth a plain-words explanation.
_EXPLAIN = {
    5: f"the database is locked by another process (waited {BUSY_TIMEOUT_MS // 1000} s)",
    8: "the database is read-only",
    10: "disk I/O error",
    11: "the database file is corrupt",
    13: "the disk is full",
    14: "cannot open the database file",
    26: "not a SQLite database",
}


def is_file_url(url: URL) -> bool:
    database = url.database or ""
    return database not in ("", ":memory:") and not url.query.get("uri")


def check_location(url: URL) -> None:
    """Refuse, before connecting, a path whose folder is missing or that holds something else."""
    if not is_file_url(url):
        return
    path = Path(url.database or "")
    if path.is_dir():
        raise StorageError(f"{path}: is a folder, not a database file")
    if not path.parent.is_dir():
        raise StorageError(f"{path}: folder {path.parent} does not exist")
    if not path.exists():
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(len(_HEADER))
    except OSError as exc:
        raise StorageError(f"{path}: cannot read: {exc.strerror}") from exc
    if header and header != _HEADER:
        raise StorageError(f"{path}: not a SQLite database")


def prepare_engine(engine: Engine) -> None:
    """Set the PRAGMAs on every new connection and take over transaction control.

    Python's sqlite3 (before 3.12's ``autocommit``) starts transactions only before DML, so a read
    followed by a write is not one transaction and DDL is not transactional. We switch its
    handling off and emit ``BEGIN`` ourselves: ``BEGIN IMMEDIATE`` for write transactions (the
    connection carries the ``WRITE_OPTION`` execution option), so a writer waits for the lock
    instead of failing when another process wrote after its read.
    """
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _on_begin(conn: Connection) -> None:
    mode = "IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


def create_search_index(conn: Connection) -> None:
    """Create the FTS5 index over ``articles`` (title, text) and the triggers that keep it in step.

    Called by migration 0001; a later change to the index needs a new function and migration.
    """
    for statement in _FTS_DDL:
        conn.exec_driver_sql(statement)


def drop_search_index(conn: Connection) -> None:
    for statement in _FTS_DROP:
        conn.exec_driver_sql(statement)


def is_search_object(name: str) -> bool:
    """Whether a table name belongs to the search index (FTS5 and its shadow tables)."""
    return name == FTS_TABLE or name.startswith(f"{FTS_TABLE}_")


def next_article_seq() -> ColumnElement[Any] | None:
    """The ``seq`` of a new article, computed inside its INSERT (SQLite holds the write lock)."""
    return select(func.coalesce(func.max(articles.c.seq), 0) + 1).scalar_subquery()


def insert_ignore(target: Table) -> Insert:
    """An INSERT that does nothing when it would break a unique constraint."""
    return sqlite_insert(target).on_conflict_do_nothing()


def search(
    columns: Sequence[ColumnElement[Any]], query: str, *, limit: int, offset: int
) -> Select[Any]:
    """Articles matching ``query`` (see ``fts5_query``), best first, with a marked snippet."""
    fts = table(FTS_TABLE, literal_column("rowid"))
    fts_ref: ColumnElement[Any] = literal_column(FTS_TABLE)
    snippet = func.snippet(fts_ref, -1, MATCH_START, MATCH_END, SNIPPET_ELLIPSIS, SNIPPET_TOKENS)
    rank = func.bm25(fts_ref, TITLE_WEIGHT, 1.0)
    return (
        select(*columns, snippet.label("snippet"))
        .select_from(articles.join(fts, literal_column(f"{FTS_TABLE}.rowid") == articles.c.seq))
        .where(fts_ref.op("MATCH")(fts5_query(query)))
        .order_by(rank, articles.c.seq)
        .limit(limit)
        .offset(offset)
    )


def is_query_error(exc: BaseException) -> bool:
    """Whether a driver error means the search query was refused by FTS5."""
    orig = getattr(exc, "orig", exc)
    message = str(orig)
    return isinstance(orig, sqlite3.OperationalError) and (
        message.startswith("fts5:") or message.startswith("unterminated string")
    )


def explain_error(exc: BaseException) -> str | None:
    """Plain words for a driver error, when its SQLite result code has an obvious meaning."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return None
    return _EXPLAIN.get(code & 0xFF)


# --- the search query language -----------------------------------------------------------------
#
# Users type words. Each word becomes a quoted FTS5 string, so punctuation, ``-``, ``:`` or ``^``
# never reach FTS5 as syntax; words must all match (AND). On top of that, the FTS5 operators a
# user clearly means are kept: "a phrase" in double quotes (an unclosed quote is closed), a
# trailing * for a prefix (``negotiat*``), AND / OR / NOT in capitals between two terms, and
# parentheses. An operator without a term on each side is searched as a word; a stray ``)`` is
# dropped and an unclosed ``(`` closed. The result is always valid FTS5.

_PIECE = re.compile(r'"[^"]*"?|[()]|[^\s()"]+')
_OPERATORS = frozenset({"AND", "OR", "NOT"})
_Node: TypeAlias = "str | list[_Node]"  # a quoted term, a bare operator, or a parenthesised group


def fts5_query(query: str) -> str:
    """Turn a user's search into a safe FTS5 query; StorageError if it has nothing to search."""
    pieces = iter(_PIECE.findall(query.replace("\x00", " ")))
    rendered = _render(_parse(pieces, depth=0))
    if not rendered:
        raise StorageError(f"bad search query: {query!r} has no words to search for")
    return rendered


def _parse(pieces: Iterator[str], depth: int) -> list[_Node]:
    nodes: list[_Node] = []
    for piece in pieces:
        if piece == "(":
            nodes.append(_parse(pieces, depth + 1))
        elif piece == ")":
            if depth:
                return nodes
        elif piece in _OPERATORS:
            nodes.append(piece)
        elif piece.startswith('"'):
            inner = piece[1:-1] if len(piece) > 1 and piece.endswith('"') else piece[1:]
            if _has_word(inner):
                nodes.append(f'"{inner}"')
        else:
            stem = piece.rstrip("*")
            if _has_word(stem):
                nodes.append(f'"{stem}"' + ("*" if stem != piece else ""))
    return nodes


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _render(nodes: list[_Node]) -> str:
    items: list[tuple[bool, str]] = []  # (is_operand, text)
    for node in nodes:
        if isinstance(node, list):
            inner = _render(node)
            if inner:
                items.append((True, f"({inner})"))
        else:
            items.append((node.startswith('"'), node))
    out: list[str] = []
    last_is_operand = False
    for index, (is_operand, text) in enumerate(items):
        next_is_operand = index + 1 < len(items) and items[index + 1][0]
        if not is_operand and last_is_operand and next_is_operand:
            out.append(text)
            last_is_operand = False
            continue
        if last_is_operand:
            out.append("AND")
        out.append(text if is_operand else f'"{text}"')  # a misplaced operator is a word
        last_is_operand = True
    return " ".join(out)
