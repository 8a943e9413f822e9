"""Property tests: whatever the input, read_source yields well-formed articles or rejections."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.config import Settings
from eventwire.ingest import read_source
from eventwire.ingest.clean import normalise_chars
from eventwire.models import Article, Rejection

SUFFIXES = ["", ".txt", ".html", ".xml", ".jsonl", ".json", ".csv", ".warc", ".warc.gz"]
SETTINGS = Settings(min_text_chars=5)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(source: str, data: bytes) -> list[Article | Rejection]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{source}"
        path.write_bytes(data)
        items = list(read_source(str(path), settings=SETTINGS))
    assert items, "every input gives at least one article or rejection"
    for item in items:
        assert isinstance(item, Article | Rejection)
        assert item.source.startswith(str(path))
        if isinstance(item, Rejection):
            assert item.detail and "\n" not in item.detail
        else:
            _check_article(item)
    return items


def _check_article(article: Article) -> None:
    previous_end = 0
    for seg in article.segments:
        assert previous_end <= seg.start < seg.end <= len(article.text)
        previous_end = seg.end
        if seg.raw_start is not None:
            assert seg.raw_end is not None
            assert 0 <= seg.raw_start <= seg.raw_end <= len(article.raw)
            raw = normalise_chars(article.raw[seg.raw_start : seg.raw_end])
            assert raw == article.text[seg.start : seg.end]


@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
@PROPERTY
def test_any_bytes(data: bytes, suffix: str) -> None:
    _check(suffix, data)


@given(text=st.text(max_size=2000), suffix=st.sampled_from(SUFFIXES))
@PROPERTY
def test_any_text(text: str, suffix: str) -> None:
    _check(suffix, text.encode("utf-8"))


_TOKENS = [
    *"<>/=\"' &;!?-[]{}:,.abcdefhilmnoprstuvw\n ",
    *("<p>", "</p>", "<html>", "<body>", "<rss>", "<item>", "<title>", "</title>", "<feed>"),
    *("<entry>", "<content>", "<description>", "<![CDATA[", "]]>", "&amp;", "&bogus;", "<br>"),
    *("<figure>", "<figcaption>", "<img src=a>", "<?xml version='1.0'?>", "<!DOCTYPE html>"),
    *("Credit: AP", "By Ann Lee", "The minister said the talks would go on. ", "\n\n"),
]
_MARKUP = st.lists(st.sampled_from(_TOKENS), max_size=80).map("".join)


@given(markup=_MARKUP, suffix=st.sampled_from(["", ".html", ".xml", ".rss"]))
@PROPERTY
def test_any_markup(markup: str, suffix: str) -> None:
    _check(suffix, markup.encode("utf-8"))


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=80),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
_RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=10) | st.integers(),
        "text": st.text(max_size=300) | _MARKUP | _JSON_VALUES,
        "title": st.text(max_size=40),
        "published": st.sampled_from(["2021-03-02", "2021-02-30", "soon", "2021-03-02T10:00Z"]),
        "url": st.text(max_size=40),
        "extra": _JSON_VALUES,
    },
)
_LINES = st.lists(_RECORDS.map(json.dumps) | st.text(max_size=60), max_size=8)


@given(lines=_LINES)
@PROPERTY
def test_any_jsonl_lines(lines: list[str]) -> None:
    raw = "\n".join(lines)
    items = _check(".jsonl", raw.encode("utf-8"))
    if raw.strip() and raw.lstrip().startswith("{"):  # read as JSON Lines: one item a line at most
        assert len(items) <= len(raw.split("\n"))
