"""``eventwire eval``: scoring the system against gold files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from eventwire.cli.common import (
    DbOption,
    _errors,
    _require_store,
    _settings,
    app,
    err,
)
from eventwire.config import Settings
from eventwire.models import (
    Article,
    SegmentKind,
)

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
    name: Annotated[
        str,
        typer.Argument(
            help="Benchmark set: petrarch2-gsr, plover-gsr, halterman-verbs or realnews-d."
        ),
    ],
    shared: Annotated[Path, typer.Option("--shared", help="The shared data folder.")] = Path(
        "../shared"
    ),
    out: Annotated[Path, typer.Option("--out", help="Folder for records.jsonl and gold.jsonl.")] = (
        Path("build/eval")
    ),
) -> None:
    """Convert a public benchmark set into records to ingest and a gold file to score against."""
    from eventwire.eval import prepare
    from eventwire.eval.realnews import SET_NAME, prepare_realnews
    from eventwire.eval.verbs import prepare_verbs

    if name == SET_NAME:
        with _errors():
            news = prepare_realnews(shared, out / name)
        halves = ", ".join(
            f"{part} {news.gold_paths[part]} ({n})" for part, n in news.mentions.items()
        )
        err.print(
            f"{name}: {news.reports} reports → {news.reports_dir} (meta {news.meta_path}); "
            f"gold mentions: {halves}",
            markup=False,
            soft_wrap=True,
        )
        return
    if name == VERBS_SET:
        with _errors():
            verbs = prepare_verbs(shared, out / name)
        err.print(
            f"{name}: {verbs.records} records → {verbs.records_path}; "
            f"{verbs.verbs} marked verbs → {verbs.verbs_path}",
            markup=False,
            soft_wrap=True,
        )
        return
    with _errors():
        prepared = prepare(name, shared, out / name)
    err.print(
        f"{prepared.name}: {prepared.records} records → {prepared.records_path}; "
        f"{prepared.gold_mentions} gold mentions → {prepared.gold_path} "
        f"({len(prepared.dropped)} source events not convertible)",
        markup=False,
        soft_wrap=True,
    )


VERBS_SET = "halterman-verbs"


@eval_app.command("verbs")
def eval_verbs(
    verbs: Annotated[
        Path,
        typer.Argument(help="verbs.jsonl written by `eventwire eval prepare halterman-verbs`."),
    ],
    db: DbOption = None,
    part: Annotated[
        str | None,
        typer.Option("--part", help="Score one half only: dev (read for errors) or held."),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Scores as one JSON object.")] = False,
) -> None:
    """Event detection recall: how many verbs others marked as political events in news
    sentences have an event of ours at them."""
    from eventwire.eval.verbs import HALVES, FoundEvent, format_verb_recall, load_verbs, score_verbs
    from eventwire.store import open_store

    if part is not None and part not in HALVES:
        raise typer.BadParameter(f"--part must be one of {', '.join(HALVES)}")
    with _errors():
        settings = _settings(db=db)
        _require_store(settings)
        marked = load_verbs(verbs)
        with open_store(settings.db) as store:
            texts = {_record(a.source): a.text for a in store.iter_articles()}
            found = [
                FoundEvent(
                    _record(row.article_source),
                    row.event.trigger.start,
                    row.event.trigger.end,
                    row.event.code.type,
                )
                for row in store.list_events()
            ]
        scores = score_verbs(marked, found, texts, part=part)
    if json_out:
        typer.echo(json.dumps(scores.to_dict(), ensure_ascii=False))
    else:
        typer.echo(format_verb_recall(scores, title=f"{verbs} vs {settings.db}"))


def _record(source: str) -> str:
    """The record id of an article ingested from a JSON Lines file (``<path>#<id>``)."""
    return source.rsplit("#", 1)[-1]


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
    """Documents through the extraction pipeline: their actor and place ids and stated days, as
    stories use."""
    from eventwire.models import Segment
    from eventwire.nlp.extract import Extractor
    from eventwire.pipeline import analysis_entities

    extractor = Extractor(settings.spacy_model, batch_size=settings.nlp_batch_size)

    def entities(docs: Any) -> list[Any]:
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
