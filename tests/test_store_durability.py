"""A writer killed with SIGKILL mid-run leaves every committed article whole and no partial one."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_articles import minhash_for, numbered_article

from eventwire.store import open_store

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
N = 1500  # articles the writer stores; a full run takes about a second
KILL_AFTER = 150  # committed articles (markers) before the kill

WRITER = """
import sys
sys.path[:0] = [{repo!r}, {tests!r}]
from eventwire.store import open_store
from store_articles import minhash_for, numbered_article

db, markers, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open_store(db) as store, open(markers, "a", encoding="utf-8") as out:
    for i in range(n):
        article = numbered_article(i)
        created = store.add_article(article, minhash=minhash_for(i))
        out.write(f"{{i}} {{article.id}} {{int(created)}}\\n")  # only after the commit
        out.flush()
"""


def run_writer(script: Path, db: Path, markers: Path, n: int = N) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTWIRE_")}
    return subprocess.Popen(
        [sys.executable, str(script), str(db), str(markers), str(n)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def read_markers(markers: Path) -> list[tuple[int, str, bool]]:
    if not markers.exists():
        return []
    lines = markers.read_text(encoding="utf-8").splitlines()
    complete = [line.split() for line in lines if line.count(" ") == 2]
    return [(int(i), article_id, flag == "1") for i, article_id, flag in complete]


def check_sqlite_integrity(db: Path) -> int:
    """PRAGMA integrity_check and the FTS5 index check; the number of indexed documents."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        return int(conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0])


def writer_script(tmp_path: Path) -> Path:
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(repo=str(REPO), tests=str(TESTS)), encoding="utf-8")
    return script


@pytest.mark.slow
def test_sigkill_mid_run_then_rerun_completes_the_set(tmp_path: Path) -> None:
    script = writer_script(tmp_path)
    db, markers = tmp_path / "store.db", tmp_path / "markers.txt"

    proc = run_writer(script, db, markers)
    deadline = time.monotonic() + 30
    while len(read_markers(markers)) < KILL_AFTER:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() < deadline, "the writer made no progress"
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    if proc.stderr:
        proc.stderr.close()
    committed = read_markers(markers)
    assert KILL_AFTER <= len(committed) < N, "killed too late to test anything"

    # Every committed article is there, complete and searchable; nothing half-written.
    assert check_sqlite_integrity(db) in (len(committed), len(committed) + 1)
    expected = {numbered_article(i).id: i for i in range(N)}
    with open_store(str(db)) as store:
        stored = store.count_articles()
        assert stored in (len(committed), len(committed) + 1)  # + one committed, not yet marked
        for i, article_id, created in committed:
            assert created
            record = store.get_article(article_id)
            assert record.article == numbered_article(i)
            assert record.article.content_hash.startswith(record.id)
            hits = store.list_articles(search=f"kilo{i:05d}")
            assert [h.id for h in hits] == [article_id]
        rows = store.list_articles(limit=N)
        assert {r.id for r in rows} <= expected.keys()
        assert len(rows) == stored

    # Re-running finishes the job: nothing stored twice, every article there once.
    markers.unlink()
    proc = run_writer(script, db, markers)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()
    rerun = read_markers(markers)
    assert len(rerun) == N
    assert sum(created for _, _, created in rerun) == N - stored
    assert check_sqlite_integrity(db) == N
    with open_store(str(db)) as store:
        assert store.count_articles() == N
        assert {r.id for r in store.list_articles(limit=N + 1)} == expected.keys()
        minhashes = dict(store.iter_minhashes())  # also pages through more than one batch
        assert len(minhashes) == N
        assert all(minhashes[article_id] == minhash_for(i) for article_id, i in expected.items())


@pytest.mark.slow
def test_two_writers_at_once_store_each_article_once(tmp_path: Path) -> None:
    script, db, n = writer_script(tmp_path), tmp_path / "store.db", 500
    open_store(str(db)).close()  # both writers find the schema in place
    procs = [run_writer(script, db, tmp_path / f"markers-{k}.txt", n) for k in range(2)]
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err.decode()  # no "database is locked"
    created = [m for k in range(2) for m in read_markers(tmp_path / f"markers-{k}.txt")]
    assert len(created) == 2 * n
    assert sum(flag for _, _, flag in created) == n  # each article created by exactly one
    assert check_sqlite_integrity(db) == n
    with open_store(str(db)) as store:
        assert store.count_articles() == n
