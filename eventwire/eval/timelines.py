"""Score event timelines against Timeline17 gold timelines, beside a publication-date baseline.

**Data** (news-tls layout): ``DIR`` is one topic folder or holds several. A topic folder has
``articles.jsonl`` (one article a line: ``id``, ``time`` = publication date ``YYYY-MM-DD``,
``text`` PTB-tokenised with one sentence a line) and ``timelines.jsonl`` (one gold timeline a
line: ``[["YYYY-MM-DD", ["sentence", ...]], ...]``).

**Protocol** (after news-tls, Ghalandari & Ifrim 2020). For each gold timeline with ``k`` dates
and ``s`` sentences: only the articles published inside its span (first to last gold date) are
used, only dates inside the span may be chosen, and the prediction has at most ``k`` dates with
at most ``m`` sentences each, ``m`` = ``s / k`` rounded half up (at least 1).

**Our timeline.** The topic's articles are ingested into a temporary store with their
publication dates, extracted, fused and put in date order (``fuse`` → ``timeline``). A date is
weighed by how many distinct reports give it as the date of an event they state (a date the text
gives: an event reported in the present tense with no time stated is dated to its report's day,
which says nothing the publication date does not), then by all reports, then by mentions, then
the earlier date; the ``k`` heaviest are kept. Only events dated to one day count: an event
dated to a week, month, year or range of days names no day and contributes nothing, and neither
does a negated or hypothetical event (nothing is said to have happened). A date's summary is
taken from the evidence sentences of its events, most-reported event first (ties: more mentions,
then id),
one sentence per event in turn (each event's earliest report first), skipping near-duplicates
(word-set Jaccard ≥ 0.6), until ``m`` are taken.

**Baseline.** The ``k`` dates on which most articles were published (ties: the earlier date),
each summarised by the first ``m`` sentences of its first article (in file order), as long as
ours may be. Beside ours it shows whether the dates events are reported to happen on beat the
dates reports appear on, and whether event evidence makes better summaries than leads. An event
dated by tense alone (no time stated)
is dated to its report's publication day, so our dates lean towards publication days too.

**Metrics**, per gold timeline:

* **dates**: precision, recall and F1 of exact day matches between predicted and gold dates;
* **ROUGE-N, concatenated** (N = 1, 2): all predicted sentences against all gold sentences,
  dates ignored. Matches are clipped n-gram counts (the sum over n-grams of the smaller of the
  two counts); precision divides them by the predicted n-grams, recall by the gold ones;
* **ROUGE-N, date-aligned (exact date)**: n-grams match only between the predicted and the gold
  summary of the *same* day (a date on one side only matches nothing); matches are summed over
  all dates and divided by all predicted (precision) and all gold (recall) n-grams. This is not
  Martschat & Markert's (2017) "align" family, which also credits summaries of nearby dates,
  weighted by their distance, under an optimal date alignment: we could not check our reading of
  its definition, so only the strict exact-date form is given.

Tokens: PTB escapes are undone first (``-LRB-`` → ``(``, ````` and ``''`` → ``"``, ``do n't``
→ ``don't``), then lower-cased runs of letters and digits are the words: no stemming, no stopword
removal. N-grams do not cross sentence boundaries. With several gold timelines for a topic, each
is scored on its own and the topic's figures are their mean; the overall mean is over topics.
The figures are not comparable with published tilse/pyrouge ROUGE (other tokenisation, no
stemming, exact-date alignment).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.eval.rouge import NONE, Overlap, f1, overlap, words
from eventwire.eval.timeline_sets import (
    DatedSummary,
    DatedTimeline,
    Topic,
    TopicArticle,
    read_timeline17,
)
from eventwire.link.fusion import FusedEvent, fuse
from eventwire.link.timeline import TimelineEntry, timeline
from eventwire.models import Factuality

if TYPE_CHECKING:
    from eventwire.config import Settings
    from eventwire.nlp.extract import Extractor

log = logging.getLogger(__name__)

NEAR_DUPLICATE = 0.6  # word-set Jaccard at which two summary sentences say the same
NOT_HAPPENED = frozenset({Factuality.NEGATED, Factuality.HYPOTHETICAL})
SYSTEMS = ("events", "baseline")


# --- metrics ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimelineScores:
    """A predicted timeline against one gold timeline. ROUGE tuples hold ROUGE-1 and ROUGE-2."""

    gold_dates: int
    predicted_dates: int
    matched_dates: int
    concatenated: tuple[Overlap, Overlap]
    aligned: tuple[Overlap, Overlap]  # date-aligned (exact date)
    predicted_days: tuple[dt.date, ...]

    @property
    def date_precision(self) -> float:
        return self.matched_dates / self.predicted_dates if self.predicted_dates else 0.0

    @property
    def date_recall(self) -> float:
        return self.matched_dates / self.gold_dates if self.gold_dates else 0.0

    @property
    def date_f1(self) -> float:
        return f1(self.date_precision, self.date_recall)

    def figures(self) -> dict[str, float]:
        """The headline ratios, by name (see ``FIGURES``)."""
        out = {
            "date_precision": self.date_precision,
            "date_recall": self.date_recall,
            "date_f1": self.date_f1,
        }
        for n, (concat, aligned) in enumerate(
            zip(self.concatenated, self.aligned, strict=True), start=1
        ):
            out[f"rouge{n}_concat_f1"] = concat.f1
            out[f"rouge{n}_aligned_f1"] = aligned.f1
        return out

    def to_dict(self) -> dict[str, object]:
        """Counts as they are, ratios rounded to 4 decimals, the predicted dates in ISO form."""
        out: dict[str, object] = {
            "gold_dates": self.gold_dates,
            "predicted_dates": self.predicted_dates,
            "matched_dates": self.matched_dates,
            "days": [day.isoformat() for day in self.predicted_days],
        }
        out.update({name: round(value, 4) for name, value in self.figures().items()})
        for kind, pair in (("concat", self.concatenated), ("aligned", self.aligned)):
            for n, o in enumerate(pair, start=1):
                out[f"rouge{n}_{kind}"] = {
                    "matched": o.matched,
                    "predicted": o.predicted,
                    "gold": o.gold,
                    "precision": round(o.precision, 4),
                    "recall": round(o.recall, 4),
                }
        return out


FIGURES = (
    "date_precision",
    "date_recall",
    "date_f1",
    "rouge1_concat_f1",
    "rouge2_concat_f1",
    "rouge1_aligned_f1",
    "rouge2_aligned_f1",
)


def score_timeline(predicted: DatedTimeline, gold: DatedTimeline) -> TimelineScores:
    """Dates, concatenated and date-aligned (exact date) ROUGE-1/2, as the module describes."""
    ours, theirs = set(predicted.days), set(gold.days)
    all_ours = [s for e in predicted.entries for s in e.sentences]
    all_theirs = [s for e in gold.entries for s in e.sentences]
    concatenated = (overlap(all_ours, all_theirs, 1), overlap(all_ours, all_theirs, 2))
    aligned = tuple(
        sum((overlap(predicted.at(day), gold.at(day), n) for day in sorted(ours | theirs)), NONE)
        for n in (1, 2)
    )
    return TimelineScores(
        gold_dates=len(theirs),
        predicted_dates=len(ours),
        matched_dates=len(ours & theirs),
        concatenated=concatenated,
        aligned=(aligned[0], aligned[1]),
        predicted_days=predicted.days,
    )


# --- the two systems --------------------------------------------------------------------------


def event_timeline(
    entries: Sequence[TimelineEntry],
    dates: int,
    per_date: int,
    *,
    span: tuple[dt.date, dt.date] | None = None,
) -> DatedTimeline:
    """Our timeline from timeline entries: the ``dates`` days the most reports give as the date of
    events they state (a present tense dated to its report's day counts only to break ties), each
    with up to ``per_date`` evidence sentences (see the module docstring)."""
    by_day: dict[dt.date, list[FusedEvent]] = {}
    for entry in entries:
        f = entry.event
        if f.date_precision != "day" or f.interval is None or f.factuality in NOT_HAPPENED:
            continue
        day = f.interval[0]
        if span is None or span[0] <= day <= span[1]:
            by_day.setdefault(day, []).append(f)

    def weight(day: dt.date) -> tuple[int, int, int, dt.date]:
        events = by_day[day]
        reports = {s.event.article_id for f in events for s in f.evidence}
        stated = {  # a date the text gives, not a present tense dated to its report's day
            s.event.article_id
            for f in events
            for s in f.evidence
            if s.event.date is not None and s.event.date.derivation != "tense"
        }
        return -len(stated), -len(reports), -sum(f.mentions for f in events), day

    chosen = sorted(sorted(by_day, key=weight)[:dates])
    return DatedTimeline(tuple(DatedSummary(d, _summary(by_day[d], per_date)) for d in chosen))


def _summary(events: Sequence[FusedEvent], size: int) -> tuple[str, ...]:
    """One evidence sentence per event in turn, most-reported first, near-duplicates skipped."""
    ranked = sorted(events, key=lambda f: (-f.articles, -f.mentions, f.id))
    queues = [[" ".join(s.event.sentence.text.split()) for s in f.evidence] for f in ranked]
    picked: list[str] = []
    seen: list[set[str]] = []
    for turn in range(max((len(q) for q in queues), default=0)):
        for queue in queues:
            if len(picked) == size:
                return tuple(picked)
            if turn >= len(queue):
                continue
            bag = set(words(queue[turn]))
            if bag and not any(_jaccard(bag, other) >= NEAR_DUPLICATE for other in seen):
                picked.append(queue[turn])
                seen.append(bag)
    return tuple(picked)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def publication_timeline(
    articles: Sequence[TopicArticle],
    dates: int,
    per_date: int = 1,
    *,
    span: tuple[dt.date, dt.date] | None = None,
) -> DatedTimeline:
    """The baseline: the ``dates`` days the most articles were published on (ties: earlier), each
    with the first ``per_date`` sentences of its first article (in the order given), so that it
    says as much per date as our timeline may."""
    inside = [a for a in articles if span is None or span[0] <= a.published <= span[1]]
    counts = Counter(a.published for a in inside)
    chosen = sorted(sorted(counts, key=lambda d: (-counts[d], d))[:dates])
    first: dict[dt.date, TopicArticle] = {}
    for article in inside:
        if article.sentences:
            first.setdefault(article.published, article)
    entries = (DatedSummary(d, first[d].sentences[:per_date] if d in first else ()) for d in chosen)
    return DatedTimeline(tuple(entries))


# --- running ----------------------------------------------------------------------------------

EventSource = Callable[[Sequence[TopicArticle]], list[FusedEvent]]
"""The fused events of a topic's articles, as the extraction pipeline finds them."""


@dataclass(frozen=True, slots=True)
class TopicResult:
    """One topic: the articles used, and each system's scores against each gold timeline."""

    name: str
    articles: int
    events: tuple[TimelineScores, ...]
    baseline: tuple[TimelineScores, ...]

    def scores(self, system: str) -> tuple[TimelineScores, ...]:
        """A system's scores by name: ``events`` or ``baseline``."""
        if system not in SYSTEMS:
            raise ValueError(f"no system {system!r}: one of {', '.join(SYSTEMS)}")
        return self.events if system == "events" else self.baseline

    def figures(self, system: str) -> dict[str, float]:
        """A system's headline figures, the mean over the topic's gold timelines."""
        return _mean([s.figures() for s in self.scores(system)])


@dataclass(frozen=True, slots=True)
class TimelineReport:
    topics: tuple[TopicResult, ...]

    def mean(self, system: str) -> dict[str, float]:
        """A system's headline figures averaged over topics."""
        return _mean([t.figures(system) for t in self.topics])

    def to_dict(self) -> dict[str, object]:
        return {
            "topics": [
                {
                    "topic": t.name,
                    "articles": t.articles,
                    **{system: [s.to_dict() for s in t.scores(system)] for system in SYSTEMS},
                }
                for t in self.topics
            ],
            "mean": {
                system: {k: round(v, 4) for k, v in self.mean(system).items()} for system in SYSTEMS
            },
        }


def evaluate_topic(topic: Topic, events: EventSource) -> TopicResult:
    """Both systems on one topic, against each of its gold timelines."""
    spans = [g.span for g in topic.gold if g.span is not None]
    first, last = min(s[0] for s in spans), max(s[1] for s in spans)
    articles = [a for a in topic.articles if first <= a.published <= last]
    entries = timeline(events(articles), undated=False)
    ours, base = [], []
    for gold in topic.gold:
        k, m = len(gold.entries), gold.sentences_per_date
        ours.append(score_timeline(event_timeline(entries, k, m, span=gold.span), gold))
        base.append(score_timeline(publication_timeline(articles, k, m, span=gold.span), gold))
    return TopicResult(topic.name, len(articles), tuple(ours), tuple(base))


def evaluate_timelines(
    path: Path,
    *,
    events: EventSource,
    topic: str | None = None,
    on_topic: Callable[[Topic], None] | None = None,
) -> TimelineReport:
    """Read the topics under ``path`` (or only ``topic``), run both systems and score them."""
    results = []
    for item in read_timeline17(path, topic=topic):
        if on_topic is not None:
            on_topic(item)
        results.append(evaluate_topic(item, events))
        log.info("timeline %s: %d articles scored", item.name, results[-1].articles)
    return TimelineReport(tuple(results))


class PipelineEvents:
    """Our pipeline as an ``EventSource``: each topic's articles are ingested (as JSON Lines
    records with their publication dates) into a temporary SQLite store, extracted and fused.
    The spaCy pipeline is loaded on first use and kept for the next topic."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._extractor: Extractor | None = None

    def __call__(self, articles: Sequence[TopicArticle]) -> list[FusedEvent]:
        from eventwire.nlp.extract import Extractor
        from eventwire.pipeline import run_extract, run_ingest
        from eventwire.store import open_store

        s = self.settings
        if self._extractor is None:
            self._extractor = Extractor(
                s.spacy_model,
                batch_size=s.nlp_batch_size,
                n_process=s.nlp_processes,
                gazetteer=s.gazetteer_path,
            )
        with tempfile.TemporaryDirectory(prefix="eventwire-timeline-") as tmp:
            records = Path(tmp) / "records.jsonl"
            write_records(records, articles)
            with open_store(str(Path(tmp) / "topic.db")) as store:
                ingest = run_ingest([str(records)], store=store, settings=s)
                extract = run_extract(store=store, analyser=self._extractor, stories=False)
                log.info("ingest: %s; extract: %s", ingest.describe(), extract.describe())
                return fuse(store.list_events())


def write_records(path: Path, articles: Iterable[TopicArticle]) -> None:
    """Articles as JSON Lines records for the ingest readers: one sentence a paragraph."""
    with path.open("w", encoding="utf-8") as handle:
        for a in articles:
            record = {
                "id": a.id,
                "published": a.published.isoformat(),
                "text": "\n\n".join(a.sentences),
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


# --- output -----------------------------------------------------------------------------------

_COLUMNS = ("date P", "date R", "date F1", "R1 cat", "R2 cat", "R1 day", "R2 day")


def format_timeline_report(report: TimelineReport) -> str:
    """A plain-text table: each topic and the mean, ours (events) above the baseline."""
    width = max([len("mean"), *(len(t.name) for t in report.topics)])
    head = f"{'topic':<{width}} {'articles':>8}  {'system':<8} {'dates':>6}"
    lines = [
        f"Timeline17, {_count(len(report.topics), 'topic')}: k = gold dates; summaries of up to the"
        " gold average of sentences a date (both systems)",
        "F1 unless marked; ROUGE on lower-cased words, no stemming; cat = concatenated,"
        " day = date-aligned (exact date)",
        head + "".join(f"{c:>8}" for c in _COLUMNS),
    ]
    for t in report.topics:
        for system in SYSTEMS:
            scores = t.scores(system)
            dates = f"{sum(s.matched_dates for s in scores)}/{sum(s.gold_dates for s in scores)}"
            first = system == SYSTEMS[0]
            label = f"{t.name:<{width}} {t.articles:>8}" if first else " " * (width + 9)
            lines.append(_row(label, system, dates, t.figures(system)))
    for system in SYSTEMS:
        label = f"{'mean' if system == SYSTEMS[0] else '':<{width}} {'':>8}"
        lines.append(_row(label, system, "", report.mean(system)))
    return "\n".join(lines)


def _row(label: str, system: str, dates: str, figures: dict[str, float]) -> str:
    values = "".join(f"{figures[name]:>8.3f}" for name in FIGURES)
    return f"{label}  {system:<8} {dates:>6}{values}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _mean(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    return {name: sum(r[name] for r in rows) / len(rows) if rows else 0.0 for name in FIGURES}
