"""Alembic environment for the store, run by ``eventwire.store.migrate``.

The caller passes an open connection in ``config.attributes["connection"]`` and owns its
transaction. For ``alembic revision --autogenerate`` a ``sqlalchemy.url`` main option works too.
The search index (FTS5 table, tsvector column) is created by the back-end modules, not from
``schema.metadata``, so autogenerate is told to ignore it.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from eventwire.store.backend import backend_for
from eventwire.store.connect import connect
from eventwire.store.schema import metadata


def _configure_and_run(connection: Connection) -> None:
    backend = backend_for(connection.dialect.name)

    def include_name(name: str | None, type_: str, parent_names: object) -> bool:
        return name is None or not backend.is_search_object(name)

    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things: alembic copies the table instead
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run() -> None:
    if context.is_offline_mode():
        raise RuntimeError("the eventwire store's migrations run online only (no --sql)")
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("pass a connection in config.attributes or set sqlalchemy.url")
    engine, _ = connect(url)
    try:
        with engine.begin() as conn:
            _configure_and_run(conn)
    finally:
        engine.dispose()


_run()
