"""A plain-text report of event scores, for people (``EventScores.to_dict`` is for machines)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventwire.eval.events import PRF, EventScores, Share

NOT_ANNOTATED = "not annotated"


def format_report(scores: EventScores, *, title: str = "Event mentions", top: int = 10) -> str:
    """The three levels, the shares over matched pairs, per-type scores and the ``top`` misses."""
    lines = [
        f"{title}: {scores.gold} gold, {scores.predicted} predicted, {scores.matched} matched"
        " (same article, sentence and type)",
    ]
    if scores.ignored_predictions:
        lines.append(f"({scores.ignored_predictions} predictions outside the scored articles)")
    lines += ["", _prf_header("level")]
    for name, prf in (
        ("type", scores.type),
        ("type + country dyad", scores.country_dyad),
        ("type + actor dyad", scores.actor_dyad),
    ):
        lines.append(_prf_row(name, prf))
    lines += ["", f"{'over matched mentions':<24}{'share':>8}{'right':>8}{'of':>6}"]
    for name, share in (
        ("date (exact)", scores.date_exact),
        ("date (overlapping)", scores.date_overlap),
        ("location country", scores.location_country),
        ("location place", scores.location_place),
        ("factuality", scores.factuality),
    ):
        lines.append(_share_row(name, share))
    if scores.per_type:
        lines += ["", _prf_header("per type")]
        lines += [_prf_row(name, prf) for name, prf in scores.per_type]
    if scores.confusions:
        lines += ["", "most common unmatched gold types (predicted instead in the same sentence):"]
        for c in scores.confusions[:top]:
            instead = c.predicted_type or "nothing"
            lines.append(f"  {c.gold_type:<10} → {instead:<10}{c.count:>6}")
    return "\n".join(lines) + "\n"


def _prf_header(label: str) -> str:
    return f"{label:<24}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'gold':>6}{'pred':>6}"


def _prf_row(name: str, prf: PRF | None) -> str:
    if prf is None:
        return f"{name:<24}{NOT_ANNOTATED:>24}"
    return (
        f"{name:<24}{prf.precision:>8.3f}{prf.recall:>8.3f}{prf.f1:>8.3f}"
        f"{prf.tp:>6}{prf.gold:>6}{prf.predicted:>6}"
    )


def _share_row(name: str, share: Share | None) -> str:
    if share is None:
        return f"{name:<24}{NOT_ANNOTATED:>22}"
    value = "-" if share.value is None else f"{share.value:.3f}"
    return f"{name:<24}{value:>8}{share.correct:>8}{share.total:>6}"
