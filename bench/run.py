"""``make bench``: throughput on generated corpora, each against a baseline in the same run.

Each measurement runs in its own subprocess (fresh interpreter, fresh store) so that peak memory
is per run. Two sections:

- ingest: the readers alone (decode, clean, segment; nothing stored) as the baseline, against
  full ingest (readers, duplicate detection, the durable store);
- extraction: bare spaCy ``nlp.pipe`` with the same model and processes on the same texts as the
  baseline, against eventwire end to end (ingest, parse, actors, events, store).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus


def _child(mode: str, folder: Path, db: Path, processes: int) -> dict[str, float]:
    if mode in ("spacy", "pipeline", "nodates", "noplaces"):
        return _child_nlp(mode, folder, db, processes)
    if mode == "gazetteer":
        return _child_gazetteer()
    from eventwire.config import load_settings
    from eventwire.ingest import expand_inputs, load_meta, meta_for, read_source
    from eventwire.models import Article
    from eventwire.pipeline import run_ingest
    from eventwire.store import open_store

    settings = load_settings({"db": str(db)}, environ={})
    meta = load_meta(folder / "meta.jsonl")
    start = time.perf_counter()
    if mode == "read":
        count = 0
        for source in expand_inputs([str(folder)]):
            if isinstance(source, str):
                for item in read_source(source, meta=meta_for(source, meta), settings=settings):
                    count += isinstance(item, Article)
    else:
        with open_store(str(db)) as store:
            summary = run_ingest([str(folder)], store=store, settings=settings, meta=meta)
        count = len(summary.outcomes)
    return {"seconds": time.perf_counter() - start, "records": count}


def _child_nlp(mode: str, folder: Path, db: Path, processes: int) -> dict[str, float]:
    from eventwire.config import load_settings

    settings = load_settings({"db": str(db), "nlp_processes": processes}, environ={})
    files = sorted(p for p in folder.glob("*.txt"))
    start = time.perf_counter()
    if mode == "spacy":
        import spacy

        nlp = spacy.load(settings.spacy_model)
        texts = (p.read_text(encoding="utf-8") for p in files)
        count = sum(
            1 for _ in nlp.pipe(texts, batch_size=settings.nlp_batch_size, n_process=processes)
        )
    else:
        from eventwire.ingest import load_meta
        from eventwire.nlp.extract import Extractor
        from eventwire.pipeline import run_extract, run_ingest
        from eventwire.store import open_store

        extractor = Extractor(
            settings.spacy_model,
            batch_size=settings.nlp_batch_size,
            n_process=processes,
            dates=mode != "nodates",
            places=mode != "noplaces",
        )
        with open_store(str(db)) as store:
            meta = load_meta(folder / "meta.jsonl")
            summary = run_ingest([str(folder)], store=store, settings=settings, meta=meta)
            run_extract(store=store, analyser=extractor)
        count = len(summary.outcomes)
    return {"seconds": time.perf_counter() - start, "records": count}


def _build_gazetteer() -> None:
    from eventwire.config import load_settings
    from eventwire.places.gazetteer import Gazetteer

    Gazetteer.open(load_settings({}, environ={}).gazetteer_path).close()


def _child_gazetteer() -> dict[str, float]:
    """Open the installed gazetteer index (built beforehand) and resolve one name: the cost a
    fresh process pays before its first article."""
    from eventwire.config import load_settings
    from eventwire.places.gazetteer import Gazetteer

    path = load_settings({}, environ={}).gazetteer_path
    start = time.perf_counter()
    gazetteer = Gazetteer.open(path)
    opened = time.perf_counter() - start
    gazetteer.lookup("Hanoi")
    first = time.perf_counter() - start
    gazetteer.close()
    return {"seconds": first, "open_seconds": opened, "records": 1}


class _TreeMemory(threading.Thread):
    """Samples the memory of a process and all its descendants every 20 ms (Linux ``/proc``).

    Keeps the peak of the summed resident set (pages shared between spaCy's forked workers and
    their parent counted once per process: an upper bound) and of the summed proportional set
    (each shared page split between its sharers: the memory the job really holds).
    """

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.rss_kb = 0
        self.pss_kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.02):
            rss = pss = 0
            for pid in _descendants(self.pid):
                sizes = _smaps_rollup(pid)
                rss += sizes.get("Rss", 0)
                pss += sizes.get("Pss", 0)
            self.rss_kb, self.pss_kb = max(self.rss_kb, rss), max(self.pss_kb, pss)


def _descendants(pid: int) -> list[int]:
    found = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return found
    for child in children:
        found += _descendants(int(child))
    return found


def _smaps_rollup(pid: int) -> dict[str, int]:
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return {}
    sizes = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        sizes[name] = int(value.split()[0])
    return sizes


def _measure_rss(
    mode: str, folder: Path, workdir: Path, run: int, processes: int = 1
) -> dict[str, float]:
    """Run one child; its peak memory is its own peak RSS read with wait4 (exact, one process)
    or, with spaCy's worker processes, the sampled peak of the whole process tree's summed RSS,
    whichever is larger; the tree's summed PSS peak is kept beside it."""
    db = workdir / f"{mode}-x{processes}-{run}.db"
    cmd = [sys.executable, __file__, "--child", mode, "--folder", str(folder), "--db", str(db)]
    cmd += ["--processes", str(processes)]
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen(cmd, stdout=out)
        sampler = _TreeMemory(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        sampler.done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit(f"benchmark child failed ({proc.returncode}): {' '.join(cmd)}")
        out.seek(0)
        result: dict[str, float] = json.loads(out.read())
    result["peak_rss_mb"] = max(usage.ru_maxrss, sampler.rss_kb) / 1024
    result["peak_pss_mb"] = sampler.pss_kb / 1024
    return result


def _rate(results: dict[str, list[dict[str, float]]], mode: str) -> float:
    return statistics.median(r["records"] / r["seconds"] for r in results[mode])


def _rss(results: dict[str, list[dict[str, float]]], mode: str) -> float:
    return max(r["peak_rss_mb"] for r in results[mode])


def _pss(results: dict[str, list[dict[str, float]]], mode: str) -> float:
    return max(r["peak_pss_mb"] for r in results[mode])


def _report_ingest(n: int, runs: int, results: dict[str, list[dict[str, float]]]) -> str:
    def rate(mode: str) -> float:
        return _rate(results, _key(mode, 1))

    def rss(mode: str) -> float:
        return _rss(results, _key(mode, 1))

    full, base = rate("ingest"), rate("read")
    lines = [
        "<!-- bench:ingest -->",
        "## Ingest throughput",
        "",
        f"Corpus: {n:,} generated wire-style reports (`bench/corpus.py`, seed 7; ~6% copies), "
        f"plain text with a meta.jsonl sidecar. {runs} runs each, alternating, fresh SQLite store "
        f"per run; medians. Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}. Command: `make bench`.",
        "",
        "| what | articles/s (median) | peak RSS |",
        "|---|---:|---:|",
        f"| readers only (baseline: decode, clean, segment) | {base:,.0f} | {rss('read'):.0f} MB |",
        f"| full ingest (readers + dedup + SQLite/FTS5, one transaction per article) "
        f"| {full:,.0f} | {rss('ingest'):.0f} MB |",
        "",
        f"Full ingest runs at {full / base:.2f}× the readers-only baseline.",
        "<!-- /bench:ingest -->",
    ]
    return "\n".join(lines)


def _report_extract(
    n: int,
    words: int,
    runs: int,
    counts: list[int],
    results: dict[str, list[dict[str, float]]],
) -> str:
    first = counts[0]
    ours = _rate(results, _key("pipeline", first))
    rows, ratios = [], []
    for count in counts:
        bare, mine = _key("spacy", count), _key("pipeline", count)
        workers = f"{count} spaCy process{'es' if count > 1 else ''}"
        for key, what in ((bare, "bare spaCy `nlp.pipe` (baseline)"), (mine, "eventwire")):
            rows.append(
                f"| {what}, {workers} | {_rate(results, key):,.1f} | {_rss(results, key):,.0f} MB "
                f"| {_pss(results, key):,.0f} MB |"
            )
        ratio = _rate(results, mine) / _rate(results, bare)
        ratios.append(f"{ratio:.2f}× bare spaCy with {workers} ({ratio:.3f} unrounded)")
    lines = [
        "<!-- bench:extract -->",
        "## Extraction throughput (end to end) against bare spaCy",
        "",
        f"Corpus: {n:,} generated reports of about {words} words (`bench/corpus.py`), "
        f"batch 32, {runs} runs each, alternating; medians. Baseline: bare `nlp.pipe` with the "
        "same model and processes on the same files' text. eventwire: ingest (read, clean, dedup, "
        "store) + parse + actors + events + store, end to end. Memory: the peak of the summed "
        "resident sets of the process and spaCy's forked workers, sampled every 20 ms (pages the "
        "workers share with their parent counted once per process; one process: its exact peak), "
        "and the peak of the summed proportional sets (shared pages split between sharers).",
        "",
        "| what | articles/s (median) | peak RSS | peak PSS |",
        "|---|---:|---:|---:|",
        *rows,
        "",
        f"eventwire end to end runs at {'; at '.join(ratios)} (target ≥ 0.8×, ≤ 1.5 GB peak RSS).",
        f"Resolving event dates (time expressions, `dates=False` as the baseline, {first} "
        f"process: {_rate(results, _key('nodates', first)):,.1f} articles/s) adds "
        f"{100 * (_rate(results, _key('nodates', first)) / ours - 1):.1f}% to end-to-end time "
        "(target ≤ 10%).",
        f"Resolving places (toponyms and event places, `places=False` as the baseline: "
        f"{_rate(results, _key('noplaces', first)):,.1f} articles/s) adds "
        f"{100 * (_rate(results, _key('noplaces', first)) / ours - 1):.1f}% to end-to-end time "
        "(target ≤ 15%).",
        _gazetteer_line(results[_key("gazetteer", first)]),
        "<!-- /bench:extract -->",
    ]
    return "\n".join(lines)


def _key(mode: str, processes: int) -> str:
    return f"{mode}@{processes}"


def _gazetteer_line(runs: list[dict[str, float]]) -> str:
    opened = statistics.median(r["open_seconds"] for r in runs)
    first = statistics.median(r["seconds"] for r in runs)
    return (
        f"The gazetteer index opens in {1000 * opened:.0f} ms and answers its first lookup "
        f"{1000 * first:.0f} ms after the open began (median of {len(runs)} "
        "fresh processes; target < 1 s)."
    )


def write_section(out: Path, section: str) -> None:
    mark = section.split("bench:", 1)[1].split(" ", 1)[0]
    text = out.read_text(encoding="utf-8") if out.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"<!-- bench:{mark} -->.*?<!-- /bench:{mark} -->", re.S)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else text + "\n" + section
    out.write_text(text.rstrip() + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--nlp-reports", type=int, default=150)
    parser.add_argument("--nlp-sentences", type=int, default=40, help="per report (~14 words each)")
    parser.add_argument(
        "--processes",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1, 2],
        help="spaCy process counts for the extraction section, comma-separated (first: the "
        "dates, places and gazetteer lines)",
    )
    parser.add_argument("--only", choices=["ingest", "extract"], default=None)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--child",
        choices=["read", "ingest", "spacy", "pipeline", "nodates", "noplaces", "gazetteer"],
        help=argparse.SUPPRESS,
    )
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.folder, args.db, args.processes[0])))
        return
    sections = []
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        workdir = Path(tmp)
        if args.only in (None, "ingest"):
            folder = workdir / "corpus"
            corpus.write(corpus.generate(args.reports), folder)
            results = _series([("read", 1), ("ingest", 1)], folder, workdir, args.runs)
            sections.append(_report_ingest(args.reports, args.runs, results))
        if args.only in (None, "extract"):
            folder = workdir / "long"
            reports = corpus.generate(args.nlp_reports, seed=11, length=args.nlp_sentences)
            corpus.write(reports, folder)
            words = sum(len(r.text.split()) for r in reports) // max(len(reports), 1)
            _build_gazetteer()  # once, outside the timed runs (it is built at first use)
            counts = args.processes
            jobs = [(mode, counts[0]) for mode in ("nodates", "noplaces", "gazetteer")]
            jobs += [(mode, count) for count in counts for mode in ("spacy", "pipeline")]
            results = _series(jobs, folder, workdir, args.runs)
            sections.append(_report_extract(args.nlp_reports, words, args.runs, counts, results))
    for section in sections:
        print(section)
        if args.out is not None:
            write_section(args.out, section)


def _series(
    jobs: list[tuple[str, int]], folder: Path, workdir: Path, runs: int
) -> dict[str, list[dict[str, float]]]:
    """Run each (mode, processes) job `runs` times, alternating; keyed `mode@processes`."""
    results: dict[str, list[dict[str, float]]] = {_key(*job): [] for job in jobs}
    for run in range(runs):
        for mode, processes in jobs:
            result = _measure_rss(mode, folder, workdir, run, processes)
            results[_key(mode, processes)].append(result)
            rate = result["records"] / result["seconds"]
            print(
                f"run {run} {mode} x{processes}: {rate:,.1f}/s {result['peak_rss_mb']:.0f} MB RSS "
                f"{result['peak_pss_mb']:.0f} MB PSS",
                file=sys.stderr,
            )
    return results


if __name__ == "__main__":
    main()
