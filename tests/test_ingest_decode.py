"""Bytes to text (eventwire.ingest.decode): what is rejected, and what is decoded right."""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.config import Settings
from eventwire.ingest.decode import decode_bytes, read_file
from eventwire.models import Rejection, RejectReason

FRENCH = (
    "Le ministre des Affaires étrangères a déclaré à Genève que les négociations étaient "
    "très avancées, et que la délégation reviendrait à Québec après la réunion."
)
QUOTES = (
    "The minister said “we will not retreat” — and the crowd cheered. The new bridge will cost "
    "€40 million, the report said, and work should start in spring."
)


def _reason(result: str | Rejection) -> RejectReason | None:
    return result.reason if isinstance(result, Rejection) else None


def test_utf8_and_utf8_with_bom() -> None:
    text = "Talks in Tartu – “progress”, said Ülle Kask."
    assert decode_bytes("a", text.encode("utf-8")) == text
    assert decode_bytes("a", codecs.BOM_UTF8 + text.encode("utf-8")) == text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_decoded(codec: str) -> None:
    data = FRENCH.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):  # no byte-order mark: recognised by its NULs
        assert b"\x00" in data
    assert decode_bytes("a", data) == FRENCH


def test_latin1_is_decoded_right() -> None:
    assert decode_bytes("a", FRENCH.encode("latin-1")) == FRENCH


def test_cp1252_curly_quotes_and_euro_are_decoded_right() -> None:
    assert decode_bytes("a", QUOTES.encode("cp1252")) == QUOTES


def test_a_declared_charset_is_used_when_the_bytes_fit() -> None:
    data = FRENCH.encode("latin-1")
    assert decode_bytes("a", data, declared="iso-8859-1") == FRENCH
    assert decode_bytes("a", FRENCH.encode("utf-8"), declared="no-such-codec") == FRENCH
    # valid UTF-8 is UTF-8, whatever a (often wrong) declaration says
    assert decode_bytes("a", FRENCH.encode("utf-8"), declared="iso-8859-1") == FRENCH


@pytest.mark.parametrize(
    "head",
    [
        '<html><head><meta charset="windows-1252">',
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=cp1252">',
        "<?xml version='1.0' encoding='windows-1252'?><rss>",
    ],
)
def test_a_charset_declared_in_the_markup_is_used(head: str) -> None:
    text = f"{head}<p>Café “Élysée”</p>"  # too short for detection to be sure
    assert decode_bytes("a", text.encode("cp1252")) == text


@pytest.mark.parametrize("data", [b"", b"   \n\t  \r\n", "  \n".encode("utf-16")])
def test_empty_and_blank_inputs_are_empty(data: bytes) -> None:
    assert _reason(decode_bytes("a", data)) is RejectReason.EMPTY


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"PK\x03\x04\x14\x00\x06\x00word/document.xml",
        gzip.compress(b"just some text, compressed"),
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"plain start\x00\x01\x02\x03 then binary \x00\x00 junk",
        bytes(range(1, 32)) * 20,
    ],
)
def test_binary_inputs_are_binary(data: bytes) -> None:
    result = decode_bytes("a", data)
    assert _reason(result) is RejectReason.BINARY
    assert isinstance(result, Rejection) and "\n" not in result.detail


@given(st.binary(max_size=2048))
@settings(max_examples=200, deadline=None)
def test_any_bytes_give_text_or_a_rejection(data: bytes) -> None:
    result = decode_bytes("a", data)
    assert isinstance(result, str | Rejection)
    if isinstance(result, str):
        assert result.strip()


def test_read_file_checks_the_size_before_reading(tmp_path: Path) -> None:
    small = Settings(max_input_bytes=100)
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 101)
    result = read_file(str(path), path, small)
    assert isinstance(result, Rejection)
    assert result.reason is RejectReason.TOO_LARGE
    assert "100" in result.detail

    path.write_bytes(b"x" * 100)
    assert read_file(str(path), path, small) == b"x" * 100


def test_read_file_rejects_empty_missing_and_folders(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert _reason(read_file("e", empty, Settings())) is RejectReason.EMPTY
    assert _reason(read_file("m", tmp_path / "missing.txt", Settings())) is RejectReason.UNREADABLE
    assert _reason(read_file("d", tmp_path, Settings())) is RejectReason.UNREADABLE
