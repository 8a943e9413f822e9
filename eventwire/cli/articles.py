"""Commands over reports and their events: ingest, extract, articles, show, events, export."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from eventwire.cli.common import (
    EXIT_ALL_REJECTED,
    DbOption,
    JsonOption,
    _errors,
    _existing_store,
    _full_ids,
    _jsonable,
    _parse_date,
    _progress,
    _require_store,
    _settings,
    app,
    err,
)
from eventwire.config import Settings
from eventwire.models import (
    DateSource,
    IngestOutcome,
    IngestStatus,
    SegmentKind,
    SourceMeta,
)

if TYPE_CHECKING:
    from eventwire.store.events import StoredEvent


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


NamedOnlyOption = Annotated[
    bool,
    typer.Option(
        "--named-only",
        help="Leave out sides the text does not name (the unnamed actor of the report's country "
        "that stands in for them, ids starting unnamed:).",
    ),
]


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
    named: NamedOnlyOption = False,
) -> None:
    """List extracted event mentions: who did what to whom, with factuality and evidence."""
    from eventwire.export import gold_record

    with _errors(), _existing_store(db) as store:
        article_ids = [store.get_article(article).id] if article else None
        actor_ids = None
        if actor is not None:
            actor_ids = [a.id for a in store.find_actors(actor)]
        rows = store.list_events(
            article_ids=article_ids, actor_ids=actor_ids, types=event_type, limit=limit
        )
    rows = _named_only(rows) if named else rows
    if json_out:
        for row in rows:
            typer.echo(json.dumps(gold_record(row), ensure_ascii=False))
        return
    out = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
    for row in rows:
        out.print(_event_line(row), markup=False, soft_wrap=True)
    if not rows:
        err.print("no events", markup=False)


def _named_only(rows: list[StoredEvent]) -> list[StoredEvent]:
    return [dataclasses.replace(row, event=row.event.named_only()) for row in rows]


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
    named: NamedOnlyOption = False,
) -> None:
    """Export every stored event mention in an exchange format."""
    from eventwire.export import ExportFormat, write_export

    try:
        chosen = ExportFormat(fmt.lower())
    except ValueError as exc:
        names = ", ".join(f.value for f in ExportFormat)
        raise typer.BadParameter(f"{fmt!r} is not one of {names}", param_hint="--format") from exc
    with _errors():
        with _existing_store(db) as store:
            rows = store.list_events()
        rows = _named_only(rows) if named else rows
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

    with _errors(), _existing_store(db) as store:
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

    with _errors(), _existing_store(db) as store:
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
