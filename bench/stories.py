"""Story clustering: add latency as the index grows, and (optionally) the ECB+ test figures.

Latency: invented reports (pseudo-words, Zipf-distributed background vocabulary, story-specific
words and capitalised names, one date per report moving forward through a year) are added to one
``StoryIndex``; when it holds 1k, 10k and 100k reports the next ``--probe`` adds are timed one
by one. The reports are generated before timing starts. Run from the repository root::

    .venv/bin/python bench/stories.py                 # latency up to 100k reports
    .venv/bin/python bench/stories.py --ecbplus ../shared/benchmarks/stories/ecbplus_test

``--ecbplus`` adds the ECB+ test split in sorted order, in three shuffled orders, and the
one-cluster-per-topic baseline (a report, not a place to choose settings).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import random
import statistics
import string
import sys
import time
from pathlib import Path

from eventwire.link.stories import StoryDoc, StoryIndex

START = dt.date(2024, 1, 1)
DAYS = 365
VOCABULARY = 40_000
STORY_WORDS = 15
BODY_WORDS = 80
STORY_SHARE = 0.3  # share of body words drawn from the story's own words
NEW_STORY = 0.12  # chance that a report opens a new story
STORY_DAYS = 14  # a report that continues a story picks one opened at most this many days ago


class Generator:
    """Reproducible invented reports; ``report(i, total)`` is the i-th of ``total``."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words = self._words(VOCABULARY)
        self.cumulative = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(VOCABULARY)))
        self.stories: list[tuple[list[str], list[str]]] = []
        self.opened: list[int] = []  # the day each story opened, ascending

    def _words(self, count: int) -> list[str]:
        seen: set[str] = set()
        while len(seen) < count:
            size = self.rng.randint(4, 9)
            seen.add("".join(self.rng.choices(string.ascii_lowercase, k=size)))
        return sorted(seen)

    def _story(self) -> tuple[list[str], list[str]]:
        specific = self.rng.sample(self.words, STORY_WORDS)
        names = [" ".join(w.capitalize() for w in self.rng.sample(self.words, 2)) for _ in range(2)]
        return specific, names

    def report(self, number: int, total: int) -> tuple[StoryDoc, int]:
        """The report and the number of the story it was written for."""
        rng = self.rng
        offset = DAYS * number // total
        if not self.stories or rng.random() < NEW_STORY:
            self.stories.append(self._story())
            self.opened.append(offset)
        recent = bisect.bisect_left(self.opened, offset - STORY_DAYS)
        story = rng.randrange(min(recent, len(self.stories) - 1), len(self.stories))
        specific, names = self.stories[story]
        own = rng.choices(specific, k=int(BODY_WORDS * STORY_SHARE))
        background = rng.choices(self.words, cum_weights=self.cumulative, k=BODY_WORDS - len(own))
        body = own + background
        rng.shuffle(body)
        sentences = [" ".join(body[i : i + 16]) for i in range(0, len(body), 16)]
        text = f"the {names[0]} said. " + ". ".join(sentences) + f", with {names[1]}."
        title = " ".join([*rng.sample(specific, 4), "for", names[0]])
        day = START + dt.timedelta(days=offset)
        return StoryDoc(id=f"r{number:06d}", title=title, text=text, published=day), story


def latency(checkpoints: list[int], probe: int, seed: int) -> list[tuple[int, list[float]]]:
    """Per checkpoint: the latencies (ms) of the ``probe`` adds made once the index holds it."""
    total = max(checkpoints) + probe
    generator = Generator(seed)
    started = time.perf_counter()
    generated = [generator.report(i, total) for i in range(total)]
    reports = [doc for doc, _ in generated]
    print(f"generated {total:,} reports in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    index = StoryIndex()
    results: list[tuple[int, list[float]]] = []
    started = time.perf_counter()
    position = 0
    for checkpoint in sorted(checkpoints):
        for doc in reports[position:checkpoint]:
            index.add(doc)
        timings = []
        for doc in reports[checkpoint : checkpoint + probe]:
            before = time.perf_counter()
            index.add(doc)
            timings.append(1000 * (time.perf_counter() - before))
        position = checkpoint + probe
        results.append((checkpoint, timings))
        elapsed = time.perf_counter() - started
        print(
            f"  {checkpoint:,} reports indexed: {len(index.stories()):,} stories found,"
            f" {len({story for _, story in generated[:position]}):,} written, {elapsed:.0f} s",
            file=sys.stderr,
        )
    return results


def format_latency(results: list[tuple[int, list[float]]], probe: int) -> str:
    lines = [
        f"Story index: add latency (ms) over {probe} adds at each size",
        f"{'reports':>10}{'median':>10}{'p95':>10}{'max':>10}",
    ]
    for size, timings in results:
        ordered = sorted(timings)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        lines.append(
            f"{size:>10,}{statistics.median(ordered):>10.2f}{p95:>10.2f}{ordered[-1]:>10.2f}"
        )
    return "\n".join(lines)


def ecbplus(path: Path) -> str:
    from eventwire.eval.stories import (
        evaluate_stories,
        format_cluster_report,
        read_ecbplus,
        score_clusters,
        topic_baseline,
    )

    items = read_ecbplus(path)
    gold = {doc.id: cluster for doc, cluster in items}
    sections = [format_cluster_report(evaluate_stories(path), title="ECB+ test, ids sorted")]
    for seed in (1, 2, 3):
        scores = evaluate_stories(path, seed=seed)
        sections.append(format_cluster_report(scores, title=f"ECB+ test, shuffled (seed {seed})"))
    baseline = score_clusters(topic_baseline(items), gold)
    sections.append(format_cluster_report(baseline, title="baseline: one cluster per topic"))
    return "\n\n".join(sections)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated sizes")
    parser.add_argument("--probe", type=int, default=200, help="timed adds at each size")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--ecbplus", type=Path, default=None, help="ECB+ test folder")
    parser.add_argument("--no-latency", action="store_true")
    args = parser.parse_args()
    if not args.no_latency:
        sizes = [int(size) for size in args.sizes.split(",")]
        print(format_latency(latency(sizes, args.probe, args.seed), args.probe))
    if args.ecbplus is not None:
        print()
        print(ecbplus(args.ecbplus))


if __name__ == "__main__":
    main()
