"""Full-text search: ranked, with marked snippets, and safe for any text a user types."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_articles import make_article

from eventwire.errors import StorageError
from eventwire.store import Store, open_store
from eventwire.store.sqlite import fts5_query

TITLE_AND_BODY = make_article(
    "The ceasefire held overnight along the northern front, officers said, and a second "
    "ceasefire monitoring team arrived at dawn.",
    title="Ceasefire holds in the north",
    source="a/ceasefire.txt",
)
BODY_ONCE = make_article(
    "Parliament spent the day on the budget. Ministers defended spending on roads, schools and "
    "clinics, and one deputy asked whether the ceasefire would allow repairs to the bridges. "
    "The vote on the budget was put off until Monday after a long debate on farm subsidies.",
    title="Budget vote delayed",
    source="b/budget.txt",
)
PHRASE = make_article(
    "Both sides said the peace talks in Geneva would resume next week.",
    title="Talks to resume",
    source="c/peace-talks.txt",
)
WORDS_APART = make_article(
    "The talks stalled over prisoners; peace activists protested outside the venue in Bogotá.",
    title="Stalemate",
    source="d/stalemate.txt",
)
NEGOTIATIONS = make_article(
    "Negotiations over the port lease were suspended after the minister's resignation. Кремль "
    "declined to comment on the negotiators' demands.",
    title="Port lease negotiations suspended",
    source="e/port.txt",
)
ALL = (TITLE_AND_BODY, BODY_ONCE, PHRASE, WORDS_APART, NEGOTIATIONS)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    db = tmp_path_factory.mktemp("search") / "store.db"
    with open_store(str(db)) as opened:
        for article in ALL:
            opened.add_article(article)
        yield opened


def ids(store: Store, query: str) -> list[str]:
    return [row.id for row in store.list_articles(search=query)]


def test_best_match_first(store: Store) -> None:
    assert ids(store, "ceasefire") == [TITLE_AND_BODY.id, BODY_ONCE.id]
    assert ids(store, "CEASEFIRE") == ids(store, "ceasefire")


def test_snippet_marks_the_match(store: Store) -> None:
    rows = store.list_articles(search="bridges")
    assert [r.id for r in rows] == [BODY_ONCE.id]
    snippet = rows[0].snippet
    assert snippet is not None and "«bridges»" in snippet
    assert len(snippet) < len(BODY_ONCE.text)
    assert "…" in snippet  # cut, and says so
    assert rows[0].n_chars == len(BODY_ONCE.text)


def test_phrase_prefix_and_operators(store: Store) -> None:
    assert ids(store, '"peace talks"') == [PHRASE.id]
    assert set(ids(store, "peace talks")) == {PHRASE.id, WORDS_APART.id}
    assert ids(store, "negotiat*") == [NEGOTIATIONS.id]
    assert ids(store, "negotiat") == []  # no prefix without the star
    assert set(ids(store, "Geneva OR Bogota")) == {PHRASE.id, WORDS_APART.id}
    assert ids(store, "talks NOT Geneva") == [WORDS_APART.id]
    assert set(ids(store, "(Geneva OR prisoners) AND peace")) == {PHRASE.id, WORDS_APART.id}


def test_diacritics_and_other_scripts(store: Store) -> None:
    assert ids(store, "bogota") == [WORDS_APART.id]  # folded: Bogotá
    assert ids(store, "кремль") == [NEGOTIATIONS.id]


def test_search_pages(store: Store) -> None:
    both = ids(store, "ceasefire")
    assert [r.id for r in store.list_articles(search="ceasefire", limit=1, offset=1)] == both[1:]
    assert store.list_articles(search="ceasefire", offset=5) == []


@pytest.mark.parametrize(
    "query",
    [
        'peace "talks',  # unbalanced quote
        "(peace",
        "peace)",
        "AND",
        "peace AND",
        "NOT peace",
        "OR OR OR",
        "talks -peace",
        "peace*talks",
        "*",
        "title:peace",
        "NEAR(peace talks)",
        "^peace",
        "peace + talks",
        "peace\x00talks",
        "'; DROP TABLE articles; --",
        "peace\udcff",  # undecodable bytes in argv arrive as lone surrogates
        "\ud800",
    ],
)
def test_hostile_queries_search_or_refuse_cleanly(store: Store, query: str) -> None:
    try:
        rows = store.list_articles(search=query)
    except StorageError as exc:
        assert str(exc).startswith("bad search query")
    else:
        assert {r.id for r in rows} <= {a.id for a in ALL}
    assert store.count_articles() == len(ALL)


@pytest.mark.parametrize("query", ["", "   ", "*", '"', "()", "-", "!!!"])
def test_queries_without_words_are_refused(store: Store, query: str) -> None:
    with pytest.raises(StorageError, match="bad search query"):
        store.list_articles(search=query)


SYNTAX = st.lists(
    st.sampled_from(
        ['"', "(", ")", "*", "-", "+", "^", ":", "AND", "OR", "NOT", "NEAR", "peace", "talks", " "]
    )
    | st.text(max_size=4),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(query=st.text() | st.text(st.characters(exclude_categories=[])) | SYNTAX)
def test_any_text_searches_or_raises_storage_error(store: Store, query: str) -> None:
    try:
        rows = store.list_articles(search=query, limit=10)
    except StorageError as exc:
        assert str(exc).startswith("bad search query")
    else:
        assert {r.id for r in rows} <= {a.id for a in ALL}


@pytest.fixture(scope="module")
def fts5() -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(title, text)")
    conn.execute("INSERT INTO t VALUES ('peace talks', 'the talks resumed')")
    yield conn
    conn.close()


@settings(max_examples=500, deadline=None)
@given(query=st.text() | SYNTAX)
def test_translated_queries_are_always_valid_fts5(fts5: sqlite3.Connection, query: str) -> None:
    try:
        translated = fts5_query(query)
    except StorageError:
        assert not any(ch.isalnum() for ch in query)
        return
    fts5.execute("SELECT count(*) FROM t WHERE t MATCH ?", (translated,)).fetchone()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("peace talks", '"peace" AND "talks"'),
        ('"peace talks" Geneva', '"peace talks" AND "Geneva"'),
        ('"unclosed phrase', '"unclosed phrase"'),
        ("negotiat*", '"negotiat"*'),
        ("a OR b NOT c", '"a" OR "b" NOT "c"'),
        ("NOT GUILTY", '"NOT" AND "GUILTY"'),  # no left operand: a word
        ("(a OR b) c", '("a" OR "b") AND "c"'),
        ("((a", '(("a"))'),
        (")a(", '"a"'),
        ("foo-bar U.S. - x", '"foo-bar" AND "U.S." AND "x"'),
        ("title:x", '"title:x"'),
    ],
)
def test_translation(query: str, expected: str) -> None:
    assert fts5_query(query) == expected


def test_a_new_store_finds_nothing(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "empty.db")) as store:
        assert store.list_articles(search="peace") == []
        assert store.list_articles() == []


def test_postgres_search_compiles_to_websearch_with_regconfig() -> None:
    """No server here: check that the PostgreSQL twin builds the query we mean."""
    from sqlalchemy.engine import make_url

    from eventwire.store import postgres
    from eventwire.store.backend import backend_for
    from eventwire.store.schema import articles

    assert backend_for("postgresql") is postgres
    sql = str(
        postgres.search([articles.c.id], 'peace "talks', limit=5, offset=0).compile(
            dialect=make_url("postgresql+psycopg://").get_dialect()()
        )
    )
    assert "articles.search_vector @@ websearch_to_tsquery(" in sql
    assert "::REGCONFIG" in sql and "ts_headline(" in sql and "ts_rank_cd(" in sql
    assert postgres.next_article_seq() is None  # an identity column there
