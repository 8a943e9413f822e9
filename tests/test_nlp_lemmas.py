"""The model's lemmatizer remembered per kind of token gives exactly the lemmas spaCy's gives.

Each comparison runs spaCy's ``lemmatizer`` and ours on copies of one tagged ``Doc``, so that
nothing but the lemmatizer differs.
"""

from __future__ import annotations

import importlib
import pickle
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import EXAMPLES, MODEL, REPO

EDGES = [
    # contractions and forms the attribute rules give a lemma to before the lemmatizer runs
    "She'll say it's hers, but I ain't sure; they gave it to me, didn't they? Y'all gon na see.",
    "He's done it: we've been told he'd go, we'd stay and I'm sure you're right. Can't? Won't!",
    # spaces, line breaks and punctuation of every kind
    "  Police detained   nine people.\n\n\n  \t Three (3) were freed... — 'Why?!' she asked; [sic]",
    # inflections, exceptions, comparison, proper nouns, numbers, capitals, odd tokens
    "The children's geese were better fed than the mice; worse, oxen ran and leaves fell.",
    "LEADERS MET IN OSLO ON TUESDAY. Mr. Okafor's 2,700-mile, $4.5bn trip in the 1990s ended.",
    "Talks resumed at 10:30 a.m.; see https://example.org/a?b=1 or mail press@example.org :-)",
    "Leaves leaves the leaves; she leaves, they leave, he left, it is leaving, they had left.",
    "",
]


def _lemmas(doc: Any) -> list[tuple[str, str, str, str]]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_) for t in doc]


@pytest.fixture(scope="module")
def models() -> tuple[Any, Any]:
    spacy = pytest.importorskip("spacy")
    pytest.importorskip(MODEL)
    from eventwire.nlp.lemmas import use_lemmas

    stock = spacy.load(MODEL)
    ours = spacy.load(MODEL)
    use_lemmas(ours)
    return stock, ours


def _tagged(nlp: Any, texts: list[str]) -> Iterator[Any]:
    """Docs as they reach the lemmatizer: tagged, parsed and through the attribute rules."""
    names = nlp.pipe_names[: nlp.pipe_names.index("lemmatizer")]
    with nlp.select_pipes(enable=names):
        yield from nlp.pipe(texts)


def _both(models: tuple[Any, Any], doc: Any) -> tuple[Any, Any]:
    """The doc lemmatised by spaCy's component and a copy of it by ours."""
    stock, ours = models
    copy = doc.copy()
    return stock.get_pipe("lemmatizer")(doc), ours.get_pipe("lemmatizer")(copy)


def _same(models: tuple[Any, Any], texts: list[str]) -> int:
    """How many tokens were compared; fails on the first doc whose lemmas differ."""
    from spacy.attrs import LEMMA

    count = 0
    for doc in _tagged(models[0], texts):
        theirs, ours = _both(models, doc)
        assert _lemmas(ours) == _lemmas(theirs), doc.text[:80]
        assert (ours.to_array([LEMMA]) == theirs.to_array([LEMMA])).all()
        count += len(doc)
    return count


def test_it_takes_the_place_of_spacys_lemmatizer(models: tuple[Any, Any]) -> None:
    from eventwire.nlp.lemmas import Lemmas

    stock, ours = models
    assert isinstance(ours.get_pipe("lemmatizer"), Lemmas)
    assert ours.pipe_names == stock.pipe_names


def test_the_pipeline_we_load_uses_it(parse: Any) -> None:
    from eventwire.nlp.lemmas import Lemmas

    assert isinstance(parse.get_pipe("lemmatizer"), Lemmas)


def test_the_same_lemmas_on_edge_cases(models: tuple[Any, Any]) -> None:
    assert _same(models, EDGES) > 100
    assert _same(models, EDGES) > 100  # again, now from the memo


def test_the_same_lemmas_on_the_example_reports(models: tuple[Any, Any]) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((EXAMPLES / "reports").glob("*.txt"))]
    assert texts
    assert _same(models, texts) > 1000


def test_the_same_lemmas_on_the_benchmark_corpus(
    models: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(REPO / "bench"))
    corpus = importlib.import_module("corpus")  # as bench/run.py imports it
    texts = [r.text for r in corpus.generate(24, seed=11, length=40)]
    assert _same(models, texts) > 10_000


def test_lemmas_already_set_are_kept_as_spacy_keeps_them(models: tuple[Any, Any]) -> None:
    doc = next(_tagged(models[0], ["The ministers were meeting in Oslo."]))
    doc[1].lemma_ = "envoy"
    doc[3].lemma_ = "meet-up"
    theirs, ours = _both(models, doc)
    assert _lemmas(ours) == _lemmas(theirs)
    assert [t.lemma_ for t in ours][1:4] == ["envoy", "be", "meet-up"]


def test_a_lemmatizer_that_overwrites_is_followed() -> None:
    spacy = pytest.importorskip("spacy")
    pytest.importorskip(MODEL)
    from eventwire.nlp.lemmas import use_lemmas

    config = {"components": {"lemmatizer": {"overwrite": True}}}
    stock = spacy.load(MODEL, config=config)
    ours = spacy.load(MODEL, config=config)
    use_lemmas(ours)
    assert ours.get_pipe("lemmatizer").overwrite
    doc = next(_tagged(stock, [EDGES[0]]))
    for token in doc:
        token.lemma_ = "preset"
    theirs, mine = _both((stock, ours), doc)
    assert _lemmas(mine) == _lemmas(theirs)
    assert "preset" not in {t.lemma_ for t in mine}


def test_one_word_with_other_tags_gets_each_its_own_lemma(models: tuple[Any, Any]) -> None:
    """Hand-built tags, morphology included (the base-form tests read it): the memo tells apart
    every (word, part of speech, morphology) as spaCy's cache does."""
    from spacy.tokens import Doc

    stock, _ = models
    words = ["leaves", "leaves", "leaves", "leaves", "Leaves", "better", "better", "ran", ".", " "]
    pos = ["NOUN", "NOUN", "VERB", "VERB", "PROPN", "ADJ", "ADJ", "VERB", "PUNCT", "SPACE"]
    morphs = [
        "Number=Plur",
        "Number=Sing",
        "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin",
        "Tense=Pres|VerbForm=Fin",
        "Number=Sing",
        "Degree=Cmp",
        "Degree=Pos",
        "Tense=Past|VerbForm=Fin",
        "PunctType=Peri",
        "",
    ]
    for _ in range(2):  # the second time from the memo
        doc = Doc(stock.vocab, words=words, spaces=[True] * len(words), pos=pos, morphs=morphs)
        theirs, ours = _both(models, doc)
        assert _lemmas(ours) == _lemmas(theirs)
        assert [t.lemma_ for t in ours] == [
            "leaf", "leaves", "leave", "leaves", "Leaves", "well", "better", "run", ".", " "
        ]  # fmt: skip


def test_a_token_without_a_part_of_speech_is_warned_about_each_time(
    models: tuple[Any, Any],
) -> None:
    from spacy.tokens import Doc

    stock, _ = models
    words = ["Talks", "ended", "Talks"]
    for _ in range(2):
        doc = Doc(stock.vocab, words=words, pos=["", "VERB", ""], morphs=["", "", ""])
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            theirs, ours = _both(models, doc)
        assert _lemmas(ours) == _lemmas(theirs)
        assert sum("W108" in str(w.message) for w in caught) == 4  # two tokens, both lemmatizers


def test_the_memo_survives_pickling_for_worker_processes(models: tuple[Any, Any]) -> None:
    doc = next(_tagged(models[0], [EDGES[3]]))
    copy = doc.copy()
    theirs, _ = _both(models, doc)
    lemmas = pickle.loads(pickle.dumps(models[1].get_pipe("lemmatizer")))
    assert _lemmas(lemmas(copy)) == _lemmas(theirs)


def test_an_empty_memo_refuses_to_guess() -> None:
    pytest.importorskip("spacy")
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from eventwire.nlp.lemmas import Lemmas

    with pytest.raises(ValueError, match="no lemmatizer"):
        Lemmas()(Doc(Vocab(), words=["talks"]))


@pytest.mark.parametrize("mode", ["rule", "lookup"])
def test_a_lemmatizer_without_its_tables_is_left_to_spacy(mode: str) -> None:
    spacy = pytest.importorskip("spacy")
    from eventwire.nlp.lemmas import use_lemmas

    nlp = spacy.blank("en")
    original = nlp.add_pipe("lemmatizer", config={"mode": mode})
    use_lemmas(nlp)
    assert nlp.get_pipe("lemmatizer") is original
