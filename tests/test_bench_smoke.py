"""The benchmark scripts still run against today's code (at a tiny size: these are not timings)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO


def _run(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_story_store_benchmark_runs(tmp_path: Path) -> None:
    out = _run(
        str(REPO / "bench" / "stories_store.py"),
        "--size", "60", "--probe", "4", "--batch", "2",
        cwd=tmp_path,
    )  # fmt: skip
    assert "added" in out or "ms" in out


def test_the_ingest_benchmark_runs(tmp_path: Path) -> None:
    out = _run(
        str(REPO / "bench" / "run.py"), "--only", "ingest", "--reports", "30", "--runs", "1",
        cwd=tmp_path,
    )  # fmt: skip
    assert "articles/s" in out


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux /proc")
def test_the_memory_sampler_counts_the_children_of_the_measured_process() -> None:
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    # The parent holds little; its forked child fills 200 MB of its own and waits to be sampled.
    script = (
        "import os, time\n"
        "if os.fork() == 0:\n"
        "    block = bytearray(200 * 2**20); time.sleep(1.0); os._exit(0)\n"
        "os.wait()\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script])
    sampler = bench._TreeMemory(proc.pid)
    sampler.start()
    proc.wait(timeout=60)
    sampler.done.set()
    sampler.join()
    assert sampler.rss_kb / 1024 > 200
    assert 200 < sampler.pss_kb / 1024 <= sampler.rss_kb / 1024
