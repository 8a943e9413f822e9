"""Plain-text reports: paragraphs are separated by blank lines (or, in a text with none, lines).

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
    """The paragraphs of plain text, each with its offset in ``raw``, ends trimmed.

    Paragraphs are separated by blank lines. A text without any blank line between its lines
    is either one paragraph per line (as scraped pages often are) or hard-wrapped; there a line
    ends its paragraph when it ends a sentence, or when it is a short line (under
    ``HEADING_SHARE`` of the longest) followed by a capitalised one: a heading ("No claim of
    responsibility") or a paragraph's last line. A wrapped line that breaks a sentence is joined
    to the next."""
    flat = normalise_chars(raw)  # same length as raw: offsets carry over
    lines = [(m.start(), m.end()) for m in _LINE.finditer(raw) if m.start() != m.end()]
    blocks: list[tuple[int, int]] = []  # runs of non-blank lines
    start: int | None = None
    end = 0
    for line_start, line_end in lines:
        if flat[line_start:line_end].strip(" "):
            if start is None:
                start = line_start
            end = line_end
        elif start is not None:
            blocks.append((start, end))
            start = None
    if start is not None:
        blocks.append((start, end))
    if len(blocks) == 1:
        return [_trimmed(flat, a, b) for a, b in _line_paragraphs(flat, lines)]
    return [_trimmed(flat, a, b) for a, b in blocks]


HEADING_SHARE = 0.6
_SENTENCE_END = (".", "?", "!", '"', "”", "'", "’", ":")


def _line_paragraphs(flat: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paragraphs of a text with no blank line: see :func:`split_paragraphs`."""
    texts = [flat[a:b].strip() for a, b in lines]
    longest = max((len(t) for t in texts), default=0)
    out: list[tuple[int, int]] = []
    start: int | None = None
    for k, ((a, b), text) in enumerate(zip(lines, texts, strict=True)):
        if not text:
            continue
        start = a if start is None else start
        following = next((t for t in texts[k + 1 :] if t), "")
        heading = len(text) < HEADING_SHARE * longest and following[:1].isupper()
        if not following or text.endswith(_SENTENCE_END) or heading:
            out.append((start, b))
            start = None
    return out


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
