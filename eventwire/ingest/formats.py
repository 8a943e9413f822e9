"""Which reader an input needs: by its name first, then by a transport's content type, then by
sniffing the content itself."""

from __future__ import annotations

import enum
import json
import re
import zlib

from eventwire.models import Rejection, RejectReason


class Format(enum.StrEnum):
    TEXT = "text"
    HTML = "html"
    FEED = "feed"
    JSONL = "jsonl"
    JSON = "json"
    CSV = "csv"
    WARC = "warc"
    XML = "xml"  # some other XML: not read


_BY_SUFFIX: dict[str, Format] = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".md": Format.TEXT,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".rss": Format.FEED,
    ".atom": Format.FEED,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".json": Format.JSON,
    ".csv": Format.CSV,
    ".warc": Format.WARC,
    ".warc.gz": Format.WARC,
}
_BY_CONTENT_TYPE: dict[str, Format] = {
    "text/html": Format.HTML,
    "application/xhtml+xml": Format.HTML,
    "application/rss+xml": Format.FEED,
    "application/atom+xml": Format.FEED,
    "application/rdf+xml": Format.FEED,
    "application/x-ndjson": Format.JSONL,
    "application/jsonl": Format.JSONL,
    "application/json": Format.JSON,
    "text/csv": Format.CSV,
    "application/warc": Format.WARC,
}
_UNSUPPORTED_SUFFIXES = frozenset({".doc", ".docx", ".odt", ".rtf", ".epub", ".xlsx", ".pptx"})
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_HTML_TAGS = re.compile(r"<(?:p|div|article|section|h[1-6]|br|span|a)\b[^>]*>", re.IGNORECASE)
_PROLOGUE = re.compile(
    r"^(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE\s+(?!html)[^>]*>|\s)*", re.DOTALL | re.IGNORECASE
)
_CSV_HEADER = re.compile(r"(?:\"?[\w ]+\"?\s*[,;\t]\s*)+\"?[\w ]+\"?")
_CSV_TEXT_FIELD = re.compile(r"(?:^|[,;\t])\s*\"?text\"?\s*(?:$|[,;\t])")
SNIFF_CHARS = 4096
MIN_HTML_TAGS = 3


def format_from_name(name: str) -> Format | None:
    """The format a file or URL path's suffix names (``.warc.gz`` included), if any."""
    lower = name.lower().split("?", 1)[0].split("#", 1)[0]
    for suffix in sorted(_BY_SUFFIX, key=len, reverse=True):
        if lower.endswith(suffix):
            return _BY_SUFFIX[suffix]
    return None


def unsupported(source: str, name: str) -> Rejection | None:
    """A rejection for document formats we cannot read (word processors, e-books), else ``None``."""
    lower = name.lower()
    for suffix in _UNSUPPORTED_SUFFIXES:
        if lower.endswith(suffix):
            return Rejection(source, RejectReason.UNSUPPORTED, f"{suffix} files are not supported")
    return None


def format_from_content_type(content_type: str | None) -> Format | None:
    if not content_type:
        return None
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime.endswith(("/xml", "+xml")) and mime not in _BY_CONTENT_TYPE:
        return Format.FEED
    return _BY_CONTENT_TYPE.get(mime)


def is_warc(data: bytes) -> bool:
    """A WARC archive, plain or gzip-compressed (each record its own member, as usual)."""
    if data.startswith(b"WARC/"):
        return True
    if not data.startswith(b"\x1f\x8b"):
        return False
    try:
        head = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(data[:SNIFF_CHARS], 16)
    except zlib.error:
        return False
    return head.startswith(b"WARC/")


def sniff_format(text: str) -> Format:
    """Guess the format of decoded content; plain text when nothing else fits."""
    head = text[:SNIFF_CHARS].lstrip("\ufeff \t\r\n")
    found = _sniff_markup(head) or _sniff_json(head, text)
    if found is not None:
        return found
    first = head.split("\n", 1)[0].strip().lower()
    if _CSV_HEADER.fullmatch(first) and _CSV_TEXT_FIELD.search(first):
        return Format.CSV
    return Format.TEXT


def _sniff_markup(head: str) -> Format | None:
    if not head.startswith("<"):
        return Format.HTML if _HTML_START.match(head) else None
    if _FEED_ROOT.match(_PROLOGUE.sub("", head)):
        return Format.FEED
    if _HTML_START.search(head) or len(_HTML_TAGS.findall(head)) >= MIN_HTML_TAGS:
        return Format.HTML
    return Format.XML if head.startswith("<?xml") else None


def _sniff_json(head: str, text: str) -> Format | None:
    """JSON Lines when the first line is an object (or starts like one), JSON for a whole
    document; ``None`` for text that merely starts with a bracket."""
    first = head.split("\n", 1)[0].strip()
    if first.startswith("{"):
        if first == "{":
            return Format.JSON  # a pretty-printed object
        if first.startswith('{"') or isinstance(_loads(first), dict):
            return Format.JSONL
        return None
    array = first.startswith("[") and (
        bool(re.match(r"^\[\s*(?:\{|\[|$)", first)) or _loads(text) is not None
    )
    return Format.JSON if array else None


def _loads(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None
