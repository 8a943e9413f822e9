"""Matching predicted spans to gold spans: the one-to-one overlap pairing that the timex and geo
scorers share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def overlap_pairs(gold: Sequence[Spanned], predicted: Sequence[Spanned]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) overlapping pairs, largest overlap first (then
    the closest in length), sorted by gold index."""
    candidates = []
    for g, gold_span in enumerate(gold):
        for p, pred in enumerate(predicted):
            overlap = min(gold_span.end, pred.end) - max(gold_span.start, pred.start)
            if overlap > 0:
                spread = abs((gold_span.end - gold_span.start) - (pred.end - pred.start))
                candidates.append((-overlap, spread, g, p))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, _, g, p in sorted(candidates):
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p))
    return sorted(pairs)
