"""The model's rule lemmatizer, remembered per kind of token and written through the doc's
arrays.

spaCy's ``lemmatizer`` (``EnglishLemmatizer``, mode "rule") visits every token in Python: it makes
the ``Token``, its morphology and a cache key before it finds the lemma in its cache, then sets the
lemma's string one token at a time; about 1.2 ms of an article. The lemma it gives depends only on
the token's text, part of speech and morphology (spaCy's own cache is keyed by exactly
``(orth, pos, morph)``), so :class:`Lemmas` reads those columns and the lemma column as one array,
looks every token kind up in a memo and writes the column back at once. A kind it has not seen is
lemmatised by the model's own component, kept out of the pipeline for that: the rules, exception
tables and base-form tests are always the model's. Tokens that already have a lemma (the attribute
rules give some) keep it unless the model's lemmatizer overwrites, as the original does.
``tests/test_nlp_lemmas.py`` checks that both give the same lemmas.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.tokens import Doc, Token

COMPONENT = "eventwire_lemmas"
READ = [ORTH, POS, MORPH, LEMMA]
MODES = ("rule",)  # modes whose lemma is a function of (orth, pos, morph), as spaCy caches it
MAX_KNOWN = 200_000  # token kinds remembered before the memo starts again

Kind = tuple[int, int, int]  # (orth, pos, morph) hashes and ids


class Lemmas:
    """The model's lemmatizer with a memo per token kind; call it on a tagged ``Doc``."""

    def __init__(self, name: str = COMPONENT, lemmatizer: Any = None) -> None:
        self.name = name
        self.lemmatizer = lemmatizer
        self.overwrite = bool(getattr(lemmatizer, "overwrite", False))
        self._known: dict[Kind, int] = {}  # token kind -> lemma hash

    def __call__(self, doc: Doc) -> Doc:
        if self.lemmatizer is None:
            raise ValueError(f"{self.name} has no lemmatizer to follow: see use_lemmas")
        if len(doc) == 0:
            return doc
        columns: Any = doc.to_array(READ)  # uint64, one row per token
        lemmas = columns[:, 3]
        todo = numpy.arange(len(doc)) if self.overwrite else numpy.flatnonzero(lemmas == 0)
        if len(todo) == 0:
            return doc
        picked = columns[todo]
        kinds = zip(*picked[:, :3].T.tolist(), strict=True)
        known = self._known
        values: list[int] = []
        for i, kind in zip(todo.tolist(), kinds, strict=True):
            lemma = known.get(kind)
            values.append(lemma if lemma is not None else self._lemma(doc[i], kind))
        lemmas[todo] = values
        doc.from_array([LEMMA], lemmas)
        return doc

    def _lemma(self, token: Token, kind: Kind) -> int:
        """The model's lemma of a token kind not seen yet, remembered. The string is kept out of
        any memory zone, so that a remembered hash always has its string. A token without a part
        of speech is never remembered: spaCy warns about each one."""
        form: str = self.lemmatizer.lemmatize(token)[0]
        strings: Any = token.vocab.strings  # its stub lacks allow_transient
        lemma: int = strings.add(form, allow_transient=False)
        if kind[1] != 0:
            if len(self._known) >= MAX_KNOWN:
                self._known.clear()
            self._known[kind] = lemma
        return lemma


@Language.factory(COMPONENT, requires=["token.pos", "token.morph"], assigns=["token.lemma"])
def make_lemmas(nlp: Language, name: str) -> Lemmas:
    """An empty memo; :func:`use_lemmas` gives it the model's own lemmatizer to follow."""
    return Lemmas(name)


def use_lemmas(nlp: Language, replaced: str = "lemmatizer") -> None:
    """Put the memoised lemmatizer in place of the model's ``lemmatizer`` (same rules, same place
    in the pipeline); a model without one, or with a mode we do not know to be a function of the
    token kind, or without the tables it needs (spaCy's own raises its error then), is left as
    it is."""
    if replaced not in nlp.pipe_names:
        return
    original: Any = nlp.get_pipe(replaced)
    if getattr(original, "mode", None) not in MODES or not _has_tables(original):
        return
    lemmas = nlp.replace_pipe(replaced, COMPONENT)  # keeps the name "lemmatizer"
    if not isinstance(lemmas, Lemmas):
        raise TypeError(f"{COMPONENT} made a {type(lemmas).__name__}, not Lemmas")
    lemmas.lemmatizer = original
    lemmas.overwrite = bool(original.overwrite)


def _has_tables(lemmatizer: Any) -> bool:
    """Whether the lemmatizer holds every table its mode needs."""
    required, _ = lemmatizer.get_lookups_config(lemmatizer.mode)
    return all(table in lemmatizer.lookups for table in required)
