"""`eventwire stories` end to end: the invented example reports group into the stories they were
written as, a re-run changes no story, and a report ingested by a later command joins the story
an earlier command stored.

Expected grouping of ``examples/reports`` (see examples/README.md): 01 and 02 are the Norwegian
prime minister's visit to Chile, before and after (one story of two reports); 07 is a syndicated
copy of 03, so it is not stored as an article of its own but recorded as a copy of 03, and shows
in 03's story as such; 03, 04, 05 and 06 are four unrelated happenings (a story each). That is
five stories, newest first: 06, 05, 03, 01+02, 04.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, MODEL, run_cli

pytestmark = pytest.mark.slow

REPORTS = EXAMPLES / "reports"
META = REPORTS / "meta.jsonl"


@pytest.fixture(autouse=True)
def _model() -> None:
    if importlib.util.find_spec(MODEL) is None:
        pytest.skip(f"spaCy model {MODEL} is not installed (extraction makes the stories)")


def _ingest(db: Path, *inputs: Path) -> None:
    result = run_cli("ingest", *map(str, inputs), "--meta", str(META), "--db", str(db))
    assert result.returncode == 0, result.stderr


def _stories(db: Path, *extra: str) -> list[dict[str, Any]]:
    result = run_cli("stories", "--db", str(db), "--json", *extra)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def _files(story: dict[str, Any], key: str = "articles") -> list[str]:
    return [Path(source).name[:2] for source in story[key]]


def _tables(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    tables = ("stories", "story_articles", "story_states", "story_terms", "link_state")
    with sqlite3.connect(db) as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}


def test_the_examples_group_into_the_stories_they_were_written_as(tmp_path: Path) -> None:
    db = tmp_path / "ex.db"
    _ingest(db, REPORTS)
    stories = _stories(db)
    assert [_files(s) for s in stories] == [["06"], ["05"], ["03"], ["01", "02"], ["04"]]
    assert [_files(s, "copies") for s in stories] == [[], [], ["07"], [], []]
    visit = stories[3]
    assert (visit["first"], visit["last"], visit["n_articles"]) == ("2024-04-14", "2024-04-17", 2)
    assert (
        visit["urls"][0]
        == "https://news.example.org/2024/04/14/norwegian-prime-minister-sets-off-for-chile"
    )
    # the title describes the story's most reported event: who, what, where, when
    assert visit["title"].startswith("Ingrid Solhaug visits Chile")
    assert "Santiago" in visit["title"]
    assert visit["title"].endswith(", 2024-04-14–17")

    text = run_cli("stories", "--db", str(db))
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0].split() == ["id", "dates", "reports", "title"]
    assert any(visit["id"] in line and "2024-04-14–17" in line for line in lines)
    assert len(_stories(db, "--limit", "2")) == 2


def test_a_rerun_changes_no_story(tmp_path: Path) -> None:
    db = tmp_path / "again.db"
    _ingest(db, REPORTS)
    before = _tables(db)
    _ingest(db, REPORTS)  # every report a duplicate now: nothing to extract
    for args in (("extract",), ("extract", "--force")):
        result = run_cli(*args, "--db", str(db))
        assert result.returncode == 0, result.stderr
    assert _tables(db) == before


def test_a_report_ingested_later_joins_the_stored_story(tmp_path: Path) -> None:
    db = tmp_path / "later.db"
    _ingest(db, REPORTS / "01-norway-chile-visit-preview.txt")
    (first,) = _stories(db)
    _ingest(
        db,
        REPORTS / "02-chile-norway-accord-signed.txt",
        REPORTS / "04-kenya-tanzania-maize-row.txt",
    )
    stories = _stories(db)
    assert [_files(s) for s in stories] == [["01", "02"], ["04"]]
    assert stories[0]["id"] == first["id"]


def test_stories_of_a_missing_or_empty_store(tmp_path: Path) -> None:
    missing = run_cli("stories", "--db", str(tmp_path / "nope.db"))
    assert missing.returncode == 1
    assert "no store here" in missing.stderr
    db = tmp_path / "empty.db"
    result = run_cli(
        "ingest", str(REPORTS / "04-kenya-tanzania-maize-row.txt"), "--db", str(db), "--no-extract"
    )
    assert result.returncode == 0, result.stderr
    empty = run_cli("stories", "--db", str(db))
    assert (empty.returncode, empty.stdout) == (0, "")
    assert "no stories" in empty.stderr
