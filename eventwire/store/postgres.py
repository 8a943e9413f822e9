"""The PostgreSQL twins of the functions in ``sqlite.py``.

Search uses a stored generated ``tsvector`` column (title weighted above the body) with a GIN
index, queried with ``websearch_to_tsquery`` (which accepts any user text: "phrases", ``or``,
``-word``) and ranked with ``ts_rank_cd``. The ``'simple'`` configuration neither stems nor drops
stop words, like SQLite's ``unicode61`` tokenizer. Not exercised by the test suite (it needs a
server), so kept small: each function is one statement or one query.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Engine, func, literal_column, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import URL
from sqlalchemy.sql import ColumnElement, Insert, Select
from sqlalchemy.sql.schema import Table

from eventwire.store.records import MATCH_END, MATCH_START, SNIPPET_ELLIPSIS
from eventwire.store.schema import articles

DIALECT = "postgresql"
TS_CONFIG = "simple"
SEARCH_COLUMN = "search_vector"
SEARCH_INDEX = "ix_articles_search_vector"
_HEADLINE_OPTIONS = (
    f"StartSel={MATCH_START}, StopSel={MATCH_END}, MinWords=10, MaxWords=24, "
    f"MaxFragments=1, FragmentDelimiter={SNIPPET_ELLIPSIS}"
)
_DDL = (
    f"ALTER TABLE articles ADD COLUMN {SEARCH_COLUMN} tsvector GENERATED ALWAYS AS ("
    f"setweight(to_tsvector('{TS_CONFIG}', coalesce(\"title\", '')), 'A') || "
    f"setweight(to_tsvector('{TS_CONFIG}', \"text\"), 'B')) STORED",
    f"CREATE INDEX {SEARCH_INDEX} ON articles USING GIN ({SEARCH_COLUMN})",
)
_DROP = (
    f"DROP INDEX IF EXISTS {SEARCH_INDEX}",
    f"ALTER TABLE articles DROP COLUMN IF EXISTS {SEARCH_COLUMN}",
)


def check_location(url: URL) -> None:
    """Nothing to check before connecting: the server reports its own errors."""


def prepare_engine(engine: Engine) -> None:
    """Nothing to set: psycopg begins transactions itself and PostgreSQL is durable by default."""


def create_search_index(conn: Connection) -> None:
    """Add the generated tsvector column and its GIN index (called by migration 0001)."""
    for statement in _DDL:
        conn.exec_driver_sql(statement)


def drop_search_index(conn: Connection) -> None:
    for statement in _DROP:
        conn.exec_driver_sql(statement)


def is_search_object(name: str) -> bool:
    return name in (SEARCH_COLUMN, SEARCH_INDEX)


def next_article_seq() -> ColumnElement[Any] | None:
    """None: ``articles.seq`` is an identity column here."""
    return None


def insert_ignore(target: Table) -> Insert:
    return pg_insert(target).on_conflict_do_nothing()


def search(
    columns: Sequence[ColumnElement[Any]], query: str, *, limit: int, offset: int
) -> Select[Any]:
    # Importing sqlalchemy.dialects.postgresql (above) makes these ``func`` names cast 'simple' to
    # regconfig.
    tsquery = func.websearch_to_tsquery(TS_CONFIG, query)
    vector: ColumnElement[Any] = literal_column(f"articles.{SEARCH_COLUMN}")
    snippet = func.ts_headline(TS_CONFIG, articles.c.text, tsquery, _HEADLINE_OPTIONS)
    return (
        select(*columns, snippet.label("snippet"))
        .where(vector.op("@@")(tsquery))
        .order_by(func.ts_rank_cd(vector, tsquery).desc(), articles.c.seq)
        .limit(limit)
        .offset(offset)
    )


def is_query_error(exc: BaseException) -> bool:
    """``websearch_to_tsquery`` accepts any text, so no error is the query's fault."""
    return False


def explain_error(exc: BaseException) -> str | None:
    return None
