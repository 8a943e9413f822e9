"""The ingest stage: paths, folders and URLs in; ``Article`` or ``Rejection`` records out.

``expand_inputs`` turns what the user gave into single inputs, ``load_meta``/``meta_for`` find an
input's sidecar metadata, and ``read_source`` reads one input in whatever format it is (plain text,
HTML, RSS/Atom, JSON Lines, JSON, CSV, WARC), cleans it and says why anything was rejected. Bad
input never raises: it becomes a ``Rejection`` and the rest goes on.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from eventwire.config import Settings
from eventwire.errors import IngestError
from eventwire.ingest.build import ReadContext
from eventwire.ingest.clean import parse_iso_date
from eventwire.ingest.decode import decode_bytes, read_file
from eventwire.ingest.feed import read_feed
from eventwire.ingest.fetch import fetch_url, is_url
from eventwire.ingest.formats import (
    Format,
    format_from_content_type,
    format_from_name,
    is_warc,
    sniff_format,
    unsupported,
)
from eventwire.ingest.html import read_html
from eventwire.ingest.records import read_csv, read_json, read_jsonl
from eventwire.ingest.text import read_text
from eventwire.ingest.warc import read_warc
from eventwire.models import Article, DateSource, Rejection, RejectReason, SourceMeta

__all__ = ["expand_inputs", "load_meta", "meta_for", "read_source"]

log = logging.getLogger(__name__)

META_FILE = "meta.jsonl"
_README = re.compile(r"^readme(?:[-_.][^/]*)?\.(?:md|txt|rst)$|^readme$", re.IGNORECASE)
_META_FIELDS = ("file", "url", "outlet", "published", "title", "language", "author")

Reader = Callable[[str, str, ReadContext], Iterator[Article | Rejection]]


def _skipped(name: str) -> bool:
    """Hidden files, the sidecar and READMEs are not reports."""
    return name.startswith(".") or name == META_FILE or bool(_README.match(name))


def _walk(prefix: str, folder: Path, seen: set[tuple[int, int]]) -> Iterator[str | Rejection]:
    try:
        stat = folder.stat()
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        yield Rejection(prefix, RejectReason.UNREADABLE, f"cannot list: {exc.strerror or exc}")
        return
    if (stat.st_dev, stat.st_ino) in seen:  # a symlink loop
        return
    seen.add((stat.st_dev, stat.st_ino))
    for entry in entries:
        if _skipped(entry.name):
            continue
        child = str(Path(prefix) / entry.name)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(child, Path(entry.path), seen)
        else:
            yield child


def expand_inputs(inputs: Sequence[str]) -> Iterator[str | Rejection]:
    """Each input as given; a folder as its files, recursively and sorted by name.

    Hidden files, ``meta.jsonl`` sidecars and READMEs inside folders are skipped. A path that
    does not exist or cannot be read is an ``UNREADABLE`` rejection.
    """
    for given in inputs:
        if is_url(given):
            yield given
            continue
        path = Path(given)
        try:
            if path.is_dir():
                yield from _walk(given, path, set())
            elif not path.exists():
                yield Rejection(given, RejectReason.UNREADABLE, "no such file or directory")
            elif not os.access(path, os.R_OK):
                yield Rejection(given, RejectReason.UNREADABLE, "permission denied")
            else:
                yield given
        except (OSError, ValueError) as exc:
            yield Rejection(given, RejectReason.UNREADABLE, f"cannot read: {exc}")


def _meta_line(name: str, number: int, line: str) -> tuple[str, SourceMeta]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise IngestError(name, f"line {number}: not valid JSON: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise IngestError(name, f"line {number}: not a JSON object")
    values: dict[str, str | None] = {}
    for key in _META_FIELDS:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise IngestError(name, f"line {number}: {key!r} must be a string")
        values[key] = (value or "").strip() or None
    file = values["file"]
    if file is None:
        raise IngestError(name, f"line {number}: no 'file' field")
    published = parse_iso_date(values["published"]) if values["published"] else None
    if values["published"] and published is None:
        reason = f"'published' is not a date (YYYY-MM-DD): {values['published']!r}"
        raise IngestError(name, f"line {number}: {reason}")
    meta = SourceMeta(
        url=values["url"],
        outlet=values["outlet"],
        published=published,
        published_source=DateSource.META if published else None,
        title=values["title"],
        language=values["language"],
        author=values["author"],
    )
    return file, meta


def load_meta(path: str | Path) -> dict[str, SourceMeta]:
    """Read a sidecar ``meta.jsonl``: one ``{"file": ..., "url", "outlet", "published", "title"}``
    object per line, keyed by ``file``. Raises ``IngestError`` naming the bad line."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise IngestError(name, f"cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise IngestError(name, f"not UTF-8 text: {exc.reason}") from exc
    entries: dict[str, SourceMeta] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        file, meta = _meta_line(name, number, line)
        if file in entries:
            raise IngestError(name, f"line {number}: {file!r} is listed twice")
        entries[file] = meta
    return entries


def meta_for(source: str, meta: Mapping[str, SourceMeta]) -> SourceMeta | None:
    """The sidecar entry for ``source``: by the exact source, by its file name (or trailing
    path), or by URL."""
    if source in meta:
        return meta[source]
    if not is_url(source):
        name = Path(source).name
        if name in meta:
            return meta[name]
        posix = source.replace(os.sep, "/")
        for key, entry in meta.items():
            if "/" in key and posix.endswith("/" + key.lstrip("./")):
                return entry
    for entry in meta.values():
        if entry.url is not None and entry.url == source:
            return entry
    return None


def _one(read: Callable[[str, str, ReadContext], Article | Rejection]) -> Reader:
    def reader(source: str, raw: str, ctx: ReadContext) -> Iterator[Article | Rejection]:
        yield read(source, raw, ctx)

    return reader


def _other_xml(source: str, raw: str, ctx: ReadContext) -> Iterator[Article | Rejection]:
    yield Rejection(source, RejectReason.UNSUPPORTED, "XML that is neither a feed nor an HTML page")


_READERS: Mapping[Format, Reader] = {
    Format.TEXT: _one(read_text),
    Format.HTML: _one(read_html),
    Format.FEED: read_feed,
    Format.JSONL: read_jsonl,
    Format.JSON: read_json,
    Format.CSV: read_csv,
    Format.XML: _other_xml,
}


def read_bytes(
    source: str,
    data: bytes,
    ctx: ReadContext,
    *,
    fmt: Format | None = None,
    declared: str | None = None,
) -> Iterator[Article | Rejection]:
    """Read an input's bytes in ``fmt``, or in the format its content shows."""
    if fmt is Format.WARC or (fmt is None and is_warc(data)):
        yield from read_warc(source, data, ctx)
        return
    text = decode_bytes(source, data, declared=declared)
    if isinstance(text, Rejection):
        yield text
        return
    fmt = fmt or sniff_format(text)
    log.debug("%s: reading as %s", source, fmt.value)
    yield from _READERS[fmt](source, text, ctx)


def _read_url(source: str, ctx: ReadContext) -> Iterator[Article | Rejection]:
    fetched = fetch_url(source, ctx.settings)
    if isinstance(fetched, Rejection):
        yield fetched
        return
    fmt = format_from_name(fetched.url) or format_from_content_type(fetched.content_type)
    ctx = dataclasses.replace(ctx, url=fetched.url)
    yield from read_bytes(source, fetched.data, ctx, fmt=fmt, declared=fetched.charset)


def read_source(
    source: str,
    *,
    meta: SourceMeta | None = None,
    defaults: SourceMeta | None = None,
    settings: Settings,
) -> Iterator[Article | Rejection]:
    """Read one path or http(s) URL into articles; every problem becomes a ``Rejection``.

    ``meta`` (the sidecar entry for this input) beats what the content says; ``defaults`` (the
    ``--published``/``--outlet`` flags) only fill what nothing else gives. Records inside a
    container (a JSON Lines line, a CSV row, a feed entry, a WARC record) are ``source#id``.
    """
    ctx = ReadContext(settings, meta, defaults)
    if is_url(source):
        yield from _read_url(source, ctx)
        return
    rejected = unsupported(source, source)
    if rejected is not None:
        yield rejected
        return
    data = read_file(source, Path(source), settings)
    if isinstance(data, Rejection):
        yield data
        return
    yield from read_bytes(source, data, ctx, fmt=format_from_name(source))
