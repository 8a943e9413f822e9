"""Paragraphs plus what is known about them → one ``Article`` (or a ``Rejection``).

Every reader ends here, so the rules that must hold for all formats live in one place: how the
cleaned text and its segments are laid out, which paragraph is the title, which value wins when
several sources give one (the sidecar, the content, the transport, CLI defaults), and when an
article is too short or too long to keep.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from eventwire.config import Settings
from eventwire.ingest.clean import (
    caption_start,
    classify_paragraph,
    collapse_space,
    date_from_url,
    find_dateline,
    title_key,
)
from eventwire.ingest.furniture import (
    HIGHLIGHTS_WITHIN,
    MAX_HIGHLIGHT_LINES,
    comments_start,
    highlights_end,
    is_highlight_line,
    is_highlights_heading,
)
from eventwire.ingest.language import guess_language
from eventwire.models import (
    Article,
    DateSource,
    Rejection,
    RejectReason,
    Segment,
    SegmentKind,
    SourceMeta,
)

PARAGRAPH_SEPARATOR = "\n\n"
MAX_HEADLINE_CHARS = 200
_NOT_TITLE = (SegmentKind.BOILERPLATE, SegmentKind.BYLINE, SegmentKind.CAPTION)
_EMPTY = SourceMeta()
MIN_GLUED_TITLE_WORDS = 3
_SENTENCE_OPENERS = frozenset("0123456789\"'“‘(")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of cleaned text; ``raw_start`` is where it occurs verbatim in the raw input.

    ``kind`` is set by readers that know it (a figure caption); otherwise the text decides.
    """

    text: str
    kind: SegmentKind | None = None
    raw_start: int | None = None


@dataclass(frozen=True, slots=True)
class ReadContext:
    """What a reader is told besides the content.

    ``meta`` (the sidecar entry) beats what the content says; ``defaults`` (CLI flags) only fill
    what nothing else gives; ``url`` is where a fetched input came from.
    """

    settings: Settings
    meta: SourceMeta | None = None
    defaults: SourceMeta | None = None
    url: str | None = None

    def for_records(self) -> ReadContext:
        """The context for each record of a container: the sidecar's outlet, language and author
        still apply to every record; its url, title and date describe the file, not a record."""
        meta = self.meta
        if meta is not None:
            meta = SourceMeta(outlet=meta.outlet, language=meta.language, author=meta.author)
        return dataclasses.replace(self, meta=meta, url=None)


def _first(*values: str | None) -> str | None:
    for value in values:
        if value is not None and value.strip():
            return value.strip()
    return None


def looks_like_headline(text: str) -> bool:
    """Short, and not ending like a sentence: a heading rather than a lead paragraph."""
    line = collapse_space(text)
    return 0 < len(line) <= MAX_HEADLINE_CHARS and not line.endswith((".", ",", ";", ":"))


def _classified(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """Every paragraph with its kind: each judged alone, then in its place on the page."""
    done: list[Paragraph] = []
    for para in paragraphs:
        kind = para.kind or classify_paragraph(para.text)
        cut = caption_start(para.text) if kind is SegmentKind.CAPTION and not para.kind else 0
        if cut:  # narrative with a caption glued to its end: split in two
            lead = para.text[:cut].rstrip()
            done.append(Paragraph(lead, classify_paragraph(lead), para.raw_start))
            at = None if para.raw_start is None else para.raw_start + cut
            done.append(Paragraph(para.text[cut:], SegmentKind.CAPTION, at))
        else:
            done.append(dataclasses.replace(para, kind=kind))
    return _without_comments(_without_highlights(done))


def _split(para: Paragraph, cut: int, first: SegmentKind) -> list[Paragraph]:
    """``para`` cut at ``cut``: the head of kind ``first``, the rest judged on its own."""
    rest = para.text[cut:].lstrip()
    at = None if para.raw_start is None else para.raw_start + len(para.text) - len(rest)
    head = Paragraph(para.text[:cut].rstrip(), first, para.raw_start)
    return [head, Paragraph(rest, classify_paragraph(rest), at)]


def _without_highlights(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A highlight box at the top of the page ("STORY HIGHLIGHTS", "NEW: ...") marked
    boilerplate; the story after it (from its wire dateline) stays narrative."""
    done = list(paragraphs)
    for i, para in enumerate(paragraphs[:HIGHLIGHTS_WITHIN]):
        if para.kind is not SegmentKind.BODY and not is_highlights_heading(para.text):
            continue
        cut = len(para.text) if is_highlights_heading(para.text) else highlights_end(para.text)
        if cut == 0:
            continue
        if cut < len(para.text):
            return [*done[:i], *_split(para, cut, SegmentKind.BOILERPLATE), *done[i + 1 :]]
        done[i] = dataclasses.replace(para, kind=SegmentKind.BOILERPLATE)
        return done[: i + 1] + _box_lines(done[i + 1 :])
    return done


def _box_lines(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The short headline-like lines that follow a highlight box's first line."""
    done = list(paragraphs)
    for i, para in enumerate(paragraphs[:MAX_HIGHLIGHT_LINES]):
        if para.kind is not SegmentKind.BODY or not is_highlight_line(para.text):
            break
        done[i] = dataclasses.replace(para, kind=SegmentKind.BOILERPLATE)
    return done


def _without_comments(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Everything from the start of a reader comment section on marked boilerplate."""
    story = [p.kind is SegmentKind.BODY for p in paragraphs]
    start = comments_start([p.text for p in paragraphs], story)
    if start is None:
        return paragraphs
    rest = [dataclasses.replace(p, kind=SegmentKind.BOILERPLATE) for p in paragraphs[start:]]
    return [*paragraphs[:start], *rest]


def _title_end(text: str, title: str) -> int:
    """Where ``title`` ends when ``text`` starts with it and a new sentence follows (a headline
    glued to the lead: "Talks collapse in Tallinn The talks collapsed on Monday ..."), else 0.
    A lowercase word after it means the lead merely opens with the title's words."""
    want = title_key(title).replace(" ", "")
    if not want or len(title.split()) < MIN_GLUED_TITLE_WORDS:
        return 0
    seen = 0
    for i, char in enumerate(text):
        if not char.isspace():
            seen += 1
        if seen == len(want):
            end = i + 1
            rest = text[end:].lstrip()
            glued = (
                end < len(text)
                and text[end].isspace()
                and (rest[:1].isupper() or rest[:1] in _SENTENCE_OPENERS)
            )
            return end if glued and title_key(text[:end]).replace(" ", "") == want else 0
    return 0


def _without_glued_title(paragraphs: list[Paragraph], title: str | None) -> list[Paragraph]:
    """The known title split off the first narrative paragraph when the lead is glued to it."""
    if title is None:
        return paragraphs
    first = next((i for i, p in enumerate(paragraphs) if p.kind not in _NOT_TITLE), None)
    if first is None or paragraphs[first].kind is not SegmentKind.BODY:
        return paragraphs
    end = _title_end(paragraphs[first].text, title)
    if not end:
        return paragraphs
    return [
        *paragraphs[:first],
        *_split(paragraphs[first], end, SegmentKind.BODY),
        *paragraphs[first + 1 :],
    ]


def _kinds(
    paragraphs: Sequence[Paragraph], title: str | None, headline: bool
) -> tuple[list[SegmentKind], str | None]:
    """Each paragraph's kind, the first narrative one marked ``TITLE`` when it is the title."""
    kinds = [p.kind or classify_paragraph(p.text) for p in paragraphs]
    first = next((i for i, kind in enumerate(kinds) if kind not in _NOT_TITLE), None)
    if first is None:
        return kinds, title
    candidate = paragraphs[first].text
    if title is None and headline and first + 1 < len(kinds) and looks_like_headline(candidate):
        title = collapse_space(candidate)
    is_title = title is not None and title_key(candidate) == title_key(title)
    if is_title and kinds[first] is SegmentKind.BODY:
        kinds[first] = SegmentKind.TITLE
    return kinds, title


def _layout(
    paragraphs: Sequence[Paragraph], kinds: Sequence[SegmentKind]
) -> tuple[str, tuple[Segment, ...]]:
    parts: list[str] = []
    segments: list[Segment] = []
    offset = 0
    for para, kind in zip(paragraphs, kinds, strict=True):
        if not para.text:
            continue
        if parts:
            offset += len(PARAGRAPH_SEPARATOR)
        end = offset + len(para.text)
        raw_end = None if para.raw_start is None else para.raw_start + len(para.text)
        segments.append(Segment(kind, offset, end, para.raw_start, raw_end))
        parts.append(para.text)
        offset = end
    return PARAGRAPH_SEPARATOR.join(parts), tuple(segments)


def _published(
    meta: SourceMeta,
    found: SourceMeta,
    defaults: SourceMeta,
    *,
    capture_date: dt.date | None,
    url: str | None,
    first_body: str | None,
) -> tuple[dt.date | None, DateSource | None]:
    """The best date: sidecar > the content's own > WARC capture > URL > dateline > CLI."""
    dateline = find_dateline(first_body) if first_body else None
    candidates = (
        (meta.published, meta.published_source or DateSource.META),
        (found.published, found.published_source or DateSource.RECORD),
        (capture_date, DateSource.WARC),
        (date_from_url(url) if url else None, DateSource.URL),
        (dateline.published if dateline else None, DateSource.DATELINE),
        (defaults.published, defaults.published_source or DateSource.CLI),
    )
    for published, date_source in candidates:
        if published is not None:
            return published, date_source
    return None, None


def _size_problem(source: str, text: str, body: str, settings: Settings) -> Rejection | None:
    if len(text) > settings.max_record_chars:
        detail = f"{len(text)} characters, over the limit of {settings.max_record_chars}"
        return Rejection(source, RejectReason.TOO_LARGE, detail)
    if len(body) < settings.min_text_chars:
        detail = (
            "no story text found"
            if not body
            else f"story text is {len(body)} characters, under the minimum of "
            f"{settings.min_text_chars}"
        )
        return Rejection(source, RejectReason.NO_TEXT, detail)
    return None


def assemble(
    source: str,
    raw: str,
    paragraphs: Sequence[Paragraph],
    ctx: ReadContext,
    found: SourceMeta = _EMPTY,
    *,
    capture_date: dt.date | None = None,
    headline: bool = False,
    metadata: Mapping[str, str] | None = None,
) -> Article | Rejection:
    """Build the article from its paragraphs and what the content (``found``) says about it.

    ``headline`` lets a short first paragraph become the title when no title is known (plain
    text); ``capture_date`` is a WARC record's date, used only when nothing better exists.
    """
    meta, defaults = ctx.meta or _EMPTY, ctx.defaults or _EMPTY
    title = _first(meta.title, found.title, defaults.title)
    paragraphs = _without_glued_title(_classified(paragraphs), title)
    kinds, title = _kinds(paragraphs, title, headline)
    text, segments = _layout(paragraphs, kinds)
    bodies = [text[s.start : s.end] for s in segments if s.kind is SegmentKind.BODY]
    body = PARAGRAPH_SEPARATOR.join(bodies)
    problem = _size_problem(source, text, body, ctx.settings)
    if problem is not None:
        return problem
    url = _first(meta.url, found.url, defaults.url)
    published, date_source = _published(
        meta,
        found,
        defaults,
        capture_date=capture_date,
        url=url,
        first_body=bodies[0] if bodies else None,
    )
    return Article(
        source=source,
        text=text,
        segments=segments,
        raw=raw,
        title=title,
        url=url,
        outlet=_first(meta.outlet, found.outlet, defaults.outlet),
        published=published,
        published_source=date_source,
        language=(
            _first(meta.language, found.language) or guess_language(body) or defaults.language
        ),
        author=_first(meta.author, found.author, defaults.author),
        metadata=dict(metadata or {}),
    )
