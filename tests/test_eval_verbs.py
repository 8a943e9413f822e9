"""Event detection recall at verbs others marked (the Halterman 2019 sentences' format), on
invented sentences in that format; the real set is scored only when ../shared is present."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from conftest import run_cli

from eventwire.eval.codes import BenchmarkError
from eventwire.eval.verbs import (
    VERBS_FILE,
    FoundEvent,
    MarkedVerb,
    convert_verbs,
    half,
    locate,
    prepare_verbs,
    read_marked,
    score_verbs,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"

SENTENCES = [
    ("Rebels attacked an army post near Goma on Monday, officials said.", ["attacked"]),
    ("Police arrested 14 students in Lagos after the march.", ["arrested"]),
    ("The  committee  met briefly and the rain fell.", ["fell"]),  # no political event
]


def _row(text: str, verbs: list[str]) -> dict[str, object]:
    spans = []
    for verb in verbs:
        start = text.index(verb)
        spans.append({"start": start, "end": start + len(verb), "label": "VERB"})
    return {"text": text, "spans": spans}


def _shared(tmp_path: Path, rows: list[dict[str, object]]) -> Path:
    path = tmp_path / "shared" / "benchmarks" / "events" / VERBS_FILE
    path.parent.mkdir(parents=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("labeled_text.jsonl", json.dumps(rows))
        archive.writestr("__MACOSX/._labeled_text.jsonl", "junk")
    return tmp_path / "shared"


def test_sentences_become_one_record_each_with_their_marked_verbs() -> None:
    rows = [_row(t, v) for t, v in SENTENCES] + [_row(*SENTENCES[0])]  # a repeated sentence
    texts, verbs = convert_verbs(rows)
    assert len(texts) == 3
    assert [v.text for v in verbs] == ["attacked", "arrested", "fell", "attacked"]
    assert verbs[0].article == verbs[-1].article
    assert verbs[2].before == len("The committee met briefly and the rain".replace(" ", ""))


def test_a_verb_is_found_again_in_text_whose_spaces_were_tidied() -> None:
    ((text, _),) = [s for s in SENTENCES if "rain" in s[0]]
    _, (verb,) = convert_verbs([_row(text, ["fell"])])
    tidied = " ".join(text.split())
    start, end = locate(verb, tidied) or (0, 0)
    assert tidied[start:end] == "fell"
    assert locate(verb, "Something else entirely, and long enough to pass.") is None


def test_recall_counts_verbs_with_an_event_overlapping_them() -> None:
    verbs = [MarkedVerb("a", 7, 15, "attacked", 6), MarkedVerb("b", 0, 5, "Riots", 0)]
    stored = {"a": "Rebels attacked a post.", "b": "Riots broke out."}
    events = [FoundEvent("a", 7, 15, "ASSAULT"), FoundEvent("b", 6, 15, "PROTEST")]
    scores = score_verbs(verbs, events, stored)
    assert (scores.found, scores.total, scores.not_stored) == (1, 2, 0)
    assert scores.types == {"ASSAULT": 1} and scores.missed == {"riots": 1}
    assert score_verbs(verbs, events, {"a": stored["a"]}).not_stored == 1
    parts = [score_verbs(verbs, events, stored, part=p).total for p in ("dev", "held")]
    assert sum(parts) == 2 and half("a") in ("dev", "held")


def test_missing_or_broken_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkError, match="not found"):
        prepare_verbs(tmp_path, tmp_path / "out")
    broken = tmp_path / "broken.zip"
    broken.write_text("not a zip")
    with pytest.raises(BenchmarkError, match=r"broken\.zip"):
        read_marked(broken)


def test_prepare_ingest_and_score_through_the_cli(tmp_path: Path) -> None:
    shared = _shared(tmp_path, [_row(t, v) for t, v in SENTENCES])
    out, db = tmp_path / "eval", tmp_path / "verbs.db"
    prepared = run_cli(
        "eval", "prepare", "halterman-verbs", "--shared", str(shared), "--out", str(out)
    )
    assert prepared.returncode == 0, prepared.stderr
    folder = out / "halterman-verbs"
    ingest = run_cli("ingest", str(folder / "records.jsonl"), "--db", str(db))
    assert ingest.returncode == 0, ingest.stderr
    scored = run_cli("eval", "verbs", str(folder / "verbs.jsonl"), "--db", str(db), "--json")
    assert scored.returncode == 0, scored.stderr
    result = json.loads(scored.stdout)
    assert (result["found"], result["total"]) == (2, 3)
    assert result["types"] == {"ASSAULT": 1, "COERCE": 1} and result["missed"] == {"fell": 1}
    wrong = run_cli("eval", "verbs", str(folder / "verbs.jsonl"), "--db", str(db), "--part", "x")
    assert wrong.returncode != 0


def test_the_shared_set_converts(tmp_path: Path) -> None:
    if not (SHARED / "benchmarks" / "events" / VERBS_FILE).is_file():
        pytest.skip("../shared is not present")
    prepared = prepare_verbs(SHARED, tmp_path)
    assert prepared.records > 8000 and prepared.verbs > 10000
