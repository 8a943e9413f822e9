"""`timeline`, `brief` and `actor` end to end on the invented example reports.

Reports 01 and 02 (examples/README.md) tell one happening before and after: the Norwegian prime
minister's visit to Chile, talks planned for "Monday and Tuesday" in 01 and held in 02. Their
events fuse in the story's timeline, and the prime minister's journey goes to Santiago.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, MODEL, run_cli

pytestmark = pytest.mark.slow

REPORTS = EXAMPLES / "reports"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec(MODEL) is None:
        pytest.skip(f"spaCy model {MODEL} is not installed")
    path = tmp_path_factory.mktemp("timeline") / "ex.db"
    result = run_cli(
        "ingest", str(REPORTS), "--meta", str(REPORTS / "meta.jsonl"), "--db", str(path)
    )
    assert result.returncode == 0, result.stderr
    return path


def _visit_story(db: Path) -> dict[str, Any]:
    result = run_cli("stories", "--db", str(db), "--json")
    stories = [json.loads(line) for line in result.stdout.splitlines()]
    (visit,) = [s for s in stories if s["n_articles"] == 2]
    return visit


def test_a_story_timeline_fuses_the_reports_and_counts_sources(db: Path) -> None:
    visit = _visit_story(db)
    result = run_cli("timeline", "--db", str(db), "--story", visit["id"], "--json")
    assert result.returncode == 0, result.stderr
    entries = [json.loads(line) for line in result.stdout.splitlines()]
    assert entries, "the visit story has a timeline"
    assert max(e["articles"] for e in entries) == 2, "an event told by both reports is fused"
    dated = [e["date"][:10] for e in entries if e["date"]]
    assert dated == sorted(dated), "dated events come in time order"


def test_markdown_timeline_cites_its_reports(db: Path) -> None:
    visit = _visit_story(db)
    result = run_cli("timeline", "--db", str(db), "--story", visit["id"], "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("## ")
    assert "news.example.org" in result.stdout


def test_timeline_needs_exactly_one_selector(db: Path) -> None:
    result = run_cli("timeline", "--db", str(db))
    assert result.returncode == 2
    result = run_cli("timeline", "--db", str(db), "--actor", "Solhaug", "--query", "salmon")
    assert result.returncode == 2


def test_brief_quotes_the_reports_and_cites_them(db: Path) -> None:
    visit = _visit_story(db)
    result = run_cli("brief", "--db", str(db), "--story", visit["id"], "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    texts = {
        Path(r["source"]).name: (REPORTS / Path(r["source"]).name).read_text(encoding="utf-8")
        for r in data["reports"]
    }
    assert len(texts) == 2 and data["summary"]
    for item in data["summary"]:
        assert any(item["text"] in text for text in texts.values()), item["text"]
        assert item["reports"] and set(item["reports"]) <= {1, 2}


def test_actor_profile_with_a_journey(db: Path) -> None:
    result = run_cli("actor", "Solhaug", "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    profile = json.loads(result.stdout)
    assert profile["kind"] == "person" and profile["country"] == "NOR"
    assert any(n["text"] == "Ms Solhaug" for n in profile["names"])
    places = {stop["place"] for stop in profile["journey"]}
    assert "Santiago" in places
    missing = run_cli("actor", "Nobody Atall", "--db", str(db))
    assert missing.returncode == 1 and "no actor matches" in missing.stderr
