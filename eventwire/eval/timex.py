"""Score temporal expressions (TIMEX3) the TempEval-3 way: strict and relaxed spans, type, value.

Rules, per document (documents are scored independently and the counts summed):

* **strict match**: a prediction with exactly the gold span (same start and end). Matching is
  one-to-one: two predictions with the same span match one gold timex once.
* **relaxed match**: a prediction whose span overlaps a gold span by at least one character.
  One-to-one and greedy: candidate pairs are taken largest overlap first (ties: closer lengths,
  then earlier gold, then earlier prediction); each gold and each prediction is used at most once.
* ``strict_p = strict / predicted``, ``strict_r = strict / gold``; likewise for relaxed.
* **type accuracy** = relaxed matches whose types are equal (case-insensitive) / relaxed matches.
* **value accuracy** = relaxed matches whose values are equal (see ``values_equal``) / relaxed
  matches. **value F1** is TE3's attribute F1: value_p = correct values / predicted,
  value_r = correct values / gold, value_f1 their harmonic mean (= relaxed F1 × value accuracy).
* A ratio with a zero denominator is 0.

Value equality (``values_equal``) is deliberately conservative. Equal: the same string after
trimming and upper-casing (``p1y`` = ``P1Y``); decades and centuries written as such or in years
(``P1DE`` = ``P10Y``, ``P2CE`` = ``P200Y``, HeidelTime's habit). Not equal by default: a value and
its partial form (``2012-XX-XX`` ≠ ``2012``, ``2012-03-XX`` ≠ ``2012-03``), because they denote
different granularities and TE3's scorer compares value strings; ``partial_dates=True`` makes
trailing ``-XX`` groups after a year or month drop out. ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``
and seasons (``2012-SU``) only equal themselves.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from eventwire.eval.spans import overlap_pairs
from eventwire.eval.timeml import GoldTimex, TimemlDoc, TimemlError, read_timeml_dir

log = logging.getLogger(__name__)

_PERIOD_OF_YEARS = re.compile(r"^P(\d+)(DE|CE)$")
_YEARS_PER = {"DE": 10, "CE": 100}
_PARTIAL_DATE = re.compile(r"^(\d{4}(?:-\d{2})?)(?:-XX)+$")


class PredictedTimex(Protocol):
    """What the scorer needs of a predicted timex; ``GoldTimex`` and the NLP stage's records fit."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def type(self) -> str: ...

    @property
    def value(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class TimexScores:
    """Counts summed over documents; the ratios are properties, ``to_dict`` gives percentages."""

    documents: int = 0
    gold: int = 0
    predicted: int = 0
    strict_matches: int = 0
    relaxed_matches: int = 0
    type_correct: int = 0
    value_correct: int = 0

    @property
    def strict_p(self) -> float:
        return _ratio(self.strict_matches, self.predicted)

    @property
    def strict_r(self) -> float:
        return _ratio(self.strict_matches, self.gold)

    @property
    def strict_f1(self) -> float:
        return _f1(self.strict_p, self.strict_r)

    @property
    def relaxed_p(self) -> float:
        return _ratio(self.relaxed_matches, self.predicted)

    @property
    def relaxed_r(self) -> float:
        return _ratio(self.relaxed_matches, self.gold)

    @property
    def relaxed_f1(self) -> float:
        return _f1(self.relaxed_p, self.relaxed_r)

    @property
    def type_accuracy(self) -> float:
        return _ratio(self.type_correct, self.relaxed_matches)

    @property
    def value_accuracy(self) -> float:
        return _ratio(self.value_correct, self.relaxed_matches)

    @property
    def value_p(self) -> float:
        return _ratio(self.value_correct, self.predicted)

    @property
    def value_r(self) -> float:
        return _ratio(self.value_correct, self.gold)

    @property
    def value_f1(self) -> float:
        return _f1(self.value_p, self.value_r)

    def __add__(self, other: TimexScores) -> TimexScores:
        mine, theirs = asdict(self), asdict(other)
        return TimexScores(**{key: mine[key] + theirs[key] for key in mine})

    def to_dict(self) -> dict[str, float | int]:
        """Counts as they are, every ratio in percent rounded to 2 decimals."""
        figures: dict[str, float | int] = dict(asdict(self))
        for name in _RATIOS:
            figures[name] = round(100 * getattr(self, name), 2)
        return figures


_RATIOS = (
    "strict_p",
    "strict_r",
    "strict_f1",
    "relaxed_p",
    "relaxed_r",
    "relaxed_f1",
    "type_accuracy",
    "value_accuracy",
    "value_p",
    "value_r",
    "value_f1",
)


def normalise_value(value: str | None, *, partial_dates: bool = False) -> str:
    """The form two values are compared in (rules in the module docstring); None becomes ``""``."""
    text = (value or "").strip().upper()
    period = _PERIOD_OF_YEARS.match(text)
    if period is not None:
        return f"P{int(period[1]) * _YEARS_PER[period[2]]}Y"
    if partial_dates:
        partial = _PARTIAL_DATE.match(text)
        if partial is not None:
            return partial[1]
    return text


def values_equal(gold: str | None, predicted: str | None, *, partial_dates: bool = False) -> bool:
    """Whether two TIMEX3 values denote the same thing under the conservative rules above."""
    return normalise_value(gold, partial_dates=partial_dates) == normalise_value(
        predicted, partial_dates=partial_dates
    )


def score_timex(
    gold: Sequence[TimemlDoc],
    predicted: Mapping[str, Sequence[PredictedTimex]],
    *,
    partial_dates: bool = False,
) -> TimexScores:
    """Score predictions (keyed by ``TimemlDoc.name``) against gold documents.

    A gold document with no entry has no predictions. A key naming no gold document is a mistake
    in the caller's plumbing and raises ``ValueError`` rather than being silently dropped.
    """
    unknown = sorted(set(predicted) - {doc.name for doc in gold})
    if unknown:
        raise ValueError(f"predictions for documents not in the gold set: {', '.join(unknown)}")
    total = TimexScores()
    for doc in gold:
        found = predicted.get(doc.name, ())
        total += score_document(doc.timexes, found, partial_dates=partial_dates)
    return total


def score_document(
    gold: Sequence[GoldTimex], predicted: Sequence[PredictedTimex], *, partial_dates: bool = False
) -> TimexScores:
    """The counts of one document (``documents == 1``)."""
    pairs = overlap_pairs(gold, predicted)
    type_correct = sum(
        gold[g].type.strip().upper() == predicted[p].type.strip().upper() for g, p in pairs
    )
    value_correct = sum(
        values_equal(gold[g].value, predicted[p].value, partial_dates=partial_dates)
        for g, p in pairs
    )
    return TimexScores(
        documents=1,
        gold=len(gold),
        predicted=len(predicted),
        strict_matches=_strict_count(gold, predicted),
        relaxed_matches=len(pairs),
        type_correct=type_correct,
        value_correct=value_correct,
    )


def _strict_count(gold: Sequence[GoldTimex], predicted: Sequence[PredictedTimex]) -> int:
    """Exact-span matches, one-to-one (a multiset intersection of spans)."""
    remaining: dict[tuple[int, int], int] = {}
    for timex in gold:
        key = (timex.start, timex.end)
        remaining[key] = remaining.get(key, 0) + 1
    count = 0
    for pred in predicted:
        key = (pred.start, pred.end)
        if remaining.get(key, 0) > 0:
            remaining[key] -= 1
            count += 1
    return count


def evaluate_timex_dir(
    folder: Path,
    annotate: Callable[[str, date | None], Sequence[PredictedTimex]],
    *,
    partial_dates: bool = False,
) -> TimexScores:
    """Read every ``*.tml`` in ``folder``, run ``annotate(text, dct)`` on each, and score.

    Offsets of the predictions must index the text passed to ``annotate`` (``TimemlDoc.text``).
    Raises ``TimemlError`` for an unreadable file or a folder with no ``.tml`` files.
    """
    docs = read_timeml_dir(Path(folder))
    if not docs:
        raise TimemlError(Path(folder), "no .tml files")
    predictions: dict[str, Sequence[PredictedTimex]] = {}
    for doc in docs:
        found = list(annotate(doc.text, doc.dct))
        predictions[doc.name] = found
        log.debug("%s: %d gold, %d predicted", doc.name, len(doc.timexes), len(found))
    return score_timex(docs, predictions, partial_dates=partial_dates)


def format_timex_report(scores: TimexScores) -> str:
    """A plain-text table of the TE3 figures (percent) and the counts behind them."""
    figures = scores.to_dict()
    lines = [
        f"TIMEX3 evaluation: {scores.documents} documents, "
        f"{scores.gold} gold, {scores.predicted} predicted",
        f"{'':<10}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    for name in ("strict", "relaxed", "value"):
        p, r, f1 = (figures[f"{name}_{part}"] for part in ("p", "r", "f1"))
        lines.append(f"{name:<10}{p:>8.2f}{r:>8.2f}{f1:>8.2f}")
    lines.append(
        f"type accuracy {figures['type_accuracy']:.2f}  "
        f"value accuracy {figures['value_accuracy']:.2f}  "
        f"(over {scores.relaxed_matches} relaxed matches)"
    )
    return "\n".join(lines)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


relaxed_pairs = overlap_pairs  # TempEval-3 "relaxed" matching: any overlap
