"""Helpers shared by the time-expression tests: find every expression of a text, or one."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventwire.nlp.timex import Timex, find_timexes


def timexes(nlp: Any, text: str, published: date | None) -> list[Timex]:
    """Every time expression of ``text``, each checked against its offsets."""
    doc = nlp(text)
    found = find_timexes(doc, published)
    for t in found:
        assert doc.text[t.start : t.end] == t.text
    return found


def one(nlp: Any, text: str, published: date | None, words: str) -> Timex:
    """The single time expression whose text is ``words``."""
    hits = [t for t in timexes(nlp, text, published) if t.text == words]
    assert len(hits) == 1, (words, timexes(nlp, text, published))
    return hits[0]
