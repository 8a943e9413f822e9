"""Briefings: a short, extractive summary of a story from several reports, every line cited.

A briefing has three parts:

1. **key events**: the story's fused events with a date, those told by the most reports first
   (then in time order), each as its timeline line with the reports that state it;
2. **summary**: a few sentences taken verbatim from the reports' narrative text. Sentences are
   scored by how central they are to the story (TF-IDF cosine to the other reports' sentences:
   what several reports say is what the story is about), with a bonus for sentences that state
   a key event, and picked greedily with a penalty for repeating what is already picked. Each is
   cited to every report that carries (nearly) the same sentence;
3. **sources**: the numbered reports, with outlet, date and path or URL.

Nothing is generated: every sentence is a report's own words.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from eventwire.link.fusion import FusedEvent
from eventwire.link.text import tokenize
from eventwire.link.timeline import TimelineEntry, timeline
from eventwire.models import Article, SegmentKind

MAX_EVENTS = 5
MAX_SENTENCES = 5
MIN_WORDS = 6  # shorter sentences rarely say anything on their own
SAME_SENTENCE = 0.6  # word-set Jaccard at which two reports carry the same sentence
REDUNDANCY = 0.7  # how much similarity to a picked sentence costs
EVENT_BONUS = 0.25  # for a sentence that states one of the key events


@dataclass(frozen=True, slots=True)
class Report:
    """One report of the story: its narrative sentences (with offsets) and where it came from."""

    article_id: str
    source: str
    url: str | None
    outlet: str | None
    published: dt.date | None
    sentences: tuple[tuple[int, int, str], ...]  # start, end, text


@dataclass(frozen=True, slots=True)
class BriefSentence:
    text: str
    reports: tuple[int, ...]  # 1-based numbers into ``Brief.reports``


@dataclass(frozen=True, slots=True)
class Brief:
    title: str
    key_events: tuple[tuple[TimelineEntry, tuple[int, ...]], ...]
    summary: tuple[BriefSentence, ...]
    reports: tuple[Report, ...]


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


def report_of(article: Article) -> Report:
    """A stored article as a briefing reads it: the sentences of its body paragraphs (titles,
    captions, bylines and boilerplate are never quoted), split at sentence ends."""
    sentences = []
    for seg in article.segments:
        if seg.kind is not SegmentKind.BODY:
            continue
        text = article.text[seg.start : seg.end]
        start = 0
        for match in [*_SENTENCE_END.finditer(text), None]:
            end = match.start() if match else len(text)
            piece = text[start:end].strip()
            if piece:
                offset = seg.start + start + (len(text[start:end]) - len(text[start:end].lstrip()))
                sentences.append((offset, offset + len(piece), piece))
            if match:
                start = match.end()
    return Report(
        article.id,
        article.source,
        article.url,
        article.outlet,
        article.published,
        tuple(sentences),
    )


def brief(title: str, reports: Sequence[Report], fused: Sequence[FusedEvent]) -> Brief:
    """The briefing of one story from its reports and their fused events."""
    ordered = sorted(reports, key=lambda r: (r.published or dt.date.max, r.source))
    number = {r.article_id: i for i, r in enumerate(ordered, start=1)}
    key = _key_events(fused)
    entries = timeline(key, undated=False)
    key_events = tuple((entry, _numbers(entry.event, number)) for entry in entries)
    stating = {(e.event.article_id, e.event.sentence.start) for f in key for e in f.evidence}
    summary = _summary(ordered, number, stating)
    return Brief(title, key_events, tuple(summary), tuple(ordered))


def _key_events(fused: Sequence[FusedEvent]) -> list[FusedEvent]:
    dated = [f for f in fused if f.date is not None]
    dated.sort(key=lambda f: (-f.articles, -f.mentions, f.interval or (dt.date.max, dt.date.max)))
    return dated[:MAX_EVENTS]


def _numbers(event: FusedEvent, number: dict[str, int]) -> tuple[int, ...]:
    return tuple(sorted({number[a] for e in event.evidence if (a := e.event.article_id) in number}))


def _summary(
    reports: Sequence[Report], number: dict[str, int], stating: set[tuple[str, int]]
) -> list[BriefSentence]:
    sentences = [
        (r.article_id, start, text, Counter(tokenize(text)))
        for r in reports
        for start, _end, text in r.sentences
        if len(text.split()) >= MIN_WORDS
    ]
    if not sentences:
        return []
    df: Counter[str] = Counter()
    for *_rest, bag in sentences:
        df.update(set(bag))
    n = len(sentences)
    vectors = [_tfidf(bag, df, n) for *_rest, bag in sentences]
    several = len({s[0] for s in sentences}) > 1
    scores = []
    for i, (article, start, _text, _bag) in enumerate(sentences):
        others = [  # what the other reports say (or, with one report, the rest of it)
            _cosine(vectors[i], vectors[j])
            for j, other in enumerate(sentences)
            if (other[0] != article if several else j != i)
        ]
        centrality = sum(others) / len(others) if others else 0.0
        bonus = EVENT_BONUS if (article, start) in stating else 0.0
        scores.append(centrality + bonus)
    picked: list[int] = []
    while len(picked) < MAX_SENTENCES:
        best, best_value = None, -math.inf
        for i in range(n):
            if i in picked or any(_same(sentences[i][3], sentences[j][3]) for j in picked):
                continue
            penalty = max((_cosine(vectors[i], vectors[j]) for j in picked), default=0.0)
            value = scores[i] - REDUNDANCY * penalty
            if value > best_value:
                best, best_value = i, value
        if best is None or best_value <= 0:
            break
        picked.append(best)
    picked.sort(key=lambda i: (number[sentences[i][0]], sentences[i][1]))
    out = []
    for i in picked:
        carriers = {
            number[article] for article, _s, _t, bag in sentences if _same(bag, sentences[i][3])
        }
        out.append(BriefSentence(sentences[i][2], tuple(sorted(carriers))))
    return out


def _tfidf(bag: Counter[str], df: Counter[str], n: int) -> dict[str, float]:
    return {t: (1 + math.log(c)) * math.log((1 + n) / (1 + df[t])) for t, c in bag.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _same(a: Counter[str], b: Counter[str]) -> bool:
    sa, sb = set(a), set(b)
    union = sa | sb
    return bool(union) and len(sa & sb) / len(union) >= SAME_SENTENCE


def _cite(numbers: Sequence[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def brief_markdown(b: Brief) -> str:
    """The briefing as Markdown: heading, key events, summary, numbered sources."""
    lines = [f"## {b.title}", ""]
    if b.key_events:
        lines += ["**Key events**", ""]
        lines += [f"- {e.when} — {e.text}{_flag(e)} {_cite(n)}" for e, n in b.key_events]
        lines.append("")
    if b.summary:
        lines += ["**Summary**", ""]
        lines += [f"{s.text} {_cite(s.reports)}" for s in b.summary]
        lines.append("")
    lines += ["**Sources**", ""]
    for i, r in enumerate(b.reports, start=1):
        when = r.published.isoformat() if r.published else "undated"
        where = r.url or r.source
        lines.append(f"{i}. {r.outlet or 'unknown outlet'}, {when}: {where}")
    return "\n".join(lines) + "\n"


def _flag(entry: TimelineEntry) -> str:
    return f" ({entry.status})" if entry.status else ""


def brief_json(b: Brief) -> dict[str, object]:
    return {
        "title": b.title,
        "key_events": [
            {"when": e.when, "text": e.text, "status": e.status or None, "reports": list(n)}
            for e, n in b.key_events
        ],
        "summary": [{"text": s.text, "reports": list(s.reports)} for s in b.summary],
        "reports": [
            {
                "n": i,
                "article_id": r.article_id,
                "source": r.source,
                "url": r.url,
                "outlet": r.outlet,
                "published": r.published.isoformat() if r.published else None,
            }
            for i, r in enumerate(b.reports, start=1)
        ],
    }
