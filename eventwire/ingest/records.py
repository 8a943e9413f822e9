"""JSON Lines, JSON and CSV files of reports, one record per report.

Named fields: ``id, url, title, text, published, outlet, language``; every other field is kept in
``Article.metadata`` as a string. ``text`` may be plain text or HTML (a fragment or a whole page).
Each record is ``path#id`` (or ``path#n``, counting from 1) and is accepted or rejected on its own.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence

from eventwire.ingest.build import ReadContext, assemble
from eventwire.ingest.clean import parse_iso_date
from eventwire.ingest.html import read_fragment, read_html
from eventwire.ingest.text import split_paragraphs
from eventwire.models import Article, DateSource, Rejection, RejectReason, SourceMeta

FIELDS = ("id", "url", "title", "text", "published", "outlet", "language")
_FULL_PAGE = re.compile(r"<(?:!doctype\s+html|html|body)\b", re.IGNORECASE)
_HTML_BLOCK = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|figure|figcaption|article|section|table)\b[^>]*>",
    re.IGNORECASE,
)
_CSV_DELIMITERS = (",", "\t", ";", "|")
MAX_CONSECUTIVE_ERRORS = 1000


_TEXT_KEY = re.compile(r'"\s*text\s*"\s*:', re.IGNORECASE)


def _first_line_is_object(raw: str) -> bool:
    first = raw.lstrip().split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def _string(value: object) -> str | None:
    """A named field's value as text; ``None`` when absent, empty or not a scalar."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _as_metadata(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def read_record(
    container: str, fields: Mapping[str, object], index: int, ctx: ReadContext
) -> Article | Rejection:
    """One record (a JSON object or a CSV row) of ``container``, the ``index``-th from 1."""
    named = {key.strip().lower(): value for key, value in fields.items()}
    record_id = _string(named.get("id"))
    source = f"{container}#{record_id or index}"
    text = named.get("text")
    if text is not None and not isinstance(text, str):
        return Rejection(source, RejectReason.MALFORMED, "the 'text' field is not a string")
    if not text or not text.strip():
        return Rejection(source, RejectReason.NO_TEXT, "the record has no 'text'")
    published_raw = _string(named.get("published"))
    published = parse_iso_date(published_raw) if published_raw else None
    metadata = {
        key: _as_metadata(value)
        for key, value in fields.items()
        if key.strip().lower() not in FIELDS and value is not None
    }
    if published_raw and published is None:
        metadata["published"] = published_raw  # kept, not understood
    found = SourceMeta(
        url=_string(named.get("url")),
        outlet=_string(named.get("outlet")),
        published=published,
        published_source=DateSource.RECORD if published else None,
        title=_string(named.get("title")),
        language=_string(named.get("language")),
    )
    if _FULL_PAGE.search(text[:4096]):
        article = read_html(source, text, ctx, found=found)
    elif _HTML_BLOCK.search(text):
        article = read_fragment(source, text, ctx, found)
    else:
        article = assemble(source, text, split_paragraphs(text), ctx, found)
    return article if isinstance(article, Rejection) else _with_metadata(article, metadata)


def _with_metadata(article: Article, metadata: Mapping[str, str]) -> Article:
    if not metadata:
        return article
    return dataclasses.replace(article, metadata={**article.metadata, **metadata})


def read_jsonl(source: str, raw: str, ctx: ReadContext) -> Iterator[Article | Rejection]:
    """A JSON Lines file: one object per line; blank lines are skipped.

    A file in which no line has a ``text`` field is not a file of reports (an annotation or
    export file, say): it gets one rejection, not one per line.
    """
    if not _TEXT_KEY.search(raw) and _first_line_is_object(raw):
        detail = "no line has a 'text' field, so this is not a file of reports"
        yield Rejection(source, RejectReason.NO_TEXT, detail)
        return
    record_ctx = ctx.for_records()
    for number, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
        except ValueError as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            detail = f"line {number}: not valid JSON: {reason}"
            yield Rejection(f"{source}#{number}", RejectReason.MALFORMED, detail)
            continue
        if not isinstance(fields, dict):
            detail = f"line {number}: not a JSON object"
            yield Rejection(f"{source}#{number}", RejectReason.MALFORMED, detail)
            continue
        yield read_record(source, fields, number, record_ctx)


def read_json(source: str, raw: str, ctx: ReadContext) -> Iterator[Article | Rejection]:
    """A JSON file holding one record object or an array of them."""
    try:
        data = json.loads(raw)
    except ValueError as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        yield Rejection(source, RejectReason.MALFORMED, f"not valid JSON: {reason}")
        return
    records: Sequence[object] = data if isinstance(data, list) else [data]
    if not records:
        yield Rejection(source, RejectReason.EMPTY, "a JSON array with no records")
        return
    record_ctx = ctx.for_records()
    for index, fields in enumerate(records, start=1):
        if isinstance(fields, dict):
            yield read_record(source, fields, index, record_ctx)
        else:
            detail = f"item {index}: not a JSON object"
            yield Rejection(f"{source}#{index}", RejectReason.MALFORMED, detail)


def _delimiter(header_line: str) -> str:
    """The delimiter that makes a ``text`` column appear, else a comma."""
    for delimiter in _CSV_DELIMITERS:
        try:
            names = next(csv.reader(io.StringIO(header_line, newline=""), delimiter=delimiter), [])
        except csv.Error:
            continue
        if "text" in (name.strip().lower() for name in names):
            return delimiter
    return ","


def read_csv(source: str, raw: str, ctx: ReadContext) -> Iterator[Article | Rejection]:
    """A CSV file with a header row naming its columns; one report per row."""
    delimiter = _delimiter(raw.lstrip("\ufeff").split("\n", 1)[0])
    reader = csv.reader(io.StringIO(raw.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    try:
        header = [name.strip() for name in next(reader, [])]
    except csv.Error as exc:
        yield Rejection(source, RejectReason.MALFORMED, f"cannot read the header row: {exc}")
        return
    if "text" not in (name.lower() for name in header):
        columns = " ".join(", ".join(header).split())[:200] or "none"
        yield Rejection(source, RejectReason.MALFORMED, f"no 'text' column (columns: {columns})")
        return
    yield from _csv_rows(source, reader, header, ctx.for_records())


def _csv_rows(
    source: str, reader: Iterator[list[str]], header: Sequence[str], ctx: ReadContext
) -> Iterator[Article | Rejection]:
    index, errors = 0, 0
    while errors < MAX_CONSECUTIVE_ERRORS:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            index, errors = index + 1, errors + 1
            reason = RejectReason.TOO_LARGE if "field limit" in str(exc) else RejectReason.MALFORMED
            yield Rejection(f"{source}#{index}", reason, f"row {index}: {exc}")
            continue
        errors = 0
        if not any(cell.strip() for cell in row):
            continue
        index += 1
        if len(row) > len(header):
            detail = f"row {index} has {len(row)} fields, the header {len(header)}"
            yield Rejection(f"{source}#{index}", RejectReason.MALFORMED, detail)
            continue
        yield read_record(source, dict(zip(header, row, strict=False)), index, ctx)
    yield Rejection(source, RejectReason.MALFORMED, "too many unreadable rows; gave up")
