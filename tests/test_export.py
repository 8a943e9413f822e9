"""Exports: every format carries the same event, readable back by standard tools."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from store_articles import make_article
from test_store_events import TEXT, _analysis

from eventwire.eval import parse_mention
from eventwire.export import (
    FLAT_COLUMNS,
    GDELT_COLUMNS,
    ExportFormat,
    flat_record,
    gdelt_record,
    gold_record,
    write_export,
)
from eventwire.models import EventDate, TextSpan
from eventwire.store import StoredEvent, open_store


@pytest.fixture
def stored(tmp_path: Path) -> list[StoredEvent]:
    article = make_article(TEXT, source="reports/arica.txt", url="https://news.example.org/a")
    with open_store(str(tmp_path / "x.db")) as store:
        store.add_article(article)
        store.save_analysis(_analysis(article.id, article.text))
        return store.list_events()


def test_gold_record_is_valid_gold_and_points_into_the_text(stored: list[StoredEvent]) -> None:
    record = gold_record(stored[0])
    mention = parse_mention(record)  # the scorer accepts what we write
    assert mention.type == "CONSULT" and mention.source is not None
    assert mention.source.country == "PER" and mention.target is not None
    assert record["article"] == "reports/arica.txt"
    trigger = record["spans"]["trigger"]
    assert TEXT[trigger["start"] : trigger["end"]] == "met" == trigger["text"]


@pytest.mark.parametrize("fmt", [ExportFormat.JSONL, ExportFormat.PLOVER])
def test_json_formats(stored: list[StoredEvent], fmt: ExportFormat) -> None:
    out = io.StringIO()
    assert write_export(stored, fmt, out) == 1
    (line,) = out.getvalue().splitlines()
    data = json.loads(line)
    assert data.get("type", data.get("event")) == "CONSULT"


def test_csv_and_gdelt_have_headers_and_one_row(stored: list[StoredEvent]) -> None:
    out = io.StringIO()
    write_export(stored, ExportFormat.CSV, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(FLAT_COLUMNS)
    assert rows[0]["source_country"] == "PER" and rows[0]["target_country"] == "CHL"

    out = io.StringIO()
    write_export(stored, ExportFormat.GDELT, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert list(rows[0]) == list(GDELT_COLUMNS)
    assert rows[0]["Actor1Code"] == "PERGOV" and rows[0]["EventRootCode"] == "04"
    assert rows[0]["QuadClass"] == "1"


def test_parquet_needs_a_file_and_round_trips(stored: list[StoredEvent], tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert write_export(stored, ExportFormat.PARQUET, path) == 1
    table = pq.read_table(path)
    assert table.column_names == list(FLAT_COLUMNS)
    assert table.column("type").to_pylist() == ["CONSULT"]
    empty = tmp_path / "empty.parquet"
    write_export([], ExportFormat.PARQUET, empty)
    assert pq.read_table(empty).schema == table.schema


def test_every_format_carries_the_event_date(tmp_path: Path) -> None:
    article = make_article(TEXT, source="reports/arica.txt", published=dt.date(2024, 3, 12))
    analysis = _analysis(article.id, article.text)
    (event,) = analysis.events
    monday = TextSpan(TEXT.index("Monday"), TEXT.index("Monday") + 6, "Monday")
    dated = dataclasses.replace(event, date=EventDate("2024-03-11", "day", "publication", monday))
    with open_store(str(tmp_path / "d.db")) as store:
        store.add_article(article)
        store.save_analysis(dataclasses.replace(analysis, events=(dated,)))
        stored = store.list_events()
    assert gold_record(stored[0])["spans"]["date"]["text"] == "Monday"
    row = flat_record(stored[0])
    assert (row["date"], row["date_text"], row["date_derivation"]) == (
        "2024-03-11",
        "Monday",
        "publication",
    )
    gdelt = gdelt_record(stored[0])
    assert (gdelt["SQLDATE"], gdelt["DATEADDED"], gdelt["EventDate"]) == (
        "20240311",
        "20240312",
        "2024-03-11",
    )
    out = io.StringIO()
    write_export(stored, ExportFormat.PLOVER, out)
    assert json.loads(out.getvalue())["date"] == "2024-03-11"


def test_gdelt_falls_back_to_the_publication_date(tmp_path: Path) -> None:
    article = make_article(TEXT, published=dt.date(2024, 3, 12))
    with open_store(str(tmp_path / "p.db")) as store:
        store.add_article(article)
        store.save_analysis(_analysis(article.id, article.text))
        (stored,) = store.list_events()
    gdelt = gdelt_record(stored)
    assert gdelt["EventDate"] == "" and gdelt["SQLDATE"] == gdelt["DATEADDED"] == "20240312"
