"""What every command shares: the typer app, the error console, options, settings, and the
helpers that turn library errors into messages and exit codes."""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from eventwire import __version__
from eventwire.config import Settings, load_settings
from eventwire.errors import EventwireError
from eventwire.models import Article

if TYPE_CHECKING:
    from eventwire.store import Store

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_ALL_REJECTED = 0, 1, 2, 3

app = typer.Typer(
    name="eventwire",
    help="Political event data from news reports: who did what to whom, where and when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="The store: a SQLite file or an SQLAlchemy URL.", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Write JSON Lines to stdout.")]


class _State:
    config: Path | None = None


_state = _State()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: Annotated[
        int, typer.Option("-v", "--verbose", count=True, help="More log output (-vv: debug).")
    ] = 0,
    config: Annotated[
        Path | None, typer.Option("--config", help="A settings file (TOML).", show_default=False)
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", force=True)
    if verbose < 2:  # readers say why a page failed; the extraction library's own chatter is noise
        for noisy in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
            logging.getLogger(noisy).setLevel(logging.CRITICAL)
    _state.config = config


def _settings(**overrides: Any) -> Settings:
    return load_settings(overrides, config_file=_state.config)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn library errors into one line on stderr and exit code 1."""
    try:
        yield
    except EventwireError as exc:
        err.print(f"[bold red]error:[/] {exc}", markup=True, soft_wrap=True)
        raise typer.Exit(EXIT_ERROR) from exc


def _parse_date(value: str | None, flag: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(
            f"not an ISO date (YYYY-MM-DD): {value!r}", param_hint=flag
        ) from exc


@contextmanager
def _progress(enabled: bool) -> Iterator[Progress | None]:
    if not enabled:
        yield None
        return
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        yield progress


@contextmanager
def _existing_store(db: str | None) -> Iterator[Store]:
    """The store a reading command works on: it must exist already (see ``_require_store``)."""
    from eventwire.store import open_store

    settings = _settings(db=db)
    _require_store(settings)
    with open_store(settings.db) as store:
        yield store


def _require_store(settings: Settings) -> None:
    """Reading commands must not create an empty store where the user mistyped a path."""
    from eventwire.errors import StorageError

    if "://" not in settings.db and not Path(settings.db).exists():
        raise StorageError(f"{settings.db}: no store here (create one with `eventwire ingest`)")


def _full_ids(settings: Settings, prefixes: list[str]) -> list[str]:
    """Article ids for the ids or unique prefixes given on the command line."""
    from eventwire.store import open_store

    with open_store(settings.db) as store:
        return [store.get_article(prefix).id for prefix in prefixes]


def _jsonable(obj: Any) -> Any:
    """Records (dataclasses) to plain JSON values."""
    import dataclasses

    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        data = {f.name: _jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        if isinstance(obj, Article):
            data = {"id": obj.id, **data}
        return data
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, dt.date | dt.datetime):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_jsonable(v) for v in obj]
    return obj
