"""The command line: thin typer wrappers over library functions.

Data goes to stdout, messages and progress to stderr. Exit codes: 0 ok, 1 error, 2 usage,
3 when every input of a batch was rejected.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from eventwire import __version__
from eventwire.config import Settings, load_settings
from eventwire.errors import EventwireError, NotFoundError
from eventwire.models import (
    Article,
    DateSource,
    IngestOutcome,
    IngestStatus,
    SegmentKind,
    SourceMeta,
)

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


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders or http(s) URLs.")],
    db: DbOption = None,
    meta: Annotated[
        Path | None,
        typer.Option("--meta", help="A meta.jsonl sidecar: file, url, outlet, published, title."),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date (YYYY-MM-DD) where none is known."),
    ] = None,
    outlet: Annotated[
        str | None, typer.Option("--outlet", help="Outlet name where none is known.")
    ] = None,
    extract_events: Annotated[
        bool,
        typer.Option("--extract/--no-extract", help="Extract actors and events from new articles."),
    ] = True,
    json_out: JsonOption = False,
) -> None:
    """Read reports, clean them and store them; duplicates are linked, not stored again.

    New articles then go through event extraction (unless --no-extract).
    """
    from eventwire.ingest import load_meta
    from eventwire.pipeline import run_ingest
    from eventwire.store import open_store

    date = _parse_date(published, "--published")
    defaults = SourceMeta(
        outlet=outlet, published=date, published_source=DateSource.CLI if date else None
    )
    with _errors():
        settings = _settings(db=db)
        sidecar = load_meta(meta) if meta is not None else None
        with open_store(settings.db) as store, _progress(err.is_terminal) as progress:
            task = progress.add_task("ingest", total=None) if progress else None

            def on_inputs(n: int) -> None:
                if progress is not None and task is not None:
                    progress.update(task, total=n)

            def on_input_done(_: str) -> None:
                if progress is not None and task is not None:
                    progress.advance(task)

            def on_outcome(outcome: IngestOutcome) -> None:
                if json_out:
                    typer.echo(json.dumps(_outcome_json(outcome), ensure_ascii=False))

            summary = run_ingest(
                inputs,
                store=store,
                settings=settings,
                meta=sidecar,
                defaults=defaults,
                on_outcome=on_outcome,
                on_inputs=on_inputs,
                on_input_done=on_input_done,
            )
    for rejection in summary.rejections:
        err.print(f"rejected {rejection}", markup=False, soft_wrap=True)
    err.print(f"ingest: {summary.describe()} → {settings.db}", markup=False, soft_wrap=True)
    new_ids = [
        o.article_id
        for o in summary.outcomes
        if o.status is IngestStatus.NEW and o.article_id is not None
    ]
    if extract_events and new_ids:
        with _errors():
            _extract(settings, new_ids, force=False)
    if summary.all_rejected:
        raise typer.Exit(EXIT_ALL_REJECTED)


def _extract(settings: Settings, ids: list[str] | None, *, force: bool) -> None:
    from eventwire.nlp.extract import Extractor
    from eventwire.pipeline import run_extract
    from eventwire.store import open_store

    extractor = Extractor(
        settings.spacy_model,
        batch_size=settings.nlp_batch_size,
        n_process=settings.nlp_processes,
    )
    with open_store(settings.db) as store, _progress(err.is_terminal) as progress:
        task = progress.add_task("extract", total=len(ids) if ids else None) if progress else None

        def on_article(_: object) -> None:
            if progress is not None and task is not None:
                progress.advance(task)

        summary = run_extract(
            store=store, analyser=extractor, ids=ids, force=force, on_article=on_article
        )
    err.print(f"extract: {summary.describe()}", markup=False, soft_wrap=True)


@app.command()
def extract(
    db: DbOption = None,
    article: Annotated[
        list[str] | None,
        typer.Option("--article", help="Only this article id (repeatable).", show_default=False),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Redo articles already analysed by this version.")
    ] = False,
    processes: Annotated[
        int | None,
        typer.Option("--processes", min=1, help="spaCy processes.", show_default=False),
    ] = None,
) -> None:
    """Extract actors and events from stored articles (idempotent: done ones are skipped)."""
    with _errors():
        settings = _settings(db=db, nlp_processes=processes)
        _require_store(settings)
        ids = _full_ids(settings, article) if article else None
        _extract(settings, ids, force=force)


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


@app.command()
def events(
    db: DbOption = None,
    article: Annotated[
        str | None, typer.Option("--article", help="An article id or prefix.", show_default=False)
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option("--actor", help="An actor id, name or mention text.", show_default=False),
    ] = None,
    event_type: Annotated[
        list[str] | None,
        typer.Option("--type", help="A PLOVER type (repeatable).", show_default=False),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="At most this many.", show_default=False)
    ] = None,
    json_out: Annotated[
        bool, typer.Option("--json", help="JSON Lines in the gold format, with ids and spans.")
    ] = False,
) -> None:
    """List extracted event mentions: who did what to whom, with factuality and evidence."""
    from eventwire.export import gold_record
    from eventwire.store import open_store

    with _errors():
        settings = _settings(db=db)
        _require_store(settings)
        with open_store(settings.db) as store:
            article_ids = [store.get_article(article).id] if article else None
            actor_ids = None
            if actor is not None:
                actor_ids = [a.id for a in store.find_actors(actor)]
            rows = store.list_events(
                article_ids=article_ids, actor_ids=actor_ids, types=event_type, limit=limit
            )
    if json_out:
        for row in rows:
            typer.echo(json.dumps(gold_record(row), ensure_ascii=False))
        return
    out = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
    for row in rows:
        out.print(_event_line(row), markup=False, soft_wrap=True)
    if not rows:
        err.print("no events", markup=False)


@app.command()
def actor(
    name: Annotated[str, typer.Argument(help="An actor id, name or mention text.")],
    db: DbOption = None,
    json_out: Annotated[
        bool, typer.Option("--json", help="The profile as one JSON object.")
    ] = False,
) -> None:
    """Show an actor's profile: names seen, role, country, events by type, and journey."""
    from eventwire.link.journeys import format_profile, profile, profile_json
    from eventwire.store import open_store

    with _errors():
        settings = _settings(db=db)
        _require_store(settings)
        with open_store(settings.db) as store:
            found = store.find_actors(name)
            if not found:
                raise NotFoundError(f"no actor matches {name!r}")
            events = {a.id: [s.event for s in store.list_events(actor_ids=[a.id])] for a in found}
            best = max(found, key=lambda a: (_exact(a, name), len(events[a.id])))
            result = profile(best, store.actor_names(best.id), events[best.id])
    if json_out:
        typer.echo(json.dumps(profile_json(result), ensure_ascii=False))
        return
    for line in format_profile(result):
        typer.echo(line)
    others = [a for a in found if a.id != best.id]
    if others:
        shown = ", ".join(f"{a.name} [{a.id}]" for a in others[:8])
        err.print(f"also matched: {shown}", markup=False, soft_wrap=True)


class TimelineFormat(enum.StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


@app.command()
def timeline(
    db: DbOption = None,
    story: Annotated[
        str | None, typer.Option("--story", help="A story id (see `stories`).", show_default=False)
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option("--actor", help="An actor id, name or mention text.", show_default=False),
    ] = None,
    query: Annotated[
        str | None,
        typer.Option("--query", help="Full-text search for the reports.", show_default=False),
    ] = None,
    output: Annotated[
        TimelineFormat, typer.Option("--format", help="text, markdown (for a note) or json.")
    ] = TimelineFormat.TEXT,
    json_out: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    evidence: Annotated[
        bool, typer.Option("--evidence", help="Text format: each report's sentence and link.")
    ] = False,
    undated: Annotated[
        bool, typer.Option("--undated/--dated-only", help="Keep events with no date, last.")
    ] = True,
) -> None:
    """Dated events in order, one line per real-world event: reports of the same event fused,
    precision shown, factuality marked, sources counted, evidence linked."""
    from eventwire.link.fusion import fuse
    from eventwire.link.timeline import (
        format_timeline,
        timeline_json,
        timeline_markdown,
    )
    from eventwire.link.timeline import timeline as build_timeline
    from eventwire.store import open_store

    chosen = [x for x in (story, actor, query) if x is not None]
    if len(chosen) != 1:
        err.print("error: give exactly one of --story, --actor, --query", markup=False)
        raise typer.Exit(EXIT_USAGE)
    with _errors():
        settings = _settings(db=db)
        _require_store(settings)
        with open_store(settings.db) as store:
            if story is not None:
                record = store.get_story(story)
                title = record.title
                rows = store.list_events(article_ids=[a.id for a in record.articles])
            elif actor is not None:
                found = store.find_actors(actor)
                if not found:
                    raise NotFoundError(f"no actor matches {actor!r}")
                title = f"Timeline: {found[0].name}" if len(found) == 1 else f"Timeline: {actor}"
                rows = store.list_events(actor_ids=[a.id for a in found])
            else:
                assert query is not None
                hits = store.list_articles(search=query, limit=500)
                title = f"Timeline: {query}"
                rows = store.list_events(article_ids=[h.id for h in hits]) if hits else []
    entries = build_timeline(fuse(rows), undated=undated)
    kind = TimelineFormat.JSON if json_out else output
    if kind is TimelineFormat.JSON:
        for item in timeline_json(entries):
            typer.echo(json.dumps(item, ensure_ascii=False, default=str))
    elif kind is TimelineFormat.MARKDOWN:
        typer.echo(timeline_markdown(entries, title))
    elif entries:
        typer.echo(format_timeline(entries, evidence=evidence))
    else:
        err.print("no events", markup=False)


@app.command()
def brief(
    story: Annotated[str, typer.Option("--story", help="A story id (see `stories`).")],
    db: DbOption = None,
    json_out: Annotated[
        bool, typer.Option("--json", help="The briefing as one JSON object.")
    ] = False,
) -> None:
    """A short extractive briefing of a story: key dated events first, then sentences taken from
    the reports, each cited to the report(s) that carry it (Markdown)."""
    from eventwire.link.brief import brief as make_brief
    from eventwire.link.brief import brief_json, brief_markdown, report_of
    from eventwire.link.fusion import fuse
    from eventwire.store import open_store

    with _errors():
        settings = _settings(db=db)
        _require_store(settings)
        with open_store(settings.db) as store:
            record = store.get_story(story)
            ids = [a.id for a in record.articles]
            reports = [report_of(article) for article in store.iter_articles(ids)]
            fused = fuse(store.list_events(article_ids=ids))
    result = make_brief(record.title, reports, fused)
    if json_out:
        typer.echo(json.dumps(brief_json(result), ensure_ascii=False))
    else:
        typer.echo(brief_markdown(result), nl=False)


def _exact(actor: Any, name: str) -> bool:
    key = name.strip().lower()
    return key in (actor.id.lower(), actor.name.lower())


def _event_line(row: Any) -> str:
    e = row.event

    def who(m: Any) -> str:
        if m is None:
            return "-"
        code = "/".join(x for x in (m.actor.country, m.actor.sector) if x)
        return f"{m.actor.name} ({code})" if code else m.actor.name

    mode = f"/{e.code.mode}" if e.code.mode else ""
    flags = [e.factuality.value] if e.factuality.value != "asserted" else []
    if e.said_by:
        flags.append(f"said by {e.said_by.text}")
    where = f" in {e.location.text}" if e.location else ""
    when = f" [{'; '.join(t.text for t in e.times)}]" if e.times else ""
    if e.date is not None:
        when = f" on {e.date.value} ({e.date.derivation}){when}"
    note = f" ({', '.join(flags)})" if flags else ""
    return (
        f"{e.article_id[:8]} {e.code.type}{mode}: {who(e.source)} → {who(e.target)}"
        f"{where}{when}{note}\n    “{e.sentence.text}”"
    )


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl, csv, parquet, gdelt or plover.")
    ] = "jsonl",
    db: DbOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here instead of stdout.", show_default=False),
    ] = None,
) -> None:
    """Export every stored event mention in an exchange format."""
    from eventwire.export import ExportFormat, write_export
    from eventwire.store import open_store

    try:
        chosen = ExportFormat(fmt.lower())
    except ValueError as exc:
        names = ", ".join(f.value for f in ExportFormat)
        raise typer.BadParameter(f"{fmt!r} is not one of {names}", param_hint="--format") from exc
    with _errors():
        settings = _settings(db=db)
        _require_store(settings)
        with open_store(settings.db) as store:
            rows = store.list_events()
        count = write_export(rows, chosen, output if output is not None else sys.stdout)
    err.print(f"export: {count} event mentions ({chosen.value})", markup=False)


def _outcome_json(outcome: IngestOutcome) -> dict[str, Any]:
    data: dict[str, Any] = {
        "source": outcome.source,
        "status": outcome.status.value,
        "article_id": outcome.article_id,
    }
    if outcome.duplicate_of is not None:
        data["duplicate_of"] = outcome.duplicate_of
        data["similarity"] = outcome.similarity
    if outcome.rejection is not None:
        data["reason"] = outcome.rejection.reason.value
        data["detail"] = outcome.rejection.detail
    return data


@app.command()
def articles(
    db: DbOption = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Full-text search over title and text.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many rows.")] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many rows.")] = 0,
    json_out: JsonOption = False,
) -> None:
    """List stored articles, newest first, or the best matches of a search."""
    from eventwire.store import open_store

    with _errors():
        settings = _settings(db=db)
        _require_store(settings)
        with open_store(settings.db) as store:
            rows = store.list_articles(search=search, limit=limit, offset=offset)
    if json_out:
        for row in rows:
            typer.echo(json.dumps(_jsonable(row), ensure_ascii=False))
        return
    if not rows:
        err.print("no articles" + (f" match {search!r}" if search else ""), markup=False)
        return
    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("id", "published", "outlet", "title", "chars", "copies"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            row.id,
            row.published.isoformat() if row.published else "-",
            Text(row.outlet or "-"),
            Text(row.title or "-"),
            str(row.n_chars),
            str(row.n_copies),
        )
        if row.snippet:
            table.add_row("", "", "", Text(f"  {row.snippet}", style="dim"), "", "")
    Console(highlight=False, width=None if sys.stdout.isatty() else 160).print(table)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="An article id or a unique prefix of one.")],
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Show one stored article: metadata, copies, and the text with captions marked."""
    from eventwire.store import open_store

    with _errors():
        settings = _settings(db=db)
        _require_store(settings)
        with open_store(settings.db) as store:
            record = store.get_article(article_id)
    article = record.article
    if json_out:
        typer.echo(json.dumps(_jsonable(record), ensure_ascii=False))
        return
    out = Console(highlight=False)
    fields = {
        "id": record.id,
        "source": article.source,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": (
            f"{article.published.isoformat()} (from {article.published_source})"
            if article.published
            else None
        ),
        "language": article.language,
        "author": article.author,
    }
    for key, value in fields.items():
        out.print(f"{key:>10}: {value if value is not None else '-'}", markup=False)
    for copy in record.copies:
        sim = f" {copy.similarity:.2f}" if copy.similarity is not None else ""
        out.print(f"{'copy':>10}: {copy.relation}{sim} {copy.source}", markup=False)
    out.print()
    for seg in article.segments:
        body = article.text[seg.start : seg.end]
        if seg.kind is SegmentKind.BODY:
            out.print(body, markup=False)
        else:
            out.print(f"[{seg.kind.value}] {body}", style="dim", markup=False)
        out.print()


@app.command()
def stories(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many stories.")] = 50,
    json_out: Annotated[
        bool,
        typer.Option(
            "--json",
            help="One story per line: id, title, first, last, n_articles, articles (the paths "
            "or URLs its reports were ingested from), urls, article_ids, and copies "
            "(duplicates of them ingested later).",
        ),
    ] = False,
) -> None:
    """List stories, newest first: the reports of one happening, grouped on extraction."""
    from eventwire.link.stories import date_range
    from eventwire.store import open_store

    with _errors():
        settings = _settings(db=db)
        _require_store(settings)
        with open_store(settings.db) as store:
            rows = store.list_stories(limit=limit)
    if json_out:
        for row in rows:
            typer.echo(json.dumps(_story_json(row), ensure_ascii=False))
        return
    if not rows:
        err.print("no stories (articles join stories when they are extracted)", markup=False)
        return
    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("id", "dates", "reports", "title"):
        table.add_column(column, overflow="fold")
    for row in rows:
        dates = date_range(row.first, row.last) or "-"
        table.add_row(row.id, dates, str(row.n_articles), Text(row.title))
    Console(highlight=False, width=None if sys.stdout.isatty() else 160).print(table)


def _story_json(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "first": row.first.isoformat() if row.first else None,
        "last": row.last.isoformat() if row.last else None,
        "n_articles": row.n_articles,
        "articles": [a.source for a in row.articles],
        "urls": [a.url for a in row.articles],
        "article_ids": [a.id for a in row.articles],
        "copies": [source for a in row.articles for source in a.copies],
    }


def _jsonable(obj: Any) -> Any:
    """Records (dataclasses) to plain JSON values."""
    import dataclasses
    import enum

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


def main() -> None:
    """Entry point: run the app and map click's exit codes onto ours."""
    app()


eval_app = typer.Typer(help="Score the system against gold files.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("events")
def eval_events(
    gold: Annotated[Path, typer.Argument(help="Gold event mentions (JSON Lines, GOLD-FORMAT).")],
    db: DbOption = None,
    only_gold_articles: Annotated[
        bool,
        typer.Option(
            "--only-gold-articles",
            help="Score only predictions from articles the gold names (for mixed stores).",
        ),
    ] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Scores as one JSON object.")] = False,
) -> None:
    """Score stored events against gold: type, country dyad, actor dyad, date, place, factuality."""
    from eventwire.eval import format_report, load_mentions, parse_mention, score_events
    from eventwire.export import gold_record
    from eventwire.store import open_store

    with _errors():
        settings = _settings(db=db)
        _require_store(settings)
        gold_mentions = load_mentions(gold)
        with open_store(settings.db) as store:
            predicted = [parse_mention(gold_record(row)) for row in store.list_events()]
        articles = {m.article for m in gold_mentions} if only_gold_articles else None
        scores = score_events(gold_mentions, predicted, articles=articles)
    if json_out:
        typer.echo(json.dumps(scores.to_dict(), ensure_ascii=False))
    else:
        typer.echo(format_report(scores, title=f"{gold} vs {settings.db}"))


@eval_app.command("prepare")
def eval_prepare(
    name: Annotated[str, typer.Argument(help="Benchmark set: petrarch2-gsr or plover-gsr.")],
    shared: Annotated[Path, typer.Option("--shared", help="The shared data folder.")] = Path(
        "../shared"
    ),
    out: Annotated[Path, typer.Option("--out", help="Folder for records.jsonl and gold.jsonl.")] = (
        Path("build/eval")
    ),
) -> None:
    """Convert a public benchmark set into records to ingest and a gold file to score against."""
    from eventwire.eval import prepare

    with _errors():
        prepared = prepare(name, shared, out / name)
    err.print(
        f"{prepared.name}: {prepared.records} records → {prepared.records_path}; "
        f"{prepared.gold_mentions} gold mentions → {prepared.gold_path} "
        f"({len(prepared.dropped)} source events not convertible)",
        markup=False,
        soft_wrap=True,
    )


@eval_app.command("timex")
def eval_timex(
    folder: Annotated[Path, typer.Argument(help="A folder of TimeML (.tml) files.")],
    json_out: Annotated[bool, typer.Option("--json", help="Scores as one JSON object.")] = False,
) -> None:
    """Score temporal-expression recognition and normalisation, TempEval-3 style (percent)."""
    from eventwire.eval.timex import evaluate_timex_dir, format_timex_report
    from eventwire.nlp.pipeline import load_nlp
    from eventwire.nlp.timex import find_timexes

    with _errors():
        settings = _settings()
        nlp = load_nlp(settings.spacy_model)
        scores = evaluate_timex_dir(folder, lambda text, dct: find_timexes(nlp(text), dct))
    if json_out:
        typer.echo(json.dumps(scores.to_dict(), ensure_ascii=False))
    else:
        typer.echo(format_timex_report(scores))


@eval_app.command("geo")
def eval_geo(
    folder: Annotated[
        Path, typer.Argument(help="A geoparsing gold set, or a folder of them (LGL, TR-News, ...).")
    ],
    json_out: Annotated[bool, typer.Option("--json", help="Scores as one JSON object.")] = False,
) -> None:
    """Score toponym recognition and resolution: recall, country accuracy, accuracy at 161 km."""
    from eventwire.eval.geo import evaluate_geo, format_geo_report, geo_scores_json
    from eventwire.eval.geo_run import OurGeoparser

    with _errors():
        parser = OurGeoparser(_settings())
        scores = evaluate_geo(folder, parser, country_of=parser.country_of)
    if json_out:
        typer.echo(json.dumps(geo_scores_json(scores), ensure_ascii=False))
    else:
        typer.echo(format_geo_report(scores))


@eval_app.command("stories")
def eval_stories(
    folder: Annotated[
        Path, typer.Argument(help="An ECB+ folder: doc_clusters.tsv and xml/<topic>/*.xml.")
    ],
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed", help="Shuffle the documents first (order sensitivity).", show_default=False
        ),
    ] = None,
    text_only: Annotated[
        bool,
        typer.Option("--text-only", help="Link by text alone, without extracted actors/places."),
    ] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Scores as one JSON object.")] = False,
) -> None:
    """Score story clustering against gold document clusters: BCubed and pairwise F1."""
    from eventwire.eval.stories import evaluate_stories, format_cluster_report

    with _errors():
        entities = None if text_only else _story_entities(_settings())
        scores = evaluate_stories(folder, seed=seed, entities=entities)
    if json_out:
        typer.echo(json.dumps(scores.to_dict(), ensure_ascii=False))
    else:
        typer.echo(format_cluster_report(scores))


def _story_entities(settings: Settings) -> Any:
    """Documents through the extraction pipeline: their actor and place ids, as stories use."""
    from eventwire.models import Article, Segment, SegmentKind
    from eventwire.nlp.extract import Extractor
    from eventwire.pipeline import analysis_entities

    extractor = Extractor(settings.spacy_model, batch_size=settings.nlp_batch_size)

    def entities(docs: Any) -> list[tuple[frozenset[str], frozenset[str]]]:
        articles = []
        for doc in docs:
            text = f"{doc.title}\n{doc.text}"
            segment = Segment(SegmentKind.BODY, 0, len(text))
            articles.append(Article(source=doc.id, text=text, segments=(segment,), raw=text))
        found = {a.article_id: analysis_entities(a) for a in extractor.extract(articles)}
        return [found[a.id] for a in articles]

    return entities


@eval_app.command("timeline")
def eval_timeline(
    folder: Annotated[
        Path,
        typer.Argument(
            help="Timeline17 topics (news-tls format): a folder of topic folders, or one, each"
            " with articles.jsonl and timelines.jsonl."
        ),
    ],
    topic: Annotated[
        str | None,
        typer.Option("--topic", help="Only this topic (a folder name).", show_default=False),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Scores as one JSON object.")] = False,
) -> None:
    """Score event timelines against gold timelines: date F1, ROUGE-1/2, and a baseline.

    Baseline: the days most articles were published on. Extraction takes minutes per topic."""
    from eventwire.eval.timelines import (
        PipelineEvents,
        evaluate_timelines,
        format_timeline_report,
    )

    def on_topic(item: Any) -> None:
        err.print(f"{item.name}: {len(item.articles)} articles, extracting…", markup=False)

    with _errors():
        events = PipelineEvents(_settings())
        report = evaluate_timelines(folder, events=events, topic=topic, on_topic=on_topic)
    if json_out:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        typer.echo(format_timeline_report(report))
