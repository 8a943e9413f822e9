"""JSON Lines, JSON and CSV records (eventwire.ingest.records)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from eventwire.config import Settings
from eventwire.ingest import read_source
from eventwire.ingest.build import ReadContext
from eventwire.ingest.records import read_csv, read_json, read_jsonl
from eventwire.models import Article, DateSource, Rejection, RejectReason, SegmentKind, SourceMeta

TEXT_ONE = (
    "The foreign ministers of Sylvania and Freedonia agreed on Tuesday to reopen the river "
    "crossing at Ostrava.\n\nCustoms officers from both countries will share a post from next "
    "month, the ministers said."
)
TEXT_TWO = (
    "<p>Negotiators from Sylvania and Freedonia adjourned talks on fishing quotas on Friday.</p>"
    "<p>Boats moored in the harbour Credit: Ann Lee/Harbour Wire</p>"
    "<p>They did not agree a date to meet again, officials said.</p>"
)
RECORDS = [
    {
        "id": "hw-1",
        "url": "https://wire.example.org/crossing",
        "title": "Crossing to reopen",
        "text": TEXT_ONE,
        "published": "2021-03-02T08:00:00+01:00",
        "outlet": "Harbour Wire",
        "language": "en",
        "section": "World",
        "tags": ["border", "river"],
    },
    {"id": 2, "title": "Fishing talks adjourn", "text": TEXT_TWO, "published": "2021-03-05"},
    {"id": "hw-3", "title": "No text here", "text": ""},
    {"id": "hw-4", "text": TEXT_ONE, "published": "last Tuesday"},
]


def _jsonl(records: list[object]) -> str:
    return "\n".join(json.dumps(r) for r in records) + "\n"


def test_jsonl_records_with_named_fields_and_metadata() -> None:
    one, two, three, four = read_jsonl("r.jsonl", _jsonl(RECORDS), ReadContext(Settings()))
    assert isinstance(one, Article), one
    assert one.source == "r.jsonl#hw-1"
    assert one.url == "https://wire.example.org/crossing"
    assert one.title == "Crossing to reopen"
    assert one.outlet == "Harbour Wire"
    assert one.language == "en"
    assert (one.published, one.published_source) == (dt.date(2021, 3, 2), DateSource.RECORD)
    assert one.metadata == {"section": "World", "tags": '["border", "river"]'}
    assert one.raw == TEXT_ONE

    assert isinstance(two, Article), two
    assert two.source == "r.jsonl#2"
    captions = [two.text[s.start : s.end] for s in two.segments_of(SegmentKind.CAPTION)]
    assert captions == ["Boats moored in the harbour Credit: Ann Lee/Harbour Wire"]
    assert "<p>" not in two.text

    assert isinstance(three, Rejection)
    assert (three.source, three.reason) == ("r.jsonl#hw-3", RejectReason.NO_TEXT)

    assert isinstance(four, Article)
    assert four.published is None
    assert four.metadata == {"published": "last Tuesday"}


def test_bad_lines_are_rejected_one_by_one() -> None:
    raw = (
        json.dumps({"text": TEXT_ONE})
        + "\n{not json\n\n[1, 2]\n"
        + json.dumps({"text": 42})
        + "\n"
        + json.dumps({"text": TEXT_ONE, "id": "last"})
    )
    items = list(read_jsonl("r.jsonl", raw, ReadContext(Settings())))
    assert [type(i).__name__ for i in items] == [
        "Article",
        "Rejection",
        "Rejection",
        "Rejection",
        "Article",
    ]
    bad_json, not_object, not_string = items[1], items[2], items[3]
    assert isinstance(bad_json, Rejection) and bad_json.reason is RejectReason.MALFORMED
    assert bad_json.source == "r.jsonl#2"
    assert bad_json.detail.startswith("line 2: not valid JSON")
    assert isinstance(not_object, Rejection) and "line 4" in not_object.detail
    assert isinstance(not_string, Rejection) and not_string.reason is RejectReason.MALFORMED


def test_a_whole_html_page_in_the_text_field_goes_through_the_page_extractor() -> None:
    page = (
        "<html><head><title>Page title</title></head><body><nav>Home | World</nav><article>"
        f"<p>{TEXT_ONE.split(chr(10), maxsplit=1)[0]}</p>"
        "<p>The crossing has been closed for a year.</p>"
        "</article></body></html>"
    )
    (article,) = read_jsonl(
        "r.jsonl", _jsonl([{"text": page, "title": "Record title"}]), ReadContext(Settings())
    )
    assert isinstance(article, Article), article
    assert article.title == "Record title"
    assert "Home" not in article.text
    assert "reopen the river crossing" in article.narrative_text()


def test_json_array_and_single_object() -> None:
    items = list(read_json("r.json", json.dumps([*RECORDS[:2], "oops"]), ReadContext(Settings())))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Rejection"]
    (single,) = read_json("r.json", json.dumps(RECORDS[0], indent=2), ReadContext(Settings()))
    assert isinstance(single, Article)
    (bad,) = read_json("r.json", "[{", ReadContext(Settings()))
    assert isinstance(bad, Rejection) and bad.reason is RejectReason.MALFORMED
    (empty,) = read_json("r.json", "[]", ReadContext(Settings()))
    assert isinstance(empty, Rejection) and empty.reason is RejectReason.EMPTY


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue()


def test_csv_rows_with_a_header() -> None:
    raw = _csv(
        [
            ["ID", "Title", "Text", "Published", "Desk"],
            ["c-1", "Crossing to reopen", TEXT_ONE, "2021-03-02", "World"],
            ["", "", "", "", ""],
            ["c-2", "Empty", "", "", "World"],
            ["c-3", "Too many", TEXT_ONE, "2021-03-02", "World", "extra"],
            ["c-4", "Short row", TEXT_ONE],
        ]
    )
    items = list(read_csv("r.csv", raw, ReadContext(Settings())))
    assert [i.source for i in items] == ["r.csv#c-1", "r.csv#c-2", "r.csv#3", "r.csv#c-4"]
    first = items[0]
    assert isinstance(first, Article)
    assert first.title == "Crossing to reopen"
    assert first.published == dt.date(2021, 3, 2)
    assert first.metadata == {"Desk": "World"}
    assert isinstance(items[1], Rejection) and items[1].reason is RejectReason.NO_TEXT
    assert isinstance(items[2], Rejection) and items[2].reason is RejectReason.MALFORMED
    assert isinstance(items[3], Article)


def test_csv_with_tabs_and_without_a_text_column() -> None:
    tabbed = _csv([["id", "text"], ["t-1", TEXT_ONE]], delimiter="\t")
    (article,) = read_csv("r.tsv", tabbed, ReadContext(Settings()))
    assert isinstance(article, Article)

    (rejection,) = read_csv(
        "r.csv", _csv([["id", "body"], ["1", TEXT_ONE]]), ReadContext(Settings())
    )
    assert isinstance(rejection, Rejection)
    assert rejection.reason is RejectReason.MALFORMED
    assert "no 'text' column" in rejection.detail


def test_sidecar_meta_of_a_container_gives_outlet_but_not_title_or_date() -> None:
    meta = SourceMeta(
        outlet="Sidecar",
        title="File title",
        published=dt.date(2000, 1, 1),
        published_source=DateSource.META,
    )
    (article,) = read_jsonl(
        "r.jsonl", _jsonl([{"text": TEXT_ONE}]), ReadContext(Settings(), meta=meta)
    )
    assert isinstance(article, Article)
    assert article.outlet == "Sidecar"
    assert article.title is None
    assert article.published is None


def test_read_source_detects_jsonl_and_csv_by_content(tmp_path: Path) -> None:
    jsonl = tmp_path / "records.data"
    jsonl.write_text(_jsonl(RECORDS[:1]), encoding="utf-8")
    (article,) = read_source(str(jsonl), settings=Settings())
    assert isinstance(article, Article) and article.source == f"{jsonl}#hw-1"

    table = tmp_path / "table.data"
    table.write_text(_csv([["id", "title", "text"], ["x", "T", TEXT_ONE]]), encoding="utf-8")
    (row,) = read_source(str(table), settings=Settings())
    assert isinstance(row, Article) and row.source == f"{table}#x"


def test_a_jsonl_file_without_any_text_field_is_one_rejection(tmp_path: Path) -> None:
    path = tmp_path / "annotations.jsonl"
    lines = [f'{{"article": "a{i}.txt", "type": "CONSULT"}}' for i in range(30)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (item,) = list(read_source(str(path), settings=Settings()))
    assert isinstance(item, Rejection)
    assert item.source == str(path) and "not a file of reports" in item.detail
