"""End-to-end tests through the real command line (subprocesses, real SQLite files)."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli

pytestmark = pytest.mark.slow


def _articles(db: Path, *extra: str) -> list[dict[str, object]]:
    result = run_cli("articles", "--db", str(db), "--json", "--limit", "1000", *extra)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_seeds_are_stored_once_with_dates_titles_and_captions(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "seeds.db"
    seeds = shared / "seeds"
    lines = (seeds / "meta.jsonl").read_text(encoding="utf-8").splitlines()
    meta = {json.loads(line)["file"]: json.loads(line) for line in lines}

    first = run_cli("ingest", str(seeds), "--meta", str(seeds / "meta.jsonl"), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "2 new, 0 duplicate" in first.stderr

    rows = _articles(db)
    assert len(rows) == 2
    by_file = {Path(str(r["source"])).name: r for r in rows}
    assert set(by_file) == set(meta)
    for name, row in by_file.items():
        assert row["published"] == meta[name]["published"]
        assert row["title"] == meta[name]["title"]
        shown = run_cli("show", str(row["id"]), "--db", str(db), "--json")
        assert shown.returncode == 0, shown.stderr
        article = json.loads(shown.stdout)["article"]
        captions = [s for s in article["segments"] if s["kind"] == "caption"]
        assert captions, f"{name}: no caption segment"
        for seg in captions:
            assert "Credit:" in article["text"][seg["start"] : seg["end"]]
        body = [
            article["text"][s["start"] : s["end"]]
            for s in article["segments"]
            if s["kind"] == "body"
        ]
        assert not any("Credit:" in b for b in body)

    second = run_cli("ingest", str(seeds), "--meta", str(seeds / "meta.jsonl"), "--db", str(db))
    assert second.returncode == 0, second.stderr
    assert "0 new, 2 duplicate" in second.stderr
    assert len(_articles(db)) == 2


def test_examples_detect_the_near_duplicate_and_search_works(tmp_path: Path) -> None:
    db = tmp_path / "ex.db"
    reports = EXAMPLES / "reports"
    result = run_cli(
        "ingest", str(reports), "--meta", str(reports / "meta.jsonl"), "--db", str(db), "--json"
    )
    assert result.returncode == 0, result.stderr
    outcomes = [json.loads(line) for line in result.stdout.splitlines()]
    statuses = [o["status"] for o in outcomes]
    assert statuses.count("near-duplicate") == 1, outcomes
    near = next(o for o in outcomes if o["status"] == "near-duplicate")
    assert near["duplicate_of"] in {o["article_id"] for o in outcomes if o["status"] == "new"}
    assert 0.8 <= near["similarity"] < 1.0

    stored = _articles(db)
    assert len(stored) == statuses.count("new")
    original = next(r for r in stored if r["id"] == near["duplicate_of"])
    assert original["n_copies"] == 1

    word = str(original["title"]).split()[-1]
    hits = _articles(db, "--search", word)
    assert original["id"] in {h["id"] for h in hits}


def test_bad_inputs_are_named_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(
        "Ministers meet\n\nThe foreign ministers of Chile and Peru met in Lima on Friday to "
        "discuss a dispute over fishing rights, officials said.\n",
        encoding="utf-8",
    )
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    missing = tmp_path / "missing.txt"
    db = tmp_path / "bad.db"

    result = run_cli("ingest", str(good), str(empty), str(binary), str(missing), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "1 new" in result.stderr and "3 rejected" in result.stderr
    for path, reason in ((empty, "empty"), (binary, "binary"), (missing, "unreadable")):
        line = next(ln for ln in result.stderr.splitlines() if str(path) in ln)
        assert reason in line
    assert len(_articles(db)) == 1

    only_bad = run_cli("ingest", str(empty), str(binary), "--db", str(db))
    assert only_bad.returncode == 3, only_bad.stderr
    assert len(_articles(db)) == 1


def test_usage_and_lookup_errors_have_their_exit_codes(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    usage = run_cli("ingest", str(tmp_path), "--published", "24/02/2019", "--db", str(db))
    assert usage.returncode == 2
    assert "--published" in usage.stderr
    no_store = run_cli("show", "ffffffff", "--db", str(db))
    assert no_store.returncode == 1
    assert "no store here" in no_store.stderr and not db.exists()
    report = tmp_path / "r.txt"
    report.write_text("Talks resume\n\n" + "Envoys met again in Geneva on Friday. " * 3, "utf-8")
    assert run_cli("ingest", str(report), "--db", str(db), "--no-extract").returncode == 0
    missing = run_cli("show", "ffffffff", "--db", str(db))
    assert missing.returncode == 1
    assert "ffffffff" in missing.stderr
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("this is not a database\n" * 100, encoding="utf-8")
    broken = run_cli("articles", "--db", str(not_a_db))
    assert broken.returncode == 1
    assert "error" in broken.stderr.lower()


def _write_corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        paragraphs = [
            f"Report number {i} on regional talks",
            f"Delegations from {i % 7 + 2} neighbouring states met on Tuesday in round {i} "
            f"of talks about water sharing, port fees and border number {i * 13 % 97}.",
            f"Officials said item {i} of the agenda, about rail link {i * 7 % 101}, was settled "
            f"while the question of customs post {i * 31 % 89} remains open.",
        ]
        (folder / f"r{i:04d}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def _stored_ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as con:
        return [row[0] for row in con.execute("SELECT id FROM articles")]


def test_kill_mid_ingest_keeps_committed_articles_and_rerun_finishes(tmp_path: Path) -> None:
    n = 2000
    folder = tmp_path / "corpus"
    _write_corpus(folder, n)
    db = tmp_path / "kill.db"
    cmd = [sys.executable, "-m", "eventwire", "ingest", str(folder), "--db", str(db)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            time.sleep(0.05)
            if db.exists() and proc.poll() is None:
                try:
                    if len(_stored_ids(db)) >= 20:
                        break
                except sqlite3.OperationalError:
                    continue  # schema not created yet
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "ingest finished before it could be killed"

    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        partial = con.execute("SELECT id, text FROM articles").fetchall()
    assert 20 <= len(partial) < n
    for article_id, text in partial:
        assert text.strip(), f"{article_id} stored without text"

    rerun = run_cli("ingest", str(folder), "--db", str(db))
    assert rerun.returncode == 0, rerun.stderr
    assert f"{n - len(partial)} new, {len(partial)} duplicate" in rerun.stderr
    assert len(set(_stored_ids(db))) == n
    shown = run_cli("show", partial[0][0], "--db", str(db), "--json")
    assert shown.returncode == 0, shown.stderr


def test_eval_timex_scores_a_timeml_folder(tmp_path: Path) -> None:
    folder = tmp_path / "tml"
    folder.mkdir()
    (folder / "one.tml").write_text(
        '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>one</DOCID>\n'
        '<DCT><TIMEX3 tid="t0" type="DATE" value="2021-03-05" temporalFunction="false" '
        'functionInDocument="CREATION_TIME">2021-03-05</TIMEX3></DCT>\n<TEXT>\n'
        'The envoys met on <TIMEX3 tid="t1" type="DATE" value="2021-03-03">Wednesday</TIMEX3> '
        "and will meet again "
        '<TIMEX3 tid="t2" type="DATE" value="2021-04">next month</TIMEX3>.\n</TEXT>\n</TimeML>\n',
        encoding="utf-8",
    )
    result = run_cli("eval", "timex", str(folder), "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    for key in ("strict_f1", "relaxed_f1", "value_f1", "type_accuracy"):
        assert scores[key] == 100.0, scores
