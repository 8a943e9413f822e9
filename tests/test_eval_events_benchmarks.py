"""Benchmark converters: CAMEO/Phoenix codes, and the shared sets (skipped without ../shared)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from eventwire.eval import PLOVER_TYPES, BenchmarkError, load_mentions, prepare, score_events
from eventwire.eval.codes import CameoTable, parse_actor_code, place_country

SHARED = Path(__file__).resolve().parents[2] / "shared"
EVENTS = SHARED / "benchmarks" / "events"
CAMEO_TABLE = EVENTS / "plover-gsr-cameo" / "CAMEO2PLOVER-2021.txt"


@pytest.fixture
def shared_dir() -> Path:
    if not EVENTS.is_dir():
        pytest.skip("../shared/benchmarks/events is not present")
    return SHARED


# --- codes (no shared files needed) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("USAGOV", ("USA", "GOV")),
        ("CHN", ("CHN", None)),
        ("NGAREB", ("NGA", "REB")),
        ("PSEGZACVL", ("PSE", "CVL")),
        ("SYROPPHRI", ("SYR", "OPP")),
        ("---LEG", (None, "LEG")),
        ("---", (None, None)),
        ("IGOUNOMIL", ("IGO", "MIL")),
        ("IMGMUSISI", (None, None)),
        ("NGAMUS", ("NGA", None)),
        ("", None),
    ],
)
def test_phoenix_actor_codes(code: str, expected: tuple[str | None, str | None] | None) -> None:
    assert parse_actor_code(code) == expected


def test_place_country() -> None:
    assert place_country("Tripoli", "LB") == "LBN"
    assert place_country("Germany") == "DEU"
    assert place_country("Bosnia") == "BIH"
    assert place_country("Port Vale") is None


def test_cameo_table_parsing_and_lookup_rules(tmp_path: Path) -> None:
    path = tmp_path / "table.txt"
    path.write_text(
        "# header\n\n04: CONSULT\n040: CONSULT, ,  # talks\n042: CONSULT, visit,   # trip\n"
        "08: CONCEDE\n080: CONCEDE, ,  # gives in\n08: RETREAT\n084: RETREAT, , # hands back\n"
        "10: REQUEST\n103: REQUEST, assist,  # asks for help\n"
        "175: ASSAULT, pro_autocracy , military\n~~~\n",
        encoding="utf-8",
    )
    table = CameoTable.load(path)
    assert len(table) == 6
    visit = table.lookup("042")
    assert visit is not None and (visit.type, visit.mode, visit.via) == ("CONSULT", "visit", None)
    appeal = table.lookup("023")  # 02x is looked up as 10x
    assert appeal is not None and (appeal.type, appeal.mode, appeal.via) == (
        "REQUEST",
        "assist",
        "103",
    )
    child = table.lookup("0421")  # a child code falls back to its parent
    assert child is not None and (child.type, child.via) == ("CONSULT", "042")
    root = table.lookup("049")  # unknown code, one type for the root
    assert root is not None and (root.type, root.mode, root.via) == ("CONSULT", None, "04")
    assert table.lookup("089") is None  # root 08 is CONCEDE and RETREAT
    assert table.lookup("015") is None  # statements have no PLOVER type
    assert table.lookup("abc") is None
    repression = table.lookup("175")
    assert repression is not None and repression.mode is None  # a context value is not a mode


def test_cameo_table_errors(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkError, match="missing"):
        CameoTable.load(tmp_path / "nope.txt")
    bad = tmp_path / "bad.txt"
    bad.write_text("040: PARLEY, ,\n", encoding="utf-8")
    with pytest.raises(BenchmarkError, match=r"bad\.txt:1: 'PARLEY'"):
        CameoTable.load(bad)


def test_prepare_names_unknown_sets_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkError, match="unknown benchmark set 'acled'"):
        prepare("acled", tmp_path, tmp_path / "out")
    with pytest.raises(
        BenchmarkError, match=r"needs missing files: .*PETR2_GSR_validation\.gold\.jsonl"
    ):
        prepare("petrarch2-gsr", tmp_path, tmp_path / "out")
    assert not (tmp_path / "out").exists()


# --- the shared sets ------------------------------------------------------------------------------


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _check_common(records: list[dict[str, object]], gold_path: Path, outlet: str) -> None:
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    assert all(
        set(r) == {"id", "title", "text", "published", "outlet", "language"} for r in records
    )
    assert all(r["title"] == "" and r["outlet"] == outlet and r["text"] for r in records)
    gold = load_mentions(gold_path)
    text_of = {r["id"]: r["text"] for r in records}
    for m in gold:
        assert m.article in text_of, m.article
        assert m.sentence == text_of[m.article]
        assert m.type in PLOVER_TYPES
        assert "date" not in m.annotated and "factuality" not in m.annotated
    # records are ingested as <path>#<id>: such predictions must match the gold
    as_ingested = [replace(m, article=f"/x/records.jsonl#{m.article}") for m in gold]
    scores = score_events(gold, as_ingested)
    assert (
        scores.type.f1 == 1.0 and scores.country_dyad is not None and scores.country_dyad.f1 == 1.0
    )


@pytest.mark.shared
def test_petrarch2_gsr(shared_dir: Path, tmp_path: Path) -> None:
    prepared = prepare("petrarch2-gsr", shared_dir, tmp_path)
    # the README's counts: 78 sentences, 80 expected events (12 sentences with none)
    assert (prepared.source_records, prepared.source_events) == (78, 80)
    assert prepared.gold_mentions + len(prepared.dropped) == 80
    # one sentence is in the file twice (GOLD_5, GOLD_9): it is ingested once
    assert prepared.records == 77
    assert prepared.annotated == {"country"}
    reasons = {d.reason.split(" (")[0] for d in prepared.dropped}
    assert reasons <= {
        "no PLOVER type for this CAMEO code",
        "same event as one kept",
        "reciprocal of a symmetric event kept",
    }
    assert sum(d.reason == "no PLOVER type for this CAMEO code" for d in prepared.dropped) == 6
    records = _records(prepared.records_path)
    assert len(records) == 77
    assert all(r["published"] is None or len(str(r["published"])) == 10 for r in records)
    _check_common(records, prepared.gold_path, "petrarch2-gsr")
    gold = load_mentions(prepared.gold_path)
    assert len(gold) == prepared.gold_mentions
    assert all(m.source is None or m.source.name is None for m in gold)


@pytest.mark.shared
def test_plover_gsr(shared_dir: Path, tmp_path: Path) -> None:
    prepared = prepare("plover-gsr", shared_dir / "benchmarks" / "events", tmp_path)
    # the README's count: 322 events (the header record is not one)
    assert (prepared.source_events, prepared.gold_mentions, prepared.dropped) == (322, 322, ())
    assert prepared.records == 316  # six sentences carry two events each
    records = _records(prepared.records_path)
    assert all(r["published"] is None for r in records)
    _check_common(records, prepared.gold_path, "plover-gsr")
    gold = load_mentions(prepared.gold_path)
    assert {m.type for m in gold} <= PLOVER_TYPES
    assert sum(m.type == "ACCUSE" for m in gold) == 16 + 9  # DISAPPROVE and INVESTIGATE
    assert sum(m.type == "ASSAULT" for m in gold) == 15 + 17  # ASSAULT and FIGHT
    assert not any(m.mode == "host" for m in gold)
