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
import math
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.errors import EventwireError
from eventwire.link.fusion import FusedEvent, fuse
from eventwire.link.timeline import TimelineEntry, timeline
from eventwire.models import Factuality

if TYPE_CHECKING:
    from eventwire.config import Settings
    from eventwire.nlp.extract import Extractor

log = logging.getLogger(__name__)

ARTICLES_FILE = "articles.jsonl"
TIMELINES_FILE = "timelines.jsonl"
NEAR_DUPLICATE = 0.6  # word-set Jaccard at which two summary sentences say the same
NOT_HAPPENED = frozenset({Factuality.NEGATED, Factuality.HYPOTHETICAL})
SYSTEMS = ("events", "baseline")


class TimelineEvalError(EventwireError):
    """A Timeline17 folder or file cannot be read (missing, bad JSON, bad date); names the path."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


# --- records ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TopicArticle:
    """One source article: its id, publication date and sentences (PTB escapes undone)."""

    id: str
    published: dt.date
    sentences: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DatedSummary:
    day: dt.date
    sentences: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DatedTimeline:
    """A timeline as scored: one summary per day, in date order (gold or predicted)."""

    entries: tuple[DatedSummary, ...]

    @property
    def days(self) -> tuple[dt.date, ...]:
        return tuple(e.day for e in self.entries)

    @property
    def sentences(self) -> int:
        return sum(len(e.sentences) for e in self.entries)

    @property
    def span(self) -> tuple[dt.date, dt.date] | None:
        return (self.entries[0].day, self.entries[-1].day) if self.entries else None

    @property
    def sentences_per_date(self) -> int:
        """The gold average of sentences per date, rounded half up (at least 1)."""
        if not self.entries:
            return 1
        return max(1, math.floor(self.sentences / len(self.entries) + 0.5))

    def at(self, day: dt.date) -> tuple[str, ...]:
        return next((e.sentences for e in self.entries if e.day == day), ())


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    articles: tuple[TopicArticle, ...]  # in file order
    gold: tuple[DatedTimeline, ...]


# --- reading ----------------------------------------------------------------------------------


def read_timeline17(path: Path, *, topic: str | None = None) -> list[Topic]:
    """The topics under ``path`` (a topic folder, or a folder of them), sorted by name; only
    ``topic`` when given. Raises ``TimelineEvalError`` when nothing or a bad file is found."""
    folder = Path(path)
    if (folder / ARTICLES_FILE).is_file():
        found = [folder]
    elif folder.is_dir():
        found = sorted(p for p in folder.iterdir() if (p / ARTICLES_FILE).is_file())
    else:
        raise TimelineEvalError(folder, "no such folder")
    if not found:
        raise TimelineEvalError(folder, f"no topic folders (with {ARTICLES_FILE}) here")
    if topic is not None:
        names = [p.name for p in found]
        found = [p for p in found if p.name == topic]
        if not found:
            raise TimelineEvalError(folder, f"no topic {topic!r} (topics: {', '.join(names)})")
    return [read_topic(p) for p in found]


def read_topic(folder: Path) -> Topic:
    """One topic folder: its articles and gold timelines."""
    articles = tuple(
        _read_article(path, n, row) for path, n, row in _json_lines(folder / ARTICLES_FILE)
    )
    gold = tuple(
        _read_timeline(path, n, row) for path, n, row in _json_lines(folder / TIMELINES_FILE)
    )
    if not gold:
        raise TimelineEvalError(folder / TIMELINES_FILE, "no gold timeline")
    return Topic(folder.name, articles, gold)


def _json_lines(path: Path) -> Iterable[tuple[Path, int, object]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise TimelineEvalError(path, f"cannot read ({exc})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield path, number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise TimelineEvalError(path, f"line {number}: not valid JSON ({exc.msg})") from exc


def _day(path: Path, number: int, value: object) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise TimelineEvalError(path, f"line {number}: not a date: {value!r}") from exc


def _read_article(path: Path, number: int, row: object) -> TopicArticle:
    if not isinstance(row, dict) or not isinstance(row.get("text"), str) or "time" not in row:
        raise TimelineEvalError(path, f"line {number}: not an article with 'time' and 'text'")
    lines = (detokenize(line) for line in row["text"].split("\n"))
    sentences = tuple(line for line in lines if line)
    return TopicArticle(str(row.get("id", number)), _day(path, number, row["time"]), sentences)


def _read_timeline(path: Path, number: int, row: object) -> DatedTimeline:
    if not isinstance(row, list):
        raise TimelineEvalError(path, f"line {number}: not a list of [date, sentences]")
    days: dict[dt.date, list[str]] = {}
    for item in row:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[1], list)):
            raise TimelineEvalError(path, f"line {number}: an entry is not [date, [sentences]]")
        sentences = [detokenize(str(s)) for s in item[1]]
        days.setdefault(_day(path, number, item[0]), []).extend(s for s in sentences if s)
    if not days:
        raise TimelineEvalError(path, f"line {number}: a timeline with no dates")
    entries = (DatedSummary(day, tuple(days[day])) for day in sorted(days))
    return DatedTimeline(tuple(entries))


# --- text -------------------------------------------------------------------------------------

_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
        "``": '"', "''": '"'}  # fmt: skip
_GLUE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "..."})
_GLUE_AFTER = frozenset({"(", "[", "{", "$"})
_CLITIC = re.compile(r"(?i)'(?:s|re|ve|ll|d|m)?|n't")
_WORD = re.compile(r"[^\W_]+")


def detokenize(line: str) -> str:
    """PTB-tokenised text back to ordinary spacing: ``-LRB- 1,100 -RRB- do n't`` →
    ``(1,100) don't``. Text that is not tokenised passes through (whitespace collapsed)."""
    out: list[str] = []
    glue_next = False
    quote_open = False
    for token in line.split():
        word = _PTB.get(token, token)
        glue = glue_next or not out
        glue_next = False
        if word == '"':
            glue = glue or quote_open
            glue_next = not quote_open
            quote_open = not quote_open
        elif word in _GLUE_BEFORE or _CLITIC.fullmatch(word):
            glue = True
        elif word in _GLUE_AFTER:
            glue_next = True
        out.append(word if glue else " " + word)
    return "".join(out)


def words(text: str) -> list[str]:
    """The scored tokens: PTB escapes undone, lower-cased runs of letters and digits."""
    return _WORD.findall(detokenize(text).lower())


def ngrams(sentences: Iterable[str], n: int) -> Counter[tuple[str, ...]]:
    """The n-grams of each sentence (none crosses a sentence boundary), counted."""
    counts: Counter[tuple[str, ...]] = Counter()
    for sentence in sentences:
        tokens = words(sentence)
        counts.update(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return counts


# --- metrics ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Overlap:
    """Clipped n-gram matches, and the predicted and gold n-gram totals they are a share of."""

    matched: int
    predicted: int
    gold: int

    def __add__(self, other: Overlap) -> Overlap:
        return Overlap(
            self.matched + other.matched, self.predicted + other.predicted, self.gold + other.gold
        )

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


NONE = Overlap(0, 0, 0)


def overlap(predicted: Sequence[str], gold: Sequence[str], n: int) -> Overlap:
    """ROUGE-N counts of predicted sentences against gold sentences."""
    ours, theirs = ngrams(predicted, n), ngrams(gold, n)
    matched = sum(min(count, theirs[gram]) for gram, count in ours.items())
    return Overlap(matched, sum(ours.values()), sum(theirs.values()))


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
        return _f1(self.date_precision, self.date_recall)

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


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0
