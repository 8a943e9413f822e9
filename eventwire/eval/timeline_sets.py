"""Timeline17 topics as news-tls lays them out: the reports (``articles.jsonl``) and the gold
timelines (``timelines.jsonl``), read into plain records; bad files name themselves."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import EventwireError
from eventwire.eval.rouge import detokenize

ARTICLES_FILE = "articles.jsonl"
TIMELINES_FILE = "timelines.jsonl"


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
