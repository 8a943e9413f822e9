"""The spaCy side: load the pinned English pipeline and prepare article text for it.

An article is parsed as ONE ``Doc`` so that actors can be followed through it. Only narrative
segments are parsed: titles, captions, bylines and boilerplate are replaced by spaces of the same
length, so ``token.idx`` is an offset into ``Article.text`` and no event can come from a caption.
Paragraph breaks are forced sentence boundaries (the parser keeps preset boundaries). The
model's ``attribute_ruler`` is replaced by the same rules applied by lookup
(``eventwire.nlp.attributes``): the same tokens, a tenth of the time; its ``lemmatizer`` by the
same lemmatizer remembered per kind of token (``eventwire.nlp.lemmas``): the same lemmas, a tenth
of the time.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from typing import TYPE_CHECKING

from eventwire.errors import ExtractionError
from eventwire.models import Article, SegmentKind
from eventwire.nlp.components import PARAGRAPHS_COMPONENT, register_components

if TYPE_CHECKING:
    from spacy.language import Language


def narrative_view(article: Article, *, include_title: bool = False) -> str:
    """``article.text`` with every non-narrative segment blanked out; same length, same offsets."""
    keep = {SegmentKind.BODY, SegmentKind.TITLE} if include_title else {SegmentKind.BODY}
    text = article.text
    chars = [" "] * len(text)
    for seg in article.segments:
        if seg.kind in keep:
            chars[seg.start : seg.end] = text[seg.start : seg.end]
            # Keep the paragraph breaks around it visible to the sentence splitter, as written
            # ("\n\n"): the parser reads a break it knows better than "\n " (which can split a
            # sentence after it).
            before = seg.start
            while before > 0 and text[before - 1] == "\n":
                before -= 1
            after = seg.end
            while after < len(text) and text[after] == "\n":
                after += 1
            chars[before : seg.start] = "\n" * (seg.start - before)
            chars[seg.end : max(after, seg.end + 1)] = "\n" * (max(after, seg.end + 1) - seg.end)
    return "".join(chars[: len(text)])


def load_nlp(model: str, *, disable: Iterable[str] = ()) -> Language:
    """Load an installed spaCy pipeline package by name, with our components added.

    Raises ``ExtractionError`` with an install hint when the package is missing; nothing is ever
    downloaded.
    """
    if importlib.util.find_spec(model) is None:
        raise ExtractionError(
            f"spaCy model package {model!r} is not installed; it is pinned in "
            "requirements/lock.txt (run `make run` or pip install -r requirements/lock.txt)"
        )
    import spacy

    from eventwire.nlp.attributes import use_attribute_rules
    from eventwire.nlp.lemmas import use_lemmas

    register_components()
    nlp = spacy.load(model, disable=list(disable))
    use_attribute_rules(nlp)  # the model's own attribute rules, applied by lookup
    use_lemmas(nlp)  # the model's own lemmatizer, remembered per kind of token
    if PARAGRAPHS_COMPONENT not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        if before:
            nlp.add_pipe(PARAGRAPHS_COMPONENT, before=before)
        else:
            nlp.add_pipe(PARAGRAPHS_COMPONENT, first=True)
    return nlp
