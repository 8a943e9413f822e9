"""Gold-format parsing at the boundary, the public API, and properties of the scorer."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eventwire.eval
from eventwire.eval import (
    PLOVER_TYPES,
    ActorRef,
    GoldFormatError,
    Mention,
    PlaceRef,
    load_mentions,
    score_events,
    write_mentions,
)
from eventwire.eval.assignment import max_weight_matching
from eventwire.models import Factuality, date_interval

REPO = Path(__file__).resolve().parents[1]

GOOD = {
    "article": "a.txt",
    "sentence": "Officials met.",
    "source": {"name": "Ana Costa", "country": "PRT", "sector": "GOV"},
    "type": "CONSULT",
    "mode": "meet",
    "target": None,
    "location": None,
    "date": "2024-03",
    "factuality": "asserted",
}


def test_public_api_is_exactly_all() -> None:
    modules = {"assignment", "benchmarks", "codes", "events", "gold", "matching", "report"}
    modules |= {"timex", "timeml", "geo", "geo_sets", "geo_run", "stories", "spans"}
    modules |= {"timelines", "rouge", "timeline_sets", "loose_dates", "verbs", "realnews"}
    public = {name for name in dir(eventwire.eval) if not name.startswith("_")}
    assert public - modules == set(eventwire.eval.__all__)


def test_load_mentions_reads_every_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    second = {
        **GOOD,
        "annotated": ["country", "actor"],
        "note": "n",
        "extra": 1,
        "said_by": "aides",
    }
    path.write_text(json.dumps(GOOD) + "\n\n" + json.dumps(second) + "\n", encoding="utf-8")
    first, other = load_mentions(path)
    assert first.source == ActorRef("Ana Costa", "PRT", "GOV")
    assert first.factuality is Factuality.ASSERTED
    assert first.annotated == eventwire.eval.SCORED_FIELDS
    assert other.annotated == {"country", "actor"}
    assert (other.note, other.said_by) == ("n", "aides")


def test_written_mentions_load_back_equal(tmp_path: Path) -> None:
    mentions = [
        Mention(
            article="b.txt",
            sentence="Troops fired.",
            type="ASSAULT",
            source=ActorRef(None, "AAA", "MIL"),
            location=PlaceRef("Port Vale", "BBB"),
            date="2024-01-02/2024-01-03",
            factuality=Factuality.REPORTED,
            annotated=frozenset({"country"}),
        ),
        Mention(article="c.txt", sentence="They met.", type="CONSULT"),
    ]
    path = tmp_path / "out.jsonl"
    assert write_mentions(mentions, path) == 2
    assert load_mentions(path) == mentions


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "Expecting property name"),
        ("[1, 2]", "expected a JSON object"),
        (json.dumps({**GOOD, "type": "FIGHT"}), "not a PLOVER event type"),
        (
            json.dumps({k: v for k, v in GOOD.items() if k != "article"}),
            "missing required field 'article'",
        ),
        (json.dumps({**GOOD, "sentence": "  "}), "'sentence' is empty"),
        (json.dumps({**GOOD, "source": {"name": "X", "country": "usa"}}), "source.country 'usa'"),
        (json.dumps({**GOOD, "source": "USA"}), "'source' must be an object"),
        (json.dumps({**GOOD, "date": "2024-13"}), "month must be in 1..12"),
        (json.dumps({**GOOD, "date": "last week"}), "not an ISO date"),
        (json.dumps({**GOOD, "date": "2024-03-02/2024-03-01"}), "ends before it starts"),
        (json.dumps({**GOOD, "factuality": "likely"}), "'factuality' 'likely' is not one of"),
        (json.dumps({**GOOD, "mode": 3}), "'mode' must be a string or null"),
        (json.dumps({**GOOD, "location": {"name": "X", "country": "Lisbon"}}), "location.country"),
        (json.dumps({**GOOD, "annotated": ["colour"]}), "unknown fields ['colour']"),
    ],
)
def test_malformed_gold_line_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(
        json.dumps(GOOD) + "\n" + json.dumps(GOOD) + "\n" + line + "\n", encoding="utf-8"
    )
    with pytest.raises(GoldFormatError, match=r"gold\.jsonl:3: ") as info:
        load_mentions(path)
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)


def test_unreadable_gold_file_is_a_gold_format_error(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError, match="cannot read"):
        load_mentions(tmp_path / "missing.jsonl")
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00{")
    with pytest.raises(GoldFormatError, match="not UTF-8"):
        load_mentions(binary)


def test_date_intervals() -> None:
    import datetime as dt

    assert date_interval("2024") == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert date_interval("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert date_interval("2023-12") == (dt.date(2023, 12, 1), dt.date(2023, 12, 31))
    assert date_interval("2024-02-27T10:00:00Z") == (dt.date(2024, 2, 27), dt.date(2024, 2, 27))
    assert date_interval("2024-02-27/2024-03") == (dt.date(2024, 2, 27), dt.date(2024, 3, 31))


def test_repo_example_gold_scores_perfectly_against_itself() -> None:
    gold = load_mentions(REPO / "examples" / "gold-events.jsonl")
    scores = score_events(gold, gold)
    assert scores.type.f1 == 1.0
    assert scores.actor_dyad is not None and scores.actor_dyad.f1 == 1.0


# --- properties -----------------------------------------------------------------------------------

_SENTENCES = [
    "Leaders met in the capital.",
    "Troops shelled the town.",
    "Unions marched on Friday.",
]
_names = st.sampled_from(
    ["Ana Costa", "Costa", "President Ivo Marr", "Kim Jong Un", "Kim", "the Army"]
)
_countries = st.sampled_from(["AAA", "BBB", "IGO", "UNO", None])
_actors = st.none() | st.builds(
    ActorRef, name=st.none() | _names, country=_countries, sector=st.none()
)
_mentions = st.builds(
    Mention,
    article=st.sampled_from(["one.txt", "https://example.org/news/two", "rec-3"]),
    sentence=st.sampled_from(_SENTENCES),
    type=st.sampled_from(sorted(PLOVER_TYPES)),
    source=_actors,
    target=_actors,
    mode=st.sampled_from([None, "meet", "visit"]),
    location=st.none() | st.builds(PlaceRef, name=st.just("X"), country=_countries),
    date=st.sampled_from([None, "2024", "2024-02", "2024-02-03", "2024-02-01/2024-02-05"]),
    factuality=st.none() | st.sampled_from(list(Factuality)),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(_mentions, min_size=1, max_size=12))
def test_any_list_scores_perfectly_against_itself(mentions: list[Mention]) -> None:
    scores = score_events(mentions, list(mentions))
    for prf in (scores.type, scores.country_dyad, scores.actor_dyad):
        assert prf is not None
        assert (prf.precision, prf.recall, prf.f1) == (1.0, 1.0, 1.0)
    for share in (
        scores.date_exact,
        scores.date_overlap,
        scores.factuality,
        scores.location_country,
    ):
        assert share is not None and share.value in (None, 1.0)


@settings(max_examples=40, deadline=None)
@given(st.lists(_mentions, min_size=1, max_size=12))
def test_empty_prediction_has_zero_recall(mentions: list[Mention]) -> None:
    scores = score_events(mentions, [])
    for prf in (scores.type, scores.country_dyad, scores.actor_dyad):
        assert prf is not None and prf.recall == 0.0 and prf.tp == 0


@settings(max_examples=80, deadline=None)
@given(st.lists(_mentions, max_size=10), st.lists(_mentions, max_size=10))
def test_counts_are_consistent(gold: list[Mention], pred: list[Mention]) -> None:
    scores = score_events(gold, pred)
    assert scores.matched <= min(len(gold), len(pred))
    assert scores.country_dyad is not None and scores.actor_dyad is not None
    assert scores.country_dyad.tp <= scores.matched and scores.actor_dyad.tp <= scores.matched
    assert sum(prf.tp for _, prf in scores.per_type) == scores.matched
    assert sum(n for _, n in scores.missed) == len(gold) - scores.matched
    assert (
        len({g for g, _ in scores.matches}) == len({p for _, p in scores.matches}) == scores.matched
    )


def _best_by_brute_force(weights: dict[tuple[int, int], int]) -> int:
    lefts = sorted({a for a, _ in weights})
    rights = sorted({b for _, b in weights})
    best = 0
    for size in range(min(len(lefts), len(rights)) + 1):
        for chosen in itertools.combinations(lefts, size):
            for order in itertools.permutations(rights, size):
                pairs = list(zip(chosen, order, strict=True))
                if all(p in weights for p in pairs):
                    best = max(best, sum(weights[p] for p in pairs))
    return best


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.tuples(st.integers(0, 4), st.integers(0, 4)), st.integers(1, 30), max_size=14
    )
)
def test_assignment_is_one_to_one_and_optimal(weights: dict[tuple[int, int], int]) -> None:
    pairs = max_weight_matching(weights)
    assert len({a for a, _ in pairs}) == len({b for _, b in pairs}) == len(pairs)
    assert all(p in weights for p in pairs)
    assert sum(weights[p] for p in pairs) == _best_by_brute_force(weights)
