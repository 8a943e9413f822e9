"""Small, pure helpers over a spaCy dependency parse, shared by the event and factuality stages.

Offsets are character offsets into the ``Doc`` text, which is ``Article.text`` with non-narrative
segments blanked out, so every ``TextSpan`` made here points into the article.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from eventwire.models import TextSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
CLAUSES = frozenset({"xcomp", "ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "pcomp"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom", "whose"})
PREP_DEPS = ("prep", "agent", "dative")
PASSIVE_DEPS = ("auxpass", "nsubjpass", "csubjpass")
FUTURE_WORDS = frozenset({"next", "coming", "tomorrow", "upcoming", "later", "following", "soon"})
# Words that count what their "of" phrase names: "some of the diplomats", "each of the states".
QUANTIFIERS = frozenset(
    {"some", "many", "most", "all", "several", "few", "none", "each", "both", "any", "one"}
)


class Columns:
    """The attributes of every token of a ``Doc`` as plain lists, each read once when first asked.

    A pass that asks about every token (often several times) reads these instead of ``Token``
    objects, which spaCy builds anew on each ``doc[i]`` and each attribute of which is a lookup.
    ``texts[i] == doc[i].text``, ``lowers`` ``lower_``, ``tags`` ``tag_``, ``pos`` ``pos_``,
    ``deps`` ``dep_``, ``ent_types`` ``ent_type_``, ``spaces`` ``is_space``, ``puncts``
    ``is_punct``, ``idxs`` ``idx``, ``whitespace`` ``whitespace_``, ``ent_iobs`` ``ent_iob_``.
    """

    def __init__(self, doc: Doc) -> None:
        attrs: list[int | str] = ["ORTH", "LOWER", "TAG", "POS", "DEP", "ENT_TYPE", "IS_SPACE"]
        attrs += ["IS_PUNCT", "IDX", "SPACY", "ENT_IOB"]
        self._table = doc.to_array(attrs).reshape(len(doc), len(attrs))
        self.doc = doc
        self._strings = doc.vocab.strings
        self._known: dict[int, str] = {}

    def _column(self, column: int) -> list[int]:
        ids: list[int] = self._table[:, column].tolist()
        return ids

    def _names(self, column: int) -> list[str]:
        ids = self._column(column)
        known, strings = self._known, self._strings
        for key in set(ids).difference(known):
            known[key] = strings[key]
        return list(map(known.__getitem__, ids))

    @functools.cached_property
    def texts(self) -> list[str]:
        return self._names(0)

    @functools.cached_property
    def lowers(self) -> list[str]:
        return self._names(1)

    @functools.cached_property
    def tags(self) -> list[str]:
        return self._names(2)

    @functools.cached_property
    def pos(self) -> list[str]:
        return self._names(3)

    @functools.cached_property
    def deps(self) -> list[str]:
        return self._names(4)

    @functools.cached_property
    def ent_types(self) -> list[str]:
        return self._names(5)

    @functools.cached_property
    def spaces(self) -> list[bool]:
        return list(map(bool, self._column(6)))

    @functools.cached_property
    def puncts(self) -> list[bool]:
        return list(map(bool, self._column(7)))

    @functools.cached_property
    def idxs(self) -> list[int]:
        return self._column(8)

    @functools.cached_property
    def whitespace(self) -> list[str]:
        return list(map(("", " ").__getitem__, self._column(9)))

    @functools.cached_property
    def ent_iobs(self) -> list[str]:
        return list(map(("", "I", "O", "B").__getitem__, self._column(10)))

    @functools.cached_property
    def text(self) -> str:
        """``doc.text``."""
        return "".join(map(str.__add__, self.texts, self.whitespace))

    @functools.cached_property
    def children(self) -> dict[int, list[int]]:
        """The children of every token that has some, by index, in text order (as
        ``Token.children``)."""
        import numpy

        heads = self.doc.to_array("HEAD").astype(numpy.uint64).view(numpy.int64).tolist()
        out: dict[int, list[int]] = {}
        for i, offset in enumerate(heads):
            if offset:
                head = i + offset
                if head in out:
                    out[head].append(i)
                else:
                    out[head] = [i]
        return out

    def __len__(self) -> int:
        return len(self._table)


_PARSE: ContextVar[Columns | None] = ContextVar("eventwire_parse", default=None)


@contextmanager
def indexed(doc: Doc, columns: Columns | None = None) -> Iterator[Columns]:
    """Within this block the helpers here (``kids``, ``preps``, ``pobjs``, ``is_passive``,
    ``tokens_span``, ``hyphen_prefix``, ``entity_of``, ``entities``) read ``doc`` from ``Columns``
    built once (token attributes, children, text) instead of walking the parse and building
    ``Token`` objects on every call; same answers. The columns are dropped when the block ends,
    so they never outlive the parse they were read from."""
    columns = columns if columns is not None else Columns(doc)
    reset = _PARSE.set(columns)
    try:
        yield columns
    finally:
        _PARSE.reset(reset)


def columns_of(token: Token) -> Columns | None:
    """The columns of ``token``'s doc inside an ``indexed`` block for it, else ``None``."""
    columns = _PARSE.get()
    return columns if columns is not None and columns.doc is token.doc else None


def _indexed_doc(doc: Doc) -> Columns | None:
    columns = _PARSE.get()
    return columns if columns is not None and columns.doc is doc else None


_TEXT_KEY = "eventwire.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc and kept in its user data: spaCy joins every token's
    text anew on each access, and the events, dates and places stages all read it."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


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
    columns = columns_of(first)
    if columns is not None:  # the doc's text, built once, instead of the span's
        end = last.idx + len(last)
        return text_span(columns.text[first.idx : end], first.idx)
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
    columns = columns_of(token)
    if columns is not None:
        doc, dep_of = token.doc, columns.deps
        return [doc[c] for c in columns.children.get(token.i, ()) if not deps or dep_of[c] in deps]
    return [c for c in token.children if not deps or c.dep_ in deps]


def kid(token: Token, *deps: str) -> Token | None:
    found = kids(token, *deps)
    return found[0] if found else None


def preps(token: Token, *lemmas: str) -> list[Token]:
    """Prepositions attached to ``token`` (optionally only those with one of ``lemmas``)."""
    columns = columns_of(token)
    if columns is not None:
        doc, dep_of, lower_of = token.doc, columns.deps, columns.lowers
        return [
            doc[c]
            for c in columns.children.get(token.i, ())
            if dep_of[c] in PREP_DEPS and (not lemmas or lower_of[c] in lemmas)
        ]
    return [c for c in token.children if c.dep_ in PREP_DEPS and (not lemmas or c.lower_ in lemmas)]


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


def subtree_ids(token: Token) -> set[int]:
    """The indices of ``token``'s subtree (itself included)."""
    columns = columns_of(token)
    if columns is None:
        return {t.i for t in token.subtree}
    children = columns.children
    out = {token.i}
    stack = [token.i]
    while stack:
        for child in children.get(stack.pop(), ()):
            out.add(child)
            stack.append(child)
    return out


def is_passive(verb: Token) -> bool:
    """A passive verb: with a passive auxiliary or subject of its own, or sharing its
    conjunct's ("was arrested and charged": "charged" is passive too)."""
    return bool(kids(verb, *PASSIVE_DEPS)) or shares_passive(verb)


def shares_passive(verb: Token) -> bool:
    """A participle conjoined to a passive verb, with no subject or auxiliary of its own, is
    passive through it: "was arrested on Tuesday and charged with fraud", "were detained and
    later expelled"."""
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or verb.head.i == verb.i:
        return False
    if kids(verb, *SUBJECTS, "aux", "auxpass"):
        return False
    return bool(kids(verb.head, *PASSIVE_DEPS)) or shares_passive(verb.head)


def passive_subjects(verb: Token) -> list[Token]:
    """The subject of a passive verb, the one acted on: its own, or its conjunct's when it
    shares that conjunct's auxiliary ("the minister was arrested and charged")."""
    found = kids(verb, "nsubjpass")
    while not found and shares_passive(verb):
        verb = verb.head
        found = kids(verb, "nsubjpass")
    return found


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
    i = token.i
    columns = columns_of(token)
    if columns is not None:
        texts, whitespace = columns.texts, columns.whitespace
        if i >= 2 and texts[i - 1] == "-" and not whitespace[i - 1] and not whitespace[i - 2]:
            return columns.lowers[i - 2]
        return None
    doc = token.doc
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_:
        before = doc[i - 2]
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
    start, end = token.i, token.i + 1
    columns = _indexed_doc(doc)
    if columns is not None:
        iob = columns.ent_iobs
        while start > 0 and iob[start] == "I":
            start -= 1
        while end < len(iob) and iob[end] == "I":
            end += 1
        return doc[start:end]
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def entities(span: Span, *labels: str) -> list[Span]:
    """Named entities that start inside ``span`` (optionally only those with ``labels``)."""
    columns = _indexed_doc(span.doc)
    if columns is not None:  # only the tokens that begin an entity are looked at
        iob, types = columns.ent_iobs, columns.ent_types
        starts = [
            span.doc[i]
            for i in range(span.start, span.end)
            if iob[i] == "B" and (not labels or types[i] in labels)
        ]
    else:
        starts = [t for t in span if t.ent_iob_ == "B" and (not labels or t.ent_type_ in labels)]
    out = []
    for token in starts:
        ent = entity_of(token)
        if ent is not None:
            out.append(ent)
    return out
