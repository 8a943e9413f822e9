"""Plain-text reports: paragraphs are separated by blank lines.

Inside a paragraph only length-preserving changes are made (line breaks, tabs, non-breaking and
other odd spaces and control characters become one space each), so every paragraph keeps exact
offsets into the decoded input: ``text[seg.start + i] == normalise_chars(raw[seg.raw_start + i])``.
"""

from __future__ import annotations

import re

from eventwire.ingest.build import Paragraph, ReadContext, assemble
from eventwire.ingest.clean import normalise_chars
from eventwire.models import Article, Rejection, SourceMeta

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def split_paragraphs(raw: str) -> list[Paragraph]:
    """The paragraphs of plain text, each with its offset in ``raw``, ends trimmed."""
    flat = normalise_chars(raw)  # same length as raw: offsets carry over
    paragraphs: list[Paragraph] = []
    start: int | None = None
    end = 0
    for match in _LINE.finditer(raw):
        if match.start() == match.end():
            break
        line = flat[match.start() : match.end()]
        if line.strip(" "):
            if start is None:
                start = match.start()
            end = match.end()
        elif start is not None:
            paragraphs.append(_trimmed(flat, start, end))
            start = None
    if start is not None:
        paragraphs.append(_trimmed(flat, start, end))
    return paragraphs


def _trimmed(flat: str, start: int, end: int) -> Paragraph:
    chunk = flat[start:end]
    lead = len(chunk) - len(chunk.lstrip(" "))
    text = chunk.strip(" ")
    return Paragraph(text, raw_start=start + lead)


def read_text(
    source: str, raw: str, ctx: ReadContext, found: SourceMeta | None = None
) -> Article | Rejection:
    """A plain-text report. Without a known title, a short first paragraph is taken as one."""
    return assemble(
        source,
        raw,
        split_paragraphs(raw),
        ctx,
        found or SourceMeta(url=ctx.url),
        headline=True,
    )
