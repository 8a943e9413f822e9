"""Evaluation: score extracted events against gold annotations, and prepare public benchmark sets.

Pure compute over gold-format records (``GOLD-FORMAT.md``); nothing here touches the store or loads
a model. ``events`` scores, ``benchmarks`` converts CAMEO-era sets into records and gold.
"""

from eventwire.eval.benchmarks import BenchmarkError, PreparedSet, prepare
from eventwire.eval.events import (
    PRF,
    Confusion,
    EventScores,
    Share,
    format_report,
    score_events,
)
from eventwire.eval.gold import (
    PLOVER_TYPES,
    SCORED_FIELDS,
    ActorRef,
    GoldFormatError,
    Mention,
    PlaceRef,
    load_mentions,
    parse_mention,
    write_mentions,
)

__all__ = [
    "PLOVER_TYPES",
    "PRF",
    "SCORED_FIELDS",
    "ActorRef",
    "BenchmarkError",
    "Confusion",
    "EventScores",
    "GoldFormatError",
    "Mention",
    "PlaceRef",
    "PreparedSet",
    "Share",
    "format_report",
    "load_mentions",
    "parse_mention",
    "prepare",
    "score_events",
    "write_mentions",
]
