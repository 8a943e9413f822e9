"""Bytes to text: size limits, binary detection, byte-order marks and encoding detection.

Every function here answers with a value or a ``Rejection``; none raises for bad input, whatever
the bytes are. The order: empty, known binary formats, byte-order mark, NUL bytes (UTF-16 without
a mark, else binary), control characters, UTF-8, a declared charset, then charset-normalizer.
"""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

from charset_normalizer import from_bytes

from eventwire.config import Settings
from eventwire.models import Rejection, RejectReason

log = logging.getLogger(__name__)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x7fELF", "an executable"),
    (b"OggS", "an Ogg media file"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
MAX_CONTROL_SHARE = 0.05
MIN_UTF16_NUL_SHARE = 0.9
SNIFF_BYTES = 8192
MARKUP_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"^\s*<\?xml\b[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)")
CHAOS_MARGIN = 0.05


def read_file(source: str, path: Path, settings: Settings) -> bytes | Rejection:
    """The bytes of a file, checking its size before reading it."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            return Rejection(source, RejectReason.UNREADABLE, "not a regular file")
        if size > settings.max_input_bytes:
            return _too_large(source, size, settings)
        with path.open("rb") as fh:
            data = fh.read(settings.max_input_bytes + 1)
    except OSError as exc:
        return Rejection(source, RejectReason.UNREADABLE, f"cannot read: {exc.strerror or exc}")
    if len(data) > settings.max_input_bytes:  # the file grew while we looked
        return _too_large(source, len(data), settings)
    if not data:
        return Rejection(source, RejectReason.EMPTY, "the file is empty")
    return data


def _too_large(source: str, size: int, settings: Settings) -> Rejection:
    detail = f"{size} bytes or more, over the limit of {settings.max_input_bytes}"
    return Rejection(source, RejectReason.TOO_LARGE, detail)


def binary_kind(data: bytes) -> str | None:
    """What kind of binary data this is, or ``None`` when it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:12]
    if head[4:8] == b"ftyp":
        return "an MP4 or QuickTime media file"
    if head[:4] == b"RIFF" and head[8:12] in (b"WAVE", b"AVI ", b"WEBP"):
        return "a RIFF media file"
    if head[:3] == b"BZh" and data[4:10] == b"1AY&SY":
        return "bzip2-compressed data"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec of UTF-16 text without a byte-order mark (NULs in every other byte), if it is."""
    sample = data[: SNIFF_BYTES - SNIFF_BYTES % 2]
    if len(sample) < 4 or len(data) % 2:
        return None
    evens, odds = sample[0::2], sample[1::2]
    if odds.count(0) >= len(odds) * MIN_UTF16_NUL_SHARE and evens.count(0) == 0:
        return "utf-16-le"
    if evens.count(0) >= len(evens) * MIN_UTF16_NUL_SHARE and odds.count(0) == 0:
        return "utf-16-be"
    return None


def _control_share(data: bytes) -> float:
    sample = data[:SNIFF_BYTES]
    controls = sum(1 for b in sample if (b < 0x20 and b not in _TEXT_CONTROLS) or b == 0x7F)
    return controls / len(sample)


def _decode_with(source: str, data: bytes, codec: str) -> str | Rejection:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError) as exc:
        detail = f"not valid {codec}: {exc.reason if isinstance(exc, UnicodeDecodeError) else exc}"
        return Rejection(source, RejectReason.BAD_ENCODING, detail)


def _detect(source: str, data: bytes) -> str | Rejection:
    """charset-normalizer's best guess, preferring Windows-1252 when it reads the bytes as well."""
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return Rejection(source, RejectReason.BAD_ENCODING, "no text encoding fits these bytes")
    for match in matches:
        if "cp1252" in match.could_be_from_charset and match.chaos <= best.chaos + CHAOS_MARGIN:
            best = match
            break
    log.debug("%s: detected encoding %s", source, best.encoding)
    return str(best)


def decode_bytes(source: str, data: bytes, *, declared: str | None = None) -> str | Rejection:
    """Decode an input's bytes to text, or say why they are not text.

    ``declared`` is a charset named by the transport (an HTTP ``Content-Type``), else by the
    markup itself (``<meta charset>``, ``<?xml encoding?>``). A byte-order mark wins; then
    valid UTF-8 is UTF-8 (declarations are often wrong, UTF-8 by accident almost never); then
    the declared charset if the bytes fit it; then detection.
    """
    if not data.strip():
        return Rejection(source, RejectReason.EMPTY, "no content")
    why = _why_binary(data)
    if why is not None:
        return Rejection(source, RejectReason.BINARY, why)
    return _non_empty(source, _decode(source, data, declared))


def _why_binary(data: bytes) -> str | None:
    kind = binary_kind(data)
    if kind is not None:
        return f"looks like {kind}"
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    if b"\x00" in data:
        return None if _utf16_without_bom(data) else "contains NUL bytes"
    if _control_share(data) > MAX_CONTROL_SHARE:
        return "too many control characters for text"
    return None


def _decode(source: str, data: bytes, declared: str | None) -> str | Rejection:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_with(source, data[len(bom) :], codec)
    codec16 = _utf16_without_bom(data) if b"\x00" in data else None
    if codec16 is not None:
        return _decode_with(source, data, codec16)
    for candidate in ("utf-8", declared or charset_in_markup(data)):
        if candidate is not None:
            text = _decode_with(source, data, candidate)
            if isinstance(text, str):
                return text
    return _detect(source, data)


def charset_in_markup(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or an XML declaration near the top names, if usable."""
    head = data[:MARKUP_SNIFF_BYTES]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if match is None:
        return None
    name = match[1].decode("ascii").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return None if codec.startswith(("utf-16", "utf-32")) else codec  # a BOM would have said


def _non_empty(source: str, text: str | Rejection) -> str | Rejection:
    if isinstance(text, str) and not text.strip():
        return Rejection(source, RejectReason.EMPTY, "only whitespace")
    return text
