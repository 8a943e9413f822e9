"""The benchmark scripts still run against today's code (at a tiny size: these are not timings)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
