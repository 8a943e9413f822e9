"""Alembic, run from code: the scripts live in ``migrations/`` inside the package; no alembic.ini.

``upgrade(conn)`` brings a database to the newest revision inside the caller's transaction. To
write a new revision, run alembic's own ``command.revision(make_config(url=...), message=...,
autogenerate=True)`` against a database at head; ``migrations/env.py`` compares it with
``schema.metadata``.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from eventwire.errors import StorageError

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"


def make_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An Alembic config for the packaged scripts, bound to ``connection`` (or to ``url``)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision the code knows."""
    heads = ScriptDirectory.from_config(make_config()).get_heads()
    if len(heads) != 1:
        raise StorageError(f"the packaged migrations have {len(heads)} heads; expected one")
    return heads[0]


def current_revisions(conn: Connection) -> tuple[str, ...]:
    """The revisions the database is stamped with (empty for a database Alembic never touched)."""
    return tuple(MigrationContext.configure(conn).get_current_heads())


def upgrade(conn: Connection, where: str) -> None:
    """Bring the schema to head in the caller's transaction; no-op when it is there already.

    StorageError when the database has tables but no schema version (it is not an eventwire
    store) or is stamped with a revision this code does not know (a newer eventwire wrote it).
    """
    head = head_revision()
    current = current_revisions(conn)
    if current == (head,):
        return
    if not current:
        foreign = sorted(set(inspect(conn).get_table_names()) - {VERSION_TABLE})
        if foreign:
            raise StorageError(
                f"{where}: not an eventwire store (it has tables {', '.join(foreign[:5])} "
                "but no eventwire schema version)"
            )
    script = ScriptDirectory.from_config(make_config())
    known = {rev.revision for rev in script.walk_revisions()}
    unknown = [rev for rev in current if rev not in known]
    if unknown:
        raise StorageError(
            f"{where}: the database schema is at revision {', '.join(unknown)}, which this "
            f"version of eventwire does not know (its newest is {head}); it was written by a "
            "newer eventwire: upgrade eventwire to open it"
        )
    command.upgrade(make_config(conn), "head")
