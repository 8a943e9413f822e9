"""Small, pure helpers over a spaCy dependency parse, shared by the event and factuality stages.

Offsets are character offsets into the ``Doc`` text, which is ``Article.text`` with non-narrative
segments blanked out, so every ``TextSpan`` made here points into the article.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from eventwire.models import TextSpan

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
CLAUSES = frozenset({"xcomp", "ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "pcomp"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom", "whose"})
FUTURE_WORDS = frozenset({"next", "coming", "tomorrow", "upcoming", "later", "following", "soon"})


def text_span(text: str, start: int) -> TextSpan | None:
    """A ``TextSpan`` for ``text`` found at offset ``start``, surrounding whitespace trimmed off."""
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    if not body:
        return None
    return TextSpan(start + lead, start + lead + len(body), body)


def sentence_span(sent: Span) -> TextSpan | None:
    """The sentence's span, trimmed of whitespace tokens at either end; ``None`` if blank."""
    return text_span(sent.text, sent.start_char)


def tokens_span(tokens: Iterable[Token]) -> TextSpan | None:
    """The span from the first to the last of ``tokens`` (empty input gives ``None``)."""
    toks = [t for t in tokens if not t.is_space]
    if not toks:
        return None
    first = min(toks, key=lambda t: t.i)
    last = max(toks, key=lambda t: t.i)
    span = first.doc[first.i : last.i + 1]
    return text_span(span.text, span.start_char)


def phrase_span(head: Token, *, skip_deps: frozenset[str] = frozenset()) -> TextSpan | None:
    """The noun phrase under ``head``: its subtree minus the dependents named in ``skip_deps``
    (and their subtrees), cut to the contiguous run that contains ``head``."""
    skipped: set[int] = set()
    for child in head.children:
        if child.dep_ in skip_deps:
            skipped.update(t.i for t in child.subtree)
    keep = sorted(t.i for t in head.subtree if t.i not in skipped)
    start = end = keep.index(head.i)
    while start > 0 and keep[start - 1] == keep[start] - 1:
        start -= 1
    while end + 1 < len(keep) and keep[end + 1] == keep[end] + 1:
        end += 1
    doc = head.doc
    toks = [doc[i] for i in keep[start : end + 1]]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    return tokens_span(toks)


def kids(token: Token, *deps: str) -> list[Token]:
    """The children of ``token`` with one of ``deps`` (all children when none given)."""
    return [c for c in token.children if not deps or c.dep_ in deps]


def kid(token: Token, *deps: str) -> Token | None:
    found = kids(token, *deps)
    return found[0] if found else None


def preps(token: Token, *lemmas: str) -> list[Token]:
    """Prepositions attached to ``token`` (optionally only those with one of ``lemmas``)."""
    return [
        c
        for c in token.children
        if c.dep_ in ("prep", "agent", "dative") and (not lemmas or c.lower_ in lemmas)
    ]


def pobjs(token: Token, *lemmas: str) -> list[Token]:
    """Objects of the prepositions attached to ``token``; "according to" style chains included."""
    out = []
    for prep in preps(token, *lemmas):
        objs = kids(prep, "pobj", "pcomp")
        if not objs:  # "ahead of", "in response to": follow the inner preposition
            for inner in preps(prep):
                objs.extend(kids(inner, "pobj"))
        out.extend(objs)
    return out


def with_conjuncts(token: Token) -> list[Token]:
    """``token`` followed by the tokens conjoined with it."""
    return [token, *[c for c in token.conjuncts if c.i > token.i]]


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children)


def is_verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


def is_past(verb: Token) -> bool:
    """Past tense or perfect ("met", "has met"), as opposed to present or bare forms."""
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(c.lemma_ == "have" for c in verb.children if c.dep_ == "aux")


def left_lemmas(noun: Token) -> set[str]:
    """Lemmas and lower-cased forms of the words before ``noun`` in its phrase ("nuclear missile
    tests" gives nuclear, missile), hyphenated compounds also joined ("long-range")."""
    words: set[str] = set()
    toks = [t for t in noun.subtree if t.i < noun.i and t.dep_ not in ("det", "predet")]
    for tok in toks:
        words.update((tok.lemma_.lower(), tok.lower_))
    for a, b, c in zip(toks, toks[1:], toks[2:], strict=False):
        if b.text == "-" and b.i == a.i + 1 and c.i == b.i + 1:
            words.add(f"{a.lower_}-{c.lower_}")
    return words


def hyphen_prefix(token: Token) -> str | None:
    """For "test-fired" written as three tokens, the word before the hyphen ("test")."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_:
        before = doc[token.i - 2]
        if not before.whitespace_:
            return before.lower_
    return None


def ancestors_until(token: Token, stop: Iterable[Token]) -> Iterator[Token]:
    """The heads above ``token`` up to, not including, the first one in ``stop``."""
    stops = {t.i for t in stop}
    for anc in token.ancestors:
        if anc.i in stops:
            return
        yield anc


def in_entity(token: Token, *labels: str) -> bool:
    return bool(token.ent_type_) and (not labels or token.ent_type_ in labels)


def entity_of(token: Token) -> Span | None:
    """The named-entity span ``token`` belongs to, if any (found from the IOB tags)."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def entities(span: Span, *labels: str) -> list[Span]:
    """Named entities that start inside ``span`` (optionally only those with ``labels``)."""
    out = []
    for token in span:
        if token.ent_iob_ == "B" and (not labels or token.ent_type_ in labels):
            ent = entity_of(token)
            if ent is not None:
                out.append(ent)
    return out
