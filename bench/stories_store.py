"""Stories in the store: the cost of adding one report to a store that holds 100,000 reports'
stories, index add plus saving what changed, as ``run_extract`` does it.

The invented reports of ``bench/stories.py`` (same generator and seed) are stored as articles,
put into one ``StoryIndex`` and saved in one go; the store is then reopened (as a later run
would), the index loaded from it, and the next ``--probe`` reports are added one by one, each
followed by saving its changes (the per-report figure), then another ``--probe`` in batches of
``--batch`` (the per-report share of a batch save, as the pipeline saves). Also reported: the size
of the saved index, next to the size of the whole state as one JSON document, which is what a
store would have to rewrite per batch if it kept the state whole. Run from the repository root::

    .venv/bin/python bench/stories_store.py                 # 100,000 reports, about 5 minutes
    .venv/bin/python bench/stories_store.py --size 10000    # a quick look
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stories import Generator

from eventwire.link.stories import StoryDoc, StoryEntities, StoryIndex
from eventwire.models import Article, Segment, SegmentKind
from eventwire.pipeline import story_doc
from eventwire.store import Store, open_store
from eventwire.store.connect import connect
from eventwire.store.records import article_values
from eventwire.store.schema import articles, story_states, story_terms


def _article(doc: StoryDoc) -> Article:
    segments = (Segment(SegmentKind.BODY, 0, len(doc.text)),)
    return Article(
        source=f"bench/{doc.id}.txt",
        text=doc.text,
        segments=segments,
        raw=doc.text,
        title=doc.title,
        published=doc.published,
    )


def _store_articles(db: str, batch: list[Article]) -> None:
    """Insert the articles in one transaction (the store's own add_article is one per article)."""
    engine, _ = connect(db)
    now = dt.datetime.now(dt.UTC)
    try:
        with engine.begin() as conn:
            start = conn.execute(select(func.coalesce(func.max(articles.c.seq), 0))).scalar_one()
            rows = [
                {**article_values(a, None, now), "seq": start + i + 1} for i, a in enumerate(batch)
            ]
            conn.execute(insert(articles), rows)
    finally:
        engine.dispose()


def _save(store: Store, index: StoryIndex) -> None:
    changes = index.take_changes()
    store.save_story_changes(changes, [index.story(state.id) for _, state in changes.stories])


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _figures(label: str, timings: list[float]) -> str:
    ordered = sorted(1000 * t for t in timings)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return (
        f"{label:<38}{statistics.median(ordered):>9.1f}{p95:>9.1f}{ordered[-1]:>9.1f}"
        f"  ms (median, p95, max of {len(ordered)})"
    )


def run(size: int, probe: int, batch: int, seed: int, folder: Path) -> list[str]:
    total = size + 2 * probe
    generator = Generator(seed)
    stored = [_article(generator.report(i, total)[0]) for i in range(total)]
    docs = [story_doc(article, StoryEntities()) for article in stored]
    db = str(folder / "stories.db")
    open_store(db).close()
    out = [f"Stories in the store: {size:,} reports stored, then {probe} added one by one"]
    seconds = _timed(lambda: _store_articles(db, stored))
    print(f"stored {total:,} articles in {seconds:.0f} s", file=sys.stderr)

    index = StoryIndex()
    seconds = _timed(lambda: [index.add(doc) for doc in docs[:size]])
    print(f"indexed {size:,} reports in {seconds:.0f} s", file=sys.stderr)
    whole = json.dumps(index.export_state().to_dict())
    with open_store(db) as store:
        seconds = _timed(lambda: _save(store, index))
    out.append(f"first save of the whole index: {seconds:.1f} s")

    with open_store(db) as store:  # a later run: load, then add and save
        loaded: list[StoryIndex] = []
        seconds = _timed(lambda: loaded.append(_load(store)))
        reloaded = loaded[0]
        out.append(f"loading the index from the store: {seconds:.1f} s ({len(reloaded):,} reports)")
        adds, saves, both = [], [], []
        for doc in docs[size : size + probe]:
            add = _timed(lambda doc=doc: reloaded.add(doc))
            save = _timed(lambda: _save(store, reloaded))
            adds.append(add)
            saves.append(save)
            both.append(add + save)
        per_report = []
        rest = docs[size + probe :]
        for start in range(0, len(rest), batch):
            chunk = rest[start : start + batch]
            seconds = _timed(lambda chunk=chunk: [reloaded.add(doc) for doc in chunk])
            seconds += _timed(lambda: _save(store, reloaded))
            per_report.extend([seconds / len(chunk)] * len(chunk))
        out.append(f"{'':<38}{'median':>9}{'p95':>9}{'max':>9}")
        out.append(_figures("index add", adds))
        out.append(_figures("save of one report's changes", saves))
        out.append(_figures("add + save, one report", both))
        out.append(_figures(f"add + save in batches of {batch}, per report", per_report))
        out.append(_sizes(db, whole, len(reloaded)))
    return out


def _load(store: Store) -> StoryIndex:
    state = store.load_story_state()
    if state is None:
        raise SystemExit("no story index was saved")
    return StoryIndex.from_state(state)


def _sizes(db: str, whole: str, reports: int) -> str:
    engine, _ = connect(db)
    try:
        with engine.connect() as conn:
            n_stories, data = conn.execute(
                select(func.count(), func.sum(func.length(story_states.c.data)))
            ).one()
            n_terms = conn.execute(select(func.count()).select_from(story_terms)).scalar_one()
    finally:
        engine.dispose()
    return (
        f"saved index at {reports:,} reports: {n_stories:,} story rows ({data / 1e6:.1f} MB of "
        f"JSON, {data / n_stories / 1e3:.1f} kB each), {n_terms:,} term rows; the whole state "
        f"as one JSON document: {len(whole) / 1e6:.1f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000, help="reports stored first")
    parser.add_argument("--probe", type=int, default=200, help="timed reports (each way)")
    parser.add_argument("--batch", type=int, default=50, help="reports per save when batched")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=None, help="write the section into this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eventwire-stories-") as folder:
        lines = run(args.size, args.probe, args.batch, args.seed, Path(folder))
    print("\n".join(lines))
    if args.out is not None:
        from run import write_section

        section = [
            "<!-- bench:stories -->",
            "## Story linking: one report added to a store of many",
            "",
            f"`bench/stories_store.py`: {args.size:,} generated reports indexed and saved first, "
            f"then {args.probe} more added one at a time (index add, then saving what changed, "
            "one transaction each); times in ms unless marked. Target: under 200 ms median at "
            "100,000.",
            "",
            "```",
            *lines,
            "```",
            "<!-- /bench:stories -->",
        ]
        write_section(args.out, "\n".join(section))


if __name__ == "__main__":
    main()
