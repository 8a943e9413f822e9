"""``make bench``: ingest throughput on a generated corpus, against a baseline in the same run.

Each measurement runs in its own subprocess (fresh interpreter, fresh store) so that peak memory
is per run. The baseline is the readers alone (decode, clean, segment; nothing stored), so the
ratio shows what duplicate detection and the durable store cost on top of reading.
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
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402  (the bench folder is not a package)

MARK = "ingest"


def _child(mode: str, folder: Path, db: Path) -> dict[str, float]:
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


def _measure_rss(mode: str, folder: Path, workdir: Path, run: int) -> dict[str, float]:
    """Run one child and read its own peak RSS with wait4 (not the children's running maximum)."""
    db = workdir / f"{mode}-{run}.db"
    cmd = [sys.executable, __file__, "--child", mode, "--folder", str(folder), "--db", str(db)]
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen(cmd, stdout=out)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit(f"benchmark child failed ({proc.returncode}): {' '.join(cmd)}")
        out.seek(0)
        result: dict[str, float] = json.loads(out.read())
    result["peak_rss_mb"] = usage.ru_maxrss / 1024
    return result


def _report(n: int, runs: int, results: dict[str, list[dict[str, float]]]) -> str:
    def rate(mode: str) -> float:
        return statistics.median(r["records"] / r["seconds"] for r in results[mode])

    def rss(mode: str) -> float:
        return max(r["peak_rss_mb"] for r in results[mode])

    full, base = rate("ingest"), rate("read")
    lines = [
        f"<!-- bench:{MARK} -->",
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
        f"<!-- /bench:{MARK} -->",
    ]
    return "\n".join(lines)


def _write(out: Path, section: str) -> None:
    text = out.read_text(encoding="utf-8") if out.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"<!-- bench:{MARK} -->.*?<!-- /bench:{MARK} -->", re.S)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else text + "\n" + section
    out.write_text(text.rstrip() + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--child", choices=["read", "ingest"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.folder, args.db)))
        return
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        workdir = Path(tmp)
        folder = workdir / "corpus"
        corpus.write(corpus.generate(args.reports), folder)
        results: dict[str, list[dict[str, float]]] = {"read": [], "ingest": []}
        for run in range(args.runs):
            for mode in ("read", "ingest"):
                result = _measure_rss(mode, folder, workdir, run)
                results[mode].append(result)
                print(f"run {run} {mode}: {result['records'] / result['seconds']:,.0f}/s "
                      f"{result['peak_rss_mb']:.0f} MB", file=sys.stderr)  # fmt: skip
    section = _report(args.reports, args.runs, results)
    print(section)
    if args.out is not None:
        _write(args.out, section)


if __name__ == "__main__":
    main()
