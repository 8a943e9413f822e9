"""Opening a store creates or upgrades its schema, and refuses files that are not ours to touch."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from store_articles import numbered_article

from eventwire.errors import StorageError
from eventwire.store import open_store
from eventwire.store.connect import connect
from eventwire.store.migrate import current_revisions, head_revision, make_config
from eventwire.store.schema import metadata
from eventwire.store.sqlite import is_search_object


def schema_sql(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()


def test_the_migrations_have_a_single_head() -> None:
    script = ScriptDirectory.from_config(make_config())
    assert len(script.get_heads()) == 1
    assert script.get_heads()[0] == head_revision()
    assert [rev.revision for rev in script.walk_revisions()][-1] == "0001"


def test_a_fresh_file_is_created_at_head(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    with open_store(str(db)) as store:
        assert store.count_articles() == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (head_revision(),)
        ]
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "article_copies", "rejections", "articles_fts"} <= names
    assert {"articles_fts_ai", "articles_fts_ad", "articles_fts_au"} <= names


def test_the_migrated_schema_matches_schema_py(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    open_store(str(db)).close()
    engine, _ = connect(str(db))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn,
                opts={"include_name": lambda name, *_: not (name and is_search_object(name))},
            )
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_reopening_is_a_no_op(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    article = numbered_article(1)
    with open_store(str(db)) as store:
        store.add_article(article)
    before = schema_sql(db)
    with open_store(str(db)) as store:
        assert store.get_article(article.id).article == article
    assert schema_sql(db) == before


def test_downgrade_to_base_and_upgrade_again(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    open_store(str(db)).close()
    engine, _ = connect(str(db))
    try:
        with engine.begin() as conn:
            command.downgrade(make_config(conn), "base")
        with engine.connect() as conn:
            assert current_revisions(conn) == ()
    finally:
        engine.dispose()
    assert [n for n, _ in schema_sql(db) if not n.startswith("sqlite_")] == ["alembic_version"]
    with open_store(str(db)) as store:  # an empty, stamped-at-base database: upgraded
        store.add_article(numbered_article(2))
        assert store.list_articles(search="kilo00002")[0].id == numbered_article(2).id


@pytest.mark.parametrize(
    "content", [b"This is a plain text file, not a database.\n" * 20, b"short", b"\x00" * 4096]
)
def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / "notes.txt"
    db.write_bytes(content)
    with pytest.raises(StorageError, match="not a SQLite database") as info:
        open_store(str(db))
    assert str(db) in str(info.value)
    assert db.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_an_empty_file_becomes_a_store(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    db.touch()
    with open_store(str(db)) as store:
        assert store.count_articles() == 0


def test_a_schema_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    open_store(str(db)).close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    with pytest.raises(StorageError, match=r"9999_from_the_future.*newer eventwire"):
        open_store(str(db))


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    before = schema_sql(db)
    with pytest.raises(StorageError, match="not an eventwire store"):
        open_store(str(db))
    assert schema_sql(db) == before


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    db = tmp_path / "no" / "such" / "folder" / "store.db"
    with pytest.raises(StorageError, match="does not exist") as info:
        open_store(str(db))
    assert str(db.parent) in str(info.value)
    assert not (tmp_path / "no").exists()


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="folder"):
        open_store(str(tmp_path))
