"""The English model's attribute rules (tag → part of speech, morphology and lemma exceptions),
applied by lookup instead of by spaCy's general ``Matcher``.

spaCy's ``attribute_ruler`` runs every one of its 179 rules through a ``Matcher`` over every
token, which costs about a tenth of the model's own time on news. Its rules are all one or two
tokens long and test only ``TAG``, ``LOWER``, ``DEP`` and ``IS_SPACE`` with exact values, ``IN``,
``NOT_IN`` or ``REGEX``. :class:`AttributeRules` indexes them by the exact ``TAG`` or ``LOWER``
values they need, tests the few others on every token, and applies what matched exactly as the
original does: every rule is matched against the tokens as the parser left them, then the rules
are applied in their order (a later rule overrides an earlier one), all at once through the
doc's attribute arrays. The rules are read from the loaded model at start-up, so they are always
the model's own; ``tests/test_nlp_attributes.py`` checks that both give the same tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs

COMPONENT = "eventwire_attributes"
COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # what rules test
READ = [TAG, LOWER, DEP, IS_SPACE]
ANCHORS = ("TAG", "LOWER")  # attributes with exact values a rule can be looked up by
WRITTEN = [TAG, POS, MORPH, LEMMA, DEP]  # what rules set (normalised attribute ids)
MAX_KNOWN = 200_000  # token kinds remembered before the memo starts again


Test = Callable[[Sequence[Any], int], bool]  # (the doc's columns, token index) -> matches?


@dataclass(frozen=True, slots=True)
class _Pattern:
    rule: int  # the rule's position: later rules override earlier ones
    tests: tuple[tuple[Test, ...], ...]  # one tuple of tests per token
    index: int  # the token of the match that gets the attributes


class AttributeRules:
    """The model's attribute rules, indexed; call it on a parsed ``Doc``."""

    def __init__(self, name: str = COMPONENT) -> None:
        self.name = name
        self.attrs: list[dict[int, int]] = []
        # patterns by first-token anchor, and those with none; one-token and longer apart
        self._by: tuple[dict[tuple[int, int], list[_Pattern]], ...] = ({}, {})
        self._always: tuple[list[_Pattern], ...] = ([], [])
        # the rules matching a token, by its (TAG, LOWER, DEP, IS_SPACE): one-token rules look
        # at nothing else, and news repeats its words
        self._known: dict[tuple[int, ...], tuple[int, ...]] = {}
        self._strings: Any = None
        self._patterns: list[dict[str, Any]] = []

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its rules (its tests are closures), for spaCy's worker processes."""
        return (_rebuilt, (self.name, self._patterns, self.attrs, self._strings))

    def load(self, patterns: Iterable[Mapping[str, Any]], vocab: Any) -> None:
        """Index rules written as ``AttributeRuler.patterns`` gives them."""
        entries = [dict(p) for p in patterns]
        attrs = [dict(normalize_token_attrs(vocab, dict(e["attrs"]))) for e in entries]
        self.index(entries, attrs, vocab.strings)

    def index(
        self, patterns: list[dict[str, Any]], attrs: list[dict[int, int]], strings: Any
    ) -> None:
        """Index rules whose attributes are already normalised (as ``load`` makes them)."""
        self._strings = strings
        self._patterns = patterns
        for rule, (entry, normed) in enumerate(zip(patterns, attrs, strict=True)):
            if set(normed) - set(WRITTEN):
                raise ValueError(f"attribute rule sets attributes this index cannot: {entry}")
            self.attrs.append(normed)
            for pattern in entry["patterns"]:
                tests = tuple(self._tests(spec) for spec in pattern)
                compiled = _Pattern(rule, tests, entry["index"])
                longer = int(len(tests) > 1)
                keys = self._anchor(pattern[0])
                for key in keys:
                    self._by[longer].setdefault(key, []).append(compiled)
                if not keys:
                    self._always[longer].append(compiled)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        self._strings = doc.vocab.strings  # REGEX tests read the strings of the doc's own vocab
        read = [tuple(row) for row in doc.to_array(READ).tolist()]  # TAG, LOWER, DEP, IS_SPACE
        columns = list(zip(*read, strict=True))
        matched: set[tuple[int, int]] = set()  # (rule, token), all matched before any applies
        known = self._known
        by, always = self._by[1], self._always[1]
        for i, row in enumerate(read):
            rules = known.get(row)
            if rules is None:
                rules = known[row] = self._single(row, columns, i)
                if len(known) > MAX_KNOWN:
                    known.clear()
            matched.update((rule, i) for rule in rules)
            for pattern in (*by.get((0, row[0]), ()), *by.get((1, row[1]), ()), *always):
                width = len(pattern.tests)
                if i + width <= n and all(
                    test(columns, i + k) for k, tests in enumerate(pattern.tests) for test in tests
                ):
                    where = pattern.index if pattern.index >= 0 else width + pattern.index
                    matched.add((pattern.rule, i + where))
        values: Any = doc.to_array(WRITTEN)  # uint64 hashes and ids, one row per token
        for rule, i in sorted(matched):
            for attr, value in self.attrs[rule].items():
                values[i, WRITTEN.index(attr)] = value
        doc.from_array(WRITTEN, values)
        return doc

    def _single(self, row: tuple[int, ...], columns: Sequence[Any], i: int) -> tuple[int, ...]:
        """The one-token rules a token with these columns matches, in rule order."""
        by, always = self._by[0], self._always[0]
        candidates = (*by.get((0, row[0]), ()), *by.get((1, row[1]), ()), *always)
        return tuple(
            sorted({p.rule for p in candidates if all(test(columns, i) for test in p.tests[0])})
        )

    def _anchor(self, spec: Mapping[str, Any]) -> list[tuple[int, int]]:
        """The (column, value hash) keys a first-token spec can be looked up by: its exact
        ``TAG`` values, else its exact ``LOWER`` values; none when it has neither (then it is
        tested on every token)."""
        for column, attr in enumerate(ANCHORS):
            value = spec.get(attr)
            if isinstance(value, str):
                return [(column, self._strings.add(value))]
            if isinstance(value, dict) and set(value) == {"IN"}:
                return [(column, self._strings.add(v)) for v in value["IN"]]
        return []

    def _tests(self, spec: Mapping[str, Any]) -> tuple[Test, ...]:
        out: list[Test] = []
        for attr, value in spec.items():
            if attr not in COLUMNS:
                raise ValueError(f"attribute rule tests {attr}, which this index cannot: {spec}")
            out.append(self._test(COLUMNS.index(attr), value))
        return tuple(out)

    def _test(self, column: int, value: Any) -> Test:
        strings = self._strings

        def code(v: Any) -> Any:
            return int(v) if isinstance(v, bool) else strings.add(v)

        if not isinstance(value, dict):
            wanted = code(value)
            return lambda cols, i: bool(cols[column][i] == wanted)
        if set(value) == {"IN"}:
            allowed = frozenset(code(v) for v in value["IN"])
            return lambda cols, i: cols[column][i] in allowed
        if set(value) == {"NOT_IN"}:
            banned = frozenset(code(v) for v in value["NOT_IN"])
            return lambda cols, i: cols[column][i] not in banned
        if set(value) == {"REGEX"}:
            pattern = re.compile(value["REGEX"])
            return lambda cols, i: pattern.search(self._strings[cols[column][i]]) is not None
        raise ValueError(f"attribute rule condition this index cannot test: {value}")


def _rebuilt(
    name: str, patterns: list[dict[str, Any]], attrs: list[dict[int, int]], strings: Any
) -> AttributeRules:
    rules = AttributeRules(name)
    rules.index(patterns, attrs, strings)
    return rules


@Language.factory(COMPONENT)
def make_attribute_rules(nlp: Language, name: str) -> AttributeRules:
    """An empty index; :func:`use_attribute_rules` fills it from the model's own rules."""
    return AttributeRules(name)


def use_attribute_rules(nlp: Language, replaced: str = "attribute_ruler") -> None:
    """Put the indexed rules in place of the model's ``attribute_ruler`` (same rules, same
    place in the pipeline); a model without one is left as it is."""
    if replaced not in nlp.pipe_names:
        return
    original: Any = nlp.get_pipe(replaced)
    patterns: Sequence[Mapping[str, Any]] = original.patterns
    rules = nlp.replace_pipe(replaced, COMPONENT)  # keeps the name "attribute_ruler"
    assert isinstance(rules, AttributeRules)
    rules.load(patterns, nlp.vocab)
