"""HTML pages (with trafilatura) and HTML fragments (feed entries, record fields; with lxml).

trafilatura finds the article in a page and drops navigation; it also drops figure captions, so
captions of the figures it keeps are put back from the page itself and marked ``CAPTION``. Each
paragraph gets raw offsets when it occurs verbatim in the page (after the length-preserving
normalisation), else ``None``: entities and inline tags make most paragraphs differ from the markup.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable

import lxml.html  # type: ignore[import-untyped]
from lxml import etree

from eventwire.ingest.build import Paragraph, ReadContext, assemble
from eventwire.ingest.clean import collapse_space, normalise_chars, parse_iso_date
from eventwire.models import Article, DateSource, Rejection, RejectReason, SegmentKind, SourceMeta

log = logging.getLogger(__name__)

_LANG_ATTR = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][\w-]*)?", re.I)
_BLOCK_TAGS = frozenset(
    (
        *("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr"),
        *("figure", "figcaption", "pre", "table", "tr", "td", "th", "dl", "dd", "dt", "main"),
        *("section", "article", "header", "footer", "aside", "address", "nav"),
    )
)
_DROP_XPATH = ".//script|.//style|.//noscript|.//template|.//iframe|.//object|.//svg"
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")
_DATE_PARAMS = {"original_date": True, "extensive_search": False}
_LooseParagraph = tuple[str, SegmentKind | None]


def html_language(raw: str) -> str | None:
    """The ISO 639-1/-3 code of ``<html lang="...">``, region dropped ("en-GB" → "en")."""
    match = _LANG_ATTR.search(raw[:8192])
    return match[1].lower() if match else None


def locate(paragraphs: Iterable[_LooseParagraph], raw: str) -> list[Paragraph]:
    """Give each paragraph the offset where it occurs verbatim in ``raw``, searching onwards."""
    flat = normalise_chars(raw)
    located: list[Paragraph] = []
    pos = 0
    for text, kind in paragraphs:
        if not text:
            continue
        at = flat.find(text, pos)
        if at < 0:
            at = flat.find(text)
        if at >= 0:
            pos = at + len(text)
        located.append(Paragraph(text, kind, at if at >= 0 else None))
    return located


def _parse(markup: str) -> lxml.html.HtmlElement | None:
    """A tree of a page or fragment, never raising: ``None`` when lxml finds nothing in it."""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        return lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        log.debug("lxml could not parse markup: %s", exc)
        return None


def _figure_captions(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """Image address → its figure's caption, for the figures of a page."""
    captions: dict[str, str] = {}
    for figure in tree.iter("figure"):
        caption = next(figure.iter("figcaption"), None)
        text = collapse_space(caption.text_content()) if caption is not None else ""
        for img in figure.iter("img"):
            src = img.get("src") or img.get("data-src")
            if text and src:
                captions[src] = text
    return captions


def _caption_for(src: str, captions: dict[str, str]) -> str | None:
    for original, text in captions.items():
        if src == original or (len(original) > 3 and src.endswith(original.lstrip("./"))):
            return text
    return None


def _element_paragraphs(body: etree._Element, captions: dict[str, str]) -> list[_LooseParagraph]:
    found: list[_LooseParagraph] = []
    for child in body:
        if child.tag == "graphic":
            text = _caption_for(child.get("src") or "", captions)
            if text and (not found or found[-1][0] != text):
                found.append((text, SegmentKind.CAPTION))
        elif child.tag in ("list", "table"):
            for row in child.iter("item", "row"):
                found.append((collapse_space(" ".join(row.itertext())), None))
        else:
            found.append((collapse_space("".join(child.itertext())), None))
    return [(text, kind) for text, kind in found if text]


def extract_page(raw: str) -> tuple[list[Paragraph], SourceMeta] | None:
    """The article paragraphs and metadata trafilatura finds in a page; ``None`` for none.

    The page's URL is not given to trafilatura: a date it would read from the URL must be
    recorded as ``DateSource.URL``, which the caller does, not as the page's own.
    """
    tree = _parse(raw)
    if tree is None or not tree.text_content().strip():
        return None  # nothing to extract (and trafilatura would log errors about it)
    from trafilatura import bare_extraction  # here: plain-text runs never pay for its import
    from trafilatura.settings import Document

    doc = bare_extraction(
        raw,
        with_metadata=True,
        include_images=True,
        include_comments=False,
        date_extraction_params=dict(_DATE_PARAMS),
    )
    if not isinstance(doc, Document) or doc.body is None:
        return None
    loose = _element_paragraphs(doc.body, _figure_captions(tree))
    if not loose:
        return None
    published = parse_iso_date(doc.date) if isinstance(doc.date, str) else None
    found = SourceMeta(
        url=doc.url,
        outlet=doc.sitename or None,
        published=published,
        published_source=DateSource.HTML if published else None,
        title=doc.title or None,
        language=html_language(raw) or doc.language or None,
        author=doc.author or None,
    )
    return locate(loose, raw), found


def fragment_paragraphs(fragment: str) -> list[_LooseParagraph]:
    """The paragraphs of an HTML fragment: block elements and double line breaks separate them."""
    tree = _parse(fragment)
    if tree is None:
        return []
    for bad in tree.xpath(_DROP_XPATH):
        bad.drop_tree()
    captions = {collapse_space(c.text_content()) for c in tree.iter("figcaption")}
    for elem in tree.iter():
        if elem.tag == "br":
            elem.tail = "\n" + (elem.tail or "")
        elif elem.tag in _BLOCK_TAGS:
            elem.text = "\n\n" + (elem.text or "")
            elem.tail = "\n\n" + (elem.tail or "")
    blocks = (collapse_space(block) for block in _BLANK_LINES.split(tree.text_content()))
    return [(text, SegmentKind.CAPTION if text in captions else None) for text in blocks if text]


def read_html(
    source: str,
    raw: str,
    ctx: ReadContext,
    *,
    found: SourceMeta | None = None,
    capture_date: dt.date | None = None,
) -> Article | Rejection:
    """A whole HTML page. ``found`` (a record's or a WARC header's values) beats the page's."""
    extracted = extract_page(raw)
    if extracted is None:
        return Rejection(source, RejectReason.NO_TEXT, "no article text found in the HTML")
    paragraphs, page = extracted
    merged = _merge(found, page, url=ctx.url)
    return assemble(source, raw, paragraphs, ctx, merged, capture_date=capture_date)


def read_fragment(
    source: str, fragment: str, ctx: ReadContext, found: SourceMeta
) -> Article | Rejection:
    """An HTML fragment (a feed entry's content, a record's text field)."""
    paragraphs = locate(fragment_paragraphs(fragment), fragment)
    return assemble(source, fragment, paragraphs, ctx, found)


def _merge(first: SourceMeta | None, second: SourceMeta, *, url: str | None) -> SourceMeta:
    """Field by field, ``first`` where it has a value, else ``second``; ``url`` beats both."""
    if first is None:
        first = SourceMeta()
    published, published_source = (
        (first.published, first.published_source)
        if first.published is not None
        else (second.published, second.published_source)
    )
    return SourceMeta(
        url=url or first.url or second.url,
        outlet=first.outlet or second.outlet,
        published=published,
        published_source=published_source,
        title=first.title or second.title,
        language=first.language or second.language,
        author=first.author or second.author,
    )


def strip_tags(markup: str) -> str:
    """The text of a bit of markup (a feed title), whitespace collapsed."""
    return " ".join(text for text, _ in fragment_paragraphs(markup))
