"""Commands over linked records: stories, timelines, briefings and actor profiles."""

from __future__ import annotations

import enum
import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from eventwire.cli.common import (
    EXIT_USAGE,
    DbOption,
    _errors,
    _existing_store,
    app,
    err,
)
from eventwire.errors import NotFoundError


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

    with _errors(), _existing_store(db) as store:
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

    chosen = [x for x in (story, actor, query) if x is not None]
    if len(chosen) != 1:
        err.print("error: give exactly one of --story, --actor, --query", markup=False)
        raise typer.Exit(EXIT_USAGE)
    with _errors(), _existing_store(db) as store:
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

    with _errors(), _existing_store(db) as store:
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

    with _errors(), _existing_store(db) as store:
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
