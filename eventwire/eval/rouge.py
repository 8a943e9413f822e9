"""ROUGE-style n-gram overlap on news sentences: PTB tokens undone, lower-cased words, no
stemming, no stopword removal; n-grams never cross a sentence boundary."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
        "``": '"', "''": '"'}  # fmt: skip
_GLUE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "..."})
_GLUE_AFTER = frozenset({"(", "[", "{", "$"})
_CLITIC = re.compile(r"(?i)'(?:s|re|ve|ll|d|m)?|n't")
_WORD = re.compile(r"[^\W_]+")


def detokenize(line: str) -> str:
    """PTB-tokenised text back to ordinary spacing: ``-LRB- 1,100 -RRB- do n't`` →
    ``(1,100) don't``. Text that is not tokenised passes through (whitespace collapsed)."""
    out: list[str] = []
    glue_next = False
    quote_open = False
    for token in line.split():
        word = _PTB.get(token, token)
        glue = glue_next or not out
        glue_next = False
        if word == '"':
            glue = glue or quote_open
            glue_next = not quote_open
            quote_open = not quote_open
        elif word in _GLUE_BEFORE or _CLITIC.fullmatch(word):
            glue = True
        elif word in _GLUE_AFTER:
            glue_next = True
        out.append(word if glue else " " + word)
    return "".join(out)


def words(text: str) -> list[str]:
    """The scored tokens: PTB escapes undone, lower-cased runs of letters and digits."""
    return _WORD.findall(detokenize(text).lower())


def ngrams(sentences: Iterable[str], n: int) -> Counter[tuple[str, ...]]:
    """The n-grams of each sentence (none crosses a sentence boundary), counted."""
    counts: Counter[tuple[str, ...]] = Counter()
    for sentence in sentences:
        tokens = words(sentence)
        counts.update(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return counts


@dataclass(frozen=True, slots=True)
class Overlap:
    """Clipped n-gram matches, and the predicted and gold n-gram totals they are a share of."""

    matched: int
    predicted: int
    gold: int

    def __add__(self, other: Overlap) -> Overlap:
        return Overlap(
            self.matched + other.matched, self.predicted + other.predicted, self.gold + other.gold
        )

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


NONE = Overlap(0, 0, 0)


def overlap(predicted: Sequence[str], gold: Sequence[str], n: int) -> Overlap:
    """ROUGE-N counts of predicted sentences against gold sentences."""
    ours, theirs = ngrams(predicted, n), ngrams(gold, n)
    matched = sum(min(count, theirs[gram]) for gram, count in ours.items())
    return Overlap(matched, sum(ours.values()), sum(theirs.values()))


def f1(precision: float, recall: float) -> float:
    """The harmonic mean; 0 when both are 0."""
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0
