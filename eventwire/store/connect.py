"""From the ``db`` setting (a file path or an SQLAlchemy URL) to a configured ``Engine``."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from eventwire.errors import StorageError
from eventwire.store.backend import Backend, backend_for


def database_url(db: str) -> URL:
    """``db`` as a URL: anything with ``://`` is a URL, anything else a SQLite file path."""
    if "://" not in db:
        if not db.strip():
            raise StorageError("no database given: pass a SQLite file path or a database URL")
        path = Path(db).expanduser().absolute()
        return URL.create("sqlite", database=str(path))
    try:
        return make_url(db)
    except ArgumentError as exc:
        raise StorageError(f"{db!r}: not a valid database URL") from exc


def describe(url: URL) -> str:
    """How to name the database in messages: the file path, or the URL without its password."""
    if url.get_backend_name() == "sqlite" and url.database:
        return url.database
    return url.render_as_string(hide_password=True)


def connect(db: str) -> tuple[Engine, Backend]:
    """A configured engine for ``db`` and its back end. Opens no connection yet.

    StorageError when the URL names an unknown database or a driver that is not installed, or
    (SQLite) when the file's folder is missing or the file is not a SQLite database.
    """
    url = database_url(db)
    try:
        engine = create_engine(url)
    except ArgumentError as exc:  # includes NoSuchModuleError: an unknown dialect or driver
        raise StorageError(f"{describe(url)}: {exc}") from exc
    except ImportError as exc:
        raise StorageError(
            f"{describe(url)}: the database driver is not installed ({exc.name or exc})"
        ) from exc
    try:
        backend = backend_for(engine.dialect.name)
    except StorageError as exc:
        engine.dispose()
        raise StorageError(f"{describe(url)}: {exc}") from None
    backend.check_location(engine.url)
    backend.prepare_engine(engine)
    return engine, backend
